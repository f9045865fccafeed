"""The queue ordered by the model's P(real event), and "proposals the model doubts".

A real SQLite file, the fake embedder (conftest): decisions teach the event/non-event head,
the app's worker scores every event, and the keys reorder and filter the queue.
"""

from __future__ import annotations

import pytest
from export_helpers import relax_confirm_rules
from tui_support import make_app, press, screen_text, settle

from workbench.learn.engine import engine_for, retrain, score_events
from workbench.store import Store, now
from workbench.store.db import inserted_id
from workbench.store.events import add_event, set_status
from workbench.store.history import undo
from workbench.store.models import EXTRACTOR, MIN_EVENTNESS, odds_source, save_odds
from workbench.store.queries import (
    ArticleQuery,
    article_offset,
    article_rows,
    article_total,
    neighbour,
)

LIKELY = "police arrested the protesters in the square"
UNLIKELY = "the minister gave a speech about the economy"


def _article(store: Store, n: int, text: str) -> int:
    with store.write():
        cur = store.conn.execute(
            "INSERT INTO articles (content_hash, file, title, text, ingested_at, extracted_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [f"h{n}", f"{n}.txt", f"Article {n}", text, now(), now()],
        )
        return inserted_id(cur)


@pytest.fixture
def queue_db(db_path):
    """Article 1 holds the decisions (4 arrests confirmed, 4 speeches rejected); article 2
    a proposal like the arrests, article 3 one like the speeches, article 4 no event."""
    path = db_path
    relax_confirm_rules(path)
    with Store(path, analyst="fixture") as store:
        arts = [_article(store, n, f"Text of article {n}.") for n in range(1, 5)]
        for _ in range(4):
            add_event(store, arts[0], {"sub_event_type": "Arrests"}, quote=LIKELY,
                      status="confirmed")  # fmt: skip
            set_status(store, add_event(store, arts[0], {}, quote=UNLIKELY), "rejected")
        likely = add_event(store, arts[1], {"sub_event_type": "Arrests"}, quote=LIKELY)
        doubted = add_event(store, arts[2], {}, quote=UNLIKELY)
    return path, arts, likely, doubted


def _ids(store, query):
    return [r["id"] for r in article_rows(store, query)]


@pytest.mark.backends
def test_odds_order_the_queue_and_the_doubted_filter_follows_decisions(queue_db):
    path, arts, likely, doubted = queue_db
    with Store(path, analyst="tester") as store:
        query = ArticleQuery(order="likely")
        assert _ids(store, query) == arts  # nothing scored yet: the queue's own order
        engine, _ = engine_for(store)
        retrain(store, engine)
        assert score_events(store, engine) == 10  # every event, decided ones too
        assert score_events(store, engine) == 0  # all scored by this model
        rows = {r["id"]: r["likely"] for r in article_rows(store, query)}
        assert rows[arts[1]] > 0.5 > rows[arts[2]] and rows[arts[3]] is None
        order = _ids(store, query)
        assert order.index(arts[1]) < order.index(arts[2]) < order.index(arts[3])
        assert order[-1] == arts[3]  # unscored articles last
        # Paging and n/p follow the same order.
        for i, article in enumerate(order):
            assert article_offset(store, query, article) == i
            assert neighbour(store, query, article, 1) == (order[i + 1] if i + 1 < 4 else None)
            assert neighbour(store, query, article, -1) == (order[i - 1] if i else None)
        doubts = ArticleQuery(doubted=True)
        assert _ids(store, doubts) == [arts[2]]
        set_status(store, doubted, "confirmed")  # decided: no longer a doubted proposal
        assert _ids(store, doubts) == []
        # The same decisions (an untyped confirmation teaches nothing) make the same model;
        # a model retrained on other decisions rescores every event.
        retrain(store, engine)
        assert score_events(store, engine) == 0
        set_status(store, likely, "rejected")
        retrain(store, engine)
        assert score_events(store, engine, limit=4) == 4


@pytest.mark.backends
def test_odds_of_an_undone_event_go_with_it(queue_db):
    path, arts, likely, doubted = queue_db
    with Store(path, analyst="tester") as store:
        save_odds(store, "m1", [(doubted, 0.1), (likely, 0.9)])
        with store.write():
            store.conn.execute("DELETE FROM event_sources WHERE event_id = ?", [doubted])
            store.conn.execute("DELETE FROM events WHERE id = ?", [doubted])
        assert store.scalar("SELECT count(*) FROM event_odds") == 1
        save_odds(store, "m1", [(doubted, 0.2)])  # read before the delete: skipped
        assert store.scalar("SELECT count(*) FROM event_odds") == 1


@pytest.mark.backends
def test_an_undone_add_moves_its_article_at_once(queue_db):
    """Undoing an added event deletes it: its article's place in the model's order (its
    likeliest event) follows at once, not at the next retrain."""
    path, arts, likely, doubted = queue_db
    with Store(path, analyst="tester") as store:
        added = add_event(store, arts[2], {"sub_event_type": "Arrests"}, quote=LIKELY)
        save_odds(store, "m1", [(likely, 0.7), (doubted, 0.2), (added, 0.9)])
        query = ArticleQuery(order="likely")
        assert _ids(store, query)[:2] == [arts[2], arts[1]]
        undo(store)  # the add
        assert store.row("events", added) is None
        assert store.scalar(
            "SELECT likely FROM article_odds WHERE article_id = ?", [arts[2]]
        ) == pytest.approx(0.2)
        assert _ids(store, query)[:2] == [arts[1], arts[2]]
        # An article whose only scored event goes has no place among the scored ones.
        alone = add_event(store, arts[3], {"sub_event_type": "Arrests"}, quote=LIKELY)
        save_odds(store, "m1", [(alone, 0.95)])
        assert _ids(store, query)[0] == arts[3]
        undo(store)
        odds = "SELECT count(*) FROM article_odds WHERE article_id = ?"
        assert store.scalar(odds, [arts[3]]) == 0
        assert _ids(store, query)[-1] == arts[3]


@pytest.mark.backends
def test_the_doubted_filter_follows_decisions_and_undo_in_both_orders(queue_db):
    """The filter's page, count, places and neighbours (read off article_odds) follow a
    decision on a doubted proposal, its undo, and an undone add, at once."""
    path, arts, likely, doubted = queue_db
    with Store(path, analyst="tester") as store:
        extra = add_event(store, arts[3], {}, quote=UNLIKELY)
        save_odds(store, "m1", [(likely, 0.7), (doubted, 0.2), (extra, 0.4)])
        by_id, by_odds = ArticleQuery(doubted=True), ArticleQuery(doubted=True, order="likely")

        def check(query, order):
            assert _ids(store, query) == order
            assert article_total(store, query) == len(order)
            for i, article in enumerate(order):
                assert article_offset(store, query, article) == i
                after = order[i + 1] if i + 1 < len(order) else None
                assert neighbour(store, query, article, 1) == after
                assert neighbour(store, query, article, -1) == (order[i - 1] if i else None)

        check(by_id, [arts[2], arts[3]])
        check(by_odds, [arts[3], arts[2]])
        set_status(store, extra, "rejected")  # decided: no longer doubted
        check(by_id, [arts[2]])
        check(by_odds, [arts[2]])
        undo(store)  # the rejection
        check(by_id, [arts[2], arts[3]])
        undo(store)  # the add: the event and its odds go
        check(by_id, [arts[2]])
        check(by_odds, [arts[2]])


async def test_keys_order_and_filter_the_queue_and_a_rejection_clears_a_doubt(queue_db):
    path, arts, likely, doubted = queue_db
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)  # the worker trains at start-up and scores every event
        with Store(path) as store:
            assert store.scalar("SELECT count(*) FROM event_odds") == 10
        await press(pilot, app, "o")
        screen = app.screen
        order = [r["id"] for r in screen.rows]
        assert order.index(arts[1]) < order.index(arts[2]) and order[-1] == arts[3]
        assert "likely events first" in screen_text(app)
        await press(pilot, app, "d")
        assert [r["id"] for r in screen.rows] == [arts[2]]
        assert "proposals the model doubts" in screen_text(app)
        await press(pilot, app, "enter")
        assert app.screen.article_id == arts[2]
        text = screen_text(app)
        # An untyped proposal the model doubts gets no type suggestion: it is probably no
        # event (the edit form still ranks the types).
        assert "suggested none — the model doubts this is an" in text, text
        assert "Arrests (" not in text and "why " not in text
        await press(pilot, app, "x")
        with Store(path) as store:
            assert store.row("events", doubted)["status"] == "rejected"
        await press(pilot, app, "backspace")
        assert app.screen.rows == [] and "no articles match" in screen_text(app)
        await press(pilot, app, "d", "o")
        assert [r["id"] for r in app.screen.rows] == arts


@pytest.fixture
def day_one_db(db_path):
    """Three articles with one proposal each and no decision: the extractor's confidence
    0.4 (article 1), 0.9 (article 2), 0.6 (article 3); article 4 has no event."""
    relax_confirm_rules(db_path)
    with Store(db_path, analyst="fixture") as store:
        arts = [_article(store, n, f"Text of article {n}.") for n in range(1, 5)]
        events = []
        for article, confidence in zip(arts[:3], (0.4, 0.9, 0.6), strict=True):
            event = add_event(store, article, {}, quote=LIKELY if confidence > 0.5 else UNLIKELY)
            with store.write():
                store.conn.execute(
                    "UPDATE events SET confidence = ? WHERE id = ?", [confidence, event]
                )
            events.append(event)
    return db_path, arts, events


@pytest.mark.backends
def test_day_one_the_extractor_confidence_orders_until_the_model_can(day_one_db):
    path, arts, events = day_one_db
    with Store(path, analyst="tester") as store:
        engine, _ = engine_for(store)
        assert retrain(store, engine) is None  # no decision: no model
        assert score_events(store, engine) == 3
        assert score_events(store, engine) == 0
        assert odds_source(store) == EXTRACTOR
        query = ArticleQuery(order="likely")
        assert _ids(store, query) == [arts[1], arts[2], arts[0], arts[3]]
        assert _ids(store, ArticleQuery(doubted=True)) == [arts[0]]
        # Three confirmed and three rejected: the model's odds replace the extractor's.
        for _ in range(MIN_EVENTNESS):
            add_event(store, arts[0], {"sub_event_type": "Arrests"}, quote=LIKELY,
                      status="confirmed")  # fmt: skip
            set_status(store, add_event(store, arts[0], {}, quote=UNLIKELY), "rejected")
        retrain(store, engine)
        assert score_events(store, engine) == 3 + 2 * MIN_EVENTNESS
        assert odds_source(store) == "model"
        assert store.scalar("SELECT count(*) FROM event_odds WHERE model = ?", [EXTRACTOR]) == 0


async def test_day_one_the_queue_says_whose_order_it_is(day_one_db):
    path, arts, events = day_one_db
    app = make_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, app)
        await press(pilot, app, "o")
        assert [r["id"] for r in app.screen.rows] == [arts[1], arts[2], arts[0], arts[3]]
        text = screen_text(app)
        assert "likely events first (by the extractor's confidence" in text
        assert "0.90 Article 2" in text and "  –  Article 4" in text  # nothing to judge
        await press(pilot, app, "d")
        assert [r["id"] for r in app.screen.rows] == [arts[0]]
        assert "proposals the extractor doubts" in screen_text(app)
