"""One article the extractor cannot read never stops a batch: it is reported, left
unextracted, and every other article is extracted (into a SQLite file and a PostgreSQL
server)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import workbench.extract.run as run
from workbench.cli import main
from workbench.store import Store


def _breaking(real):
    def extract(text, *args, **kw):
        if "BREAKME" in text:
            raise ValueError("unexpected shape")
        return real(text, *args, **kw)

    return extract


@pytest.mark.backends
def test_a_failing_article_is_reported_and_the_rest_extracted(tmp_path, monkeypatch, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Gunmen killed five villagers in Jasim on Monday, police said.")
    (folder / "b.txt").write_text("BREAKME. Gunmen killed two men in Jasim on Monday.")
    (folder / "c.txt").write_text("Russian jets struck Saraqeb on Tuesday, killing four people.")
    real = run.extract
    monkeypatch.setattr(run, "extract", _breaking(real))
    db = db_path
    out = CliRunner().invoke(main, ["--db", db, "ingest", str(folder)])
    assert out.exit_code == 1
    assert "extraction failed (ValueError: unexpected shape) (left unextracted)" in out.output
    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT file, extracted_at IS NOT NULL FROM articles ORDER BY file"
        ).fetchall()
        events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert rows == [("a.txt", 1), ("b.txt", 0), ("c.txt", 1)]
    assert events >= 1
    monkeypatch.setattr(run, "extract", real)  # not undo(): it would drop db_path's setenv
    again = CliRunner().invoke(main, ["--db", db, "extract", "--all"])
    assert again.exit_code == 0 and "extracted 1 article(s)" in again.output
