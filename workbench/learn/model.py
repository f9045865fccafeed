"""Provides the model learned from the analyst's decisions, and its training.

Two heads over one feature vector per event (the embedding of its evidence sentence, or
hashed word features when the embedding is not installed):

- types: softmax regression over sub-event types, trained on confirmed events, with each
  codebook definition as one more example of its type so that types the analyst has not
  confirmed yet can still be suggested;
- event-ness: logistic regression, confirmed (1) against rejected (0) proposals, which
  orders the queue and flags "events the model doubts".

The model is stored as npz bytes (no pickle: an imported model file cannot run code).
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..store.models import MIN_EVENTNESS
from .softmax import Softmax

HASHED = "hashed-words"  # the fallback features' name
HASHED_DIM = 4096


@dataclass
class Example:
    vector: np.ndarray
    label: str  # a sub-event type, or "" for a rejected proposal (a non-event)
    event_id: int
    text: str


@dataclass
class TypeModel:
    features: str  # embedder name, or HASHED
    types: Softmax
    eventness: Softmax | None
    vectors: np.ndarray  # confirmed examples, for "nearest confirmed events"
    labels: list[str]
    event_ids: list[int]
    texts: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    rejected: int = 0

    @property
    def examples(self) -> int:
        return len(self.labels) + self.rejected

    def to_bytes(self) -> bytes:
        meta = {
            "features": self.features,
            "classes": self.types.classes,
            "labels": self.labels,
            "event_ids": self.event_ids,
            "texts": self.texts,
            "counts": self.counts,
            "rejected": self.rejected,
        }
        arrays: dict[str, np.ndarray] = {
            "W": self.types.W,
            "b": self.types.b,
            "vectors": self.vectors.astype(np.float16),
        }
        if self.eventness is not None:
            arrays |= {"eW": self.eventness.W, "eb": self.eventness.b}
        buf = io.BytesIO()
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
        np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]  # numpy stub: **kwds
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TypeModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            types = Softmax(meta["classes"], z["W"].shape[0])
            types.W, types.b = z["W"], z["b"]
            eventness = None
            if "eW" in z:
                eventness = Softmax(["no", "yes"], z["eW"].shape[0])
                eventness.W, eventness.b = z["eW"], z["eb"]
            vectors = z["vectors"].astype(np.float32)
        return cls(
            meta["features"], types, eventness, vectors, meta["labels"], meta["event_ids"],
            meta["texts"], meta["counts"], meta["rejected"],
        )  # fmt: skip


def train(
    examples: list[Example],
    features: str,
    definition_vectors: np.ndarray | None,
    classes: list[str],
) -> TypeModel:
    """Fit both heads. `definition_vectors` (one row per class) join as examples when given."""
    typed = [e for e in examples if e.label in classes]
    rejected = [e for e in examples if not e.label]
    dim = (
        definition_vectors.shape[1]
        if definition_vectors is not None
        else (typed or rejected)[0].vector.shape[0]
    )
    X = [e.vector for e in typed]
    y = [classes.index(e.label) for e in typed]
    if definition_vectors is not None:
        X.extend(definition_vectors)
        y.extend(range(len(classes)))
    types = Softmax(classes, dim)
    if X:
        # Each type weighs the same however often it was confirmed: with a handful of
        # decisions, the type confirmed most would otherwise win every suggestion.
        per_class = Counter(y)
        w = np.asarray([1.0 / per_class[c] for c in y], np.float32)
        types.fit(np.asarray(X, np.float32), np.asarray(y), w)
    eventness = None
    if len(typed) >= MIN_EVENTNESS and len(rejected) >= MIN_EVENTNESS:
        eventness = Softmax(["no", "yes"], dim)
        Xe = np.asarray([e.vector for e in typed + rejected], np.float32)
        ye = np.asarray([1] * len(typed) + [0] * len(rejected))
        # Balanced: an analyst who rejects little should not teach "everything is an event".
        w = np.where(ye == 1, len(ye) / (2 * len(typed)), len(ye) / (2 * len(rejected)))
        eventness.fit(Xe, ye, w)
    vectors = np.asarray([e.vector for e in typed], np.float32).reshape(len(typed), dim)
    return TypeModel(
        features, types, eventness, vectors, [e.label for e in typed],
        [e.event_id for e in typed], [e.text[:300] for e in typed],
        dict(Counter(e.label for e in typed)), len(rejected),
    )  # fmt: skip
