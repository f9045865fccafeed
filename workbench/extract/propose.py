"""Provides `propose_for_sentence`: the extractor's event for one sentence, as form values,
and `trigger_starts`: where the article's act words are (the review cursor jumps to them).

Used when an analyst adds an event from the sentence under the cursor. The article is read
up to its candidates (so "the group", "Thursday" and the article's country mean what they
mean there), then only the candidates of that sentence are made one incident and finalized:
the values come from the sentence's own mentions, never from a proposal that merged it with
another sentence. A sentence with no candidate (a cue dropped its act word) gives what its
mentions can: actors, place, date, toll and the act word's sub-event type. Values use the
public field names of the event API (`actor1`, `location`, lists joined with "; "): the
editable fields of the event record (`store/record.py`), so a new one is proposed as soon as
the extractor's `EventProposal` has an attribute of its name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..base.actors import CIVILIANS
from ..store.record import FIELDS
from .core import STAGES, candidates, dictionary
from .doc import Doc
from .finalize import finalize
from .incidents import group_incidents
from .lexicon import Lexicon, cached_lexicon
from .model import EventProposal
from .text import within

# Record fields the proposal holds under another name.
PROPOSAL_ATTRS = {"location": "place"}


def propose_for_sentence(
    text: str,
    start: int,
    end: int,
    published: str | None = None,
    skip_spans: Sequence[tuple[int, int]] = (),
    dictionaries: Lexicon | None = None,
) -> dict[str, Any] | None:
    """Form values for the sentence text[start:end], from its own candidates (None if its
    words give nothing)."""
    doc = _read(text, published, skip_spans, dictionaries, until=candidates)
    inside = {k for k, s in enumerate(doc.sentences) if s.start < end and start < s.end}
    mine = [c for c in doc.candidates if c.sent in inside]
    if mine:
        last = max(inside)
        # The sentences before give the context ("the strikes" are the warplanes named
        # before); the sentences after are not read, so nothing of theirs is folded in.
        before = [c for c in doc.candidates if c.sent < min(inside)]
        orphans = [o for o in doc.orphans if o[0] <= last]
        incidents = group_incidents(before + mine, orphans, doc.sentences)
        own = [inc for inc in incidents if inc.primary in mine]
        if not own:
            # Read as a retelling of an earlier act: the analyst says it is an act of its
            # own, so it is read alone.
            own = group_incidents(mine, [o for o in orphans if o[0] in inside], doc.sentences)
        for inc in own:
            ev = finalize(inc, doc.lex, doc.text, doc.published, doc.country, doc.sentences)
            if ev is not None:
                return values_of(ev)
    values = _from_mentions(doc, start, end)
    return values or None


def trigger_starts(
    text: str, skip_spans: Sequence[tuple[int, int]] = (), dictionaries: Lexicon | None = None
) -> list[int]:
    """Where each act word ("shelled", "clashes", "airstrike") of the text starts, in order."""
    # The dictionary stage is enough: act words are dictionary phrases.
    doc = _read(text, None, skip_spans, dictionaries, until=dictionary)
    skipped = within(doc.skip)
    return sorted(a.start for a in doc.anns if a.kind == "trigger" and not skipped(a.start, a.end))


def _read(text, published, skip_spans, dictionaries, until) -> Doc:
    """The article's stages up to and including `until` (core.STAGES)."""
    lex = dictionaries if isinstance(dictionaries, Lexicon) else cached_lexicon(())
    day = None
    if published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            day = None
    doc = Doc(text, day, [(int(a), int(b)) for a, b in skip_spans], lex)
    for stage in STAGES:
        stage(doc)
        if stage is until:
            break
    return doc


def _from_mentions(doc: Doc, start: int, end: int) -> dict[str, Any]:
    """What the sentence's mentions fill when no act of it became a candidate."""
    values: dict[str, Any] = {}
    actors: list[tuple[bool, str]] = []
    for a in doc.anns:
        if not (start <= a.start and a.end <= end) or a.role:
            continue
        if a.kind == "actor" and a.name and a.name not in (n for _, n in actors):
            # Civilians are who an act hits, never its doer (ACLED): actor 2 at most.
            entry = a.actor_entry
            civilian = (a.atype or (entry.type if entry else "")) == CIVILIANS
            actors.append((civilian, a.name))
        elif a.kind == "place" and a.name:
            values.setdefault("location", a.name)
        elif a.kind == "date" and a.date_hit.date and "event_date" not in values:
            values["event_date"], values["date_precision"] = a.date_hit.date, a.date_hit.precision
        elif a.kind == "casualty" and a.figure.kind == "killed" and not a.figure.aggregate:
            values["fatalities"] = max(a.figure.count, values.get("fatalities") or 0)
        elif a.kind == "trigger" and "sub_event_type" not in values:
            values["sub_event_type"] = a.trigger.sub_event_type
    doers = [n for civilian, n in actors if not civilian]
    hit = doers[1:2] or [n for civilian, n in actors if civilian][:1]
    if doers:
        values["actor1"] = doers[0]
    if hit:
        values["actor2"] = hit[0]
    return values


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
    return propose_for_sentence(text, start, end, published, json.loads(boilerplate or "[]"), lex)


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
