"""Extraction state per article (issue 14, items 3 and 7): a runaway article is stopped at
its time limit with an error line naming it while the batch goes on, the failure is kept on
the article, and articles an interrupted run left unextracted are reported and finished; on
a SQLite file and a PostgreSQL server (whose workers never open the database themselves)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.extract import run as extract_run
from workbench.extract.deadline import ExtractionTimeout, Watchdog
from workbench.extract.run import extract_articles, unextracted
from workbench.store import Store

pytestmark = pytest.mark.backends

REPORT = (
    "Syrian government warplanes bombed Saraqeb on Monday, killing 12 civilians, a war "
    "monitor said. Rebels shelled Aleppo on Tuesday."
)


def _write(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _cli(db: str, *args: str):
    return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)


def test_watchdog_stops_a_pure_python_loop_and_only_it():
    dog = Watchdog(0.3)
    try:
        try:
            with dog.limit():
                while True:  # the shape of a runaway rule: pure Python, never returning
                    pass
        except ExtractionTimeout:
            pass
        # A block that ends in time is never interrupted afterwards.
        with dog.limit():
            total = sum(range(1000))
        time.sleep(0.5)
        assert total == 499500
    finally:
        dog.close()
    assert not any(t.name == "extract-watchdog" for t in threading.enumerate())


def test_a_runaway_article_is_stopped_named_and_the_batch_goes_on(tmp_path, db_path, monkeypatch):
    real = extract_run.extract

    def extract(text, *args):
        if "RUNAWAY" in text:
            while True:  # stands for a rule that never finishes on this text
                pass
        return real(text, *args)

    monkeypatch.setattr(extract_run, "extract", extract)
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a_good.txt", REPORT)
    _write(folder, "b_runaway.txt", "RUNAWAY " + REPORT)
    _write(folder, "c_good.txt", REPORT.replace("Saraqeb", "Douma"))
    db = db_path
    # A limit the good articles meet even on a loaded machine (the runaway never ends).
    result = _cli(db, "ingest", str(folder), "--time-limit", "3")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert "b_runaway.txt" in errors[0] and "time limit" in errors[0]
    with Store(db) as store:
        rows = store.query("SELECT file, extracted_at, extract_error FROM articles ORDER BY file")
        assert [r["extracted_at"] is not None for r in rows] == [True, False, True]
        assert "time limit" in rows[1]["extract_error"]
        assert store.scalar("SELECT count(*) FROM events") > 0
        assert unextracted(store) == ([], 1)
    # Reported by the listing, and not retried by the next ingest ...
    listed = _cli(db, "articles", "list", "--status", "unextracted", "--format", "jsonl")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["file"], r["extracted"]) for r in rows] == [("b_runaway.txt", "failed")]
    again = _cli(db, "ingest", str(folder))
    assert "1 article(s) failed extraction earlier" in again.output
    # ... but `extract --all` tries it again, and without the limit it finishes.
    monkeypatch.setattr(extract_run, "extract", real)
    retry = _cli(db, "extract", "--all", "--time-limit", "0")
    assert retry.exit_code == 0, retry.output
    with Store(db) as store:
        assert unextracted(store) == ([], 0)
        assert store.scalar("SELECT count(*) FROM articles WHERE extract_error IS NOT NULL") == 0


def test_worker_processes_stop_a_runaway_article_too(db_path):
    # A real text the extractor needs many seconds for (a 1 MB unpunctuated run of
    # casualty words), among ordinary ones, extracted by two worker processes.
    store = Store(db_path, analyst="t")
    rows = [(f"h{i}", f"f{i}.txt", REPORT.replace("Saraqeb", f"Town{i}")) for i in range(6)]
    rows.append(("huge", "huge.txt", "killed " * 150_000))
    with store.write():
        store.conn.executemany(
            "INSERT INTO articles (content_hash, file, text, ingested_at) VALUES (?, ?, ?, 'x')",
            rows,
        )
    summary = extract_articles(store, workers=2, time_limit=2)
    assert len(summary["failed"]) == 1 and "huge.txt" in summary["failed"][0]
    assert summary["articles"] == 6
    assert unextracted(store) == ([], 1)
    store.close()


def test_ingest_finishes_articles_an_earlier_run_left_unextracted(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        _write(folder, f"r{i}.txt", REPORT.replace("Saraqeb", f"Kafr Town{i}"))
    db = db_path
    # Stands for an ingest killed after its articles were stored, before extraction.
    first = _cli(db, "ingest", str(folder), "--no-extract")
    assert "ingested 3 new" in first.output
    again = _cli(db, "ingest", str(folder))
    assert again.exit_code == 0, again.output
    assert "3 article(s) ingested earlier were never extracted" in again.output
    assert "with 3 earlier article(s) finished" in again.output
    with Store(db) as store:
        assert unextracted(store) == ([], 0)
        assert store.scalar("SELECT count(*) FROM events") >= 3
