"""Team work in the store and CLI: roles, assignment, blind copies, freezing on done."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.seeds import ingest_seeds
from workbench.store import Store, StoreError, undo
from workbench.store.assign import ArticleFilter, assign_articles, select_articles
from workbench.store.events import add_event, set_article_status, set_status, update_event
from workbench.store.team import set_analyst

pytestmark = pytest.mark.backends


@pytest.fixture
def team(db_path):
    """The seeds, extracted, with lead (admin), ana and ben (coders)."""
    path = db_path
    with Store(path, analyst="lead") as lead:
        ingest_seeds(lead)
        set_analyst(lead, "lead", "admin")
        set_analyst(lead, "ana")
        set_analyst(lead, "ben")
    return path


def cli(path: str, analyst: str, *args: str):
    return CliRunner().invoke(main, ["--db", path, "--analyst", analyst, *args])


def test_roles_guard_mistakes(db_path):
    path = db_path
    with Store(path, analyst="ana") as store:
        with pytest.raises(StoreError, match="no admin yet"):
            set_analyst(store, "ana", "coder")
        set_analyst(store, "lead", "admin")  # the first admin may be named by anyone
        with pytest.raises(StoreError, match="needs the admin role; ana is not in the team"):
            set_analyst(store, "ana", "admin")
    with Store(path, analyst="lead") as store:
        set_analyst(store, "ana")
        assert store.query("SELECT name, role FROM analysts ORDER BY name") == [
            {"name": "ana", "role": "coder"},
            {"name": "lead", "role": "admin"},
        ]
    result = cli(path, "ana", "team", "add", "ana", "--role", "admin")
    assert result.exit_code == 1 and "ana is a coder" in result.output


def test_assign_round_robin_double_share_and_undo(team):
    result = cli(team, "ana", "assign", "--to", "ana,ben")
    assert result.exit_code == 1 and "needs the admin role; ana is a coder" in result.output
    result = cli(team, "lead", "assign", "--to", "ana,zed")
    assert result.exit_code == 1 and "'zed' is not in the team" in result.output
    result = cli(team, "lead", "assign", "--to", "ana,ben", "--double", "0.5", "--seed", "7")
    assert result.exit_code == 0, result.output
    assert "assigned 4 article(s), 2 double-coded" in result.output
    team_list = json.loads(cli(team, "lead", "team", "list", "--format", "json").output)
    assert [(r["name"], r["role"], r["done"]) for r in team_list] == [
        ("ana", "coder", 0), ("ben", "coder", 0), ("lead", "admin", 0)]  # fmt: skip
    # 4 articles, 2 of them to two coders: 6 assignments, shared about evenly
    ana, ben, lead = (r["assigned"] for r in team_list)
    assert ana + ben == 6 and abs(ana - ben) <= 2 and lead == 0
    with Store(team, analyst="lead") as store:
        rows = store.query("SELECT article_id, analyst, blind FROM assignments ORDER BY id")
        per_article: dict[int, list] = {}
        for r in rows:
            per_article.setdefault(r["article_id"], []).append((r["analyst"], r["blind"]))
        doubled = [a for a, who in per_article.items() if len(who) == 2]
        assert len(doubled) == 2
        for article in doubled:
            assert sorted(per_article[article]) == [("ana", 1), ("ben", 1)]
            shared = store.scalar(
                "SELECT count(*) FROM events WHERE coder IS NULL AND status != 'merged' AND id IN "
                "(SELECT event_id FROM event_sources WHERE article_id = ?)",
                [article],
            )
            for coder in ("ana", "ben"):
                copies = store.query(
                    "SELECT * FROM events WHERE coder = ? AND article_id = ?", [coder, article]
                )
                assert len(copies) == shared > 0
                assert {c["status"] for c in copies} == {"proposed"}
                assert all(c["copy_of"] and c["origin"] == "copy" for c in copies)
        singles = [a for a, who in per_article.items() if len(who) == 1]
        assert [who[0][1] for a, who in per_article.items() if a in singles] == [0, 0]
        # Copies are working copies: never exported or counted as the dataset.
        export = cli(team, "lead", "export", "--status", "all", "--format", "jsonl")
        exported = export.output.count('"event_id"')
        assert exported == store.scalar("SELECT count(*) FROM events WHERE coder IS NULL")
        # events_flat mirrors the export: no copies there either (a view rebuilt from the
        # record must keep `e.coder IS NULL`).
        assert exported == store.scalar("SELECT count(*) FROM events_flat")
        stats = cli(team, "lead", "stats").output
        shared = store.scalar(
            "SELECT count(*) FROM events WHERE coder IS NULL AND status = 'proposed'"
        )
        assert f"events proposed   {shared}\n" in stats
        # Assigning again skips what is assigned; one undo takes the assignment back.
        again = cli(team, "lead", "assign", "--to", "ben")
        assert "assigned 0 article(s)" in again.output and "skipped 4" in again.output
        undo(store)
        assert store.scalar("SELECT count(*) FROM assignments") == 0
        assert store.scalar("SELECT count(*) FROM events WHERE coder IS NOT NULL") == 0


def test_filters_select_articles(team):
    with Store(team, analyst="lead") as store:
        all_ids = select_articles(store, ArticleFilter())
        assert len(all_ids) == 4
        outlets = store.query("SELECT id, outlet, published FROM articles ORDER BY id")
        one = outlets[0]
        assert select_articles(store, ArticleFilter(outlet=one["outlet"])) == [
            r["id"] for r in outlets if r["outlet"] == one["outlet"]
        ]
        assert select_articles(store, ArticleFilter(since="2100-01-01")) == []
        assert select_articles(store, ArticleFilter(country="Narnia")) == []
        assert select_articles(store, ArticleFilter(ids=(all_ids[1],))) == [all_ids[1]]
        with pytest.raises(StoreError, match="no article with id 999"):
            select_articles(store, ArticleFilter(ids=(999,)))


def test_blind_copies_are_private_and_frozen_on_done(team):
    with Store(team, analyst="lead") as lead:
        article = lead.scalar("SELECT min(id) FROM articles")
        assign_articles(lead, [article], ["ana", "ben"], double=1)
        shared = lead.scalar("SELECT min(id) FROM events WHERE coder IS NULL")
    ana, ben = Store(team, analyst="ana"), Store(team, analyst="ben")
    try:
        mine = ana.scalar("SELECT min(id) FROM events WHERE coder = 'ana'")
        his = ben.scalar("SELECT min(id) FROM events WHERE coder = 'ben'")
        set_status(ana, mine, "rejected")
        with pytest.raises(StoreError, match="is ana's blind copy"):
            set_status(ben, mine, "confirmed")
        with pytest.raises(StoreError, match="is ben's blind copy"):
            update_event(ana, his, {"notes": "peek"})
        # An event ana adds to the article is on her copy.
        new = add_event(ana, article, {"notes": "missed one"})
        assert ana.row("events", new)["coder"] == "ana"
        assert set_article_status(ana, article, "done")["status"] == "done"
        assert ana.scalar("SELECT status FROM articles WHERE id = ?", [article]) != "done"
        with pytest.raises(StoreError, match="marked done and frozen"):
            set_status(ana, mine, "proposed")
        with pytest.raises(StoreError, match="marked done and frozen"):
            add_event(ana, article, {"notes": "late"})
        # Reopening is a logged action, and the copy can be changed again.
        set_article_status(ana, article, "in_review")
        set_status(ana, mine, "proposed")
        actions = [r["action"] for r in ana.query("SELECT action FROM actions WHERE analyst='ana'")]
        assert actions == ["reject-event", "add-event", "finish-copy", "reopen-copy",
                           "reopen-event"]  # fmt: skip
        # The shared events stay as the machine proposed them.
        assert ana.row("events", shared)["status"] == "proposed"
        # Undo walks back through the reopening, each step checked like any other.
        for _ in range(3):
            undo(ana)
        assert ana.row("events", new)["coder"] == "ana"
        assert ana.scalar(
            "SELECT status FROM assignments WHERE analyst = 'ana' AND article_id = ?", [article]
        ) == "assigned"  # fmt: skip
    finally:
        ana.close()
        ben.close()
