"""Provides the binding registry: every rebindable binding, read from the classes declaring it.

Bindings are declared once, on the screen or widget that owns them
(`Binding(key, action, description, id=...)`); this module only collects them, so the
keymap loader, the help screen, the command palette and the tests all see the same list.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from textual.binding import Binding
from textual.screen import ModalScreen

from .keymap import BindingInfo, KeymapError

# Screens whose focus is usually in a text field.
TYPING = {"Edit", "Fix mention", "Export", "Send back"}


def _input_keys() -> dict[str, str]:
    from textual.widgets import Input

    keys: dict[str, str] = {}
    for b in Input.BINDINGS:
        if isinstance(b, Binding):
            for key in b.key.split(","):
                keys.setdefault(key.strip(), f"text field {b.action}")
    return keys


def reserved() -> dict[str, dict[str, str]]:
    """Keys Textual binds by itself (no id, cannot be rebound), per scope."""
    out: dict[str, dict[str, str]] = {"app": {"ctrl+q": "quit", "ctrl+c": "help_quit"}}
    for scope in TYPING:
        out[scope] = _input_keys()
    return out


# (scope name, module, class name, widget classes living on that screen)
_SCOPES = (
    ("app", "workbench.tui.app", "WorkbenchApp", ()),
    ("Articles", "workbench.tui.screens.articles", "ArticlesScreen", ()),
    ("Review", "workbench.tui.screens.review", "ReviewScreen", ()),
    ("Edit", "workbench.tui.screens.edit_event", "EditEventScreen", ("NameField",)),
    ("Fix mention", "workbench.tui.screens.fix_mention", "FixMentionScreen", ("NameField",)),
    ("Help", "workbench.tui.screens.help", "HelpScreen", ()),
    ("Export", "workbench.tui.screens.export", "ExportScreen", ()),
    ("Adjudication", "workbench.tui.screens.adjudication", "AdjudicationScreen", ()),
    ("Send back", "workbench.tui.screens.send_back", "SendBackScreen", ()),
    ("Agreement", "workbench.tui.screens.agreement", "AgreementScreen", ()),
)
_WIDGETS = {"NameField": ("workbench.tui.widgets.name_field", "NameField")}


def _own_bindings(cls: type) -> list[Binding]:
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id]


def optional_screens() -> dict[str, type]:
    """Screens other parts of the project contribute, present once their modules exist."""
    from .app import _OPTIONAL

    found = {}
    for scope, (module, name, _label) in zip(
        ("Names", "Duplicates"), _OPTIONAL.values(), strict=True
    ):
        try:
            found[scope] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    return found


@lru_cache(maxsize=1)
def scopes() -> tuple[tuple[str, type, tuple[type, ...]], ...]:
    out = []
    for scope, module, name, widgets in _SCOPES:
        cls = getattr(importlib.import_module(module), name)
        extra = tuple(
            getattr(importlib.import_module(_WIDGETS[w][0]), _WIDGETS[w][1]) for w in widgets
        )
        out.append((scope, cls, extra))
    for scope, cls in optional_screens().items():
        out.append((scope, cls, ()))
    return tuple(out)


def all_bindings() -> list[BindingInfo]:
    """Every binding with an id, with each scope where it is active.

    A widget used on several screens appears once per screen; an id declared by two
    different classes is a programming error, caught here (and by the tests).
    """
    infos: list[BindingInfo] = []
    owners: dict[str, type] = {}
    for scope, cls, widgets in scopes():
        for owner in (cls, *widgets):
            for b in _own_bindings(owner):
                if owners.setdefault(b.id, owner) is not owner:
                    raise KeymapError(
                        f"binding id {b.id!r} is declared by both "
                        f"{owners[b.id].__name__} and {owner.__name__}"
                    )
                infos.append(BindingInfo(b.id, b.key, b.action, b.description, scope))
    return infos


def unique_bindings() -> list[BindingInfo]:
    """One entry per id (a widget's bindings appear once however many screens use it)."""
    seen: dict[str, BindingInfo] = {}
    for info in all_bindings():
        seen.setdefault(info.id, info)
    return list(seen.values())


def modal_scopes() -> set[str]:
    return {scope for scope, cls, _ in scopes() if issubclass(cls, ModalScreen)}
