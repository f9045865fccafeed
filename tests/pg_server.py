"""Provides `Cluster`: a throwaway PostgreSQL server that the test session starts itself.

Debian keeps the server binaries (initdb, pg_ctl) off PATH, in /usr/lib/postgresql/<N>/bin;
`WORKBENCH_PG_BIN` names another folder. initdb and pg_ctl refuse to run as root, so as root
they run as the `postgres` user (`runuser -u postgres --`). The cluster listens on a free
loopback port with trust authentication, keeps its socket in its own folder, and runs with
fsync off: the tests kill clients, never the server, so durability across an OS crash is
not what they measure (`durable=True` keeps PostgreSQL's defaults, fsync and synchronous
commit on, for benchmarks: what a real server pays per commit). One cluster per test session (per xdist worker); each test gets its
own database, copied from a template that already holds the schema.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PREFERRED_VERSION = "15"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when this machine has no server."""
    named = os.environ.get("WORKBENCH_PG_BIN")
    candidates = [named] if named else []
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    preferred = f"/usr/lib/postgresql/{PREFERRED_VERSION}/bin"
    candidates += [preferred] if preferred in found else []
    candidates += found
    on_path = shutil.which("initdb")
    candidates += [str(Path(on_path).parent)] if on_path else []
    for folder in candidates:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ClusterError(RuntimeError):
    pass


class Cluster:
    """One server process over a fresh data folder; `stop()` removes both."""

    def __init__(self, bin_dir: Path, durable: bool = False):
        self.bin_dir = bin_dir
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            # The postgres user must own the folder; /tmp's mkdtemp folder is 0700 root.
            shutil.chown(self.root, "postgres", "postgres")
        self._counter = 0
        self._template: str | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterError(
                f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}\n{log}"
            )
        return done

    def start(self) -> Cluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        for attempt in range(5):
            self.port = free_port()
            try:
                self._start_server()
                return self
            except ClusterError:
                if attempt == 4:  # the port was taken between asking and binding, 5 times
                    raise
        return self

    def _start_server(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log),
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop_server(self) -> None:
        """Stop the server as an administrator would (`pg_ctl stop -m fast`: every session
        is ended), keeping its data: for tests of a server that goes away mid-session."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def start_server(self) -> None:
        """Start it again after `stop_server`, on the same port."""
        self._start_server()

    def stop(self) -> None:
        with contextlib.suppress(ClusterError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, template: str | None = None) -> str:
        """A fresh database (copied from `template` when given); returns its URL."""
        import psycopg

        self._counter += 1
        name = f"test_{os.getpid()}_{self._counter}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            # FILE_COPY: 0.3 s against 1.3 s for the default WAL_LOG copy on this machine.
            extra = f" TEMPLATE {template}" if template else ""
            conn.execute(f"CREATE DATABASE {name}{extra} STRATEGY FILE_COPY")
        return self.url(name)

    def template(self) -> str:
        """The name of a database that holds the workbench schema, made once per session:
        a test database copied from it skips the migrations."""
        if self._template is None:
            from workbench.store import Store

            url = self.new_database()
            Store(url, analyst="template").close()
            self._template = url.rsplit("/", 1)[1]
        return self._template
