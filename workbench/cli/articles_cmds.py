"""Provides `workbench articles list` and `workbench stats`."""

from __future__ import annotations

import click

from ..store.history import action_count
from ..store.queries import (
    ARTICLE_STATUSES,
    EVENT_STATUSES,
    ArticleQuery,
    article_rows,
    mention_count,
    progress,
)
from . import main
from .common import echo_json_lines, echo_table, pass_store


@main.group()
def articles() -> None:
    """List ingested articles."""


@articles.command("list")
@click.option("--status", type=click.Choice([*ARTICLE_STATUSES, "unextracted"]),
              help="Only this status (unextracted: never extracted, or extraction failed).")  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@click.option("--limit", type=int, default=1000, show_default=True)
@pass_store
def list_articles(store, status: str | None, fmt: str, limit: int) -> None:
    """List articles with their event counts.

    \b
    Example:
      workbench articles list --status new
    """
    rows = article_rows(store, ArticleQuery(status=status), limit=limit)
    if fmt == "jsonl":
        echo_json_lines(rows)
    else:
        echo_table(
            rows,
            ["id", "status", "extracted", "published", "proposed", "confirmed", "skipped_chars",
             "file", "title", "outlet", *(["extract_error"] if status == "unextracted" else [])],
        )  # fmt: skip


@main.command()
@pass_store
def stats(store) -> None:
    """Counts of articles, events by status, entities, mentions and logged actions.

    \b
    Example:
      workbench stats
    """
    totals = progress(store)  # coders' blind copies are working copies, not the dataset
    rows = [("articles", totals.articles), ("articles done", totals.articles_done)]
    rows += [(f"events {status}", totals.events[status]) for status in EVENT_STATUSES]
    from ..resolve.catalog import count_entities  # here: `resolve` loads rapidfuzz

    rows += [
        ("actors", count_entities(store, "actor")),
        ("places", count_entities(store, "place")),
        ("mentions", mention_count(store)),
        ("actions logged", action_count(store)),
    ]
    for name, value in rows:
        click.echo(f"{name:<18}{value}")
