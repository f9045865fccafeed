"""Raw article and mention rows for name-resolution tests (no extractor involved)."""

from __future__ import annotations

import hashlib

from workbench.store.db import now


def article(store, text, file):
    with store.write():
        return store.conn.execute(
            "INSERT INTO articles (content_hash, file, title, text, ingested_at) VALUES (?,?,?,?,?) "
            "RETURNING id",
            [hashlib.sha256(text.encode()).hexdigest(), file, file, text, now()],
        ).fetchone()[0]


def mention(store, article_id, surface, entity_id, kind):
    text = store.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
    start = text.index(surface)
    with store.write():
        store.conn.execute(
            'INSERT INTO mentions (article_id, start, "end", text, kind, entity_id) VALUES (?,?,?,?,?,?)',
            [article_id, start, start + len(surface), surface, kind, entity_id],
        )
