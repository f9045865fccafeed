"""Provides `workbench ingest`."""

from __future__ import annotations

import sys

import click

from ..base.budget import DEFAULT_SECONDS
from ..ingest import ingest_paths
from . import main
from .common import pass_store
from .progress import progress_bar


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--manifest", metavar="CSV", help="CSV with columns file,title,outlet,published,url.")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Run extraction on the new articles (and on any an earlier, interrupted "
                   "run left unextracted).")  # fmt: skip
@click.option("--time-limit", type=float, default=DEFAULT_SECONDS, show_default=True,
              metavar="SECONDS", help="Stop extracting one article after this long (0: never).")  # fmt: skip
@pass_store
def ingest(
    store, paths: tuple[str, ...], manifest: str | None, extract: bool, time_limit: float
) -> None:
    """Ingest articles: .txt .md .html files, .jsonl/.csv records, or directories of them.

    Ingest is idempotent: an article already in the database (same content) is skipped.
    A bad file gets one error line and the rest of the batch goes on; the exit status is
    1 when anything failed. Articles an interrupted ingest left unextracted are extracted
    too, and said so.

    \b
    Example:
      workbench ingest seeds/ --manifest seeds/manifest.csv
      workbench ingest feed.jsonl more/articles/
    """
    try:
        with progress_bar("Ingesting") as update:
            report = ingest_paths(store, list(paths), manifest=manifest, progress=update)
    except ValueError as exc:  # an unreadable manifest: nothing was ingested
        raise click.ClickException(str(exc)) from exc
    for problem in report.problems:
        click.echo(f"error: {problem}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    extracted, failed = "", []
    if extract:
        from ..extract.run import extract_articles, unextracted

        # Articles an interrupted run left behind are finished too (not those that failed:
        # they would fail again; `workbench extract --all` retries them).
        pending, earlier_failed = unextracted(store)
        new = set(report.added)
        leftover = [i for i in pending if i not in new]
        if leftover:
            click.echo(
                f"note: {len(leftover)} article(s) ingested earlier were never extracted "
                f"(an interrupted run, or --no-extract): extracting them now",
                err=True,
            )
        if earlier_failed:
            click.echo(
                f"note: {earlier_failed} article(s) failed extraction earlier and stay "
                f"unextracted (`workbench articles list --status unextracted`; "
                f"`workbench extract --all` tries again)",
                err=True,
            )
        todo = sorted(new | set(leftover))
        if todo:
            with progress_bar("Extracting") as update:
                summary = extract_articles(store, todo, progress=update, time_limit=time_limit)
            extracted = f"; proposed {summary.get('events', 0)} events"
            if leftover:
                extracted += f" (with {len(leftover)} earlier article(s) finished)"
            failed = summary.get("failed", [])
            for failure in failed:
                click.echo(f"error: {failure} (left unextracted)", err=True)
    click.echo(
        f"ingested {len(report.added)} new article(s), {report.duplicates} already present"
        f"{extracted}; {len(report.problems) + len(failed)} error(s)"
    )
    if report.problems or failed:
        sys.exit(1)
