"""Provides `workbench extract` and `workbench eval`."""

from __future__ import annotations

import sys

import click

from ..base.budget import DEFAULT_SECONDS
from ..base.untrusted import json_text
from ..store import StoreError
from . import main
from .common import db_options, open_store, pass_store
from .progress import progress_bar


@main.command("extract")
@click.option("--article", "articles", type=int, multiple=True, metavar="ID",
              help="Extract this article (repeatable).")  # fmt: skip
@click.option("--all", "everything", is_flag=True,
              help="Every article not extracted yet (with --rerun: every article).")  # fmt: skip
@click.option("--rerun", is_flag=True,
              help="Extract again; confirmed, rejected and edited work is kept.")  # fmt: skip
@click.option("--dictionary", "dictionaries", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False),
              help="Extra dictionary folder (actors.csv, places.csv ...; repeatable).")  # fmt: skip
@click.option("--workers", type=int, metavar="N",
              help="Processes to extract with (default: all cores for big batches).")  # fmt: skip
@click.option("--time-limit", type=float, default=DEFAULT_SECONDS, show_default=True,
              metavar="SECONDS", help="Stop extracting one article after this long (0: never).")  # fmt: skip
@pass_store
def extract_cmd(store, articles, everything, rerun, dictionaries, workers, time_limit) -> None:
    """Find actors, places, dates, weapons and casualty figures, and propose events.

    Proposals never overwrite an analyst's work: on --rerun, events that were confirmed,
    rejected or edited, and edited mentions, stay as they are.

    \b
    Example:
      workbench extract --all
      workbench extract --article 12 --rerun --dictionary ~/my-dictionaries
    """
    from ..extract.run import extract_articles

    if not articles and not everything:
        raise click.UsageError("give --article ID or --all")
    ids = list(articles) if articles else None
    try:
        with progress_bar("Extracting") as update:
            summary = extract_articles(
                store, ids, rerun=rerun, workers=workers, progress=update,
                dictionary_dirs=tuple(dictionaries), time_limit=time_limit,
            )  # fmt: skip
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in summary.get("failed", ()):
        click.echo(f"error: {failure} (left unextracted)", err=True)
    click.echo(
        f"extracted {summary['articles']} article(s): {summary['mentions']} mentions, "
        f"{summary['events']} events proposed, {summary['linked']} added as sources to events "
        f"of other articles, {summary['kept']} analyst events kept, "
        f"{summary['entities']} new entities ({summary['seconds']:.1f}s)"
    )
    if summary.get("failed"):
        sys.exit(1)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold events, JSONL (see the gold README for the fields).")  # fmt: skip
@click.option("--events", "events_file", type=click.Path(exists=True, dir_okay=False),
              help="Score this export (workbench export --status all --format jsonl) "
                   "instead of the database.")  # fmt: skip
@click.option("--min-recall", type=float, metavar="X",
              help="Exit 1 if recall on required gold events is below X.")  # fmt: skip
@click.option("--min-precision", type=float, metavar="Y",
              help="Exit 1 if precision is below Y.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
@db_options
def eval_cmd(gold, events_file, min_recall, min_precision, fmt) -> None:
    """Score the proposed events against gold events: precision, recall, per-field accuracy.

    \b
    Example:
      workbench eval --gold ../shared/gold/seeds.gold.jsonl --min-recall 0.8 --min-precision 0.6
      workbench export --status all --format jsonl -o events.jsonl
      workbench eval --gold seeds.gold.jsonl --events events.jsonl --format json
    """
    from ..evaluate import evaluate, format_text, load_jsonl, records_from_store

    try:
        gold_events = load_jsonl(gold)
        if events_file:
            records = load_jsonl(events_file)
        else:
            store = open_store()
            try:
                records = records_from_store(store)
            finally:
                store.close()
    except (ValueError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    result = evaluate(gold_events, records)
    click.echo(json_text(result, indent=2) if fmt == "json" else format_text(result))
    failed = []
    if min_recall is not None and (result["recall_required"] or 0) < min_recall:
        failed.append(f"recall on required events {result['recall_required']} < {min_recall}")
    if min_precision is not None and (result["precision"] or 0) < min_precision:
        failed.append(f"precision {result['precision']} < {min_precision}")
    if failed:
        click.echo("below target: " + "; ".join(failed), err=True)
        sys.exit(1)
