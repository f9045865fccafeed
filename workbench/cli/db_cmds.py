"""Provides `workbench db copy`: a whole database into a new one, SQLite or PostgreSQL."""

from __future__ import annotations

import click

from ..store import Store, StoreError
from ..store.copy import copy_database
from . import main


@main.group("db")
def db_group() -> None:
    """Whole-database operations."""


@db_group.command("copy")
@click.argument("src", metavar="SRC")
@click.argument("dst", metavar="DST")
def copy_cmd(src: str, dst: str) -> None:
    """Copy every article, entity, event, source and logged action (undo state included)
    from SRC into DST, which must be new or empty. Each is a SQLite file or a
    postgresql://user@host/db URL.

    \b
    Example (a team moves its file to a server, and keeps an offline copy):
      workbench db copy work.db postgresql://ann@db.example/workbench
      workbench db copy postgresql://ann@db.example/workbench archive.db
    """
    try:
        with Store(src) as source, Store(dst) as target:
            counts = copy_database(source, target)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    summary = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
    click.echo(f"copied {summary or 'nothing (the source is empty)'}")
