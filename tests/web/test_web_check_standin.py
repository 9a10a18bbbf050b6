"""/api/check and /check against a stand-in `check` with the promised signature and shape, so
the web layer's check paths are tested before the core's own check lands."""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest
from aiohttp.test_utils import TestClient

from adapters.web import build_app
from bot.settings import Settings
from bot.storage import Store

DRAFT = "Honestly the <b>mayor</b> is an idiot.\nA total IDIOT & more"


@pytest.fixture
def check_app(stand_in_check_service: Any, store: Store, web_settings: Settings) -> Callable[[], Any]:
    return lambda: build_app(stand_in_check_service, store, web_settings)


def test_api_check_contract_id_and_storage(call: Callable[..., Any], check_app: Callable[[], Any], store: Store, stand_in_check_service: Any) -> None:
    async def body(client: TestClient) -> Any:
        resp = await client.post("/api/check", json={"text": DRAFT, "org": "saint-john", "official": True})
        return resp.status, await resp.json()

    status, data = call(body, check_app())
    assert status == 200
    assert list(data) == ["id", "org", "verdict", "findings"]
    assert data["org"] == "saint-john" and data["verdict"] == "violation" and len(data["findings"]) == 2
    for f in data["findings"]:
        s, e = f["span"]
        assert DRAFT[s:e].lower() == "idiot"
    assert stand_in_check_service.calls[-1] == (DRAFT, "saint-john", True)
    assert store.stats().checks_by_verdict == {"violation": 1}


@pytest.mark.parametrize(
    "payload,status,message",
    [
        ({"text": "   "}, 400, "The draft is empty"),
        ({"text": "x" * 10_001}, 413, "too long"),
        ({"text": "hi", "org": "gotham"}, 400, "Unknown organization"),
        ({"text": "hi", "official": "yes"}, 400, "true or false"),
        ({"text": ["hi"]}, 400, "must be a string"),
    ],
)
def test_api_check_bad_input(call: Callable[..., Any], check_app: Callable[[], Any], payload: Any, status: int, message: str) -> None:
    async def body(client: TestClient) -> Any:
        resp = await client.post("/api/check", json=payload)
        return resp.status, await resp.json()

    got, data = call(body, check_app())
    assert got == status and message in data["error"]


def test_check_page_marks_each_span_and_links_it_to_its_finding(call: Callable[..., Any], check_app: Callable[[], Any]) -> None:
    async def body(client: TestClient) -> Any:
        full = await client.post("/check", data={"text": DRAFT, "org": "saint-john", "official": "1"})
        frag = await client.post("/check", data={"text": DRAFT, "org": "saint-john"}, headers={"X-Policybot-Fragment": "1"})
        empty = await client.post("/check", data={"text": "", "org": ""}, headers={"X-Policybot-Fragment": "1"})
        return await full.text(), await frag.text(), empty.status, await empty.text()

    page, fragment, empty_status, empty = call(body, check_app())
    assert "Verdict: Do not post this as written" in page and 'id="official" name="official" value="1" checked' in page
    assert fragment.startswith('<article class="check-result')
    marks = re.findall(r'<mark class="flag sev-violation" data-findings="(\d)"><a href="#finding-(\d)"[^>]*>([^<]*)</a></mark>', fragment)
    assert [(m[0], m[1], m[2]) for m in marks] == [("1", "1", "idiot"), ("2", "2", "IDIOT")]
    assert 'id="finding-1"' in fragment and 'id="finding-2"' in fragment and 'href="#flag-1"' in fragment
    assert "&lt;b&gt;mayor&lt;/b&gt;" in fragment and "<b>mayor" not in fragment
    assert 'href="/policies/COM-001#com-001.personal-use.b.ii"' in fragment
    assert empty_status == 400 and "The draft is empty" in empty


class _NoChecker:
    """A service started without the checker: the core's `check` raises InternalError."""

    checker = None

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def check(self, draft: object, org: str | None = None, official: bool = False) -> Any:
        from bot.errors import InternalError

        raise InternalError("The draft check is not available in this deployment.")


def test_a_deployment_without_the_checker_says_so(call: Callable[..., Any], service: Any, store: Store, web_settings: Settings) -> None:
    async def body(client: TestClient) -> Any:
        api = await client.post("/api/check", json={"text": "hello"})
        page = await client.get("/check")
        return api.status, await api.json(), await page.text()

    status, data, page = call(body, build_app(_NoChecker(service), store, web_settings))  # type: ignore[arg-type]
    assert status == 503 and data == {"error": "Checking drafts is not available right now: The draft check is not available in this deployment."}
    assert "Checking drafts is not available" in page
