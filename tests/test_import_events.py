"""import-events: another analyst's JSONL export into this database, and the round trip.

"The same events" after export -> import -> export means: every record field equal, in the
same order, except `event_id` and each source's `article_id` (ids of the other database).
That includes statuses, confirmed_by/confirmed_at, names, place attributes, fatalities
low/high, notes, and every source's file, title, url, published, quote, span, outlet and
content hash.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from export_helpers import curate, export_text, jsonl_records

from workbench.cli import main
from workbench.export.importer import import_events, import_file, parse_jsonl
from workbench.seeds import ingest_seeds
from workbench.store import Store, Tx, undo
from workbench.store.events import add_event, set_status

pytestmark = pytest.mark.backends

TABLES = ("events", "event_sources", "articles", "entities", "aliases")


def comparable(record: dict) -> dict:
    record = {k: v for k, v in record.items() if k != "event_id"}
    record["sources"] = [
        {k: v for k, v in s.items() if k != "article_id"} for s in record["sources"]
    ]
    return record


def counts(store: Store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


@pytest.fixture
def target(backend, tmp_path, request):
    """Where the import goes: a fresh database of the test's backend (with its schema)."""
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        return lambda name: cluster.new_database(template=cluster.template())
    return lambda name: str(tmp_path / name)


@pytest.fixture
def exported(store, tmp_path):
    """The curated seeds exported with every status, as a file and as records."""
    curate(store)
    path = tmp_path / "colleague.jsonl"
    path.write_text(export_text(store, "jsonl", tmp_path, status="all"), encoding="utf-8")
    return path, jsonl_records(store, tmp_path, status="all")


def test_round_trip_into_an_empty_database(target, exported, tmp_path):
    path, original = exported
    with Store(target("other.db"), analyst="bob") as other:
        report = import_file(other, str(path))
        assert (report.records, report.added, report.duplicates) == (
            len(original),
            len(original),
            0,
        )
        assert report.articles_stubbed == 4 and report.articles_matched == 0
        again = jsonl_records(other, tmp_path, status="all")
        assert [comparable(r) for r in again] == [comparable(r) for r in original]
        # Stubs: metadata only, marked, and the real hash kept behind a prefix.
        stub = other.query("SELECT * FROM articles ORDER BY id LIMIT 1")[0]
        assert stub["text"] == "" and json.loads(stub["meta"])["stub"] is True
        assert stub["content_hash"].startswith("stub:") and stub["status"] == "done"
        # Who confirmed is the colleague's name, kept; the import is logged as bob's.
        assert {r["confirmed_by"] for r in again if r["status"] == "confirmed"} == {"tester"}
        action = other.query("SELECT * FROM actions WHERE action = 'import-events'")
        assert len(action) == 1 and action[0]["analyst"] == "bob" and action[0]["undoable"] == 1


def test_round_trip_matches_articles_this_database_has(target, exported, tmp_path):
    path, original = exported
    with Store(target("other.db")) as other:
        ingest_seeds(other, extract=False)
        report = import_file(other, str(path))
        assert report.articles_matched == 4 and report.articles_stubbed == 0
        again = jsonl_records(other, tmp_path, status="all")
        assert [comparable(r) for r in again] == [comparable(r) for r in original]
        for record in again:
            for source in (s for s in record["sources"] if s["start"] is not None):
                text = other.scalar(
                    "SELECT text FROM articles WHERE id = ?", [source["article_id"]]
                )
                assert text[source["start"] : source["end"]] == source["quote"]


def test_importing_twice_or_into_the_source_adds_nothing(target, store, exported, tmp_path):
    path, _ = exported
    before = counts(store)
    report = import_file(store, str(path))
    assert report.added == 0 and report.duplicates == report.records
    assert report.action_id is None  # nothing changed, nothing logged
    assert counts(store) == before
    with Store(target("other.db")) as other:
        import_file(other, str(path))
        first = counts(other)
        assert import_file(other, str(path)).added == 0
        assert counts(other) == first


def test_same_event_from_another_article_gains_the_source(target, store, exported, tmp_path):
    path, original = exported
    with Store(target("other.db")) as other:
        ingest_seeds(other, extract=False)
        clash = next(r for r in original if r["actor1"] == "Military Forces of Turkey")
        # Bob coded the same clash from article 1 (published after it), with the same fields.
        mine = add_event(
            other,
            1,
            {
                k: clash[k]
                for k in (
                    "event_date",
                    "date_precision",
                    "sub_event_type",
                    "actor1",
                    "actor2",
                    "location",
                    "fatalities",
                )
            },  # fmt: skip
            quote="his own quote",
            start=0,
            end=13,
        )
        set_status(other, mine, "confirmed")
        report = import_file(other, str(path))
        assert report.duplicates == 1 and report.sources_added == 1
        merged = next(r for r in jsonl_records(other, tmp_path) if r["event_id"] == mine)
        assert [s["quote"] for s in merged["sources"]] == [
            "his own quote",
            clash["sources"][0]["quote"],
        ]
        assert merged["confirmed_by"] != "tester"  # bob's own curation is kept


def test_untouched_proposal_takes_the_imported_curation(target, exported, tmp_path):
    path, original = exported
    strike = next(r for r in original if r["fatalities"] == 21)
    source = strike["sources"][0]
    with Store(target("other.db")) as other:
        ingest_seeds(other, extract=False)
        # A raw machine proposal for the same quote, never touched by an analyst.
        with other.write():
            cur = other.conn.execute(
                "INSERT INTO events (article_id, event_date, status, origin, edited, created_at, "
                "updated_at) VALUES (1, '2018-02-06', 'proposed', 'extractor', 0, 'x', 'x') "
                "RETURNING id"
            )
            event_id = cur.fetchone()[0]
            other.conn.execute(
                'INSERT INTO event_sources (event_id, article_id, quote, start, "end") '
                "VALUES (?, 1, ?, ?, ?)",
                [event_id, source["quote"], source["start"], source["end"]],
            )
        report = import_file(other, str(path))
        assert report.adopted == 1
        adopted = other.row("events", event_id)
        assert adopted["status"] == "confirmed" and adopted["event_date"] == "2018-02-05"
        assert adopted["fatalities"] == 21 and adopted["edited"] == 1


def test_undo_takes_the_whole_import_back(target, exported, tmp_path):
    path, _ = exported
    with Store(target("other.db"), analyst="bob") as other:
        ingest_seeds(other, extract=False)
        before = counts(other)
        import_file(other, str(path))
        assert counts(other) != before
        replay = undo(other)
        assert replay is not None and replay.action == "import-events"
        assert counts(other) == before


def test_dry_run_changes_nothing(target, exported, tmp_path):
    path, original = exported
    with Store(target("other.db")) as other:
        report = import_file(other, str(path), dry_run=True)
        assert report.added == len(original) and report.action_id is None
        assert counts(other) == dict.fromkeys(TABLES, 0)
        assert other.scalar("SELECT count(*) FROM actions") == 0


def test_a_bad_record_stops_the_import_with_its_line(target, exported, tmp_path):
    path, _ = exported
    lines = path.read_text().splitlines()
    bad = json.loads(lines[1])
    bad["sub_event_type"] = "Alien invasion"
    lines[1] = json.dumps(bad)
    path.write_text("\n".join(lines) + "\n")
    with Store(target("other.db")) as other:
        with pytest.raises(ValueError, match=r"colleague.jsonl:2: .*Alien invasion"):
            import_file(other, str(path))
        assert counts(other) == dict.fromkeys(TABLES, 0)
    with pytest.raises(ValueError, match=r"x:3: malformed JSON"):
        parse_jsonl(["{}", "", "{oops"], "x")
    with pytest.raises(ValueError, match="status 'merged'"):
        import_events(Store(target("third.db")), [{"status": "merged"}])


def test_cli_import_events(target, exported, tmp_path):
    path, original = exported
    other = target("other.db")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", other, "import-events", str(path), "--dry-run"])
    assert result.exit_code == 0 and result.output.startswith("would import")
    result = runner.invoke(main, ["--db", other, "import-events", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{len(original)} new event(s)" in result.output and "workbench undo" in result.output
    result = runner.invoke(main, ["--db", other, "import-events", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0 and "cannot read" in result.output


def test_one_sentence_two_events(target, tmp_path):
    """Two events quoting the same sentence stay two; an untouched proposal is paired once."""
    source = {"file": "a.txt", "title": "T", "url": "https://x/a", "content_hash": "h1",
              "quote": "Rebels downed a jet; then airstrikes hit the town.", "start": 10,
              "end": 60}  # fmt: skip
    base = {"event_date": "2018-02-03", "date_precision": "day", "status": "confirmed",
            "confirmed_by": "ann", "location": "Town", "sources": [source]}  # fmt: skip
    records = [
        {**base, "sub_event_type": "Disrupted weapons use", "actor1": "Rebels"},
        {**base, "sub_event_type": "Air/drone strike", "actor1": "Air force"},
    ]
    with Store(target("b.db")) as other:
        report = import_events(other, [dict(r) for r in records])
        assert report.added == 2
        assert import_events(other, [dict(r) for r in records]).added == 0
    with Store(target("c.db")) as third:
        first = import_events(third, [{**records[0], "status": "proposed", "confirmed_by": None}])
        third.conn.execute("UPDATE events SET edited = 0")  # as a raw extractor proposal
        report = import_events(third, [dict(r) for r in records])
        assert (report.added, report.duplicates, report.adopted) == (1, 1, 1)
        assert first.added == 1
        statuses = [r["status"] for r in third.query("SELECT status FROM events ORDER BY id")]
        assert statuses == ["confirmed", "confirmed"]


def test_new_events_and_sources_go_in_by_bulk_insert(target, exported, monkeypatch):
    """COPY on a server (executemany on a file), as ingest and extraction do: no row-by-row
    insert of events or sources, and the log still holds every row for undo."""
    path, original = exported
    with Store(target("other.db"), analyst="bob") as other:
        bulk, one_by_one = [], []
        real_bulk, real_insert = other.sql.bulk_insert, Tx.insert

        def spy_bulk(conn, table, cols, rows):
            bulk.append(table)
            return real_bulk(conn, table, cols, rows)

        def spy_insert(tx, table, values):
            one_by_one.append(table)
            return real_insert(tx, table, values)

        monkeypatch.setattr(other.sql, "bulk_insert", spy_bulk)
        monkeypatch.setattr(Tx, "insert", spy_insert)
        report = import_file(other, str(path))
        monkeypatch.undo()
        assert report.added == len(original)
        assert {"events", "event_sources"} <= set(bulk)
        assert {"events", "event_sources"}.isdisjoint(one_by_one)
        logged = json.loads(
            other.scalar("SELECT after FROM actions WHERE action = 'import-events'")
        )
        assert sum(k.startswith("events:") for k in logged) == len(original)
        assert all(logged[k] is not None for k in logged)
        undo(other)
        assert other.scalar("SELECT count(*) FROM events") == 0
