"""Provides `Record` and `Problem`, and the readers of records files: JSONL and CSV.

Both are streamed, a line or a row at a time, so a records file of any size is read in flat
memory; a bad line or row is one `Problem` naming the file and the line, and the rest goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.inputs import JSONValueError, bounded_lines, parse_json
from ..base.untrusted import one_line
from .clean import BOMS

MAX_ARTICLE_BYTES = 10 * 1024 * 1024  # one article; larger is surely not an article
TEXT_KEYS = ("text", "body", "content", "article", "full_text")
MIN_WORDS = 3  # fewer words is a name or an id, not a report
_LONE = re.compile("[\udc80-\udcff]")  # bytes that did not decode (surrogateescape)
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
    warnings: list[str] = field(default_factory=list)  # e.g. duplicate JSON keys


@dataclass
class Problem:
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.message}")  # file names are untrusted too


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _from_mapping(path: Path, data: dict[str, Any], line: int) -> Record | Problem:
    text_key = next((k for k in TEXT_KEYS if isinstance(data.get(k), str)), None)
    if text_key is None:
        if wrong := next((k for k in TEXT_KEYS if data.get(k) is not None), None):
            # {"text": 42}: say what is there, not that nothing is.
            return Problem(str(path), f"record {wrong!r} is {_kind(data[wrong])}, not text",
                           line)  # fmt: skip
        return Problem(str(path), "record has no text field (expected one of: "
                       f"{', '.join(TEXT_KEYS)})", line)  # fmt: skip
    text = data[text_key]
    if not text.strip():
        return Problem(str(path), "record text is empty", line)
    # Size first: a 12 MB run of one word is too large, whatever else is wrong with it.
    encoded = text.encode("utf-8", "surrogatepass")  # once: the hash needs it too
    if len(encoded) > MAX_ARTICLE_BYTES:
        return Problem(str(path), f"record text is too large for one article ({len(encoded) / 2**20:.1f} "
                       f"MB; limit {MAX_ARTICLE_BYTES // 2**20} MB)", line)  # fmt: skip
    if _few_words(text):
        # {"article": "p01.txt", ...}: a field naming an article, not holding one (a gold
        # or annotation file lying beside the articles).
        return Problem(str(path), f"record {text_key!r} is not article text ({text.strip()[:40]!r})",
                       line)  # fmt: skip
    record_id = data.get("id")
    record_id = str(record_id) if record_id not in (None, "") else f"{path.name}:{line}"
    return Record(
        file=path.name,
        path=str(path),
        text=text,
        content_hash=sha256(encoded),
        record_id=record_id,
        title=str(data.get("title") or ""),
        outlet=str(data.get("outlet") or ""),
        url=str(data.get("url") or ""),
        published=str(data.get("published") or ""),
        meta={k: v for k, v in data.items() if k not in KNOWN_KEYS and k != text_key},
    )


def _few_words(text: str) -> bool:
    """Fewer than MIN_WORDS words. Counted in the text's first characters when they hold
    enough (splitting the whole text would copy all of it after the last word counted)."""
    if len(text[:200].split(None, MIN_WORDS)) > MIN_WORDS:
        return False  # MIN_WORDS words, each followed by a space, and more after them
    return len(text.split(None, MIN_WORDS)) < MIN_WORDS


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def read_jsonl(path: Path, fh) -> Iterator[Record | Problem]:
    """Records of a JSONL file; a file none of whose records holds article text (a gold or
    annotation file beside the articles) is one problem, not one per line."""
    held: list[Problem] = []  # text-less records before the first good one
    good = False
    for item in _jsonl_items(path, fh):
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
    return any(
        words in problem.message
        for words in ("not article text", "has no text field", ", not text")
    )


def _jsonl_items(path: Path, fh) -> Iterator[Record | Problem]:
    any_line = False
    for n, raw in bounded_lines(fh, MAX_ARTICLE_BYTES * 2):
        if raw is None:
            any_line = True
            yield Problem(str(path), "line is too large for one article record", n)
            continue
        if not raw.strip():
            continue
        any_line = True
        try:
            data, warnings = parse_json(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield Problem(str(path), f"not valid UTF-8 (offset {exc.start} in the line)", n)
            continue
        except JSONValueError as exc:
            yield Problem(str(path), str(exc), n)
            continue
        if not isinstance(data, dict):
            yield Problem(str(path), "each line must be a JSON object", n)
            continue
        record = _from_mapping(path, data, n)
        if isinstance(record, Record):
            record.warnings = [f"{path}:{n}: {w}" for w in warnings]
        yield record
    if not any_line:
        yield Problem(str(path), "empty file")


def read_csv(path: Path, fh) -> Iterator[Record | Problem]:
    """Rows streamed from the file (UTF-8, or UTF-16/32 with a byte-order mark), one at a
    time: a file of any size is read in flat memory."""
    head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    codec = next((c for bom, c in BOMS if head.startswith(bom)), "utf-8-sig")
    if not head.strip():
        yield Problem(str(path), "empty file")
        return
    if codec == "utf-8-sig" and b"\x00" in head:
        yield Problem(str(path), "binary file (contains NUL bytes), not text")
        return
    # Undecodable bytes are kept as lone surrogates and reported per row: decoding fails a
    # whole chunk at a time, which would take the good rows around a bad one with it.
    stream = io.TextIOWrapper(fh, encoding=codec, errors="surrogateescape", newline="")
    name = "UTF-8" if codec == "utf-8-sig" else codec.upper()
    csv.field_size_limit(MAX_ARTICLE_BYTES * 2)
    reader = csv.DictReader(_bounded(stream, MAX_ARTICLE_BYTES * 2))
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        reader.fieldnames = columns
        if not any(k in columns for k in TEXT_KEYS):
            yield Problem(str(path), f"no text column (expected one of: {', '.join(TEXT_KEYS)}; "
                          f"found: {', '.join(columns) or 'none'})")  # fmt: skip
            return
        for row in reader:
            values = {k: v for k, v in row.items() if k}
            if any(isinstance(v, str) and _LONE.search(v) for v in values.values()):
                yield Problem(str(path), f"not valid {name} text", reader.line_num)
                continue
            yield _from_mapping(path, values, reader.line_num)
    except csv.Error as exc:
        yield Problem(str(path), f"malformed CSV ({exc})", reader.line_num)
    except _LineTooLong:
        yield Problem(str(path), "line is too large for one article record (over "
                      f"{MAX_ARTICLE_BYTES * 2 // 2**20} MB); the rest of the file is not read",
                      reader.line_num + 1)  # fmt: skip
    finally:
        stream.detach()  # the caller closes the file


class _LineTooLong(Exception):
    pass


def _bounded(stream: io.TextIOWrapper, limit: int) -> Iterator[str]:
    """The stream's lines for the csv reader, none longer than `limit` characters: iterating
    the stream itself read a 200 MB line whole before the reader's field limit refused it
    (1.4 GB for a 200 MB file)."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(("\n", "\r")):
            raise _LineTooLong
        yield line
