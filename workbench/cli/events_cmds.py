"""Provides `workbench events ...`: list, add, update, confirm, reject, merge, check."""

from __future__ import annotations

import click

from ..export import iter_records
from ..store import ConflictError, StoreError
from ..store.checks import broken, confirmed_count, load_rules
from ..store.events import add_event, merge_events, set_status, update_event
from ..store.queries import article_published, article_text, source_count
from ..store.record import EDITABLE
from . import main
from .common import echo_json_lines, echo_table, pass_store


@main.group()
def events() -> None:
    """List and curate events."""


@events.command("list")
@click.option(
    "--status",
    type=click.Choice(["proposed", "confirmed", "rejected", "all"]),
    default="all",
    show_default=True,
)
@click.option(
    "--article", "article_id", type=int, help="Only events with a source in this article."
)
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), help="Only events scored at least this."
)
@click.option(
    "--max-confidence", type=click.FloatRange(0, 1), help="Only events scored at most this."
)
@click.option(
    "--sort",
    type=click.Choice(["id", "confidence"]),
    default="id",
    show_default=True,
    help="confidence: the likeliest proposals first.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@pass_store
def list_events(
    store,
    status: str,
    article_id: int | None,
    min_confidence: float | None,
    max_confidence: float | None,
    sort: str,
    fmt: str,
) -> None:
    """List events (merged-away events are not shown).

    \b
    Example:
      workbench events list --status proposed --article 3 --format jsonl
      workbench events list --status proposed --sort confidence --max-confidence 0.5
    """
    low = 0.0 if min_confidence is None else min_confidence
    high = 1.0 if max_confidence is None else max_confidence
    records = [
        r
        for r in iter_records(store, status=status, article_id=article_id)
        if low <= (r["confidence"] or 0) <= high
    ]
    if sort == "confidence":
        records.sort(key=lambda r: -(r["confidence"] or 0))
    if fmt == "jsonl":
        echo_json_lines(records)
        return
    rows = [
        {
            **r,
            "sources": len(r["sources"]),
            "quote": (r["sources"][0]["quote"][:60] if r["sources"] else ""),
        }
        for r in records
    ]
    echo_table(
        rows,
        [
            "event_id",
            "status",
            "event_date",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "fatalities",
            "confidence",
            "sources",
            "quote",
        ],
    )


def _parse_sets(pairs: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"{pair!r} is not field=value", param_hint="--set")
        field, value = pair.split("=", 1)
        values[field.strip()] = value
    return values


def _date_phrase(values: dict[str, str], store, article_id: int | None) -> None:
    """Let event_date take what the edit form takes: YYYY-MM as a month, a day of the
    month, the phrases the extractor reads ("Feb. 3", "last Tuesday")."""
    raw = values.get("event_date")
    if not raw or len(raw) == 10 and raw[4] == "-":
        return  # an ISO date (or none): checked as it is, like every field
    from ..tui.date_input import read_date  # here: only when something else is given

    published = article_published(store, article_id) if article_id else None
    iso, precision = read_date(raw, published)
    values["event_date"] = iso or ""
    if precision:
        values.setdefault("date_precision", precision)


@events.command("update")
@click.argument("event_id", type=int)
@click.option("--set", "sets", multiple=True, required=True, metavar="FIELD=VALUE",
              help=f"Field to change (repeatable): {', '.join(EDITABLE)}.")  # fmt: skip
@click.option(
    "--expect-version", type=int, help="Refuse if the event is no longer at this version."
)
@pass_store
def update(store, event_id: int, sets: tuple[str, ...], expect_version: int | None) -> None:
    """Change fields of an event. Names create entities when new; lists use "; ".

    \b
    Example:
      workbench events update 12 --set actor1="Military Forces of Russia" --set fatalities=6
    """
    values = _parse_sets(sets)
    try:
        current = store.row("events", event_id)
        _date_phrase(values, store, current["article_id"] if current else None)
        row = update_event(store, event_id, values, expected_version=expect_version)
    except (ValueError, ConflictError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"event {event_id} updated (version {row['version']})")


@events.command("add")
@click.option("--article", "article_id", type=int, help="The article reporting it.")
@click.option("--quote", default="", help="The evidence sentence.")
@click.option(
    "--set", "sets", multiple=True, metavar="FIELD=VALUE", help="Field value (repeatable)."
)
@click.option("--confirm", is_flag=True, help="Add it as confirmed.")
@pass_store
def add(store, article_id: int | None, quote: str, sets: tuple[str, ...], confirm: bool) -> None:
    """Add an event by hand.

    \b
    Example:
      workbench events add --article 1 --quote "..." --set event_date=2018-02-04 \\
        --set sub_event_type="Air/drone strike" --set actor1=Russia --set location="Kafr Nabl"
    """
    values = _parse_sets(sets)
    start = end = None
    if article_id is not None and quote:
        text = article_text(store, article_id)
        found = text.find(quote)
        if found >= 0:
            start, end = found, found + len(quote)
    try:
        _date_phrase(values, store, article_id)
        event_id = add_event(
            store, article_id, values, quote=quote, start=start, end=end,
            status="confirmed" if confirm else "proposed",
        )  # fmt: skip
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"added event {event_id}")


def _status_command(name: str, status: str, doc: str) -> None:
    @events.command(name, help=doc)
    @click.argument("event_ids", nargs=-1, type=int, required=True)
    @click.option(
        "--expect-version", type=int, help="Refuse if the event is no longer at this version."
    )
    @pass_store
    def command(store, event_ids: tuple[int, ...], expect_version: int | None) -> None:
        failed = False
        for event_id in event_ids:
            try:
                set_status(store, event_id, status, expected_version=expect_version)
                click.echo(f"event {event_id} {status}")
            except (ValueError, ConflictError, LookupError) as exc:
                click.echo(f"error: {exc}", err=True)
                failed = True
            except Exception as exc:  # StoreError: no such event
                click.echo(f"error: {exc}", err=True)
                failed = True
        if failed:
            raise SystemExit(1)


_status_command(
    "confirm",
    "confirmed",
    "Confirm events (each is its own undoable action).\n\n\b\nExample:\n  workbench events confirm 12 13",
)
_status_command(
    "reject",
    "rejected",
    "Reject events (each is its own undoable action).\n\n\b\nExample:\n  workbench events reject 14",
)
_status_command(
    "reopen",
    "proposed",
    "Put events back to proposed.\n\n\b\nExample:\n  workbench events reopen 14",
)


@events.command("merge")
@click.argument("event_ids", nargs=-1, type=int, required=True)
@click.option("--into", "keep", type=int, help="The event to keep (default: the first given).")
@pass_store
def merge(store, event_ids: tuple[int, ...], keep: int | None) -> None:
    """Merge events reporting one incident: sources join the kept event, the others are
    kept as 'merged' (one undoable action).

    \b
    Example:
      workbench events merge 4 9 --into 4
    """
    keep = keep if keep is not None else event_ids[0]
    try:
        merge_events(store, keep, [e for e in event_ids if e != keep])
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    n = source_count(store, keep)
    click.echo(f"merged {len(event_ids) - 1} event(s) into event {keep} ({n} source(s))")


@events.command("check")
@pass_store
def check(store) -> None:
    """List every confirmed event that breaks a confirm rule (exit 1 if any does).

    Rules are ACLED's required fields unless `workbench.toml` beside the database says
    otherwise (see the README); confirming refuses an event that breaks one, so this finds
    data confirmed before a rule existed.

    \b
    Example:
      workbench events check --db work.db
    """
    try:
        rules = load_rules(store)
        found = broken(store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    for event_id, problems in found:
        click.echo(f"event {event_id}: {'; '.join(problems)}")
    total = confirmed_count(store)
    click.echo(
        f"{len(found)} of {total} confirmed event(s) break a rule ({rules.source})",
        err=bool(found),
    )
    if found:
        raise SystemExit(1)
