"""Provides `ingest_paths`: read files, clean them, store new articles idempotently.

Ingest is a system action, not an analyst decision: articles are inserted in batches inside
`BEGIN IMMEDIATE` transactions, and one summary row goes to the action log (not undoable).
"""

from __future__ import annotations

import csv
import io
import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..base.inputs import InputError, open_regular, os_reason
from ..store import Store, now
from ..store.changes import log_system
from .clean import clean_field, clean_json, clean_text
from .layout import boilerplate_spans, detect_title, infer_published, parse_date
from .readers import Problem, Record, read_file, walk

# Rows handed to the writer at once, each batch one transaction: the first batch is small, so
# that the writer starts early, and each one after is twice the last, up to MAX_BATCH rows or
# MAX_BATCH_CHARS characters of text (which bounds the memory of batches of long articles).
# Fewer, larger transactions do less work in SQLite: the full-text index writes a segment per
# transaction and merges them, and every page a transaction changes goes to the WAL again.
BATCH = 200
MAX_BATCH = 2000
MAX_BATCH_CHARS = 8_000_000
MAX_MANIFEST_BYTES = 100 * 1024 * 1024


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_manifest(path: str) -> dict[str, dict[str, str]]:
    """file name -> {title, outlet, published, url} from a manifest CSV."""
    try:
        with io.TextIOWrapper(
            open_regular(path, MAX_MANIFEST_BYTES), encoding="utf-8-sig", newline=""
        ) as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in [
                f.strip().lower() for f in reader.fieldnames
            ]:
                raise ValueError(
                    f"{path}: manifest needs a 'file' column (file,title,outlet,published,url)"
                )
            rows = {}
            for row in reader:
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                if row.get("file"):
                    rows[Path(row["file"]).name] = row
            return rows
    except InputError as exc:
        raise ValueError(f"{path}: cannot read manifest ({exc})") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read manifest ({os_reason(exc)})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path}: unreadable manifest ({exc})") from None


def prepare(record: Record, manifest: dict[str, dict[str, str]]) -> tuple[dict, list[str]]:
    """Article row from a record: manifest values win, then the record's, then detection.

    The choke point of ingest: every string of the row is cleaned here (see
    `workbench.base.untrusted`), the file name and the record's other fields included."""
    given = manifest.get(record.file, {})
    text, removed = clean_text(record.text)
    notes = list(record.warnings)
    if removed:
        notes.append(f"{record.path}: removed or made visible {removed} control characters")
    outlet = clean_field(given.get("outlet") or record.outlet)
    title = clean_field(given.get("title") or record.title or record.html_title)
    if not title:
        title = detect_title(text, outlet)
    published_raw = given.get("published") or record.published
    published = parse_date(published_raw) if published_raw else None
    source = "given" if published else "unknown"
    if published_raw and not published:
        notes.append(f"{record.path}: cannot read publication date {published_raw!r}")
    if not published:
        published = infer_published(text)
        source = "inferred" if published else "unknown"
    return (
        {
            "content_hash": record.content_hash,
            "file": clean_field(record.file),
            "record_id": clean_field(record.record_id) if record.record_id is not None else None,
            "title": title,
            "outlet": outlet,
            "url": clean_field(given.get("url") or record.url),
            "published": published,
            "published_source": source,
            "text": text,
            "boilerplate": json.dumps(boilerplate_spans(text, title, outlet)),
            "meta": json.dumps(clean_json(record.meta), ensure_ascii=False, default=str),
            "ingested_at": now(),
        },
        notes,
    )


def _flush(store: Store, rows: list[dict]) -> tuple[list[int], int]:
    """Insert the rows whose content is not stored yet, in one transaction: (new ids, how
    many were already stored).

    In bulk (`insert_new` of the backend: multi-row INSERTs on a file, where the full-text
    trigger and the statement overhead cost about three times more per single-row INSERT;
    COPY on a server). Articles whose content is already stored are skipped by the unique
    content hash; the new ids are the ones above the table's highest id before the insert
    (the write lock is held)."""
    if not rows:
        return [], 0
    cols = list(rows[0])
    with store.write():
        before = store.scalar("SELECT coalesce(max(id), 0) FROM articles")
        values = ([row[c] for c in cols] for row in rows)
        store.sql.insert_new(store.conn, "articles", cols, values, unique="content_hash")
        new = store.conn.execute("SELECT id FROM articles WHERE id > ? ORDER BY id", [before])
        added = [r[0] for r in new]
    return added, len(rows) - len(added)


class _Writer:
    """Stores batches on a second thread while the main one reads and cleans the next:
    sqlite3 lets go of the GIL while SQLite works (inserting, indexing the full text), so on
    two cores the two overlap. At most one batch waits, so memory stays bounded. Only this
    thread uses the store until `close`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.added: list[int] = []
        self.duplicates = 0
        self.error: BaseException | None = None
        self._queue: queue.Queue[list[dict] | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (rows := self._queue.get()) is not None:
            if self.error is None:
                try:
                    added, duplicates = _flush(self.store, rows)
                except BaseException as exc:  # handed to the main thread by put/close
                    self.error = exc
                else:
                    self.added += added
                    self.duplicates += duplicates

    def put(self, rows: list[dict]) -> None:
        if self.error is not None:
            raise self.error
        self._queue.put(rows)

    def close(self) -> None:
        """Wait for the batches handed over; raise what storing one raised."""
        self._queue.put(None)
        self._thread.join()
        if self.error is not None:
            raise self.error


def _folder_manifests(paths: list[str]) -> list[Path]:
    """manifest.csv files directly inside the folders given, whose header has a `file`
    column (a records CSV named manifest.csv is still ingested as records)."""
    out = []
    for p in paths:
        candidate = Path(p) / "manifest.csv"
        if Path(p).is_dir() and candidate.is_file():
            try:
                with io.TextIOWrapper(
                    open_regular(candidate, MAX_MANIFEST_BYTES), encoding="utf-8-sig", newline=""
                ) as fh:
                    header = next(csv.reader(fh), [])
            except (OSError, ValueError):
                continue  # read as records by the walk, which reports the problem
            if "file" in [h.strip().lower() for h in header]:
                out.append(candidate)
    return out


def ingest_paths(
    store: Store,
    paths: list[str],
    *,
    manifest: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    listing = read_manifest(manifest) if manifest else {}
    skip = {str(Path(manifest).resolve())} if manifest else set()
    if manifest is None:
        # A folder carrying its own manifest.csv (as seeds/ does) is read with it.
        for found in _folder_manifests(paths):
            listing.update(read_manifest(str(found)))
            skip.add(str(found.resolve()))
            report.notes.append(f"{found}: used as the manifest of its folder")
    files = list(walk(paths, skip))
    with store.sql.bulk_load(store.conn):
        _store_all(store, files, listing, report, progress)
    if report.added:
        log_system(
            store, "ingest-articles", "articles:batch", {"ids": report.added, "paths": paths}
        )
    return report


def _store_all(
    store: Store,
    files: list[Path | Problem],
    listing: dict[str, dict[str, str]],
    report: IngestReport,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Read, clean and store `files` (`ingest_paths`' work but the action log)."""
    pending: list[dict] = []
    limit, chars = BATCH, 0
    seen_hashes: set[str] = set()
    writer = _Writer(store)
    try:
        for n, item in enumerate(files, start=1):
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            for rec in read_file(item):
                if isinstance(rec, Problem):
                    report.problems.append(rec)
                    continue
                if rec.content_hash in seen_hashes:
                    report.duplicates += 1
                    continue
                seen_hashes.add(rec.content_hash)
                row, notes = prepare(rec, listing)
                report.notes.extend(notes)
                pending.append(row)
                chars += len(row["text"])
                if len(pending) >= limit or chars >= MAX_BATCH_CHARS:
                    writer.put(pending)
                    pending, limit, chars = [], min(2 * limit, MAX_BATCH), 0
            if progress:
                progress(n, len(files))
        writer.put(pending)
    finally:
        writer.close()
    report.added += writer.added
    report.duplicates += writer.duplicates
