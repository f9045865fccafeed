"""Provides readers that turn input files into raw article records, or one-line errors.

Each reader yields `Record`s or `Problem`s; a problem in one file (or one line of a JSONL
file) never stops the others. Only regular files are read (`workbench.base.inputs`), with
the size limit checked before and while reading; records files are streamed, so memory
stays flat whatever their size.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

from ..base.inputs import InputError, open_regular, os_reason, read_limited
from .clean import DecodeError, decode, html_to_text
from .records import MAX_ARTICLE_BYTES, Problem, Record, read_csv, read_jsonl, sha256

__all__ = ["MAX_ARTICLE_BYTES", "Problem", "Record", "read_file", "walk"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def _resolved(path: Path) -> str | None:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop: read_file reports it
        return None


def walk(paths: list[str], skip: AbstractSet[str] = frozenset()) -> Iterator[Path | Problem]:
    """Files to read: named files as given, directories recursively (supported types only;
    symlinked directories are not followed). A directory that cannot be listed is a problem,
    never skipped silently."""
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            yield Problem(raw, os_reason(exc))
            continue
        if not is_dir:
            if _resolved(path) not in skip:
                yield path
            continue
        unlisted: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=unlisted.append):
            while unlisted:
                failed = unlisted.pop(0)
                yield _unlisted(failed, root)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                child = Path(root) / name
                if name.startswith(".") or child.suffix.lower() not in SUFFIXES:
                    continue
                if _resolved(child) not in skip:
                    yield child
        for failed in unlisted:
            yield _unlisted(failed, str(path))


def _unlisted(error: OSError, where: str) -> Problem:
    return Problem(error.filename or where, f"cannot list the directory ({os_reason(error)})")


def read_file(path: Path) -> Iterator[Record | Problem]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Problem(str(path), f"unsupported file type {suffix or '(none)'}; "
                      f"use {', '.join(sorted(SUFFIXES))}")  # fmt: skip
        return
    records = suffix in RECORD_SUFFIXES
    try:
        fh = open_regular(path, None if records else MAX_ARTICLE_BYTES)
    except InputError as exc:
        message = str(exc)
        if message.startswith("file is too large"):
            message = message.replace("file is too large", "file is too large for one article")
        yield Problem(str(path), message)
        return
    with fh:
        try:
            if records:
                yield from (read_jsonl if suffix != ".csv" else read_csv)(path, fh)
                return
            raw = read_limited(fh, MAX_ARTICLE_BYTES)
        except InputError as exc:
            yield Problem(str(path), str(exc).replace("too large", "too large for one article"))
            return
        except OSError as exc:
            yield Problem(str(path), os_reason(exc))
            return
    try:
        text = decode(raw)
    except DecodeError as exc:
        yield Problem(str(path), str(exc))
        return
    record = Record(file=path.name, path=str(path), text=text, content_hash=sha256(raw))
    if suffix in HTML_SUFFIXES:
        record.text, record.html_title, meta = html_to_text(text)
        record.published = meta.get("article:published_time") or meta.get("date") or ""
        record.outlet = meta.get("og:site_name", "")
        record.url = meta.get("og:url", "")
        if not record.text.strip():
            yield Problem(str(path), "no visible text in the HTML")
            return
    yield record
