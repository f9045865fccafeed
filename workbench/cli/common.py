"""Provides what every command shares: `--db`/`--analyst` options, store opening, errors.

`--db` is accepted both before the command (`workbench --db x.db events list`) and after it
(`workbench events list --db x.db`), since analysts type it in either place.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from ..base.untrusted import json_text, one_line
from ..store import Store, StoreError
from ..store.backends import database_errors, explain_error
from .terminal import raw


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value is not None:
            ctx.ensure_object(dict)
            root = ctx.find_root()
            root.ensure_object(dict)
            root.obj[key] = value

    return callback


def db_options(func: Callable) -> Callable:
    """Add --db and --analyst to a subcommand (they override the group's)."""
    func = click.option(
        "--db",
        "_db",
        metavar="PATH",
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember("db_path"),
        help="SQLite file or postgresql://user@host/db URL (env WORKBENCH_DB; default ./workbench.db).",
    )(func)
    func = click.option(
        "--analyst",
        "_analyst",
        metavar="NAME",
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember("analyst"),
        help="Name recorded in the action log (env WORKBENCH_ANALYST).",
    )(func)
    return func


def open_store(ctx: click.Context | None = None) -> Store:
    ctx = ctx or click.get_current_context()
    obj = ctx.find_root().obj or {}
    try:
        return Store(obj.get("db_path"), analyst=obj.get("analyst"))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def pass_store(func: Callable) -> Callable:
    """Open the store for the command (first argument), close it after; errors become one line."""

    @db_options
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        store = open_store()
        try:
            return func(store, *args, **kwargs)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        except database_errors() as exc:  # a read: undecodable text, a damaged file, the
            # server gone mid-command (the message never shows a server password)
            raise click.ClickException(explain_error(exc, store.path)) from exc
        finally:
            store.close()

    return wrapper


def echo_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json_text(row))


def echo_table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    """A Rich table on a terminal; tab-separated text otherwise (pipes, tests)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not sys.stdout.isatty():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(_cell(row.get(c)) for c in columns))
        return
    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for row in rows:
        # Text(), not str: cells come from articles and must never be read as markup; and
        # made visible, since Rich draws through the raw stream (its styles are escapes).
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    Console(file=raw(sys.stdout)).print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json_text(value)
    return one_line(value)
