"""Provides the `workbench` command line: a thin layer over the library.

Each command parses its options, opens the store, calls one library function and prints.
Commands live in small modules grouped by area and are registered at the bottom.
"""

from __future__ import annotations

import click

from .terminal import Commands, guard_output


@click.group(
    cls=Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db_path",
    envvar="WORKBENCH_DB",
    default="workbench.db",
    show_default=True,
    metavar="PATH",
    help="SQLite file, or a PostgreSQL server as postgresql://user@host/db (env WORKBENCH_DB).",
)
@click.option(
    "--analyst",
    envvar="WORKBENCH_ANALYST",
    default=None,
    metavar="NAME",
    help="Name recorded in the action log (env WORKBENCH_ANALYST; default: login name).",
)
@click.version_option(package_name="workbench")
@click.pass_context
def main(ctx: click.Context, db_path: str, analyst: str | None) -> None:
    """Curate conflict events from news articles, in the terminal.

    \b
    Example:
      workbench --db work.db ingest seeds/ --manifest seeds/manifest.csv
      workbench --db work.db open
    """
    if ctx.invoked_subcommand not in (None, "open", "serve"):
        # Every line printed shows control characters instead of sending them (a dirty
        # database, a hostile file name). The TUI draws its screen itself.
        guard_output()
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    ctx.obj["analyst"] = analyst
    if ctx.invoked_subcommand is None:
        ctx.invoke(tui_cmds.open_cmd)


# Each module adds its commands to `main` when imported (imports at the bottom: they need
# `main` defined).
from . import (  # noqa: E402, F401
    agree_cmds,
    articles_cmds,
    check_cmds,
    db_cmds,
    duplicates_cmds,
    events_cmds,
    export_cmds,
    extract_cmds,
    ingest_cmds,
    log_cmds,
    model_cmds,
    names_cmds,
    review_cmds,
    team_cmds,
    tui_cmds,
)
