"""Provides `extract_articles`: run the extractor over stored articles and save the results.

Big batches use every core: worker processes read chunks of articles through their own
connections (WAL lets them read while the parent writes) and extract them; the parent writes,
one transaction per batch of articles, so readers never see half an article. Workers are
spawned, never forked, because the TUI calls this from a thread and forking a threaded
process can deadlock. Workers get article ids and send back plain tuples: the parent neither
reads nor pickles article texts.
"""

from __future__ import annotations

import gc
import json
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..store import Store
from ..store.backends import backend_for
from ..store.changes import log_system
from .core import _cyclic_gc_paused, extract, warm
from .deadline import DEFAULT_SECONDS, ExtractionTimeout, Watchdog
from .lexicon import Lexicon, cached_lexicon
from .model import Extraction, Packed, pack
from .persist import Writer

PARALLEL_MIN = 200  # below this, starting processes costs more than it saves
BATCH = 200  # articles per write transaction
FETCH = 500  # articles read from the database at a time
IN_FLIGHT = 1024  # articles handed to workers and not yet written
CHUNK = 32  # articles per task sent to a worker

_worker_lex: Lexicon | None = None
_worker_conn: Any = None
_worker_watchdog: Watchdog | None = None


def learnt_names(store: Store) -> tuple[tuple[str, str, str, str], ...]:
    """Names analysts taught the database: merges and edits (kind, alias, canonical, attrs),
    and the names of places an analyst gave coordinates (names screen `e`, `names set`):
    a place the gazetteer lacked, once placed, is found and placed in later articles."""
    rows = store.conn.execute(
        "SELECT e.kind, a.name, e.id, a.source IN ('merge', 'analyst') "
        "FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.source IN ('merge', 'analyst') OR (e.kind = 'place' AND a.entity_id IN "
        "(SELECT CAST(substr(target, 10) AS INTEGER) FROM actions "
        "WHERE action = 'edit-entity' AND target LIKE 'entities:%')) ORDER BY a.id"
    ).fetchall()
    from ..store.entities import follow

    out = []
    for kind, alias, eid, taught in rows:
        live = follow(store, eid)
        canonical, attrs = store.conn.execute(
            "SELECT canonical, attrs FROM entities WHERE id = ?", [live]
        ).fetchone()
        # An edit taught the place only while its coordinates stand (an undo takes them).
        if taught or json.loads(attrs or "{}").get("latitude") is not None:
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
    time_limit: float | None = DEFAULT_SECONDS,
) -> dict[str, Any]:
    """Extract the given articles (all not yet extracted when None; all with `rerun`).

    An article whose extraction raises or runs past `time_limit` seconds (None or 0: no
    limit) is left unextracted with its reason recorded (`articles.extract_error`) and
    named in `failed`; the batch goes on.

    Returns a summary: articles, mentions, events, linked (sources added to another
    article's event), kept (analyst-touched events left alone), entities (created),
    failed (one line per article), seconds.
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
    limit = float(time_limit or 0)
    watchdog = Watchdog(limit)
    results = (
        _parallel(store, ids, workers, dirs, learnt, limit)
        if workers > 1
        else _serial(store, ids, lex, watchdog)
    )
    done = 0
    failures: dict[int, str] = {}
    batch: list[tuple[int, Extraction | Packed, bool]] = []
    try:
        for article_id, ex, fresh in results:
            if isinstance(ex, str):  # this article's extraction failed: report, go on
                failures[article_id] = ex
                continue
            batch.append((article_id, ex, fresh))
            if len(batch) >= BATCH:
                done += _flush(store, writer, batch)
                if progress:
                    progress(done, total)
        done += _flush(store, writer, batch)
    finally:
        watchdog.close()
    if progress:
        progress(done, total)
    failed = _record_failures(store, failures)
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
    # Stubs (imported metadata, no text) have nothing to extract.
    where = " WHERE content_hash NOT LIKE 'stub:%'"
    where += "" if rerun else " AND extracted_at IS NULL"
    return [r[0] for r in store.conn.execute(f"SELECT id FROM articles{where} ORDER BY id")]


def unextracted(store: Store) -> tuple[list[int], int]:
    """Articles never extracted (a killed ingest or extract leaves them so) that have not
    failed before, and how many did fail (`workbench extract --all` retries those)."""
    rows = store.conn.execute(
        "SELECT id, extract_error IS NOT NULL FROM articles WHERE extracted_at IS NULL "
        "AND content_hash NOT LIKE 'stub:%' ORDER BY id"
    ).fetchall()
    return [aid for aid, failed in rows if not failed], sum(failed for _, failed in rows)


def _record_failures(store: Store, failures: dict[int, str]) -> list[str]:
    """Keep each failure's reason on its article (reported by ingest and the queue, and not
    retried by them) and return one line per article, naming its file."""
    if not failures:
        return []
    with store.write():
        store.conn.executemany(
            "UPDATE articles SET extract_error = ? WHERE id = ?",
            [(why, aid) for aid, why in failures.items()],
        )
    marks = ",".join("?" * len(failures))
    files = dict(
        store.conn.execute(
            f"SELECT id, coalesce(nullif(record_id, ''), file) FROM articles WHERE id IN ({marks})",
            list(failures),
        ).fetchall()
    )
    return [f"article {aid} ({files.get(aid, '?')}): {why}" for aid, why in failures.items()]


def _rows(
    store: Store | None, ids: list[int], conn=None
) -> Iterator[tuple[int, str, str | None, str, bool, str]]:
    if conn is None:
        assert store is not None, "a store or a connection"
        conn = store.conn
    for i in range(0, len(ids), FETCH):
        chunk = ids[i : i + FETCH]
        marks = ",".join("?" * len(chunk))
        found = {
            r[0]: r
            for r in conn.execute(
                f"SELECT id, text, published, boilerplate, extracted_at IS NULL, outlet "
                f"FROM articles "
                f"WHERE id IN ({marks})",
                chunk,
            )
        }
        for aid in chunk:
            if aid in found:
                yield found[aid]


def _flush(store: Store, writer: Writer, batch: list[tuple[int, Extraction | Packed, bool]]) -> int:
    if not batch:
        return 0
    # The collector paused as in `extract`, for the same reason: the writer makes ~10 rows'
    # worth of objects per mention and no cycles, and each full pass walked the whole heap
    # (the lexicon, the gazetteer, the extraction being written): a fifth of the write of a
    # 10 MB article's 120,000 mentions (bench/ingest-long).
    with store.write(), _cyclic_gc_paused():
        writer.begin()
        if all(fresh for _, _, fresh in batch):
            writer.prefetch([article_id for article_id, _, _ in batch])
        for article_id, ex, fresh in batch:
            writer.write(article_id, ex, fresh)
        writer.flush()
    n = len(batch)
    batch.clear()
    return n


def _one(lex: Lexicon, row, watchdog: Watchdog) -> tuple[int, Extraction | str, bool]:
    """(article id, its extraction, fresh); a failure is (id, "reason", fresh): the
    article stays unextracted and the rest of the batch goes on."""
    article_id, text, published, boilerplate, fresh, outlet = row
    try:
        with watchdog.limit():
            ex = extract(text, published, json.loads(boilerplate or "[]"), lex, outlet)
    except ExtractionTimeout:
        return (
            article_id,
            f"extraction stopped after {watchdog.seconds:g} s, the time limit for one article "
            f"({len(text):,} characters); `workbench extract --article {article_id} "
            f"--time-limit 0` runs it without a limit",
            bool(fresh),
        )
    except Exception as exc:  # a bug met on one text must not stop a 10,000-article run
        return article_id, f"extraction failed ({type(exc).__name__}: {exc})", bool(fresh)
    return article_id, ex, bool(fresh)


def _serial(
    store: Store, ids: list[int], lex: Lexicon, watchdog: Watchdog
) -> Iterator[tuple[int, Extraction | str, bool]]:
    warm(lex)  # as a worker does: before the first article, outside its time budget
    for row in _rows(store, ids):
        yield _one(lex, row, watchdog)


def _init(dirs: tuple[str, ...], learnt, path: str | None = None, limit: float = 0) -> None:
    global _worker_lex, _worker_conn, _worker_watchdog
    _worker_lex = cached_lexicon(dirs, learnt)
    warm(_worker_lex)  # before the first article, outside its time budget
    # What the worker keeps for its lifetime (modules, the lexicon, the indexes) leaves the
    # garbage collector's generations: full collections stop traversing it again and again.
    gc.freeze()
    _worker_watchdog = Watchdog(limit)
    # Workers read their articles themselves (WAL lets them read while the parent writes):
    # the parent then sends ids, not texts, and never reads or pickles an article. They open
    # the database the way the store does, so a server URL is a server, not a file name.
    _worker_conn = backend_for(path).connect(path) if path else None


def _work(task: list) -> list[tuple[int, Packed | str, bool]]:
    """Extract a chunk: article ids (read here) or, for an in-memory database, rows."""
    assert _worker_lex is not None and _worker_watchdog is not None, "_init runs first"
    rows = list(_rows(None, task, _worker_conn)) if _worker_conn is not None else task
    out: list[tuple[int, Packed | str, bool]] = []
    for row in rows:
        article_id, ex, fresh = _one(_worker_lex, row, _worker_watchdog)
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


def _parallel(store, ids, workers, dirs, learnt, limit) -> Iterator[tuple[int, Packed | str, bool]]:
    # spawn, not fork: the TUI calls this from a thread, and forking a threaded process can
    # deadlock; spawned workers are also our children, so their memory shows in getrusage.
    ctx = mp.get_context("spawn")
    # Tasks of CHUNK articles: one message each way per chunk, and one pickle per chunk
    # shares the strings its articles repeat (kinds, rule names, entity names).
    chunk = max(1, min(CHUNK, len(ids) // (4 * workers)))
    memory = store.path == ":memory:"  # no second connection to an in-memory database
    path = None if memory else store.path
    with ctx.Pool(workers, initializer=_init, initargs=(dirs, learnt, path, limit)) as pool:
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
