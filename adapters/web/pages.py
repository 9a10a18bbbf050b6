"""Server-rendered pages. Each works without JavaScript (forms post and the server renders
the result); `static/app.js` upgrades the forms to fetch the same result as a fragment
(header `X-Policybot-Fragment: 1`) and put it in an aria-live region."""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web import actions
from adapters.web.api import ANSWER_ID, save_feedback
from adapters.web.html import ask_href, error_box, esc, layout, notice, org_select, policy_href
from adapters.web.orientation import orientation_html
from adapters.web.render import answer_html, check_html, policies_index_html, policy_html
from adapters.web.runtime import (
    ORG_COOKIE,
    HttpError,
    WebState,
    asker_identity,
    query_param,
    read_form,
    run_io,
    state_of,
    wants_fragment,
)

log = logging.getLogger(__name__)

SAMPLE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Can I use the City logo on my Instagram?", "saint-john"),
    ("Can I swear on Facebook?", "mission"),
    ("Can I reply to people criticizing the City online?", ""),
)
MAX_QUESTION_HINT = 2000
MAX_DRAFT_HINT = 10_000


def html_response(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def _chosen_org(request: web.Request, state: WebState, explicit: str | None = None) -> str | None:
    """The org to preselect: the one just submitted or in the address, else the remembered one."""
    service = state.require_service()
    for candidate in (explicit, query_param(request, "org") or None, request.cookies.get(ORG_COOKIE)):
        if candidate is None:
            continue
        if candidate in ("", "all"):
            return None
        if candidate in service.org_ids:
            return candidate
    return service.settings.default_org or None


def _remember_org(response: web.StreamResponse, org: str | None) -> None:
    response.set_cookie(ORG_COOKIE, org or "all", max_age=365 * 24 * 3600, path="/", samesite="Lax")


# --- ask ------------------------------------------------------------------------------


def _ask_form(state: WebState, question: str, org: str | None, *, autosubmit: bool) -> str:
    service = state.require_service()
    auto = " data-autosubmit" if autosubmit else ""
    return (
        f'<form id="ask-form" class="ask-form" method="post" action="/" data-fragment-form data-target="#result"{auto}>'
        '<div class="field"><label for="question">Your question</label>'
        f'<textarea id="question" name="q" rows="3" maxlength="{MAX_QUESTION_HINT}" required '
        'aria-describedby="question-hint">' + esc(question) + "</textarea>"
        '<p id="question-hint" class="hint">One situation in a sentence or two, e.g. “Can I post photos from the office party?”</p></div>'
        f'<div class="field">{org_select(service.policies(), org, field_id="org")}</div>'
        '<button type="submit">Ask</button></form>'
    )


def _home(state: WebState, question: str, org: str | None, result: str, *, autosubmit: bool = False) -> str:
    samples = "".join(f'<li><a href="{esc(ask_href(q, o or None))}">{esc(q)}</a></li>' for q, o in SAMPLE_QUESTIONS)
    body = (
        '<h1>Ask about the social-media policy</h1>'
        '<p class="intro">Answers come from your policy itself: every answer quotes the clauses it relies on, '
        "with a link to read them in context.</p>"
        f"{_ask_form(state, question, org, autosubmit=autosubmit)}"
        f'<div id="result" class="result" aria-live="polite">{result}</div>'
        f'<aside class="samples" aria-labelledby="samples-title"><h2 id="samples-title">Try asking</h2><ul>{samples}</ul>'
        '<p>New here? Take the <a href="/orientation">new-hire tour</a>.</p></aside>'
    )
    return layout("Ask", body, active="/")


async def home(request: web.Request) -> web.Response:
    state = state_of(request)
    question = query_param(request, "q")
    org = _chosen_org(request, state)
    # A link like /?q=... (from the tour) fills the form; the script then asks. The GET itself
    # never stores anything.
    return html_response(_home(state, question, org, "", autosubmit=bool(question.strip())))


async def home_post(request: web.Request) -> web.Response:
    state = state_of(request)
    form = await read_form(request)
    question = form.get("q", "")
    org_field = form.get("org", "")
    org = _chosen_org(request, state, explicit=org_field)
    status = 200
    try:
        answer, stored = await actions.ask(state, question, org_field or None, asker=asker_identity(request), channel="web")
        result = answer_html(answer.to_dict(), state.require_service().catalog, question=answer.question, permalink=actions.permalink(state, stored.id))
    except HttpError as exc:
        if exc.status >= 500:
            raise
        status, result = exc.status, error_box(exc.message)
    response = html_response(result if wants_fragment(request) else _home(state, question, org, result), status=status)
    if org_field == "" or org_field in state.require_service().org_ids:
        _remember_org(response, org_field or None)
    return response


# --- feedback (the no-script path; the script posts to /api/feedback) -----------------


async def feedback_post(request: web.Request) -> web.StreamResponse:
    form = await read_form(request)
    answer_id = form.get("answer_id", "")
    helpful = {"yes": True, "no": False}.get(form.get("helpful", ""))
    if helpful is None:
        raise HttpError(400, "Choose “Helpful” or “Not helpful”.")
    await save_feedback(request, answer_id, helpful)
    if wants_fragment(request):
        return html_response("<p>Thanks for the feedback.</p>")
    raise web.HTTPSeeOther(f"/a/{answer_id}?feedback=thanks")


# --- check ----------------------------------------------------------------------------


def _check_page(state: WebState, text: str, org: str | None, official: bool, result: str) -> str:
    service = state.require_service()
    unavailable = "" if actions.check_available(state) else notice("Checking drafts is not available in this version of policybot yet.", "warning")
    checked = " checked" if official else ""
    body = (
        "<h1>Check a draft post</h1>"
        '<p class="intro">Paste what you plan to post. The check points at each passage that may conflict with your policy, '
        "quotes the clause, and suggests what to do. Your draft is not stored.</p>"
        f"{unavailable}"
        '<form id="check-form" class="check-form" method="post" action="/check" data-fragment-form data-target="#check-result">'
        '<div class="field"><label for="draft">Your draft</label>'
        f'<textarea id="draft" name="text" rows="8" maxlength="{MAX_DRAFT_HINT}" required>{esc(text)}</textarea></div>'
        f'<div class="field">{org_select(service.policies(), org, field_id="check-org")}</div>'
        '<div class="field checkbox"><input type="checkbox" id="official" name="official" value="1"'
        f'{checked}><label for="official">This is for an official City account</label></div>'
        '<button type="submit">Check the draft</button></form>'
        f'<div id="check-result" class="result" aria-live="polite">{result}</div>'
    )
    return layout("Check a draft", body, active="/check")


async def check_page(request: web.Request) -> web.Response:
    state = state_of(request)
    return html_response(_check_page(state, "", _chosen_org(request, state), False, ""))


async def check_post(request: web.Request) -> web.Response:
    state = state_of(request)
    form = await read_form(request)
    text, org_field = form.get("text", ""), form.get("org", "")
    official = form.get("official", "") not in ("", "0", "false")
    org = _chosen_org(request, state, explicit=org_field)
    status = 200
    try:
        data = await actions.check(state, text, org_field or None, official, asker=asker_identity(request), channel="web", with_notices=True)
        result = check_html(text, data, state.require_service().catalog)
    except HttpError as exc:
        if exc.status >= 500 and exc.status != 501:
            raise
        status, result = exc.status, error_box(exc.message)
    response = html_response(result if wants_fragment(request) else _check_page(state, text, org, official, result), status=status)
    if org_field == "" or org_field in state.require_service().org_ids:
        _remember_org(response, org_field or None)
    return response


# --- policies -------------------------------------------------------------------------


async def policies_index(request: web.Request) -> web.Response:
    state = state_of(request)
    service = state.require_service()
    return html_response(layout("Policies", policies_index_html(service.catalog.policies, state.today()), active="/policies"))


async def policy_page(request: web.Request) -> web.Response:
    state = state_of(request)
    service = state.require_service()
    doc_id = request.match_info["doc_id"]
    policy = service.catalog.policy_for_doc(doc_id)
    if policy is None:
        # Forgive case and punctuation slips ("hum.11(a)", "HUM-11A"): redirect to the real id.
        def norm(s: str) -> str:
            return "".join(ch for ch in s.lower() if ch.isalnum())

        match = next((p for p in service.catalog.policies if norm(p.info.doc_id) == norm(doc_id)), None)
        if match is not None:
            raise web.HTTPMovedPermanently(policy_href(match.info.doc_id))
        known = ", ".join(p.info.doc_id for p in service.catalog.policies)
        raise HttpError(404, f"There is no policy “{doc_id}”. The policies are: {known}.")
    return html_response(layout(f"{policy.info.doc_id} {policy.info.title}", policy_html(policy, state.today()), active="/policies"))


# --- permalinks -----------------------------------------------------------------------


async def permalink_page(request: web.Request) -> web.Response:
    state = state_of(request)
    service = state.require_service()
    answer_id = request.match_info["answer_id"]
    stored = await run_io(state, state.store.get_answer, answer_id) if ANSWER_ID.match(answer_id) else None
    if stored is None:
        raise HttpError(404, f"There is no answer with id “{answer_id}”. The link may be incomplete.")
    thanks = notice("Thanks for the feedback.", "success", role="status") if query_param(request, "feedback") == "thanks" else ""
    body = thanks + answer_html(
        stored.data,
        service.catalog,
        question=stored.question,
        permalink=actions.permalink(state, stored.id),
        created_at=stored.created_at,
        versions=stored.policy_versions,
        heading="Answer from policybot",
    )
    body += f'<p class="ask-again"><a href="{esc(ask_href(stored.question, stored.org))}">Ask this question again now</a></p>'
    return html_response(layout("Answer", body))


# --- orientation ----------------------------------------------------------------------


async def orientation(request: web.Request) -> web.Response:
    state = state_of(request)
    service = state.require_service()
    org = _chosen_org(request, state)
    return html_response(layout("New-hire tour", orientation_html(service.catalog, service.policies(), org), active="/orientation"))
