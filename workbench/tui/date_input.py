"""Provides `read_date`: what the edit form accepts as an event date.

ISO `YYYY-MM-DD` always; `YYYY-MM` as a month-precision date; and, when the extractor is
installed, the same phrases it reads in articles ("Feb. 3", "on Monday", "late last month"),
resolved against the article's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _phrase_reader() -> Callable[[str, str | None], Any] | None:
    """The extractor's date-phrase resolver (absent only if the extractor is not installed)."""
    try:
        from ..extract.dates import resolve_date_phrase
    except ImportError:
        return None
    return resolve_date_phrase


def read_date(text: str, published: str | None = None) -> tuple[str | None, str | None]:
    """(ISO date or None, precision or None when the text does not imply one).

    Raises ValueError with a message for the analyst when the text is not a date.
    """
    text = (text or "").strip()
    if not text:
        return None, None
    if _ISO.match(text):
        date.fromisoformat(text)  # raises ValueError for 2018-02-30
        return text, None
    month = _MONTH.match(text)
    if month:
        date(int(month.group(1)), int(month.group(2)), 1)
        return f"{text}-01", "month"
    reader = _phrase_reader()
    if reader is not None and published:
        try:
            found = reader(text, published)
        except Exception:  # a resolver failure is just "not understood"
            found = None
        iso, precision = _unpack(found)
        if iso:
            return iso, precision
    hint = " or a phrase like 'Feb. 3'" if reader else ""
    if reader and not published:
        hint += " (phrases need the article's publication date, which is unknown)"
    raise ValueError(f"event_date: {text!r} is not a date; write YYYY-MM-DD{hint}")


def _unpack(found: Any) -> tuple[str | None, str | None]:
    if found is None:
        return None, None
    if isinstance(found, str):
        return found, "day"
    if isinstance(found, date):
        return found.isoformat(), "day"
    if isinstance(found, tuple) and found:
        first = found[0].isoformat() if isinstance(found[0], date) else found[0]
        return first, (found[1] if len(found) > 1 else "day")
    if isinstance(found, dict):
        return found.get("date"), found.get("precision", "day")
    for attr in ("date", "iso", "value"):
        value = getattr(found, attr, None)
        if value:
            value = value.isoformat() if isinstance(value, date) else value
            return value, getattr(found, "precision", "day")
    return None, None
