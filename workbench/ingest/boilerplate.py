"""Provides the boilerplate line patterns, as data, and `LinePatterns`, which tests lines
against them.

Which lines are boilerplate by their words is decided here only: edit
`BOILERPLATE_PATTERNS`. Each entry is `(how, regex)`, matched against the stripped line,
ignoring case:

- `"start"`: the line begins with it;
- `"line"`: the whole line is it;
- `"anywhere"`: it occurs somewhere in the line.

Why the kinds are kept apart: one case-insensitive regex mixing anchored branches with an
unanchored one made `search` try every anchored branch at every position of every line
(most of ingest's time). Anchored kinds are one `match` at the line's start; only the
"anywhere" ones are searched.
"""

from __future__ import annotations

import re

BOILERPLATE_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "start",
        r"(?:also read|read more|related|recommended|more from|see also|watch|listen)\b\s*:?",
    ),
    ("start", r"(?:trending|shop|subscribe|sign up|follow us|advertisement|sponsored)\b"),
    (
        "anywhere",
        r"\b(?:follow|like|find|join|connect\s+with)\s+(?:us|@?\w+)\s+on\s+"
        r"(?:facebook|twitter|instagram|linkedin|youtube|telegram|x)\b",
    ),
    ("start", r"(?:image|photo|video)s? (?:courtesy|credit)"),
    ("line", r"(?:share|share this|print|email|comments?)"),
    ("start", r"(?:today[’']s coverage|copyright|©|all rights reserved)"),
)

_FORMS = {"start": r"\s*(?:{})", "line": r"\s*(?:{})\s*$", "anywhere": "(?:{})"}


class LinePatterns:
    """Patterns compiled: `matches(line)` says what one case-insensitive `re.search` of
    all of them (the anchored ones written with `^`) would say."""

    def __init__(self, patterns: tuple[tuple[str, str], ...]) -> None:
        for how, what in patterns:
            if how not in _FORMS or not isinstance(what, str):
                raise ValueError(
                    f"boilerplate pattern ({how!r}, {what!r}): use (how, regex) with how one "
                    f"of {', '.join(sorted(_FORMS))}"
                )
        anchored = [_FORMS[h].format(p) for h, p in patterns if h != "anywhere"]
        anywhere = [_FORMS[h].format(p) for h, p in patterns if h == "anywhere"]
        self._anchored = re.compile("|".join(anchored), re.IGNORECASE) if anchored else None
        self._anywhere = re.compile("|".join(anywhere), re.IGNORECASE) if anywhere else None

    def matches(self, line: str) -> bool:
        """Whether the stripped `line` is boilerplate by its words."""
        if self._anchored is not None and self._anchored.match(line):
            return True
        return self._anywhere is not None and self._anywhere.search(line) is not None


LINE_PATTERNS = LinePatterns(BOILERPLATE_PATTERNS)
