"""Provides `ingest_paths`: read files, clean them, store new articles idempotently.

Ingest is a system action, not an analyst decision: articles are inserted in batches inside
`BEGIN IMMEDIATE` transactions, and one summary row goes to the action log (not undoable).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Store, now
from ..store.changes import log_system
from ..store.db import inserted_id
from .clean import clean_field, clean_text
from .layout import boilerplate_spans, detect_title, infer_published, parse_date
from .readers import Problem, Record, read_file, walk

BATCH = 200


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
        with open(path, encoding="utf-8-sig", newline="") as fh:
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
    except OSError as exc:
        raise ValueError(f"{path}: cannot read manifest ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path}: unreadable manifest ({exc})") from None


def prepare(record: Record, manifest: dict[str, dict[str, str]]) -> tuple[dict, list[str]]:
    """Article row from a record: manifest values win, then the record's, then detection."""
    given = manifest.get(record.file, {})
    text, removed = clean_text(record.text)
    notes = [f"{record.path}: removed {removed} control/escape characters"] if removed else []
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
            "file": record.file,
            "record_id": record.record_id,
            "title": title,
            "outlet": outlet,
            "url": clean_field(given.get("url") or record.url),
            "published": published,
            "published_source": source,
            "text": text,
            "boilerplate": json.dumps(boilerplate_spans(text, title, outlet)),
            "meta": json.dumps(record.meta, ensure_ascii=False, default=str),
            "ingested_at": now(),
        },
        notes,
    )


def _flush(store: Store, rows: list[dict], report: IngestReport) -> None:
    if not rows:
        return
    with store.write():
        for row in rows:
            exists = store.scalar(
                "SELECT id FROM articles WHERE content_hash = ?", [row["content_hash"]]
            )
            if exists:
                report.duplicates += 1
                continue
            cols = ", ".join(row)
            cur = store.conn.execute(
                f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
            report.added.append(inserted_id(cur))
    rows.clear()


def _folder_manifests(paths: list[str]) -> list[Path]:
    """manifest.csv files directly inside the folders given, whose header has a `file`
    column (a records CSV named manifest.csv is still ingested as records)."""
    out = []
    for p in paths:
        candidate = Path(p) / "manifest.csv"
        if Path(p).is_dir() and candidate.is_file():
            try:
                with candidate.open(encoding="utf-8-sig", newline="") as fh:
                    header = next(csv.reader(fh), [])
            except (OSError, UnicodeDecodeError):
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
    pending: list[dict] = []
    seen_hashes: set[str] = set()
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
            if len(pending) >= BATCH:
                _flush(store, pending, report)
        if progress:
            progress(n, len(files))
    _flush(store, pending, report)
    if report.added:
        log_system(
            store, "ingest-articles", "articles:batch", {"ids": report.added, "paths": paths}
        )
    return report
