"""Provides `pair_table`: two events side by side, field by field, before a merge.

One view for both merges: the review screen's (`merge-events`, two events of one article:
the kept event on the left, the selected one, which a second press merges into it, on the
right) and the duplicates screen's (two articles' events, the left one kept). Each field is
one row, the rows where the events differ marked `≠` (a mark, not a colour, so it reads the
same without colour), then the articles when they differ, then both evidence quotes. Plain
`Text` only: names, titles and quotes come from articles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..data import EventView
from ..marks import status_mark
from .event_fields import LABELS, _fmt

DIFFERS = "≠"
WHAT_MERGE_DOES = (
    "Both sources are kept; the kept event's values stay, its empty ones are filled from "
    "the other, fatalities take the lower figure (the spread kept as low/high). "
)


@dataclass(frozen=True)
class Side:
    """One event of the pair: public values (names, not ids), its evidence, and the title
    of the article it comes from ("" inside one article)."""

    id: int
    status: str
    values: Mapping[str, Any]
    quote: str
    article: str = ""


def side_of(view: EventView) -> Side:
    return Side(view.id, view.status, view.values, view.quote)


def pair_table(keep: Side, other: Side, merge_key: str, then: str) -> RenderableType:
    """`then`: the keys that do something else with the pair, said after what a merge does."""
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(f"Merge: {merge_key} merges event {other.id} into event {keep.id}", style="bold")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="dim", justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(
        Text(""),
        Text(f"KEEP {keep.id} {status_mark(keep.status)}", style="bold reverse"),
        Text(f"merge {other.id} {status_mark(other.status)}", style="bold"),
    )
    for field, label in LABELS:
        left, right = _fmt(keep.values.get(field)), _fmt(other.values.get(field))
        if left == right == "—":
            continue
        mark = f"{DIFFERS} " if left != right else ""
        grid.add_row(Text(f"{mark}{label}"), Text(left), Text(right, style="bold" if mark else ""))
    if keep.article != other.article:
        grid.add_row(Text("article"), Text(keep.article or "—"), Text(other.article or "—"))
    grid.add_row(
        Text("evidence"),
        Text(f"“{keep.quote}”" if keep.quote else "—", style="italic"),
        Text(f"“{other.quote}”" if other.quote else "—", style="italic"),
    )
    foot = Text(WHAT_MERGE_DOES, style="dim")
    foot.append(then, style="dim")
    return Group(head, grid, foot)
