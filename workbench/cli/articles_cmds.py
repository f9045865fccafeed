"""Provides `workbench articles list` and `workbench stats`."""

from __future__ import annotations

import click

from . import main
from .common import echo_json_lines, echo_table, pass_store


@main.group()
def articles() -> None:
    """List ingested articles."""


@articles.command("list")
@click.option("--status", type=click.Choice(["new", "in_review", "done", "unextracted"]),
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
    where, params = ("WHERE a.status = ?", [status]) if status else ("", [])
    if status == "unextracted":
        where, params = "WHERE a.extracted_at IS NULL AND a.content_hash NOT LIKE 'stub:%'", []
    rows = store.query(
        f"""
        SELECT a.id, a.status, a.published, a.published_source, a.file, a.title, a.outlet,
          a.skipped_chars,
          CASE WHEN a.extracted_at IS NOT NULL THEN 'yes'
               WHEN a.content_hash LIKE 'stub:%' THEN 'stub'
               WHEN a.extract_error IS NOT NULL THEN 'failed' ELSE 'no' END AS extracted,
          a.extract_error,
          (SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.status = 'proposed' AND e.coder IS NULL) AS proposed,
          (SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.status = 'confirmed' AND e.coder IS NULL) AS confirmed
        FROM articles a {where} ORDER BY a.id LIMIT ?
        """,
        [*params, limit],
    )
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
    rows = [
        ("articles", store.scalar("SELECT count(*) FROM articles")),
        ("articles done", store.scalar("SELECT count(*) FROM articles WHERE status = 'done'")),
    ]
    for status in ("proposed", "confirmed", "rejected", "merged"):
        rows.append(
            (
                f"events {status}",
                store.scalar(  # coders' blind copies are working copies, not the dataset
                    "SELECT count(*) FROM events WHERE status = ? AND coder IS NULL", [status]
                ),
            )
        )
    rows += [
        (
            "actors",
            store.scalar(
                "SELECT count(*) FROM entities WHERE kind='actor' AND merged_into IS NULL"
            ),
        ),
        (
            "places",
            store.scalar(
                "SELECT count(*) FROM entities WHERE kind='place' AND merged_into IS NULL"
            ),
        ),
        ("mentions", store.scalar("SELECT count(*) FROM mentions")),
        ("actions logged", store.scalar("SELECT count(*) FROM actions")),
    ]
    for name, value in rows:
        click.echo(f"{name:<18}{value}")
