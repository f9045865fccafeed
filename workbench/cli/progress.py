"""Provides a progress reporter: a Rich bar on a terminal, nothing when piped."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from .terminal import raw


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """Yield `update(done, total)`; draws on stderr only when it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        f"[bold]{label}",  # our own constant label, never data
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=raw(sys.stderr)),  # the bar's own escapes, no data
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
