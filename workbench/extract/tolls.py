"""Provides `fatalities`: an event's toll (ACLED's fatalities, low/high, injured) from the
casualty figures of its incident, with notes saying which figure was kept.

"Most conservative" chooses among rival reports of one figure; parts of a total (by group,
by place, "15 in X and six in Y") are not rival reports; other sides' counts with no total
are added; dead told again with "also" are not added twice; a tally over a period is no
incident's toll. Word lists: `lexicon.toml` [tolls], [toll_sides].
"""

from __future__ import annotations

import re

from ..base.codebook import without_deaths
from .incident import Incident
from .lexicon import Lexicon
from .model import EventProposal
from .placing import place_rank
from .tallies import parts_of_a_total
from .tokens import key_of


def _rival_figures(base: list, lex: Lexicon) -> tuple[list, list]:
    """The figures that are rival reports of one toll, and the other sides' counts to add.

    "Most conservative" chooses among reports of one figure (the monitor's 30, officials'
    25), never between the whole toll and one group's part of it ("killing 20 people ...
    12 of them soldiers") nor between two sides' counts ("12 soldiers ... eight rebels"):
    with a whole count (`[tolls] whole`) the counts of groups are its parts; without one,
    counts of different sides (`[toll_sides]`) are added, the least of each side kept; a
    bare count ("a toll of nine") may report any of them, and leaves the least of all.
    """
    if len(base) < 2 or any(h.total for h in base):
        return base, []
    # "Fifteen civilians among them 11 children were killed" beside "11 children": the
    # children are some of the civilians (the people), not a lower report of them.
    broad = [h.count for h in base if h.victims in lex.toll_whole or h.victims in lex.toll_broad]
    if broad:
        base = [
            h for h in base
            if not h.victims or h.victims in lex.toll_whole or h.victims in lex.toll_broad
            or h.count >= max(broad)
            or lex.toll_side.get(" ".join(key_of(h.victims))) != lex.toll_people
        ]  # fmt: skip
    wholes = [h.count for h in base if h.victims in lex.toll_whole]
    if wholes:
        # A bare count ("28 were killed", "the toll at 35") is another report of the whole,
        # and so is a count of the people "people" means (22 villagers, 31 people); a
        # smaller count of fighters is a part of it (al-Shabab's "15 soldiers" beside
        # "seven people" is a rival claim, not a part).
        return [
            h for h in base
            if not h.victims or h.victims in lex.toll_whole or h.count >= min(wholes)
            or lex.toll_side.get(" ".join(key_of(h.victims))) == lex.toll_people
        ], []  # fmt: skip
    sides: dict[str, list] = {}
    for h in base:
        side = lex.toll_side.get(" ".join(key_of(h.victims)))
        if side is None:
            return base, []  # a count of unknown people may report any side's toll
        sides.setdefault(side, []).append(h)
    if len(sides) < 2:
        return base, []
    firsts = [min(hs, key=lambda h: h.count) for hs in sides.values()]
    return sides[next(iter(sides))], firsts[1:]


_MORE_DEAD = re.compile(r"\b(?:others?|more|another|further|additional)\b", re.I)


def _retold(hit, base: list) -> bool:
    """An 'also' figure that repeats one of the toll's, of the same people: the same dead
    told again ("The army killed over 60 terrorists ... The army also killed over 60
    terrorists in al-Jafra"), not more dead. Not one victim ("a militant was also killed"
    beside a man shot dead), nor others ("two others were also killed")."""
    if _MORE_DEAD.search(hit.text):
        return False
    return hit.count > 1 and any(b.count == hit.count and b.victims == hit.victims for b in base)


def _finer_places_dropped(hits: list, inc: Incident) -> list:
    """The figures left once those of a finer place than the largest figure's are dropped:
    "Strikes in and around a town in Idlib province killed 26 ... a strike on the hospital
    in Kafr Takharim killed 14" (the 14 are some of the 26, at one of its places)."""
    if len(hits) < 2:
        return hits
    where = {id(a.figure): c.place for c in inc.cands for a in c.casualties}
    top = max(hits, key=lambda h: h.count)
    wide = where.get(id(top))
    if wide is None:
        return hits
    kept = [
        h for h in hits
        if h.count >= top.count
        or (p := where.get(id(h))) is None
        or p.name == wide.name
        or place_rank(p) >= place_rank(wide)
    ]  # fmt: skip
    return kept or hits


# Rule of a toll of 0 coded because only the hurt were counted (headline.py reads it).
INJURED_ONLY = "fatalities-injured-only"


def fatalities(ev: EventProposal, inc: Incident, notes: list[str], rules, lex: Lexicon) -> None:
    # A tally over a period or the whole war ("since 2011", "so far") is no incident's toll.
    hits = [c.figure for c in inc.casualties if not c.figure.aggregate]
    if without_deaths(ev.sub_event_type) and any(h.kind == "killed" and h.count for h in hits):
        # "Police detained 12 men in a war that has killed 500,000": ACLED codes no deaths
        # for an arrest or a peaceful protest; the figure is another event's, or none.
        dead = max(h.count for h in hits if h.kind == "killed")
        notes.append(f"Fatalities: {dead} killed told beside it, not coded ({ev.sub_event_type}).")
        rules.append("fatalities-not-of-this-type")
        hits = [h for h in hits if h.kind != "killed"]
    killed = [h for h in hits if h.kind == "killed" and not h.subset]
    injured = [h.count for h in hits if h.kind == "injured" and not h.vague]
    exact = [h for h in killed if not h.vague and h.count > 0]
    vague = [h for h in killed if h.vague]
    if exact:
        # "killed 21 civilians ... 15 in a district of the town and six in a village near
        # it": the two are the 21's parts, neither a rival report nor more dead.
        shares = parts_of_a_total(exact)
        if shares and len(shares) < len(exact):
            exact = [h for h in exact if h not in shares]
            told = " + ".join(str(c) for c in sorted({h.count for h in shares}, reverse=True))
            notes.append(f"Fatalities: {told} told as parts of the toll, not rival reports.")
        exact = _finer_places_dropped(exact, inc)
        # "Five rebels were also killed", "another 10": other dead, added to the figure.
        # "22 combatants on both sides" is the whole toll; "11 soldiers" was one side of it.
        base = [h for h in exact if h.total] or [h for h in exact if not h.also] or exact[:1]
        extra = [
            h for h in exact
            if h.also and h not in base and not base[0].total and not _retold(h, base)
        ]  # fmt: skip
        base, sides = _rival_figures(base, lex)
        lows = [h.count for h in base]
        highs = [max(h.count, h.high) for h in base]
        added, added_high = sum(h.count for h in extra), sum(max(h.count, h.high) for h in extra)
        ev.fatalities = min(lows) + added + sum(h.count for h in sides)
        high = max(highs) + added_high + sum(max(h.count, h.high) for h in sides)
        if high > ev.fatalities:
            ev.fatalities_low, ev.fatalities_high = ev.fatalities, high
            figures = sorted({*lows, *(h.high for h in base if h.high)})
            notes.append(
                f"Fatalities: reports differ or give a range ({', '.join(map(str, figures))}); the most conservative kept."
            )
        if extra:
            notes.append(f"Fatalities: {added} more reported killed, added.")
        if sides:
            parts = " + ".join(str(h.count) for h in [min(base, key=lambda h: h.count), *sides])
            notes.append(f"Fatalities: no total given; the sides' counts added ({parts}).")
        hedged = [h for h in base if h.hedge and h.count == min(lows)]
        if hedged:
            notes.append(f"Fatalities: reported as '{hedged[0].text.strip()}'.")
        rules.append("fatalities-figure")
    elif vague:
        h = min(vague, key=lambda h: h.count)
        ev.fatalities = h.count
        notes.append(
            f"Fatalities: '{h.vague}' coded as {h.count} (ACLED convention for vague quantities)."
        )
        rules.append("fatalities-vague-convention")
    elif killed:
        ev.fatalities = 0
        rules.append("fatalities-none-reported")
    elif injured:
        # Only people hurt, and counted: ACLED codes 0 dead when the report counts the
        # casualties and none died ("several were injured" says too little to code).
        ev.fatalities = 0
        rules.append(INJURED_ONLY)
    if injured:
        ev.injured = max(injured)
        notes.append(f"Injured: {ev.injured}.")
