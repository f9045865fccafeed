"""Provides cross-article duplicate event candidates by ACLED's rules, and "mark distinct".

Two events reported by different articles are candidates when they have the same sub-event
type, dates that agree within their precision (day: +-1 day; week: +-7 days; month: same
month) and the same place or a shared actor (after following entity merges). Pairs an
analyst marked distinct (`distinct_pairs`, kind 'event') are not shown again. Merging a
pair is `workbench.store.events.merge_events` (one event, both sources).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..base.calendar import dates_agree
from ..store import Store, StoreError, change
from ..store.entities import live_ids

OPEN = ("proposed", "confirmed")


@dataclass
class DuplicatePair:
    a: dict[str, Any]
    b: dict[str, Any]
    score: int
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "reasons": self.reasons}


def _events(store: Store) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT e.id, e.article_id, e.event_date, e.date_precision, e.event_type, "
        "e.sub_event_type, e.actor1_id, e.actor2_id, e.place_id, e.fatalities, e.status, "
        f"e.version, (SELECT {store.sql.id_list('s.article_id')} FROM event_sources s "
        "WHERE s.event_id = e.id) AS source_articles "
        "FROM events e WHERE e.status IN ('proposed', 'confirmed') AND e.merged_into IS NULL AND e.coder IS NULL "
        "AND e.sub_event_type != '' AND e.event_date IS NOT NULL ORDER BY e.event_date, e.id"
    )
    for row in rows:
        arts = {int(a) for a in (row.pop("source_articles") or "").split(",") if a}
        if row["article_id"] is not None:
            arts.add(row["article_id"])
        row["articles"] = arts
        row["day"] = date.fromisoformat(row["event_date"])
    return rows


def candidates(store: Store, limit: int | None = None) -> list[DuplicatePair]:
    """Candidate duplicate pairs across articles, most alike first."""
    live = live_ids(store)
    distinct = {(a, b) for a, b in store.conn.execute(
        "SELECT a, b FROM distinct_pairs WHERE kind = 'event'")}  # fmt: skip
    by_type: dict[str, list[dict[str, Any]]] = {}
    for ev in _events(store):
        ev["actors"] = {live.get(x, x) for x in (ev["actor1_id"], ev["actor2_id"]) if x}
        ev["place"] = live.get(ev["place_id"], ev["place_id"]) if ev["place_id"] else None
        by_type.setdefault(ev["sub_event_type"], []).append(ev)
    found: list[tuple[int, list[str], dict, dict]] = []
    for events in by_type.values():
        for i, a in enumerate(events):  # sorted by date: stop once past the widest window
            for b in events[i + 1 :]:
                if (b["day"] - a["day"]).days > 31:
                    break
                if (
                    a["articles"] & b["articles"]
                    or (min(a["id"], b["id"]), max(a["id"], b["id"])) in distinct
                ):
                    continue
                if not dates_agree(a["day"], a["date_precision"], b["day"], b["date_precision"]):
                    continue
                same_place = a["place"] is not None and a["place"] == b["place"]
                shared = a["actors"] & b["actors"]
                if not same_place and not shared:
                    continue
                reasons = [f"same sub-event type ({a['sub_event_type']})", "dates agree"]
                score = 50
                if a["event_date"] == b["event_date"]:
                    score += 10
                    reasons[1] = "same date"
                if same_place:
                    score += 25
                    reasons.append("same place")
                if shared:
                    score += 15 if a["actors"] == b["actors"] else 8
                    reasons.append("same actors" if a["actors"] == b["actors"] else "shared actor")
                found.append((score, reasons, a, b))
    found.sort(key=lambda f: (-f[0], f[2]["id"], f[3]["id"]))
    if limit is not None:
        found = found[:limit]
    return [DuplicatePair(_side(store, a), _side(store, b), s, r) for s, r, a, b in found]


def _side(store: Store, ev: dict[str, Any]) -> dict[str, Any]:
    def name(eid: int | None) -> str:
        return store.scalar("SELECT canonical FROM entities WHERE id = ?", [eid]) if eid else ""

    source = store.query(
        "SELECT s.article_id, s.quote, s.start, s.end, a.title, a.file FROM event_sources s "
        "JOIN articles a ON a.id = s.article_id WHERE s.event_id = ? ORDER BY s.id LIMIT 1",
        [ev["id"]],
    )
    src = source[0] if source else {}
    return {
        "event_id": ev["id"],
        "version": ev["version"],
        "status": ev["status"],
        "article_id": src.get("article_id", ev["article_id"]),
        "title": src.get("title") or src.get("file") or "",
        "event_date": ev["event_date"],
        "date_precision": ev["date_precision"],
        "sub_event_type": ev["sub_event_type"],
        "actor1": name(ev["actor1_id"]),
        "actor2": name(ev["actor2_id"]),
        "location": name(ev["place_id"]),
        "fatalities": ev["fatalities"],
        "quote": src.get("quote", ""),
    }


def mark_distinct(store: Store, a: int, b: int) -> bool:
    """Remember that events a and b are different events; False if already remembered."""
    if a == b:
        raise ValueError("an event cannot be distinct from itself")
    for eid in (a, b):
        if store.row("events", eid) is None:
            raise StoreError(f"no event with id {eid}")
    lo, hi = sorted((a, b))
    with change(store, "mark-distinct-events") as tx:
        if store.scalar(
            "SELECT 1 FROM distinct_pairs WHERE kind = 'event' AND a = ? AND b = ?", [lo, hi]
        ):
            return False
        tx.insert("distinct_pairs", {"kind": "event", "a": lo, "b": hi})
    return True


def dump(pairs: list[DuplicatePair]) -> str:
    return json.dumps([p.to_json() for p in pairs], ensure_ascii=False, indent=2)
