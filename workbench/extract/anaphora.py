"""Provides `refer_back`: "the militants", "the group" after a named armed group are that group.

News names a group once ("al-Shabaab fighters stormed ...") and then refers to it ("the
militants then set fire to ...", "the group said its fighters ..."). Without this pass the
second sentence's doer is coded as an unidentified armed group, or nobody. Only definite
references count ("the militants", not "militants", which may be other men), only to a
non-state armed group named earlier in the article and not long before, and the mention
stays contextual, so "the group" never becomes an alias of the group it stood for.
"""

from __future__ import annotations

from ..base.actors import NON_STATE_TYPES, STATE_FORCES
from .annotate import Ann

WINDOW = 1500  # characters back to the naming: a few paragraphs
# Generic groups whose definite form may refer back; "anaphor" words ("the group") mean
# nothing else and are dropped when nothing was named before them.
REFERRING = frozenset(["unidentified", "anaphor"])
# "The troops", "its soldiers": the state forces named last ("US troops ... the troops"); bare
# "soldiers" ("two soldiers were killed") and any with none named before: the article
# country's army (the group's template).
SOLDIERS = "troops"
DEFINITE = ("the ", "The ", "its ", "Its ", "their ", "Their ")


def refer_back(anns: list[Ann], text: str) -> list[Ann]:
    """`anns` sorted by start; returns them with references resolved (or dropped)."""
    if not any(
        a.kind == "actor" and a.contextual and a.info in (*REFERRING, SOLDIERS) for a in anns
    ):
        return anns
    out = []
    last: Ann | None = None
    state: Ann | None = None
    for a in anns:
        if a.kind == "actor":
            if not a.contextual and not a.role and a.atype in NON_STATE_TYPES:
                last = a
            elif not a.contextual and not a.role and a.atype == STATE_FORCES:
                state = a
            elif a.contextual and a.info == SOLDIERS:
                if state is not None and a.start - state.end <= WINDOW and _definite(a, text):
                    a.name, a.atype, a.country = state.name, state.atype, state.country
                    a.rule = "anaphora"
            elif a.contextual and a.info in REFERRING:
                # The dictionary drops a leading "the" ("the group" is stored as "group"):
                # the text must say "the group", not "a group" or "clan fighters".
                if _definite(a, text) and last is not None and a.start - last.end <= WINDOW:
                    a.name, a.atype, a.country = last.name, last.atype, last.country
                    a.rule = "anaphora"
                elif a.info == "anaphor":
                    continue  # "the group" with no group named before: no actor
        out.append(a)
    return out


def _definite(a: Ann, text: str) -> bool:
    return text[max(0, a.start - 6) : a.start].endswith(DEFINITE) or text[
        a.start : a.end
    ].startswith(DEFINITE)
