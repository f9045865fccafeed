"""workbench extract on the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from workbench.cli import main

pytestmark = pytest.mark.backends


def test_extract_all_then_rerun_one(seeded, db_path):
    runner = CliRunner()
    first = runner.invoke(main, ["--db", db_path, "extract", "--all"])
    assert first.exit_code == 0, first.output
    assert "extracted 4 article(s)" in first.output
    again = runner.invoke(main, ["--db", db_path, "extract", "--all"])
    assert "extracted 0 article(s)" in again.output
    one = runner.invoke(main, ["--db", db_path, "extract", "--article", "2", "--rerun"])
    assert one.exit_code == 0 and "extracted 1 article(s)" in one.output


def test_extract_needs_a_target_and_an_existing_dictionary(db_path, tmp_path):
    runner = CliRunner()
    bare = runner.invoke(main, ["--db", db_path, "extract"])
    assert bare.exit_code != 0 and "--article ID or --all" in bare.output
    missing = runner.invoke(
        main, ["--db", db_path, "extract", "--all", "--dictionary", str(tmp_path / "nope")]
    )
    assert missing.exit_code != 0


def test_extract_with_a_user_dictionary(seeded, db_path, tmp_path):
    (tmp_path / "actors.csv").write_text(
        "name,type,country,aliases\nFree Idlib Army,Rebel group,Syria,Jaish al-Idlib al-Hurr\n"
    )
    result = CliRunner().invoke(
        main, ["--db", db_path, "extract", "--all", "--dictionary", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    aliases = {r["name"] for r in seeded.query(
        "SELECT a.name FROM aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE e.canonical = 'Free Idlib Army'")}  # fmt: skip
    assert "Jaish al-Idlib al-Hurr" in aliases
