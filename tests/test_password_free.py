"""A server URL may hold a password (`postgresql://ann:secret@host/db`): no message, no
dialog field and no process command line shows it; they show the URL without it."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store.backends import describe

PASSWORD = "pa55-word"
# A port nothing listens on: every command meets a server it cannot reach.
UNREACHABLE = f"postgresql://ann:{PASSWORD}@127.0.0.1:1/work"
SHOWN = "postgresql://ann@127.0.0.1:1/work"


def test_describe_drops_only_the_password():
    assert describe(UNREACHABLE) == SHOWN
    assert describe("postgresql://ann@db.example/work") == "postgresql://ann@db.example/work"
    assert describe("work.db") == "work.db"


@pytest.mark.parametrize(
    "args",
    [
        ["events", "list"],
        ["check"],
        ["log"],
        ["stats"],
        ["export", "--status", "all"],
        ["import-events", "{file}"],
        ["demo", "--no-open"],
        ["db", "copy", UNREACHABLE, "{tmp}/copy.db"],
        ["db", "copy", "{tmp}/empty.db", UNREACHABLE],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_cli_errors_name_the_server_without_its_password(args, tmp_path):
    (tmp_path / "in.jsonl").write_text("{}\n", encoding="utf-8")
    args = [a.format(file=tmp_path / "in.jsonl", tmp=tmp_path) for a in args]
    if "{tmp}/empty.db" in " ".join(args) or str(tmp_path / "empty.db") in args:
        from workbench.store import Store

        Store(str(tmp_path / "empty.db")).close()
    result = CliRunner().invoke(main, ["--db", UNREACHABLE, *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert PASSWORD not in result.output
    assert SHOWN in result.output


def test_serve_gives_sessions_the_database_by_environment(monkeypatch):
    """The command textual-serve runs per browser session holds no URL (a command line is
    visible to every user of the machine); the sessions inherit WORKBENCH_DB."""
    import workbench.tui.serve as serving

    ran = {}

    def serve(command, host, port, public_url=None):
        ran["command"], ran["db"] = command, os.environ.get("WORKBENCH_DB")

    monkeypatch.setattr(serving, "serve", serve)
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    result = CliRunner().invoke(main, ["--db", UNREACHABLE, "serve", "--host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert PASSWORD not in ran["command"] and "postgresql" not in ran["command"]
    assert ran["command"].endswith("-m workbench open")
    assert ran["db"] == UNREACHABLE  # the session connects as before
    os.environ.pop("WORKBENCH_DB", None)


async def test_the_export_dialog_never_shows_the_url(pg_url, tmp_path, monkeypatch):
    from textual.widgets import Input
    from tui_support import make_app, settle

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    url = pg_url.replace("postgres@", f"postgres:{PASSWORD}@", 1)
    app = make_app(url)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("X")
        await settle(pilot, app)
        values = [field.value for field in app.screen.query(Input)]
        assert str(tmp_path / "workbench-export.csv") in values, values
        assert not any(PASSWORD in v or "postgresql" in v for v in values)
