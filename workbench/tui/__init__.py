"""Provides the terminal UI: `build_app()` checks the keymap, then makes the Textual app.

Nothing here runs at import time beyond imports; the CLI imports this module only when a
command actually opens the UI, so `workbench --help` never loads Textual.
"""

from __future__ import annotations

from pathlib import Path

from .keymap import KeymapError, load_keymap, user_keymap_path


def build_keymap(preset: str | None = None, keymap_file: str | None = None) -> dict[str, str]:
    """The validated keymap (raises KeymapError naming the file and entry)."""
    from .registry import all_bindings, modal_scopes, reserved, typing_scopes

    return load_keymap(
        all_bindings(),
        preset=preset,
        extra_file=Path(keymap_file) if keymap_file else None,
        reserved=reserved(),
        modal=modal_scopes(),
        typing=typing_scopes(),
    )


def build_app(
    db_path: str,
    *,
    analyst: str | None = None,
    preset: str | None = None,
    keymap_file: str | None = None,
    animations: bool | None = None,
):
    """Check the keymap first: a bad keymap must stop us before the terminal is taken over.

    With no preset, no --keymap and no user file there is nothing to check or apply: the
    packaged default.toml says what the screens declare (tests/test_keymap_registry.py), and
    skipping it spares the first frame importing every screen (~0.3 s CPU)."""
    if preset in (None, "default") and not keymap_file and not user_keymap_path().exists():
        keymap: dict[str, str] = {}
    else:
        keymap = build_keymap(preset, keymap_file)
    from .app import WorkbenchApp

    return WorkbenchApp(db_path, analyst=analyst, keymap=keymap, animations=animations)


__all__ = ["KeymapError", "build_app", "build_keymap"]
