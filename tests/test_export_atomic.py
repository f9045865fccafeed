"""A crash during export never leaves a partial file at the target path (exports from a
SQLite file and from a PostgreSQL server)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import BACKENDS

from workbench.export import export_to_file
from workbench.export.synthetic import bulk_events
from workbench.store import Store

pytestmark = pytest.mark.backends  # the `store` tests; `big_db` has both backends itself


@pytest.fixture(scope="module", params=BACKENDS)
def big_store(request, tmp_path_factory):
    """40,000 events, built once per backend (a file, a database on the session's server),
    and the folder its workbench.toml would be in."""
    folder = tmp_path_factory.mktemp("big")
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        target = cluster.new_database(template=cluster.template())
    else:
        target = str(folder / "big.db")
    store = Store(target, analyst="bench")
    bulk_events(store, 40_000)
    store.close()
    return target, folder


@pytest.fixture
def big_db(big_store, monkeypatch):
    target, folder = big_store
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(folder))  # a server's: not the cwd's
    return target


def _partials(folder, name):
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.suffix == ".part"]


@pytest.mark.parametrize("previous", [None, "event_id_cnty,old\r\nSYR1,kept\r\n"])
def test_sigkill_mid_export_leaves_no_partial_file(big_db, tmp_path, previous):
    target = tmp_path / "events.csv"
    if previous is not None:
        target.write_bytes(previous.encode())
    cmd = [sys.executable, "-m", "workbench", "--db", big_db, "export",
           "--format", "csv", "--status", "all", "-o", str(target)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    partial = []
    while time.monotonic() < deadline and proc.poll() is None:
        partial = _partials(tmp_path, target.name)
        if partial and partial[0].stat().st_size > 256 * 1024:  # well into the export
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the export finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    # The half-written data exists, but only under the temporary name.
    assert partial and partial[0].exists()
    if previous is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == previous.encode()  # the old dataset is intact


def test_error_mid_export_leaves_nothing(big_db, tmp_path):
    store = Store(big_db)
    target = tmp_path / "events.jsonl"

    def progress(done, total):
        if done >= 4000:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        export_to_file(store, str(target), "jsonl", status="all", progress=progress)
    store.close()
    assert list(tmp_path.iterdir()) == []


def test_file_mode_is_not_private(store, tmp_path):
    """The temporary file is 0600; the finished dataset gets the usual mode."""
    target = tmp_path / "events.jsonl"
    mask = os.umask(0o022)
    os.umask(mask)
    export_to_file(store, str(target), "jsonl")
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    target.chmod(0o640)  # a file it replaces keeps its mode
    export_to_file(store, str(target), "jsonl")
    assert target.stat().st_mode & 0o777 == 0o640


def test_the_next_export_clears_part_files_whose_export_is_gone(store, tmp_path):
    import fcntl

    target = tmp_path / "events.jsonl"
    gone = tmp_path / ".events.jsonl.abc123.part"  # its export was killed: no lock
    running = tmp_path / ".events.jsonl.def456.part"  # another export, still writing
    young = tmp_path / ".events.jsonl.ghi789.part"  # just created, not locked yet
    other = tmp_path / ".other.csv.abc123.part"  # another target's
    for part in (gone, running, young, other):
        part.write_text("half")
    old = time.time() - 60
    for part in (gone, running, other):
        os.utime(part, (old, old))
    with open(running) as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        export_to_file(store, str(target), "jsonl")
    assert not gone.exists()
    assert running.exists() and young.exists() and other.exists()


def test_killed_exports_leave_no_part_file_after_the_next_export(big_db, tmp_path):
    """Crash test (issue 14, item 10): five exports SIGKILLed mid-write, then one more."""
    target = tmp_path / "events.csv"
    cmd = [sys.executable, "-m", "workbench", "--db", big_db, "export",
           "--format", "csv", "--status", "all", "-o", str(target)]  # fmt: skip
    for _ in range(5):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.stat().st_size > 64 * 1024 for p in _partials(tmp_path, target.name)):
                break
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    left = _partials(tmp_path, target.name)
    assert left  # the last one at least (each export also clears those before it)
    old = time.time() - 60  # as if the kills were a minute ago
    for part in left:
        os.utime(part, (old, old))
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _partials(tmp_path, target.name) == []
    assert target.read_text().startswith("event_id_cnty")
