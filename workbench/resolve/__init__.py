"""Provides name resolution: normalisation keys, fuzzy duplicate clusters, merge and split,
and cross-article duplicate events.

Public calls (no Textual here; the TUI and CLI use these): `suggest`, `list_entities`,
`examples`, `merge_entities`, `split_alias`, `rename_entity`, `exclude_pairs`,
`set_attributes`, `duplicate_candidates`, `mark_distinct`.

They are loaded lazily: `workbench.store.entities` imports `resolve.normalize`, and the
modules here import the store, so importing them eagerly would be circular.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ACTOR_TYPES": "attributes",
    "set_attributes": "attributes",
    "count_entities": "catalog",
    "examples": "catalog",
    "list_entities": "catalog",
    "exclude_pairs": "curate",
    "merge_entities": "curate",
    "rename_entity": "curate",
    "split_alias": "curate",
    "duplicate_candidates": "duplicates",
    "mark_distinct": "duplicates",
    "Suggestion": "suggestions",
    "suggest": "suggestions",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    attr = "candidates" if name == "duplicate_candidates" else name
    return getattr(import_module(f"{__name__}.{module}"), attr)
