"""Every screen of the TUI is in the binding registry, and every binding has an id.

The registry is derived from the screens (each declares `SCOPE`); this walks every module
of workbench.tui and every Screen and Widget subclass defined there, so a new screen or a
binding without an id fails here rather than being silently unbindable.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

import workbench.tui
from workbench.tui.registry import scopes


def tui_classes() -> list[type]:
    for module in pkgutil.walk_packages(workbench.tui.__path__, "workbench.tui."):
        importlib.import_module(module.name)
    found, stack = [], [App, Widget]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("workbench.tui."):
            found.append(cls)
    return sorted(set(found), key=lambda c: (c.__module__, c.__name__))


CLASSES = tui_classes()
SCREENS = [c for c in CLASSES if issubclass(c, Screen)]


@pytest.mark.parametrize("cls", SCREENS, ids=lambda c: c.__name__)
def test_every_screen_declares_its_scope_or_is_a_base(cls):
    subclasses = [c for c in SCREENS if c is not cls and issubclass(c, cls)]
    assert "SCOPE" in cls.__dict__ or subclasses, f"{cls.__name__} declares no SCOPE"


def test_the_registry_lists_exactly_the_screens():
    registered = [cls for _, cls, _ in scopes()[1:]]
    assert set(registered) == {c for c in SCREENS if "SCOPE" in c.__dict__}
    names = [scope for scope, _, _ in scopes()]
    assert len(names) == len(set(names)), "two screens share a scope name"


@pytest.mark.parametrize(
    "cls", [c for c in CLASSES if c.__dict__.get("BINDINGS")], ids=lambda c: c.__name__
)
def test_every_binding_has_an_id(cls):
    for binding in cls.__dict__["BINDINGS"]:
        assert isinstance(binding, Binding) and binding.id, f"{cls.__name__}: {binding}"


def test_every_widget_with_bindings_is_placed_on_a_screen():
    placed = {w for _, _, widgets in scopes() for w in widgets}
    for cls in CLASSES:
        if cls.__dict__.get("BINDINGS") and not issubclass(cls, Screen | App):
            assert cls in placed, f"{cls.__name__} has bindings but no screen lists it in WIDGETS"
