"""Shared fixtures: a real SQLite file per test, and the seed articles."""

from __future__ import annotations

import pytest

from workbench.store import Store


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
    """The seed articles ingested with their manifest (no extraction)."""
    from workbench.seeds import ingest_seeds

    ingest_seeds(store, extract=False)
    return store
