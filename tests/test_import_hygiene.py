"""The core (and the CLI, short of opening the TUI) never imports Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import workbench

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
