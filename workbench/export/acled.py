"""Provides the ACLED values we can honestly derive from what an event already holds.

Nothing here guesses: a value is derived only from data we have (the date precision, the
codebook, an actor's recorded type, the country of the place) by ACLED's own definitions,
and is `None` otherwise, which the CSV writes as an empty cell.

- `time_precision`: ACLED 1 = day, 2 = week, 3 = month.
- `inter` codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
  5 rioters, 6 protesters, 7 civilians, 8 external/other forces, read from the actor
  entity's `type` attribute (or `actor_type`/`inter`, as a name or a number) by
  `workbench.base.actors.inter_code`.
- `interaction`: the two inter codes, lower first ("17"); an actor alone is "<inter1>0";
  unknown when actor2 exists but its type is not recorded.
- `civilian_targeting`: "Civilian targeting" for every Violence against civilians event (by
  ACLED's definition civilians are its target) and for Explosions/Remote violence whose
  actor2 is civilians.
- Countries: ISO numeric, ISO3 and ACLED region from `workbench/data/countries.csv`
  (generated from ISO 3166-1; names as ACLED writes them, other names as aliases), read by
  `workbench.base.countries.country_info`.
"""

from __future__ import annotations

from functools import lru_cache

from ..base.codebook import AGAINST_CIVILIANS, REMOTE, load_codebook

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}

CIVILIAN_TARGETING = "Civilian targeting"


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
    if event_type == AGAINST_CIVILIANS:
        return CIVILIAN_TARGETING
    if event_type == REMOTE and inter2 == 7:
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
