"""Provides `workbench review`: the review tier over confirmed events."""

from __future__ import annotations

import click

from ..store.review import pending_review, review_event, send_back
from . import main
from .common import echo_table, pass_store


@main.command()
@click.argument("event_ids", nargs=-1, type=int)
@click.option("--send-back", "note", metavar="COMMENT",
              help="Send the events back to their coder with this comment.")  # fmt: skip
@pass_store
def review(store, event_ids: tuple[int, ...], note: str | None) -> None:
    """Mark confirmed events reviewed (reviewers and admins), or send them back to their
    coder with a comment; with no ids, list the confirmed events waiting for review.

    \b
    Example:
      workbench --analyst rui review
      workbench --analyst rui review 12 13
      workbench --analyst rui review 14 --send-back "actor1 is the police, not the army"
    """
    if not event_ids:
        rows = pending_review(store)
        echo_table(rows, ["id", "article_id", "event_date", "sub_event_type", "confirmed_by",
                          "confirmed_at"])  # fmt: skip
        click.echo(f"{len(rows)} confirmed event(s) waiting for review", err=True)
        return
    for event_id in event_ids:
        try:
            if note is not None:
                send_back(store, event_id, note)
                click.echo(f"event {event_id}: sent back")
            else:
                review_event(store, event_id)
                click.echo(f"event {event_id}: reviewed")
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
