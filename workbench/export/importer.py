"""Provides `import_events`: load another analyst's JSONL export into this database.

The whole import is one logged, undoable action (`import-events`): undo takes every row it
added or changed back. Decisions, in order, for each record:

- **Articles** are matched by content hash, url, or file name and title; one we lack
  becomes a stub (see `import_articles.py`). Quotes keep their spans; in a matched article
  whose text differs, a quote found elsewhere in the text is re-anchored.
- **Duplicates**: an event already here is not added again. It is the same event when it
  quotes the same words at the same place of the same article and has the same date and
  sub-event type (or is an untouched proposal), or when it has the same date, types,
  actor1, actor2, place and fatalities. Each event here matches at most one record: two
  records of one export are two events. A duplicate gains the sources it lacks; an
  untouched machine proposal (proposed, never edited) takes the imported fields and
  status, since the other analyst's curation beats a raw proposal. Otherwise this
  database's curation is kept.
- **Entities** are matched by canonical name or alias (`find_or_create`) and created when
  unknown (origin `import`); a new place takes the record's admin1, country and
  coordinates, an existing place only gains those it lacks.
- **Statuses** and who confirmed when are kept as exported.

A record that fails validation stops the import with its line number; nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.names import name_key
from ..store import Store, Tx, change, now
from ..store.entities import create_entity, find_entity
from ..store.events import validate
from ..store.ids import last_event_id
from ..store.record import BY_NAME, DECISION, EDITABLE, STATUSES
from ..store.record import FIELDS as RECORD
from .import_articles import ArticleMatcher
from .import_read import parse_jsonl, read_jsonl

__all__ = ["ImportReport", "import_events", "import_file", "parse_jsonl", "read_jsonl"]

# The record fields an import takes: exactly the fields an analyst can edit.
FIELDS = EDITABLE
# Two events are the same when these fields are (or the same quote says so: `same_span`).
SAME_FIELDS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
               "fatalities")  # fmt: skip
# The record's place attributes (admin1, country, coordinates): a new place takes them.
PLACE_ATTRS = {f.name: str(f.attr) for f in RECORD if f.kind in ("place_text", "place_number")}


class DryRun(Exception):
    """Raised inside the import transaction to roll it back."""


@dataclass
class ImportReport:
    records: int = 0
    added: int = 0
    duplicates: int = 0
    adopted: int = 0
    sources_added: int = 0
    articles_matched: int = 0
    articles_stubbed: int = 0
    action_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self, *, dry_run: bool = False) -> str:
        verb = "would import" if dry_run else "imported"
        text = (
            f"{verb} {self.records} record(s): {self.added} new event(s), "
            f"{self.duplicates} already here ({self.adopted} untouched proposal(s) took the "
            f"imported curation, {self.sources_added} source(s) added); articles: "
            f"{self.articles_matched} matched, {self.articles_stubbed} stub(s) created"
        )
        if self.action_id is not None:
            text += f". Action {self.action_id}: `workbench undo` takes it back."
        return "\n".join([text, *self.notes])


class Importer:
    """One import, inside one `change()` transaction."""

    def __init__(self, tx: Tx, origin: str):
        self.tx = tx
        self.store = tx.store
        self.origin = origin
        self.report = ImportReport()
        self.articles = ArticleMatcher(tx, origin)
        self.claimed: set[int] = set()
        # Entities by (kind, name key), and the attributes of places this import touched.
        self.entities: dict[tuple[str, str], int | None] = {}
        self.place_attrs: dict[int, dict[str, Any]] = {}
        self.created: set[int] = set()  # entities this import added
        # New events and sources wait here and go in together at the end (`flush`: COPY on
        # a server): records never match an event the import itself adds (`claimed`), so
        # nothing reads them back before then. New events take their ids as they come.
        self.new_events: list[dict[str, Any]] = []
        self.new_sources: list[dict[str, Any]] = []
        self.pending: set[tuple[Any, ...]] = set()  # (event id, source) of new_sources
        self.first_id: int | None = None  # the first new event's id
        self.next_id = 0

    # -- entities ------------------------------------------------------------------------

    def entity(self, kind: str, name: str, *, create: bool = True) -> int | None:
        """The entity `name` names (created when unknown and `create`), looked up once per
        import: inside its transaction only the import itself adds entities."""
        known = (kind, name_key(name))
        if known not in self.entities:
            self.entities[known] = find_entity(self.store, kind, name)
        if self.entities[known] is None and create:
            self.entities[known] = self.new_entity(kind, name, {})
        return self.entities[known]

    def new_entity(self, kind: str, name: str, attrs: dict[str, Any]) -> int:
        """An entity the import adds (no event here can name it yet)."""
        found = create_entity(self.tx, kind, name, attrs=attrs, origin="import")
        self.created.add(found)
        return found

    def place(self, name: str, record: dict[str, Any]) -> int:
        attrs = {
            attr: record[name]
            for name, attr in PLACE_ATTRS.items()
            if record.get(name) not in (None, "")
        }
        known = ("place", name_key(name))
        found = self.entity("place", name, create=False)
        if found is None:
            found = self.entities[known] = self.new_entity("place", name, attrs)
            self.place_attrs[found] = attrs
            return found
        have = self.place_attrs.get(found)
        if have is None:
            have = json.loads(self.tx.get("entities", found)["attrs"] or "{}")
        missing = {k: v for k, v in attrs.items() if have.get(k) in (None, "")}
        if missing:  # fill gaps only: this database's gazetteer wins where it has a value
            have = {**have, **missing}
            self.tx.update("entities", found, {"attrs": json.dumps(have)})
        self.place_attrs[found] = have
        return found

    def columns(self, clean: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
        """Validated public values -> events columns, creating unknown entities."""
        cols: dict[str, Any] = {}
        for name, value in clean.items():
            kind = BY_NAME[name].kind
            column = BY_NAME[name].source
            if kind == "actor":
                cols[column] = self.entity("actor", value) if value else None
            elif kind == "place":
                cols[column] = self.place(value, record) if value else None
            elif kind == "actors":
                cols[column] = json.dumps([self.entity("actor", n) for n in value])
            else:
                cols[column] = value
        return cols

    # -- events --------------------------------------------------------------------------

    def record(self, record: dict[str, Any]) -> None:
        line = record.get("_line", "?")
        self.report.notes += record.get("_warnings") or []
        try:
            clean = validate(
                {
                    f: record[f]
                    for f in FIELDS
                    if f in record
                    and not (record[f] is None and f in ("confidence", "date_precision"))
                }
            )
        except ValueError as exc:
            raise ValueError(f"{self.origin}:{line}: {exc}") from None
        status = record.get("status") or "proposed"
        if status not in STATUSES:
            raise ValueError(f"{self.origin}:{line}: status {status!r} is not one of {STATUSES}")
        self.report.records += 1
        sources = [self.source(s, line) for s in record.get("sources") or []]
        existing = self.same_span(sources, clean) or self.same_fields(clean)
        decision = {
            **{name: record.get(name) for name in DECISION},
            "status": status,
            "edited": 0 if status == "proposed" else 1,
            "updated_at": now(),
        }
        if existing is None:
            cols = self.columns(clean, record)
            if self.first_id is None:  # the write lock is held: nobody else adds events
                self.first_id = self.next_id = last_event_id(self.store.conn) + 1
            event_id, self.next_id = self.next_id, self.next_id + 1
            self.new_events.append(
                {
                    "id": event_id,
                    "article_id": sources[0]["article_id"] if sources else None,
                    "origin": "import",
                    "created_at": decision["updated_at"],
                    **decision,
                    **cols,
                }
            )
            self.report.added += 1
        else:
            event_id = existing
            self.report.duplicates += 1
            current = self.tx.get("events", event_id)
            if current["status"] == "proposed" and not current["edited"]:
                values = {**self.columns(clean, record), **decision}
                differs = {k: v for k, v in values.items() if current[k] != v}
                if set(differs) - {"updated_at"}:
                    self.tx.update("events", event_id, differs)
                    self.report.adopted += 1
        # Two records of one export are two events: each event here matches one record.
        self.claimed.add(event_id)
        for src in sources:
            if self.add_source(event_id, src) and existing is not None:
                self.report.sources_added += 1

    def source(self, src: Any, line: Any) -> dict[str, Any]:
        if not isinstance(src, dict):
            raise ValueError(f"{self.origin}:{line}: a source must be an object")
        article_id = self.articles.match(src)
        start, end = self.articles.anchored(article_id, src)
        return {
            "article_id": article_id,
            "quote": str(src.get("quote") or ""),
            "start": start,
            "end": end,
        }

    def same_span(self, sources: list[dict[str, Any]], clean: dict[str, Any]) -> int | None:
        """An event here quoting the same words at the same place of the same article.

        One sentence can report two events ("shot down a jet, then airstrikes ..."), so a
        shared quote is enough only with the same date and sub-event type, or when the event
        here is an untouched machine proposal (which the import then overwrites).
        """
        candidates: list[dict[str, Any]] = []
        for src in sources:
            if not src["quote"] and src["start"] is None:
                continue
            if src["article_id"] in self.articles.stubs:
                continue  # a stub this import made: only its own events have its sources
            candidates += self.store.query(
                "SELECT e.id, e.event_date, e.sub_event_type, e.status, e.edited "
                "FROM event_sources s JOIN events e ON e.id = s.event_id "
                "WHERE s.article_id = ? AND s.start IS NOT DISTINCT FROM ? "
                'AND s."end" IS NOT DISTINCT FROM ? AND s.quote = ? '
                "AND e.status != 'merged' AND e.coder IS NULL ORDER BY e.id",
                [src["article_id"], src["start"], src["end"], src["quote"]],
            )
        candidates = [c for c in candidates if c["id"] not in self.claimed]
        for c in candidates:
            if (c["event_date"], c["sub_event_type"]) == (
                clean.get("event_date"),
                clean.get("sub_event_type") or "",
            ):
                return c["id"]
        for c in candidates:
            if c["status"] == "proposed" and not c["edited"]:
                return c["id"]
        return None

    def same_fields(self, clean: dict[str, Any]) -> int | None:
        if not (clean.get("event_date") or clean.get("actor1") or clean.get("location")):
            return None  # too little to call two events the same
        values = []
        for name in SAME_FIELDS:
            value, kind = clean.get(name), BY_NAME[name].kind
            if kind in ("actor", "place"):
                found = self.entity(kind, value, create=False) if value else None
                if value and (found is None or found in self.created):
                    return None  # a name new here: no event here can have it but the import's
                value = found
            elif kind == "choice":
                value = value or ""
            values.append(value)
        found = self.store.conn.execute(
            "SELECT id FROM events WHERE status != 'merged' AND coder IS NULL AND "
            + " AND ".join(f"{BY_NAME[n].source} IS NOT DISTINCT FROM ?" for n in SAME_FIELDS)
            + " ORDER BY id",
            values,
        )
        return next((i for (i,) in found if i not in self.claimed), None)

    def add_source(self, event_id: int, src: dict[str, Any]) -> bool:
        same = (event_id, src["article_id"], src["start"], src["end"], src["quote"])
        if same in self.pending:
            return False
        if self.first_id is None or event_id < self.first_id:  # an event already here
            exists = self.store.scalar(
                "SELECT id FROM event_sources WHERE event_id = ? AND article_id = ? "
                'AND start IS NOT DISTINCT FROM ? AND "end" IS NOT DISTINCT FROM ? '
                "AND quote = ?",
                list(same),
            )
            if exists is not None:
                return False
        self.pending.add(same)
        self.new_sources.append({"event_id": event_id, **src})
        return True

    def flush(self) -> None:
        """Write the new events, then their sources (after the entities and articles they
        point to, so undo removes them first)."""
        self.tx.insert_many("events", self.new_events)
        self.tx.insert_many("event_sources", self.new_sources)
        self.new_events, self.new_sources = [], []


def import_events(
    store: Store, records: list[dict[str, Any]], *, origin: str = "import", dry_run: bool = False
) -> ImportReport:
    """Import export records as one logged action (rolled back when `dry_run`)."""
    importer: Importer | None = None
    try:
        with change(store, "import-events") as tx:
            importer = Importer(tx, origin)
            for record in records:
                importer.record(record)
            importer.flush()
            if dry_run:
                raise DryRun
        importer.report.action_id = tx.action_id
    except DryRun:
        pass
    assert importer is not None
    importer.report.articles_matched = importer.articles.matched
    importer.report.articles_stubbed = importer.articles.stubbed
    return importer.report


def import_file(store: Store, path: str, *, dry_run: bool = False) -> ImportReport:
    origin = "stdin" if path == "-" else Path(path).name
    return import_events(store, read_jsonl(path), origin=origin, dry_run=dry_run)
