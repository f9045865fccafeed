"""Provides `workbench check`: is the database file sound?"""

from __future__ import annotations

import sys

import click

from . import main
from .common import pass_store


@main.command("check")
@pass_store
def check_cmd(store) -> None:
    """Check the database: on a file SQLite's integrity check, foreign keys, text that is
    not UTF-8 (exit status 1 if anything is wrong; about a minute per GB); on a server,
    text holding control characters (the server keeps the rest itself).

    \b
    Example:
      workbench --db work.db check
    """
    from ..store.integrity import check_database

    report = check_database(store)
    name = store.sql.describe(store.path)  # a server's URL without its password
    for problem in report.problems:
        click.echo(f"error: {problem}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if not report.ok:
        click.echo(
            f"{name}: damaged ({len(report.problems)} problem(s)); restore it from a "
            f"backup or rebuild it from an export (`workbench import-events`)",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{name}: ok")
