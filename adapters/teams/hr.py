"""HR's reminder commands in a conversation: "remind <when> <question or answer link>",
"reminders", "cancel <id>". Only people listed in MICROSOFT_HR_USERS may use them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from botbuilder.core import TurnContext

from adapters.teams import menus, messages, reminders
from adapters.teams.adaptive import Card
from adapters.teams.people import PLATFORM, Person, Place
from adapters.teams.replies import TeamsReply
from adapters.teams.text import Command
from adapters.teams.when import WhenError, format_local, parse_when
from adapters.web import actions
from adapters.web.runtime import run_io
from bot.storage import Reminder

if TYPE_CHECKING:
    from adapters.teams.runtime import TeamsRuntime

NOT_HR = "Only HR can schedule reminders. If you are in HR, ask your Teams administrator to add you to MICROSOFT_HR_USERS."


def _require_hr(rt: "TeamsRuntime", person: Person) -> None:
    if not rt.is_hr(person):
        raise TeamsReply(NOT_HR)


def _view(rt: "TeamsRuntime", r: Reminder, zone: str | None) -> menus.ReminderView:
    link = actions.permalink(rt.state, r.answer_id) if r.answer_id else ""
    return menus.ReminderView(id=r.id, when=format_local(r.send_at, zone), text=r.text, permalink=link)


async def on_command(rt: "TeamsRuntime", ctx: TurnContext, place: Place, person: Person, command: Command) -> None:
    _require_hr(rt, person)
    zone = ctx.activity.local_timezone
    if command.name == "reminders":
        await ctx.send_activity(messages.card_activity(await _list_card(rt, place, zone)))
        return
    if command.name == "cancel":
        await cancel(rt, ctx, place, person, command.arg.strip())
        return
    try:
        when = parse_when(command.arg, dt.datetime.now(dt.timezone.utc), zone)
    except WhenError as exc:
        raise TeamsReply(str(exc)) from None
    if not when.rest:
        raise TeamsReply("Say what the reminder should quote after the time: a question, or the link of an answer "
                         "(e.g. remind friday 9am Can I post about the flood?).")
    await ctx.send_activity(messages.typing_activity())
    org = (await rt.org_for(place, person)).org
    try:
        reminder = await reminders.schedule_reminder(
            rt.state, conversation_key=place.conversation_key, send_at=when.at, answer_ref=when.rest, created_by=person.asker, org=org,
        )
    except reminders.ReminderError as exc:
        raise TeamsReply(exc.message) from None
    stored = await run_io(rt.state, rt.state.store.get_answer, reminder.answer_id) if reminder.answer_id else None
    card = menus.reminder_scheduled_card(
        _view(rt, reminder, zone), where=f"this conversation ({place.name})", question=stored.question if stored else reminder.text,
        interaction=place.interaction,
    )
    await ctx.send_activity(messages.card_activity(card))


async def _list_card(rt: "TeamsRuntime", place: Place, zone: str | None) -> Card:
    scheduled = await run_io(rt.state, rt.state.store.reminders, PLATFORM)
    mine = [r for r in scheduled if r.target == place.conversation_key]
    return menus.reminders_card([_view(rt, r, zone) for r in mine], where=f"this conversation ({place.name})", interaction=place.interaction)


async def cancel(rt: "TeamsRuntime", ctx: TurnContext, place: Place, person: Person, reminder_id: str) -> None:
    card = await cancel_card(rt, place, person, reminder_id, zone=ctx.activity.local_timezone)
    await ctx.send_activity(messages.card_activity(card))


async def cancel_card(rt: "TeamsRuntime", place: Place, person: Person, reminder_id: str, zone: str | None = None) -> Card:
    """Cancel a reminder aimed at this conversation; the reply is the updated list."""
    _require_hr(rt, person)
    if not reminder_id:
        raise TeamsReply("Say which reminder: **reminders** lists them with a Cancel button each.")
    found = await reminders.cancel_reminder(rt.state, reminder_id, place.conversation_key)
    if found is None:
        raise TeamsReply(f"There is no scheduled reminder “{reminder_id}” for this conversation (it may have been sent or cancelled already).")
    card = await _list_card(rt, place, zone)
    card["body"].insert(1, {"type": "TextBlock", "text": f"Cancelled the reminder for {format_local(found.send_at, zone)}.", "wrap": True, "color": "Good"})
    return card
