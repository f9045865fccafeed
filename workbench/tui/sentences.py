"""Provides an event prefilled from one sentence, for `add-event`, and the sentences the
cursor jumps to (`paragraph_starts`, `trigger_sentences`).

`add-event` starts from the sentence under the cursor. The extractor reads that sentence in
the article's context (extract.propose: its own candidates, never a proposal that folded it
into another sentence's event); when its words give nothing, the stored mentions inside the
sentence fill what they can (actors, place, date, casualty figure).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any


def extractor_values(
    text: str, start: int, end: int, published: str | None, skip: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """What the extractor reads in the sentence text[start:end], in the article's context
    (its country, its dates, who "the group" is). None if nothing."""
    from ..extract.propose import propose_for_sentence  # the extractor loads on first use

    return propose_for_sentence(text, start, end, published, skip)


def prefill(
    text: str,
    mentions: list[dict[str, Any]],
    start: int,
    end: int,
    published: str | None = None,
    skip: Sequence[tuple[int, int]] = (),
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
            found = _value(m)
            date = found
            if isinstance(found, dict):
                date, precision = found.get("date"), found.get("precision")
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


def paragraph_firsts(text: str, sentences: Sequence[tuple[int, int]]) -> list[int]:
    """Indexes of the sentences that open a paragraph (a line break before them): a line is
    a paragraph, as the extractor reads it."""
    return [
        k
        for k, (start, _) in enumerate(sentences)
        if k == 0 or "\n" in text[sentences[k - 1][1] : start]
    ]


def step_to(marks: Sequence[int], cursor: int, step: int) -> int | None:
    """The first of `marks` (sorted sentence indexes) after the cursor (step > 0), or the
    last before it; None when there is none that way."""
    if step > 0:
        return next((k for k in marks if k > cursor), None)
    return next((k for k in reversed(marks) if k < cursor), None)
