"""Fixtures for the Teams bot: the real app over the session's real PolicyService, a
per-test store, the Adaptive Card 1.5 schema, and a guard that fails any test trying to
reach a non-loopback address. The mock Bot Connector and activity builders are in
harness.py: activities are POSTed over HTTP to `/api/messages` with the mock connector as
their `serviceUrl`, as Teams and the Emulator do."""

from __future__ import annotations

import ipaddress
import json
import socket
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator

import jsonschema
import pytest
from aiohttp import web

from bot.settings import Settings
from bot.storage import Store

SCHEMA_PATH = Path(__file__).parent / "schema" / "adaptive-card-1.5.json"


# --- no network but loopback ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that tries to reach another host fails at once instead of hanging or leaking."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def check(address: Any) -> None:
        if isinstance(address, tuple) and address:
            host = str(address[0])
            try:
                if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                    raise OSError(f"test tried to reach {host}: only loopback is allowed")
            except ValueError:
                if host != "localhost":
                    raise OSError(f"test tried to reach {host}: only loopback is allowed") from None

    def connect(self: socket.socket, address: Any) -> Any:
        check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


# --- the Adaptive Card schema ----------------------------------------------------------------


@pytest.fixture(scope="session")
def card_validator() -> jsonschema.Draft6Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(schema)


@pytest.fixture(scope="session")
def assert_valid_card(card_validator: jsonschema.Draft6Validator) -> Callable[[dict[str, Any]], None]:
    def check(card: dict[str, Any]) -> None:
        errors = sorted(card_validator.iter_errors(card), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:5])
        assert card["version"] == "1.5"

    return check


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "teams.db", salt="teams-test-salt")
    yield s
    s.close()


@pytest.fixture
def teams_settings(settings: Settings) -> Callable[..., Settings]:
    """Settings with Teams extras: `teams_settings(MICROSOFT_HR_USERS="aad-hr")`."""

    def make(**extra: str) -> Settings:
        default_org = extra.get("POLICYBOT_DEFAULT_ORG", settings.default_org)  # a field of its own, as from_env reads it
        return replace(settings, extra={**settings.extra, **extra}, default_org=default_org)

    return make


@pytest.fixture
def teams_app(service: Any, store: Store, teams_settings: Callable[..., Settings]) -> Callable[..., web.Application]:
    """`teams_app(MICROSOFT_...="...")`: the real web app, Teams mounted, over the session's service."""
    from adapters.web import build_app

    def make(service_override: Any = None, **extra: str) -> web.Application:
        return build_app(service_override or service, store, teams_settings(**extra))

    return make
