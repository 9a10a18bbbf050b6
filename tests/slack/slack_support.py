"""Fixtures for the Slack app: the mock Slack server, Slack settings pointing at it, and a
harness that sends correctly signed requests to the real `/slack/events` route of the real
`build_app(...)` over the session's real PolicyService.

After every test, each message, modal and Home tab the app sent to the mock is held to
Block Kit's limits (our checks and slack_sdk's own model validators), to no raw
@channel/@here/@everyone, and to no link unfurls.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator, TypeVar
from urllib.parse import urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk.models.blocks import Block as SdkBlock
from slack_sdk.models.views import View as SdkView

from bot.settings import Settings
from bot.storage import Store
from slack_mock import BOT_USER, MockSlack, MockSlackServer

T = TypeVar("T")
SECRET = "test-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-test"
TEAM = "T1"
HR_USER = "UHR"


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of "v0:{timestamp}:{body}" (written here, not
    borrowed from the SDK, so the verification is checked against an independent signer)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockSlack]:
    server = MockSlackServer()
    mock = server.start()
    yield mock
    server.stop()


@pytest.fixture
def mock(mock_server: MockSlack) -> Iterator[MockSlack]:
    mock_server.reset()
    yield mock_server
    _check_everything_sent(mock_server)


def slack_settings(base: Settings, mock: MockSlack, **extra: str) -> Settings:
    values = {
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": mock.url + "/api/",
        "SLACK_HR_USERS": HR_USER,
    }
    values.update(extra)
    return replace(base, extra={**base.extra, **{k: v for k, v in values.items() if v}})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "slack.db", salt="slack-test-salt")
    yield s
    s.close()


class SlackClient:
    """Signed requests to /slack/events, shaped like Slack's."""

    def __init__(self, client: TestClient, mock: MockSlack, app: web.Application) -> None:
        self.client = client
        self.mock = mock
        self.app = app

    async def post(self, body: str, content_type: str, *, headers: dict[str, str] | None = None, signed: bool = True) -> tuple[int, str]:
        h = {"Content-Type": content_type, **(sign(body) if signed else {}), **(headers or {})}
        resp = await self.client.post("/slack/events", data=body.encode("utf-8"), headers=h)
        return resp.status, await resp.text()

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, team: str = TEAM, retry: int | None = None
    ) -> tuple[int, str]:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team,
                "api_app_id": "A0POLICY",
                "event": event,
                "type": "event_callback",
                "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": team, "user_id": BOT_USER, "is_bot": True}],
            }
        )
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return await self.post(body, "application/json", headers=headers)

    def response_url(self) -> tuple[str, str]:
        key = uuid.uuid4().hex[:10]
        return key, f"{self.mock.url}/respond/{key}"

    async def command(self, text: str, *, user: str = "U1", team: str = TEAM, channel: str = "C1") -> tuple[int, dict[str, Any], str]:
        """(status, the ack's JSON (or {}), the response_url key)."""
        key, url = self.response_url()
        form = {
            "token": "legacy",
            "team_id": team,
            "team_domain": "city",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/policy",
            "text": text,
            "api_app_id": "A0POLICY",
            "response_url": url,
            "trigger_id": f"trig.{uuid.uuid4().hex[:8]}",
        }
        status, body = await self.post(urlencode(form), "application/x-www-form-urlencoded")
        return status, (json.loads(body) if body.startswith("{") else {}), key

    async def interactive(self, payload: dict[str, Any]) -> tuple[int, str]:
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    async def click(
        self,
        action_id: str,
        value: str = "",
        *,
        user: str = "U1",
        team: str = TEAM,
        container: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        channel: str = "C1",
    ) -> tuple[int, str, str]:
        """A block_actions click; (status, body, response_url key)."""
        key, url = self.response_url()
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": team, "domain": "city"},
            "user": {"id": user, "team_id": team},
            "api_app_id": "A0POLICY",
            "trigger_id": f"trig.{uuid.uuid4().hex[:8]}",
            "container": container or {"type": "message", "message_ts": "1.2", "channel_id": channel, "is_ephemeral": True},
            "actions": [{"action_id": action_id, "block_id": "b", "value": value, "type": "button", "action_ts": str(time.time())}],
        }
        if view is not None:
            payload["view"] = view
        else:
            payload["channel"] = {"id": channel, "name": "general"}
            payload["response_url"] = url
        if message is not None:
            payload["message"] = message
        status, body = await self.interactive(payload)
        return status, body, key


async def run_app(app: web.Application, mock: MockSlack, fn: Callable[[SlackClient], Awaitable[T]]) -> T:
    async with TestClient(TestServer(app)) as client:
        return await fn(SlackClient(client, mock, app))


@pytest.fixture
def slack(service: Any, store: Store, settings: Settings, mock: MockSlack) -> Callable[..., Any]:
    """`slack(fn)` runs `async fn(client)` against a fresh app (Slack configured, pointing
    at the mock) over the session's service and this test's store, on a fresh event loop.
    Keywords vary one thing: `settings=`, `service=`, `store=`, or extra SLACK_* settings."""
    from adapters.web import build_app

    default_service, default_store, base = service, store, settings

    def run(fn: Callable[[SlackClient], Awaitable[T]], **options: Any) -> T:
        app_settings = options.pop("settings", None)
        app_service = options.pop("service", None) or default_service
        app_store = options.pop("store", None) or default_store
        app_settings = app_settings or slack_settings(base, mock, **options)
        app = build_app(app_service, app_store, app_settings)
        return asyncio.run(run_app(app, mock, fn))

    return run


# --- what was sent must be valid Block Kit ------------------------------------------------------

PINGS = ("<!channel>", "<!here>", "<!everyone>")
POSTS = ("chat.postMessage", "chat.scheduleMessage", "chat.postEphemeral", "chat.update")


def check_blocks(blocks: list[dict[str, Any]], surface: str) -> None:
    from adapters.slack.blocks import problems

    assert problems(blocks, surface=surface) == [], problems(blocks, surface=surface)
    for b in blocks:
        parsed = SdkBlock.parse(b)
        assert parsed is not None, f"slack_sdk does not know block {b.get('type')}"
        parsed.validate_json()
    dumped = json.dumps(_shown(blocks))
    for ping in PINGS:
        assert ping not in dumped, f"{ping} would ping everyone"


def _shown(obj: Any) -> Any:
    """What Slack renders: everything but button values (data the app gets back, never shown)."""
    if isinstance(obj, dict):
        return {k: _shown(v) for k, v in obj.items() if k != "value"}
    if isinstance(obj, list):
        return [_shown(v) for v in obj]
    return obj


def _check_everything_sent(mock: MockSlack) -> None:
    for call in list(mock.calls):
        if call.method in POSTS or call.method == "response_url":
            blocks = call.blocks()
            if blocks:
                check_blocks(blocks, "message")
            if not call.args.get("delete_original"):
                assert call.args.get("unfurl_links") is False and call.args.get("unfurl_media") is False, f"{call.method} unfurls links"
            for ping in PINGS:
                assert ping not in str(call.args.get("text", "")), f"{ping} in notification text"
        elif call.method in ("views.open", "views.update", "views.publish"):
            view = call.view()
            check_blocks(view.get("blocks", []), "view")
            SdkView(**view).validate_json()
            if view.get("type") == "modal":
                assert len(view["title"]["text"]) <= 24
