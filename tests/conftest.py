"""Shared fixtures: a real SQLite file per test, a real PostgreSQL database per test (from
a server the session starts itself, see pg_server.py), and the seed articles."""

from __future__ import annotations

import os

import pytest

from workbench.store import Store


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/extraction.jsonl from the extractor's output (then review "
        "the diff and commit it with the change that caused it)",
    )


BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "backends: run each test of the module on both backends (SQLite file, PostgreSQL "
        "server) through the `db_path` fixture",
    )


def pytest_generate_tests(metafunc):
    if "db_path" in metafunc.fixturenames and metafunc.definition.get_closest_marker("backends"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request):
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(backend, tmp_path, request, monkeypatch):
    """Where the test's store lives: a SQLite file, or (for modules marked `backends`) also
    a fresh database on the session's PostgreSQL server, with workbench.toml in tmp_path."""
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path))
        return cluster.new_database(template=cluster.template())
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


def _unavailable(reason: str):
    """Outside CI a missing server is a skip with the reason; in CI it is a failure, so a
    machine without PostgreSQL can never pass the suite by skipping it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def start_cluster():
    """A throwaway PostgreSQL server of its own (skipped, or failed in CI, without one)."""
    from pg_server import Cluster, find_bin_dir

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[postgres]')")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        _unavailable(
            "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin, "
            "WORKBENCH_PG_BIN or PATH; apt-get install postgresql-15"
        )
    return Cluster(bin_dir).start()


def running_cluster():
    """A throwaway PostgreSQL server for a fixture to yield, stopped after its scope."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL server for the whole session (per xdist worker)."""
    yield from running_cluster()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a fresh, empty database of its own for this test."""
    return pg_cluster.new_database()


@pytest.fixture(autouse=True)
def _fake_embedder(monkeypatch):
    """Tests use the tiny deterministic embedder unless they ask for the real model."""
    monkeypatch.setenv("WORKBENCH_EMBEDDER", "fake")
