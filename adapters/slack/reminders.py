"""HR reminders: `/policy remind #channel <when> <question or answer link>` posts (now) or
schedules (chat.scheduleMessage) a message quoting the answer and linking its permalink;
`/policy reminders` lists what is scheduled, each with a Cancel button
(chat.deleteScheduledMessage). Reminders are kept in the store, so the list survives a
restart; Slack's own list (chat.scheduledMessages.list) says which have gone out since.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import MESSAGE_MAX_BLOCKS, Block, section
from adapters.slack.blocks.answer import Buttons
from adapters.slack.blocks.messages import ReminderLine, reminder_header_blocks, reminders_blocks, slack_date
from adapters.slack.commands import CHANNEL_TOKEN
from adapters.slack.mrkdwn import escape, link, one_line
from adapters.slack.replies import NO_UNFURLS
from adapters.slack.runtime import PLATFORM, SlackDeps, api_error, asker_id, log, org_for
from adapters.slack.whens import WhenError, parse_when
from adapters.slack.work import render_stored
from adapters.web import actions
from adapters.web.runtime import run_io
from bot.errors import UserInputError

POST_NOW_WITHIN = dt.timedelta(seconds=60)  # Slack refuses post_at times too close to now
MAX_AHEAD = dt.timedelta(days=120)  # Slack's limit for chat.scheduleMessage
PAST_GRACE = dt.timedelta(minutes=2)
_ANSWER_LINK = re.compile(r"^<?(?P<url>https?://[^\s|>]+/a/(?P<id>[A-Za-z0-9_-]{1,64}))(?:\|[^>]*)?>?(?=\s|$)")
_SLACK_ERRORS = {
    "not_in_channel": "I am not a member of {channel}. Invite me first (/invite @policybot in that channel), then try again.",
    "channel_not_found": "I cannot see {channel}. If it is private, invite me first (/invite @policybot).",
    "is_archived": "{channel} is archived; choose another channel.",
    "restricted_action": "This workspace does not let me post in {channel}.",
    "time_in_past": "That time has already passed; choose a time in the future.",
    "time_too_far": "Slack schedules messages at most 120 days ahead; choose an earlier date.",
    "msg_too_long": "The answer is too long for one Slack message; link the answer instead of quoting it.",
}


class ReminderError(UserInputError):
    """A reminder HR asked for cannot be made; the message says why."""


@dataclass(frozen=True)
class ReminderRequest:
    channel_id: str
    channel_name: str
    when: dt.datetime
    rest: str  # the question, or an answer link


def _slack_error(exc: SlackApiError, channel: str) -> ReminderError:
    code = api_error(exc)
    template = _SLACK_ERRORS.get(code)
    if template is None:
        raise exc
    return ReminderError(template.format(channel=channel))


async def user_zone(client: AsyncWebClient, user_id: str) -> dt.tzinfo:
    """The person's own time zone from their Slack profile, so "tomorrow 9:00" means their 9:00."""
    try:
        info = (await client.users_info(user=user_id)).get("user") or {}
    except SlackApiError as exc:
        log.info("slack: users.info failed (%s); reminder times in UTC", api_error(exc))
        return dt.timezone.utc
    name = str(info.get("tz") or "")
    if name:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    offset = info.get("tz_offset")
    return dt.timezone(dt.timedelta(seconds=int(offset))) if isinstance(offset, int) else dt.timezone.utc


def parse_request(text: str, now: dt.datetime) -> ReminderRequest:
    m = CHANNEL_TOKEN.match(text.strip())
    if m is None:
        raise ReminderError("Start with the channel, e.g. `/policy remind #general tomorrow 9:00 Can I use the City logo?`")
    if m["hash"]:
        # Without the channel's id there is nothing to post to; Slack sends the id when the
        # channel is picked from its suggestions (the command escapes channels).
        raise ReminderError(f"I could not find #{m['hash']}. Pick the channel from Slack's suggestions as you type “#”.")
    channel_id = m["id"] or m["raw"]
    name = m["name"] or ""
    when, rest = parse_when(text.strip()[m.end() :], now)
    if not rest:
        raise ReminderError("Add the question (or the link to an answer) after the time.")
    return ReminderRequest(channel_id, name, when, rest)


def _channel_label(req: ReminderRequest) -> str:
    return f"<#{req.channel_id}>"


async def _answer_for(deps: SlackDeps, rest: str, team_id: str, user_id: str) -> tuple[str, dict[str, Any], str]:
    """(question, answer JSON, answer id): a linked answer from the store, or a new one."""
    m = _ANSWER_LINK.match(rest)
    if m:
        stored = await run_io(deps.state, deps.store.get_answer, m["id"])
        if stored is None:
            raise ReminderError(f"There is no answer at {m['url']}. Copy the link from “Open the answer”, or type the question instead.")
        return stored.question, dict(stored.data), stored.id
    org = (await org_for(deps, team_id, user_id)).org
    answer, stored = await actions.ask(deps.state, rest, org, asker=asker_id(team_id, user_id), channel="slack")
    return answer.question, answer.to_dict(), stored.id


def reminder_message(deps: SlackDeps, question: str, data: dict[str, Any], answer_id: str) -> tuple[list[Block], str]:
    head = reminder_header_blocks(question)
    rendered = render_stored(deps, data, question, answer_id, buttons=Buttons.PERMALINK, show_question=False, limit=MESSAGE_MAX_BLOCKS - len(head))
    return head + rendered.blocks, f"Reminder about the social-media policy: {escape(one_line(question, 200))}"


async def schedule(deps: SlackDeps, client: AsyncWebClient, text: str, team_id: str, user_id: str) -> list[Block]:
    """Post or schedule the reminder; the confirmation for HR."""
    zone = await user_zone(client, user_id)
    now = deps.clock().astimezone(zone)
    try:
        req = parse_request(text, now)
    except WhenError as exc:
        raise ReminderError(str(exc)) from None
    if req.when < now - PAST_GRACE:
        raise ReminderError(f"{req.when:%Y-%m-%d %H:%M} has already passed; choose a time in the future.")
    if req.when - now > MAX_AHEAD:
        raise ReminderError("Slack schedules messages at most 120 days ahead; choose an earlier date.")
    question, data, answer_id = await _answer_for(deps, req.rest, team_id, user_id)
    blocks, fallback = reminder_message(deps, question, data, answer_id)
    post_now = req.when - now <= POST_NOW_WITHIN
    channel = _channel_label(req)
    try:
        if post_now:
            resp = await client.chat_postMessage(channel=req.channel_id, text=fallback, blocks=blocks, **NO_UNFURLS)
            ref, status, when = str(resp.get("ts", "")), "sent", now
        else:
            resp = await client.chat_scheduleMessage(
                channel=req.channel_id, post_at=int(req.when.timestamp()), text=fallback, blocks=blocks, **NO_UNFURLS
            )
            ref, status, when = str(resp.get("scheduled_message_id", "")), "scheduled", req.when
    except SlackApiError as exc:
        raise _slack_error(exc, channel) from None
    try:
        await run_io(
            deps.state,
            deps.store.add_reminder,
            platform=PLATFORM,
            workspace=team_id,
            target=req.channel_id,
            target_name=req.channel_name,
            text=question,
            send_at=when,
            answer_id=answer_id,
            status=status,
            platform_ref=ref,
            created_by=asker_id(team_id, user_id),
        )
    except Exception:
        # Unrecorded, HR could neither list nor cancel it: take it back rather than leave
        # a message nobody can stop.
        if status == "scheduled":
            try:
                await client.chat_deleteScheduledMessage(channel=req.channel_id, scheduled_message_id=ref)
            except SlackApiError:
                log.exception("slack: could not take back unrecorded scheduled message %s", ref)
        raise
    about = link(actions.permalink(deps.state, answer_id), one_line(question, 200))
    if post_now:
        return [section(f"✅ Posted in {channel}: {about}")]
    return [
        section(f"✅ Scheduled for {channel} on {slack_date(req.when)}: {about}"),
        section("`/policy reminders` lists scheduled reminders and cancels them."),
    ]


async def _still_scheduled(client: AsyncWebClient) -> set[str] | None:
    """Ids of the messages Slack still holds; None when Slack cannot say."""
    ids: set[str] = set()
    cursor = ""
    try:
        for _page in range(20):
            resp = await client.chat_scheduledMessages_list(cursor=cursor or None, limit=100)
            ids.update(str(m.get("id", "")) for m in resp.get("scheduled_messages") or [])
            cursor = str((resp.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                return ids
    except SlackApiError as exc:
        log.warning("slack: chat.scheduledMessages.list failed: %s", api_error(exc))
        return None
    return ids


async def listing(deps: SlackDeps, client: AsyncWebClient, team_id: str) -> list[Block]:
    stored = await run_io(deps.state, deps.store.reminders, PLATFORM, workspace=team_id, status="scheduled")
    pending = await _still_scheduled(client)
    now = deps.clock()
    lines = []
    for r in stored:
        if pending is not None and r.platform_ref not in pending:
            # Slack no longer holds it: sent if its time has come, else removed in Slack.
            status = "sent" if r.send_at <= now else "cancelled"
            await run_io(deps.state, deps.store.update_reminder, r.id, status=status)
            continue
        permalink = actions.permalink(deps.state, r.answer_id) if r.answer_id else ""
        lines.append(ReminderLine(r.id, r.target, r.target_name, r.send_at, r.text, permalink))
    return reminders_blocks(lines)


async def cancel(deps: SlackDeps, client: AsyncWebClient, reminder_id: str, team_id: str) -> str:
    """Cancel one reminder; what happened, in words for HR."""
    found = [r for r in await run_io(deps.state, deps.store.reminders, PLATFORM, workspace=team_id, status=None) if r.id == reminder_id]
    if not found:
        raise ReminderError("That reminder is not in my list any more.")
    r = found[0]
    if r.status != "scheduled":
        return f"That reminder was already {r.status}."
    try:
        await client.chat_deleteScheduledMessage(channel=r.target, scheduled_message_id=r.platform_ref)
    except SlackApiError as exc:
        if api_error(exc) == "invalid_scheduled_message_id":
            await run_io(deps.state, deps.store.update_reminder, r.id, status="sent")
            return "Too late to cancel: that reminder has been posted already (or is being posted right now)."
        raise
    await run_io(deps.state, deps.store.update_reminder, r.id, status="cancelled")
    return f"Cancelled the reminder for <#{r.target}>: “{escape(one_line(r.text, 200))}”."
