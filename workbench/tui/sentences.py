"""Provides sentence spans for the article cursor, and an event prefilled from one sentence.

`add-event` starts from the sentence under the cursor. The extractor reads the article and
its proposal for that sentence fills the form; when it proposes nothing there, the mentions
it found inside the sentence fill what they can (actors, place, date, casualty figure).
"""

from __future__ import annotations

import json
import re
from typing import Any

# Abbreviations whose full stop does not end a sentence ("Feb. 3", "U.S. forces").
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen",
    "rep", "no", "vs", "etc", "inc", "co", "corp", "jr", "sr", "u.s", "u.n", "u.k", "e.g",
    "i.e", "approx", "est",
}  # fmt: skip
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; line breaks always end one (headlines, captions)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        start = line_start
        for m in _END.finditer(text, line_start, line_end):
            word = re.search(r"([\w.]+)[.!?]*$", text[start : m.start() + 1])
            token = (word.group(1) if word else "").rstrip(".").lower()
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
            rest = text[m.end() : line_end].lstrip()
            if rest and (rest[0].islower() or rest[0].isdigit()):
                continue
            spans.append(_trim(text, start, m.end()))
            start = m.end()
        if text[start:line_end].strip():
            spans.append(_trim(text, start, line_end))
    return [s for s in spans if s[1] > s[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def extractor_values(
    text: str, start: int, end: int, published: str | None, skip: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """What the extractor proposes for text[start:end], read in the article's context
    (its country, its dates); the sentence alone as a second try. None if nothing."""
    try:
        from ..extract.propose import propose_for_text
    except ImportError:  # an installation without the extractor still adds events by hand
        return None
    return propose_for_text(text, start, end, published, skip)


def prefill(
    text: str,
    mentions: list[dict[str, Any]],
    start: int,
    end: int,
    published: str | None = None,
    skip: list[tuple[int, int]] = (),
) -> dict[str, Any]:
    """Public event values suggested for the sentence text[start:end]."""
    values = extractor_values(text, start, end, published, list(skip))
    if values:
        return values
    # No proposal: fill what the mentions already found in the sentence can fill.
    inside = [m for m in mentions if m["start"] >= start and m["end"] <= end]
    values = {}
    actors = []
    for m in inside:
        name = m.get("entity") or m["text"]
        if m["kind"] == "actor" and name not in actors:
            actors.append(name)
        elif m["kind"] == "place" and "location" not in values:
            values["location"] = name
        elif m["kind"] == "date" and "event_date" not in values:
            date = _value(m)
            if isinstance(date, dict):
                date, precision = date.get("date"), date.get("precision")
                if precision:
                    values["date_precision"] = precision
            if isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", date):
                values["event_date"] = date
                values.setdefault("date_precision", "day")
        elif m["kind"] == "casualty":
            count = _value(m)
            if isinstance(count, dict):
                count = count.get("count") or count.get("best")
            if isinstance(count, int):
                values["fatalities"] = max(count, values.get("fatalities") or 0)
    if actors:
        values["actor1"] = actors[0]
    if len(actors) > 1:
        values["actor2"] = actors[1]
    return values


def _value(mention: dict[str, Any]) -> Any:
    raw = mention.get("value")
    if raw in (None, ""):
        return None
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return raw


def spans_of(raw: Any) -> list[tuple[int, int]]:
    """The article's boilerplate column (JSON list of [start, end]) as tuples."""
    try:
        return [(int(a), int(b)) for a, b in json.loads(raw or "[]")]
    except (TypeError, ValueError):
        return []
