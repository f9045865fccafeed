"""Two analysts on one file: optimistic concurrency across real processes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workbench.store.events import add_event

pytestmark = pytest.mark.backends


def _cli(db, *args, analyst):
    env = {**os.environ, "WORKBENCH_ANALYST": analyst}
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", db, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_two_processes_same_version_one_wins(seeded):
    eid = add_event(seeded, 1, {"sub_event_type": "Air/drone strike", "actor1": "Russia"})
    db = seeded.path
    procs = [
        _cli(
            db,
            "events",
            "update",
            str(eid),
            "--set",
            f"fatalities={n}",
            "--expect-version",
            "1",
            analyst=who,
        )
        for n, who in ((6, "alice"), (7, "bob"))
    ]
    results = [(p.wait(), *p.communicate()) for p in procs]
    codes = sorted(r[0] for r in results)
    assert codes == [0, 1], results
    loser = next(r for r in results if r[0] == 1)
    assert "was changed by" in loser[2] and "Nothing was saved" in loser[2]
    assert "Traceback" not in loser[2]
    log = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", db, "log", "--target", f"events:{eid}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    edits = [line for line in log.stdout.splitlines() if "edit-event" in line]
    assert len(edits) == 1


def test_many_writers_no_lock_errors(seeded):
    eid = add_event(seeded, 1, {"sub_event_type": "Air/drone strike"})
    code = (
        "import sys\n"
        "from workbench.store import Store\n"
        "from workbench.store.events import update_event\n"
        "s = Store(sys.argv[1], analyst=sys.argv[2])\n"
        "for i in range(40):\n"
        "    update_event(s, int(sys.argv[3]), {'notes': f'{sys.argv[2]} {i}'})\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, seeded.path, f"a{n}", str(eid)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert seeded.scalar("SELECT count(*) FROM actions WHERE action = 'edit-event'") == 160
    assert seeded.row("events", eid)["version"] == 161
