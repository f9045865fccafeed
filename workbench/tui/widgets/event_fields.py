"""Provides `EventFields`: every field of the selected event, its evidence and provenance."""

from __future__ import annotations

import json

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...store.record import FIELDS
from ..data import EventView
from ..marks import status_mark

# The fields shown, with their short labels, in record order (store.record).
LABELS = tuple((f.name, f.short) for f in FIELDS if f.short)


def _fmt(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


class EventFields(Static):
    """Plain `Text` only: names and quotes come from articles."""

    def show(
        self,
        view: EventView | None,
        learned: tuple | None = None,
        keys: dict[str, str] | None = None,
    ) -> None:
        """The event's fields, each labelled with the key that fixes it (`keys`), and the
        model's view of its type (`learned`)."""
        keys = keys or {}
        if view is None:
            self.update(Text("No event selected."))
            return
        row, v = view.row, view.values
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(f"Event {view.id} ", style="bold")
        head.append(f"{status_mark(view.status)} {view.status}", style="bold reverse")
        if row.get("edited"):
            head.append(" edited")
        head.append(f" v{row['version']}")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(style="dim", justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        for field, label in LABELS:
            value = v.get(field)
            if field == "fatalities" and (v.get("fatalities_low") or v.get("fatalities_high")):
                value = f"{_fmt(value)} (range {_fmt(v.get('fatalities_low'))}–"
                value += f"{_fmt(v.get('fatalities_high'))})"
            cell = Text(_fmt(value))
            if field == "location" and view.unplaced:
                # No coordinates: the names screen (N, f to "unplaced") sets them.
                cell.append(" · place not in gazetteer", style="bold")
            key = keys.get(field)
            grid.add_row(Text(f"{label} {key}" if key else label), cell)
        if row.get("incomplete") and view.status == "proposed":
            # What the extractor could not fill: the analyst adds it (or confirm refuses).
            grid.add_row(Text("missing"), Text(row["incomplete"], style="bold"))
        if row.get("reviewed_by"):
            grid.add_row(Text("reviewed"), Text(f"by {row['reviewed_by']}"))
        if row.get("review_note") and view.status == "proposed":
            # Sent back by a reviewer: what to fix, in their words.
            grid.add_row(Text("sent back"), Text(row["review_note"], style="bold"))
        rules = json.loads(row.get("rules") or "[]")
        if rules:
            grid.add_row(Text("rules"), Text(", ".join(rules)))
        if view.sources > 1:
            grid.add_row(Text("sources"), Text(f"{view.sources} articles"))
        if view.quote:
            grid.add_row(Text("evidence"), Text(f"“{view.quote}”", style="italic"))
        if learned:
            for label, text in suggestion_rows(v.get("sub_event_type") or "", *learned):
                grid.add_row(Text(label), text)
        self.update(Group(head, grid))


def suggestion_rows(typed: str, ranked: list, eventness: float | None) -> list[tuple[str, Text]]:
    """The model's view of an event: a suggestion where it has no type (none where the
    model doubts it is an event), else only its opinion (a type already given, by a rule or
    the analyst, is never changed); with why (the nearest definition or confirmed events)
    and the suggested type's definition."""
    from ...learn.definitions import THRESHOLD
    from ...store.odds import DOUBT

    rows: list[tuple[str, Text]] = []
    top = ranked[0] if ranked else None
    if not typed and eventness is not None and eventness < DOUBT:
        # A type for what is probably no event is noise: the suggestion is to reject it
        # (the edit form still ranks the types, should the analyst keep it).
        doubt = f"none — the model doubts this is an event ({eventness:.2f})"
        return [("suggested", Text(doubt, style="bold"))]
    if top is not None and typed and top.source == "codebook":
        # Day one the definitions are weaker than a rule or an analyst (re-typing the rules'
        # events by them lost F1): an opinion on a typed event waits for learned decisions.
        top = None
    if top is not None:
        weak = top.source == "codebook" and top.score < THRESHOLD
        name = f"{top.sub_event_type} ({top.event_type}) {top.score:.2f}"
        if not typed:
            label = Text("none above the threshold" if weak else name, style="bold")
            rows.append(("suggested", label))
        elif top.sub_event_type == typed:
            rows.append(("model", Text(f"agrees ({top.score:.2f})")))
        else:
            rows.append(("model", Text(f"would say {name}" + (" (weak)" if weak else ""))))
        if not weak or not typed:
            rows.append(("why", Text(top.why(), style="dim")))
        if not weak and top.sub_event_type != typed and top.definition:
            # The codebook's words for the type, "Not ..." included: what the analyst checks
            # the suggestion against.
            rows.append(("definition", Text(top.definition, style="dim")))
    if eventness is not None:
        doubt = " — the model doubts this is an event" if eventness < DOUBT else ""
        rows.append(("event?", Text(f"{eventness:.2f}{doubt}", style="bold" if doubt else "")))
    return rows
