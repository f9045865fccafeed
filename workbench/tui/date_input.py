"""Provides `read_date`: what the edit form accepts as an event date.

ISO `YYYY-MM-DD` always; `YYYY-MM` as a month-precision date; and the phrases the extractor
reads in articles ("Feb. 3", "on Monday", "late last month"), resolved against the article's
publication date (`workbench.extract.dates.resolve_date_phrase`).
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


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
    # Imported here: the extractor package loads in ~0.2 s, and most edits never need it.
    from ..extract.dates import resolve_date_phrase

    found = resolve_date_phrase(text, published) if published else None
    if found:
        return found
    hint = " or a phrase like 'Feb. 3'"
    if not published:
        hint += " (phrases need the article's publication date, which is unknown)"
    raise ValueError(f"event_date: {text!r} is not a date; write YYYY-MM-DD{hint}")
