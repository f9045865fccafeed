"""CSV export: ACLED columns and values on the curated seeds, and formula-injection safety."""

from __future__ import annotations

import csv
import io
import json
import random
import time

import pytest
from export_helpers import csv_rows, curate, export_text, relax_confirm_rules

from workbench.export.cells import number_cell, text_cell
from workbench.export.csv import ACLED_COLUMNS, COLUMNS, NUMERIC_COLUMNS
from workbench.ingest import ingest_paths
from workbench.store import Store, change
from workbench.store.events import add_event, set_status

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server

ACLED = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


@pytest.fixture
def file_store(tmp_path):
    """A SQLite file's store, for what only a file holds (text in an INTEGER column)."""
    with Store(str(tmp_path / "file.db"), analyst="tester") as store:
        yield store


@pytest.fixture
def curated(store):
    return store, curate(store)


def test_header_is_acled_then_ours(curated, tmp_path):
    store, _ = curated
    text = export_text(store, "csv", tmp_path)
    header = next(csv.reader(io.StringIO(text)))
    assert list(ACLED_COLUMNS) == ACLED
    assert header == list(COLUMNS)
    assert header[: len(ACLED)] == ACLED
    for ours in ("status", "confirmed_by", "confirmed_at", "source_urls", "source_quotes",
                 "article_ids", "event_id"):  # fmt: skip
        assert ours in header[len(ACLED) :]
    assert text.endswith("\r\n") and "\r\n" in text.splitlines(keepends=True)[0]


def test_confirmed_only_by_default(curated, tmp_path):
    store, ids = curated
    rows = csv_rows(store, tmp_path)
    assert [int(r["event_id"]) for r in rows] == [ids["strike"], ids["clash"], ids["congo"]]
    assert {r["status"] for r in rows} == {"confirmed"}
    everything = csv_rows(store, tmp_path, status="all")
    assert {int(r["event_id"]) for r in everything} == {
        ids[k] for k in ("strike", "clash", "attack", "congo", "wrong")
    }  # the merged-away event is not a row of its own


def test_values_of_the_strike(curated, tmp_path):
    store, ids = curated
    row = {int(r["event_id"]): r for r in csv_rows(store, tmp_path)}[ids["strike"]]
    a1, a3 = 1, 3
    assert row["event_id_cnty"] == f"SYR{ids['strike']}"
    assert row["event_date"] == "2018-02-05" and row["year"] == "2018"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Air/drone strike"
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Syria", "1")
    assert (row["actor2"], row["inter2"]) == ("Civilians (Syria)", "7")
    assert row["interaction"] == "17"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"]) == ("760", "Middle East", "Syria")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Idlib", "", "")
    assert (row["location"], row["latitude"], row["longitude"]) == ("Idlib", "35.9306", "36.6339")
    assert row["geo_precision"] == "1"
    # Two sources (merged): both outlets, once each, in source order.
    assert row["source"] == "We Are The Mighty; The Washington Post"
    assert row["source_scale"] == "" and row["tags"] == ""
    assert row["fatalities"] == "21"
    assert (row["fatalities_low"], row["fatalities_high"]) == ("21", "30")
    assert abs(int(row["timestamp"]) - time.time()) < 600
    assert row["confirmed_by"] == "tester" and row["confirmed_at"].startswith("20")
    assert row["article_ids"] == f"{a1}; {a3}"
    quotes = row["source_quotes"].split("; ")
    spans = [tuple(map(int, s.split("-"))) for s in row["source_spans"].split("; ")]
    for article_id, quote, (start, end) in zip((a1, a3), quotes, spans, strict=True):
        text = store.scalar("SELECT text FROM articles WHERE id = ?", [article_id])
        assert text[start:end] == quote
    assert row["source_files"].startswith("000_") and "; 002_" in row["source_files"]
    assert row["source_urls"].startswith("; https://www.washingtonpost.com/")  # first has none


def test_values_derived_only_when_known(curated, tmp_path):
    store, ids = curated
    rows = {int(r["event_id"]): r for r in csv_rows(store, tmp_path, status="all")}
    clash, attack, congo, wrong = (rows[ids[k]] for k in ("clash", "attack", "congo", "wrong"))
    assert (clash["time_precision"], clash["interaction"]) == ("2", "12")
    assert clash["assoc_actor_1"] == "Free Syrian Army; Syrian National Army"
    assert clash["inter1"] == "1" and clash["civilian_targeting"] == ""
    assert clash["notes"] == 'Turkish forces clashed with HTS; "heavy" losses.'
    assert clash["fatalities"] == ""  # unknown, not zero
    # Violence against civilians: civilians are its target by ACLED's definition.
    assert attack["civilian_targeting"] == "Civilian targeting"
    assert (attack["inter1"], attack["actor2"], attack["interaction"]) == ("2", "", "20")
    # A place without a country: no ISO code, no region, no ACLED id; month precision.
    assert (attack["event_id_cnty"], attack["iso"], attack["region"]) == ("", "", "")
    assert (attack["latitude"], attack["time_precision"]) == ("", "3")
    # No actors at all: nothing to derive; the country table knows ACLED's Congo name.
    assert (congo["inter1"], congo["interaction"], congo["disorder_type"]) == (
        "",
        "",
        "Demonstrations",
    )
    assert (congo["iso"], congo["region"], congo["latitude"]) == ("180", "Middle Africa", "-4.3217")
    assert congo["event_id_cnty"] == f"COD{ids['congo']}"
    assert wrong["status"] == "rejected" and wrong["event_type"] == wrong["disorder_type"] == ""


def test_formula_injection_is_neutralised_without_losing_values(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil.txt").write_text("Shelling near the river killed two people.\n")
    title = '=HYPERLINK("http://x","y")'
    (folder / "manifest.csv").write_text(
        "file,title,outlet,published,url\n"
        f'evil.txt,"{title.replace(chr(34), chr(34) * 2)}",+Outlet,2020-01-02,-http://evil\n'
    )
    report = ingest_paths(store, [str(folder)], manifest=str(folder / "manifest.csv"))
    [article] = report.added
    from workbench.store import change
    from workbench.store.entities import create_entity

    with change(store, "add-place") as tx:
        create_entity(tx, "place", "Goma", attrs={"country": "@Congo", "latitude": -1.6792,
                                                   "longitude": 29.2228, "admin1": "\tNord"})  # fmt: skip
    relax_confirm_rules(store.path)  # an event with no date or type: only its cells matter
    event = add_event(
        store,
        article,
        {"actor1": "@SUM(1+1)", "notes": "-2+3 killed", "location": "Goma", "fatalities": 2},
        quote="=1+1",
        start=0,
        end=4,
    )
    set_status(store, event, "confirmed")
    store.conn.execute("UPDATE events SET confirmed_by = ? WHERE id = ?", ["\rroot", event])
    [row] = csv_rows(store, tmp_path)
    assert row["source_titles"] == "'" + title
    assert row["actor1"] == "'@SUM(1+1)"
    assert row["notes"] == "'-2+3 killed"
    assert row["source"] == "'+Outlet" and row["source_urls"] == "'-http://evil"
    assert row["source_quotes"] == "'=1+1"
    assert row["country"] == "'@Congo" and row["admin1"] == "'\tNord"
    assert row["confirmed_by"] == "'\rroot"
    # Numbers stay numbers: a negative latitude is not text.
    assert row["latitude"] == "-1.6792" and float(row["latitude"]) == -1.6792
    assert row["fatalities"] == "2"
    for name in NUMERIC_COLUMNS:
        assert row[name] == "" or float(row[name]) == float(row[name]), name
    # Every cell a spreadsheet would run is neutralised; dropping the quote gives it back.
    for name, value in row.items():
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert name in ("latitude", "longitude") and float(value) < 0


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_text_cell_neutralises_each_trigger(trigger):
    value = f"{trigger}cmd|' /C calc'!A0"
    cell = next(csv.reader(io.StringIO(text_cell(value))))[0]
    assert cell == "'" + value and cell[1:] == value


def test_number_cell_keeps_numbers_and_neutralises_the_rest():
    assert number_cell(-3.25) == "-3.25" and number_cell("-3.25") == "-3.25"
    assert number_cell(0) == "0" and number_cell(None) == "" and number_cell(float("nan")) == ""
    assert number_cell("-1+1") == "'-1+1"
    assert number_cell("=2") == "'=2"
    assert number_cell(True) == "True"  # not a number: plain text


def test_quoting_matches_the_csv_module():
    rng = random.Random(3)
    alphabet = "ab ,\"\n\r;'=é\t-"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        neutral = "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
        out = io.StringIO()
        csv.writer(out).writerow([neutral, "x"])
        assert f"{text_cell(text)},x\r\n" == out.getvalue(), repr(text)
        assert number_cell(text) == text_cell(text), repr(text)  # no digits: not a number


def _bare_article(tx) -> int:
    """One article row for events made by hand (no ingest)."""
    return tx.insert(
        "articles",
        {"content_hash": "h", "file": "f", "title": "t", "url": "u", "published": None,
         "text": "x", "ingested_at": "now", "record_id": ""},
    )  # fmt: skip


def test_cached_cells_equal_cell_functions_on_awkward_values(file_store, tmp_path):
    # Dates, counts and scores come from per-column caches (a dict takes 1 and 1.0 for one
    # key): each cell must still be exactly what `text_cell` / `number_cell` make of the
    # value the database gives back, whatever a column was made to hold (text and floats
    # in INTEGER columns: a SQLite file's typing, which a server refuses).
    store = file_store
    dates = [None, "2020-01-01", "=1+1", "2020,01", "-2020"]
    counts = [None, 0, 3, 2.5, "-1+1", "abc", 2**62, 1.0, "7"]
    scores = [0.5, 1, 1 / 3, 0, "=x", 2.5e300]
    with change(store, "seed") as tx:
        article = _bare_article(tx)
        for n in range(len(counts) * 2):
            tx.insert(
                "events",
                {"event_date": dates[n % len(dates)], "status": "confirmed",
                 "fatalities": counts[n % len(counts)], "geo_precision": counts[-n % len(counts)],
                 "confidence": scores[n % len(scores)], "created_at": "now",
                 "updated_at": "2020-01-01T00:00:00Z", "article_id": article},
            )  # fmt: skip
    raw = {
        str(r[0]): r[1:]
        for r in store.conn.execute(
            "SELECT id, event_date, fatalities, geo_precision, confidence FROM events"
        )
    }
    assert {type(v) for r in raw.values() for v in r} >= {int, float, str, type(None)}
    rows = csv_rows(store, tmp_path)
    assert len(rows) == len(raw)
    for row in rows:
        date, fatalities, geo, confidence = raw[row["event_id"]]
        line = [row["event_date"], row["fatalities"], row["geo_precision"], row["confidence"]]
        cells = [text_cell(date), number_cell(fatalities), number_cell(geo)]
        cells.append(number_cell(confidence))
        # csv_rows parses the file: compare with the cells parsed the same way.
        assert line == [next(csv.reader(io.StringIO(c)), [""])[0] for c in cells]
        assert row["year"] == (date[:4] if date and date[:4].isdigit() else "")


def test_span_and_assoc_cells_equal_cell_functions_on_awkward_values(file_store, tmp_path):
    # A one-source event's span is written without text_cell when it is digits and a
    # hyphen; any other value the columns were made to hold (text, floats: a SQLite file's
    # typing, which a server refuses) must still be neutralised. Associated actors' cells
    # are cached per list: each event still names its own.
    store = file_store
    spans = [(3, 9), (0, None), (-5, 2), ("=1", 4), (2.5, 7), (None, None), (7, "x,y"), (True, 1)]
    with change(store, "seed") as tx:
        article = _bare_article(tx)
        actors = [
            tx.insert("entities", {"kind": "actor", "canonical": name, "attrs": "{}",
                                   "created_at": "now"})
            for name in ("Alpha", "-Beta", "Gamma, Delta")
        ]  # fmt: skip
        lists = ["[]", f"[{actors[0]}]", f"[{actors[1]}, {actors[2]}]", f"[{actors[0]}]"]
        for n, (start, end) in enumerate(spans):
            event = tx.insert(
                "events",
                {"status": "confirmed", "created_at": "now", "updated_at": "now",
                 "article_id": article, "assoc_actor_1": lists[n % len(lists)]},
            )  # fmt: skip
            tx.insert(
                "event_sources",
                {"event_id": event, "article_id": article, "quote": "q", "start": start,
                 "end": end},
            )  # fmt: skip
    raw = {
        str(r[0]): r[1:]
        for r in store.conn.execute(
            'SELECT e.id, s.start, s."end", e.assoc_actor_1 FROM events e '
            "JOIN event_sources s ON s.event_id = e.id"
        )
    }
    names = dict(store.conn.execute("SELECT id, canonical FROM entities"))
    rows = csv_rows(store, tmp_path)
    assert len(rows) == len(spans)
    for row in rows:
        start, end, assoc = raw[row["event_id"]]
        cell = text_cell("" if start is None else f"{start}-{'' if end is None else end}")
        assert row["source_spans"] == next(csv.reader(io.StringIO(cell)), [""])[0]
        assert row["assoc_actor_1"] == "; ".join(
            ("'" + names[i] if names[i].startswith("-") else names[i]) if n == 0 else names[i]
            for n, i in enumerate(json.loads(assoc))
        )
