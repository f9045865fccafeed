"""Shared helpers for extractor tests: the events of a text published on a given day, and
the exported events of notes ingested through the CLI with their manifest."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from workbench.cli import main
from workbench.extract import extract


def helpers(published: str):
    """(events, one) for texts published on `published` unless a test says otherwise."""

    def events(text: str, on: str = published):
        return extract(text, on).events

    def one(text: str, on: str = published):
        found = events(text, on)
        assert len(found) == 1, [(e.sub_event_type, e.quote) for e in found]
        return found[0]

    return events, one


def ingest_notes(tmp_path: Path, notes: dict[str, tuple[str, str, str]]) -> list[dict]:
    """The exported events (JSONL records) of notes {file: (text, outlet, published)}
    ingested as a folder with its manifest: the product's path from outlet to extraction."""
    folder = tmp_path / "notes"
    folder.mkdir()
    rows = ["file,title,outlet,published,url"]
    for name, (text, outlet, published) in notes.items():
        (folder / name).write_text(text)
        rows.append(f"{name},,{outlet},{published},")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n")
    db = str(tmp_path / "w.db")
    out = CliRunner().invoke(main, ["--db", db, "ingest", str(folder)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    out = CliRunner().invoke(
        main, ["--db", db, "export", "--status", "all", "--format", "jsonl", "-o", "-"]
    )
    return [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
