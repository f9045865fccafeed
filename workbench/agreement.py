"""Provides `agreement`: how far two coders agree on the articles both coded blind.

Over the double-coded articles whose two copies are both done, per pair of coders:

- events: each coder's confirmed events, paired with the rule of `workbench eval` (one
  coder's events play the gold events, the other's the proposals; a maximum matching per
  article). F1 of one coder against the other = 2 matched / (events of A + events of B);
  it is symmetric, whichever coder plays the gold.
- fields, on the matched pairs: Krippendorff's alpha (the `krippendorff` package) — nominal
  for the types, actors and place (an empty actor2 is a value: "no second actor"),
  interval for fatalities and for the date (its day number, so the distance is the day
  difference). A field whose values are all one value has no alpha (n/a).
- articles: Cohen's kappa on each coder's article-level decision, event or no event.

Like INCEpTION, every figure backed by fewer than 30 items carries a warning.
"""

from __future__ import annotations

import math
from datetime import date
from itertools import combinations
from typing import Any, Literal

from .evaluate import _assign
from .export.records import iter_records
from .store import Store

MIN_ITEMS = 30
NOMINAL = ("event_type", "sub_event_type", "actor1", "actor2", "location")
INTERVAL = ("event_date", "fatalities")
FIELDS = (*NOMINAL, *INTERVAL)


def double_coded(store: Store) -> dict[tuple[str, str], list[int]]:
    """(coder A, coder B) -> the articles both coded blind and both marked done."""
    rows = store.query(
        "SELECT article_id, analyst FROM assignments WHERE blind = 1 AND status = 'done' "
        "ORDER BY article_id, analyst"
    )
    coders: dict[int, list[str]] = {}
    for row in rows:
        coders.setdefault(int(row["article_id"]), []).append(row["analyst"])
    pairs: dict[tuple[str, str], list[int]] = {}
    for article_id, names in coders.items():
        for pair in combinations(sorted(names), 2):
            pairs.setdefault(pair, []).append(article_id)
    return pairs


def _as_gold(record: dict[str, Any], article_file: str) -> dict[str, Any]:
    """A coder's record in the shape `evaluate` reads gold events in (an empty name is no
    name, so that two empty places do not count as agreeing)."""
    gold = {k: v for k, v in record.items() if k != "sources"}
    for name in ("actor1", "actor2", "location"):
        gold[name] = record.get(name) or None
    gold.update(article=article_file, id=record["event_id"], required=True)
    return gold


def _value(field: str, record: dict[str, Any]) -> Any:
    value = record.get(field)
    if field == "event_date":
        try:
            return date.fromisoformat(str(value)[:10]).toordinal() if value else None
        except ValueError:
            return None
    if field in NOMINAL:
        return value or ""
    return value


def alpha(pairs: list[tuple[Any, Any]], level: Literal["nominal", "interval"]) -> float | None:
    """Krippendorff's alpha of two coders' values (None = missing); None when undefined
    (fewer than two values to pair, or every value the same)."""
    import krippendorff
    import numpy as np

    if level == "nominal":
        codes: dict[Any, int] = {}
        rows = [[codes.setdefault(v, len(codes)) if v is not None else None for v in side]
                for side in zip(*pairs, strict=True)]  # fmt: skip
    else:
        rows = [list(side) for side in zip(*pairs, strict=True)]
    if not pairs:
        return None
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in rows])
    paired = ~np.isnan(data).any(axis=0)
    if paired.sum() < 1 or len(set(data[:, paired].flatten().tolist())) < 2:
        return None
    result = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    return None if math.isnan(result) else round(result, 4)


def kappa(decisions: list[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two coders' yes/no decisions; None when chance agreement is 1."""
    n = len(decisions)
    if not n:
        return None
    observed = sum(a == b for a, b in decisions) / n
    a_yes = sum(a for a, _ in decisions) / n
    b_yes = sum(b for _, b in decisions) / n
    chance = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    if chance == 1:
        return None
    return round((observed - chance) / (1 - chance), 4)


def _match(
    store: Store, article_id: int, a: str, b: str
) -> tuple[dict[str, list[dict[str, Any]]], dict[int, int]]:
    """Each coder's confirmed events in the article, and the pairs (index in a -> in b)."""
    recs = {
        name: list(iter_records(store, "confirmed", article_id=article_id, coder=name))
        for name in (a, b)
    }
    file = str(store.scalar(
        "SELECT coalesce(nullif(record_id, ''), file) FROM articles WHERE id = ?", [article_id]
    ))  # fmt: skip
    gold = [_as_gold(r, file) for r in recs[a]]
    return recs, _assign(gold, recs[b])


def aligned(
    store: Store, article_id: int, a: str, b: str
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """The two coders' events of one article side by side: pairs first, then each coder's
    unpaired events (the adjudication screen's rows)."""
    recs, pairs = _match(store, article_id, a, b)
    rows: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = [
        (recs[a][gi], recs[b][ri]) for gi, ri in sorted(pairs.items())
    ]
    rows += [(r, None) for gi, r in enumerate(recs[a]) if gi not in pairs]
    taken = set(pairs.values())
    rows += [(None, r) for ri, r in enumerate(recs[b]) if ri not in taken]
    return rows


def pair_agreement(store: Store, a: str, b: str, articles: list[int]) -> dict[str, Any]:
    """Every figure for coders `a` and `b` over `articles`."""
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    events = {a: 0, b: 0}
    decisions: list[tuple[bool, bool]] = []
    disagreements: list[dict[str, Any]] = []
    for article_id in articles:
        recs, pairs = _match(store, article_id, a, b)
        events[a] += len(recs[a])
        events[b] += len(recs[b])
        decisions.append((bool(recs[a]), bool(recs[b])))
        for gi, ri in sorted(pairs.items()):
            ra, rb = recs[a][gi], recs[b][ri]
            matched.append((ra, rb))
            differ = [f for f in FIELDS if _value(f, ra) != _value(f, rb)]
            if differ:
                disagreements.append({"article_id": article_id, "events": [ra["event_id"],
                                      rb["event_id"]], "fields": differ})  # fmt: skip
        for gi, ra in enumerate(recs[a]):
            if gi not in pairs:
                disagreements.append({"article_id": article_id, "events": [ra["event_id"],
                                      None], "fields": ["event"]})  # fmt: skip
        taken = set(pairs.values())
        for ri, rb in enumerate(recs[b]):
            if ri not in taken:
                disagreements.append({"article_id": article_id, "events": [None,
                                      rb["event_id"]], "fields": ["event"]})  # fmt: skip
    total = events[a] + events[b]
    fields = {}
    for field in FIELDS:
        level: Literal["nominal", "interval"] = "nominal" if field in NOMINAL else "interval"
        values = [(_value(field, ra), _value(field, rb)) for ra, rb in matched]
        items = sum(1 for x, y in values if x is not None and y is not None)
        fields[field] = {"alpha": alpha(values, level), "n": items, "level": level}
    warnings = []
    if len(matched) < MIN_ITEMS:
        warnings.append(f"only {len(matched)} matched event pairs back the field alphas")
    if total < MIN_ITEMS:
        warnings.append(f"only {total} events back the F1")
    if len(decisions) < MIN_ITEMS:
        warnings.append(f"only {len(decisions)} articles back the kappa")
    return {
        "analysts": [a, b],
        "articles": len(articles),
        "events": events,
        "matched": len(matched),
        "f1": round(2 * len(matched) / total, 4) if total else None,
        "kappa": kappa(decisions),
        "fields": fields,
        "disagreements": disagreements,
        "warnings": warnings,
    }


def agreement(store: Store, analysts: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Figures per pair of coders (only the given pair when `analysts` is set)."""
    pairs = double_coded(store)
    if analysts is not None:
        a, b = sorted(analysts)
        pairs = {(a, b): pairs.get((a, b), [])}
    return [pair_agreement(store, a, b, arts) for (a, b), arts in sorted(pairs.items())]


def format_table(results: list[dict[str, Any]]) -> str:
    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.3f}"

    if not results:
        return "no double-coded articles that both coders marked done"
    lines = []
    for r in results:
        a, b = r["analysts"]
        lines += [
            f"{a} vs {b}: {r['articles']} double-coded article(s) both done",
            f"  events: {a} {r['events'][a]}, {b} {r['events'][b]}, matched {r['matched']}; "
            f"F1 {num(r['f1'])}",
            f"  article decisions (event / no event): Cohen's kappa {num(r['kappa'])}",
            "  field            alpha   pairs  level",
        ]
        for field, f in r["fields"].items():
            lines.append(f"  {field:<16} {num(f['alpha']):>6}  {f['n']:>5}  {f['level']}")
        lines += [f"  warning: {w} (fewer than {MIN_ITEMS})" for w in r["warnings"]]
        lines.append(f"  disagreements: {len(r['disagreements'])}")
        for d in r["disagreements"]:
            ea, eb = (e if e is not None else "-" for e in d["events"])
            lines.append(f"    article {d['article_id']}: {a} {ea} / {b} {eb}: "
                         f"{', '.join(d['fields'])}")  # fmt: skip
    return "\n".join(lines)
