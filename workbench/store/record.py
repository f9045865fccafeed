"""Provides the event record, declared once: every field an event shows the outside world.

Each `Field` says what the field is called (the JSONL/GeoJSON key, the `events_flat`
column, the name the event API and `events update --set` take), where its value comes from
(an `events` column, or an attribute of the place entity), its kind, its label and help text,
the ACLED column of the same meaning and whether analysts edit it. From this list come:

- the exports (`workbench.export`: JSONL and GeoJSON keys in this order, the CSV's ACLED
  cells by `acled` name and our own columns after them);
- the Datasette metadata (the `help` texts) and the `events_flat` view (`flat_view_sql`);
- the edit form (`label`, `choices`, `editable`) and the review panel (`short`);
- the store's coercion of edited values (`store.events.validate`, by kind).

Lists elsewhere that share field names are other facts: ACLED's column order
(`export/csv.ACLED_COLUMNS`), the fields that make two imported events the same
(`export/importer.SAME_FIELDS`). The extractor's `EventProposal` holds, typed, every field
an analyst edits: those members are generated from this list (`tools/proposal-fields`, by
`PY_TYPES`; `make lint` fails when they are stale), and what it writes follows this list
(`extract/persist.PROPOSED`). `bench/record-fields` finds every list of the record.

Adding a field: one `Field` here, plus a migration that adds its `events` column and ends
with `create_flat_view(db)` (an editable one: run `tools/proposal-fields` too, which writes
its member of the extractor's proposal); `tests/test_record.py` follows a field into every
format.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# What a kind holds, and how it is stored and shown.
KINDS = {
    "id": "the event id (an integer)",
    "choice": "text from a small closed set (`choices` names the set)",
    "date": "an ISO date, YYYY-MM-DD",
    "int": "a whole number, not negative",
    "score": "a number from 0 to 1",
    "text": "free text",
    "analyst": "an analyst's name",
    "time": "an ISO 8601 UTC timestamp",
    "actor": "an entity name; the column holds the entity id",
    "actors": "a list of entity names; the column holds a JSON list of entity ids",
    "place": "a place entity's name; the column holds the entity id",
    "place_text": "a text attribute of the place entity (`attr`), '' when missing",
    "place_number": "a number attribute of the place entity (`attr`), null when missing",
}
# How code holds a value of each kind, and its value when nothing sets it (the `events`
# column's default; a field's own `default` comes first). The extractor's typed proposal
# (extract/model.py) is generated from these and FIELDS by tools/proposal-fields.
PY_TYPES: dict[str, tuple[str, str | float | list[str] | None]] = {
    "id": ("int | None", None), "choice": ("str", ""), "date": ("str | None", None),
    "int": ("int | None", None), "score": ("float", 0.0), "text": ("str", ""),
    "analyst": ("str | None", None), "time": ("str | None", None),
    "actor": ("str | None", None), "actors": ("list[str]", []), "place": ("str | None", None),
    "place_text": ("str", ""), "place_number": ("float | None", None),
}  # fmt: skip
NUMERIC_KINDS = frozenset({"id", "int", "score", "place_number"})
PLACE_KINDS = frozenset({"place", "place_text", "place_number"})
# The events column every place-derived field reads.
PLACE_COLUMN = "place_id"

PRECISIONS = ("day", "week", "month", "unknown")  # ACLED time precision 1, 2, 3; unknown
GEO_PRECISIONS = (1, 2, 3)  # ACLED: exact place, near it, only the region
STATUSES = ("proposed", "confirmed", "rejected")  # what analysts set; 'merged' is internal


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # one of KINDS
    label: str  # the edit form's label
    help: str  # what it means (Datasette, the README's export table)
    acled: str | None = None  # the ACLED column of the same meaning
    editable: bool = False  # analysts change it (edit form, `events update --set`)
    column: str | None = None  # its `events` column (default: the name; none for place_*)
    attr: str | None = None  # place_text / place_number: the place entity's attribute
    choices: str | None = None  # choice fields: "status", "precision", "event type" ...
    short: str | None = None  # the review panel's label; None: not shown there
    # Merging events: the kept event takes the first merged one's value when it has none.
    # (Fatalities merge by their own rule, store.events.merge_events.)
    fill_on_merge: bool = False
    default: str | float | None = None  # when nothing sets it; None: the kind's (PY_TYPES)

    @property
    def source(self) -> str:
        """The `events` column the value is read from."""
        if self.kind in PLACE_KINDS:
            return PLACE_COLUMN
        return self.column or self.name

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    def sql(self, names: dict[str, str], backend: ModuleType) -> str:
        """Its expression in `events_flat`, over `e` (events) and `names` (alias of the
        entity-name join for each id column, e.g. {"actor1_id": "a1"}); what has no
        portable spelling (JSON) comes from the backend's fragments."""
        if self.kind in ("actor", "place"):
            return f"coalesce({names[self.source]}.name, '')"
        if self.kind == "actors":
            names_of_ids = (
                f"FROM {backend.json_ints(f'e.{self.source}')} j "
                "LEFT JOIN names n ON n.id = j.value"
            )
            return str(backend.json_list("coalesce(n.name, '')", names_of_ids, order="j.key"))
        if self.kind == "place_text":
            return f"coalesce({backend.json_value(f'{names[self.source]}.attrs', self.attr)}, '')"
        if self.kind == "place_number":
            return str(backend.json_number(f"{names[self.source]}.attrs", self.attr))
        return f"e.{self.source}"


FIELDS: tuple[Field, ...] = (
    Field("event_id", "id", "Event", "Event id in this database (events.id).", column="id"),
    Field("status", "choice", "Status", "proposed (by the extractor or an analyst), confirmed "
          "or rejected by an analyst.", choices="status"),
    Field("event_date", "date", "Date", "Date of the event, ISO YYYY-MM-DD (the first day of "
          "the week or month when the precision is coarser).", acled="event_date",
          editable=True, short="date", fill_on_merge=True),
    Field("date_precision", "choice", "Precision", "day, week or month (ACLED time_precision "
          "1, 2, 3), or unknown.", editable=True, choices="precision", short="precision",
          default="unknown"),
    Field("event_type", "choice", "Event type", "ACLED event type (from the codebook).",
          acled="event_type", editable=True, choices="event type", short="type",
          fill_on_merge=True),
    Field("sub_event_type", "choice", "Sub-event type", "ACLED sub-event type (from the "
          "codebook).", acled="sub_event_type", editable=True, choices="sub-event type",
          short="sub-type", fill_on_merge=True),
    Field("actor1", "actor", "Actor 1", "Canonical name of the first actor (ACLED: no "
          "direction implied).", acled="actor1", editable=True, column="actor1_id",
          short="actor 1", fill_on_merge=True),
    Field("assoc_actor_1", "actors", "Assoc. actors 1", "Actors associated with actor1 (JSON "
          "list of names).", acled="assoc_actor_1", editable=True, short="assoc. 1"),
    Field("actor2", "actor", "Actor 2", "Canonical name of the second actor, empty when there "
          "is none.", acled="actor2", editable=True, column="actor2_id", short="actor 2",
          fill_on_merge=True),
    Field("assoc_actor_2", "actors", "Assoc. actors 2", "Actors associated with actor2 (JSON "
          "list of names).", acled="assoc_actor_2", editable=True, short="assoc. 2"),
    Field("location", "place", "Location", "Canonical name of the place.", acled="location",
          editable=True, short="location", fill_on_merge=True),
    Field("admin1", "place_text", "Admin 1", "First-level administrative region of the place.",
          acled="admin1", attr="admin1"),
    Field("country", "place_text", "Country", "Country of the place.", acled="country",
          attr="country"),
    Field("latitude", "place_number", "Latitude", "Latitude of the place (WGS 84).",
          acled="latitude", attr="latitude"),
    Field("longitude", "place_number", "Longitude", "Longitude of the place (WGS 84).",
          acled="longitude", attr="longitude"),
    Field("geo_precision", "int", "Geo precision", "ACLED spatial precision: 1 exact place, 2 "
          "near it, 3 only the region.", acled="geo_precision", editable=True,
          choices="geo precision", short="geo prec", fill_on_merge=True),
    Field("fatalities", "int", "Fatalities", "Reported fatalities, the most conservative "
          "figure (ACLED convention).", acled="fatalities", editable=True, short="killed"),
    Field("fatalities_low", "int", "Fatalities low", "Lowest figure reported when sources "
          "disagree.", editable=True),
    Field("fatalities_high", "int", "Fatalities high", "Highest figure reported when sources "
          "disagree.", editable=True),
    Field("notes", "text", "Notes", "Short description of the event, written or kept by the "
          "analyst.", acled="notes", editable=True, short="notes"),
    Field("confidence", "score", "Confidence", "Extractor's confidence in the proposal, 0 to 1.",
          editable=True, short="conf.", default=0.5),
    Field("confirmed_by", "analyst", "Confirmed by", "Analyst who confirmed the event."),
    Field("confirmed_at", "time", "Confirmed at", "When it was confirmed (UTC, ISO 8601)."),
    Field("reviewed_by", "analyst", "Reviewed by", "Reviewer who passed the confirmed event "
          "(for a double-coded event, who adjudicated it); empty until reviewed."),
    Field("reviewed_at", "time", "Reviewed at", "When it was reviewed (UTC, ISO 8601)."),
)  # fmt: skip
BY_NAME = {f.name: f for f in FIELDS}

# Every source of an event: the article and the evidence quote with its character span.
# The record's last member, `sources`, is the list of them.
SOURCE_FIELDS = ("article_id", "file", "title", "url", "published", "quote", "start", "end",
                 "outlet", "content_hash")  # fmt: skip
# The members that differ between two sources from one article (the rest are the article's).
PER_SOURCE = frozenset({"quote", "start", "end"})
SOURCES_HELP = (
    "Articles reporting the event (JSON list of {article_id, file, title, url, published, "
    "quote, start, end, outlet, content_hash}; start/end are character offsets of the quote "
    "in the article text)."
)
RECORD_FIELDS = (*(f.name for f in FIELDS), "sources")

EDITABLE = tuple(f.name for f in FIELDS if f.editable)
# The events columns a merge fills in the kept event from the merged ones.
MERGE_FILLED = tuple(f.source for f in FIELDS if f.fill_on_merge)
# An analyst's decision on an event, carried with it by an export and taken by an import.
DECISION = tuple(f.name for f in FIELDS if f.name == "status" or f.kind in ("analyst", "time"))
# The events columns that hold entity ids: one each, and JSON lists of them.
ENTITY_COLUMNS = tuple(dict.fromkeys(f.source for f in FIELDS if f.kind in ("actor", "place")))
ENTITY_LIST_COLUMNS = tuple(f.source for f in FIELDS if f.kind == "actors")
# Editable fields whose values name entities, resolved to (or creating) entities on save.
NAME_FIELDS = {f.name: f.source for f in FIELDS if f.editable and f.kind in ("actor", "place")}
LIST_FIELDS = tuple(f.name for f in FIELDS if f.editable and f.kind == "actors")


def create_flat_view(db: Database) -> None:
    """(Re)create the `events_flat` view from FIELDS: each migration that changes the record
    ends with this. Fields whose `events` column a later migration adds are left out until
    then (that migration's own call adds them), so every step of a fresh database's
    migrations makes a view the server accepts."""
    from .backends import fragments  # here: record.py stays importable on its own

    present = {d[0] for d in db.execute("SELECT * FROM events WHERE 1 = 0").description}
    db.execute("DROP VIEW IF EXISTS events_flat")
    db.execute(flat_view_sql(fragments(db), present))


def flat_view_sql(backend: ModuleType, columns: set[str] | None = None) -> str:
    """`CREATE VIEW events_flat`: one row per shared event (merged-away ones and blind
    coders' copies left out, as in exports), the record's fields in order with names instead
    of ids; lists are JSON arrays (JSON text on both backends). Entity merges are followed
    (a merged entity shows its survivor's name). `columns`: the `events` columns that exist
    (None: all the record reads)."""
    fields = [f for f in FIELDS if columns is None or f.source in columns]
    id_columns = list(dict.fromkeys(f.source for f in fields if f.kind in ("actor", "place")))
    aliases = {c: f"n_{c.removesuffix('_id')}" for c in id_columns}
    selected = [f"{f.sql(aliases, backend)} AS {f.name}" for f in fields]
    members = ", ".join(f"'{name}', {_SOURCE_SQL[name]}" for name in SOURCE_FIELDS)
    sources = backend.json_list(
        backend.json_object(members),
        "FROM event_sources s JOIN articles a ON a.id = s.article_id WHERE s.event_id = e.id",
        order="s.id",
        of_objects=True,
    )
    selected.append(f"{sources} AS sources")
    joins = "\n".join(
        f"        LEFT JOIN names {alias} ON {alias}.id = e.{column}"
        for column, alias in aliases.items()
    )
    body = ",\n            ".join(selected)
    return f"""
        CREATE VIEW events_flat AS
        WITH RECURSIVE live(id, live_id, depth) AS (
            SELECT id, id, 0 FROM entities WHERE merged_into IS NULL
            UNION ALL
            SELECT x.id, live.live_id, live.depth + 1
            FROM entities x JOIN live ON x.merged_into = live.id
            WHERE live.depth < 1000
        ),
        names(id, name, attrs) AS MATERIALIZED (
            SELECT live.id, n.canonical, {backend.json_doc("n.attrs")}
            FROM live JOIN entities n ON n.id = live.live_id
        )
        SELECT
            {body}
        FROM events e
{joins}
        WHERE e.status != 'merged' AND e.coder IS NULL
        """


# How each source member is read, over event_sources `s` and articles `a`. A stub article
# (known only from another analyst's export, see export/importer.py) stores 'stub:<hash>'
# so that ingesting the real article later is not mistaken for a duplicate; records show
# <hash>. A JSONL/CSV record's `file` is its record id.
_SOURCE_SQL = {
    "article_id": "s.article_id",
    "file": "coalesce(nullif(a.record_id, ''), a.file)",
    "title": "a.title",
    "url": "a.url",
    "published": "a.published",
    "quote": "s.quote",
    "start": "s.start",
    "end": "s.end",
    "outlet": "a.outlet",
    "content_hash": "CASE WHEN a.content_hash LIKE 'stub:%' THEN substr(a.content_hash, 6) "
    "ELSE a.content_hash END",
}


def source_sql(names: tuple[str, ...] = SOURCE_FIELDS) -> str:
    """Source members (default: all, in SOURCE_FIELDS order) as a SELECT list over `s` and
    `a`."""
    return ", ".join(_SOURCE_SQL[name] for name in names)
