"""Provides the event codebook (ACLED's taxonomy by default) read from a CSV data file."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# The event and sub-event types the extraction rules name, spelt once, as codebook.csv
# spells them (tests/test_base.py checks that each is a row there). What each means, and
# which sub-event types make up an event type, is the data file's (`sub_event_types`).
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
# ACLED's event type whose target is civilians by definition: its actor 2 is always civilians,
# the victims' own group an associated actor.
AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
# ACLED's event type of the non-violent developments (agreements, arrests, troop movements).
STRATEGIC = "Strategic developments"

ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
CHEMICAL = "Chemical weapon"
AIR = "Air/drone strike"
SUICIDE = "Suicide bomb"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
RAPE = "Sexual violence"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
EXCESSIVE = "Excessive force against protesters"
DEMONSTRATION = "Violent demonstration"
MOB = "Mob violence"
ARRESTS = "Arrests"
CHANGE = "Change to group/activity"
DISRUPTED = "Disrupted weapons use"
LOOTING = "Looting/property destruction"
# An attack or an armed clash: violence at close quarters, read as one or the other by
# whether its target fought back.
ASSAULTS = frozenset([ATTACK, ARMED_CLASH])
# The changes of territory, by who takes it.
TERRITORY = frozenset([GOV_REGAINS, NSA_OVERTAKES])


@dataclass(frozen=True)
class SubEventType:
    disorder_type: str
    event_type: str
    sub_event_type: str
    description: str
    # One or two sentences in ACLED's terms, what the type is and what it is not; the
    # learned layer matches reports against it (workbench.learn.definitions).
    definition: str = ""
    # "none": ACLED codes this type without deaths (a peaceful protest, an arrest): a toll
    # told beside it belongs to another event.
    fatalities: str = ""


@lru_cache(maxsize=8)
def load_codebook(path: str | None = None) -> dict[str, SubEventType]:
    """Sub-event type -> its entry. `path` overrides the packaged ACLED codebook."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("workbench.data").joinpath("codebook.csv").read_text("utf-8")
    return {row["sub_event_type"]: SubEventType(**row) for row in csv.DictReader(text.splitlines())}


def event_type_of(sub_event_type: str) -> str:
    entry = load_codebook().get(sub_event_type)
    return entry.event_type if entry else ""


def without_deaths(sub_event_type: str) -> bool:
    """ACLED codes this sub-event type with no fatalities (codebook `fatalities` = none)."""
    entry = load_codebook().get(sub_event_type)
    return entry is not None and entry.fatalities == "none"


def sub_event_types(event_type: str) -> frozenset[str]:
    """The sub-event types of an event type in the packaged codebook ("Battles" -> armed
    clash and the two changes of territory)."""
    return frozenset(k for k, e in load_codebook().items() if e.event_type == event_type)
