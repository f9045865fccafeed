"""Provides `workbench model export/import`: a project starts from another project's model.

The file is the model's npz bytes behind a one-line JSON header. Imported, it is kept as the
database's "base" model: its confirmed examples (vectors, types, short texts) join the
database's own decisions at every retrain, so the analyst's decisions add to it rather than
replace it. A model built on other features (another embedder) is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..store import Store, StoreError
from ..store import models as saved
from .engine import BASE, KIND, engine_for
from .model import TypeModel

MAGIC = "workbench-model 1"


def export_model(store: Store, path: Path) -> None:
    row = saved.load_model(store, KIND)
    if row is None:
        raise StoreError("no model to export yet: confirm or reject events, or `model train`")
    header = {"magic": MAGIC, "examples": row.examples, "trained_at": row.trained_at, **row.meta}
    path.write_bytes(json.dumps(header).encode() + b"\n" + row.data)


def import_model(store: Store, path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    head, _, data = raw.partition(b"\n")
    try:
        meta = json.loads(head)
        if meta.get("magic") != MAGIC:
            raise ValueError("not a workbench model file")
        model = TypeModel.from_bytes(data)
    except (ValueError, KeyError, OSError) as exc:
        raise StoreError(f"{path}: not a workbench model file ({exc})") from exc
    engine, _ = engine_for(store, load=False)
    if model.features != engine.features:
        raise StoreError(
            f"{path}: the model was trained on {model.features} features; "
            f"this workbench uses {engine.features}"
        )
    meta = {
        **meta,
        "imported": str(path.name),
        "features": model.features,
        "stamp": saved.decision_stamp(store),  # trained on none of this database's decisions
    }
    for kind in (BASE, KIND):
        saved.save_model(store, kind, data, examples=model.examples, decisions=0, meta=meta)
    return meta
