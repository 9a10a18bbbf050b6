"""The Teams test harness: a mock Bot Connector on loopback that records what the bot sends,
Teams-shaped activity builders, and `run_scenario`, which runs the real app and the mock
connector in one event loop. Fixtures are in conftest.py."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterator

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

BOT_ID = "28:policybot"
BOT_NAME = "Policy Bot"
TENANT = "72f988bf-0000-4000-8000-000000000001"
ADAPTIVE = "application/vnd.microsoft.card.adaptive"


# --- the mock Bot Connector ----------------------------------------------------------------


@dataclass
class Call:
    method: str
    path: str
    conversation_id: str
    activity_id: str | None
    body: Any
    headers: dict[str, str]

    @property
    def type(self) -> str:
        return str((self.body or {}).get("type", "")) if isinstance(self.body, dict) else ""

    @property
    def cards(self) -> list[dict[str, Any]]:
        if not isinstance(self.body, dict):
            return []
        return [a["content"] for a in self.body.get("attachments") or [] if a.get("contentType") == ADAPTIVE]


@dataclass
class MockConnector:
    """The Bot Connector REST API, as much of it as the bot uses; records every call."""

    calls: list[Call] = field(default_factory=list)
    fail: list[int] = field(default_factory=list)  # statuses to answer the next sends with
    url: str = ""
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _event: asyncio.Event | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{cid}/activities", self._send)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._send)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._send)
        app.router.add_get("/v3/conversations/{cid}/members/{mid}", self._member)
        return app

    async def _record(self, request: web.Request) -> Call:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            body = await request.text()
        call = Call(request.method, request.path, request.match_info.get("cid", ""), request.match_info.get("aid"), body, dict(request.headers))
        self.calls.append(call)
        if self._event is not None:
            self._event.set()
        return call

    async def _send(self, request: web.Request) -> web.Response:
        await self._record(request)
        if self.fail:
            status = self.fail.pop(0)
            return web.json_response({"error": {"code": "ServiceError", "message": "injected failure"}}, status=status)
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    async def _create(self, request: web.Request) -> web.Response:
        await self._record(request)
        return web.json_response({"id": f"a:new-chat-{next(self._ids)}", "activityId": "", "serviceUrl": self.url})

    async def _member(self, request: web.Request) -> web.Response:
        await self._record(request)
        mid = request.match_info["mid"]
        member = self.members.get(mid, {"id": mid, "name": "New Hire", "aadObjectId": "aad-new-hire"})
        return web.json_response(member)

    # what the bot sent ------------------------------------------------------------------

    def sent(self, kind: str | None = "message") -> list[Call]:
        return [c for c in self.calls if c.path.endswith("/activities") or "/activities/" in c.path if kind is None or c.type == kind]

    async def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float = 15.0) -> list[Call]:
        """Wait until `predicate(calls)` holds (replies may arrive after the HTTP response)."""
        self._event = self._event or asyncio.Event()
        deadline = time.monotonic() + timeout
        while not predicate(self.calls):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out; connector calls: {[(c.method, c.path, c.type) for c in self.calls]}")
            self._event.clear()
            try:
                await asyncio.wait_for(self._event.wait(), min(remaining, 0.5))
            except asyncio.TimeoutError:
                pass
        return self.calls


# --- activities ----------------------------------------------------------------------------


_activity_ids = itertools.count(1000)


def activity(
    service_url: str,
    *,
    type: str = "message",
    text: str | None = None,
    conversation_type: str = "personal",
    conversation_id: str | None = None,
    channel_id: str = "msteams",
    user_id: str = "29:user-1",
    aad: str = "aad-user-1",
    user_name: str = "Dana Employee",
    activity_id: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A Teams-shaped activity (what the Bot Connector POSTs to the bot)."""
    conv = conversation_id or ("a:personal-chat-1" if conversation_type == "personal" else "19:general@thread.tacv2;messageid=1700000000001")
    out: dict[str, Any] = {
        "type": type,
        "id": activity_id or f"1700000{next(_activity_ids)}",
        "timestamp": "2026-11-22T10:00:00.000Z",
        "localTimezone": "America/Moncton",
        "serviceUrl": service_url,
        "channelId": channel_id,
        "from": {"id": user_id, "name": user_name, "aadObjectId": aad},
        "conversation": {"id": conv, "conversationType": conversation_type, "tenantId": TENANT, **({"isGroup": True} if conversation_type != "personal" else {})},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "channelData": {"tenant": {"id": TENANT}},
    }
    if conversation_type == "channel":
        out["channelData"].update({"team": {"id": "19:team@thread.tacv2", "name": "Parks"}, "channel": {"id": "19:general@thread.tacv2", "name": "General"}})
    if text is not None:
        out["text"] = text
        out["textFormat"] = "plain"
    out.update(extra)
    return out


def mention(text_after: str, service_url: str, **kw: Any) -> dict[str, Any]:
    """A channel message that @mentions the bot, as Teams sends it."""
    return activity(
        service_url,
        text=f"<at>{BOT_NAME}</at> {text_after}",
        conversation_type="channel",
        entities=[{"type": "mention", "text": f"<at>{BOT_NAME}</at>", "mentioned": {"id": BOT_ID, "name": BOT_NAME}}],
        **kw,
    )


@dataclass
class Harness:
    client: TestClient
    connector: MockConnector
    app: web.Application

    @property
    def url(self) -> str:
        return self.connector.url

    async def post(self, body: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, Any]:
        response = await self.client.post("/api/messages", json=body, headers=headers or {})
        text = await response.text()
        try:
            data: Any = json.loads(text) if text else None
        except json.JSONDecodeError:
            data = text
        return response.status, data


Scenario = Callable[[Harness], Awaitable[Any]]


def run_scenario(app: web.Application, scenario: Scenario, connector: MockConnector | None = None) -> Any:
    """Start the mock connector and the app on loopback, run `scenario`, stop both."""

    async def main() -> Any:
        mock = connector or MockConnector()
        runner = web.AppRunner(mock.app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        mock.url = f"http://{host}:{port}"
        try:
            async with TestClient(TestServer(app)) as client:
                return await scenario(Harness(client, mock, app))
        finally:
            await runner.cleanup()

    return asyncio.run(main())
