"""Provides `atomic_output`: write an export to a temporary file, rename when complete.

A crash or kill mid-export leaves the previous file (or none), never half a dataset.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
