"""The extractor on a held-out set it was not developed on: 24 short reports in several
outlets' styles (wire copy, monitor bulletins, long-form) from Syria, Iraq, Yemen, Libya,
the Lebanon-Israel border, the Sahel, Nigeria, Somalia, Sudan and Ukraine/Russia, with a
hand-coded gold (tests/data/unseen/gold.jsonl, the ../shared/gold format). Reports 15-24
were written and coded after the first round of fixes, to check that they generalise.

Before the accuracy work the extractor scored precision 0.82, recall 0.67 required / 0.60
all on this set. The floors sit a few events below what it reached when they were set
(precision 0.95, recall 0.98 required / 0.88 all; actor1 0.92, actor2 0.86, location 0.91,
fatalities 0.98), so a change that costs accuracy on unseen wording fails here even when
the seeds still pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.base.codebook import event_type_of
from workbench.cli import main

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"

FLOORS = {"precision": 0.87, "recall_required": 0.9, "recall_all": 0.8}
FIELD_FLOORS = {
    "event_date": 0.95,
    "sub_event_type": 0.95,
    "actor1": 0.85,
    "actor2": 0.77,
    "location": 0.83,
    "fatalities": 0.9,
}


def test_unseen_reports_meet_the_floors(db_path):
    runner = CliRunner()
    ingested = runner.invoke(
        main,
        [
            "--db",
            db_path,
            "ingest",
            *map(str, sorted(UNSEEN.glob("*.txt"))),
            "--manifest",
            str(UNSEEN / "manifest.csv"),
        ],  # fmt: skip
    )
    assert ingested.exit_code == 0, ingested.output
    scored = runner.invoke(
        main,
        ["--db", db_path, "eval", "--gold", str(UNSEEN / "gold.jsonl"), "--format", "json"],
    )
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.output)
    assert result["gold"] >= 58 and result["required"] >= 47  # the whole set was read
    for key, floor in FLOORS.items():
        assert result[key] >= floor, (key, result[key], result["missed"])
    for field, floor in FIELD_FLOORS.items():
        assert result["fields"][field] >= floor, (field, result["fields"][field])


def test_gold_covers_every_article_and_is_well_formed():
    files = {p.name for p in UNSEEN.glob("*.txt")}
    gold = [json.loads(line) for line in (UNSEEN / "gold.jsonl").read_text().splitlines()]
    assert len(files) >= 24 and {g["article"] for g in gold} == files
    manifest = (UNSEEN / "manifest.csv").read_text().splitlines()
    assert {line.split(",")[0] for line in manifest[1:]} == files
    for g in gold:
        assert g["date_precision"] in ("day", "week", "month", "unknown")
        assert g["sub_event_type"] and "quote" in g
        # Event types are those of the codebook for the acceptable sub-event types.
        assert set(g["event_type"]) == {event_type_of(s) for s in g["sub_event_type"]}, g["id"]
