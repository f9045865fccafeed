"""Provides month and weekday names, lower case, for date reading and sentence splitting,
and when two dated reports can be the same incident.

`MONTH_ABBREVIATIONS` are the short forms written with a full stop ("Feb. 3", "Sept. 12"):
May has none, and a full stop after them does not end a sentence.
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec")  # fmt: skip
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# How far a date of each ACLED time precision may be from the real day, in days.
PRECISION_DAYS = {"day": 1, "week": 7, "month": 31}


def dates_agree(day_a: date, precision_a: str, day_b: date, precision_b: str) -> bool:
    """Whether two events' dates can be one incident's: never with an unknown precision;
    the same calendar month when either is month-precise; otherwise within the wider of
    the two precisions' windows (a day either side for day precision, a week for week)."""
    if "unknown" in (precision_a, precision_b):
        return False
    if "month" in (precision_a, precision_b):
        return (day_a.year, day_a.month) == (day_b.year, day_b.month)
    window = max(PRECISION_DAYS[precision_a], PRECISION_DAYS[precision_b])
    return abs((day_a - day_b).days) <= window
