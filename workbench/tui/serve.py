"""Provides `serve`: the same workbench in a web browser, through textual-serve.

textual-serve is an optional extra (`pip install 'workbench[serve]'`); the CLI stays free of
any Textual import and calls this module only when `workbench serve` runs.
"""

from __future__ import annotations


class ServeUnavailable(RuntimeError):
    pass


def serve(command: str, host: str, port: int) -> None:
    """Run `command` (a `workbench ... open` line) for each browser session."""
    try:
        from textual_serve.server import Server
    except ImportError as exc:
        raise ServeUnavailable(
            "serving needs textual-serve: pip install 'workbench[serve]'"
        ) from exc
    Server(command, host=host, port=port, title="Workbench").serve()
