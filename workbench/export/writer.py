"""Provides `atomic_output`: write an export to a temporary file, rename when complete.

A crash or kill mid-export leaves the previous file (or none), never half a dataset; the
hidden part file it leaves is removed by the next export to the same file.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_output(path: str | None, newline: str | None = None) -> Iterator[TextIO]:
    """Yield a text stream; `None` or "-" means stdout."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    _clear_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
            out.flush()
            # mkstemp makes the file private (0600); give the dataset the mode a plain
            # `open()` would (or the mode of the file it replaces).
            os.fchmod(out.fileno(), _mode_for(target))
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


STALE_SECONDS = 3600  # an export takes seconds; an hour-old part file is a killed one's


def _clear_stale(target: Path) -> None:
    """Remove the temporary files killed exports to `target` left behind (never a running
    one's: those are fresh)."""
    cutoff = time.time() - STALE_SECONDS
    for part in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def _umask() -> int:
    try:  # Linux shows it without changing it (os.umask would, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()
