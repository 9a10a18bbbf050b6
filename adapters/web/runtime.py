"""What every web handler shares: the app state, the worker pools, request parsing, errors.

Handlers stay thin: they parse and validate the request here, call `bot.service` and
`bot.storage` in a worker thread (both are synchronous and CPU- or disk-bound; the event
loop must keep answering `/healthz` and serving pages meanwhile), then render.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, TypeVar
from urllib.parse import parse_qsl

from aiohttp import web

from bot.errors import InputTooLong, UserInputError
from bot.settings import Settings
from bot.storage import Store

if TYPE_CHECKING:
    from adapters.web.batching import Coalescer
    from bot.service import PolicyService

T = TypeVar("T")

# A draft may be 10,000 characters; JSON-escaped (\uXXXX, surrogate pairs) that is at most
# ~120 KB. Anything larger is refused before a byte of it is parsed or answered.
MAX_BODY_BYTES = 128 * 1024
ORG_COOKIE = "pb_org"
UID_COOKIE = "pb_uid"
FRAGMENT_HEADER = "X-Policybot-Fragment"
DEFAULT_WORKERS = 2  # the machine has 2 cores; more threads only queue on the GIL and torch


@dataclass
class WebState:
    settings: Settings
    store: Store
    service: "PolicyService | None" = None
    loader: "Callable[[], PolicyService] | None" = None
    startup_error: str | None = None
    cpu_workers: int = DEFAULT_WORKERS
    answer_torch_threads: int = 2
    torch_threads: int = 1
    today: Callable[[], dt.date] = dt.date.today
    cpu: ThreadPoolExecutor | None = field(default=None, repr=False)
    answering: ThreadPoolExecutor | None = field(default=None, repr=False)
    io: ThreadPoolExecutor | None = field(default=None, repr=False)
    asks: "Coalescer[Any, Any] | None" = field(default=None, repr=False)

    @property
    def ready(self) -> bool:
        return self.service is not None

    def require_service(self) -> "PolicyService":
        if self.service is None:
            if self.startup_error:
                raise HttpError(503, f"The policy index could not be loaded: {self.startup_error}")
            raise HttpError(503, "The policy index is still loading. Try again in a few seconds.", retry_after=5)
        return self.service


STATE: web.AppKey[WebState] = web.AppKey("policybot_state", WebState)
FRESH_UID: web.RequestKey[str] = web.RequestKey("policybot_fresh_uid", str)


def state_of(request: web.Request) -> WebState:
    return request.app[STATE]


async def run_cpu(state: WebState, fn: Callable[..., T], *args: Any) -> T:
    """Answering and checking: CPU-bound, on the bounded CPU pool."""
    return await asyncio.get_running_loop().run_in_executor(state.cpu, functools.partial(fn, *args))


async def run_answering(state: WebState, fn: Callable[..., T], *args: Any) -> T:
    """Answer batches: on the one answering thread (see `adapters.web.batching`)."""
    return await asyncio.get_running_loop().run_in_executor(state.answering or state.cpu, functools.partial(fn, *args))


async def run_io(state: WebState, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Database calls: blocking I/O, on their own pool so they never queue behind answers."""
    return await asyncio.get_running_loop().run_in_executor(state.io, functools.partial(fn, *args, **kwargs))


# --- errors -----------------------------------------------------------------------------


class HttpError(Exception):
    """A request we refuse; `message` is worded for the person who sent it."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def from_user_error(exc: UserInputError) -> HttpError:
    return HttpError(413 if isinstance(exc, InputTooLong) else 400, str(exc))


def too_large() -> HttpError:
    return HttpError(413, f"The request is too large: the limit is {MAX_BODY_BYTES // 1024} KB. Ask about one situation, or check one post at a time.")


# --- reading requests -----------------------------------------------------------------


async def read_body(request: web.Request) -> bytes:
    """The raw body, refusing oversized ones by Content-Length before reading them, and by
    `client_max_size` while reading (chunked uploads have no Content-Length)."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise too_large()
    try:
        return await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise too_large() from None


def decode_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "The request body is not valid UTF-8 text.") from None


async def read_json_object(request: web.Request) -> dict[str, Any]:
    body = await read_body(request)
    if not body.strip():
        raise HttpError(400, 'The request body is empty. Send a JSON object, e.g. {"q": "Can I use the City logo?"}.')
    text = decode_utf8(body)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HttpError(400, f"The request body is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).") from None
    except RecursionError:
        raise HttpError(400, "The request body is nested too deeply to be a question.") from None
    if not isinstance(data, dict):
        raise HttpError(400, "The request body must be a JSON object, e.g. {\"q\": \"...\", \"org\": \"mission\"}.")
    if _has_lone_surrogate(data):
        # JSON may escape half a character ("\ud800"); it cannot be stored or searched.
        raise HttpError(400, "The request contains an invalid character (half of a UTF-16 pair).")
    return data


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


async def read_form(request: web.Request) -> dict[str, str]:
    """An urlencoded form, strictly UTF-8 (aiohttp's own parser would raise a 500 on bad bytes)."""
    body = await read_body(request)
    text = decode_utf8(body)
    try:
        return dict(parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"))
    except (UnicodeDecodeError, ValueError):
        raise HttpError(400, "The form data is not valid UTF-8 text.") from None


def query_param(request: web.Request, name: str) -> str:
    try:
        return request.query.get(name, "")
    except UnicodeDecodeError:
        raise HttpError(400, "The address contains characters that are not valid UTF-8.") from None


def string_field(data: Mapping[str, Any], name: str, *, required: bool) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise HttpError(400, f"“{name}” is missing: send it as a string.")
        return None
    if not isinstance(value, str):
        raise HttpError(400, f"“{name}” must be a string, not {_json_type(value)}.")
    return value


def bool_field(data: Mapping[str, Any], name: str, *, default: bool | None = None) -> bool:
    value = data.get(name, default)
    if value is None:
        raise HttpError(400, f"“{name}” is missing: send true or false.")
    if not isinstance(value, bool):
        raise HttpError(400, f"“{name}” must be true or false, not {_json_type(value)}.")
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a " + type(value).__name__


def wants_fragment(request: web.Request) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "1"


def is_api(request: web.Request) -> bool:
    return request.path.startswith(("/api/", "/slack/")) or request.path == "/healthz"


# --- who is asking ------------------------------------------------------------------------


def asker_identity(request: web.Request) -> str:
    """A stable id for "the same person" in feedback and stats; the store hashes it.

    Browsers get an anonymous random cookie; API callers are known by their address.
    """
    uid = request.cookies.get(UID_COOKIE, "") or request.get(FRESH_UID, "")
    if uid and len(uid) <= 64 and uid.isalnum():
        return "web:" + uid
    return "addr:" + (request.remote or "unknown")


def new_uid() -> str:
    return secrets.token_hex(16)
