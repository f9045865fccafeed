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
        from . import tui_cmds

        ctx.invoke(tui_cmds.open_cmd)


# Each module adds its commands to `main` when imported (they need `main` defined). Only the
# module of the command run is imported (`Commands.get_command`): `workbench ingest` has no
# use for the extractor, the name clusterer or the learned model, whose imports were two
# thirds of its start-up. `--help` imports them all.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "agree": ("agree_cmds",),
    "articles": ("articles_cmds",),
    "stats": ("articles_cmds",),
    "check": ("check_cmds",),
    "db": ("db_cmds",),
    "events": ("events_cmds", "duplicates_cmds"),  # duplicates adds to the events group
    "export": ("export_cmds",),
    "import-events": ("export_cmds",),
    "extract": ("extract_cmds",),
    "eval": ("extract_cmds",),
    "ingest": ("ingest_cmds",),
    "log": ("log_cmds",),
    "undo": ("log_cmds",),
    "redo": ("log_cmds",),
    "model": ("model_cmds",),
    "names": ("names_cmds",),
    "review": ("review_cmds",),
    "assign": ("team_cmds",),
    "team": ("team_cmds",),
    "open": ("tui_cmds",),
    "demo": ("tui_cmds",),
    "serve": ("tui_cmds",),
}
main.command_modules = COMMAND_MODULES
