"""Provides `ArticleMatcher`: another analyst's sources matched to articles here, or stubbed.

An exported source names its article by content hash, url, file name and title. We look
for it by content hash (a stub's "stub:<hash>" counts), then url, then file name and title,
preferring real articles over stubs and older over newer. An article we do not have becomes
a stub: its metadata, empty text, status `done`, `meta.stub = true`, and content hash
`stub:<hash>`, since the real hash would make a later ingest of the real article look like
a duplicate and skip it (exports strip the prefix, so the round trip keeps the hash).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..store import Tx, now


class ArticleMatcher:
    """Finds or stubs the article of each source, once per distinct article."""

    def __init__(self, tx: Tx, origin: str):
        self.tx = tx
        self.store = tx.store
        self.origin = origin
        self.articles: dict[tuple, int] = {}
        self.matched = 0
        self.stubbed = 0
        self.stubs: set[int] = set()  # the articles this import stubbed
        self._text_of: int | None = None  # the article whose text `_text` is
        self._text: str | None = None

    def match(self, src: dict[str, Any]) -> int:
        key = tuple(str(src.get(k) or "") for k in ("content_hash", "url", "file", "title"))
        if key in self.articles:
            return self.articles[key]
        found = self._match_article(*key)
        if found is None:
            found = self._stub(src, key[0])
            self.stubs.add(found)
            self.stubbed += 1
        else:
            self.matched += 1
        self.articles[key] = found
        return found

    def _match_article(self, content_hash: str, url: str, file: str, title: str) -> int | None:
        # Real articles before stubs, oldest first: deterministic and the best evidence.
        order = "ORDER BY content_hash LIKE 'stub:%', id LIMIT 1"
        if content_hash:
            found = self.store.scalar(
                f"SELECT id FROM articles WHERE content_hash IN (?, ?) {order}",
                [content_hash, f"stub:{content_hash}"],
            )
            if found is not None:
                return found
        if url:
            found = self.store.scalar(f"SELECT id FROM articles WHERE url = ? {order}", [url])
            if found is not None:
                return found
        if file:
            return self.store.scalar(
                f"SELECT id FROM articles WHERE (file = ? OR record_id = ?) AND title = ? {order}",
                [file, file, title],
            )
        return None

    def _stub(self, src: dict[str, Any], content_hash: str) -> int:
        if not content_hash:
            basis = "\n".join(str(src.get(k) or "") for k in ("url", "file", "title", "outlet"))
            content_hash = hashlib.sha256(basis.encode("utf-8")).hexdigest()
        published = src.get("published") or None
        return self.tx.insert(
            "articles",
            {
                "content_hash": f"stub:{content_hash}",
                "file": str(src.get("file") or "import"),
                "title": str(src.get("title") or ""),
                "outlet": str(src.get("outlet") or ""),
                "url": str(src.get("url") or ""),
                "published": published,
                "published_source": "given" if published else "unknown",
                "text": "",
                "meta": json.dumps(
                    {
                        "stub": True,
                        "imported_from": self.origin,
                        "article_id": src.get("article_id"),
                    },
                    ensure_ascii=False,
                ),
                "status": "done",
                "ingested_at": now(),
            },
        )

    def anchored(self, article_id: int, src: dict[str, Any]) -> tuple[int | None, int | None]:
        """The quote's span in our copy of the article (moved if the text differs)."""
        start, end, quote = src.get("start"), src.get("end"), src.get("quote") or ""
        if self._text_of != article_id:  # an article's events mostly come together
            self._text = self.store.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
            self._text_of = article_id
        text = self._text or ""
        if not quote or not text:
            return start, end
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == quote:
            return start, end
        where = text.find(quote)
        return (where, where + len(quote)) if where >= 0 else (start, end)
