"""Provides `workbench log`, `undo` and `redo`."""

from __future__ import annotations

import json

import click

from ..store import ConflictError, log, redo, undo
from ..store.readable import describe, describe_action
from . import main
from .common import echo_json_lines, pass_store


@main.command("log")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option(
    "--target", metavar="TABLE:ID", help="Only actions touching this row, e.g. events:12."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True
)
@pass_store
def show_log(store, limit: int, target: str | None, fmt: str) -> None:
    """Show the action log, newest first: who, when, what, before and after.

    \b
    Example:
      workbench log --target events:12
    """
    rows = log(store, limit=limit, target=target)
    if fmt == "jsonl":
        echo_json_lines(
            {**r, "before": json.loads(r["before"]), "after": json.loads(r["after"])} for r in rows
        )
        return
    for r in rows:
        ref = f" (of action {r['ref']})" if r["ref"] else ""
        click.echo(
            f"{r['id']:>6}  {r['ts']}  {r['analyst']:<12} {r['action']}{ref}  {describe(store, r)}"
        )


def _replay(store, fn, verb: str) -> None:
    try:
        result = fn(store)
    except ConflictError as exc:
        raise click.ClickException(str(exc)) from exc
    if result is None:
        click.echo(f"nothing to {verb} for {store.analyst}")
        return
    said = describe_action(store, result.action_id)
    click.echo(f"{verb}: {result.action} (action {result.ref}): {said}")


@main.command("undo")
@pass_store
def undo_cmd(store) -> None:
    """Undo your latest action (works across restarts).

    \b
    Example:
      workbench undo
    """
    _replay(store, undo, "undo")


@main.command("redo")
@pass_store
def redo_cmd(store) -> None:
    """Redo your latest undone action.

    \b
    Example:
      workbench redo
    """
    _replay(store, redo, "redo")
