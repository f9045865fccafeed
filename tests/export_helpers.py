"""Test helpers for export and import-events: a scripted curation of the seed articles.

The curation is what an analyst would do by hand (through the logged API): create a few
actors and places with their attributes, add events quoting the articles, edit one, merge
two, confirm and reject. Quotes are taken from the article text itself (the first long
line), so the spans are real whatever the seed wording.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from workbench.export import export_to_file
from workbench.seeds import ingest_seeds
from workbench.store import Store, change
from workbench.store.db import config_dir
from workbench.store.entities import create_entity
from workbench.store.events import add_event, merge_events, set_status, update_event

ACTORS = {
    "Military Forces of Syria": {"type": "State forces", "country": "Syria"},
    "Civilians (Syria)": {"type": "Civilians", "country": "Syria"},
    "Hayat Tahrir al-Sham": {"type": "Rebel group", "country": "Syria"},
    "Military Forces of Turkey": {"type": "State forces", "country": "Turkey"},
}
PLACES = {
    "Idlib": {"admin1": "Idlib", "country": "Syria", "latitude": 35.9306, "longitude": 36.6339},
    "Afrin": {"admin1": "Aleppo", "country": "Syria", "latitude": 36.5119, "longitude": 36.8694},
    "Kinshasa": {
        "admin1": "Kinshasa",
        "country": "Democratic Republic of Congo",
        "latitude": -4.3217,
        "longitude": 15.3125,
    },  # fmt: skip
    "Somewhere": {},
}


def quote_of(store: Store, article_id: int, nth: int = 0) -> dict:
    """A real quote from the article: the nth line longer than 60 characters (120 max)."""
    text = store.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
    lines = [line for line in text.split("\n") if len(line) > 60]
    quote = lines[nth][:120]
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def make_entities(store: Store) -> None:
    with change(store, "add-entities") as tx:
        for name, attrs in ACTORS.items():
            create_entity(tx, "actor", name, attrs=attrs)
        for name, attrs in PLACES.items():
            create_entity(tx, "place", name, attrs=attrs)


def relax_confirm_rules(db_path: str) -> None:
    """No field required to confirm, for fixtures that confirm partial events on purpose
    (a protest with no actor, to see how exports write empty fields); the rules themselves
    are tested in test_confirm_checks."""
    (config_dir(db_path) / "workbench.toml").write_text(
        "[confirm]\nrequired = []\n", encoding="utf-8"
    )


def curate(store: Store) -> dict[str, int]:
    """Ingest the seeds and curate them; returns the event ids by role."""
    relax_confirm_rules(store.path)
    ingest_seeds(store, extract=False)
    make_entities(store)
    a1, a2, a3, a4 = (r["id"] for r in store.query("SELECT id FROM articles ORDER BY id"))
    strike = add_event(
        store,
        a1,
        {
            "event_date": "2018-02-05",
            "date_precision": "day",
            "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Syria",
            "actor2": "Civilians (Syria)",
            "location": "Idlib",
            "geo_precision": 1,
            "fatalities": 21,
            "notes": "Airstrikes hit a hospital in Idlib.",
        },
        **quote_of(store, a1),
    )
    same_strike = add_event(
        store,
        a3,
        {"event_date": "2018-02-05", "sub_event_type": "Air/drone strike", "fatalities": 30},
        **quote_of(store, a3),
    )
    merge_events(store, strike, [same_strike])
    clash = add_event(
        store,
        a2,
        {
            "event_date": "2018-02-04",
            "date_precision": "week",
            "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Turkey",
            "actor2": "Hayat Tahrir al-Sham",
            "assoc_actor_1": ["Free Syrian Army", "Syrian National Army"],
            "location": "Afrin",
            "geo_precision": 2,
            "notes": "Fighting, first draft.",
        },
        **quote_of(store, a2),
    )
    update_event(store, clash, {"notes": 'Turkish forces clashed with HTS; "heavy" losses.'})
    attack = add_event(
        store,
        a4,
        {
            "event_date": "2017-04-01",
            "date_precision": "month",
            "sub_event_type": "Attack",
            "actor1": "Hayat Tahrir al-Sham",
            "location": "Somewhere",
            "fatalities": 3,
        },
        **quote_of(store, a4),
    )
    congo = add_event(
        store,
        a4,
        {
            "event_date": "2017-04-03",
            "sub_event_type": "Peaceful protest",
            "location": "Kinshasa",
            "geo_precision": 3,
        },
        **quote_of(store, a4, 1),
    )
    wrong = add_event(store, a4, {"event_date": "2017-04-04", "notes": "not an event"})
    for event_id in (strike, clash, congo):
        set_status(store, event_id, "confirmed")
    set_status(store, wrong, "rejected")
    return {"strike": strike, "merged": same_strike, "clash": clash, "attack": attack,
            "congo": congo, "wrong": wrong}  # fmt: skip


def export_text(store: Store, fmt: str, tmp_path: Path, **filters) -> str:
    path = tmp_path / f"out-{fmt}-{len(list(tmp_path.iterdir()))}.{fmt}"
    export_to_file(store, str(path), fmt, **filters)
    with path.open(encoding="utf-8", newline="") as fh:  # keep CRLF and lone CRs as written
        return fh.read()


def csv_rows(store: Store, tmp_path: Path, **filters) -> list[dict[str, str]]:
    text = export_text(store, "csv", tmp_path, **filters)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def jsonl_records(store: Store, tmp_path: Path, **filters) -> list[dict]:
    text = export_text(store, "jsonl", tmp_path, **filters)
    return [json.loads(line) for line in text.splitlines()]
