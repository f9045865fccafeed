"""Provides `workbench export` and `workbench import-events`."""

from __future__ import annotations

import os
import sys

import click

from ..export import FORMATS, STATUS_FILTERS, export_to_file
from ..export.run import format_for
from . import main
from .common import pass_store
from .progress import progress_bar


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format; implied by the -o file name (.csv .jsonl .geojson) if left out.")  # fmt: skip
@click.option("--status", type=click.Choice(STATUS_FILTERS), default="confirmed",
              show_default=True, help="Which events to export.")  # fmt: skip
@click.option(
    "--since", metavar="DATE", help="Events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option(
    "--until", metavar="DATE", help="Events on or before DATE (YYYY-MM means to its end)."
)
@click.option("--country", metavar="NAME", help="Only events whose place is in this country.")
@click.option("-o", "--output", metavar="FILE", help="Write here (default: standard output).")
@pass_store
def export(
    store,
    fmt: str | None,
    status: str,
    since: str | None,
    until: str | None,
    country: str | None,
    output: str | None,
) -> None:
    """Export curated events as CSV (ACLED columns), JSONL, GeoJSON, or Datasette metadata.

    Only confirmed events unless --status says otherwise. A file is written under a
    temporary name and renamed when complete, so an interrupted export never leaves half a
    dataset. CSV cells that a spreadsheet would run as a formula are prefixed with '.

    \b
    Example:
      workbench export --format csv -o events.csv
      workbench export -o syria-2018.geojson --country Syria --since 2018 --until 2018
      workbench export --format jsonl --status all | jq .sources
      workbench export --format datasette-metadata -o metadata.json
    """
    to_file = output not in (None, "-")
    try:
        fmt = format_for(output, fmt) if to_file else (fmt or "")
        if not fmt:
            raise ValueError(f"choose a --format ({', '.join(FORMATS)}) when writing to stdout")
        with progress_bar("Exporting") as update:
            count = export_to_file(
                store,
                output,
                fmt,
                status=status,
                since=since,
                until=until,
                country=country,
                progress=update if to_file else None,
            )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except BrokenPipeError:
        # The reader went away (`| head`): normal for a pipe. Silence the final flush too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    if to_file:
        what = "tables described" if fmt == "datasette-metadata" else f"{status} events"
        if fmt == "geojson":
            what += " with coordinates"
        click.echo(f"wrote {count} {what} to {output} ({fmt})")
        if count == 0 and status == "confirmed" and fmt != "datasette-metadata":
            click.echo("nothing is confirmed yet: --status all exports proposals too", err=True)


@main.command("import-events")
@click.argument("file", metavar="FILE.jsonl")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; change nothing.")
@pass_store
def import_events_cmd(store, file: str, dry_run: bool) -> None:
    """Load another analyst's JSONL export into this database.

    Articles are matched by content hash, then url, then file name and title; one that is
    missing gets a stub (its metadata, no text). Actors and places are matched by name or
    alias, and created when unknown. An event already here (same quote span in the same
    article, or the same date, type, actors, place and fatalities) is not duplicated: its
    missing sources are added, and an untouched machine proposal takes the imported
    curation. Statuses, confirmations and sources are kept. The whole import is one action:
    `workbench undo` takes it back.

    \b
    Example:
      workbench import-events colleague.jsonl --dry-run
      workbench import-events colleague.jsonl
    """
    from ..export.importer import import_file

    try:
        report = import_file(store, file, dry_run=dry_run)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from exc
    click.echo(report.summary(dry_run=dry_run))
