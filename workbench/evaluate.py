"""Provides `evaluate`: proposed events scored against hand-coded gold events.

The matching rule is the one in gold/README.md. A proposal matches a gold event when it has
a source in the gold event's article (the export record's `sources[].file`), its sub-event
type is one of the acceptable ones, its date agrees within the gold precision (day: +-1 day,
week: +-7 days, month: same month; a gold date of null is not scored), and at least one of
actor1, actor2 and location agrees with an acceptable name after normalisation (case,
punctuation, leading "the", hashtags, possessives, "al-"). Actor order is free, except that
civilians named as the target of an attack must be actor2. One proposal matches at most one
gold event: a maximum matching, required gold events first.

Events are read as export records (DESIGN.md), from the database or from a JSONL file made
by `workbench export --status all --format jsonl`, so both give the same figures. Rejected
and merged events are not proposals and are left out.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from .base.calendar import PRECISION_DAYS
from .base.names import name_key

FIELDS = ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
          "location", "fatalities")  # fmt: skip


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
    return out


def records_from_store(store) -> list[dict[str, Any]]:
    from .export.records import iter_records

    return list(iter_records(store, status="all"))


def norm(name: str | None) -> str:
    """'the Assad's regime' -> 'assad regime'; 'Bashar al-Assad' -> 'bashar assad';
    ACLED's period suffix goes: 'Military Forces of Yemen (2012-)' -> 'military forces of
    yemen'."""
    name = _PERIOD.sub("", name or "")
    return " ".join(w for w in name_key(name).split() if w != "al")


_PERIOD = re.compile(r"\s*\((?:19|20)\d\d-(?:(?:19|20)\d\d)?\)\s*$")


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def date_agrees(gold: dict[str, Any], rec: dict[str, Any]) -> bool:
    g = _day(gold.get("event_date"))
    if g is None:
        return True
    r = _day(rec.get("event_date"))
    if r is None:
        return False
    precision = gold.get("date_precision") or "day"
    if precision == "month":
        return (g.year, g.month) == (r.year, r.month)
    if precision in PRECISION_DAYS:  # day: a day either side; week: a week
        return abs((g - r).days) <= PRECISION_DAYS[precision]
    return True


def _names_in(value: str | None, acceptable: list[str]) -> bool:
    wanted = {norm(a) for a in acceptable}
    if "" in wanted and (not value or norm(value).startswith("unidentified")):
        return True  # gold "" = unidentified is acceptable: none, or ACLED's unidentified group
    # ACLED writes some names "Short: Long" ("M23: March 23 Movement"): either part names it.
    parts = [value, *(value or "").split(": ", 1)] if value and ": " in value else [value]
    return any(norm(p) in wanted for p in parts)


def actors_agree(gold: dict[str, Any], rec: dict[str, Any]) -> tuple[bool, bool, bool]:
    """(any actor agrees, actor1 agrees, actor2 agrees), the order chosen that agrees most."""
    g1, g2 = _list(gold.get("actor1")), _list(gold.get("actor2"))
    r1, r2 = rec.get("actor1") or "", rec.get("actor2") or ""
    straight = (bool(g1) and _names_in(r1, g1), bool(g2) and _names_in(r2, g2))
    # Swapped, unless that would put civilians (the target) in actor1.
    civilians_first = norm(r1).startswith("civilians")
    # Swapped, an empty slot agrees with nothing: the straight reading already gave it
    # its chance against a gold "" (unidentified).
    swapped = (False, False) if civilians_first else (
        bool(g1 and r2) and _names_in(r2, g1), bool(g2 and r1) and _names_in(r1, g2))  # fmt: skip
    best = max(straight, swapped, key=sum)
    return any(best), best[0], best[1]


def matches(gold: dict[str, Any], rec: dict[str, Any]) -> bool:
    files = {Path(str(s.get("file") or "")).name for s in rec.get("sources") or []}
    if Path(gold["article"]).name not in files:
        return False
    if rec.get("sub_event_type") not in _list(gold.get("sub_event_type")):
        return False
    if not date_agrees(gold, rec):
        return False
    places = _list(gold.get("location"))
    return actors_agree(gold, rec)[0] or bool(places) and _names_in(rec.get("location"), places)


def field_scores(gold: dict[str, Any], rec: dict[str, Any]) -> dict[str, bool | None]:
    """Per field: True/False, or None when the gold event does not score it."""
    _, a1, a2 = actors_agree(gold, rec)
    places = _list(gold.get("location"))
    gold_fat = gold.get("fatalities")
    return {
        "event_date": date_agrees(gold, rec) if gold.get("event_date") else None,
        "date_precision": rec.get("date_precision") == gold.get("date_precision"),
        "event_type": rec.get("event_type") in _list(gold.get("event_type")),
        "sub_event_type": rec.get("sub_event_type") in _list(gold.get("sub_event_type")),
        "actor1": a1 if _list(gold.get("actor1")) else None,
        "actor2": a2 if _list(gold.get("actor2")) else None,
        "location": _names_in(rec.get("location"), places) if places else None,
        # Gold null (not reported) and 0 both accept a proposal that reports none; ACLED
        # codes "none reported" as 0.
        "fatalities": (rec.get("fatalities") or 0) == (gold_fat or 0),
    }  # fmt: skip


def _assign(gold: list[dict], recs: list[dict]) -> dict[int, int]:
    """Maximum matching gold -> record index, required gold events first (Kuhn)."""
    edges = {}
    for gi, g in enumerate(gold):
        cands = [ri for ri, r in enumerate(recs) if matches(g, r)]
        cands.sort(key=lambda ri: -sum(bool(v) for v in field_scores(g, recs[ri]).values()))
        edges[gi] = cands
    owner: dict[int, int] = {}  # record index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        # A free record first: displacing another gold event's better pair only to keep
        # the count is the last resort.
        free = [ri for ri in edges[gi] if ri not in owner]
        taken = [ri for ri in edges[gi] if ri in owner]
        for ri in free + taken:
            if ri in seen:
                continue
            seen.add(ri)
            if ri not in owner or augment(owner[ri], seen):
                owner[ri] = gi
                return True
        return False

    order = sorted(range(len(gold)), key=lambda gi: not gold[gi].get("required", True))
    for gi in order:
        augment(gi, set())
    return {gi: ri for ri, gi in owner.items()}


def evaluate(
    gold: list[dict[str, Any]],
    records: list[dict[str, Any]],
    articles: set[str] | None = None,
) -> dict[str, Any]:
    """Scores of `records` against `gold`. Proposals count when one of their sources is in
    `articles` (file names; by default the articles the gold events are in): pass the whole
    set's articles so that what is proposed in an article with no gold event counts too."""
    articles = articles or {Path(g["article"]).name for g in gold}
    recs = [
        r for r in records
        if r.get("status") not in ("rejected", "merged")
        and {Path(str(s.get("file") or "")).name for s in r.get("sources") or []} & articles
    ]  # fmt: skip
    pairs = _assign(gold, recs)
    required = [gi for gi, g in enumerate(gold) if g.get("required", True)]
    fields: dict[str, list[bool]] = {f: [] for f in FIELDS}
    for gi, ri in pairs.items():
        for f, ok in field_scores(gold[gi], recs[ri]).items():
            if ok is not None:
                fields[f].append(ok)
    matched_recs = set(pairs.values())
    strict = {gi for gi, ri in pairs.items() if _strict(gold[gi], recs[ri])}
    return {
        "gold": len(gold),
        "required": len(required),
        "proposals": len(recs),
        "matched": len(pairs),
        "precision": _ratio(len(matched_recs), len(recs)),
        "recall_required": _ratio(sum(gi in pairs for gi in required), len(required)),
        "recall_all": _ratio(len(pairs), len(gold)),
        # The matching rule needs one of actor1/actor2/location to agree; "strict" needs
        # two (or all that the gold event scores), so a proposal about another incident of
        # the same type and day cannot stand in for the gold one.
        "recall_required_strict": _ratio(sum(gi in strict for gi in required), len(required)),
        "precision_strict": _ratio(len(strict), len(recs)),
        "fields": {f: _ratio(sum(v), len(v)) for f, v in fields.items()},
        "field_counts": {f: [sum(v), len(v)] for f, v in fields.items()},
        "missed": [gold[gi]["id"] for gi in range(len(gold)) if gi not in pairs],
        "missed_required": [gold[gi]["id"] for gi in required if gi not in pairs],
        "unmatched_events": [
            recs[ri].get("event_id") for ri in range(len(recs)) if ri not in matched_recs
        ],
        "pairs": {gold[gi]["id"]: recs[ri].get("event_id") for gi, ri in sorted(pairs.items())},
    }


def _strict(gold: dict[str, Any], rec: dict[str, Any]) -> bool:
    scores = field_scores(gold, rec)
    scored = [scores[f] for f in ("actor1", "actor2", "location") if scores[f] is not None]
    return sum(bool(v) for v in scored) >= min(2, len(scored))


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def format_text(result: dict[str, Any]) -> str:
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    lines = [
        f"gold events: {result['gold']} ({result['required']} required); "
        f"proposals in those articles: {result['proposals']}; matched: {result['matched']}",
        f"precision:        {pct(result['precision'])}",
        f"recall required:  {pct(result['recall_required'])}",
        f"recall all:       {pct(result['recall_all'])}",
        f"strict (2 of actor1/actor2/location agree): precision "
        f"{pct(result['precision_strict'])}, recall required {pct(result['recall_required_strict'])}",
        "per-field accuracy on matched events:",
    ]
    for f in FIELDS:
        right, total = result["field_counts"][f]
        lines.append(f"  {f:<15} {pct(result['fields'][f])}  ({right}/{total})")
    lines.append(f"missed (required): {', '.join(result['missed_required']) or '-'}")
    lines.append(f"missed (all):      {', '.join(result['missed']) or '-'}")
    extra = ", ".join(str(e) for e in result["unmatched_events"]) or "-"
    lines.append(f"unmatched events:  {extra}")
    return "\n".join(lines)
