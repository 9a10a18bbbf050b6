"""HR reminders on the admin page: schedule a Teams reminder that quotes an answer, see
every platform's reminders and their state, cancel a scheduled one.

Slack reminders are made in Slack (`/policy remind`) and only listed here. Teams reminders
go through `adapters.teams` (the conversation must be one the bot has been added to); its
poller posts them when due.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from aiohttp import web

from adapters.web.admin import admin_only
from adapters.web.html import esc, table
from adapters.web.runtime import HttpError, WebState, query_param, read_form, run_io
from bot.storage import Reminder

PLATFORMS = ("teams", "slack")
MAX_REF_CHARS = 2_000


def _admin_href(path: str, token: str | None, **extra: str) -> str:
    params = {k: v for k, v in extra.items() if v}
    if token:
        params["token"] = token
    return path + ("?" + urlencode(params) if params else "")


def _when(t: dt.datetime) -> str:
    return esc(t.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


async def reminders_section(state: WebState, token: str | None, notice: str = "") -> str:
    """The HTML section for the admin page."""
    rows: list[Reminder] = []
    for platform in PLATFORMS:
        rows.extend(await run_io(state, state.store.reminders, platform, status=None))
    rows.sort(key=lambda r: r.send_at, reverse=True)

    def cancel_form(r: Reminder) -> str:
        if r.platform != "teams" or r.status != "scheduled":
            return ""
        return (
            f'<form method="post" action="{esc(_admin_href("/admin/reminders/cancel", token))}">'
            f'<input type="hidden" name="id" value="{esc(r.id)}"><button type="submit" class="secondary">Cancel</button></form>'
        )

    listing = table(
        ["Send at", "Where", "Quotes", "Status", ""],
        (
            [
                _when(r.send_at),
                f"{esc(r.platform.title())}: {esc(r.target_name or r.target)}",
                (f'<a href="/a/{esc(r.answer_id)}">{esc(r.text)}</a>' if r.answer_id else esc(r.text)),
                esc(r.status) + (f' <span class="hint">({esc(r.error)})</span>' if r.error else ""),
                cancel_form(r),
            ]
            for r in rows[:100]
        ),
        caption="Reminders",
    )
    form = await _schedule_form(state, token)
    alert = f'<div class="notice" role="status"><p>{esc(notice)}</p></div>' if notice else ""
    return f'<section id="reminders" aria-labelledby="reminders-h"><h2 id="reminders-h">Reminders</h2>{alert}{form}{listing}</section>'


async def _schedule_form(state: WebState, token: str | None) -> str:
    try:
        from adapters.teams import teams_conversations
    except ImportError:  # a deployment without the Teams packages
        return '<p class="hint">Teams is not available on this server.</p>'
    conversations = await teams_conversations(state)
    if not conversations:
        return (
            '<p class="hint">To schedule a reminder in Microsoft Teams, first add the bot to the chat or channel '
            "(it lists here once it has heard from it). In Slack, HR uses <code>/policy remind</code>.</p>"
        )
    options = "".join(f'<option value="{esc(c.key)}">{esc(c.name or c.key)}</option>' for c in conversations)
    return (
        f'<form class="reminder-form" method="post" action="{esc(_admin_href("/admin/reminders", token))}">'
        "<fieldset><legend>Schedule a Teams reminder</legend>"
        f'<label for="rem-where">Conversation</label><select id="rem-where" name="conversation" required>{options}</select>'
        '<label for="rem-when">Send at (UTC)</label><input id="rem-when" name="send_at" type="datetime-local" required>'
        '<label for="rem-ref">Answer link, answer id or question</label>'
        f'<input id="rem-ref" name="answer" type="text" required maxlength="{MAX_REF_CHARS}" placeholder="https://…/a/3f2a9c1b7d4e">'
        '<label for="rem-note">Note (optional)</label><input id="rem-note" name="note" type="text" maxlength="500">'
        '<button type="submit">Schedule</button></fieldset></form>'
    )


def _parse_send_at(value: str) -> dt.datetime:
    value = value.strip()
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise HttpError(400, f"“{value}” is not a date and time; use the picker (YYYY-MM-DD HH:MM, UTC).") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _redirect(request: web.Request, notice: str) -> web.Response:
    token = query_param(request, "token")
    raise web.HTTPSeeOther(_admin_href("/admin", token, notice=notice) + "#reminders")


@admin_only
async def schedule(request: web.Request, state: WebState, in_query: bool) -> web.Response:
    from adapters.teams import ReminderError, schedule_reminder

    form = await read_form(request)
    answer = form.get("answer", "").strip()
    if len(answer) > MAX_REF_CHARS:
        raise HttpError(413, f"The answer reference is too long (limit {MAX_REF_CHARS} characters).")
    try:
        reminder = await schedule_reminder(
            state,
            conversation_key=form.get("conversation", ""),
            send_at=_parse_send_at(form.get("send_at", "")),
            answer_ref=answer,
            created_by="web:admin",
            note=form.get("note", "").strip()[:500],
        )
    except ReminderError as exc:
        return _redirect(request, f"Not scheduled: {exc.message}")
    return _redirect(request, f"Scheduled for {reminder.send_at.strftime('%Y-%m-%d %H:%M UTC')} in {reminder.target_name or 'Teams'}.")


@admin_only
async def cancel(request: web.Request, state: WebState, in_query: bool) -> web.Response:
    from adapters.teams import cancel_reminder

    form = await read_form(request)
    found = await cancel_reminder(state, form.get("id", ""))
    return _redirect(request, "Reminder cancelled." if found else "That reminder was already sent or cancelled.")
