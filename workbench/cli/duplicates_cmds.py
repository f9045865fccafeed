"""Provides `workbench events duplicates` and `workbench events distinct`: cross-article
duplicate events, a thin layer over `workbench.resolve.duplicates`.
"""

from __future__ import annotations

import click

from ..base.untrusted import json_text
from ..resolve import duplicate_candidates, mark_distinct
from .common import echo_table, pass_store
from .events_cmds import events

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


def _json(data) -> None:
    click.echo(json_text(data, indent=2))


@events.command("duplicates")
@click.option("--limit", type=int, help="At most this many pairs.")
@FORMAT
@pass_store
def duplicates_cmd(store, limit: int | None, fmt: str) -> None:
    """Cross-article duplicate event candidates (same sub-event type, dates within their
    precision, same place or a shared actor); pairs marked distinct are not shown.

    \b
    Example:
      workbench events duplicates --format json
    """
    pairs = duplicate_candidates(store, limit)
    if fmt == "json":
        _json([p.to_json() for p in pairs])
        return
    rows = []
    for p in pairs:
        for side, ev in (("a", p.a), ("b", p.b)):
            rows.append({"pair": f"{p.a['event_id']}/{p.b['event_id']}", "side": side,
                         "score": p.score, **ev, "why": "; ".join(p.reasons)})  # fmt: skip
    echo_table(rows, ["pair", "score", "event_id", "event_date", "sub_event_type", "actor1",
                      "actor2", "location", "title", "quote", "why"])  # fmt: skip


@events.command("distinct")
@click.argument("event_a", type=int)
@click.argument("event_b", type=int)
@pass_store
def distinct_cmd(store, event_a: int, event_b: int) -> None:
    """Remember that two events are different events (no longer shown as duplicates).

    \b
    Example:
      workbench events distinct 12 40
    """
    try:
        added = mark_distinct(store, event_a, event_b)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo("remembered as distinct" if added else "already remembered as distinct")
