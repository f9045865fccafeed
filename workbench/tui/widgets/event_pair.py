"""Provides `pair_table`: two events side by side, field by field, before a merge.

Used by the review screen while an event is kept for a merge (`merge-events`): the kept
event on the left, the selected one (which a second press merges into it) on the right,
each field on one row and the rows where they differ marked `≠` (a mark, not a colour, so
it reads the same without colour), then both evidence quotes. Plain `Text` only: names and
quotes come from articles.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..data import EventView
from ..marks import status_mark
from .event_fields import LABELS, _fmt

DIFFERS = "≠"


def pair_table(keep: EventView, other: EventView, merge_key: str) -> RenderableType:
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
    grid.add_row(
        Text("evidence"),
        Text(f"“{keep.quote}”" if keep.quote else "—", style="italic"),
        Text(f"“{other.quote}”" if other.quote else "—", style="italic"),
    )
    foot = Text(
        "Both sources are kept; the kept event's values stay, its empty ones are filled from "
        "the other, fatalities take the lower figure (the spread kept as low/high). ",
        style="dim",
    )
    foot.append(f"{merge_key} on the kept event cancels.", style="dim")
    return Group(head, grid, foot)
