"""Server-rendered pages through the test client: forms without script, fragments, escaping,
policies with anchors and dates, permalinks, orientation, admin."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import replace
from typing import Any, Callable
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from aiohttp.test_utils import TestClient

from adapters.web import build_app
from bot.orientation import TOURS
from bot.settings import Settings
from bot.storage import Store
from bot.types import Citation



async def get(client: TestClient, path: str, **kw: Any) -> tuple[int, str, Any]:
    resp = await client.get(path, allow_redirects=False, **kw)
    return resp.status, await resp.text(), resp


# --- ask ------------------------------------------------------------------------------


def test_home_page_is_an_accessible_form(call: Callable[..., Any]) -> None:
    status, page, resp = call(lambda c: get(c, "/"))
    assert status == 200 and resp.content_type == "text/html"
    assert '<html lang="en">' in page and 'name="viewport"' in page
    assert '<main id="main"' in page and '<nav aria-label="Main">' in page and 'class="skip-link" href="#main"' in page
    assert '<label for="question">' in page and 'id="question"' in page
    assert '<label for="org">' in page and 'data-remember-org' in page
    assert 'aria-live="polite"' in page
    assert " on" + "click=" not in page.lower() and "<script>" not in page  # no inline script
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert "pb_uid" in resp.cookies


def test_asking_without_script_renders_the_answer_and_remembers_the_org(call: Callable[..., Any], store: Store) -> None:
    async def body(client: TestClient) -> Any:
        resp = await client.post("/", data={"q": "can I use the city logo on my instagram?", "org": "saint-john"})
        page = await resp.text()
        again = await client.get("/")
        return resp.status, page, resp.cookies, await again.text()

    status, page, cookies, again = call(body)
    assert status == 200
    assert "Do not use the City’s logos or trademarks on Personal Use Social Media sites;" in page
    assert 'href="/policies/COM-001#com-001.personal-use.b.iv"' in page
    answer_id = re.search(r'href="/a/([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    assert store.get_answer(answer_id) is not None
    assert 'action="/feedback"' in page and 'value="yes"' in page and 'value="no"' in page
    assert cookies["pb_org"].value == "saint-john"
    assert '<option value="saint-john" selected>' in again  # the choice is remembered


def test_the_fragment_is_the_result_alone(call: Callable[..., Any]) -> None:
    async def body(client: TestClient) -> Any:
        resp = await client.post("/", data={"q": "can i swear on facebook", "org": "mission"}, headers={"X-Policybot-Fragment": "1"})
        return resp.status, await resp.text()

    status, fragment = call(body)
    assert status == 200 and fragment.startswith('<article class="answer"') and "<html" not in fragment
    assert "3.iv.f" in fragment


def test_question_text_is_escaped_everywhere(call: Callable[..., Any], store: Store) -> None:
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)> can I use the "logo"?'

    async def body(client: TestClient) -> Any:
        resp = await client.post("/", data={"q": evil, "org": "saint-john"})
        page = await resp.text()
        answer_id = re.search(r'href="/a/([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
        perma = await (await client.get(f"/a/{answer_id}")).text()
        prefill = await (await client.get("/", params={"q": evil})).text()
        return page, perma, prefill

    for page in call(body):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert html.escape(evil, quote=True) in page


def test_form_errors_are_shown_in_the_page(call: Callable[..., Any]) -> None:
    async def body(client: TestClient) -> Any:
        out = []
        for data in ({"q": "", "org": "mission"}, {"q": "logo?", "org": "gotham"}, {"q": "x" * 2001, "org": ""}):
            resp = await client.post("/", data=data)
            out.append((resp.status, await resp.text()))
        resp = await client.post("/", data=b"q=%ff%fe&org=", headers={"Content-Type": "application/x-www-form-urlencoded"})
        out.append((resp.status, await resp.text()))
        resp = await client.post("/", data={"q": "", "org": ""}, headers={"X-Policybot-Fragment": "1"})
        out.append((resp.status, await resp.text()))
        return out

    (s1, p1), (s2, p2), (s3, p3), (s4, p4), (s5, p5) = call(body)
    assert s1 == 400 and 'role="alert"' in p1 and "The question is empty" in p1 and "<form" in p1
    assert s2 == 400 and "Unknown organization" in p2
    assert s3 == 413 and "limit is 2,000" in p3
    assert s4 == 400 and "not valid UTF-8" in p4
    assert s5 == 400 and p5.startswith('<div class="error" role="alert">')


def test_feedback_form_without_script_redirects_to_the_permalink(call: Callable[..., Any], store: Store) -> None:
    async def body(client: TestClient) -> Any:
        page = await (await client.post("/", data={"q": "can I use the city logo on my instagram?", "org": "saint-john"})).text()
        answer_id = re.search(r'name="answer_id" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
        resp = await client.post("/feedback", data={"answer_id": answer_id, "helpful": "yes"}, allow_redirects=False)
        location = resp.headers.get("Location", "")
        thanks = await (await client.get(location)).text()
        bad = await client.post("/feedback", data={"answer_id": answer_id, "helpful": "maybe"})
        return resp.status, location, answer_id, thanks, bad.status

    status, location, answer_id, thanks, bad = call(body)
    assert status == 303 and location == f"/a/{answer_id}?feedback=thanks"
    assert "Thanks for the feedback." in thanks
    assert bad == 400
    assert store.stats().helpful == 1


def test_autosubmit_link_from_the_tour_prefills_without_storing(call: Callable[..., Any], store: Store) -> None:
    status, page, _ = call(lambda c: get(c, "/?q=Can+I+swear+on+Facebook%3F&org=mission"))
    assert status == 200 and "data-autosubmit" in page and ">Can I swear on Facebook?</textarea>" in page
    assert '<option value="mission" selected>' in page
    assert store.stats().answers == 0  # a GET never stores an answer


# --- policies -------------------------------------------------------------------------


def test_policies_index_lists_both_with_dates(call: Callable[..., Any]) -> None:
    status, page, _ = call(lambda c: get(c, "/policies"))
    assert status == 200
    assert 'href="/policies/COM-001"' in page and 'href="/policies/HUM.11(A)"' in page
    assert "May 30, 2022" in page and "June 30, 2025" in page


@pytest.mark.parametrize("path", ["/policies/HUM.11(A)", "/policies/HUM.11%28A%29"])
def test_policy_page_anchors_every_clause(call: Callable[..., Any], service: Any, path: str) -> None:
    status, page, _ = call(lambda c: get(c, path))
    assert status == 200
    for clause in service.clauses("mission"):
        assert f'id="{clause.clause_id}"' in page, clause.clause_id
        assert html.escape(clause.text, quote=True) in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # anchors are unique
    assert "Effective" in page and "October 11, 2018" in page and "June 30, 2025" in page
    assert "City of Mission Human Resources (Office of Primary Responsibility) or your manager" in page
    assert 'href="#hum-11a.scope.p2"' in page  # the inquiries clause


def test_past_review_notice_depends_on_today(service: Any, store: Store, web_settings: Settings, call: Callable[..., Any]) -> None:
    def page_on(day: dt.date) -> str:
        app = build_app(service, store, web_settings, today=lambda: day)
        return call(lambda c: get(c, "/policies/COM-001"), app)[1]  # type: ignore[no-any-return]

    assert "past its review date" in page_on(dt.date(2024, 6, 1))
    assert "past its review date" not in page_on(dt.date(2024, 5, 30))


def test_policy_id_slips_redirect_and_unknown_is_404(call: Callable[..., Any]) -> None:
    async def body(client: TestClient) -> Any:
        a = await client.get("/policies/hum-11a", allow_redirects=False)
        b = await client.get("/policies/GOTHAM-1")
        return a.status, a.headers.get("Location"), b.status, await b.text()

    s1, location, s2, page = call(body)
    assert s1 == 301 and location == "/policies/HUM.11(A)"
    assert s2 == 404 and "There is no policy “GOTHAM-1”" in page and "COM-001" in page


# --- permalinks -----------------------------------------------------------------------


def test_permalink_shows_the_answer_as_stored(call: Callable[..., Any], service: Any, store: Store) -> None:
    answer = service.ask("can I use the city logo on my instagram?", "saint-john")
    stored = store.save_answer(answer, policies=service.policies(), fingerprint=service.catalog.fingerprint)
    status, page, _ = call(lambda c: get(c, f"/a/{stored.id}"))
    assert status == 200
    assert "can I use the city logo on my instagram?" in page
    assert "Do not use the City’s logos or trademarks" in page
    assert stored.created_at.strftime("%Y-%m-%d") in page
    assert "COM-001 version 2022 (M&amp;C 2022-192)" in page
    assert "has changed since" not in page and "no longer in the current policy" not in page


def test_permalink_says_when_the_clause_changed_since(call: Callable[..., Any], service: Any, store: Store) -> None:
    answer = service.ask("can I use the city logo on my instagram?", "saint-john")
    old_quote = Citation(**{**answer.citations[0].to_dict(), "text": "Do not use the City’s logos on Personal Use sites (old wording);"})
    gone = Citation("COM-001", "com-001.personal-use.z", "COM-001 › (z)", "A clause that was removed.", "http://bot.test/x")
    stale = replace(answer, citations=(old_quote, gone))
    store.save_answer(stale, policies={"COM-001": "2019"})
    status, page, _ = call(lambda c: get(c, f"/a/{answer.id}"))
    assert status == 200
    assert "(old wording)" in page  # the quote as it was given
    assert "The policy has changed since this answer was given" in page
    assert "Do not use the City’s logos or trademarks on Personal Use Social Media sites;" in page  # current text
    assert "no longer in the current policy" in page
    assert "COM-001 version 2019 (current version: 2022 (M&amp;C 2022-192))" in page


def test_unknown_permalink_is_a_404_page(call: Callable[..., Any]) -> None:
    for path in ("/a/000000000000", "/a/..%2F..%2Fetc"):
        status, page, _ = call(lambda c: get(c, path))
        assert status == 404 and "There is no answer" in page


# --- orientation ----------------------------------------------------------------------


def test_every_tour_clause_exists(service: Any) -> None:
    for tour in TOURS:
        for rule in tour.rules:
            clause = service.catalog.clause(rule.clause_id)
            assert clause is not None and clause.org_id == tour.org_id, rule.clause_id
        for q in tour.quiz:
            assert service.catalog.clause(q.clause_id) is not None and 0 <= q.correct < len(q.options)


def test_orientation_quotes_and_links_the_key_rules(call: Callable[..., Any], service: Any) -> None:
    status, page, _ = call(lambda c: get(c, "/orientation"))
    assert status == 200
    for tour in TOURS:
        for rule in tour.rules:
            clause = service.catalog.clause(rule.clause_id)
            assert html.escape(clause.text, quote=True) in page
            assert f'href="/policies/{"HUM.11(A)" if clause.doc_id.startswith("HUM") else "COM-001"}#{clause.clause_id}"' in page
        for example in tour.examples:
            assert html.escape("/?" + urlencode({"q": example.question, "org": tour.org_id})) in page
    assert page.count('class="quiz-question"') == sum(len(t.quiz) for t in TOURS)
    assert page.count("data-correct") == sum(len(t.quiz) for t in TOURS)
    _, mission_only, _ = call(lambda c: get(c, "/orientation?org=mission"))
    assert "HUM.11(A)" in mission_only and "com-001.personal-use.b.iv" not in mission_only


@pytest.mark.parametrize("tour", TOURS, ids=[t.org_id for t in TOURS])
def test_tour_example_questions_cite_the_rule_they_illustrate(service: Any, tour: Any) -> None:
    for example in tour.examples:
        answer = service.ask(example.question, tour.org_id)
        assert answer.status.value == "answered", example.question
        assert example.clause_id in [c.clause_id for c in answer.citations], example.question


# --- admin ----------------------------------------------------------------------------


def test_admin_needs_the_token(call: Callable[..., Any]) -> None:
    async def body(client: TestClient) -> Any:
        out = []
        for path, headers in (
            ("/admin", {}),
            ("/admin?token=wrong", {}),
            ("/admin", {"Authorization": "Bearer wrong"}),
            ("/admin/export.csv", {}),
        ):
            resp = await client.get(path, headers=headers)
            out.append((resp.status, resp.headers.get("WWW-Authenticate"), await resp.text()))
        return out

    for status, challenge, page in call(body):
        assert status == 401 and challenge and challenge.startswith("Bearer")
        assert "admin token" in page


def test_admin_without_a_configured_token_is_always_401_and_says_how(service: Any, store: Store, web_settings: Settings, call: Callable[..., Any]) -> None:
    app = build_app(service, store, replace(web_settings, admin_token=""))

    async def body(client: TestClient) -> Any:
        a = await client.get("/admin?token=")
        b = await client.get("/admin", headers={"Authorization": "Bearer anything"})
        return (a.status, await a.text()), (b.status, await b.text())

    for status, page in call(body, app):
        assert status == 401 and "POLICYBOT_ADMIN_TOKEN" in page and "restart" in page


def test_admin_shows_the_figures_and_exports_csv(call: Callable[..., Any], store: Store, web_settings: Settings) -> None:
    ADMIN_TOKEN = web_settings.admin_token
    async def body(client: TestClient) -> Any:
        r = await client.post("/api/ask", json={"q": "can I use the city logo on my instagram?", "org": "saint-john"})
        answer = await r.json()
        await client.post("/api/ask", json={"q": "what's the dress code on fridays?", "org": "saint-john"})
        await client.post("/api/feedback", json={"answer_id": answer["id"], "helpful": False})
        page_q = await client.get(f"/admin?token={ADMIN_TOKEN}")
        page_h = await client.get("/admin", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        csv_resp = await client.get("/admin/export.csv", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        return answer["id"], await page_q.text(), page_h.status, page_h.headers, csv_resp.status, csv_resp.headers, await csv_resp.read()

    answer_id, page, status_h, headers_h, csv_status, csv_headers, raw = call(body)
    assert status_h == 200 and headers_h["Cache-Control"] == "no-store"
    assert "Questions answered</dt><dd>2</dd>" in page
    assert "what&#x27;s the dress code on fridays?" in page  # a gap in the policy
    assert "0 helpful, 1 not helpful" in page
    assert "COM-001 › Personal Use of Social Media › (b)(iv)" in page
    # The export link carries the token only when it came in the address.
    href = html.unescape(re.search(r'href="(/admin/export\.csv[^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert parse_qs(urlparse(href).query)["token"] == [ADMIN_TOKEN]
    assert csv_status == 200 and csv_headers["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2 and {r["status"] for r in rows} == {"answered", "not_covered"}
    assert next(r for r in rows if r["id"] == answer_id)["not_helpful"] == "1"


# --- check page (the core's check is being added separately) -------------------------------


def test_check_page_renders_and_says_when_checking_is_unavailable(call: Callable[..., Any], service: Any) -> None:
    status, page, _ = call(lambda c: get(c, "/check"))
    assert status == 200 and '<label for="draft">' in page and 'id="official"' in page
    assert ("not available" in page) == (not hasattr(service, "check"))


def test_check_page_highlights_findings(call: Callable[..., Any], service: Any) -> None:
    if not hasattr(service, "check"):
        pytest.skip("PolicyService.check is not in the core yet (being added separately): nothing to highlight")
    draft = "Our mayor is a total idiot and everyone at city hall is useless. #fail"

    async def body(client: TestClient) -> Any:
        resp = await client.post("/check", data={"text": draft, "org": "saint-john"})
        return resp.status, await resp.text()

    status, page = call(body)
    assert status == 200 and "Verdict:" in page
    if 'class="finding' in page:
        assert "<mark" in page and 'href="#finding-1"' in page and 'id="finding-1"' in page


def test_highlighting_handles_overlaps_and_escapes() -> None:
    from adapters.web.render import highlighted_draft

    text = "a <b> damn idiot & more"
    findings: list[dict[str, Any]] = [
        {"span": [4, 15], "severity": "review"},  # "> damn idiot"… overlapping the next
        {"span": [9, 18], "severity": "violation"},
        {"span": [50, 80], "severity": "info"},  # out of range: clamped, never crashes
        {"span": "bad"},
    ]
    out = highlighted_draft(text, findings)
    assert "<b>" not in out and "&lt;b" in out and "&amp;" in out
    plain = re.sub(r"<[^>]+>", "", re.sub(r"<sup.*?</sup>", "", out))
    assert html.unescape(plain) == text  # the draft itself is unchanged, only marked up
    assert 'class="flag sev-violation" data-findings="1, 2"' in out
    assert 'id="flag-1"' in out and 'id="flag-2"' in out
    assert out.count('<sup class="flag-num">') == 2
