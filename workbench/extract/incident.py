"""Provides `Incident`: the candidates that tell one real-world act, folded together (by
`incidents.group_incidents`), and `kind_of`, the sub-event type its triggers and weapons
give it, with the names of the protest family's types that grouping and typing share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..base.codebook import (
    BATTLES,
    DEMONSTRATION,
    EXCESSIVE,
    INTERVENTION,
    PEACEFUL,
    RAPE,
    sub_event_types,
)
from .annotate import Ann
from .candidates import Candidate

# ACLED's battles (codebook.csv): an armed clash and the changes of territory.
BATTLE_TYPES = sub_event_types(BATTLES)
# A demonstration and the force used on it are one event ("hundreds gathered in the square
# ... police fired tear gas to disperse them": a protest with intervention).
FORCE_ON_PROTEST = frozenset([INTERVENTION, EXCESSIVE])
PROTEST_KINDS = FORCE_ON_PROTEST | {PEACEFUL}
# A demonstration told in parts ("gathered and blocked the road with burning tyres. Police
# fired into the air to disperse them"): one event, typed at the end (crowds.py).
DEMONSTRATIONS = PROTEST_KINDS | {DEMONSTRATION}


@dataclass(slots=True)
class Incident:
    cands: list[Candidate]
    agents: list[Ann] = field(default_factory=list)
    targets: list[Ann] = field(default_factory=list)
    civilian_target: bool = False
    place: Ann | None = None
    date: Ann | None = None
    week_date: bool = False
    historical: bool = False
    casualties: list[Ann] = field(default_factory=list)
    weapons: list = field(default_factory=list)
    last_sent: int = 0
    rules: list[str] = field(default_factory=list)
    kind: tuple[str, bool] | None = None  # cached (type, generic?), see kind_of
    triggers: list[Ann] = field(default_factory=list)

    @property
    def primary(self) -> Candidate:
        return self.cands[0]


# ACLED codes an abduction or an attack in which its victims were raped as sexual violence
# ("abducted and raped a girl", "attacked the village and raped three women").
_OUTRANKS_ON_CIVILIANS = RAPE


def rank(trigger) -> tuple[bool, bool, int]:
    """Which of an incident's triggers types it: force used on a demonstration first (the
    protest it broke up was one with intervention), then sexual violence, then the
    strongest word."""
    kind = trigger.sub_event_type
    return kind in FORCE_ON_PROTEST, kind == _OUTRANKS_ON_CIVILIANS, trigger.strength


def effective_type(triggers: list[Ann], weapons: list) -> tuple[str, bool]:
    """(sub-event type, generic?): a generic trigger takes its type from the weapons."""
    main = max((t.trigger for t in triggers), key=rank)
    if "generic" not in main.flags:
        return main.sub_event_type, False
    for weapon in weapons:
        # The type is the weapons.csv row's own (a user's row included); a weapon without one
        # ("rifles", "tanks") says nothing of the type.
        if weapon is not None and weapon.sub_event_type:
            return weapon.sub_event_type, False
    return main.sub_event_type, True


def kind_of(x: Incident | Candidate) -> tuple[str, bool]:
    """(sub-event type, generic?) of an incident or candidate, cached until it changes."""
    if x.kind is None:
        x.kind = effective_type(x.triggers, x.weapons)
    return x.kind


def type_of(inc: Incident) -> str:
    return kind_of(inc)[0]
