"""`workbench serve` is locked (issue 14, item 2): a WebSocket without the token, or from a
page of another site, is refused; with both right it drives the app; a non-loopback address
is refused unless asked for. The real server runs in a subprocess; the test is its client.
The app it serves reads a SQLite file, and a PostgreSQL server."""

from __future__ import annotations

import asyncio
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner

from workbench.cli import main

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-test-token"

pytestmark = pytest.mark.backends


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp_path, db: str, token: str | None) -> tuple[subprocess.Popen, str]:
    """The real server in a subprocess, serving the app on `db`: (process, host:port)."""
    assert CliRunner().invoke(main, ["--db", db, "ingest", str(ROOT / "seeds")]).exit_code == 0
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("WORKBENCH_SERVE_TOKEN", None)
    if token:
        env["WORKBENCH_SERVE_TOKEN"] = token
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", db, "serve", "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stdout.read()
            time.sleep(0.1)
    return proc, f"127.0.0.1:{port}"


def _printed_url(proc: subprocess.Popen, seconds: float = 30) -> str:
    """The URL the server printed (before it listened: aiohttp runs on_startup first); read
    in a thread so a server that prints none fails the test instead of hanging it."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while not any("?token=" in x for x in seen):
        try:
            seen.append(lines.get(timeout=max(0.1, deadline - time.monotonic())))
        except queue.Empty:
            pytest.fail(f"no URL with ?token= printed: {''.join(seen)[-2000:]}")
    printed = next(x for x in seen if "?token=" in x)
    return printed[printed.index("http://") :].strip()


@pytest.fixture
def server(tmp_path, db_path):
    proc, base = _start(tmp_path, db_path, TOKEN)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


async def _handshake(base: str, query: str = "", origin: str | None = None) -> int | str:
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as session:
        try:
            ws = await session.ws_connect(f"ws://{base}/ws{query}", headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        async with ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            message = await asyncio.wait_for(ws.receive(), timeout=60)
            return f"connected:{message.type.name}"


async def test_the_websocket_needs_the_token_and_our_own_origin(server):
    own = f"http://{server}"
    assert await _handshake(server) == 401  # no token
    assert await _handshake(server, "?token=wrong", own) == 401
    assert await _handshake(server, f"?token={TOKEN}", "http://evil.example") == 403
    assert await _handshake(server, f"?token={TOKEN}", "null") == 403  # a sandboxed page
    result = await _handshake(server, f"?token={TOKEN}", own)
    assert isinstance(result, str) and result.startswith("connected"), result


async def test_the_page_needs_the_token_and_then_sets_a_cookie(server):
    # unsafe=True: keep cookies of an IP address, as browsers do for 127.0.0.1.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.get(f"http://{server}/") as response:
            assert response.status == 401
            assert "token" in await response.text()
        async with session.get(f"http://{server}/?token={TOKEN}") as response:
            assert response.status == 200
            cookie = response.cookies[f"workbench_token_{server.rsplit(':', 1)[1]}"]
            assert cookie.value == TOKEN and cookie["httponly"] and cookie["samesite"] == "Strict"
        # The page's own WebSocket then carries the cookie instead of the query.
        ws = await session.ws_connect(f"ws://{server}/ws", headers={"Origin": f"http://{server}"})
        await ws.close()


def test_a_network_address_is_refused_unless_asked_for(db_path):
    result = CliRunner().invoke(main, ["--db", db_path, "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "--allow-remote" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


async def test_a_random_token_is_printed_in_the_url_to_open(tmp_path, db_path):
    proc, base = _start(tmp_path, db_path, None)
    try:
        url = _printed_url(proc)
        assert url.startswith(f"http://{base}/?token=")
        token = url.split("?token=", 1)[1]
        assert len(token) >= 32 and token != TOKEN
        assert await _handshake(base, "?token=guess") == 401
        result = await _handshake(base, f"?token={token}", f"http://{base}")
        assert isinstance(result, str) and result.startswith("connected"), result
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def test_the_page_needs_no_network_and_the_log_never_shows_the_token(tmp_path, db_path):
    proc, base = _start(tmp_path, db_path, TOKEN)
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(f"http://{base}/?token={TOKEN}") as response:
                page = await response.text()
            # textual-serve's page linked its font from fonts.googleapis.com: the served
            # page names no other host, and the font it names is served here.
            assert "googleapis" not in page and "gstatic" not in page
            hosts = {h for h in re.findall(r"(?:https?|wss?)://([^/\"'\s]+)", page)}
            assert hosts <= {base, "www.w3.org"}, hosts  # w3.org: the SVG namespace, no request
            font = re.search(r'url\("([^"]+RobotoMono-VariableFont_wght\.ttf)"\)', page)
            assert font, page[:600]
            referer = {"Referer": f"http://{base}/?token={TOKEN}"}
            async with session.get(font.group(1), headers=referer) as response:
                assert response.status == 200 and len(await response.read()) > 10_000
            async with session.get(f"http://{base}/?token=wrong") as response:
                assert response.status == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    lines = out.splitlines()
    # The one line meant to show it: the URL to open.
    shown = [line for line in lines if "?token=" in line and "open http" in line]
    assert len(shown) == 1 and TOKEN in shown[0]
    rest = "".join("".join(line.split()) for line in lines if line not in shown)
    assert "GET/?token=[token]" in rest and "GET/static/fonts/" in rest, out[-3000:]
    assert TOKEN not in rest, out[-3000:]
