"""The aiohttp application: routes, middlewares, worker pools, start-up.

    app = build_app(service, store, settings)        # tests: an already started service
    run(settings, host="127.0.0.1", port=3978)         # `policybot serve`

`run` starts listening at once and loads the index in the background: `/healthz` answers
503 until the index is loaded, then 200; pages say "starting up" meanwhile.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, AsyncIterator, Awaitable, Callable

from aiohttp import web

from adapters.web import admin, admin_reminders, api, pages
from adapters.web.batching import ask_coalescer
from adapters.web.html import error_box, esc, layout
from adapters.web.runtime import (
    DEFAULT_WORKERS,
    FRESH_UID,
    MAX_BODY_BYTES,
    STATE,
    UID_COOKIE,
    HttpError,
    WebState,
    from_user_error,
    is_api,
    new_uid,
    wants_fragment,
)
from bot.errors import UserInputError
from bot.settings import Settings
from bot.storage import Store

if TYPE_CHECKING:
    from bot.service import PolicyService

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


# --- errors: a person-readable 4xx for every bad input, never a traceback --------------


def _http_message(request: web.Request, exc: web.HTTPException) -> str:
    if exc.status == 404:
        return f"There is nothing at {request.path}."
    if exc.status == 405 and isinstance(exc, web.HTTPMethodNotAllowed):
        allowed = ", ".join(sorted(exc.allowed_methods))
        return f"{request.method} is not allowed at {request.path}; use {allowed}."
    if exc.status == 413:
        return f"The request is too large: the limit is {MAX_BODY_BYTES // 1024} KB."
    return exc.reason or "The request cannot be handled."


def error_response(request: web.Request, status: int, message: str, retry_after: int | None = None) -> web.Response:
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    if is_api(request) or "application/json" in request.headers.get("Accept", ""):
        response = api.json_response({"error": message}, status=status)
        response.headers.update(headers)
        return response
    if wants_fragment(request):
        return web.Response(text=error_box(message), status=status, content_type="text/html", charset="utf-8", headers=headers)
    title = {404: "Not found", 503: "Starting up"}.get(status, "Something is wrong with the request" if status < 500 else "Something went wrong")
    refresh = '<meta http-equiv="refresh" content="5">' if status == 503 and retry_after else ""
    body = layout(title, f"<h1>{esc(title)}</h1>{error_box(message)}<p><a href=\"/\">Back to the start</a></p>", head_extra=refresh)
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8", headers=headers)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except HttpError as exc:
        return error_response(request, exc.status, exc.message, exc.retry_after)
    except UserInputError as exc:
        err = from_user_error(exc)
        return error_response(request, err.status, err.message)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise  # redirects
        return error_response(request, exc.status, _http_message(request, exc))
    except asyncio.CancelledError:
        raise
    except Exception:
        # Not the person's fault: log everything, tell them plainly.
        log.exception("internal error on %s %s", request.method, request.path)
        return error_response(request, 500, "Something went wrong on our side. Please try again; if it keeps happening, tell IT.")


@web.middleware
async def identity_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give each browser an anonymous id (stored only as a salted hash) for feedback and stats."""
    fresh = None
    if not is_api(request) and not request.path.startswith("/static/") and UID_COOKIE not in request.cookies:
        fresh = new_uid()
        request[FRESH_UID] = fresh
    response = await handler(request)
    if fresh:
        secure = request.app[STATE].settings.base_url.startswith("https://")
        response.set_cookie(UID_COOKIE, fresh, max_age=365 * 24 * 3600, path="/", httponly=True, samesite="Lax", secure=secure)
    return response


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.content_type == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")


# --- lifecycle ------------------------------------------------------------------------


def _start_loading(state: WebState, loop: asyncio.AbstractEventLoop) -> None:
    """Load the service in a daemon thread (a slow first index build must not hold up
    Ctrl-C), then hand it to the event loop."""
    loader = state.loader
    assert loader is not None

    def hand_over(name: str, value: object) -> bool:
        # The server may have stopped while the index was loading: its loop is closed and
        # there is no one left to tell.
        try:
            loop.call_soon_threadsafe(setattr, state, name, value)
        except RuntimeError:
            log.info("server stopped before the policy index finished loading")
            return False
        return True

    def work() -> None:
        try:
            service = loader()
        except Exception as exc:  # noqa: BLE001 - reported on /healthz and every page
            log.exception("could not load the policy index")
            hand_over("startup_error", f"{type(exc).__name__}: {exc}")
            return
        if hand_over("service", service):
            log.info("policy index loaded; ready")

    threading.Thread(target=work, name="policybot-load", daemon=True).start()


def _answer_thread_init(torch_threads: int) -> None:
    """Each answer thread runs the embedding model on `torch_threads` intra-op threads.

    Workers x torch threads must not exceed the cores: with torch's default (one thread per
    core) in every worker, the threads spin-wait on each other, and on a machine where
    something else holds a core the measured answer time went from ~25 ms to over a second.
    Parallelism comes from the workers instead (torch releases the GIL inside its kernels).
    """
    torch = sys.modules.get("torch")  # only if the core already loaded it; never import it here
    if torch is not None and torch_threads > 0:
        torch.set_num_threads(torch_threads)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    state = app[STATE]
    state.cpu = ThreadPoolExecutor(
        max_workers=state.cpu_workers,
        thread_name_prefix="policybot-cpu",
        initializer=_answer_thread_init,
        initargs=(state.torch_threads,),
    )
    state.io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="policybot-db")
    state.answering = ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="policybot-answer", initializer=_answer_thread_init, initargs=(state.answer_torch_threads,)
    )
    state.asks = ask_coalescer(state)
    if state.service is None and state.loader is not None:
        _start_loading(state, asyncio.get_running_loop())
    yield
    state.cpu.shutdown(wait=False, cancel_futures=True)
    state.answering.shutdown(wait=False, cancel_futures=True)
    state.io.shutdown(wait=True)  # let commits in flight finish: their ids were handed out


# --- the application ------------------------------------------------------------------


def build_app(
    service: "PolicyService | None",
    store: Store,
    settings: Settings,
    *,
    loader: "Callable[[], PolicyService] | None" = None,
    cpu_workers: int | None = None,
    today: Callable[[], dt.date] | None = None,
) -> web.Application:
    """The whole web server. Pass a started `service`, or None and a `loader` to start it in
    the background. Questions are answered in batches on one answering thread (torch on
    POLICYBOT_ANSWER_TORCH_THREADS intra-op threads, default 2); draft checks run on
    `cpu_workers` threads (default: POLICYBOT_WEB_WORKERS or 2), each torch on
    POLICYBOT_TORCH_THREADS (default 1)."""
    if service is None and loader is None:
        raise ValueError("build_app needs a service or a loader")
    workers = cpu_workers or _int_setting(settings, "POLICYBOT_WEB_WORKERS") or DEFAULT_WORKERS
    torch_threads = _int_setting(settings, "POLICYBOT_TORCH_THREADS") or 1
    # The answering thread runs torch on both cores by default: it is the one thread that
    # embeds questions (draft checks, on the CPU pool, use one intra-op thread each).
    answer_torch_threads = _int_setting(settings, "POLICYBOT_ANSWER_TORCH_THREADS") or min(2, os.cpu_count() or 1)
    app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[error_middleware, identity_middleware])
    app[STATE] = WebState(
        settings=settings,
        store=store,
        service=service,
        loader=loader,
        cpu_workers=workers,
        answer_torch_threads=answer_torch_threads,
        torch_threads=torch_threads,
        today=today or dt.date.today,
    )
    app.cleanup_ctx.append(_lifecycle)
    app.on_response_prepare.append(_security_headers)

    r = app.router
    r.add_get("/healthz", api.healthz)
    r.add_post("/api/ask", api.api_ask)
    r.add_post("/api/check", api.api_check)
    r.add_post("/api/feedback", api.api_feedback)
    r.add_get("/", pages.home)
    r.add_post("/", pages.home_post)
    r.add_post("/feedback", pages.feedback_post)
    r.add_get("/check", pages.check_page)
    r.add_post("/check", pages.check_post)
    r.add_get("/policies", pages.policies_index)
    # Document ids contain dots and parentheses ("HUM.11(A)"); the pattern takes anything but "/".
    r.add_get(r"/policies/{doc_id:[^/]+}", pages.policy_page)
    r.add_get(r"/a/{answer_id:[^/]+}", pages.permalink_page)
    r.add_get("/orientation", pages.orientation)
    r.add_get("/admin", admin.admin_page)
    r.add_get("/admin/export.csv", admin.export_csv)
    r.add_post("/admin/reminders", admin_reminders.schedule)
    r.add_post("/admin/reminders/cancel", admin_reminders.cancel)
    r.add_static("/static", STATIC_DIR, show_index=False)
    _mount_platforms(app)
    return app


def _mount_platforms(app: web.Application) -> None:
    """Slack and Teams add their endpoints to this same server. Each `mount(app)` reads what
    it needs from `app[STATE]` and decides from the settings whether to listen at all; the
    imports stay here so the web page keeps working where a platform package is missing."""
    from adapters import slack, teams

    slack.mount(app)
    teams.mount(app)


def _int_setting(settings: Settings, key: str) -> int:
    value = settings.extra.get(key, "").strip()
    if not value:
        return 0
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{key} must be a whole number of at least 1, not {value!r}")
    return int(value)


async def start(app: web.Application, host: str = "127.0.0.1", port: int = 0) -> tuple[web.AppRunner, str]:
    """Listen on (host, port); port 0 picks a free one. Returns the runner and the base URL."""
    runner = web.AppRunner(app, access_log=logging.getLogger("aiohttp.access"))
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound_host, bound_port = runner.addresses[0][:2]
    return runner, f"http://{bound_host}:{bound_port}"


def link_settings(settings: Settings, host: str, port: int) -> Settings:
    """Links the bot hands out must reach this server: unless POLICYBOT_BASE_URL says otherwise,
    the base URL follows the --host/--port actually served (a wildcard host links via loopback)."""
    if settings.extra.get("POLICYBOT_BASE_URL") or port == 0:
        return settings
    link_host = "127.0.0.1" if host in ("", "0.0.0.0") else "[::1]" if host == "::" else host
    if ":" in link_host and not link_host.startswith("["):
        link_host = f"[{link_host}]"
    return replace(settings, base_url=f"http://{link_host}:{port}")


async def _serve(settings: Settings, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    from bot.service import PolicyService

    settings = link_settings(settings, host, port)
    store = Store.for_settings(settings)
    app = build_app(None, store, settings, loader=lambda: PolicyService.start(settings))
    runner, url = await start(app, host, port)
    on_ready(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
            pass
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        store.close()


def run(settings: Settings, host: str = "127.0.0.1", port: int = 3978) -> None:
    """Serve until Ctrl-C or SIGTERM. Prints the address once listening (the index may still
    be loading; /healthz says when it is ready)."""

    def ready(url: str) -> None:
        print(f"policybot: serving on {url} (loading the policy index; {url}/healthz says when ready)", flush=True)

    asyncio.run(_serve(settings, host, port, ready))
