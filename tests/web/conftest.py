"""Fixtures for the web server: apps over the session's real service, a test client helper,
a live server on loopback for the browser, and Debian's Chromium (installed if missing)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator, TypeVar

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import Settings
from bot.storage import Store

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ADMIN_TOKEN = "test-admin-token-0123456789"


@pytest.fixture(scope="session")
def web_settings(settings: Settings) -> Settings:
    return replace(settings, admin_token=ADMIN_TOKEN)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "web.db", salt="test-salt")
    yield s
    s.close()


ClientFn = Callable[[TestClient], Awaitable[T]]


def call_with_client(app: web.Application, fn: "ClientFn[T]") -> T:
    """Run `fn(client)` against `app` on a fresh event loop (pytest-aiohttp is not needed)."""

    async def main() -> T:
        async with TestClient(TestServer(app)) as client:
            return await fn(client)

    return asyncio.run(main())


@pytest.fixture
def call(service: Any, store: Store, web_settings: Settings) -> Callable[..., Any]:
    """`call(fn)` runs `async fn(client)` against a fresh app over the session's service and
    this test's store; `call(fn, app)` against a given app (an app serves one event loop)."""
    from adapters.web import build_app

    def run(fn: "ClientFn[T]", application: web.Application | None = None) -> T:
        return call_with_client(application or build_app(service, store, web_settings), fn)

    return run


# --- a live server for the browser ------------------------------------------------------


class LiveServer:
    """The real app on 127.0.0.1 with an ephemeral port, served from a background thread."""

    def __init__(self, app: web.Application, store: Store) -> None:
        self.app = app
        self.store = store
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="live-server", daemon=True)

    def _run(self) -> None:
        from adapters.web import start

        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stopped = asyncio.Event()
            runner, self.url = await start(self.app, "127.0.0.1", 0)
            self._ready.set()
            await self._stopped.wait()
            await runner.cleanup()

        try:
            self._loop.run_until_complete(main())
        except BaseException as exc:  # noqa: BLE001 - reported to the test that waits
            self._error = exc
            self._ready.set()

    def start(self) -> "LiveServer":
        self._thread.start()
        if not self._ready.wait(30) or self._error:
            raise RuntimeError(f"live server did not start: {self._error}")
        return self

    def stop(self) -> None:
        if self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
        self._thread.join(15)


@pytest.fixture(scope="session")
def live_server(service: Any, web_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from adapters.web import build_app

    store = Store.open(tmp_path_factory.mktemp("live") / "live.db", salt="live-salt")
    server = LiveServer(build_app(service, store, web_settings), store).start()
    yield server
    server.stop()
    store.close()


# --- Chromium -------------------------------------------------------------------------


def ensure_chromium() -> tuple[Path | None, str]:
    """Debian's Chromium at /usr/bin/chromium, installed with apt-get when missing.

    Returns (path, "") or (None, why it is not available)."""
    if CHROMIUM.exists():
        return CHROMIUM, ""
    apt = shutil.which("apt-get")
    if apt is None:
        return None, "/usr/bin/chromium is missing and apt-get is not available to install it"
    if os.geteuid() != 0:
        return None, "/usr/bin/chromium is missing and installing it needs root (run: sudo apt-get install -y chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-q", "chromium"]
    log: list[str] = []
    for step in ([install], [[apt, "update", "-q"], install]):
        for cmd in step:
            try:
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.append(f"{' '.join(cmd)}: {exc}")
                break
            if proc.returncode != 0:
                log.append(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
                break
        if CHROMIUM.exists():
            return CHROMIUM, ""
    return None, "could not install chromium with apt-get: " + " | ".join(log)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    path, why = ensure_chromium()
    if path is None:
        pytest.skip(f"browser tests need Chromium: {why}")
    return path


@pytest.fixture(scope="session")
def chromium_args() -> list[str]:
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- a stand-in for PolicyService.check ------------------------------------------------------


class _StandInResult:
    def __init__(self, org: str | None, verdict: str, findings: list[dict[str, Any]]) -> None:
        self.org, self.verdict, self.findings = org, verdict, findings

    def to_dict(self) -> dict[str, Any]:
        return {"org": self.org, "verdict": self.verdict, "findings": self.findings}


class StandInCheckService:
    """The real service plus a trivial `check(text, org, official)` with the promised shape:
    it flags every "idiot" under COM-001 (b)(ii). It lets the web layer's check paths be
    tested before the core's own check lands; tests against the real one skip until then."""

    WORD = "idiot"
    CLAUSE = "com-001.personal-use.b.ii"

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.calls: list[tuple[Any, Any, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def check(self, text: object, org: str | None = None, official: bool = False) -> _StandInResult:
        from bot.errors import EmptyInput, InputTooLong
        from bot.service import clean_text

        self.calls.append((text, org, official))
        cleaned = clean_text(text, "draft")
        if not cleaned:
            raise EmptyInput("The draft is empty. Paste the post you want to check.")
        if len(cleaned) > self._inner.settings.max_draft_chars:
            raise InputTooLong("The draft is too long.")
        org_id = self._inner.resolve_org(org)
        clause = self._inner.catalog.clause(self.CLAUSE)
        findings = []
        assert isinstance(text, str)
        start = text.lower().find(self.WORD)
        while start >= 0:
            end = start + len(self.WORD)
            findings.append(
                {
                    "rule": "disrespect",
                    "severity": "violation",
                    "span": [start, end],
                    "excerpt": text[start:end],
                    "message": "Insulting a person is a disrespectful comment.",
                    "suggestion": "Leave the insult out.",
                    "citation": {
                        "doc_id": clause.doc_id,
                        "clause_id": clause.clause_id,
                        "label": clause.label,
                        "text": clause.text,
                        "url": self._inner.clause_url(clause),
                    },
                }
            )
            start = text.lower().find(self.WORD, end)
        return _StandInResult(org_id, "violation" if findings else "ok", findings)


@pytest.fixture(scope="session")
def stand_in_check_service(service: Any) -> StandInCheckService:
    return StandInCheckService(service)


@pytest.fixture(scope="session")
def stand_in_live_server(stand_in_check_service: Any, web_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from adapters.web import build_app

    store = Store.open(tmp_path_factory.mktemp("live-standin") / "live.db", salt="live-salt")
    server = LiveServer(build_app(stand_in_check_service, store, web_settings), store).start()  # type: ignore[arg-type]
    yield server
    server.stop()
    store.close()
