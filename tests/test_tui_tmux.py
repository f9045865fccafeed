"""Drive the real `workbench open` in tmux on the seeds demo: a key press reaches the database.

A real terminal (tmux's), a real process, the default keymap, no Textual test harness, on
a SQLite file and on a PostgreSQL server (the demo file copied there with `db copy`).
Skipped on a developer machine without tmux; in CI (`CI` set) a missing tmux fails.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from workbench.store import Store
from workbench.store.backends import is_postgres
from workbench.store.events import update_event

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="tmux not installed (CI fails instead of skipping)",
    ),
    pytest.mark.backends,
]
WORKBENCH = [sys.executable, "-m", "workbench"]


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def rows_held_back(db: str) -> Iterator[None]:
    """On a server, the article's mentions locked meanwhile: the review screen's rows wait,
    as on a busy server (on SQLite readers never wait; the key then usually comes after
    the rows)."""
    if not is_postgres(db):
        yield
        return
    import psycopg

    with psycopg.connect(db) as conn:
        conn.execute("LOCK TABLE mentions IN ACCESS EXCLUSIVE MODE")
        yield  # released at the end of the block (commit)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_confirm_in_tmux_changes_the_database(tmp_path, db_path, no_color):
    demo = str(tmp_path / "demo.db")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    subprocess.run([*WORKBENCH, "demo", "--db", demo, "--no-open"], check=True, env=env)
    db = demo
    if is_postgres(db_path):  # `demo` builds a file only: the server gets a copy of it
        subprocess.run([*WORKBENCH, "db", "copy", demo, db_path], check=True, env=env)
        db = db_path
    with Store(db, analyst="check") as store:
        first_article = store.scalar("SELECT MIN(id) FROM articles")
        target = store.scalar(
            "SELECT MIN(id) FROM events WHERE article_id = ? AND status = 'proposed'",
            [first_article],
        )
    assert target is not None, "the demo has no proposed event to confirm"
    with Store(db, analyst="check") as store:
        # Confirm rules apply: another analyst completes all but the location, which the
        # test sets with the location's field key.
        fill = {"event_date": "2018-02-03", "actor1": "Syrian rebels", "location": ""}
        fill.update(sub_event_type=store.row("events", target)["sub_event_type"] or "Attack")
        update_event(store, target, fill)

    socket = f"wb-test-{os.getpid()}-{int(no_color)}"
    tmux = ["tmux", "-L", socket]
    command = shlex.join([*WORKBENCH, "--db", db, "--analyst", "tmux", "open"])
    if no_color:
        command = f"NO_COLOR=1 {command}"
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "wb", "-x", "80", "-y", "24", command],
        check=True,
        env=env,
        cwd=str(Path(__file__).resolve().parents[1]),
    )

    def screen() -> str:
        out = subprocess.run([*tmux, "capture-pane", "-p", "-t", "wb"], capture_output=True)
        return out.stdout.decode("utf-8", "replace")

    try:
        wait_for(lambda: "Articles" in screen() and "of 4" in screen(), what="the queue")
        with rows_held_back(db):
            subprocess.run([*tmux, "send-keys", "-t", "wb", "Enter"], check=True)
            wait_for(lambda: "Events" in screen() and "Entities" in screen(), what="review")
            # The location's field key, pressed once as soon as the screen is drawn: its
            # rows are still on their way (they load in a thread), and the key must act
            # once they are there, not be lost.
            subprocess.run([*tmux, "send-keys", "-t", "wb", "5"], check=True)
            time.sleep(0.5)
        # Then the name and enter (takes it and saves).
        wait_for(lambda: "Location" in screen() and "esc cancel" in screen(), what="the form")
        subprocess.run([*tmux, "send-keys", "-t", "wb", "-l", "Syria"], check=True)
        time.sleep(0.3)
        subprocess.run([*tmux, "send-keys", "-t", "wb", "Enter"], check=True)

        def located() -> int | None:
            with Store(db, analyst="check") as store:
                return store.row("events", target)["place_id"]

        place = wait_for(located, what="the location in the database")
        with Store(db, analyst="check") as store:
            assert store.scalar("SELECT canonical FROM entities WHERE id = ?", [place]) == "Syria"
        wait_for(lambda: "esc cancel" not in screen(), what="the form to close")
        subprocess.run([*tmux, "send-keys", "-t", "wb", "c"], check=True)

        def status() -> str | None:
            with Store(db, analyst="check") as store:
                row = store.row("events", target)
            return row["status"] if row["status"] == "confirmed" else None

        assert wait_for(status, what="the confirmation in the database") == "confirmed"
        wait_for(lambda: "✓" in screen(), what="the confirmed mark on screen")
        subprocess.run([*tmux, "send-keys", "-t", "wb", "q"], check=True)
        wait_for(
            lambda: (
                subprocess.run([*tmux, "has-session", "-t", "wb"], capture_output=True).returncode
                != 0
            ),
            what="the app to quit",
        )
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    with Store(db, analyst="check") as store:
        log = store.query("SELECT analyst, action, target FROM actions WHERE analyst = 'tmux'")
    # The field-key edit, then the confirmation (plus articles moving from new to in review).
    assert [(r["analyst"], r["action"]) for r in log] == [
        ("tmux", "edit-event"),
        ("tmux", "confirm-event"),
    ]
    assert log[1]["target"].split()[0] == f"events:{target}"
    assert all(t.startswith("articles:") for t in log[1]["target"].split()[1:])
