"""Provides the non-colour cues shared by every screen: status marks and mention kinds.

Every state has a mark or a text style besides its colour, so the workbench reads the same
in 16-colour and `NO_COLOR` terminals.
"""

from __future__ import annotations

STATUS_MARKS = {
    "proposed": "·",
    "confirmed": "✓",
    "rejected": "✗",
    "merged": "⇢",
}
ARTICLE_MARKS = {"new": "·", "in_review": "…", "done": "✓"}
MERGE_MARK = "+"
PENDING_MARK = "…"  # after a status mark: decided on screen, not written to the database yet
SELECTED_MARK = "▶"
CHANGED_MARK = "↻"  # another analyst changed the event while it was on screen

# Kind -> (legend label, plural heading). Order is the legend's and the Entities panel's.
MENTION_KINDS = {
    "actor": ("actor", "Actors"),
    "place": ("place", "Places"),
    "date": ("date", "Dates"),
    "weapon": ("weapon", "Weapons"),
    "casualty": ("casualty", "Casualty figures"),
}
ENTITY_KINDS = ("actor", "place")


def in_words(status: str) -> str:
    """A status as the analyst reads it: "in review", not "in_review"."""
    return status.replace("_", " ")


def status_mark(status: str) -> str:
    return STATUS_MARKS.get(status, "?")
