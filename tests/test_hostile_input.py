"""Hostile input (issue 14, items 1, 4, 5, 12): every string from outside is cleaned where it
enters, every listing is safe on a dirty database, only regular files are read, and one bad
record is one error line while the rest of the batch is ingested. On a SQLite file and a
PostgreSQL server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store import Store

pytestmark = pytest.mark.backends

REPORT = "Government forces shelled Kafranbil on Monday, killing 6 civilians, residents said."
ESC = "\x1b]52;c;cHduZWQ=\x07\x1b]0;owned\x07\x1b[2J\x9b31m\x1b]8;;http://x\x1b\\"
BIDI = "\u202e"
BAD = ("\x1b", "\x07", "\x9b", "\x9d", BIDI, "\u2066")


def _cli(db: str, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False, env=env)


def _clean(value: object) -> bool:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return not any(b in text for b in BAD)


def _rows(db: str, sql: str) -> list[dict]:
    with Store(db) as store:
        return store.query(sql)


def test_every_field_of_an_ingested_record_is_cleaned(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "id": f"id{ESC}",
        "title": f"Title{ESC}",
        "outlet": f"Outlet{ESC}",
        "url": f"https://x/{ESC}",
        "published": "2020-01-01",
        "text": f"{REPORT} {ESC} and {BIDI}reversed",
        "extra": {f"k{ESC}": [f"v{ESC}"]},
    }
    (folder / f"feed{ESC[:9]}.jsonl").write_text(json.dumps(record) + "\n")
    (folder / f"a{ESC[:12]}.txt").write_text(REPORT)
    db = db_path
    result = _cli(db, "ingest", str(folder), "--no-extract")
    assert result.exit_code == 0, result.output
    rows = _rows(db, "SELECT file, record_id, title, outlet, url, text, meta FROM articles")
    assert len(rows) == 2
    for row in rows:
        assert all(_clean(v) for v in row.values()), row
    feed = next(r for r in rows if r["record_id"])
    assert "⟨U+202E⟩reversed" in feed["text"]  # shown, not obeyed
    assert json.loads(feed["meta"]) == {"extra": {"k": ["v"]}}  # whole sequences removed


def _export_record() -> dict:
    return {
        "status": "confirmed",
        "event_date": "2020-01-02",
        "sub_event_type": "Armed clash",
        "actor1": f"Rebels{ESC}",
        "actor2": f"Army{BIDI}",
        "assoc_actor_1": [f"Militia{ESC}"],
        "location": f"Town{ESC}",
        "notes": f"note{ESC}",
        "confirmed_by": f"eve{ESC}",
        "confirmed_at": "2020-01-03T00:00:00Z",
        "sources": [
            {
                "file": f"f{ESC}.txt",
                "title": f"t{ESC}",
                "url": f"https://u/{ESC}",
                "outlet": f"o{ESC}",
                "quote": f"q{ESC}",
                "content_hash": "abc",
            }
        ],
    }


def test_import_events_cleans_every_string_it_stores(tmp_path, db_path):
    path = tmp_path / "colleague.jsonl"
    path.write_text(json.dumps(_export_record()) + "\n")
    db = db_path
    result = _cli(db, "import-events", str(path))
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        for table in ("articles", "entities", "aliases", "events", "event_sources", "actions"):
            for row in store.query(f"SELECT * FROM {table}"):
                assert all(_clean(v) for v in row.values()), (table, row)


def test_the_analyst_name_is_cleaned(tmp_path, db_path):
    db = db_path
    path = tmp_path / "colleague.jsonl"
    path.write_text(json.dumps(_export_record()) + "\n")
    result = _cli(db, "--analyst", f"mallory{ESC}", "import-events", str(path))
    assert result.exit_code == 0, result.output
    assert _rows(db, "SELECT analyst FROM actions")[0]["analyst"].startswith("mallory")
    assert all(_clean(r["analyst"]) for r in _rows(db, "SELECT analyst FROM actions"))


def _dirty_db(tmp_path, db: str) -> str:
    """A database as an older version (or another tool) left it: raw escapes everywhere."""
    path = tmp_path / "colleague.jsonl"
    path.write_text(json.dumps(_export_record()) + "\n")
    assert _cli(db, "import-events", str(path)).exit_code == 0
    with Store(db) as store, store.write():
        for table, column in (("articles", "title"), ("articles", "file"), ("articles", "outlet"),
                              ("entities", "canonical"), ("aliases", "name"), ("events", "notes"),
                              ("event_sources", "quote"), ("events", "confirmed_by"),
                              ("actions", "analyst")):  # fmt: skip
            store.conn.execute(f"UPDATE {table} SET {column} = {column} || ?", [ESC + BIDI])
    return db


LISTINGS = [
    ("articles", "list"),
    ("articles", "list", "--format", "jsonl"),
    ("events", "list", "--status", "all"),
    ("events", "list", "--status", "all", "--format", "jsonl"),
    ("names", "list"),
    ("names", "list", "--format", "json"),
    ("names", "suggest", "--format", "json"),
    ("log",),
    ("stats",),
    ("events", "duplicates", "--format", "json"),
    ("export", "--status", "all", "--format", "csv"),
    ("export", "--status", "all", "--format", "jsonl"),
    ("check",),
]


def test_every_listing_of_a_dirty_database_sends_no_control_character(tmp_path, db_path):
    db = _dirty_db(tmp_path, db_path)
    for args in LISTINGS:
        result = CliRunner().invoke(main, ["--db", db, *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        data = result.stdout_bytes + result.stderr_bytes
        text = data.decode("utf-8")
        assert not any(b in text for b in BAD), (args, text[:300])
        if "jsonl" in args:  # the data are intact: escaped, not altered
            values = [_strings(json.loads(line)) for line in text.splitlines()]
            assert any(ESC + BIDI in v for line in values for v in line), args


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_only_regular_files_are_read_and_never_block(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "keys.toml")
    for name in ("zero.txt", "zero.jsonl", "zero.csv"):
        (folder / name).symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "good.txt").write_text(REPORT)
    db = db_path
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    run = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", db, "ingest", str(folder), "--no-extract"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert len(errors) == 5, run.stderr
    assert any("pipe.txt: not a regular file (a FIFO" in e for e in errors)
    assert sum("not a regular file (a character device)" in e for e in errors) == 3
    assert any("loop.txt: symbolic link loop" in e for e in errors)
    assert "ingested 1 new article(s)" in run.stdout
    keymap = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", db, "open", "--keymap",
         str(tmp_path / "keys.toml")],
        capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert keymap.returncode != 0 and "Traceback" not in keymap.stderr
    assert "not a regular file (a FIFO" in keymap.stderr


def test_each_bad_record_is_one_error_line_and_the_rest_is_ingested(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = json.dumps({"id": "ok", "text": REPORT})
    text = json.dumps(REPORT)
    lines = [
        f'{{"id": "big", "text": {text}, "n": {"9" * 5000}}}',
        '{"id": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        f'{{"id": "inf", "text": {text}, "n": 1e999}}',
        f'{{"id": "nan", "text": {text}, "n": NaN}}',
        good,
        f'{{"id": "dup", "text": {text}, "text": "{REPORT} twice"}}',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "utf16.txt").write_bytes(
        ("\ufeff" + REPORT.replace("Kafranbil", "Ariha")).encode("utf-16-le")
    )
    (folder / "rows.csv").write_bytes(
        b'id,text\nr1,"'
        + REPORT.replace("Kafranbil", "Douma").encode()
        + b'"\nr2,"bad \xff byte here in a row"\n'
    )
    db = db_path
    result = _cli(db, "ingest", str(folder), "--no-extract")
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert result.exit_code == 1
    assert any("feed.jsonl:1: a number with more than 4,300 digits" in e for e in errors)
    assert any("feed.jsonl:2: JSON nested too deeply" in e for e in errors)
    assert any("feed.jsonl:3: number 1e999 is out of range" in e for e in errors)
    assert any("feed.jsonl:4: NaN is not a JSON number" in e for e in errors)
    assert any("rows.csv:3: not valid UTF-8 text" in e for e in errors)
    assert len(errors) == 5, result.output
    assert any("feed.jsonl:6: duplicate key 'text'" in n for n in notes)
    rows = _rows(db, "SELECT record_id, file, text FROM articles ORDER BY id")
    assert {r["record_id"] or r["file"] for r in rows} == {"ok", "dup", "utf16.txt", "r1"}
    utf16 = next(r for r in rows if r["file"] == "utf16.txt")
    assert utf16["text"].startswith("Government forces shelled Ariha")


def _clean_text_every_pass(text: str) -> tuple[str, int]:
    """clean_text without its shortcut for clean text: the three passes always run."""
    from workbench.base import untrusted

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    before = len(text)
    text = untrusted._CONTROLS.sub("", untrusted._ESCAPES.sub("", text))
    removed = before - len(text)
    text, shown = untrusted._BIDI.subn(untrusted._shown, text)
    return text, removed + shown


def test_clean_text_shortcut_changes_nothing():
    """The shortcut that returns clean text untouched gives what the three passes give,
    for every character it must catch, alone and inside ASCII and non-ASCII text."""
    from workbench.base.untrusted import clean_text

    singles = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA1))]
    singles += ["\u200b", "\u200e", "\u2028", "\u2029", "\ufeff", "\u00a0", "\u202e", "\u2066"]
    texts = ["", "plain words\nand a\ttab", "Kafr Nabl \u2013 \u0643\u0641\u0631", ESC, "a\r\nb\rc"]
    for ch in singles:
        for around in ("x{}y", "{}", "caf\u00e9 {} ok", "line\n{}\tend"):
            texts.append(around.format(ch))
    for text in texts:
        assert clean_text(text) == _clean_text_every_pass(text), repr(text)
