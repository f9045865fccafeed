"""Provides the reads team work adds to the queue and the review screen.

Which copy of an article's events an analyst sees (`copy_for`): their own when the article
is double-coded and assigned to them, the shared events otherwise, never another coder's
copy. What the queue shows beside each article (`annotate`): the analyst's own
assignment, who else has it, and event counts of the copy the analyst would see.
"""

from __future__ import annotations

from typing import Any

from .db import Store
from .presence import present


def copy_for(store: Store, article_id: int, analyst: str | None = None) -> str | None:
    """The coder whose copy `analyst` works on in this article (None: the shared events)."""
    name = analyst or store.analyst
    blind = store.scalar(
        "SELECT count(*) FROM assignments WHERE article_id = ? AND analyst = ? AND blind = 1",
        [article_id, name],
    )
    return name if blind else None


def events_where(coder: str | None, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL condition (and parameters) selecting the events of one copy."""
    if coder is None:
        return f"{alias}.coder IS NULL", []
    return f"{alias}.coder = ?", [coder]


def my_assignment(store: Store, article_id: int) -> dict[str, Any] | None:
    rows = store.query(
        "SELECT blind, status FROM assignments WHERE article_id = ? AND analyst = ?",
        [article_id, store.analyst],
    )
    return rows[0] if rows else None


def annotate(store: Store, article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per article: `mine` (assigned/done/None), `blind`, `others` (names), `open_by`
    (others who have it open now), and for the articles the analyst codes blind, the
    proposed/confirmed counts of their copy."""
    out: dict[int, dict[str, Any]] = {
        i: {"mine": None, "blind": False, "others": [], "open_by": []} for i in article_ids
    }
    if not article_ids:
        return out
    for article_id, names in present(store, article_ids).items():
        out[article_id]["open_by"] = names
    marks = ",".join("?" for _ in article_ids)
    for row in store.query(
        f"SELECT article_id, analyst, blind, status FROM assignments "
        f"WHERE article_id IN ({marks}) ORDER BY analyst",
        article_ids,
    ):
        info = out[int(row["article_id"])]
        if row["analyst"] == store.analyst:
            info["mine"], info["blind"] = row["status"], bool(row["blind"])
        else:
            info["others"].append(row["analyst"])
    blind = [i for i, info in out.items() if info["blind"]]
    if blind:
        marks = ",".join("?" for _ in blind)
        for row in store.query(
            f"SELECT article_id, status, count(*) AS n FROM events "
            f"WHERE coder = ? AND article_id IN ({marks}) GROUP BY article_id, status",
            [store.analyst, *blind],
        ):
            if row["status"] in ("proposed", "confirmed"):
                out[int(row["article_id"])][row["status"]] = int(row["n"])
        for i in blind:
            out[i].setdefault("proposed", 0)
            out[i].setdefault("confirmed", 0)
    return out
