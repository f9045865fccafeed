"""Provides `LockedServer`: textual-serve's `Server` with the token and Origin checks.

Imported only by `tui.serve.serve()` (textual-serve is an optional extra). The checks are
one aiohttp middleware in front of every route textual-serve declares, so a route it adds
in a later version is locked too; only `/static/` (its scripts, styles and fonts) is open.

Two more things an analyst's machine should not do: the server's access log printed each
request line, the token with it (`GET /?token=...`, and in the Referer of every file the
page then loads), so the log shows it as `[token]`; and textual-serve's page loads its font
from fonts.googleapis.com, so the page is served with the copy of that font textual-serve
ships instead: serving needs no network, and the page tells Google nothing.
"""

from __future__ import annotations

import hmac
import logging
import re
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from .serve import allowed_origins, origin_of

OPEN_PREFIX = "/static/"
NEEDS_TOKEN = (
    "This workbench needs its token: open the URL that `workbench serve` printed "
    "(it ends in ?token=...)."
)


# textual-serve's page template links the font from Google; the same font is in its static
# folder. Matched loosely (any Google fonts <link>), so a reworded line is still caught; the
# test fails if the page names Google at all.
_GOOGLE_FONTS = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
_LOCAL_FONTS = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""  # fmt: skip


class _OfflineTemplates(jinja2.FileSystemLoader):
    """textual-serve's templates with the Google fonts link replaced by the local font."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, Any, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return _GOOGLE_FONTS.sub(lambda _: _LOCAL_FONTS, source), filename, uptodate


class _Redacted(logging.Filter):
    """Shows the token as `[token]` in whatever the logger prints."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "[token]"), None
        return True


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
        aiohttp_jinja2.get_env(app).loader = _OfflineTemplates(self.templates_path)
        return app

    def initialize_logging(self) -> None:
        super().initialize_logging()
        for name in ("aiohttp.access", "aiohttp.server", "aiohttp.web", "textual-serve"):
            logging.getLogger(name).addFilter(_Redacted(self.token))

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
