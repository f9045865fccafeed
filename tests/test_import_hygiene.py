"""The core (and the CLI, short of opening the TUI) never imports Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_first_frame_loads_only_the_queue_screen_and_no_numpy(tmp_path):
    """Screens load when first opened; numpy (the learned model) after the first frame.
    In a fresh interpreter: this test process has imported every screen already."""
    db = tmp_path / "w.db"
    Store(str(db)).close()  # made here: migrating a new database does use sqlite-utils (numpy)
    code = (
        "import asyncio, sys\n"
        "from workbench.tui import build_app\n"
        "async def main():\n"
        f"    app = build_app({str(db)!r}, analyst='t', animations=False)\n"
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
