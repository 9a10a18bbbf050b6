"""The HR view: usage figures and a CSV export, behind `POLICYBOT_ADMIN_TOKEN`.

The token is accepted as `Authorization: Bearer <token>` (scripts) or `?token=` (a
bookmark in a browser). With no token configured the page is closed to everyone, and the
401 says how to open it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
from typing import Awaitable, Callable
from urllib.parse import urlencode

from aiohttp import web

from adapters.web.html import clause_href, esc, layout, table
from adapters.web.runtime import WebState, query_param, run_io, state_of

REALM = 'Bearer realm="policybot admin"'


class AdminDenied(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _presented_token(request: web.Request) -> tuple[str, bool]:
    """The token the request carries, and whether it came in the address."""
    auth = request.headers.get("Authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), False
    token = query_param(request, "token")
    return token, bool(token)


def authorize(request: web.Request, state: WebState) -> bool:
    """True when the token came in the address (links on the page must carry it on)."""
    expected = state.settings.admin_token
    if not expected:
        raise AdminDenied(
            "The HR view is turned off because no admin token is configured. Set POLICYBOT_ADMIN_TOKEN "
            "(in the environment or the .env file) to a long random value and restart the server, then open "
            "/admin?token=<that value> or send “Authorization: Bearer <that value>”."
        )
    presented, in_query = _presented_token(request)
    if not presented:
        raise AdminDenied("The HR view needs the admin token: open /admin?token=<token> or send “Authorization: Bearer <token>”.")
    # Constant-time comparison: the token is a password.
    if not hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8")):
        raise AdminDenied("That admin token is not correct.")
    return in_query


def denied_response(message: str) -> web.Response:
    body = layout("HR view: sign-in needed", f'<h1>HR view</h1><div class="error" role="alert"><p>{esc(message)}</p></div>')
    return web.Response(text=body, status=401, content_type="text/html", charset="utf-8", headers={"WWW-Authenticate": REALM, "Cache-Control": "no-store"})


AdminHandler = Callable[[web.Request, WebState, bool], Awaitable[web.Response]]


def admin_only(handler: AdminHandler) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The route answers only with the admin token; `handler` gets the state and whether
    the token came in the address (links it renders must carry it on)."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.Response:
        state = state_of(request)
        try:
            in_query = authorize(request, state)
        except AdminDenied as exc:
            return denied_response(exc.message)
        return await handler(request, state, in_query)

    return guarded


def _org_filter(request: web.Request, state: WebState) -> str | None:
    org = query_param(request, "org")
    service = state.service
    if org and service is not None and org in service.org_ids:
        return org
    return None


@admin_only
async def admin_page(request: web.Request, state: WebState, in_query: bool) -> web.Response:
    org = _org_filter(request, state)
    stats = await run_io(state, state.store.stats, org=org)
    params: dict[str, str] = {}
    if in_query:
        params["token"] = query_param(request, "token")
    if org:
        params["org"] = org
    export_href = "/admin/export.csv" + ("?" + urlencode(params) if params else "")

    def when(t: dt.datetime) -> str:
        return esc(t.strftime("%Y-%m-%d %H:%M"))

    peak = max((n for _, n in stats.questions_per_day), default=0)
    per_day = table(
        ["Day (UTC)", "Questions", ""],
        (
            [esc(day), esc(n), f'<meter min="0" max="{peak}" value="{n}" aria-hidden="true"></meter>']
            for day, n in stats.questions_per_day
        ),
        caption="Questions per day, last 30 days",
    )
    top = table(
        ["Clause", "Times cited"],
        ([f'<a href="{esc(clause_href(c.doc_id, c.clause_id))}">{esc(c.label or c.clause_id)}</a>', esc(c.count)] for c in stats.top_clauses),
        caption="Most cited clauses",
    )
    gaps = table(
        ["Asked (UTC)", "Org", "Question"],
        ([when(r.created_at), esc(r.org or "both"), f'<a href="/a/{esc(r.answer_id)}">{esc(r.question)}</a>'] for r in stats.not_covered),
        caption="Questions the policies do not cover (possible gaps in the policy)",
    )
    unhelpful = table(
        ["Asked (UTC)", "Org", "Question"],
        ([when(r.created_at), esc(r.org or "both"), f'<a href="/a/{esc(r.answer_id)}">{esc(r.question)}</a>'] for r in stats.unhelpful_answers),
        caption="Answers marked not helpful",
    )
    verdicts = table(
        ["Verdict", "Drafts"],
        ([esc(v), esc(n)] for v, n in sorted(stats.checks_by_verdict.items())),
        caption="Draft checks by verdict",
    )
    channels = ", ".join(f"{esc(k)}: {esc(v)}" for k, v in sorted(stats.by_channel.items())) or "none yet"
    org_options = "".join(
        f'<option value="{esc(o)}"{" selected" if o == org else ""}>{esc(o)}</option>' for o in (state.service.org_ids if state.service else ())
    )
    from adapters.web.admin_reminders import reminders_section

    reminders = await reminders_section(state, params.get("token"), notice=query_param(request, "notice")[:300])
    token_field = f'<input type="hidden" name="token" value="{esc(params["token"])}">' if "token" in params else ""
    body = (
        "<h1>HR view</h1>"
        f'<form class="org-form" method="get" action="/admin">{token_field}<label for="admin-org">Organization</label>'
        f'<select id="admin-org" name="org"><option value="">All</option>{org_options}</select>'
        '<button type="submit" class="secondary">Show</button></form>'
        '<dl class="summary">'
        f"<dt>Questions answered</dt><dd>{esc(stats.answers)}</dd>"
        f"<dt>Not covered by the policy</dt><dd>{esc(stats.by_status.get('not_covered', 0))}</dd>"
        f"<dt>Feedback</dt><dd>{esc(stats.helpful)} helpful, {esc(stats.not_helpful)} not helpful</dd>"
        f"<dt>Drafts checked</dt><dd>{esc(stats.checks)}</dd>"
        f"<dt>By channel</dt><dd>{channels}</dd></dl>"
        f'<p><a class="button" href="{esc(export_href)}" download>Download all answers (CSV)</a></p>'
        f"{per_day}{top}{gaps}{unhelpful}{verdicts}{reminders}"
        "<p class=\"hint\">People are stored only as salted hashes; drafts are not stored.</p>"
    )
    return web.Response(
        text=layout("HR view", body),
        content_type="text/html",
        charset="utf-8",
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )


@admin_only
async def export_csv(request: web.Request, state: WebState, in_query: bool) -> web.Response:
    org = _org_filter(request, state)
    text = await run_io(state, state.store.export_csv, org=org, base_url=state.settings.base_url)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d")
    return web.Response(
        # A BOM so spreadsheet programs read the quotes’ typographic characters as UTF-8.
        body=("\ufeff" + text).encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="policybot-answers-{stamp}.csv"', "Cache-Control": "no-store"},
    )
