"""The JSON API over the real service: contracts, every bad input, health, concurrency."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import pytest
from aiohttp.test_utils import TestClient

from adapters.web import build_app
from bot.settings import Settings
from bot.storage import Store

LOGO_Q = {"q": "can I use the city logo on my instagram?", "org": "saint-john"}


class CountingService:
    """The real service, counting calls; `delay` makes each answer slow on purpose."""

    def __init__(self, inner: Any, delay: float = 0.0) -> None:
        self._inner = inner
        self.delay = delay
        self.asked = 0

    def ask(self, question: object, org: str | None = None) -> Any:
        self.asked += 1
        if self.delay:
            time.sleep(self.delay)
        return self._inner.ask(question, org)

    def ask_many(self, items: Any) -> list[Any]:
        # The server batches concurrent questions; count each one, delay each batch.
        self.asked += len(items)
        if self.delay:
            time.sleep(self.delay)
        return self._inner.ask_many(items)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


async def post_json(client: TestClient, path: str, payload: Any) -> tuple[int, Any]:
    resp = await client.post(path, json=payload)
    return resp.status, await resp.json()


async def post_raw(client: TestClient, path: str, body: bytes, content_type: str = "application/json") -> tuple[int, Any]:
    resp = await client.post(path, data=body, headers={"Content-Type": content_type})
    assert resp.content_type == "application/json", await resp.text()
    return resp.status, await resp.json()


# --- happy paths ------------------------------------------------------------------------


def test_ask_returns_the_design_contract_with_id_and_permalink(call: Callable[..., Any], store: Store, web_settings: Settings) -> None:
    async def body(client: TestClient) -> Any:
        resp = await client.post("/api/ask", json=LOGO_Q)
        assert resp.status == 200 and resp.content_type == "application/json"
        assert "ask;dur=" in resp.headers["Server-Timing"]
        return await resp.json()

    data = call(body)
    assert set(data) == {"id", "org", "status", "short_answer", "text", "citations", "permalink"}
    assert data["status"] == "answered" and data["org"] == "saint-john" and data["short_answer"].startswith("No")
    top = data["citations"][0]
    assert top["clause_id"] == "com-001.personal-use.b.iv"
    assert top["text"] == "Do not use the City’s logos or trademarks on Personal Use Social Media sites;"
    assert top["url"] == f"{web_settings.base_url}/policies/COM-001#com-001.personal-use.b.iv"
    assert data["permalink"] == f"{web_settings.base_url}/a/{data['id']}"
    stored = store.get_answer(data["id"])
    assert stored is not None and stored.channel == "api"
    assert stored.data == {k: v for k, v in data.items() if k != "permalink"}  # stored exactly as given
    assert stored.policy_versions == {"COM-001": "2022 (M&C 2022-192)"}


def test_ask_without_org_covers_both_policies(call: Callable[..., Any]) -> None:
    status, data = call(lambda c: post_json(c, "/api/ask", {"q": "can I reply to people criticizing the city online?"}))
    assert status == 200 and data["org"] is None
    assert {p["org"] for p in data["parts"]} == {"saint-john", "mission"}


def test_not_covered_question(call: Callable[..., Any], store: Store) -> None:
    status, data = call(lambda c: post_json(c, "/api/ask", {"q": "what's the dress code on fridays?", "org": "saint-john", "extra": 1}))
    assert status == 200 and data["status"] == "not_covered" and data["citations"] == []
    assert store.stats().not_covered[0].question == "what's the dress code on fridays?"


def test_feedback_is_recorded(call: Callable[..., Any], store: Store) -> None:
    async def body(client: TestClient) -> Any:
        _, answer = await post_json(client, "/api/ask", LOGO_Q)
        first = await post_json(client, "/api/feedback", {"answer_id": answer["id"], "helpful": False})
        unknown = await post_json(client, "/api/feedback", {"answer_id": "000000000000", "helpful": True})
        return first, unknown

    (status, data), (unknown_status, unknown) = call(body)
    assert status == 200 and data["ok"] is True
    assert store.stats().not_helpful == 1
    assert unknown_status == 404 and "no answer" in unknown["error"]


def test_healthz_is_200_when_loaded(call: Callable[..., Any]) -> None:
    status, data = call(lambda c: _get_json(c, "/healthz"))
    assert status == 200 and data["status"] == "ok" and data["clauses"] > 100


async def _get_json(client: TestClient, path: str) -> tuple[int, Any]:
    resp = await client.get(path)
    return resp.status, await resp.json()


# --- every bad input: a 4xx with a message for a person, never a 500 -------------------

BAD_BODIES: list[tuple[str, bytes, int, str]] = [
    ("empty body", b"", 400, "empty"),
    ("blank body", b"   \n", 400, "empty"),
    ("malformed json", b'{"q": "logo?",', 400, "not valid JSON"),
    ("not json at all", b"q=logo", 400, "not valid JSON"),
    ("json array", b'["logo?"]', 400, "JSON object"),
    ("json string", b'"logo?"', 400, "JSON object"),
    ("json null", b"null", 400, "JSON object"),
    ("invalid utf-8", b'{"q": "logo \xff\xfe?"}', 400, "UTF-8"),
    ("latin-1 bytes", '{"q": "café?"}'.encode("latin-1"), 400, "UTF-8"),
    ("lone surrogate", b'{"q": "logo \\ud800?"}', 400, "invalid character"),
    ("deeply nested", b"[" * 100_000, 400, "nested"),
    ("q missing", b'{"org": "mission"}', 400, "“q” is missing"),
    ("q null", b'{"q": null}', 400, "“q” is missing"),
    ("q number", b'{"q": 42}', 400, "“q” must be a string, not a number"),
    ("q list", b'{"q": ["logo"]}', 400, "not a list"),
    ("q object", b'{"q": {"text": "logo"}}', 400, "not an object"),
    ("q bool", b'{"q": true}', 400, "not a boolean"),
    ("org number", b'{"q": "logo?", "org": 7}', 400, "“org” must be a string"),
    ("unknown org", b'{"q": "logo?", "org": "gotham"}', 400, "Unknown organization 'gotham'. Valid organizations: mission, saint-john."),
    ("empty question", b'{"q": "   "}', 400, "The question is empty"),
    ("invisible-only question", '{"q": "\u200b\u200b"}'.encode(), 400, "The question is empty"),
    ("nul byte", b'{"q": "logo\\u0000?"}', 400, "binary"),
    ("question over the limit", json.dumps({"q": "a" * 2001}).encode(), 413, "limit is 2,000"),
]


@pytest.mark.parametrize("name,body,status,message", BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_ask_bodies_get_a_readable_4xx(call: Callable[..., Any], name: str, body: bytes, status: int, message: str) -> None:
    got_status, data = call(lambda c: post_raw(c, "/api/ask", body))
    assert got_status == status, data
    assert set(data) == {"error"} and message in data["error"]


def test_a_200kb_question_is_refused_with_413_before_being_processed(call: Callable[..., Any], service: Any, store: Store, web_settings: Settings) -> None:
    counting = CountingService(service)
    app = build_app(counting, store, web_settings)  # type: ignore[arg-type]
    big = json.dumps({"q": "is this allowed? " * 12_000, "org": "mission"}).encode()
    assert len(big) > 200_000

    async def body(client: TestClient) -> list[tuple[int, Any]]:
        out = []
        # With Content-Length: refused on the header alone.
        out.append(await post_raw(client, "/api/ask", big))

        # Chunked (no Content-Length): refused while reading, at the size limit.
        async def chunks() -> Any:
            for i in range(0, len(big), 16_384):
                yield big[i : i + 16_384]

        resp = await client.post("/api/ask", data=chunks(), headers={"Content-Type": "application/json"})
        out.append((resp.status, await resp.json()))
        # The server is fine afterwards.
        out.append(await post_json(client, "/api/ask", LOGO_Q))
        return out

    (s1, d1), (s2, d2), (s3, _) = call(body, app)
    assert s1 == 413 and "too large" in d1["error"] and "128 KB" in d1["error"]
    assert s2 == 413 and "too large" in d2["error"]
    assert s3 == 200
    assert counting.asked == 1  # only the good question reached the service
    assert store.stats().answers == 1


def test_wrong_method_and_unknown_api_path(call: Callable[..., Any]) -> None:
    async def body(client: TestClient) -> Any:
        r1 = await client.get("/api/ask")
        r2 = await client.post("/api/nothing", json={})
        return (r1.status, await r1.json()), (r2.status, await r2.json())

    (s1, d1), (s2, d2) = call(body)
    assert s1 == 405 and "use POST" in d1["error"]
    assert s2 == 404 and "nothing at /api/nothing" in d2["error"]


FEEDBACK_BAD: list[tuple[str, Any, int, str]] = [
    ("no answer id", {"helpful": True}, 400, "“answer_id” is missing"),
    ("answer id number", {"answer_id": 5, "helpful": True}, 400, "must be a string"),
    ("answer id garbage", {"answer_id": "../../etc", "helpful": True}, 400, "not an answer id"),
    ("helpful missing", {"answer_id": "abc"}, 400, "“helpful” is missing"),
    ("helpful as text", {"answer_id": "abc", "helpful": "yes"}, 400, "true or false"),
    ("helpful as number", {"answer_id": "abc", "helpful": 1}, 400, "true or false"),
]


@pytest.mark.parametrize("name,payload,status,message", FEEDBACK_BAD, ids=[f[0] for f in FEEDBACK_BAD])
def test_bad_feedback_bodies(call: Callable[..., Any], name: str, payload: Any, status: int, message: str) -> None:
    got_status, data = call(lambda c: post_json(c, "/api/feedback", payload))
    assert got_status == status and message in data["error"]


# --- /api/check -------------------------------------------------------------------------


def test_check_returns_the_design_contract_with_an_id(call: Callable[..., Any], store: Store) -> None:
    draft = "Can't believe how useless our mayor is. Total idiot. Posting this from the city account lol"
    status, data = call(lambda c: post_json(c, "/api/check", {"text": draft, "org": "saint-john", "official": False}))
    assert status == 200, data
    assert {"id", "org", "verdict", "findings"} <= set(data)
    assert data["verdict"] in ("ok", "review", "violation")
    for f in data["findings"]:
        assert {"rule", "severity", "span", "excerpt", "message", "suggestion", "citation"} <= set(f)
        s, e = f["span"]
        assert 0 <= s <= e <= len(draft)
    assert store.stats().checks == 1


CHECK_BAD: list[tuple[str, Any, int, str]] = [
    ("text missing", {"org": "mission"}, 400, "“text” is missing"),
    ("text number", {"text": 3}, 400, "must be a string"),
    ("official text", {"text": "hi", "official": "yes"}, 400, "true or false"),
    ("unknown org", {"text": "hi", "org": "gotham"}, 400, "Unknown organization"),
    ("empty text", {"text": "  "}, 400, ""),
]


@pytest.mark.parametrize("name,payload,status,message", CHECK_BAD, ids=[c[0] for c in CHECK_BAD])
def test_bad_check_bodies(call: Callable[..., Any], name: str, payload: Any, status: int, message: str) -> None:
    got_status, data = call(lambda c: post_json(c, "/api/check", payload))
    assert got_status == status and message in data["error"] and data["error"]


# --- the event loop, start-up and durability -----------------------------------------------


def test_slow_answers_do_not_block_health_or_pages(call: Callable[..., Any], service: Any, store: Store, web_settings: Settings) -> None:
    slow = CountingService(service, delay=1.5)
    app = build_app(slow, store, web_settings)  # type: ignore[arg-type]

    async def body(client: TestClient) -> tuple[float, float, int]:
        pending = asyncio.ensure_future(client.post("/api/ask", json=LOGO_Q))
        await asyncio.sleep(0.2)  # the answer is now running in a worker thread
        t0 = time.perf_counter()
        health = await client.get("/healthz")
        page = await client.get("/policies")
        elapsed = time.perf_counter() - t0
        resp = await pending
        return elapsed, time.perf_counter() - t0, health.status + page.status + resp.status

    elapsed, total, statuses = call(body, app)
    assert statuses == 600
    assert elapsed < 0.5 < total  # health and a page answered while the slow answer ran


def test_healthz_is_503_while_loading_then_200(call: Callable[..., Any], service: Any, store: Store, web_settings: Settings) -> None:
    release = threading.Event()

    def loader() -> Any:
        release.wait(30)
        return service

    app = build_app(None, store, web_settings, loader=loader)

    async def body(client: TestClient) -> list[Any]:
        out: list[Any] = []
        r = await client.get("/healthz")
        out.append((r.status, await r.json()))
        r = await client.post("/api/ask", json=LOGO_Q)
        out.append((r.status, await r.json(), r.headers.get("Retry-After")))
        r = await client.get("/")
        out.append((r.status, await r.text()))
        release.set()
        for _ in range(100):
            r = await client.get("/healthz")
            if r.status == 200:
                break
            await asyncio.sleep(0.05)
        out.append(r.status)
        return out

    (hs, hd), (as_, ad, retry), (ps, ptext), final = call(body, app)
    assert hs == 503 and hd == {"status": "loading"}
    assert as_ == 503 and "still loading" in ad["error"] and retry == "5"
    assert ps == 503 and "still loading" in ptext and 'http-equiv="refresh"' in ptext
    assert final == 200


def test_a_failed_start_is_reported_not_hidden(call: Callable[..., Any], store: Store, web_settings: Settings) -> None:
    def loader() -> Any:
        raise OSError("index directory is read-only")

    app = build_app(None, store, web_settings, loader=loader)

    async def body(client: TestClient) -> Any:
        for _ in range(100):
            r = await client.get("/healthz")
            data = await r.json()
            if data["status"] != "loading":
                return r.status, data
            await asyncio.sleep(0.05)
        return r.status, data

    status, data = call(body, app)
    assert status == 503 and data["status"] == "failed" and "read-only" in data["error"]


def test_concurrent_asks_every_permalink_is_retrievable(call: Callable[..., Any], service: Any, web_settings: Settings, tmp_path: Path) -> None:
    questions = [json.loads(line) for line in (Path(__file__).resolve().parents[2] / "evals" / "questions.jsonl").read_text().splitlines()[:12]]
    db = tmp_path / "durable.db"
    store = Store.open(db, salt="s")
    app = build_app(service, store, replace(web_settings, base_url="http://bot.test"))

    async def body(client: TestClient) -> list[tuple[str, str, int]]:
        async def one(i: int) -> tuple[str, str]:
            item = questions[i % len(questions)]
            resp = await client.post("/api/ask", json={"q": item["q"], "org": item["org"]})
            assert resp.status == 200
            data = await resp.json()
            return data["id"], item["q"]

        made = await asyncio.gather(*(one(i) for i in range(40)))
        out = []
        for answer_id, q in made:
            page = await client.get(f"/a/{answer_id}")
            out.append((answer_id, q, page.status))
        return out

    results = call(body, app)
    assert len({r[0] for r in results}) == 40
    assert all(status == 200 for _, _, status in results)
    store.close()
    # Committed to disk: a fresh connection (as after a restart) finds every answer.
    reopened = Store.open(db, salt="s")
    assert all(reopened.get_answer(answer_id).question == q for answer_id, q, _ in results)  # type: ignore[union-attr]
