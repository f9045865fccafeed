"""Provides `propose_for_span`: the extractor's event for one sentence, as form values.

Used when an analyst adds an event from the sentence under the cursor: the proposal whose
evidence overlaps the span most is returned; failing that, the span is read on its own
(in the article's context: its country and publication date). Values use the public field
names of the event API (`actor1`, `location`, lists joined with "; "): the editable fields
of the event record (`store/record.py`), so a new one is proposed as soon as the extractor's
`EventProposal` has an attribute of its name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..store.record import FIELDS
from .core import extract
from .lexicon import cached_lexicon
from .model import EventProposal

# Record fields the proposal holds under another name.
PROPOSAL_ATTRS = {"location": "place"}


def propose_for_text(
    text: str,
    start: int,
    end: int,
    published: str | None = None,
    skip_spans: Sequence[tuple[int, int]] = (),
    dictionaries=None,
) -> dict[str, Any] | None:
    """Form values for text[start:end], from the whole article's extraction."""
    events = extract(text, published, skip_spans, dictionaries).events
    best, overlap = None, 0
    for ev in events:
        shared = min(end, ev.end) - max(start, ev.start)
        if shared > overlap:
            best, overlap = ev, shared
    if best is None:
        # Nothing proposed there (a cue, a thin sentence): read the sentence alone.
        alone = extract(text[start:end], published, (), dictionaries).events
        best = alone[0] if alone else None
    return values_of(best) if best is not None else None


def propose_for_span(store, article_id: int, start: int, end: int) -> dict[str, Any] | None:
    """The TUI hook: the same, for a stored article, with names the database learnt."""
    from .run import learnt_names

    row = store.conn.execute(
        "SELECT text, published, boilerplate FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    text, published, boilerplate = row
    lex = cached_lexicon((), learnt_names(store))
    return propose_for_text(text, start, end, published, json.loads(boilerplate or "[]"), lex)


def values_of(ev: EventProposal) -> dict[str, Any]:
    """The proposal's value of each editable record field it has, leaving out empty ones."""
    values = {}
    for field in FIELDS:
        if not field.editable:
            continue
        value = getattr(ev, PROPOSAL_ATTRS.get(field.name, field.name), None)
        if isinstance(value, list):
            value = "; ".join(value)
        if value not in (None, ""):
            values[field.name] = value
    return values
