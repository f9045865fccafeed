"""Provides what the `mentions` stage hands on beside the proposals: `mentions_of` (what the
review screen highlights: every annotation outside skipped text) and `entities_of` /
`entity_info` (each actor and place named, with its type, country and aliases from the
dictionaries or the gazetteer)."""

from __future__ import annotations

from typing import Any

from ..base.actors import PERSON
from .annotate import Ann
from .gazetteer import geo_attrs, with_coordinates
from .lexicon import ActorEntry, Lexicon
from .model import EntityInfo, EventProposal, Mention
from .text import within


def mentions_of(anns: list[Ann], skip: list[tuple[int, int]], text: str) -> list[Mention]:
    out = []
    inside = within(skip)
    for a in anns:
        if a.kind == "trigger" or (skip and inside(a.start, a.end)):
            continue
        value: dict[str, Any] | None = None
        if a.kind == "date":
            value = {"date": a.date_hit.date, "precision": a.date_hit.precision}
        elif a.kind == "casualty":
            h = a.figure
            value = {
                "count": h.count,
                "kind": h.kind,
                "hedge": h.hedge,
                "vague": h.vague,
                "subset": h.subset,
            }
        elif a.kind == "weapon":
            value = {"class": a.arms.cls}
        elif a.kind == "actor" and (a.role or a.weapon):
            value = {
                k: v for k, v in (("role", a.role), ("weapon", a.weapon and a.weapon.cls)) if v
            }
        conf = a.confidence if a.kind in ("actor", "place") else 0.8
        m = Mention(
            a.start, a.end, text[a.start : a.end], a.kind, a.name, value, a.rule, conf, a.contextual
        )
        out.append(m)
    return out


def entities_of(
    lex: Lexicon, anns: list[Ann], events: list[EventProposal]
) -> dict[tuple[str, str], EntityInfo]:
    """Each actor and place the annotations or the proposals name, with what is known of it."""
    names: dict[tuple[str, str], Ann | None]
    names = {("actor", a.name): a for a in anns if a.kind == "actor" and a.name}
    names |= {("place", a.name): a for a in anns if a.kind == "place" and a.name}
    for ev in events:
        for n in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2):
            if n:
                names.setdefault(("actor", n), None)
        if ev.place:
            names.setdefault(("place", ev.place), None)
    return {(kind, name): entity_info(lex, kind, name, ann) for (kind, name), ann in names.items()}


def entity_info(lex: Lexicon, kind: str, name: str, ann: Ann | None) -> EntityInfo:
    if kind == "place":
        entry = lex.places.get(name) or (ann.place_entry if ann is not None else None)
        if entry is None:
            return EntityInfo("place", name, {}, (), "extracted")
        entry = with_coordinates(entry, lex)
        attrs = {"type": entry.type, "admin1": entry.admin1, "country": entry.country,
                 "latitude": entry.lat, "longitude": entry.lon}  # fmt: skip
        if entry.geo is not None:
            attrs |= geo_attrs(entry.geo, attrs)
        return EntityInfo("place", name, {k: v for k, v in attrs.items() if v not in ("", None)},
                          tuple(entry.aliases), entry.origin)  # fmt: skip
    actor = lex.actors.get(name)
    if actor is not None:
        attrs = {"type": actor.type, "country": actor.country}
        if actor.type == PERSON:
            attrs = {"role": "person", "country": actor.country, "acts_for": actor.acts_for}
        return EntityInfo(
            "actor", name, {k: v for k, v in attrs.items() if v}, tuple(actor.aliases), actor.origin
        )
    if ann is not None and isinstance(ann.info, ActorEntry):
        return EntityInfo("actor", name, {}, (), ann.info.origin)
    atype = ann.atype if ann is not None else ""
    country = ann.country if ann is not None else ""
    if not atype:
        atype, country = _group_attrs(lex, name)
    attrs = {k: v for k, v in (("type", atype), ("country", country)) if v}
    return EntityInfo("actor", name, attrs, (), "dictionary")


def _group_attrs(lex: Lexicon, name: str) -> tuple[str, str]:
    found = lex.template_group(name)
    return (lex.group_types.get(found[0], ""), found[1]) if found else ("", "")
