"""Provides `extract_articles`: run the extractor over stored articles and save the results.

Big batches use every core: worker processes read chunks of articles through their own
connections (WAL lets them read while the parent writes) and extract them; the parent writes,
one transaction per batch of articles, so readers never see half an article. Workers are
spawned, never forked, because the TUI calls this from a thread and forking a threaded
process can deadlock. Workers get article ids and send back plain tuples: the parent neither
reads nor pickles article texts.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..store import Store
from ..store.changes import log_system
from .core import extract
from .lexicon import Lexicon, cached_lexicon
from .model import Extraction, Packed, pack
from .persist import Writer

PARALLEL_MIN = 200  # below this, starting processes costs more than it saves
BATCH = 200  # articles per write transaction
FETCH = 500  # articles read from the database at a time
IN_FLIGHT = 1024  # articles handed to workers and not yet written
CHUNK = 32  # articles per task sent to a worker

_worker_lex: Lexicon | None = None
_worker_conn: sqlite3.Connection | None = None


def learnt_names(store: Store) -> tuple[tuple[str, str, str, str], ...]:
    """Names analysts taught the database (merges, edits): (kind, alias, canonical, attrs)."""
    rows = store.conn.execute(
        "SELECT e.kind, a.name, e.id FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.source IN ('merge', 'analyst') ORDER BY a.id"
    ).fetchall()
    from ..store.entities import follow

    out = []
    for kind, alias, eid in rows:
        live = follow(store, eid)
        canonical, attrs = store.conn.execute(
            "SELECT canonical, attrs FROM entities WHERE id = ?", [live]
        ).fetchone()
        out.append((kind, alias, canonical, attrs or "{}"))
    return tuple(out)


def extract_articles(
    store: Store,
    article_ids: list[int] | None = None,
    *,
    rerun: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    dictionary_dirs: tuple[str, ...] | list[str] = (),
) -> dict[str, Any]:
    """Extract the given articles (all not yet extracted when None; all with `rerun`).

    Returns a summary: articles, mentions, events, linked (sources added to another
    article's event), kept (analyst-touched events left alone), entities (created), seconds.
    """
    started = time.perf_counter()
    ids = _ids(store, article_ids, rerun)
    dirs = tuple(str(d) for d in dictionary_dirs)
    learnt = learnt_names(store)
    lex = cached_lexicon(dirs, learnt)
    writer = Writer(store, lex)
    total = len(ids)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_MIN else 1
    results = (
        _parallel(store, ids, workers, dirs, learnt) if workers > 1 else _serial(store, ids, lex)
    )
    done = 0
    failed: list[str] = []
    batch: list[tuple[int, Extraction, bool]] = []
    for item in results:
        if isinstance(item[1], str):  # this article's extraction raised: report, go on
            failed.append(f"article {item[0]}: {item[1]}")
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            done += _flush(store, writer, batch)
            if progress:
                progress(done, total)
    done += _flush(store, writer, batch)
    if progress:
        progress(done, total)
    summary = {
        **writer.counts,
        "entities": writer.created,
        "failed": failed,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if total:
        target = f"articles:{ids[0]}" if total == 1 else "articles:*"
        log_system(
            store, "extract-articles", target, {**summary, "rerun": rerun, "workers": workers}
        )
    return summary


def _ids(store: Store, article_ids: list[int] | None, rerun: bool) -> list[int]:
    if article_ids is not None:
        return [int(i) for i in article_ids]
    where = "" if rerun else " WHERE extracted_at IS NULL"
    return [r[0] for r in store.conn.execute(f"SELECT id FROM articles{where} ORDER BY id")]


def _rows(
    store: Store | None, ids: list[int], conn=None
) -> Iterator[tuple[int, str, str | None, str]]:
    conn = conn or store.conn
    for i in range(0, len(ids), FETCH):
        chunk = ids[i : i + FETCH]
        marks = ",".join("?" * len(chunk))
        found = {
            r[0]: r
            for r in conn.execute(
                f"SELECT id, text, published, boilerplate, extracted_at IS NULL FROM articles "
                f"WHERE id IN ({marks})",
                chunk,
            )
        }
        for aid in chunk:
            if aid in found:
                yield found[aid]


def _flush(store: Store, writer: Writer, batch: list[tuple[int, Extraction, bool]]) -> int:
    if not batch:
        return 0
    with store.write():
        writer.begin()
        if all(fresh for _, _, fresh in batch):
            writer.prefetch([article_id for article_id, _, _ in batch])
        for article_id, ex, fresh in batch:
            writer.write(article_id, ex, fresh)
        writer.flush()
    n = len(batch)
    batch.clear()
    return n


def _one(lex: Lexicon, row) -> tuple[int, Extraction | str, bool]:
    """(article id, its extraction, fresh); a failure is (id, "Error: message", fresh): the
    article stays unextracted and the rest of the batch goes on."""
    article_id, text, published, boilerplate, fresh = row
    try:
        ex = extract(text, published, json.loads(boilerplate or "[]"), lex)
    except Exception as exc:  # a bug met on one text must not stop a 10,000-article run
        return article_id, f"extraction failed ({type(exc).__name__}: {exc})", bool(fresh)
    return article_id, ex, bool(fresh)


def _serial(store: Store, ids: list[int], lex: Lexicon) -> Iterator[tuple[int, Extraction, bool]]:
    for row in _rows(store, ids):
        yield _one(lex, row)


def _init(dirs: tuple[str, ...], learnt, path: str | None = None) -> None:
    global _worker_lex, _worker_conn
    _worker_lex = cached_lexicon(dirs, learnt)
    # Workers read their articles themselves (WAL lets them read while the parent writes):
    # the parent then sends ids, not texts, and never reads or pickles an article.
    _worker_conn = sqlite3.connect(path, timeout=30) if path else None


def _work(task: list) -> list[tuple[int, Packed, bool]]:
    """Extract a chunk: article ids (read here) or, for an in-memory database, rows."""
    rows = list(_rows(None, task, _worker_conn)) if _worker_conn is not None else task
    out = []
    for row in rows:
        article_id, ex, fresh = _one(_worker_lex, row)
        if isinstance(ex, str):
            out.append((article_id, ex, fresh))
            continue
        # Dictionary entities are rebuilt by the parent from its own copy: send only new names.
        ex.entities = {k: v for k, v in ex.entities.items() if v.origin != "dictionary"}
        out.append((article_id, pack(ex), fresh))  # tuples: cheap to pickle and unpickle
    return out


def _chunks(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(store, ids, workers, dirs, learnt) -> Iterator[tuple[int, Packed, bool]]:
    # spawn, not fork: the TUI calls this from a thread, and forking a threaded process can
    # deadlock; spawned workers are also our children, so their memory shows in getrusage.
    ctx = mp.get_context("spawn")
    # Tasks of CHUNK articles: one message each way per chunk, and one pickle per chunk
    # shares the strings its articles repeat (kinds, rule names, entity names).
    chunk = max(1, min(CHUNK, len(ids) // (4 * workers)))
    memory = store.path == ":memory:"  # no second connection to an in-memory database
    path = None if memory else store.path
    with ctx.Pool(workers, initializer=_init, initargs=(dirs, learnt, path)) as pool:
        if memory:
            for i in range(0, len(ids), FETCH):
                rows = _chunks(_rows(store, ids[i : i + FETCH]), chunk)
                for results in pool.imap(_work, rows):
                    yield from results
        else:
            # At most IN_FLIGHT articles are handed out ahead of the writer, so memory stays
            # flat however many articles there are (the pool's feeder would queue them all).
            slots = threading.BoundedSemaphore(max(2 * workers, IN_FLIGHT // chunk))

            def feed() -> Iterator[list[int]]:
                for i in range(0, len(ids), chunk):
                    slots.acquire()
                    yield ids[i : i + chunk]

            for results in pool.imap(_work, feed()):
                slots.release()
                yield from results
