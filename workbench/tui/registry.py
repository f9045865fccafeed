"""Provides the binding registry: every rebindable binding, read from the classes declaring it.

Bindings are declared once, on the screen or widget that owns them
(`Binding(key, action, description, id=...)`); this module only collects them, so the
keymap loader, the help screen, the command palette and the tests all see the same list.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from .keymap import BindingInfo, KeymapError


def _input_keys() -> dict[str, str]:
    from textual.widgets import Input

    keys: dict[str, str] = {}
    for b in Input.BINDINGS:
        if isinstance(b, Binding):
            for key in b.key.split(","):
                keys.setdefault(key.strip(), f"text field {b.action}")
    return keys


def typing_scopes() -> set[str]:
    """Scopes of the screens whose focus is usually in a text field (`TYPING = True`)."""
    return {scope for scope, cls, _ in scopes() if getattr(cls, "TYPING", False)}


def reserved() -> dict[str, dict[str, str]]:
    """Keys Textual binds by itself (no id, cannot be rebound), per scope."""
    out: dict[str, dict[str, str]] = {"app": {"ctrl+q": "quit", "ctrl+c": "help_quit"}}
    for scope in typing_scopes():
        out[scope] = _input_keys()
    return out


def _own_bindings(cls: type) -> list[Binding]:
    return [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id]


def screen_classes() -> list[type[Screen]]:
    """Every screen of the workbench: the Screen subclasses in workbench.tui that declare
    their `SCOPE`, by scope name. Every module of `workbench.tui.screens` is imported first
    (found by listing the package, so there is no list of screens to keep up to date)."""
    from . import screens

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"{screens.__name__}.{module.name}")

    found: list[type[Screen]] = []
    stack: list[type] = [Screen]
    while stack:
        cls = stack.pop(0)
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("workbench.tui.") and "SCOPE" in cls.__dict__:
            found.append(cls)
    return sorted(dict.fromkeys(found), key=scope_of)


def scope_of(cls: type) -> str:
    return str(cls.__dict__["SCOPE"])


@lru_cache(maxsize=1)
def scopes() -> tuple[tuple[str, type, tuple[type, ...]], ...]:
    """(scope, class, widget classes on it) for the app and then each screen: each screen
    declares its scope (`SCOPE`), whether it is for typing (`TYPING`) and the widgets
    whose bindings are active on it (`WIDGETS`)."""
    from .app import WorkbenchApp

    out: list[tuple[str, type, tuple[type, ...]]] = [("app", WorkbenchApp, ())]
    for cls in screen_classes():
        out.append((scope_of(cls), cls, tuple(getattr(cls, "WIDGETS", ()))))
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
                bid = str(b.id)
                if owners.setdefault(bid, owner) is not owner:
                    raise KeymapError(
                        f"binding id {bid!r} is declared by both "
                        f"{owners[bid].__name__} and {owner.__name__}"
                    )
                infos.append(BindingInfo(bid, b.key, b.action, b.description, scope))
    return infos


def unique_bindings() -> list[BindingInfo]:
    """One entry per id (a widget's bindings appear once however many screens use it)."""
    seen: dict[str, BindingInfo] = {}
    for info in all_bindings():
        seen.setdefault(info.id, info)
    return list(seen.values())


def modal_scopes() -> set[str]:
    return {scope for scope, cls, _ in scopes() if issubclass(cls, ModalScreen)}
