"""Provides `guard_output`: every line a command prints shows control characters instead of
sending them to the terminal.

Strings are cleaned on their way into the store, but a database written before that (or by
another tool) can still hold an escape sequence in a title, a name, a file name. Commands
print such strings in tables, JSON, notes and error lines; rather than trust each of those
call sites, the command line's stdout and stderr are wrapped once (`VisibleStream`), so
every byte printed passes `workbench.base.untrusted.visible`. JSON output is escaped before
that (`json_text`: `\\u001b`, still the same data); tables and progress bars that draw with
escapes of their own write to `raw(stream)`, with every cell made visible first.
"""

from __future__ import annotations

import errno
import importlib
import io
import sys
from typing import IO, Any

import click

from ..base.untrusted import visible
from ..store import StoreError
from ..store.backends import database_errors, explain_error
from ..store.db import default_db_path


class VisibleStream(io.TextIOBase):
    """A text stream that passes everything written through `visible`."""

    def __init__(self, stream: IO[str]):
        super().__init__()
        self.raw_stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw_stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw_stream, "errors", None)

    def write(self, text: str) -> int:
        self.raw_stream.write(visible(text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.raw_stream.flush()

    def isatty(self) -> bool:
        return self.raw_stream.isatty()

    def fileno(self) -> int:
        return self.raw_stream.fileno()


def guard_output() -> None:
    """Wrap sys.stdout and sys.stderr (once) for the rest of the command. Not for the TUI,
    which draws the screen itself with escapes of its own."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, VisibleStream):
            setattr(sys, name, VisibleStream(stream))


def raw(stream: IO[str]) -> IO[str]:
    """The stream under a `VisibleStream` (for Rich, whose own styling is escapes)."""
    return getattr(stream, "raw_stream", stream)


class Commands(click.Group):
    """The command group: the errors a command can meet on a real system (the database
    locked, damaged or on a full disk; a file it cannot write) end as one line and exit
    status 1, never a traceback, whichever command met them.

    Commands are loaded when asked for: `command_modules` maps each command's name to the
    modules of this package that define it (and add to it), imported on first use."""

    command_modules: dict[str, tuple[str, ...]] = {}

    def _load(self, name: str) -> None:
        for module in self.command_modules.get(name, ()):
            importlib.import_module(f"{__package__}.{module}")

    def list_commands(self, ctx: click.Context) -> list[str]:
        for name in self.command_modules:
            self._load(name)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        except database_errors() as exc:
            path = (ctx.obj or {}).get("db_path") or default_db_path()
            raise click.ClickException(explain_error(exc, path)) from exc
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (`| head`): not our error
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc
        except RecursionError as exc:
            raise click.ClickException("input nested too deeply to read") from exc
