"""`workbench model status/train/eval/export/import` on a real database (fake embedder): a
SQLite file and the session's PostgreSQL server (a model exported from either goes into a
new file)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.store import Store
from workbench.store.events import add_event, set_status
from workbench.store.models import load_model

pytestmark = pytest.mark.backends


def _run(db, *args):
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    return result


def _decide(db):
    with Store(db) as store:
        for _ in range(3):
            add_event(
                store,
                1,
                {"sub_event_type": "Arrests"},
                quote="police detained the activist",
                status="confirmed",
            )
            add_event(
                store,
                1,
                {"sub_event_type": "Grenade"},
                quote="a grenade was thrown at the shop",
                status="confirmed",
            )
            set_status(
                store, add_event(store, 1, {}, quote="the minister spoke on television"), "rejected"
            )


def test_status_train_and_cross_validation(seeded, db_path):
    out = _run(db_path, "model", "status").output
    assert "features: fake" in out and "model: none yet (suggestions come from the codebook" in out
    _decide(db_path)
    out = _run(db_path, "model", "train").output
    assert "trained on 9 example(s): 6 typed, 3 rejected" in out
    assert "scored 9 event(s)" in out  # P(real event), for the queue's order
    with Store(db_path) as store:
        assert store.scalar("SELECT count(*) FROM event_odds WHERE p_event > 0.5") == 6
    out = _run(db_path, "model", "status").output
    assert "on 9 example(s) (6 typed, 3 rejected)" in out and "      3  Arrests" in out
    assert "cross-validated (5 folds, 9 examples): type accuracy 1.000" in out
    assert "retrain due" not in out
    with Store(db_path) as store:
        set_status(store, 1, "rejected")
    assert "retrain due" in _run(db_path, "model", "status", "--no-cv").output


def test_eval_scores_suggestions_against_gold(seeded, db_path, tmp_path):
    with Store(db_path) as store:
        row = store.query("SELECT file, text FROM articles ORDER BY id LIMIT 1")[0]
    sentence = row["text"].strip().split("\n")[0][:60]
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"article": row["file"], "sub_event_type": ["Armed clash"], "quote": sentence},
        {"article": row["file"], "sub_event_type": ["Arrests"], "quote": "no such words here"},
    ]
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    out = _run(db_path, "model", "eval", "--gold", str(gold)).output
    assert "1 gold event(s) (1 left out: quote not found)" in out and "from the codebook" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(lines[1]) + "\n")
    result = CliRunner().invoke(main, ["--db", db_path, "model", "eval", "--gold", str(bad)])
    assert result.exit_code == 1 and "no gold event's quote was found" in result.output


def test_export_then_import_starts_another_project(seeded, db_path, tmp_path):
    assert "no model to export yet" in _run(db_path, "model", "export", str(tmp_path / "m")).output
    _decide(db_path)
    _run(db_path, "model", "train")
    assert "wrote" in _run(db_path, "model", "export", str(tmp_path / "m.wbm")).output
    other = str(tmp_path / "other.db")
    out = _run(other, "model", "import", str(tmp_path / "m.wbm")).output
    assert "imported a model trained on 9 example(s) (fake)" in out
    with Store(other) as store:
        assert load_model(store, "types") is not None
    # The other project's own decisions add to the imported examples at retrain.
    with Store(other) as store:
        from workbench.learn.engine import retrain

        assert retrain(store) is not None and retrain(store).counts == {"Arrests": 3, "Grenade": 3}
    (tmp_path / "junk").write_bytes(b"hello\nworld")
    result = CliRunner().invoke(main, ["--db", other, "model", "import", str(tmp_path / "junk")])
    assert result.exit_code == 1 and "not a workbench model file" in result.output


def test_rank_orders_proposals_by_the_models_belief_they_are_events(seeded, db_path):
    result = CliRunner().invoke(main, ["--db", db_path, "model", "rank"])
    assert result.exit_code == 1 and "no event/non-event model yet" in result.output
    _decide(db_path)
    with Store(db_path) as store:
        likely = add_event(
            store, 1, {"sub_event_type": "Arrests"}, quote="police detained the activist"
        )
        doubtful = add_event(
            store, 1, {"sub_event_type": "Arrests"}, quote="the minister spoke on radio"
        )
    _run(db_path, "model", "train")
    lines = _run(db_path, "model", "rank").output.splitlines()
    order = [int(line.split("\t")[1]) for line in lines[1:]]
    assert order.index(likely) < order.index(doubtful)
    doubted = _run(db_path, "model", "rank", "--doubted").output.splitlines()[1:]
    assert [int(line.split("\t")[1]) for line in doubted] == [doubtful]


def test_train_says_whose_figures_it_wrote(seeded, db_path):
    """Before the model can tell events from non-events, the queue's odds are the
    extractor's confidence, and `model train` says so rather than "P(real event)"."""
    with Store(db_path) as store:
        add_event(store, 1, {"sub_event_type": "Arrests"}, quote="police detained the activist",
                  status="confirmed")  # fmt: skip
    out = _run(db_path, "model", "train").output
    assert "with the extractor's confidence" in out and "P(real event)" not in out, out
    _decide(db_path)
    out = _run(db_path, "model", "train").output
    assert "P(real event) for the queue's order" in out, out
