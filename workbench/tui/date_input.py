"""Provides `read_date`: what the edit form accepts as an event date.

ISO `YYYY-MM-DD` always; `YYYY-MM` as a month-precision date; a bare day of the month
("4": the latest 4th on or before publication, the quickest fix); and the phrases the
extractor reads in articles ("Feb. 3", "on Monday", "late last month"), resolved against the
article's publication date (`workbench.extract.dates.resolve_date_phrase`).
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^\d{1,2}$")


def read_date(text: str, published: str | None = None) -> tuple[str | None, str | None]:
    """(ISO date or None, precision or None when the text does not imply one).

    Raises ValueError with a message for the analyst when the text is not a date.
    """
    text = (text or "").strip()
    if not text:
        return None, None
    month = _MONTH.match(text)
    if _ISO.match(text) or month:
        iso = f"{text}-01" if month else text
        try:
            date.fromisoformat(iso)
        except ValueError:  # 2018-02-30, 2018-13
            raise ValueError(f"event_date: {text!r} is not a real date") from None
        return iso, "month" if month else None
    if _DAY.match(text) and published:
        return _day_of(int(text), published), "day"
    # Imported here: the extractor package loads in ~0.2 s, and most edits never need it.
    from ..extract.dates import resolve_date_phrase

    found = resolve_date_phrase(text, published) if published else None
    if found:
        return found
    hint = " or a phrase like 'Feb. 3'"
    if not published:
        hint += " (phrases need the article's publication date, which is unknown)"
    raise ValueError(f"event_date: {text!r} is not a date; write YYYY-MM-DD{hint}")


def _day_of(day: int, published: str) -> str:
    """A bare day of the month ("4"): the latest such date on or before publication."""
    pub = date.fromisoformat(published[:10])
    year, month = pub.year, pub.month
    for _ in range(12):
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found and found <= pub:
            return found.isoformat()
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise ValueError(f"event_date: {day} is not a day of the month")
