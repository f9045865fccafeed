"""CLI event curation through CliRunner, checked in the database."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store import Store

pytestmark = pytest.mark.backends


def run(db, *args, analyst="tester"):
    return CliRunner().invoke(main, ["--db", db, "--analyst", analyst, *args])


def test_add_update_confirm_merge_undo(seeded):
    db = seeded.path
    quote = "Syrian rebels shot down a Russian jet on Feb. 3"
    r = run(db, "events", "add", "--article", "1", "--quote", quote, "--set", "event_date=Feb. 3",
            "--set", "sub_event_type=Disrupted weapons use", "--set", "actor1=Syrian rebels")  # fmt: skip
    assert r.exit_code == 0, r.output
    s = Store(db)
    ev = s.query("SELECT * FROM events")[0]
    assert ev["event_date"] == "2018-02-03"  # phrase read against the publication date
    src = s.query("SELECT * FROM event_sources")[0]
    assert (src["start"], src["end"]) == (
        s.scalar("SELECT text FROM articles WHERE id = 1").index(quote),
        src["start"] + len(quote),
    )
    r = run(
        db,
        "events",
        "add",
        "--article",
        "2",
        "--set",
        "sub_event_type=Disrupted weapons use",
        "--set",
        "fatalities=1",
    )
    assert r.exit_code == 0, r.output
    assert run(db, "events", "merge", "1", "2").exit_code == 0
    assert s.row("events", 2)["status"] == "merged" and s.row("events", 1)["fatalities"] == 1
    assert run(db, "events", "confirm", "1").exit_code == 0
    assert s.row("events", 1)["confirmed_by"] == "tester"
    bad = run(db, "events", "update", "1", "--set", "fatalities=lots")
    assert bad.exit_code == 1 and "whole number" in bad.output
    assert run(db, "undo").exit_code == 0
    assert s.row("events", 1)["status"] == "proposed"
    assert run(db, "undo").exit_code == 0
    assert s.row("events", 2)["status"] == "proposed"
    missing = run(db, "events", "confirm", "999")
    assert missing.exit_code == 1 and "no event with id 999" in missing.output


def test_event_date_takes_what_the_edit_form_takes(seeded):
    """`YYYY-MM` is a month-precision date in the CLI as in the TUI's edit form (one
    reader, tui/date_input.read_date); what is no date is refused with the form's message."""
    db = seeded.path
    r = run(db, "events", "add", "--article", "1", "--set", "event_date=2018-02",
            "--set", "sub_event_type=Armed clash")  # fmt: skip
    assert r.exit_code == 0, r.output
    s = Store(db)
    event_id = s.scalar("SELECT max(id) FROM events")
    row = s.row("events", event_id)
    assert (row["event_date"], row["date_precision"]) == ("2018-02-01", "month")
    r = run(db, "events", "update", str(event_id), "--set", "event_date=2018-03-04")
    assert r.exit_code == 0, r.output
    row = s.row("events", event_id)
    assert (row["event_date"], row["date_precision"]) == ("2018-03-04", "month")  # kept
    r = run(db, "events", "update", str(event_id), "--set", "event_date=2018-13")
    assert r.exit_code != 0 and "2018-13" in r.output and "Traceback" not in r.output, r.output
    r = run(db, "events", "update", str(event_id), "--set", "event_date=someday")
    assert r.exit_code != 0 and "'someday' is not a date; write YYYY-MM-DD" in r.output
