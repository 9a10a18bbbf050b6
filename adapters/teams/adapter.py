"""`POST /api/messages`: botbuilder's `CloudAdapter`, with the HTTP handling Teams needs.

What differs from `CloudAdapter.process` in botbuilder 4.17.1, and why:

- Invoke bodies are sent as they are. `TeamsActivityHandler` already serializes an invoke's
  body (message-extension and card-action responses) to a dict; `CloudAdapter.process`
  serializes it again, and msrest fails on a dict (`AttributeError: 'dict' object has no
  attribute 'is_xml_model'`), so every "Check against policy" would answer 500.
- Every token problem is a 401. The SDK raises `PermissionError` for a missing or rejected
  token but lets a malformed one (not a JWT, unknown signing key) escape as a 500.
- Retries are dropped after authentication: Teams resends an activity it thinks was lost,
  and answering twice is worse than not at all (`Store.mark_event_once`, so a restart does
  not answer again).
- Replies are quick: a turn that runs longer than `ack_seconds` carries on in the
  background and the request is answered 202, well inside Teams' 15-second timeout.
- Local mode (no MICROSOFT_APP_ID, for the Emulator) accepts unauthenticated activities
  only from a loopback `serviceUrl`: an unconfigured bot on a public address must not be
  steerable into posting to arbitrary hosts.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from botbuilder.core import Bot, InvokeResponse, TurnContext, serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes
from botframework.connector.auth import AuthenticateRequestResult, BotFrameworkAuthentication
from msrest.serialization import Model

from adapters.teams.replies import APOLOGY, user_message
from adapters.web.runtime import read_json_object

log = logging.getLogger(__name__)

FirstTime = Callable[[Activity], Awaitable[bool]]
DEFAULT_ACK_SECONDS = 4.0


class PolicybotAdapter(CloudAdapter):
    def __init__(
        self,
        auth: BotFrameworkAuthentication,
        *,
        local_mode: bool,
        first_time: FirstTime | None = None,
        ack_seconds: float = DEFAULT_ACK_SECONDS,
    ) -> None:
        super().__init__(auth)
        self.local_mode = local_mode
        self.first_time = first_time
        self.ack_seconds = ack_seconds
        self._background: set[asyncio.Task[Any]] = set()
        self.on_turn_error = self._on_turn_error

    # --- HTTP -----------------------------------------------------------------------------

    async def process(self, request: web.Request, bot: Bot, ws_response: web.WebSocketResponse | None = None) -> web.Response:
        if request.method != "POST":
            raise web.HTTPMethodNotAllowed(request.method, ["POST"])
        if "application/json" not in request.headers.get("Content-Type", ""):
            return _error(415, "Send the activity as JSON (Content-Type: application/json).")
        body = await read_json_object(request)
        try:
            activity = Activity().deserialize(body)
        except Exception:  # noqa: BLE001 - msrest raises several types for bad shapes
            return _error(400, "The body is not a Bot Framework activity.")
        if not activity.type or not activity.service_url or activity.conversation is None:
            return _error(400, "The activity needs a type, a serviceUrl and a conversation.")
        if self.local_mode and not _is_loopback(activity.service_url):
            return _error(
                403,
                "This bot runs in local (Emulator) mode: it accepts unauthenticated activities only from this machine. "
                "Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to connect it to Teams.",
            )
        auth = await self._authenticate(activity, request.headers.get("Authorization", ""))
        if isinstance(auth, web.Response):
            return auth
        if self.first_time is not None and activity.type != ActivityTypes.invoke and activity.id:
            if not await self.first_time(activity):
                log.info("teams: %s %s already handled; ignoring the retry", activity.type, activity.id)
                return web.json_response({"status": "duplicate"}, status=200)
        turn = asyncio.ensure_future(self.process_activity(auth, activity, bot.on_turn))
        if activity.type == ActivityTypes.invoke:
            return _invoke_http(await turn)
        try:
            await asyncio.wait_for(asyncio.shield(turn), self.ack_seconds)
        except asyncio.TimeoutError:
            self._background.add(turn)
            turn.add_done_callback(self._finished)
            return web.Response(status=202)
        return web.Response(status=200)

    async def _authenticate(self, activity: Activity, header: str) -> AuthenticateRequestResult | web.Response:
        try:
            return await self.bot_framework_authentication.authenticate_request(activity, header)
        except PermissionError as exc:
            log.info("teams: rejected a request: %s", exc)
        except Exception as exc:  # noqa: BLE001 - malformed tokens surface as many types
            if _is_network_error(exc):
                log.exception("teams: could not fetch the Bot Framework signing keys")
                return _error(503, "The bot cannot check the request's token right now. Try again shortly.")
            log.info("teams: rejected a malformed token (%s: %s)", type(exc).__name__, exc)
        return _error(401, "This endpoint only accepts requests signed by the Bot Framework for this bot.", www="Bearer")

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("teams: a background turn failed", exc_info=task.exception())

    async def drain(self, timeout: float = 10.0) -> None:
        """At shutdown: let turns in progress finish their replies, then stop them."""
        pending = list(self._background)
        if not pending:
            return
        _done, still = await asyncio.wait(pending, timeout=timeout)
        for task in still:
            task.cancel()

    # --- errors inside a turn -------------------------------------------------------------

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        activity = context.activity
        if activity.type == ActivityTypes.event and activity.name == "ContinueConversation":
            raise error  # a proactive send (reminder): the caller records the failure
        message = user_message(error)
        if message is None:
            log.error("teams: turn failed (%s %s)", activity.type, activity.name or "", exc_info=error)
        if activity.type == ActivityTypes.invoke:
            body = {"statusCode": 500, "type": "application/vnd.microsoft.error", "value": {"code": "InternalError", "message": message or APOLOGY}}
            context.turn_state[self._INVOKE_RESPONSE_KEY] = Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=500, body=body))
            return
        try:
            await context.send_activity(message or APOLOGY)
            # Shown only in the Emulator (the adapter drops traces on other channels).
            await context.send_activity(
                Activity(
                    type=ActivityTypes.trace,
                    name="OnTurnError Trace",
                    label="TurnError",
                    value=f"{type(error).__name__}: {error}",
                    value_type="https://www.botframework.com/schemas/error",
                )
            )
        except Exception:  # noqa: BLE001 - the connector itself may be what failed
            log.exception("teams: could not tell the user about the error")


def _invoke_http(response: InvokeResponse | None) -> web.Response:
    if response is None:
        return web.Response(status=200)
    body = response.body
    if isinstance(body, Model):
        body = serializer_helper(body)
    # Already JSON-ready (TeamsActivityHandler serialized it): send as is, never re-serialize.
    if body is None:
        return web.Response(status=int(response.status or 200))
    return web.json_response(body, status=int(response.status or 200))


def _error(status: int, message: str, www: str | None = None) -> web.Response:
    response = web.json_response({"error": message}, status=status)
    if www:
        response.headers["WWW-Authenticate"] = www
    return response


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_network_error(exc: BaseException) -> bool:
    try:
        import requests
    except ImportError:  # pragma: no cover - botframework-connector depends on it
        return False
    return isinstance(exc, requests.RequestException)
