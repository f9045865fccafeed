"""Every CLI command is documented in the README and has --help with an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "workbench"):
    # Through list_commands/get_command: the command line loads its commands when asked.
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        path = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)
        else:
            yield path, cmd


COMMANDS = list(_commands(main))


def test_there_are_commands():
    names = {p for p, _ in COMMANDS}
    assert {"workbench ingest", "workbench events update", "workbench undo"} <= names


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_command_is_in_readme(path):
    words = path.split()
    # "workbench events confirm" may be documented as "events confirm" in a shared row
    assert (
        f"`{path}" in README or f"`{' '.join(words[1:])}" in README or f"/ `{words[-1]}`" in README
    ), path


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_help_has_an_example(path):
    result = CliRunner().invoke(main, [*path.split()[1:], "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"{path} --help has no example"
