"""Crash safety: a writer killed with SIGKILL loses nothing it acknowledged."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.store import Store
from workbench.store.events import add_event

pytestmark = pytest.mark.backends

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "25"))


def _acked_changes(store: Store) -> dict[int, dict]:
    """Every committed change by the writer: its counter -> the change's after-values."""
    out = {}
    for (after,) in store.conn.execute(
        "SELECT after FROM actions WHERE analyst = 'crash' AND action IN ('edit-event', 'add-event')"
    ):
        for key, row in json.loads(after).items():
            if key.startswith("events:") and row and row["notes"].startswith("n"):
                out[int(row["notes"][1:])] = row
    return out


def test_sigkill_at_random_moments_keeps_every_acknowledged_change(tmp_path, seeded):
    path = seeded.path
    add_event(seeded, 1, {"sub_event_type": "Armed clash", "notes": "base"})
    rng = random.Random(1234)
    counter = 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), path, str(counter)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        # Wait until it is writing, then kill it at a random moment.
        first = proc.stdout.readline()
        assert first.strip(), "writer did not start"
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        acked = [int(x) for x in (first + rest).split()]
        check = Store(path, analyst="checker")
        if check.sql.NAME == "sqlite":  # a server keeps its own files whole; nothing to ask
            assert check.scalar("PRAGMA integrity_check") == "ok"
            assert check.scalar("PRAGMA foreign_key_check") is None
        committed = _acked_changes(check)
        missing = [i for i in acked if i not in committed]
        assert not missing, f"acknowledged but lost: {missing}"
        for i in acked:
            if i % 5 == 0:
                event = check.query("SELECT status FROM events WHERE notes = ?", [f"n{i}"])
                # the add and the confirm are two actions: the kill may fall between them,
                # but the confirm was acknowledged together with the add
                assert event and event[0]["status"] == "confirmed"
        counter = max(acked + list(committed) + [counter])
        check.close()
    assert counter > ROUNDS  # the writer really made progress between kills
