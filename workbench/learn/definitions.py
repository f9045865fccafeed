"""Provides the codebook definitions as vectors: the day-one matcher, before any decision.

Each sub-event type's "definition for matching" (codebook.csv) is embedded without its
"Not ..." sentences: a sentence embedding does not model negation, so "Not a recapture by
government forces" would pull a capture towards the very type it rules out. The whole
definition is what the analyst is shown. A project can write its own definitions in a
`codebook.csv` beside its database (same columns; only `sub_event_type` and `definition` are
read, for types the packaged codebook has).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from ..base.codebook import SubEventType, load_codebook
from .embedders import Embedder

# Cosine below which the nearest definition is no suggestion. Chosen before measuring, from
# the model's known range (unrelated sentences score about -0.1-0.2, paraphrases 0.5+), and
# never tuned on a set we report.
THRESHOLD = 0.25
_NOT = re.compile(r"(?:^|(?<=[.;]))\s*Not\b[^.]*\.?")


def matching_text(entry: SubEventType) -> str:
    text = entry.definition or entry.description
    return _NOT.sub("", text).strip() or text


def definitions(project_codebook: Path | None = None) -> dict[str, SubEventType]:
    """Sub-event type -> codebook entry, with a project's own definitions where it has any."""
    book = dict(load_codebook())
    if project_codebook and project_codebook.exists():
        with project_codebook.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                sub, text = row.get("sub_event_type", ""), (row.get("definition") or "").strip()
                if sub in book and text:
                    entry = book[sub]
                    book[sub] = SubEventType(
                        entry.disorder_type, entry.event_type, sub, entry.description, text
                    )
    return book


class DefinitionIndex:
    """The definitions' vectors; `scores(vectors)` is the cosine of each text to each type."""

    def __init__(self, embedder: Embedder, book: dict[str, SubEventType]) -> None:
        self.types = list(book)
        self.book = book
        self.vectors = embedder.embed([matching_text(book[t]) for t in self.types])

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        return vectors @ self.vectors.T
