"""Provides `read_jsonl`: another analyst's export read for `import-events`, line by line.

This is import's choke point for untrusted strings: every string of every record is cleaned
(`clean_json`) before anything else sees it. Only a regular file is read (or stdin), a line
at a time up to MAX_LINE bytes; a bad line stops the import with its number (an import is
one action: all of it or nothing).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..base.inputs import InputError, JSONValueError, bounded_lines, open_regular, parse_json
from ..base.untrusted import clean_json

MAX_LINE = 64 * 2**20  # one exported event with its sources


def read_jsonl(path: str) -> list[dict[str, Any]]:
    """Records of a JSONL file ("-" = stdin); a bad line is an error naming it. Only a
    regular file is read, a line at a time up to MAX_LINE bytes."""
    if path == "-":
        return parse_jsonl(_lines(sys.stdin.buffer, "stdin"), "stdin")
    try:
        stream = open_regular(path)
    except InputError as exc:
        raise ValueError(f"cannot read {path}: {exc}") from None
    with stream:
        return parse_jsonl(_lines(stream, path), path)


def _lines(stream, name: str) -> Iterator[bytes]:
    for number, raw in bounded_lines(stream, MAX_LINE):
        if raw is None:
            raise ValueError(f"{name}:{number}: line is over {MAX_LINE // 2**20} MB")
        yield raw


def parse_jsonl(lines: Iterable[str | bytes], name: str) -> list[dict[str, Any]]:
    """Records, each cleaned (`clean_json`: the choke point for strings from an import) and
    tagged with its line; duplicate keys are noted in `_warnings`."""
    records = []
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"{name}:{number}: not valid UTF-8 (offset {exc.start})") from None
        if not line.strip():
            continue
        try:
            record, warnings = parse_json(line)
        except JSONValueError as exc:
            raise ValueError(f"{name}:{number}: {exc}") from None
        if not isinstance(record, dict):
            raise ValueError(f"{name}:{number}: expected a JSON object per line")
        record = clean_json(record)
        record["_line"] = number
        record["_warnings"] = [f"{name}:{number}: {w}" for w in warnings]
        records.append(record)
    return records
