"""Provides `workbench team add|list` and `workbench assign`: who codes what."""

from __future__ import annotations

import click

from ..base.untrusted import json_text
from ..store.assign import ArticleFilter, assign_articles, select_articles
from ..store.queries import ARTICLE_STATUSES
from ..store.team import ROLES, analysts, set_analyst
from . import main
from .common import echo_table, pass_store


@main.group()
def team() -> None:
    """The analysts of this database and their roles (coder, reviewer, admin)."""


@team.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="coder", show_default=True)
@pass_store
def team_add(store, name: str, role: str) -> None:
    """Add an analyst, or change their role (admins only; the first one names an admin).

    \b
    Example:
      workbench --analyst lead team add lead --role admin
      workbench --analyst lead team add ana
      workbench --analyst lead team add rui --role reviewer
    """
    try:
        row = set_analyst(store, name, role)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(f"{row['name']}: {row['role']}")


@team.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@pass_store
def team_list(store, fmt: str) -> None:
    """List the analysts with their roles and assigned / done article counts.

    \b
    Example:
      workbench team list
    """
    rows = analysts(store)
    if fmt == "json":
        click.echo(json_text(rows, indent=2))
    else:
        echo_table(rows, ["name", "role", "assigned", "done", "created_at"])


@main.command()
@click.argument("article_ids", nargs=-1, type=int)
@click.option("--to", "to", required=True, metavar="A,B,...", help="Analysts, round robin.")
@click.option(
    "--double",
    type=float,
    default=0.0,
    show_default=True,
    help="Share of the articles also given to a second coder, blind (0.2 = 20 %).",
)
@click.option("--country", help="Articles naming a place in this country.")
@click.option("--outlet", help="Articles of this outlet.")
@click.option("--since", metavar="DATE", help="Published on or after DATE.")
@click.option("--until", metavar="DATE", help="Published on or before DATE.")
@click.option("--status", type=click.Choice(ARTICLE_STATUSES), help="Articles in this status.")
@click.option("--seed", type=int, help="Seed of the random double-coded draw (repeatable).")
@click.option("--dry-run", is_flag=True, help="Only count the articles that would be assigned.")
@pass_store
def assign(store, article_ids, to, double, country, outlet, since, until, status, seed,
           dry_run) -> None:  # fmt: skip
    """Give articles to analysts (admins only): the listed ids, or every article matching
    the filters, round robin; `--double` gives a random share to a second coder as well,
    each coding their own blind copy. Articles assigned already are skipped. One undo.

    \b
    Example:
      workbench assign --to ana,ben --double 0.2 --country Syria
      workbench assign 12 13 14 --to ana
    """
    which = ArticleFilter(
        ids=tuple(article_ids), country=country, outlet=outlet, since=since, until=until,
        status=status,
    )  # fmt: skip
    ids = select_articles(store, which)
    if dry_run:
        click.echo(f"{len(ids)} article(s) match")
        return
    try:
        result = assign_articles(store, ids, to.split(","), double=double, seed=seed)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    per = ", ".join(f"{name} {n}" for name, n in result["per_analyst"].items())
    click.echo(
        f"assigned {result['assigned']} article(s), {result['double']} double-coded; "
        f"skipped {result['skipped']} already assigned; {per}"
    )
