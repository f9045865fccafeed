"""The core (and the CLI, short of opening the TUI) never imports Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.store import Store

CORE = [
    "workbench.base",
    "workbench.store",
    "workbench.ingest",
    "workbench.export",
    "workbench.extract",
    "workbench.resolve",
    "workbench.evaluate",
    "workbench.seeds",
    "workbench.cli",
]


def _run(code: str) -> subprocess.CompletedProcess:
    """`code` run in a fresh interpreter (nothing imported yet), its output as text."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_core_modules_import_no_textual():
    # Every module outside workbench/tui, found on disk (pkgutil.walk_packages would import
    # the tui package itself in order to list it).
    root = Path(workbench.__file__).parent
    modules = sorted(
        "workbench." + ".".join(p.relative_to(root).with_suffix("").parts).replace(".__init__", "")
        for p in root.rglob("*.py")
        if "tui" not in p.relative_to(root).parts and p.name != "__main__.py"
    )
    modules = [m.removesuffix(".__init__") for m in modules]
    code = (
        "import importlib, sys\n"
        f"for m in {CORE + modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = _run(code)
    assert out.stdout.strip() == "", f"textual imported by the core: {out.stdout.strip()[:200]}"


def test_cli_help_does_not_import_textual():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from workbench.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(any(m == 'textual' for m in sys.modules))\n"
    )
    out = _run(code)
    assert out.stdout.strip() == "False"


@pytest.mark.backends
def test_first_frame_loads_only_the_queue_screen_and_no_numpy(tmp_path, db_path):
    """Screens load when first opened; numpy (the learned model) after the first frame.
    In a fresh interpreter: this test process has imported every screen already. On a
    file and on a server."""
    db = db_path
    Store(db).close()  # made here: migrating a new database does use sqlite-utils (numpy)
    code = (
        "import asyncio, sys\n"
        "from workbench.tui import build_app\n"
        "async def main():\n"
        f"    app = build_app({db!r}, analyst='t', animations=False)\n"
        "    seen = []\n"
        "    app.first_frame = lambda: seen.append(sorted(\n"
        "        m for m in sys.modules if m.startswith('workbench.tui.screens.') or m == 'numpy'))\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        while not seen:\n"
        "            await pilot.pause(0.01)\n"
        "        await app.action_quit()\n"
        "    print(','.join(seen[0]))\n"
        "asyncio.run(main())\n"
    )
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}  # no user keymap
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env}
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "workbench.tui.screens.articles"


def test_every_command_is_loaded_from_the_modules_that_define_it():
    """Commands load lazily from `COMMAND_MODULES`: a command missing there, or a module
    adding to a command without being listed, would vanish from the command line."""
    code = (
        "import importlib, pathlib, workbench.cli as cli\n"
        "folder = pathlib.Path(cli.__file__).parent\n"
        "for p in sorted(folder.glob('*_cmds.py')): importlib.import_module(f'workbench.cli.{p.stem}')\n"
        "out = {}\n"
        "for name, cmd in cli.main.commands.items():\n"
        "    subs = getattr(cmd, 'commands', {}).values()\n"
        "    out[name] = sorted({c.callback.__module__.rsplit('.', 1)[1] for c in [cmd, *subs]})\n"
        "print(repr(out))\n"
    )
    out = _run(code)
    defined = eval(out.stdout)  # a dict literal printed by the child
    from workbench.cli import COMMAND_MODULES

    assert {name: sorted(mods) for name, mods in COMMAND_MODULES.items()} == defined


@pytest.mark.backends
def test_ingest_without_extraction_imports_no_extractor(tmp_path, db_path):
    """`workbench ingest --no-extract` loads its own command only: no extractor, no name
    clusterer, no learned model (their imports were two thirds of its start-up). Into a
    file and into a server."""
    (tmp_path / "a.txt").write_text("Forces shelled the town on Friday, residents said.\n")
    probe = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print('LOADED', sorted({m for m in sys.modules if m.startswith("
        "('workbench.extract', 'workbench.resolve', 'workbench.learn', 'rapidfuzz'))}), "
        "file=sys.stderr))\n"
        "sys.argv = ['workbench'] + sys.argv[1:]\n"
        "runpy.run_module('workbench', run_name='__main__')\n"
    )
    db = db_path
    Store(db).close()
    args = ["--db", db, "ingest", "--no-extract", str(tmp_path / "a.txt")]
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "LOADED []" in done.stderr, done.stderr[-2000:]
    with Store(db) as store:
        assert store.scalar("SELECT count(*) FROM articles") == 1


def test_extraction_imports_no_store_and_no_clusterer():
    """Extracting an article loads neither the store nor name resolution (the clusterer,
    rapidfuzz): the word lists both read live in `workbench.base.words`, and importing the
    resolve package for them was two fifths of an extracting process's imports. (The
    gazetteer's fuzzy match imports rapidfuzz itself, when a place needs it.)"""
    code = (
        "import sys\n"
        "from workbench.extract import extract\n"
        "extract('Rebels shelled the town of Saraqeb on Monday, killing five civilians.', "
        "'2018-01-01')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith("
        "('workbench.store', 'workbench.resolve', 'rapidfuzz', 'sqlite3')))))\n"
    )
    out = _run(code)
    assert out.stdout.strip() == ""
