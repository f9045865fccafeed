"""Provides month and weekday names, lower case, for date reading and sentence splitting.

`MONTH_ABBREVIATIONS` are the short forms written with a full stop ("Feb. 3", "Sept. 12"):
May has none, and a full stop after them does not end a sentence.
"""

from __future__ import annotations

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec")  # fmt: skip
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
