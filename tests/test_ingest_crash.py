"""A killed ingest (SIGKILL at random moments) leaves no article unextracted unreported: the
next ingest names how many an earlier run left and extracts them (issue 14, item 7). Into a
SQLite file and into a PostgreSQL server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.extract.run import unextracted
from workbench.store import Store
from workbench.store.backends import is_postgres

pytestmark = pytest.mark.backends

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "5"))
PLACES = ["Saraqeb", "Douma", "Ariha", "Azaz", "Afrin", "Manbij", "Raqqa", "Marib", "Taiz"]


def _corpus(folder: Path, n: int, rng: random.Random) -> None:
    folder.mkdir()
    for i in range(n):
        place = rng.choice(PLACES)
        text = (
            f"Report {i}\n\nGovernment warplanes bombed {place} on Monday, killing {i + 2} "
            f"civilians, a war monitor said. Rebels shelled positions near {place} on "
            f"Tuesday, wounding {i + 3} soldiers.\n\n" + "Aid agencies warned of shortages. " * 20
        )
        (folder / f"r{i:03d}.txt").write_text(text, encoding="utf-8")


def _ingest(db: str, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", db, "ingest", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def _wait_for_articles(db: str, proc: subprocess.Popen) -> None:
    """Until the ingest has stored its articles (or ended)."""
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if is_postgres(db) or os.path.exists(db):
            try:
                with Store(db) as store:
                    if store.scalar("SELECT count(*) FROM articles"):
                        return
            except Exception:  # the file is being created: try again
                pass
        time.sleep(0.02)


def test_sigkilled_ingest_is_finished_and_reported_by_the_next(tmp_path, db_path, request):
    def fresh(round_: int) -> str:
        if not is_postgres(db_path):
            return str(tmp_path / f"w{round_}.db")
        cluster = request.getfixturevalue("pg_cluster")
        return db_path if round_ == 0 else cluster.new_database(template=cluster.template())

    rng = random.Random(77)
    folder = tmp_path / "in"
    _corpus(folder, 60, rng)
    left_behind = 0
    for round_ in range(ROUNDS):
        db = fresh(round_)
        proc = _ingest(db, folder)
        _wait_for_articles(db, proc)
        time.sleep(rng.uniform(0.0, 0.6))  # somewhere in the extraction that follows
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        if not is_postgres(db) and not os.path.exists(db):
            continue
        with Store(db) as store:
            pending, failed = unextracted(store)
            articles = store.scalar("SELECT count(*) FROM articles")
        assert failed == 0
        left_behind += len(pending)
        rerun = _ingest(db, folder)
        output, _ = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, output
        assert f"ingested {60 - articles} new article(s), {articles} already present" in output
        if pending:
            assert f"{len(pending)} article(s) ingested earlier were never extracted" in output
        with Store(db) as store:
            assert unextracted(store) == ([], 0)
            assert store.scalar("SELECT count(*) FROM articles") == 60
            if not is_postgres(db):  # a file's pages (a server checks its own)
                assert store.scalar("PRAGMA integrity_check") == "ok"
    assert left_behind > 0  # some kill really fell between storing and extracting
