"""Provides bounded reads of input files: regular files only, sizes checked before and while
reading, and one JSON reader that turns every bad value into a clear message.

Input paths are untrusted too: a FIFO would block a read forever, a symlink to /dev/zero
never ends, a 200 MB file read whole took 1.36 GB of memory to reject. So a file is opened
without blocking and refused unless it is a regular file; reads stop one byte past their
limit; lines are read up to a limit and the rest of an over-long line is skipped without
being kept. JSON refuses what would not survive a round trip (`1e999`, `NaN`), numbers
Python will not convert (over 4,300 digits), nesting deep enough to exhaust the stack, and
notes duplicate keys (JSON keeps the last silently).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from typing import IO, Any

LINE_CHUNK = 1 << 20  # bytes read at a time while skipping an over-long line


class InputError(ValueError):
    """A file that cannot be read as input; the message says why (without the path)."""


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    for test, name in _KINDS:
        if test(mode):
            return f"not a regular file ({name})"
    return None if stat.S_ISREG(mode) else "not a regular file"


def os_reason(exc: OSError) -> str:
    """A short, plain reason for an OSError (no path, no errno number)."""
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return f"cannot read ({exc.strerror or exc})"


def open_regular(path: str | os.PathLike[str], limit: int | None = None) -> IO[bytes]:
    """The file opened for binary reading, if it is a regular file (symlinks followed) no
    larger than `limit` bytes; otherwise `InputError`. Opening never blocks (a FIFO with no
    writer would)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        problem = _not_regular(info.st_mode)
        if problem is None and limit is not None and info.st_size > limit:
            problem = f"file is too large ({info.st_size / 1e6:.1f} MB; limit {limit / 1e6:.0f} MB)"
        if problem is not None:
            raise InputError(problem)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(fh: IO[bytes], limit: int) -> bytes:
    """At most `limit` bytes; `InputError` if there are more (the file grew, or lied about
    its size, as /proc files do)."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"file is too large (over {limit / 1e6:.0f} MB)")
    return data


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    with open_regular(path, limit) as fh:
        return read_limited(fh, limit)


def bounded_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None for a line over `limit` bytes, whose rest is
    read and dropped in chunks, never held whole."""
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        while True:  # skip to the end of this line
            more = fh.readline(LINE_CHUNK)
            if not more or more.endswith(b"\n"):
                break
        yield number, None


class JSONValueError(ValueError):
    """A JSON text that parses but holds a value we refuse; the message says which."""


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JSONValueError(f"number {text[:30]} is out of range")
    return value


def _constant(name: str) -> Any:
    raise JSONValueError(f"{name} is not a JSON number")


def parse_json(text: str | bytes) -> tuple[Any, list[str]]:
    """(value, warnings) of one JSON text; `JSONValueError` with a plain message when it is
    malformed or holds a value we refuse. Warnings name duplicate keys."""
    warnings: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) < len(items):  # a key twice: say which, in order (rarely needed)
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    warnings.append(f"duplicate key {key[:40]!r}: the last value is kept")
                seen.add(key)
        return out

    try:
        value = json.loads(
            text, parse_float=_finite, parse_constant=_constant, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as exc:
        # Some of json's messages end in "at" ("Invalid control character at").
        message = exc.msg.removesuffix(" at")
        raise JSONValueError(f"malformed JSON ({message} at column {exc.colno})") from None
    except RecursionError:
        raise JSONValueError("JSON nested too deeply") from None
    except JSONValueError:
        raise
    except ValueError as exc:  # int() of over 4,300 digits, and the like
        if "digits" in str(exc):
            raise JSONValueError("a number with more than 4,300 digits") from None
        raise JSONValueError(f"unreadable JSON ({exc})") from None
    return value, warnings
