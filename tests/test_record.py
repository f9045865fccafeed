"""The event record is declared once (store/record.py): every format, the view, the
Datasette metadata, the edit form and the store's checks follow it.

The last test adds a field to the declaration (in a fresh interpreter, the way a developer
would: one `Field` line, plus the migration's ALTER TABLE and `create_flat_view`) and
follows it into the JSONL, GeoJSON and CSV exports, `events_flat`, the metadata, the edit
form, the review panel and `events update --set`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path

import pytest

from workbench.extract.model import PROPOSAL_MEMBER, EventProposal
from workbench.store import Store
from workbench.store.backends import sqlite
from workbench.store.events import validate
from workbench.store.record import (
    EDITABLE,
    FIELDS,
    KINDS,
    PY_TYPES,
    RECORD_FIELDS,
    flat_view_sql,
)

ROOT = Path(__file__).resolve().parent.parent


def test_every_field_is_well_formed():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    for f in FIELDS:
        assert f.kind in KINDS, f.name
        assert f.label and f.help.endswith("."), f.name
        assert f.kind != "choice" or f.choices, f.name  # a choice names its set
        assert f.choices is None or f.kind in ("choice", "int"), f.name
        assert (f.attr is not None) == f.kind.startswith("place_"), f.name


def test_a_fresh_database_has_the_declared_view(store):
    (sql,) = store.conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'events_flat'"
    ).fetchone()
    assert sql.strip() == flat_view_sql(sqlite).strip()
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(events_flat)")]
    assert columns == list(RECORD_FIELDS)


@pytest.mark.parametrize(
    "values, message",
    [
        ({"event_date": "3 Feb"}, "event_date must be YYYY-MM-DD"),
        ({"date_precision": "year"}, "date_precision must be one of day, week, month, unknown"),
        ({"geo_precision": "4"}, "geo_precision must be 1 (exact), 2 (near) or 3 (region)"),
        ({"fatalities": "-1"}, "fatalities cannot be negative"),
        ({"fatalities_low": "x"}, "fatalities_low must be a whole number"),
        ({"confidence": "2"}, "confidence must be between 0 and 1"),
        ({"sub_event_type": "Picnic"}, "'Picnic' is not a sub-event type in the codebook"),
        ({"latitude": "1"}, "unknown field 'latitude'"),
    ],
)
def test_edited_values_are_checked_by_kind(values, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate(values)


def test_the_extractors_proposal_members_are_generated_from_the_record():
    # `make lint` runs the same check; a stale block (a field added to the record but not
    # to the proposal) fails it.
    tool = [sys.executable, str(ROOT / "tools" / "proposal-fields"), "--check"]
    done = subprocess.run(tool, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    proposal = {f.name: f for f in fields(EventProposal)}
    for f in FIELDS:
        member = PROPOSAL_MEMBER.get(f.name, f.name)
        assert (member in proposal) == f.editable, f.name
        if f.editable:
            assert proposal[member].type == PY_TYPES[f.kind][0], f.name


def test_edited_values_are_cleaned_by_kind():
    clean = validate(
        {"fatalities": " 4 ", "assoc_actor_1": "A; B ;", "notes": "  x ", "confidence": "0.5"}
    )
    assert clean == {"fatalities": 4, "assoc_actor_1": ["A", "B"], "notes": "x",
                     "confidence": 0.5}  # fmt: skip
    assert set(EDITABLE) <= set(RECORD_FIELDS)


NEW_FIELD = """
import importlib.util, json, sys
from pathlib import Path

import workbench

# The developer's change: one Field in the declaration.
path = Path(workbench.__file__).parent / "store" / "record.py"
source = path.read_text(encoding="utf-8")
marker = ")  # fmt: skip\\nBY_NAME"
assert marker in source
line = (
    '    Field("witness", "text", "Witness", "Who saw the event.", acled=None, '
    'editable=True, short="witness"),\\n'
)
spec = importlib.util.spec_from_loader("workbench.store.record", loader=None)
record = importlib.util.module_from_spec(spec)
record.__file__, record.__package__ = str(path), "workbench.store"
sys.modules["workbench.store.record"] = record
exec(compile(source.replace(marker, line + marker, 1), str(path), "exec"), record.__dict__)

# ... and the migration at the end of migrations.py: the column, then the view.
from workbench.store.migrations import migrations
from workbench.store.record import create_flat_view


@migrations()
def m999_event_witness(db):
    db.execute("ALTER TABLE events ADD COLUMN witness TEXT")
    create_flat_view(db)


from workbench.export import export_to_file
from workbench.export.datasette import datasette_metadata
from workbench.store import Store, change
from workbench.store.entities import create_entity
from workbench.store.events import add_event, update_event

db, out = sys.argv[1], Path(sys.argv[2])
store = Store(db, analyst="dev")  # a fresh database, or one made before the change
with change(store, "add-place") as tx:
    create_entity(tx, "place", "Idlib", attrs={"country": "Syria", "latitude": 35.9,
                                               "longitude": 36.6})
event = add_event(store, None, {"sub_event_type": "Armed clash", "location": "Idlib",
                                "witness": "  a shepherd "})
update_event(store, event, {"witness": "=a shepherd"})
for fmt in ("jsonl", "csv", "geojson"):
    export_to_file(store, str(out / f"e.{fmt}"), fmt=fmt, status="all")
cur = store.conn.execute("SELECT * FROM events_flat")
flat = dict(zip([d[0] for d in cur.description], cur.fetchone()))
meta = None
if not store.is_postgres:  # Datasette reads SQLite files only
    meta = datasette_metadata(store)
    meta = meta["databases"][Path(db).stem]["tables"]["events_flat"]["columns"]["witness"]
from workbench.tui.screens.edit_event import FIELDS as FORM
from workbench.tui.widgets.event_fields import LABELS

# The extractor's typed proposal: tools/proposal-fields writes its member.
import importlib.machinery
tool = Path(workbench.__file__).parent.parent / "tools" / "proposal-fields"
loader = importlib.machinery.SourceFileLoader("proposal_fields", str(tool))
generator = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
loader.exec_module(generator)
members = generator.members().splitlines()
print(json.dumps({
    "flat": [list(flat)[-3:], flat["witness"], flat["latitude"]],
    "meta": meta,
    "form": FORM["witness"][0],
    "panel": dict(LABELS)["witness"],
    "proposal": [members[-1].strip(), len(members)],
}))
"""


@pytest.mark.parametrize("start", ["fresh", "made before"])
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_new_field_reaches_every_format(kind, start, tmp_path, request):
    """One Field and its migration reach both backends' events_flat, on a fresh database
    (every migration runs with the new field declared: the views of earlier steps must
    leave out its column, which does not exist yet) and on one made before the change."""
    db = str(tmp_path / "dev.db")
    if kind == "postgresql":
        db = request.getfixturevalue("pg_url")
    if start == "made before":
        Store(db, analyst="dev").close()
    script = tmp_path / "new_field.py"
    script.write_text(textwrap.dedent(NEW_FIELD), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), db, str(tmp_path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {
        "flat": [["reviewed_at", "witness", "sources"], "=a shepherd", 35.9],
        "meta": "Who saw the event." if kind == "sqlite" else None,
        "form": "Witness",
        "panel": "witness",
        # after the 15 editable fields, typed by its kind
        "proposal": ['witness: str = ""', 16],
    }
    [record] = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert list(record)[-3:] == ["reviewed_at", "witness", "sources"]
    assert record["witness"] == "=a shepherd"
    geo = json.loads((tmp_path / "e.geojson").read_text())
    assert geo["features"][0]["properties"] == record
    header, row = (tmp_path / "e.csv").read_text().splitlines()
    columns = header.split(",")
    assert columns[columns.index("reviewed_at") + 1] == "witness"
    # A text cell like any other: neutralised for spreadsheets.
    assert row.split(",")[columns.index("witness")] == "'=a shepherd"
