"""Provides ACLED's actor types and their inter codes, from `workbench/data/actor_types.csv`.

An actor entity records its type in the `type` attribute ("Rebel group"); the export turns
it into ACLED's `inter1`/`inter2` codes (1 state forces ... 8 external/other forces), and
the extractor reasons with the armed ones. The table is read once; `other_names` are the
spellings an imported or hand-written attribute may use ("rebels", "ethnic militia").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .names import name_key

STATE_FORCES = "State forces"
CIVILIANS = "Civilians"
PROTESTERS = "Protesters"
EXTERNAL_FORCES = "External/Other forces"
# A named person (actors.csv, not an ACLED type): a leader who acts for forces (`acts_for`).
PERSON = "Person"
# Not one of ACLED's eight: a party (or a party's wing) in the dictionary. ACLED codes its
# people as the crowd they form (rioters, protesters) with the party associated, and the
# party itself, as a primary actor, as a political militia (actor_types.csv).
PARTY = "Political party"
# ACLED's organised armed actors (inter 1-4 and 8), and the non-state ones among them.
ARMED_INTER = (1, 2, 3, 4, 8)
NON_STATE_INTER = (2, 3, 4)
# Crowds: rioters and protesters (inter 5 and 6).
CROWD_INTER = (5, 6)
# Where an actor's attributes may hold its type: ours, and the names other tools use.
TYPE_ATTRS = ("type", "actor_type", "inter")


@dataclass(frozen=True)
class ActorType:
    inter: int
    name: str
    other_names: tuple[str, ...]


@lru_cache(maxsize=1)
def actor_types() -> tuple[ActorType, ...]:
    """The rows of actor_types.csv, in inter-code order."""
    text = resources.files("workbench.data").joinpath("actor_types.csv").read_text("utf-8")
    return tuple(
        ActorType(
            int(row["inter"]),
            row["type"],
            tuple(p.strip() for p in row["other_names"].split(";") if p.strip()),
        )
        for row in csv.DictReader(text.splitlines())
    )


def type_names(inters: tuple[int, ...] | None = None) -> tuple[str, ...]:
    """The types' names ("State forces", ...), all or those with the given inter codes."""
    return tuple(t.name for t in actor_types() if inters is None or t.inter in inters)


# The names of the types of each class above ("State forces", ...): the extractor's sets.
ARMED_TYPES = frozenset(type_names(ARMED_INTER))
NON_STATE_TYPES = frozenset(type_names(NON_STATE_INTER))
CROWD_TYPES = frozenset(type_names(CROWD_INTER))


def actor_type(value: str) -> str:
    """The canonical type an analyst typed ("rebel group", "External"); ValueError if none."""
    wanted = " ".join(value.split()).casefold()
    for t in actor_types():
        if t.name.casefold() == wanted or t.name.split("/")[0].casefold() == wanted:
            return t.name
    raise ValueError(f"type must be one of: {', '.join(type_names())} (not {value!r})")


@lru_cache(maxsize=1)
def _inter_by_key() -> dict[str, int]:
    return {name_key(n): t.inter for t in actor_types() for n in (t.name.lower(), *t.other_names)}


def inter_code(attrs: dict[str, Any]) -> int | None:
    """ACLED inter code (1-8) from an actor's attributes, None when not recorded."""
    for key in TYPE_ATTRS:
        value = attrs.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            return value if 1 <= value <= 8 else None
        text = str(value).strip()
        if text.isdigit():
            return int(text) if 1 <= int(text) <= 8 else None
        code = _inter_by_key().get(name_key(text))
        if code is not None:
            return code
    return None
