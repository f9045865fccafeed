"""Provides the ACLED values we can honestly derive from what an event already holds.

Nothing here guesses: a value is derived only from data we have (the date precision, the
codebook, an actor's recorded type, the country of the place) by ACLED's own definitions,
and is `None` otherwise, which the CSV writes as an empty cell.

- `time_precision`: ACLED 1 = day, 2 = week, 3 = month.
- `inter` codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
  5 rioters, 6 protesters, 7 civilians, 8 external/other forces, read from the actor
  entity's `type` attribute (or `actor_type`/`inter`, as a name or a number).
- `interaction`: the two inter codes, lower first ("17"); an actor alone is "<inter1>0";
  unknown when actor2 exists but its type is not recorded.
- `civilian_targeting`: "Civilian targeting" for every Violence against civilians event (by
  ACLED's definition civilians are its target) and for Explosions/Remote violence whose
  actor2 is civilians.
- Countries: ISO numeric, ISO3 and ACLED region from `workbench/data/countries.csv`
  (generated from ISO 3166-1; names as ACLED writes them, other names as aliases).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..codebook import load_codebook
from ..resolve.countries import country_rows
from ..resolve.normalize import name_key

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}

INTER_NAMES = {
    1: ("state forces", "state force", "state", "military", "government forces", "police"),
    2: ("rebel group", "rebel groups", "rebels", "rebel"),
    3: ("political militia", "political militias"),
    4: ("identity militia", "identity militias", "ethnic militia", "communal militia"),
    5: ("rioters", "rioter"),
    6: ("protesters", "protester", "protestors", "protestor"),
    7: ("civilians", "civilian"),
    8: ("external forces", "external other forces", "other forces", "external"),
}
_INTER_BY_KEY = {name_key(n): code for code, names in INTER_NAMES.items() for n in names}
TYPE_ATTRS = ("type", "actor_type", "inter")

CIVILIAN_TARGETING = "Civilian targeting"


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str
    iso: int | None
    region: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for row in country_rows():
        country = Country(
            row["country"], row["iso3"], int(row["iso"]) if row["iso"] else None, row["region"]
        )
        for name in [row["country"], *row["aliases"].split("; ")]:
            table.setdefault(name_key(name), country)
    return table


@lru_cache(maxsize=4096)
def country_info(name: str | None) -> Country | None:
    """The country table's entry for a country name, ISO3 code or alias."""
    return _countries().get(name_key(name)) if name else None


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
        code = _INTER_BY_KEY.get(name_key(text))
        if code is not None:
            return code
    return None


def interaction(inter1: int | None, inter2: int | None, has_actor2: bool) -> int | None:
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(event_type: str, inter2: int | None) -> str:
    if event_type == "Violence against civilians":
        return CIVILIAN_TARGETING
    if event_type == "Explosions/Remote violence" and inter2 == 7:
        return CIVILIAN_TARGETING
    return ""


@lru_cache(maxsize=256)
def disorder_type(event_type: str, sub_event_type: str) -> str:
    """From the codebook: by sub-event type, else by event type when that is unambiguous."""
    book = load_codebook()
    if sub_event_type in book:
        return book[sub_event_type].disorder_type
    kinds = {e.disorder_type for e in book.values() if e.event_type == event_type}
    return kinds.pop() if len(kinds) == 1 else ""
