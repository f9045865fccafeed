"""Provides `LockedServer`: textual-serve's `Server` with the token and Origin checks.

Imported only by `tui.serve.serve()` (textual-serve is an optional extra). The checks are
one aiohttp middleware in front of every route textual-serve declares, so a route it adds
in a later version is locked too; only `/static/` (its scripts, styles and fonts) is open.
"""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from .serve import allowed_origins, origin_of

OPEN_PREFIX = "/static/"
NEEDS_TOKEN = (
    "This workbench needs its token: open the URL that `workbench serve` printed "
    "(it ends in ?token=...)."
)


class LockedServer(Server):
    def __init__(
        self, command: str, *, host: str, port: int, token: str, public_url: str | None
    ) -> None:
        super().__init__(command, host=host, port=port, title="Workbench", public_url=public_url)
        self.token = token
        self.origins = allowed_origins(self.public_url, host, port)
        # Per port: two workbenches served on one machine must not overwrite each other's.
        self.cookie = f"workbench_token_{port}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _has_token(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith(OPEN_PREFIX):
            return await handler(request)  # textual-serve's own files: no data in them
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin.lower() not in self.origins:
            # Browsers always send Origin on a WebSocket; only a page served here may drive
            # the app ("null" is a sandboxed page, or a file).
            raise web.HTTPForbidden(text=f"WebSocket from another site refused ({origin}).")
        if not self._has_token(request):
            raise web.HTTPUnauthorized(text=NEEDS_TOKEN)
        response: web.StreamResponse = await handler(request)
        if request.path == "/" and "token" in request.query:
            response.set_cookie(
                self.cookie,
                self.token,
                httponly=True,  # never readable by a script
                samesite="Strict",  # never sent with a request another site starts
                secure=origin_of(self.public_url).startswith("https:"),
            )
        return response

    async def on_startup(self, app: web.Application) -> None:
        # Printed plainly (not as Rich markup: the command holds a file name).
        print(
            f"Workbench served; open {self.public_url}/?token={self.token}\n"
            "Anyone with this URL can change the database: keep it to yourself. "
            "Ctrl+C stops the server.",
            flush=True,
        )
