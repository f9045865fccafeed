"""Provides name resolution: fuzzy duplicate clusters, merge and split, entity attributes,
and cross-article duplicate events. The keys names are compared by live in
`workbench.base` (`names.name_key`, the stored exact key; `keys`, the fuzzy ones).

Public calls (no Textual here; the TUI and CLI use these): `suggest`, `list_entities`,
`examples`, `merge_entities`, `split_alias`, `rename_entity`, `exclude_pairs`,
`set_attributes`, `duplicate_candidates`, `mark_distinct`.
"""

from .attributes import set_attributes
from .catalog import count_entities, examples, list_entities
from .curate import exclude_pairs, merge_entities, rename_entity, split_alias
from .duplicates import candidates as duplicate_candidates
from .duplicates import mark_distinct
from .suggestions import Suggestion, suggest

__all__ = [
    "Suggestion",
    "count_entities",
    "duplicate_candidates",
    "examples",
    "exclude_pairs",
    "list_entities",
    "mark_distinct",
    "merge_entities",
    "rename_entity",
    "set_attributes",
    "split_alias",
    "suggest",
]
