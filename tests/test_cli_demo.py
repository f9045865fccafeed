"""`workbench demo` builds from the seeds, and never throws away an analyst's decisions."""

from __future__ import annotations

from click.testing import CliRunner

from workbench.cli import main
from workbench.store import Store
from workbench.store.events import set_status


def demo(db, *extra):
    return CliRunner().invoke(main, ["--db", db, "demo", "--no-open", *extra])


def test_demo_builds_and_keeps_curation_unless_fresh(tmp_path):
    db = str(tmp_path / "demo.db")
    first = demo(db)
    assert first.exit_code == 0, first.output
    with Store(db) as s:
        assert s.scalar("SELECT count(*) FROM articles") == 4
        assert s.scalar("SELECT count(*) FROM events WHERE status = 'proposed'") > 0
        eid = s.scalar(
            "SELECT min(id) FROM events WHERE event_date IS NOT NULL AND actor1_id IS NOT NULL"
            " AND place_id IS NOT NULL AND sub_event_type != ''"
        )
        set_status(s, eid, "confirmed")
    again = demo(db)
    assert again.exit_code == 0 and "reopening" in again.output
    with Store(db) as s:
        assert s.row("events", eid)["status"] == "confirmed"
    fresh = demo(db, "--fresh")
    assert fresh.exit_code == 0
    with Store(db) as s:
        assert s.scalar("SELECT count(*) FROM events WHERE status = 'confirmed'") == 0


def test_demo_refuses_a_database_with_other_articles(tmp_path):
    db = tmp_path / "work.db"
    article = tmp_path / "a.txt"
    article.write_text("Shelling hit Douma on Monday, killing three.")
    assert CliRunner().invoke(main, ["--db", str(db), "ingest", str(article)]).exit_code == 0
    result = demo(str(db))
    assert result.exit_code == 1 and "holds more than the seed articles" in result.output
    with Store(str(db)) as s:
        assert s.scalar("SELECT count(*) FROM articles") == 1
