"""Provides `serve`: the same workbench in a web browser, through textual-serve, locked.

Whoever opens the page drives the workbench as the analyst who started it, and any web page
the analyst visits can try to open a WebSocket to localhost. So:

- every request but textual-serve's own scripts and fonts needs the token, printed at start
  inside the URL to open (as Jupyter does): `?token=` on the first visit, then a cookie
  (HttpOnly, SameSite=Strict, per port) that the page's own WebSocket carries;
- a WebSocket whose Origin is not the served page's own (another site, or "null" from a
  sandboxed page) is refused, token or not;
- the CLI refuses a non-loopback address unless `--allow-remote` is given (`is_loopback`).

textual-serve is an optional extra (`pip install 'workbench[serve]'`); the CLI stays free of
any Textual import and calls this module only when `workbench serve` runs. The server class
lives in `tui/served.py`, imported only when serving, so `is_loopback` needs nothing extra.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from urllib.parse import urlsplit

TOKEN_ENV = "WORKBENCH_SERVE_TOKEN"  # a fixed token (scripts, tests); else a random one


class ServeUnavailable(RuntimeError):
    pass


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach ("localhost", 127.x, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name, or "" (every address): reachable from the network


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The page's own origin; on loopback also the other names of this machine, since the
    same server answers on each."""
    origins = {origin_of(public_url)}
    if is_loopback(host):
        origins |= {f"http://{name}:{port}" for name in ("localhost", "127.0.0.1", "[::1]")}
    return frozenset(origins)


def serve(command: str, host: str, port: int, public_url: str | None = None) -> None:
    """Run `command` (a `workbench ... open` line) for each browser session that has the
    token; prints the URL to open."""
    try:
        from .served import LockedServer
    except ImportError as exc:
        raise ServeUnavailable(
            "serving needs textual-serve: pip install 'workbench[serve]'"
        ) from exc
    # Taken out of the environment: the app processes the server starts need not see it.
    token = os.environ.pop(TOKEN_ENV, "") or secrets.token_urlsafe(32)
    LockedServer(command, host=host, port=port, token=token, public_url=public_url).serve()
