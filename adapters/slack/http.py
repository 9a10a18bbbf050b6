"""The bridge between the aiohttp server and bolt: the Slack routes, and Socket Mode.

    POST /slack/events          events, slash commands, shortcuts and interactivity
    GET  /slack/install         the "Add to Slack" page (OAuth only)
    GET  /slack/oauth_redirect  Slack's OAuth callback: stores the installation (OAuth only)

Socket Mode (SLACK_APP_TOKEN) connects out to Slack when the server starts and hands each
envelope to the same bolt app; the connection is retried in the background, so a Slack
outage at start-up does not keep the web page from serving.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import AsyncIterator

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError

from adapters.slack.bolt_app import TrackedLazyRunner
from adapters.slack.runtime import SlackDeps, api_error, log

SLACK_MAX_BODY_BYTES = 1024 * 1024  # far above any Slack payload (a message holds 40,000 characters)
DRAIN_TIMEOUT_S = 10.0  # answers in flight at shutdown get this long to be posted
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 300.0
FATAL_TOKEN_ERRORS = ("invalid_auth", "not_authed", "not_allowed_token_type", "account_inactive", "token_revoked")


@dataclass
class SlackMount:
    bolt: AsyncApp
    runner: TrackedLazyRunner
    deps: SlackDeps
    socket: AsyncSocketModeHandler | None = None
    socket_task: "asyncio.Task[None] | None" = field(default=None, repr=False)


SLACK: web.AppKey[SlackMount] = web.AppKey("policybot_slack", SlackMount)


async def _events_request(request: web.Request) -> AsyncBoltRequest:
    """`to_bolt_request`, with Slack's own size limit instead of the web server's 128 KB:
    a long pasted draft arrives with its rich-text copy and can pass 128 KB, and a refused
    delivery would leave its sender with no answer at all (they must hear "too long")."""
    if request.content_length is not None and request.content_length > SLACK_MAX_BODY_BYTES:
        raise web.HTTPRequestEntityTooLarge(max_size=SLACK_MAX_BODY_BYTES, actual_size=request.content_length)
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > SLACK_MAX_BODY_BYTES:
            raise web.HTTPRequestEntityTooLarge(max_size=SLACK_MAX_BODY_BYTES, actual_size=size)
        chunks.append(chunk)
    body = b"".join(chunks).decode("utf-8", errors="replace")  # a bad byte fails the signature check
    return AsyncBoltRequest(body=body, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]


async def slack_events(request: web.Request) -> web.StreamResponse:
    bolt = request.app[SLACK].bolt
    return await to_aiohttp_response(await bolt.async_dispatch(await _events_request(request)))


async def slack_install(request: web.Request) -> web.StreamResponse:
    flow = request.app[SLACK].bolt.oauth_flow
    assert flow is not None
    return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))


async def slack_oauth_redirect(request: web.Request) -> web.StreamResponse:
    flow = request.app[SLACK].bolt.oauth_flow
    assert flow is not None
    return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))


def socket_mode_handler(mount: SlackMount) -> AsyncSocketModeHandler:
    """Bolt's aiohttp Socket Mode adapter on the same app and Web API client (so
    SLACK_API_URL applies to apps.connections.open too)."""
    return AsyncSocketModeHandler(mount.bolt, app_token=mount.deps.config.app_token, web_client=mount.bolt.client, logger=log)


async def _connect_until_done(handler: AsyncSocketModeHandler) -> None:
    delay = RETRY_FIRST_S
    while True:
        try:
            await handler.connect_async()
            log.info("slack: Socket Mode connected")
            return  # from here the SDK's client reconnects by itself
        except asyncio.CancelledError:
            raise
        except SlackApiError as exc:
            error = api_error(exc)
            if error in FATAL_TOKEN_ERRORS:
                log.error("slack: Socket Mode cannot connect: SLACK_APP_TOKEN was refused (%s); fix the token and restart", error)
                return
            log.warning("slack: Socket Mode connection failed (%s); retrying in %.0f s", error, delay)
        except Exception as exc:  # noqa: BLE001 - network trouble: keep trying
            log.warning("slack: Socket Mode connection failed (%s); retrying in %.0f s", exc, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, RETRY_MAX_S)


async def slack_lifecycle(app: web.Application) -> AsyncIterator[None]:
    """Socket Mode up after the worker pools start; at shutdown, close it and let answers in
    flight finish before the pools (and the database threads) go away."""
    mount = app[SLACK]
    if mount.deps.config.socket_mode:
        mount.socket = socket_mode_handler(mount)
        mount.socket_task = asyncio.create_task(_connect_until_done(mount.socket))
    yield
    if mount.socket_task is not None:
        mount.socket_task.cancel()
        try:
            await mount.socket_task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001 - shutting down
            pass
    if mount.socket is not None:
        await mount.socket.close_async()
    await mount.runner.drain(DRAIN_TIMEOUT_S)
