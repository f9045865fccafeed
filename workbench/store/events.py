"""Provides the event actions analysts take: update, confirm, reject, add, merge.

Each function is one logged action (one transaction, one `actions` row, undoable). Fields
are given by their public names (`actor1`, `location` as names, not entity ids); names are
resolved to entities, new names create entities in the same action. Invalid values raise
`ValueError` before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..base.codebook import load_codebook
from ..base.names import name_key
from .assign import set_copy_done
from .changes import Tx, change, last_change_later
from .checks import Facts, check_confirmable, facts_later
from .db import Store, StoreError, now
from .entities import (
    Found,
    create_entity,
    entity_attrs,
    entity_names,
    find_many_later,
    find_or_create,
)
from .record import (
    BY_NAME,
    EDITABLE,
    GEO_PRECISIONS,
    LIST_FIELDS,
    MERGE_FILLED,
    NAME_FIELDS,
    PRECISIONS,
    STATUSES,
    Field,
)
from .rows import attempt, read_many_later
from .team import blind_assignment, check_event_writable

MAX_COUNT = 10_000_000  # no single event has a larger toll; SQLite's own limit is 2**63
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_int(field: Field, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{field.name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{field.name} cannot be negative ({number})")
    if number > MAX_COUNT:
        raise ValueError(f"{field.name} cannot be over {MAX_COUNT:,} ({str(number)[:30]})")
    if field.choices == "geo precision" and number not in GEO_PRECISIONS:
        raise ValueError(f"{field.name} must be 1 (exact), 2 (near) or 3 (region)")
    return number


def _parse_date(field: Field, value: Any) -> str | None:
    text = (value or "").strip() if isinstance(value, str) else value
    if text in (None, ""):
        return None
    if not _ISO.match(str(text)):
        raise ValueError(f"{field.name} must be YYYY-MM-DD, not {value!r}")
    try:
        date.fromisoformat(str(text))
    except ValueError:
        raise ValueError(f"{field.name} {value!r} is not a real date") from None
    return str(text)


def _parse_choice(field: Field, value: Any) -> str:
    if field.choices == "precision":
        if value not in PRECISIONS:
            raise ValueError(f"{field.name} must be one of {', '.join(PRECISIONS)}")
        return str(value)
    if field.choices == "sub-event type":
        if value and value not in load_codebook():
            raise ValueError(f"{value!r} is not a sub-event type in the codebook")
    elif field.choices == "event type":
        types = {e.event_type for e in load_codebook().values()}
        if value and value not in types:
            raise ValueError(f"{value!r} is not an event type in the codebook")
    else:
        raise ValueError(f"{field.name} is not set this way")
    return str(value or "")


def _parse_score(field: Field, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{field.name} must be a number, not {value!r}") from None
    if not 0 <= number <= 1:
        raise ValueError(f"{field.name} must be between 0 and 1")
    return number


def _parse_text(field: Field, value: Any) -> Any:
    return (value or "").strip() if isinstance(value, str) else value


# How an edited value is checked and cleaned, by the kind of its field (store.record).
_PARSE = {
    "date": _parse_date,
    "choice": _parse_choice,
    "int": _parse_int,
    "score": _parse_score,
    "actors": lambda field, value: _parse_names(value),
    "actor": _parse_text,
    "place": _parse_text,
    "text": _parse_text,
}


def _parse_names(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [p for p in re.split(r"\s*;\s*", value) if p.strip()]
    return [str(v).strip() for v in value or [] if str(v).strip()]


def validate(values: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, Any]:
    """Check public field values; return them cleaned. Raises ValueError on the first bad one.
    `current`: the event's values before (its names are not read: `plain_values` will do)."""
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}; fields: {', '.join(EDITABLE)}")
    clean = {
        name: _PARSE[BY_NAME[name].kind](BY_NAME[name], value) for name, value in values.items()
    }
    merged = {**(current or {}), **clean}
    # A full date with no precision given is a day (ACLED time precision 1); a changed
    # date keeps a precision the analyst set before.
    if (
        clean.get("event_date")
        and "date_precision" not in clean
        and merged.get("date_precision") in (None, "", "unknown")
    ):
        clean["date_precision"] = "day"
    sub = merged.get("sub_event_type")
    if sub and "sub_event_type" in clean and "event_type" not in clean:
        clean["event_type"] = load_codebook()[sub].event_type
    elif (
        sub and merged.get("event_type") and load_codebook()[sub].event_type != merged["event_type"]
    ):
        raise ValueError(
            f"{sub!r} belongs to {load_codebook()[sub].event_type!r}, not {merged['event_type']!r}"
        )
    best, low, high = (merged.get(k) for k in ("fatalities", "fatalities_low", "fatalities_high"))
    if low is not None and high is not None and low > high:
        raise ValueError(f"fatalities_low ({low}) is above fatalities_high ({high})")
    if best is not None and high is not None and best > high:
        raise ValueError(f"fatalities ({best}) is above fatalities_high ({high})")
    return clean


# ACLED geo precision by the kind of place: a town 1, part of a region 2, a province or a
# whole country 3. A place of unknown kind gets none (the analyst sets it).
GEO_PRECISION = {
    **dict.fromkeys(("city", "town", "village", "neighbourhood", "camp", "base", "crossing"), 1),
    **dict.fromkeys(("district", "region", "subdistrict", "area"), 2),
    **dict.fromkeys(("governorate", "province", "state", "country"), 3),
}


def geo_precision_of(attrs: dict[str, Any]) -> int | None:
    return GEO_PRECISION.get(str(attrs.get("type") or "").casefold())


def _names_in(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The (kind, name) pairs edited values name, as `validate` will read them."""
    names = [
        ("place" if field == "location" else "actor", str(value).strip())
        for field, value in values.items()
        if field in NAME_FIELDS and isinstance(value, str)
    ]
    for field in LIST_FIELDS:
        if field in values:
            names += [("actor", n) for n in _parse_names(values[field])]
    return names


def _to_columns(
    tx: Tx, clean: dict[str, Any], found: Found | None = None, asked: Iterable[Any] = ()
) -> dict[str, Any]:
    """Public values -> event columns, resolving names to entities (created if new);
    `found`: those of the (kind, name) pairs `asked` that `find_many_later` found under
    this write's locks (the others are new)."""
    found = dict(found or {})
    new = {(kind, name_key(name)) for kind, name in asked} - set(found)

    def entity(kind: str, name: str) -> tuple[int, dict[str, Any] | None]:
        key = (kind, name_key(name))
        if key in found:
            return found[key]
        if key in new and key[1]:
            # Not found under the locks: new (a shared write may not add it: rows.require
            # sends the action to run alone, where this is read again).
            found[key] = (create_entity(tx, kind, name), {})  # once, if named twice
            return found[key]
        return find_or_create(tx, kind, name), None

    cols: dict[str, Any] = {}
    for field, value in clean.items():
        if field in NAME_FIELDS:
            kind = "place" if field == "location" else "actor"
            cols[NAME_FIELDS[field]], attrs = entity(kind, value) if value else (None, {})
            if field == "location" and "geo_precision" not in clean:
                # The precision follows the place picked, and goes with it.
                place = cols["place_id"]
                if attrs is None:
                    attrs = entity_attrs(tx.store, place)
                cols["geo_precision"] = place and geo_precision_of(attrs)
        elif field in LIST_FIELDS:
            cols[field] = json.dumps([entity("actor", n)[0] for n in value])
        else:
            cols[field] = value
    return cols


def plain_values(row: dict[str, Any]) -> dict[str, Any]:
    """The public values of an events row that are no names (all `validate` reads)."""
    return {f: row.get(f) for f in EDITABLE if f not in NAME_FIELDS and f not in LIST_FIELDS}


def named_entities(row: dict[str, Any]) -> list[int | None]:
    """The ids of the entities an events row names (actors, place, associated actors)."""
    lists = [json.loads(row.get(field) or "[]") for field in LIST_FIELDS]
    return [row.get(c) for c in NAME_FIELDS.values()] + [i for ids in lists for i in ids]


def public_values(
    store: Store, row: dict[str, Any], names: dict[int, str] | None = None
) -> dict[str, Any]:
    """An events row with entity ids replaced by names (for editing and display); `names`:
    those of `named_entities(row)`, when the caller has read them."""
    out = plain_values(row)
    lists = {field: json.loads(row.get(field) or "[]") for field in LIST_FIELDS}
    if names is None:  # one query for every name (each is a round trip on a server)
        names = entity_names(store, named_entities(row))
    for field, column in NAME_FIELDS.items():
        entity_id = row.get(column)
        out[field] = names.get(entity_id, "") if entity_id is not None else ""
    for field, ids in lists.items():
        out[field] = [names.get(i, "") for i in ids]
    return out


def get_event(store: Store, event_id: int) -> dict[str, Any]:
    row = store.row("events", event_id)
    if row is None:
        raise StoreError(f"no event with id {event_id}")
    return row


def _start_review(tx: Tx, event_id: int) -> Callable[[], None]:
    """The articles reporting an event move from 'new' to 'in_review' with the first decision
    on it, in the same action (so one undo puts both back). Their read goes with the next
    statement (on a server, with the event's row lock: no round trip of its own under the
    locks); call the returned function after it, once the event's UPDATE is on its way."""
    later = read_many_later(
        tx.store,
        "articles",
        "SELECT a.* FROM articles a WHERE a.status = 'new' AND a.id IN "
        "(SELECT article_id FROM event_sources WHERE event_id = ? "
        "UNION SELECT article_id FROM events WHERE id = ?) ORDER BY a.id",
        [event_id, event_id],
    )  # in a shared write locked, and those no longer 'new' once unlocked left out

    def finish() -> None:
        for row in later():
            tx.update("articles", row["id"], {"status": "in_review"}, current=row)

    return finish


def _locked(
    tx: Tx, event_id: int, expected_version: int | None, rules: str
) -> tuple[dict[str, Any], Callable[[], None], Facts | None, Callable[[], Any] | None]:
    """What a decision or an edit reads under its locks, in one round trip on a server: the
    event (locked), its articles still 'new' (locked), what the confirm rules read
    (`checks.facts_later`; `rules`: "always", "if confirmed" (already) or "never") and,
    should the version given be stale, who changed it last. Returns the event, the
    `_start_review` step, the facts and who."""
    event = tx.get_later("events", event_id)
    review = _start_review(tx, event_id)
    facts = None
    if rules != "never":
        facts = facts_later(tx.store, event_id, if_confirmed=rules == "if confirmed")
    who = None
    if expected_version is not None:
        who = last_change_later(tx.store, "events", event_id)
    return event(), review, facts, who


def update_event(
    store: Store,
    event_id: int,
    values: dict[str, Any],
    *,
    expected_version: int | None = None,
    action: str = "edit-event",
) -> dict[str, Any]:
    """Change fields of one event; refused if it moved past `expected_version`. On a
    server beside other analysts' writes, alone if it names someone or something new.
    The values are checked against the event as its lock finds it (an invalid value is
    refused before anything is written: the transaction is rolled back)."""

    def edit(shared: bool) -> dict[str, Any]:
        with change(store, action, shared=shared) as tx:
            # The names go with the locks' round trip: none of their own under the locks.
            names = _names_in(values)
            found = find_many_later(store, names)
            locked, review, facts, who = _locked(tx, event_id, expected_version, "if confirmed")
            check_event_writable(store, locked)
            clean = validate(values, plain_values(locked))
            tx.expect("events", locked, expected_version, who)
            cols = _to_columns(tx, clean, found(), names)
            if locked.get("incomplete"):
                cols["incomplete"] = _still_missing(locked["incomplete"], cols)
            cols.update(edited=1, updated_at=now())
            if locked.get("reviewed_by"):  # what the reviewer passed is no longer here
                cols.update(reviewed_by=None, reviewed_at=None)
            row = tx.update(
                "events", event_id, cols, expected_version=expected_version, current=locked
            )
            review()
            if row["status"] == "confirmed":
                check_confirmable(store, row, facts)  # an edit cannot make it incomplete
            return row

    return attempt(store, edit)


# The extractor's `incomplete` marks and the column the analyst fills to clear each.
_MARKS = {"actor1": "actor1_id", "date": "event_date", "location": "place_id"}


def _still_missing(marks: str, cols: dict[str, Any]) -> str | None:
    """The marks left after an edit: a field the analyst has now set is no longer missing
    (a date they typed is theirs, even when it equals the publication date used before)."""
    left = [m for m in marks.split(", ") if not cols.get(_MARKS.get(m, m))]
    return ", ".join(left) or None


def set_status(
    store: Store, event_id: int, status: str, *, expected_version: int | None = None
) -> dict[str, Any]:
    """Confirm, reject, or put back to proposed: one logged action."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    verb = {"confirmed": "confirm-event", "rejected": "reject-event"}.get(status, "reopen-event")

    def decide(shared: bool) -> dict[str, Any]:
        with change(store, verb, shared=shared) as tx:
            confirm = status == "confirmed"
            rules = "always" if confirm else "never"
            current, review, facts, who = _locked(tx, event_id, expected_version, rules)
            if current["status"] == "merged":
                raise StoreError(f"event {event_id} was merged into event {current['merged_into']}")
            check_event_writable(store, current)
            tx.expect("events", current, expected_version, who)  # before the rules: says who
            values: dict[str, Any] = {"status": status, "updated_at": now()}
            if not confirm:
                values.update(reviewed_by=None, reviewed_at=None)
            else:
                check_confirmable(store, current, facts)
                values.update(confirmed_by=store.analyst, confirmed_at=now())
            row = tx.update(
                "events", event_id, values, expected_version=expected_version, current=current
            )
            review()
            return row

    return attempt(store, decide)  # beside other analysts' writes on a server


def add_event(
    store: Store,
    article_id: int | None,
    values: dict[str, Any],
    *,
    quote: str = "",
    start: int | None = None,
    end: int | None = None,
    status: str = "proposed",
    origin: str = "analyst",
) -> int:
    """Create an event (with its source quote when an article is given)."""
    clean = validate(values)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    if article_id is not None and store.row("articles", article_id) is None:
        raise StoreError(f"no article with id {article_id}")
    with change(store, "add-event") as tx:
        cols = _to_columns(tx, clean)
        stamp = now()
        row = {
            "article_id": article_id,
            "status": status,
            "origin": origin,
            "edited": 1,
            "created_at": stamp,
            "updated_at": stamp,
            **cols,
        }
        if status == "confirmed":
            row.update(confirmed_by=store.analyst, confirmed_at=stamp)
        if article_id is not None and blind_assignment(store, article_id) is not None:
            row["coder"] = store.analyst  # a double-coded article: on the coder's own copy
            check_event_writable(store, {"id": "new", **row})
        event_id = tx.insert("events", row)
        if article_id is not None:
            tx.insert(
                "event_sources",
                {
                    "event_id": event_id,
                    "article_id": article_id,
                    "quote": quote,
                    "start": start,
                    "end": end,
                },
            )
        if status == "confirmed":
            check_confirmable(store, tx.get("events", event_id))
        _start_review(tx, event_id)()  # after the sources above are written
        return event_id


def merge_events(store: Store, keep_id: int, other_ids: list[int]) -> dict[str, Any]:
    """Fold events into `keep_id`: their sources join it, empty fields are filled, the
    others get status 'merged' (kept, pointing at the survivor)."""
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise ValueError("merging needs at least two different events")
    with change(store, "merge-events") as tx:
        keep = tx.get("events", keep_id)
        check_event_writable(store, keep)
        if keep["status"] == "merged":
            raise StoreError(f"event {keep_id} was already merged into event {keep['merged_into']}")
        fill: dict[str, Any] = {}
        counts = [keep["fatalities"]] if keep["fatalities"] is not None else []
        have = {
            (s["article_id"], s["start"])
            for s in store.query(
                "SELECT article_id, start FROM event_sources WHERE event_id = ?", [keep_id]
            )
        }
        for other_id in others:
            other = tx.get("events", other_id)
            check_event_writable(store, other)
            if other.get("coder") != keep.get("coder"):
                raise StoreError(f"events {keep_id} and {other_id} are in different copies")
            if other["status"] == "merged":
                raise StoreError(
                    f"event {other_id} was already merged into event {other['merged_into']}"
                )
            for col in MERGE_FILLED:
                if not keep[col] and not fill.get(col) and other[col]:
                    fill[col] = other[col]
                    if col == "event_date":  # a date comes with its precision
                        fill["date_precision"] = other["date_precision"]
            if other["fatalities"] is not None:
                counts.append(other["fatalities"])
            for src in store.query("SELECT * FROM event_sources WHERE event_id = ?", [other_id]):
                if (src["article_id"], src["start"]) in have:
                    continue
                have.add((src["article_id"], src["start"]))
                src = {k: v for k, v in src.items() if k not in ("id", "version")}
                tx.insert("event_sources", {**src, "event_id": keep_id})
            tx.update(
                "events",
                other_id,
                {"status": "merged", "merged_into": keep_id, "updated_at": now()},
            )
        if counts:
            # ACLED codes the most conservative figure; the spread is kept as low/high.
            fill.update(
                fatalities=min(counts),
                fatalities_low=min(counts + [keep["fatalities_low"] or min(counts)]),
                fatalities_high=max(counts + [keep["fatalities_high"] or 0]),
            )
        fill.update(edited=1, updated_at=now())
        row = tx.update("events", keep_id, fill)
        _start_review(tx, keep_id)()  # after the sources above are written
        return row


def set_article_status(store: Store, article_id: int, status: str) -> dict[str, Any]:
    """Mark an article done or back in review; an analyst it is assigned to marks their
    assignment (for a double-coded article: their own copy, frozen when done)."""
    if status not in ("new", "in_review", "done"):
        raise ValueError("article status must be new, in_review or done")
    if status != "new" and store.scalar(
        "SELECT count(*) FROM assignments WHERE article_id = ? AND analyst = ?",
        [article_id, store.analyst],
    ):
        return set_copy_done(store, article_id, status == "done")
    with change(store, "toggle-article-done") as tx:
        return tx.update("articles", article_id, {"status": status})
