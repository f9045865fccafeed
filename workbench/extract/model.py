"""Provides the extractor's result types: `Mention`, `EventProposal`, `Extraction`.

They are plain dataclasses (picklable, so worker processes can hand them to the writer) and
carry names, not database ids: `workbench.extract.persist` turns names into entities.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

MENTION_KINDS = ("actor", "place", "date", "weapon", "casualty")


@dataclass(slots=True)
class EntityInfo:
    """What persistence needs to create an entity the first time it is mentioned."""

    kind: str  # actor | place
    name: str  # canonical name
    attrs: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    origin: str = "dictionary"  # dictionary | extracted


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # one of MENTION_KINDS
    name: str | None = None  # canonical entity name (actor/place)
    value: dict[str, Any] | None = None  # resolved date / count / weapon class
    rule: str = ""
    confidence: float = 0.5
    # Internal: the surface is a generic or context-resolved word ("the regime"), so it must
    # never be looked up as an alias of whatever entity happens to own that word.
    contextual: bool = False
    value_json: str | None = None  # `value` serialised (filled by worker processes)


@dataclass(slots=True)
class EventProposal:
    """What the extractor proposes: the record's fields it fills (store.record; typed here for
    the rules that set them, `place` holding the location), and its own (spans, the quote,
    rules). persist.PROPOSED writes the members that are record fields."""

    sub_event_type: str
    event_type: str
    event_date: str | None = None
    date_precision: str = "unknown"
    actor1: str | None = None
    actor1_span: tuple[int, int] | None = None
    actor2: str | None = None
    actor2_span: tuple[int, int] | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    place: str | None = None
    place_span: tuple[int, int] | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    notes: str = ""
    confidence: float = 0.5
    quote: str = ""
    start: int = 0
    end: int = 0
    rules: list[str] = field(default_factory=list)
    # False: scored under the floor; offered only as a second source of the same event
    # already proposed from another article, never as a proposal of its own.
    standalone: bool = True
    # Required fields the extractor could not fill ("actor1", "date", "location"): the
    # proposal is made all the same, with a lower confidence, and the analyst sees what to add.
    incomplete: list[str] = field(default_factory=list)
    # What the confidence was computed from (scoring.FEATURES); not stored.
    features: tuple[float, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventProposal] = field(default_factory=list)
    # Scored under the floor: kept only to join the same event proposed from another article.
    second_sources: list[EventProposal] = field(default_factory=list)
    # Every entity a mention or event names, keyed by (kind, canonical name).
    entities: dict[tuple[str, str], EntityInfo] = field(default_factory=dict)
    country: str | None = None  # the article's main country (resolves "the regime")
    # Characters of text not read for events (boilerplate lines, headings), so the analyst
    # can see that something was left out and how much.
    skipped: int = 0


# Every field but `features` (the last one), which only the extractor itself reads.
EVENT_FIELDS = tuple(f.name for f in fields(EventProposal))[:-1]

# What a worker process sends the writer: plain tuples, which pickle and unpickle several
# times faster than dataclass instances (the parent's unpickling was a third of its work).
# (mention rows, event tuples, rules as JSON per event, new entities, country, skipped
# characters); a mention row
# is (start, end, text, kind, name, value as JSON, rule, confidence, contextual).
Packed = tuple[
    list[tuple], list[tuple], list[str], dict[tuple[str, str], EntityInfo], str | None, int
]


def pack(ex: Extraction) -> Packed:
    mentions = [
        (m.start, m.end, m.text, m.kind, m.name, _value_json(m), m.rule, m.confidence,
         m.contextual)
        for m in ex.mentions
    ]  # fmt: skip
    both = ex.events + ex.second_sources
    events = [tuple([getattr(ev, f) for f in EVENT_FIELDS]) for ev in both]
    rules = [_dumps(ev.rules) for ev in both]
    return mentions, events, rules, ex.entities, ex.country, ex.skipped


def _value_json(m: Mention) -> str | None:
    if m.value_json is not None or m.value is None:
        return m.value_json
    return _dumps(m.value)


# One encoder for all: json.dumps with options builds a new encoder on every call. Same
# output as json.dumps(value, ensure_ascii=False).
_dumps = json.JSONEncoder(ensure_ascii=False).encode
