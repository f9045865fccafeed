"""Provides `workbench open`, `workbench demo` and `workbench serve`: the terminal UI.

Textual is imported only inside the commands, so the rest of the CLI stays light. The
keymap is checked before the terminal is taken over: a bad keymap file is a one-line error
and the app does not start.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from ..store import Store, StoreError
from ..store.backends import describe, is_postgres
from ..store.history import action_count
from ..store.queries import article_files, progress
from . import main
from .common import db_options


def ui_options(func):
    func = click.option(
        "--no-animations",
        is_flag=True,
        help="Turn animations off (automatic when SSH_CONNECTION is set).",
    )(func)
    func = click.option(
        "--preset",
        metavar="NAME",
        default=None,
        help="Key preset from keybindings/ (default, vim).",
    )(func)
    func = click.option(
        "--keymap",
        "keymap_file",
        metavar="FILE",
        type=click.Path(dir_okay=False),
        default=None,
        help="TOML file of binding id = keys, applied over the user's keys.toml.",
    )(func)
    return db_options(func)


def _settings() -> tuple[str, str | None]:
    obj = click.get_current_context().find_root().obj or {}
    return obj.get("db_path") or "workbench.db", obj.get("analyst")


def run_app(db_path: str, analyst, preset, keymap_file, no_animations) -> None:
    from ..tui import KeymapError, build_app

    try:
        app = build_app(
            db_path,
            analyst=analyst,
            preset=preset,
            keymap_file=keymap_file,
            animations=False if no_animations else None,
        )
    except (KeymapError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        app.run()
    finally:
        app.gateway.close()


@main.command("open")
@ui_options
def open_cmd(preset, keymap_file, no_animations) -> None:
    """Open the review workbench on a database.

    \b
    Example:
      workbench open --db work.db
      workbench open --db work.db --preset vim --keymap my-keys.toml
    """
    db_path, analyst = _settings()
    run_app(db_path, analyst, preset, keymap_file, no_animations)


def _is_demo_db(path: Path, seed_names: set[str]) -> bool:
    """True when the file holds nothing but seed articles (safe to rebuild)."""
    try:
        with Store(str(path)) as store:
            files = article_files(store)
    except StoreError:
        return False
    return files <= seed_names


@main.command("demo")
@ui_options
@click.option("--no-open", is_flag=True, help="Build the demo database but do not open it.")
@click.option("--fresh", is_flag=True, help="Rebuild it even if it holds your earlier decisions.")
def demo_cmd(preset, keymap_file, no_animations, no_open, fresh) -> None:
    """Build a fresh database from the seed articles (ingest + extract) and open it.

    Without --db it writes ./demo.db. An existing file is replaced only if it holds nothing
    but the seed articles; if you already curated in it, it is reopened as it is (your
    decisions are never thrown away) unless you pass --fresh.

    \b
    Example:
      workbench demo --db demo.db
    """
    from ..seeds import ingest_seeds, seed_files

    ctx = click.get_current_context()
    db_path, analyst = _settings()
    root = ctx.find_root()
    source = root.get_parameter_source("db_path")
    if db_path == "workbench.db" and source is click.core.ParameterSource.DEFAULT:
        db_path = "demo.db"
    if is_postgres(db_path):  # named without its password
        raise click.ClickException(
            f"{describe(db_path)}: the demo builds a SQLite file; to try a server, run "
            f"`workbench demo --db demo.db --no-open`, then `workbench db copy demo.db URL`"
        )
    path = Path(db_path)
    if path.exists():
        if not _is_demo_db(path, {f.name for f in seed_files()}):
            raise click.ClickException(
                f"{path} holds more than the seed articles; choose another --db for the demo"
            )
        if not fresh and _analyst_actions(path):
            click.echo(
                f"{path} holds your earlier decisions: reopening it (--fresh rebuilds)", err=True
            )
            if not no_open:
                run_app(str(path), analyst, preset, keymap_file, no_animations)
            return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Store(str(path), analyst=analyst) as store:
        report = ingest_seeds(store)
        events = progress(store).proposed
    click.echo(f"{path}: {len(report.added)} articles, {events} proposed events", err=True)
    if not no_open:
        run_app(str(path), analyst, preset, keymap_file, no_animations)


def _analyst_actions(path: Path) -> int:
    with Store(str(path)) as store:
        return action_count(store, by_analysts=True)


@main.command("serve")
@ui_options
@click.option("--host", default="localhost", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host other machines can reach (put it behind TLS: see the README).",
)
@click.option(
    "--public-url",
    metavar="URL",
    default=None,
    help="The address browsers use, when a reverse proxy serves it (e.g. https://wb.example.org).",
)
def serve_cmd(preset, keymap_file, no_animations, host, port, allow_remote, public_url) -> None:
    """Serve the same workbench in a web browser (textual-serve), locked by a token.

    Prints the URL to open; it carries a random token (or $WORKBENCH_SERVE_TOKEN), without
    which the page and its WebSocket are refused, as is a WebSocket from another site.

    \b
    Example:
      workbench serve --db work.db --port 8000
    """
    from ..tui import KeymapError, build_keymap
    from ..tui.serve import ServeUnavailable, is_loopback, serve

    if not allow_remote and not is_loopback(host):
        raise click.ClickException(
            f"--host {host or '(all addresses)'}: other machines could reach the workbench; "
            f"serve on 127.0.0.1 behind a TLS reverse proxy (README), or pass --allow-remote"
        )
    db_path, analyst = _settings()
    try:
        build_keymap(preset, keymap_file)  # fail here, not in every browser session
    except KeymapError as exc:
        raise click.ClickException(str(exc)) from exc
    # Each session's process finds the database in its environment, not on its command
    # line: a server's URL may hold a password, and `ps` shows command lines to everyone.
    os.environ["WORKBENCH_DB"] = db_path if is_postgres(db_path) else os.path.abspath(db_path)
    args = [sys.executable, "-m", "workbench"]
    if analyst:
        args += ["--analyst", analyst]
    args.append("open")
    if preset:
        args += ["--preset", preset]
    if keymap_file:
        args += ["--keymap", os.path.abspath(keymap_file)]
    if no_animations:
        args.append("--no-animations")
    try:
        serve(shlex.join(args), host, port, public_url=public_url)
    except ServeUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
