"""Provides `workbench agree`: agreement of blind double coders."""

from __future__ import annotations

import click

from ..agreement import agreement, format_table
from ..base.untrusted import json_text
from . import main
from .common import pass_store


@main.command()
@click.option("--analysts", metavar="A,B", help="Only this pair of coders.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@pass_store
def agree(store, analysts: str | None, fmt: str) -> None:
    """Agreement over the double-coded articles both coders marked done: events paired by
    the rule of `workbench eval` (F1 of one coder against the other), Krippendorff's alpha
    per field on the pairs, Cohen's kappa on event / no event per article, and every
    disagreement. Figures backed by fewer than 30 items carry a warning.

    \b
    Example:
      workbench agree
      workbench agree --analysts ana,ben --format json
    """
    pair = None
    if analysts:
        names = [n.strip() for n in analysts.split(",") if n.strip()]
        if len(names) != 2:
            raise click.BadParameter("give two analysts, e.g. ana,ben", param_hint="--analysts")
        pair = (names[0], names[1])
    results = agreement(store, pair)
    if fmt == "json":
        click.echo(json_text(results, indent=2))
    else:
        click.echo(format_table(results))
