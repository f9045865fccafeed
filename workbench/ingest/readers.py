"""Provides readers that turn input files into raw article records, or one-line errors.

Each reader yields `Record`s or `Problem`s; a problem in one file (or one line of a JSONL
file) never stops the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import DecodeError, decode, html_to_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article; larger is surely not an article
TEXT_KEYS = ("text", "body", "content", "article", "full_text")
MIN_WORDS = 3  # fewer words is a name or an id, not a report
KNOWN_KEYS = {"id", "title", "published", "url", "outlet", *TEXT_KEYS}


@dataclass
class Record:
    file: str  # base name of the input file
    path: str
    text: str
    content_hash: str
    record_id: str | None = None
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    html_title: str = ""


@dataclass
class Problem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def walk(paths: list[str], skip: AbstractSet[str] = frozenset()) -> Iterator[Path | Problem]:
    """Files to read: named files as given, directories recursively (supported types only)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(raw, "no such file or directory")
        elif path.is_dir():
            for root, dirs, files in os.walk(path, onerror=lambda e: None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if name.startswith(".") or child.suffix.lower() not in SUFFIXES:
                        continue
                    if str(child.resolve()) in skip:
                        continue
                    yield child
        elif str(path.resolve()) not in skip:
            yield path


def read_file(path: Path) -> Iterator[Record | Problem]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Problem(str(path), f"unsupported file type {suffix or '(none)'}; "
                      f"use {', '.join(sorted(SUFFIXES))}")  # fmt: skip
        return
    try:
        size = path.stat().st_size
        if suffix not in RECORD_SUFFIXES and size > MAX_ARTICLE_BYTES:
            yield Problem(str(path), f"file is too large for one article ({size / 1e6:.1f} MB; "
                          f"limit {MAX_ARTICLE_BYTES / 1e6:.0f} MB)")  # fmt: skip
            return
        if suffix in RECORD_SUFFIXES:
            yield from (_read_jsonl if suffix != ".csv" else _read_csv)(path)
            return
        raw = path.read_bytes()
    except PermissionError:
        yield Problem(str(path), "permission denied")
        return
    except OSError as exc:
        yield Problem(str(path), f"cannot read ({exc.strerror or exc})")
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


def _from_mapping(path: Path, data: dict[str, Any], line: int) -> Record | Problem:
    text_key = next((k for k in TEXT_KEYS if isinstance(data.get(k), str)), None)
    if text_key is None:
        return Problem(str(path), "record has no text field (expected one of: "
                       f"{', '.join(TEXT_KEYS)})", line)  # fmt: skip
    text = data[text_key]
    if not text.strip():
        return Problem(str(path), "record text is empty", line)
    if len(text.split(None, MIN_WORDS)) < MIN_WORDS:  # counts no further than needed
        # {"article": "p01.txt", ...}: a field naming an article, not holding one (a gold
        # or annotation file lying beside the articles).
        return Problem(str(path), f"record {text_key!r} is not article text ({text.strip()[:40]!r})",
                       line)  # fmt: skip
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        return Problem(str(path), "record text is too large for one article", line)
    record_id = data.get("id")
    record_id = str(record_id) if record_id not in (None, "") else f"{path.name}:{line}"
    return Record(
        file=path.name,
        path=str(path),
        text=text,
        content_hash=sha256(text.encode("utf-8", "surrogatepass")),
        record_id=record_id,
        title=str(data.get("title") or ""),
        outlet=str(data.get("outlet") or ""),
        url=str(data.get("url") or ""),
        published=str(data.get("published") or ""),
        meta={k: v for k, v in data.items() if k not in KNOWN_KEYS and k != text_key},
    )


def _read_jsonl(path: Path) -> Iterator[Record | Problem]:
    """Records of a JSONL file; a file none of whose records holds article text (a gold or
    annotation file beside the articles) is one problem, not one per line."""
    held: list[Problem] = []  # text-less records before the first good one
    good = False
    for item in _jsonl_items(path):
        if isinstance(item, Problem) and not good and _textless(item):
            held.append(item)
            continue
        if not good and isinstance(item, Record):
            good = True
            yield from held
            held = []
        yield item
    if held:
        yield Problem(str(path), f"no record holds article text ({len(held)} record(s); "
                      f"line {held[0].line}: {held[0].message})")  # fmt: skip


def _textless(problem: Problem) -> bool:
    return "not article text" in problem.message or "has no text field" in problem.message


def _jsonl_items(path: Path) -> Iterator[Record | Problem]:
    with path.open("rb") as fh:
        any_line = False
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            any_line = True
            if len(raw) > MAX_ARTICLE_BYTES * 2:
                yield Problem(str(path), "line is too large for one article record", n)
                continue
            try:
                data = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield Problem(str(path), f"not valid UTF-8 (offset {exc.start} in the line)", n)
                continue
            except json.JSONDecodeError as exc:
                yield Problem(str(path), f"malformed JSON ({exc.msg} at column {exc.colno})", n)
                continue
            if not isinstance(data, dict):
                yield Problem(str(path), "each line must be a JSON object", n)
                continue
            yield _from_mapping(path, data, n)
        if not any_line:
            yield Problem(str(path), "empty file")


def _read_csv(path: Path) -> Iterator[Record | Problem]:
    try:
        text = decode(path.read_bytes())
    except DecodeError as exc:
        yield Problem(str(path), str(exc))
        return
    csv.field_size_limit(MAX_ARTICLE_BYTES * 2)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    if not any(k in columns for k in TEXT_KEYS):
        yield Problem(str(path), f"no text column (expected one of: {', '.join(TEXT_KEYS)}; "
                      f"found: {', '.join(columns) or 'none'})")  # fmt: skip
        return
    try:
        for row in reader:
            yield _from_mapping(path, {k: v for k, v in row.items() if k}, reader.line_num)
    except csv.Error as exc:
        yield Problem(str(path), f"malformed CSV ({exc})", reader.line_num)
