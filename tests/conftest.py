"""Shared fixtures: a real SQLite file per test, and the seed articles."""

from __future__ import annotations

import pytest

from workbench.store import Store


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/extraction.jsonl from the extractor's output (then review "
        "the diff and commit it with the change that caused it)",
    )


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path):
    s = Store(db_path, analyst="tester")
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """The seed articles ingested with their manifest (no extraction); events built on it
    are partial on purpose, so no field is required to confirm them."""
    from export_helpers import relax_confirm_rules

    from workbench.seeds import ingest_seeds

    relax_confirm_rules(store.path)
    ingest_seeds(store, extract=False)
    return store


@pytest.fixture(autouse=True)
def _fake_embedder(monkeypatch):
    """Tests use the tiny deterministic embedder unless they ask for the real model."""
    monkeypatch.setenv("WORKBENCH_EMBEDDER", "fake")
