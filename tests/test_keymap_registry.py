"""Every binding id: declared once with a description, in default.toml, in the README table."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from workbench.tui.keymap import keybindings_dir, normalize_key, split_keys
from workbench.tui.registry import all_bindings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEFAULT = tomllib.loads((ROOT / "keybindings" / "default.toml").read_text(encoding="utf-8"))
VIM = tomllib.loads((ROOT / "keybindings" / "vim.toml").read_text(encoding="utf-8"))
BINDINGS = {b.id: b for b in all_bindings()}
FIXED = [
    "next-event",
    "prev-event",
    "confirm-event",
    "reject-event",
    "edit-event",
    "add-event",
    "merge-events",
    "next-article",
    "prev-article",
    "toggle-article-done",
    "fix-mention",
    "undo",
    "redo",
    "search",
    "show-help",
    "quit",
]


def readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.splitlines():
        m = re.match(r"^\| `([a-z0-9-]+)` \|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    return rows


def test_issue_ids_all_exist():
    assert set(FIXED) <= set(BINDINGS)


@pytest.mark.parametrize("binding_id", sorted(BINDINGS))
def test_binding_is_documented_and_in_default_toml(binding_id):
    info = BINDINGS[binding_id]
    assert info.description.strip(), f"{binding_id} has no description"
    assert binding_id in DEFAULT, f"{binding_id} missing from keybindings/default.toml"
    # default.toml says what the code declares, so the docs never drift from the app.
    declared = ",".join(normalize_key(k) for k in split_keys(info.key))
    listed = ",".join(normalize_key(k) for k in split_keys(DEFAULT[binding_id]))
    assert listed == declared, f"{binding_id}: default.toml {listed!r} vs code {declared!r}"
    rows = readme_rows()
    assert binding_id in rows, f"{binding_id} is not in the README key table"
    default_cell = rows[binding_id][0]
    first = split_keys(DEFAULT[binding_id])[0]
    shown = {"question_mark": "?", "slash": "/"}.get(first, first)
    assert f"`{shown}`" in default_cell, f"README default key for {binding_id}: {default_cell}"
    if binding_id in VIM:
        first_vim = split_keys(VIM[binding_id])[0]
        shown = {"right_parenthesis": ")", "left_parenthesis": "("}.get(first_vim, first_vim)
        assert f"`{shown}`" in rows[binding_id][1]


def test_no_stray_ids_in_files():
    assert set(DEFAULT) == set(BINDINGS)
    assert set(VIM) <= set(BINDINGS)
    assert set(readme_rows()) >= set(BINDINGS)


def test_packaged_copy_is_found():
    assert (keybindings_dir() / "default.toml").exists()
