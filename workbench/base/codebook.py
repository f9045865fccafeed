"""Provides the event codebook (ACLED's taxonomy by default) read from a CSV data file."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# ACLED's event type of the non-violent developments (agreements, arrests, troop movements).
STRATEGIC = "Strategic developments"
# ACLED's event type whose target is civilians by definition: its actor 2 is always civilians,
# the victims' own group an associated actor.
AGAINST_CIVILIANS = "Violence against civilians"


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
