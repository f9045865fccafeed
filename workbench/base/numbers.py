"""Provides number words: "eleven" 11, "twenty-one" 21, "two hundred" 200, "a thousand" 1000.

News writes small counts in words ("eleven children", "two soldiers"); casualty figures
and durations ("two days ago") are read with these.
"""

from __future__ import annotations

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}  # fmt: skip
# The words of a small count, "one" to "nineteen" ("eleven children", "of raping two girls").
NUMBER_WORDS = frozenset(UNITS)
# The article is one, as in "a hundred" and "a thousand".
_ONE = {"a": 1, "an": 1}


def words_to_int(words: str) -> int | None:
    """The number written by lower-case words separated by spaces ("twenty one", "two
    hundred", "a thousand"); None when a word is not a number word."""
    total, current = 0, 0
    for part in words.split():
        if part in UNITS:
            current += UNITS[part]
        elif part in TENS:
            current += TENS[part]
        elif part in _ONE:
            current += 1
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current or None
