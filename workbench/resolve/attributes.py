"""Provides `set_attributes`: an entity's type and country (actors) or admin1, country and
coordinates (places), checked before anything is written and logged as `edit-entity`.

Actor types are ACLED's actor classes ("inter" codes 1-8, `workbench.base.actors`), matched
without regard to case.
"""

from __future__ import annotations

import json
from typing import Any

from ..base.actors import actor_type
from ..store import Store, StoreError, change

FIELDS = {"actor": ("type", "country"), "place": ("admin1", "country", "latitude", "longitude")}
_SYNONYMS = {"lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude"}


def _coordinate(field: str, value: Any) -> float:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValueError(f"{field} must be a number, not {value!r}") from None
    limit = 90 if field == "latitude" else 180
    if not -limit <= number <= limit:
        raise ValueError(f"{field} must be between -{limit} and {limit} ({number})")
    return round(number, 6)


def clean_attributes(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise attribute values; an empty value clears the attribute."""
    allowed = FIELDS.get(kind)
    if allowed is None:
        raise ValueError(f"unknown entity kind {kind!r}")
    clean: dict[str, Any] = {}
    for key, value in values.items():
        field = _SYNONYMS.get(key, key)
        if field not in allowed:
            raise ValueError(f"a {kind} has no attribute {key!r}; it has {', '.join(allowed)}")
        if value is None or (isinstance(value, str) and not value.strip()):
            clean[field] = None
        elif field == "type":
            clean[field] = actor_type(str(value))
        elif field in ("latitude", "longitude"):
            clean[field] = _coordinate(field, value)
        else:
            clean[field] = " ".join(str(value).split())
    return clean


def set_attributes(
    store: Store, entity_id: int, values: dict[str, Any], *, expected_version: int | None = None
) -> dict[str, Any]:
    row = store.row("entities", entity_id)
    if row is None:
        raise StoreError(f"no entity with id {entity_id}")
    clean = clean_attributes(row["kind"], values)
    attrs = json.loads(row["attrs"] or "{}")
    for key, value in clean.items():
        if value is None:
            attrs.pop(key, None)
        else:
            attrs[key] = value
    if ("latitude" in attrs) != ("longitude" in attrs):
        raise ValueError("latitude and longitude go together: set both or clear both")
    with change(store, "edit-entity") as tx:
        return tx.update(
            "entities",
            entity_id,
            {"attrs": json.dumps(attrs, ensure_ascii=False)},
            expected_version=expected_version,
        )
