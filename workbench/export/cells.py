"""Provides CSV cells that are safe to open in a spreadsheet, quoted as RFC 4180 says.

Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`,
`+`, `-`, `@`, tab or carriage return as a formula, and article titles, quotes and actor
names come from outside. Such text cells get a leading `'`, which spreadsheets display as
text and which drops back off by removing the first character: the value is kept. Numeric
cells are written only as real numbers (so `-3.2` stays a negative latitude); anything in
a numeric column that is not a number is treated as text and neutralised like any other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = frozenset(("=", "+", "-", "@", "\t", "\r"))  # a cell's first character
LIST_SEPARATOR = "; "


def joined(values: Iterable[Any]) -> str:
    values = tuple(values)
    try:
        return LIST_SEPARATOR.join(values)  # all text: the fast path
    except TypeError:
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in values)


def text_cell(value: Any) -> str:
    """A text cell: neutralised (a leading `'` before a formula trigger), then quoted as
    `csv.writer` does it (QUOTE_MINIMAL). The one place either is written: it runs ~15
    times per event, so both are inline."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if text[:1] in FORMULA_TRIGGERS:
        text = "'" + text
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def number_cell(value: Any) -> str:
    """A numeric cell: the number itself, or (for anything else) a text cell."""
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return ""
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else ""
    return _other_number(value)


def _other_number(value: Any) -> str:
    # Neither None nor a plain int or float: a number written as text (its digits need no
    # quoting) stays a number, anything else is text.
    if value == "":
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value) if math.isfinite(value) else ""
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text_cell(value)
    return text if math.isfinite(number) else text_cell(value)


def span(start: Any, end: Any) -> str:
    if start is None:
        return ""
    return f"{start}-{'' if end is None else end}"
