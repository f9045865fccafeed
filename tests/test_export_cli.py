"""`workbench export` through the CLI: formats, inference from -o, stdout, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from export_helpers import curate

from workbench.cli import main

pytestmark = pytest.mark.backends


@pytest.fixture
def curated_db(store, db_path):
    ids = curate(store)
    return db_path, ids


def run(db_path, *args):
    return CliRunner().invoke(main, ["--db", db_path, "export", *args])


def test_format_from_file_name_and_summary(curated_db, tmp_path):
    db_path, ids = curated_db
    for name, fmt in (("e.csv", "csv"), ("e.jsonl", "jsonl"), ("e.geojson", "geojson")):
        result = run(db_path, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert f"({fmt})" in result.output and "wrote 3 confirmed events" in result.output
    rows = list(csv.DictReader((tmp_path / "e.csv").open(newline="")))
    assert [int(r["event_id"]) for r in rows] == [ids["strike"], ids["clash"], ids["congo"]]


def test_stdout_needs_a_format_and_streams_records(curated_db):
    db_path, ids = curated_db
    result = run(db_path)
    assert result.exit_code != 0 and "choose a --format" in result.output
    result = run(db_path, "--format", "jsonl", "--status", "proposed")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["event_id"] == ids["attack"]


def test_filters_on_the_command_line(curated_db):
    db_path, ids = curated_db
    result = run(db_path, "--format", "csv", "--status", "all", "--since", "2017-04",
                 "--until", "2017-04-03", "--db", db_path)  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [int(r["event_id"]) for r in rows] == [ids["attack"], ids["congo"]]
    result = run(db_path, "--format", "csv", "--country", "DRC")  # an alias of the country
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert int(row["event_id"]) == ids["congo"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "choose a format"),
        (["--format", "csv", "--since", "yesterday"], "since must be YYYY"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--format", "csv", "-o", "/nonexistent/dir/x.csv"], "cannot write"),
    ],
)
def test_errors_are_one_line(curated_db, args, message):
    db_path, _ = curated_db
    result = run(db_path, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
