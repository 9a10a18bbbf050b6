"""A local stand-in for Slack, as bolt-python tests itself (tests/mock_web_api_server):
the Web API (`/api/<method>`), response_url endpoints (`/respond/<key>`), private file
downloads (`/files/<name>`) and a Socket Mode WebSocket (`/socket`), on 127.0.0.1 with a
random port, served from its own thread so every test's event loop can reach it.

Every request is recorded as a `Call` (method, arguments from a JSON or form body, the
bearer token), and answered the way Slack would answer it.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER = "UBOT"
BOT_ID = "BBOT"
APP_ID = "A0POLICY"
INSTALLED_TOKEN = "xoxb-installed-team-2"
INSTALLED_TEAM = "T2"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str = ""
    auth: str = ""
    response: dict[str, Any] = field(default_factory=dict)

    def blocks(self) -> list[dict[str, Any]]:
        value = self.args.get("blocks") or (self.args.get("view") or {}).get("blocks") or []
        return json.loads(value) if isinstance(value, str) else list(value)

    def view(self) -> dict[str, Any]:
        value = self.args.get("view") or {}
        return json.loads(value) if isinstance(value, str) else dict(value)

    def text_dump(self) -> str:
        """Every text the call carries, for assertions about what a person would read."""
        return json.dumps(self.args, ensure_ascii=False)


@dataclass
class MockSlack:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # method -> Slack error code to answer with
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # name -> (content, content type)
    file_records: dict[str, dict[str, Any]] = field(default_factory=dict)  # files.info by id
    threads: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)  # (channel, thread_ts) -> messages
    scheduled: dict[str, dict[str, Any]] = field(default_factory=dict)
    user_tz: str = "America/Halifax"
    response_url_status: int = 200
    socket_received: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    _loop: asyncio.AbstractEventLoop | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)

    # --- recording ---------------------------------------------------------------------

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.errors.clear()
            self.files.clear()
            self.file_records.clear()
            self.threads.clear()
            self.scheduled.clear()
            self.socket_received.clear()
            self.response_url_status = 200
            self.user_tz = "America/Halifax"

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        with self._lock:
            return [c.method for c in self.calls]

    async def wait_for(self, method: str, predicate: Callable[[Call], bool] = lambda c: True, *, count: int = 1, timeout: float = 20.0) -> list[Call]:
        """Poll the recorded calls until `count` calls to `method` match (lazy listeners run
        after the ack, so their calls come later)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.of(method) if predicate(c)]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"no {count} × {method} within {timeout}s; calls so far: {self.methods()}")
            await asyncio.sleep(0.02)

    def next_ts(self) -> str:
        return f"{1700000000 + next(self._ts)}.000100"

    # --- Socket Mode ---------------------------------------------------------------------

    def socket_send(self, envelope: dict[str, Any]) -> None:
        assert self._loop is not None and self._sockets, "no Socket Mode connection"
        ws = self._sockets[-1]
        asyncio.run_coroutine_threadsafe(ws.send_str(json.dumps(envelope)), self._loop).result(5)


async def _args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    body = await request.read()
    if not body:
        return args
    if request.content_type == "application/json":
        args.update(json.loads(body))
    else:
        args.update(dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))
    return args


def _bearer(request: web.Request) -> tuple[str, str]:
    auth = request.headers.get("Authorization", "")
    return (auth[len("Bearer ") :] if auth.startswith("Bearer ") else ""), auth


def build_mock_app(mock: MockSlack) -> web.Application:
    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _args(request)
        token, auth = _bearer(request)
        token = token or str(args.get("token", ""))
        call = Call(method, args, token, auth)
        call.response = {"ok": False, "error": mock.errors[method]} if method in mock.errors else _answer(mock, method, args, token)
        mock.record(call)
        return web.json_response(call.response)

    async def respond(request: web.Request) -> web.Response:
        body = await request.json()
        mock.record(Call("response_url", {**body, "_key": request.match_info["key"]}))
        if mock.response_url_status != 200:
            return web.Response(status=mock.response_url_status, text="expired_url")
        return web.Response(text="ok")

    async def download(request: web.Request) -> web.Response:
        token, auth = _bearer(request)
        name = request.match_info["name"]
        mock.record(Call("file_download", {"name": name}, token, auth))
        if token != "xoxb-test" and token != INSTALLED_TOKEN:
            return web.Response(text="<html>sign in</html>", content_type="text/html")
        if name not in mock.files:
            return web.Response(status=404)
        content, ctype = mock.files[name]
        return web.Response(body=content, content_type=ctype)

    async def socket(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        mock._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": APP_ID}}))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                with mock._lock:
                    mock.socket_received.append(json.loads(msg.data))
        mock._sockets.remove(ws)
        return ws

    app = web.Application()
    app.router.add_post("/api/{method}", api)
    app.router.add_get("/api/{method}", api)  # the SDK reads with GET (conversations.replies, files.info, ...)
    app.router.add_post("/respond/{key}", respond)
    app.router.add_get("/files/{name}", download)
    app.router.add_get("/socket", socket)
    return app


def _answer(mock: MockSlack, method: str, args: dict[str, Any], token: str) -> dict[str, Any]:
    ok: dict[str, Any] = {"ok": True}
    if method == "auth.test":
        installed = token == INSTALLED_TOKEN
        return {
            **ok,
            "url": "https://city.slack.com/",
            "team": "City",
            "user": "policybot",
            "team_id": INSTALLED_TEAM if installed else "T1",
            "user_id": "UBOT2" if installed else BOT_USER,
            "bot_id": "BBOT2" if installed else BOT_ID,
            "is_enterprise_install": False,
        }
    if method == "chat.postMessage":
        ts = mock.next_ts()
        return {**ok, "channel": args.get("channel"), "ts": ts, "message": {"text": args.get("text", ""), "ts": ts}}
    if method == "chat.postEphemeral":
        return {**ok, "message_ts": mock.next_ts()}
    if method == "chat.update":
        return {**ok, "channel": args.get("channel"), "ts": args.get("ts")}
    if method == "chat.scheduleMessage":
        post_at = int(args.get("post_at", 0))
        if post_at <= time.time():
            return {"ok": False, "error": "time_in_past"}
        sid = f"Q{len(mock.scheduled) + 1:04d}"
        mock.scheduled[sid] = {"id": sid, "channel_id": args.get("channel"), "post_at": post_at, "date_created": int(time.time()), "text": args.get("text", "")}
        return {**ok, "channel": args.get("channel"), "scheduled_message_id": sid, "post_at": post_at}
    if method == "chat.scheduledMessages.list":
        return {**ok, "scheduled_messages": list(mock.scheduled.values()), "response_metadata": {"next_cursor": ""}}
    if method == "chat.deleteScheduledMessage":
        if mock.scheduled.pop(str(args.get("scheduled_message_id")), None) is None:
            return {"ok": False, "error": "invalid_scheduled_message_id"}
        return ok
    if method in ("views.open", "views.update", "views.publish", "views.push"):
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        view_id = args.get("view_id") or f"V{mock.next_ts().replace('.', '')}"
        return {**ok, "view": {**view, "id": view_id, "hash": "hash-" + view_id}}
    if method == "conversations.replies":
        return {**ok, "messages": mock.threads.get((str(args.get("channel")), str(args.get("ts"))), []), "has_more": False}
    if method == "users.info":
        user = str(args.get("user"))
        return {**ok, "user": {"id": user, "name": user.lower(), "tz": mock.user_tz, "tz_offset": -10800}}
    if method == "files.info":
        record = mock.file_records.get(str(args.get("file")))
        return {**ok, "file": record} if record else {"ok": False, "error": "file_not_found"}
    if method == "oauth.v2.access":
        return {
            **ok,
            "app_id": APP_ID,
            "authed_user": {"id": "UINSTALLER"},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": INSTALLED_TOKEN,
            "bot_user_id": "UBOT2",
            "team": {"id": INSTALLED_TEAM, "name": "City of Mission"},
            "enterprise": None,
            "is_enterprise_install": False,
        }
    if method == "apps.connections.open":
        return {**ok, "url": mock.url.replace("http://", "ws://") + "/socket"}
    return ok


class MockSlackServer:
    """`MockSlack` served from a background thread on 127.0.0.1:<random port>."""

    def __init__(self) -> None:
        self.mock = MockSlack()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="mock-slack", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stop = asyncio.Event()
            runner = web.AppRunner(build_mock_app(self.mock), access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            host, port = runner.addresses[0][:2]
            self.mock.url = f"http://{host}:{port}"
            self.mock._loop = self._loop
            self._ready.set()
            await self._stop.wait()
            await runner.cleanup()

        self._loop.run_until_complete(main())

    def start(self) -> MockSlack:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("mock Slack server did not start")
        return self.mock

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def basic_auth(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
