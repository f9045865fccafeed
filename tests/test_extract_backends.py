"""Extraction writes into either backend; its worker processes open the database the way
the store does (a server URL is a server), and both backends get the same proposals."""

from __future__ import annotations

from workbench.extract.run import extract_articles
from workbench.seeds import ingest_seeds
from workbench.store import Store


def _proposals(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT article_id, event_date, sub_event_type, fatalities, confidence FROM events "
        "ORDER BY article_id, event_date, sub_event_type, fatalities, confidence"
    )]  # fmt: skip


def test_workers_extract_into_a_server_as_one_process_into_a_file(pg_cluster, tmp_path):
    # (Worker processes on a SQLite file: tests/test_extract_run.py.)
    url = pg_cluster.new_database(template=pg_cluster.template())
    with Store(url, analyst="tester") as store:
        ingest_seeds(store, extract=False)
        summary = extract_articles(store, workers=2)  # spawned workers read by themselves
        assert summary["articles"] == 4 and summary["events"] > 0
        parallel = _proposals(store)
    with Store(str(tmp_path / "serial.db"), analyst="tester") as serial:
        ingest_seeds(serial, extract=False)
        extract_articles(serial, workers=1)
        assert _proposals(serial) == parallel
