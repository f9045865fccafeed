"""Provides the upkeep of `article_odds`, the queue's model order and "doubted" filter.

Per scored article, one row: `likely`, the highest P(real event) of its events (decided ones
too), and `doubted`, how many of its proposals the model doubts (P < DOUBT, status
'proposed'). The worker's writes recompute the rows of the articles they score
(store/models.save_odds); triggers keep them true between retrains: an event's odds gone
with the event (an undone add, a replaced proposal) recompute its article's row, and a
status change (a proposal confirmed or rejected, or that undone) recounts its doubts. So
the queue reads both from article_odds' indexes alone (store/likely.py).
"""

from __future__ import annotations

# Below this P(real event) the model doubts a proposal (the review panel says so, the queue
# filters on it). The triggers hold the figure as their migration wrote it: a new figure
# needs a migration that makes them again (`odds_triggers`) and recomputes the rows.
DOUBT = 0.5


def article_odds_rows(condition: str) -> str:
    """SELECT (article_id, likely, doubted) of the articles whose scored events (`o`, joined
    to their events `e`) meet `condition`."""
    return (
        "SELECT o.article_id, max(o.p_event), "
        f"sum(CASE WHEN o.p_event < {DOUBT} AND e.status = 'proposed' THEN 1 ELSE 0 END) "
        "FROM event_odds o JOIN events e ON e.id = o.event_id "
        f"WHERE o.p_event IS NOT NULL AND {condition} GROUP BY o.article_id"
    )


def _recompute(article: str) -> list[str]:
    """Statements that make the row of the article `article` (an SQL expression) again."""
    return [
        f"DELETE FROM article_odds WHERE article_id = {article}",
        "INSERT INTO article_odds (article_id, likely, doubted) "
        + article_odds_rows(
            f"o.article_id = {article} AND EXISTS (SELECT 1 FROM articles WHERE id = {article})"
        ),
    ]


def lock_with_events(events: str, for_update: str) -> str:
    """Lock the article_odds rows of the events `events` (an SQL query of their ids), in
    order: a write beside others (store/rows.py) locks its event's article's row before
    changing the event, so the trigger below recounts under the lock what the last writer
    committed. (`for_update`: the backend's FOR_UPDATE.)"""
    return (
        "SELECT 1 FROM article_odds WHERE article_id IN (SELECT article_id FROM event_odds "
        f"WHERE event_id IN ({events})) ORDER BY article_id{for_update}"
    )


# (name, what fires it, when, what it does): the backend spells each as a row trigger.
TRIGGERS = (
    (
        "event_odds_gone",
        "DELETE ON event_odds",
        "OLD.article_id IS NOT NULL",
        _recompute("OLD.article_id"),
    ),
    (
        "event_status_doubts",
        "UPDATE OF status ON events",
        "OLD.status IS DISTINCT FROM NEW.status",
        [
            "UPDATE article_odds SET doubted = (SELECT count(*) FROM event_odds o "
            "JOIN events e ON e.id = o.event_id WHERE o.article_id = article_odds.article_id "
            f"AND o.p_event < {DOUBT} AND e.status = 'proposed') "
            "WHERE article_id = (SELECT article_id FROM event_odds WHERE event_id = NEW.id)"
        ],
    ),
)
