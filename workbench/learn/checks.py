"""Provides the model's figures: cross-validated on the analyst's own decisions, and on gold.

Cross-validation (`cross_validate`) splits the decisions into folds in article order, trains
on all folds but one and scores the held-out one, so the figure says how the model does on
decisions it has not seen. `against_gold` scores the engine as it is (day one or trained)
on a gold file whose articles are in the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..store import Store
from .engine import Engine, decisions_as_examples
from .model import Example, train
from .scoring import auc, gold_events, weighted_f1

FOLDS = 5


def cross_validate(engine: Engine, store: Store, folds: int = FOLDS) -> dict[str, Any]:
    examples = decisions_as_examples(store)
    typed = sum(1 for _, label, _ in examples if label)
    if typed < folds:
        return {"examples": len(examples), "note": f"fewer than {folds} confirmed examples"}
    X = engine.vectors([t for _, _, t in examples])
    exs = [Example(X[i], lab, eid, t) for i, (eid, lab, t) in enumerate(examples)]
    defs = engine.index.vectors if engine.index is not None else None
    classes = list(engine.book)
    gold: list[list[str]] = []
    pred: list[str | None] = []
    scores: list[float] = []
    labels: list[int] = []
    for f in range(folds):
        held = [e for i, e in enumerate(exs) if i % folds == f]
        model = train(
            [e for i, e in enumerate(exs) if i % folds != f], engine.features, defs, classes
        )
        Xh = np.asarray([e.vector for e in held], np.float32)
        probs = model.types.proba(Xh)
        for e, row in zip(held, probs, strict=True):
            if e.label:
                gold.append([e.label])
                pred.append(model.types.classes[int(row.argmax())])
        if model.eventness is not None:
            scores += [float(p) for p in model.eventness.proba(Xh)[:, 1]]
            labels += [1 if e.label else 0 for e in held]
    right = sum(1 for g, p in zip(gold, pred, strict=True) if p in g)
    return {
        "examples": len(examples),
        "folds": folds,
        "type_accuracy": right / len(gold),
        "type_weighted_f1": weighted_f1(gold, pred),
        "event_auc": auc(scores, labels),
    }


def against_gold(engine: Engine, store: Store, gold: Path) -> dict[str, Any]:
    texts = {
        Path(str(r["file"])).name: str(r["text"])
        for r in store.query("SELECT file, text FROM articles")
    }
    events, missing = gold_events(gold, texts)
    if not events:
        return {"events": 0, "left_out": missing}
    suggestions = engine.suggest([t for _, _, t in events])
    pred = [s.sub_event_type if s else None for s in suggestions]
    golds = [subs for _, subs, _ in events]
    return {
        "events": len(events),
        "left_out": missing,
        "suggested": sum(1 for p in pred if p),
        "right": sum(1 for g, p in zip(golds, pred, strict=True) if p in g),
        "weighted_f1": weighted_f1(golds, pred),
        "source": "decisions" if engine.model is not None and engine.model.labels else "codebook",
    }
