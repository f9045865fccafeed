"""Provides the suggestion engine: ranked sub-event types for a text, and event-ness.

Day one it ranks the codebook definitions by similarity and suggests the nearest above
`definitions.THRESHOLD`; once a model has been trained on the analyst's decisions, the
model's probabilities rank the types and each suggestion names the nearest confirmed events.
Without the embedding, hashed word features trained on the decisions do the same from the
first decisions on (no day-one suggestions). `engine_for(store)` builds one per database;
`retrain(store)` is what a worker runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..store import Store
from ..store import models as saved
from .definitions import THRESHOLD, DefinitionIndex, definitions
from .embedders import Embedder, get_embedder, hashed
from .model import HASHED, HASHED_DIM, Example, TypeModel, train

KIND = "types"
BASE = "base"  # an imported model whose examples join every retrain (learn/transfer.py)
NEAREST = 3
MEMO = 50_000  # vectors kept in memory (1.5 KB each)


@dataclass(frozen=True)
class Suggestion:
    sub_event_type: str
    event_type: str
    score: float  # cosine to the definition (codebook) or probability (decisions)
    source: str  # "codebook" | "decisions"
    definition: str
    nearest: tuple[tuple[int, str, float], ...] = ()  # (event id, its type, similarity)

    def why(self) -> str:
        if self.source == "codebook":
            head = f"nearest codebook definition (similarity {self.score:.2f})"
        else:
            head = f"learned from your decisions (p {self.score:.2f})"
        near = "; ".join(
            f"{f'#{i}' if i >= 0 else 'imported'} {t} ({s:.2f})" for i, t, s in self.nearest
        )
        return head + (f"; nearest confirmed: {near}" if near else "")


class Engine:
    def __init__(
        self, store: Store | None, embedder: Embedder | None, project_codebook: Path | None
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.book = definitions(project_codebook)
        self.index = DefinitionIndex(embedder, self.book) if embedder else None
        self.features = embedder.name if embedder else HASHED
        self.model: TypeModel | None = None
        self.model_id = ""  # names the saved model `model` is (model_id()), "" if none
        self._memo: dict[str, bytes] = {}  # vectors by key, also without a database

    # -- features ---------------------------------------------------------------------

    def vectors(self, texts: list[str]) -> np.ndarray:
        """One feature vector per text, cached in the database by text."""
        if self.embedder is None:
            return np.asarray([hashed(t, HASHED_DIM) for t in texts], np.float32).reshape(
                len(texts), HASHED_DIM
            )
        keys = [self.features + ":" + hashlib.sha1(t.encode()).hexdigest() for t in texts]
        found = {k: self._memo[k] for k in keys if k in self._memo}
        if self.store:
            found |= saved.cached_vectors(self.store, [k for k in keys if k not in found])
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if todo:
            new = self.embedder.embed([t for _, t in todo])
            fresh = [
                (k, v.astype(np.float32).tobytes()) for (k, _), v in zip(todo, new, strict=True)
            ]
            found.update(fresh)
            if self.store:
                saved.cache_vectors(self.store, fresh)
        if len(self._memo) > MEMO:
            self._memo.clear()
        self._memo.update((k, found[k]) for k in keys)
        return np.asarray([np.frombuffer(found[k], np.float32) for k in keys]).reshape(
            len(texts), self.embedder.dim
        )

    # -- suggestions ------------------------------------------------------------------

    def rank(self, texts: list[str]) -> list[list[Suggestion]]:
        """Every sub-event type for each text, best first (empty when nothing can rank)."""
        if not texts:
            return []
        X = self.vectors(texts)
        model = self.model
        trained = model is not None and bool(model.labels)
        if model is not None and trained:
            probs, source = model.types.proba(X), "decisions"
            classes = model.types.classes
        elif self.index is not None:
            probs, source, classes = self.index.scores(X), "codebook", self.index.types
        else:
            return [[] for _ in texts]
        out = []
        for i, row in enumerate(probs):
            near = self._nearest(X[i]) if trained else ()
            ranked = []
            for j in np.argsort(-row):
                sub = classes[j]
                entry = self.book.get(sub)
                ranked.append(
                    Suggestion(
                        sub,
                        entry.event_type if entry else "",
                        float(row[j]),
                        source,
                        entry.definition if entry else "",
                        tuple(n for n in near if n[1] == sub)[:NEAREST],
                    )  # fmt: skip
                )
            out.append(ranked)
        return out

    def suggest(self, texts: list[str]) -> list[Suggestion | None]:
        """The suggestion for each text, or None (nothing above the day-one threshold)."""
        out: list[Suggestion | None] = []
        for ranked in self.rank(texts):
            top = ranked[0] if ranked else None
            if top is not None and top.source == "codebook" and top.score < THRESHOLD:
                top = None
            out.append(top)
        return out

    def eventness(self, texts: list[str]) -> list[float | None]:
        """P(real event) per text once the model has seen enough rejections; else None."""
        if not texts or self.model is None or self.model.eventness is None:
            return [None] * len(texts)
        return [float(p) for p in self.model.eventness.proba(self.vectors(texts))[:, 1]]

    def _nearest(self, vector: np.ndarray) -> tuple[tuple[int, str, float], ...]:
        model = self.model
        if model is None or not len(model.vectors):
            return ()
        sims = model.vectors @ vector
        if self.embedder is None:
            sims = sims / max(float(np.linalg.norm(vector)), 1e-9)
        best = np.argsort(-sims)[:50]
        return tuple((model.event_ids[j], model.labels[j], float(sims[j])) for j in best)

    # -- training ---------------------------------------------------------------------

    def train(
        self, examples: list[tuple[int, str, str]], extra: list[Example] | None = None
    ) -> TypeModel:
        """examples: (event id, sub-event type or "" for a non-event, evidence text); `extra`:
        examples with vectors already (an imported model's)."""
        X = self.vectors([t for _, _, t in examples])
        exs = [Example(X[i], lab, eid, t) for i, (eid, lab, t) in enumerate(examples)]
        exs += extra or []
        self.model = train(
            exs, self.features, self.index.vectors if self.index else None, list(self.book)
        )
        return self.model


def project_codebook(store: Store) -> Path | None:
    path = getattr(store, "path", None)
    if not path or str(path) == ":memory:":
        return None
    return Path(path).resolve().parent / "codebook.csv"


def engine_for(store: Store, *, load: bool = True) -> tuple[Engine, str]:
    """The engine for a database, with its saved model if it fits; and why the embedding is off."""
    embedder, why = get_embedder()
    engine = Engine(store, embedder, project_codebook(store))
    if load:
        found = saved.load_model(store, KIND)
        if found is not None:
            model = TypeModel.from_bytes(found.data)
            if model.features == engine.features:
                engine.model, engine.model_id = model, model_id(found.data)
    return engine, why


def model_id(data: bytes) -> str:
    """A saved model's name in event_odds: the odds a model gave are known by it."""
    return hashlib.sha1(data).hexdigest()[:16]


def decisions_as_examples(store: Store) -> list[tuple[int, str, str]]:
    out = []
    for d in saved.decisions(store):
        if d.status == "rejected":
            out.append((d.event_id, "", d.text))
        elif d.sub_event_type:
            out.append((d.event_id, d.sub_event_type, d.text))
    return out


def retrain(store: Store, engine: Engine | None = None) -> TypeModel | None:
    """Train on every decision in the database and save the model in it (None: no decisions)."""
    engine = engine or engine_for(store, load=False)[0]
    count = saved.decision_count(store)
    examples = decisions_as_examples(store)
    base = saved.load_model(store, BASE)
    extra = []
    if base is not None:
        imported = TypeModel.from_bytes(base.data)
        if imported.features == engine.features:
            extra = [
                Example(v, lab, -1, t)
                for v, lab, t in zip(imported.vectors, imported.labels, imported.texts, strict=True)
            ]
    if not examples and not extra:
        return None
    model = engine.train(examples, extra)
    data = model.to_bytes()
    engine.model_id = model_id(data)
    saved.save_model(
        store, KIND, data, examples=model.examples, decisions=count,
        meta={
            "features": model.features, "counts": model.counts, "rejected": model.rejected,
            "stamp": saved.decision_stamp(store),
        },
    )  # fmt: skip
    return model


def is_stale(store: Store, engine: Engine) -> bool:
    found = saved.load_model(store, KIND)
    if found is None or found.meta.get("features") != engine.features:
        return bool(saved.decision_count(store))
    return found.meta.get("stamp") != saved.decision_stamp(store)


def refresh(store: Store, engine: Engine) -> None:
    """Take up the model saved in the database if it is not the engine's (another process,
    `workbench model train` or a second analyst's workbench, may have retrained)."""
    found = saved.load_model(store, KIND)
    if found is not None and model_id(found.data) != engine.model_id:
        model = TypeModel.from_bytes(found.data)
        if model.features == engine.features:
            engine.model, engine.model_id = model, model_id(found.data)


def score_events(
    store: Store, engine: Engine, limit: int = 256, extractor_limit: int = 5000
) -> int:
    """Write the model's P(real event) for up to `limit` events it has not scored yet (for
    the queue's order and its "doubted" filter); how many were written. Without an
    event/non-event model yet (fewer than MIN_EVENTNESS confirmed and rejected decisions),
    the extractor's confidence stands in for events nothing has scored: the queue can be
    ordered on day one (up to `extractor_limit` at a time: a copy in SQL, no embedding)."""
    model = engine.model
    if model is None or model.eventness is None or not engine.model_id:
        return saved.extractor_odds(store, extractor_limit)
    todo = saved.unscored(store, engine.model_id, limit)
    judged = [(i, t) for i, t in todo if t]
    odds = dict(zip([i for i, _ in judged], engine.eventness([t for _, t in judged]), strict=True))
    saved.save_odds(store, engine.model_id, [(i, odds.get(i)) for i, _ in todo])
    return len(todo)
