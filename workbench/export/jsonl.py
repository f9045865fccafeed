"""Provides the JSONL writer: one export record per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
