"""The HTTP endpoint itself: request verification, de-duplication across a restart, what is
ignored, the OAuth install flow and Socket Mode wiring."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, urlparse

import pytest
from aiohttp.test_utils import TestClient, TestServer
from slack_support import SECRET, SlackClient, sign, slack_settings
from slack_mock import APP_ID, BOT_USER, INSTALLED_TEAM, INSTALLED_TOKEN, MockSlack, basic_auth
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from adapters.slack.config import SlackConfigError
from adapters.web import build_app
from bot.settings import Settings
from bot.storage import Store


def mention(text: str, ts: str, channel: str = "C1", **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U1", "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel, "event_ts": ts, **extra}


def test_unsigned_wrongly_signed_and_stale_requests_are_refused(slack: Callable[..., Any], mock: MockSlack) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "EvX", "team_id": "T1", "event": mention("Can I swear?", "1.1")})

    async def go(s: SlackClient) -> None:
        assert (await s.post(body, "application/json", signed=False))[0] == 401
        bad = sign(body, secret="not-the-secret")
        assert (await s.post(body, "application/json", signed=False, headers=bad))[0] == 401
        stale = sign(body, timestamp=int(time.time()) - 6 * 60)
        assert (await s.post(body, "application/json", signed=False, headers=stale))[0] == 401
        tampered = sign(body)
        assert (await s.post(body.replace("swear", "curse"), "application/json", signed=False, headers=tampered))[0] == 401
        await asyncio.sleep(0.3)
        assert mock.calls == []  # nothing reached a listener
        status, text = await s.post(json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"}), "application/json")
        assert status == 200 and "c-123" in text

    slack(go)


def test_no_slack_routes_without_slack_settings(service: Any, store: Store, settings: Settings) -> None:
    async def go() -> None:
        async with TestClient(TestServer(build_app(service, store, settings))) as client:
            resp = await client.post("/slack/events", data=b"{}")
            assert resp.status == 404
            assert (await client.get("/slack/install")).status == 404

    asyncio.run(go())


def test_retries_and_the_mention_message_double_are_answered_once_even_after_a_restart(
    service: Any, settings: Settings, mock: MockSlack, tmp_path: Path
) -> None:
    db = tmp_path / "shared.db"
    s_settings = slack_settings(settings, mock)
    dm = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": "Can I swear on Facebook?", "ts": "2.1"}
    dm_mention = {"type": "app_mention", "channel": "D1", "user": "U1", "text": f"<@{BOT_USER}> Can I swear on Facebook?", "ts": "2.1"}

    async def first(s: SlackClient) -> None:
        assert (await s.event(mention("Can I use the City logo?", "1.1"), event_id="Ev1"))[0] == 200
        await mock.wait_for("chat.postMessage")
        assert (await s.event(mention("Can I use the City logo?", "1.1"), event_id="Ev1", retry=1))[0] == 200
        assert (await s.event(dm, event_id="Ev2"))[0] == 200
        assert (await s.event(dm_mention, event_id="Ev3"))[0] == 200  # the same message, as a mention
        await mock.wait_for("chat.postMessage", count=2)
        await asyncio.sleep(0.5)

    async def after_restart(s: SlackClient) -> None:
        assert (await s.event(mention("Can I use the City logo?", "1.1"), event_id="Ev1", retry=2))[0] == 200
        assert (await s.event(dm, event_id="Ev2", retry=1))[0] == 200
        await asyncio.sleep(0.8)

    store1 = Store.open(db, salt="s")
    asyncio.run(_run(build_app(service, store1, s_settings), mock, first))
    store1.close()
    posts = mock.of("chat.postMessage")
    assert len(posts) == 2, [p.args for p in posts]
    assert {p.args["channel"] for p in posts} == {"C1", "D1"}

    store2 = Store.open(db, salt="s")  # a new process: new app, new store, same database
    asyncio.run(_run(build_app(service, store2, s_settings), mock, after_restart))
    store2.close()
    assert len(mock.of("chat.postMessage")) == 2


async def _run(app: Any, mock: MockSlack, fn: Callable[[SlackClient], Any]) -> Any:
    async with TestClient(TestServer(app)) as client:
        return await fn(SlackClient(client, mock, app))


def test_bots_edits_and_own_messages_are_ignored(slack: Callable[..., Any], mock: MockSlack) -> None:
    ignored = [
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U9", "bot_id": "B9", "text": "Can I swear?", "ts": "3.1"},
        {"type": "message", "subtype": "bot_message", "channel_type": "im", "channel": "D1", "bot_id": "B9", "text": "hi", "ts": "3.2"},
        {"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D1", "message": {"user": "U1", "text": "Can I swear?"}, "ts": "3.3"},
        {"type": "message", "channel_type": "im", "channel": "D1", "user": BOT_USER, "bot_id": "BBOT", "text": "my own answer", "ts": "3.4"},
        {"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1", "text": "Can I swear?", "ts": "3.5"},
    ]

    async def go(s: SlackClient) -> None:
        for event in ignored:
            assert (await s.event(event))[0] == 200
        await asyncio.sleep(1.0)

    slack(go)
    assert set(mock.methods()) <= {"auth.test"}


def test_oauth_install_stores_the_installation_and_its_token_answers_that_workspace(
    service: Any, store: Store, settings: Settings, mock: MockSlack
) -> None:
    s = slack_settings(settings, mock, SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="oauth-secret", SLACK_BOT_TOKEN="")
    app = build_app(service, store, s)

    async def go(client: SlackClient) -> None:
        http = client.client
        resp = await http.get("/slack/install", allow_redirects=False)
        assert resp.status == 302  # straight to Slack's consent screen
        location = resp.headers["Location"]
        assert location.startswith("https://slack.com/oauth/v2/authorize?")
        query = parse_qs(urlparse(location).query)
        assert query["client_id"] == ["111.222"] and "commands" in query["scope"][0] and "chat:write" in query["scope"][0]
        assert query["redirect_uri"] == ["http://bot.test/slack/oauth_redirect"]
        state = query["state"][0]
        cookie = resp.headers["Set-Cookie"].split(";")[0]  # slack-app-oauth-state=...
        assert state in cookie

        forged = await http.get("/slack/oauth_redirect", params={"code": "c1", "state": "forged"}, headers={"Cookie": cookie})
        assert forged.status == 400 and mock.of("oauth.v2.access") == []
        assert "Start again from the install page" in await forged.text()

        done = await http.get("/slack/oauth_redirect", params={"code": "the-code", "state": state}, headers={"Cookie": cookie})
        page = await done.text()
        assert done.status == 200, page
        assert "policybot is installed in <strong>City of Mission</strong>" in page
        assert 'href="slack://app?team=T2&amp;id=A0POLICY&amp;tab=home"' in page
        assert "Max-Age=0" in done.headers.get("Set-Cookie", "") or "expires" in done.headers.get("Set-Cookie", "").lower()
        access = mock.of("oauth.v2.access")
        assert len(access) == 1 and access[0].args["code"] == "the-code"
        assert access[0].auth == basic_auth("111.222", "oauth-secret")

        replay = await http.get("/slack/oauth_redirect", params={"code": "the-code", "state": state}, headers={"Cookie": cookie})
        assert replay.status in (400, 401) and len(mock.of("oauth.v2.access")) == 1  # a state works once

        # The new workspace's events are answered with its own token.
        await client.event(mention("Can I swear on Facebook?", "9.1"), team=INSTALLED_TEAM)
        posts = await mock.wait_for("chat.postMessage")
        assert posts[0].token == INSTALLED_TOKEN

    asyncio.run(_run(app, mock, go))
    installed = SQLAlchemyInstallationStore(client_id="111.222", engine=store.engine).find_installation(enterprise_id=None, team_id=INSTALLED_TEAM)
    assert installed is not None and installed.bot_token == INSTALLED_TOKEN and installed.app_id == APP_ID


def test_socket_mode_connects_at_start_up_and_answers_over_the_socket(
    service: Any, store: Store, settings: Settings, mock: MockSlack
) -> None:
    """Only the app token: no HTTP route, a WebSocket to the (mock) Slack instead."""
    s = slack_settings(settings, mock, SLACK_SIGNING_SECRET="", SLACK_APP_TOKEN="xapp-1-test")
    assert "SLACK_SIGNING_SECRET" not in s.extra
    app = build_app(service, store, s)

    async def go() -> None:
        async with TestClient(TestServer(app)) as client:
            assert (await client.post("/slack/events", data=b"{}")).status == 404
            opened = await mock.wait_for("apps.connections.open")
            assert opened[0].token == "xapp-1-test"
            deadline = time.monotonic() + 10
            while not mock._sockets and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            key = "socket1"
            await asyncio.get_running_loop().run_in_executor(
                None,
                mock.socket_send,
                {
                    "envelope_id": "env-1",
                    "type": "slash_commands",
                    "accepts_response_payload": True,
                    "payload": {
                        "team_id": "T1",
                        "user_id": "U1",
                        "channel_id": "C1",
                        "command": "/policy",
                        "text": "Can I use the City logo on my Instagram?",
                        "response_url": f"{mock.url}/respond/{key}",
                        "trigger_id": "t.1",
                    },
                },
            )
            answer = await mock.wait_for("response_url", lambda c: c.args["_key"] == key)
            assert "Share in channel" in answer[0].text_dump()
            acks = [m for m in mock.socket_received if m.get("envelope_id") == "env-1"]
            assert acks and "Looking that up" in json.dumps(acks[0])

    asyncio.run(go())
    assert not mock._sockets or all(ws.closed for ws in mock._sockets)  # closed at shutdown


def test_config_error_stops_a_half_configured_server(service: Any, store: Store, settings: Settings) -> None:
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        build_app(service, store, replace(settings, extra={"SLACK_SIGNING_SECRET": SECRET}))
