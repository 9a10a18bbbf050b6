"""The slack-bolt AsyncApp: how it reaches Slack, how it authorizes, and the middleware
that answers each delivery once.

    app, runner = build_bolt_app(deps)

- Requests are verified with the signing secret (bolt's built-in middleware: 401 for an
  unsigned, wrongly signed or stale request).
- `process_before_response=False`: bolt acks first and runs the lazy listeners after.
- One workspace (SLACK_BOT_TOKEN) or many (OAuth; installations in the database).
- Slack redelivers an event it thinks was lost (X-Slack-Retry-Num), and a message that
  mentions the bot can arrive twice (app_mention and message). Each delivery is claimed in
  the database before any work (`Store.mark_event_once`: a unique row), keyed on the
  event id and on the message's channel and timestamp, so a retry, the double, or a
  redelivery after a restart is acked and dropped.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Mapping

from slack_bolt.async_app import AsyncApp
from slack_bolt.lazy_listener.async_internals import to_runnable_function
from slack_bolt.lazy_listener.asyncio_runner import AsyncioLazyListenerRunner
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.config import INSTALL_PATH, REDIRECT_PATH
from adapters.slack.installations import ThreadedInstallationStore, ThreadedOAuthStateStore
from adapters.slack.listeners import register
from adapters.slack.oauth_pages import CALLBACK_OPTIONS
from adapters.slack.runtime import PLATFORM, SlackDeps, log
from adapters.web.runtime import run_io

ANSWERED_MESSAGE_EVENTS = ("app_mention", "message")
USER_SUBTYPES = (None, "file_share", "thread_broadcast")


class TrackedLazyRunner(AsyncioLazyListenerRunner):
    """Bolt's asyncio runner, keeping a reference to each task: a bare
    `asyncio.ensure_future` task can be garbage-collected mid-answer, and shutdown should
    let answers in flight finish."""

    def __init__(self, logger: Any) -> None:
        super().__init__(logger=logger)
        self.tasks: set[asyncio.Task[None]] = set()

    def start(self, function: Callable[..., Awaitable[None]], request: AsyncBoltRequest) -> None:
        task = asyncio.ensure_future(to_runnable_function(internal_func=function, logger=self.logger, request=request))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self, timeout: float) -> None:
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=timeout)


def delivery_keys(body: Mapping[str, Any]) -> list[str]:
    """What makes an event delivery the same as one already handled."""
    if body.get("type") != "event_callback":
        return []
    keys = [f"event:{body['event_id']}"] if body.get("event_id") else []
    event = body.get("event") or {}
    if event.get("type") in ANSWERED_MESSAGE_EVENTS and event.get("subtype") in USER_SUBTYPES and event.get("channel") and event.get("ts"):
        if event["type"] == "app_mention" or event.get("channel_type") == "im":
            keys.append(f"msg:{body.get('team_id', '')}:{event['channel']}:{event['ts']}")
    return keys


def _client(deps: SlackDeps) -> AsyncWebClient:
    # With OAuth each request gets its workspace's token; the shared client carries none.
    token = None if deps.config.oauth else deps.config.bot_token or None
    return AsyncWebClient(token=token, base_url=deps.config.api_url, logger=log)


def _oauth_settings(deps: SlackDeps) -> AsyncOAuthSettings:
    config = deps.config
    store = deps.state.store

    async def io(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await run_io(deps.state, fn, *args, **kwargs)

    return AsyncOAuthSettings(
        client_id=config.client_id,
        client_secret=config.client_secret,
        scopes=list(config.scopes),
        user_scopes=[],
        redirect_uri=config.redirect_uri,
        install_path=INSTALL_PATH,
        # Straight to Slack's consent screen: an intermediate "Add to Slack" page is one more click.
        install_page_rendering_enabled=False,
        redirect_uri_path=REDIRECT_PATH,
        callback_options=CALLBACK_OPTIONS,
        installation_store=ThreadedInstallationStore(config.client_id, store.engine, io),
        state_store=ThreadedOAuthStateStore(store.engine, io),
        logger=log,
    )


class _NoTokenSkippedWarning(logging.Filter):
    """AsyncApp also reads SLACK_BOT_TOKEN from the environment and warns that the client we
    pass (the one with SLACK_API_URL) wins over it: true, intended, and alarming at start-up."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


BOLT_LOG = logging.getLogger("adapters.slack.bolt")
BOLT_LOG.addFilter(_NoTokenSkippedWarning())


def build_bolt_app(deps: SlackDeps) -> tuple[AsyncApp, TrackedLazyRunner]:
    config = deps.config

    async def answer_once(body: dict[str, Any], next: Callable[[], Awaitable[None]]) -> BoltResponse | None:
        """Claim each delivery before authorizing or answering; a repeat is acked and dropped."""
        for key in delivery_keys(body):
            first = await run_io(deps.state, deps.store.mark_event_once, PLATFORM, key)
            if not first:
                log.info("slack: %s already handled; acknowledging the repeat without answering", key)
                return BoltResponse(status=200, body="")
        await next()
        return None

    kwargs: dict[str, Any] = {
        "name": "policybot",
        "logger": BOLT_LOG,
        "signing_secret": config.signing_secret,
        "client": _client(deps),
        "process_before_response": False,
        "request_verification_enabled": True,
        "before_authorize": answer_once,
    }
    if config.oauth:
        kwargs["oauth_settings"] = _oauth_settings(deps)
    app = AsyncApp(**kwargs)
    runner = TrackedLazyRunner(app.logger)
    app.listener_runner.lazy_listener_runner = runner
    if config.oauth:
        app.enable_token_revocation_listeners()  # uninstalls delete the stored tokens
    else:

        async def note_uninstall(ack: Callable[[], Awaitable[None]], body: dict[str, Any]) -> None:
            await ack()  # one workspace: nothing stored to forget, but Slack must not retry
            log.warning("slack: %s for workspace %s; SLACK_BOT_TOKEN no longer works there", (body.get("event") or {}).get("type"), body.get("team_id"))

        app.event("app_uninstalled")(note_uninstall)
        app.event("tokens_revoked")(note_uninstall)
    register(app, deps)
    return app, runner
