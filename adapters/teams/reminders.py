"""HR reminders in Teams: scheduled into the store, posted proactively when due.

    reminder = await schedule_reminder(state, conversation_key=..., send_at=..., answer_ref="https://.../a/3f2a9c1b7d4e",
                                       created_by="web:hr")          # the bot's "remind" and the web admin page
    sent = await deliver_due(state, send, policy_names)             # the poller, every MICROSOFT_REMINDER_POLL_SECONDS

A reminder quotes a stored answer (its permalink id), so what it shows is what HR saw when
scheduling it. Several server processes may share one database: each due reminder is claimed
with `mark_event_once` before it is sent, so it goes out once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Mapping

from botbuilder.schema import Activity

from adapters.teams import answers, menus, messages
from adapters.teams.people import PLATFORM
from adapters.web import actions
from adapters.web.runtime import HttpError, WebState, run_io
from bot.storage import Conversation, Reminder, StoredAnswer

log = logging.getLogger(__name__)

ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PERMALINK = re.compile(r"/a/(?P<id>[A-Za-z0-9_-]{1,64})/?(?:[?#]\S*)?$")
CLAIM_PLATFORM = "teams-reminder"

# Sends `activity` into the conversation `reference` points to; returns the new activity id.
Send = Callable[[Mapping[str, Any], Activity], Awaitable[str]]


class ReminderError(Exception):
    """A reminder that cannot be scheduled; the message is worded for the person asking."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AnswerRef:
    answer_id: str
    question: str
    rest: str  # words after a link: HR's own note for the reminder


def answer_id_in(text: str) -> tuple[str | None, str]:
    """The answer id in a permalink ("https://host/a/3f2a9c1b7d4e note...") at the start of
    `text`, and what follows it; (None, text) when it does not start with one."""
    first, _, rest = text.strip().partition(" ")
    first = first.strip("<>")  # Teams wraps pasted links in angle brackets in some clients
    m = _PERMALINK.search(first)
    if m is not None and ("://" in first or first.startswith("/a/")):
        return m["id"], rest.strip()
    return None, text


async def resolve_answer(state: WebState, ref: str, org: str | None, *, asker: str) -> AnswerRef:
    """A permalink (or bare answer id) to a stored answer, or a question answered now."""
    ref = ref.strip()
    if not ref:
        raise ReminderError("Say what the reminder should quote: a question, or the link of an answer.")
    answer_id, rest = answer_id_in(ref)
    if answer_id is None and ANSWER_ID.match(ref) and any(ch.isdigit() for ch in ref):
        answer_id, rest = ref, ""
    if answer_id is not None:
        stored: StoredAnswer | None = await run_io(state, state.store.get_answer, answer_id)
        if stored is None:
            raise ReminderError(f"There is no answer with id “{answer_id}”. Paste the link from an answer's “Open answer page” button.")
        return AnswerRef(stored.id, stored.question, rest)
    try:
        _answer, stored_new = await actions.ask(state, ref, org, asker=asker, channel="teams")
    except HttpError as exc:
        raise ReminderError(exc.message) from None
    return AnswerRef(stored_new.id, stored_new.question, "")


async def schedule_reminder(
    state: WebState,
    *,
    conversation_key: str,
    send_at: dt.datetime,
    answer_ref: str,
    created_by: str,
    org: str | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Reminder:
    """Schedule a reminder into a conversation the bot has seen (see `teams_conversations`).

    `send_at` must be timezone-aware; a time in the past (beyond a minute) is refused, so a
    mistyped date does not post at once. `answer_ref` is a permalink, an answer id or a
    question (answered now, for `org`). Raises `ReminderError` with a message for HR.
    """
    if send_at.tzinfo is None:
        raise ReminderError("The reminder time needs a time zone.")
    current = now or dt.datetime.now(dt.timezone.utc)
    if send_at < current - dt.timedelta(minutes=1):
        raise ReminderError("That time has already passed. Pick a time in the future.")
    conversation: Conversation | None = await run_io(state, state.store.conversation, PLATFORM, conversation_key)
    if conversation is None:
        raise ReminderError("The bot has not been added to that conversation yet (or has not heard from it since it was). Add the bot there first.")
    ref = await resolve_answer(state, answer_ref, org, asker=created_by)
    text = (note or ref.rest).strip()
    return await run_io(
        state,
        state.store.add_reminder,
        platform=PLATFORM,
        target=conversation_key,
        workspace=str(conversation.reference.get("conversation", {}).get("tenantId") or ""),
        target_name=conversation.name,
        answer_id=ref.answer_id,
        text=text or ref.question,
        send_at=send_at,
        created_by=created_by,
    )


async def teams_conversations(state: WebState) -> tuple[Conversation, ...]:
    """Where reminders can go: every Teams conversation the bot has been part of, by name."""
    return await run_io(state, state.store.conversations, PLATFORM)


async def cancel_reminder(state: WebState, reminder_id: str, conversation_key: str | None = None) -> Reminder | None:
    """Cancel a scheduled Teams reminder (optionally only one aimed at `conversation_key`)."""
    scheduled = await run_io(state, state.store.reminders, PLATFORM)
    found = next((r for r in scheduled if r.id == reminder_id and (conversation_key is None or r.target == conversation_key)), None)
    if found is None:
        return None
    await run_io(state, state.store.update_reminder, reminder_id, status="cancelled")
    return found


def reminder_activity(reminder: Reminder, stored: StoredAnswer, *, permalink: str, policy_names: Mapping[str, str], channel_id: str) -> Activity:
    note = reminder.text if reminder.text != stored.question else ""
    message = answers.answer_message(
        stored.data,
        permalink=permalink,
        policy_names=policy_names,
        interaction="execute" if channel_id == "msteams" else "submit",
        question=stored.question,
        header=menus.reminder_header(note),
    )
    return messages.answer_activity(message)


async def deliver_due(
    state: WebState,
    send: Send,
    policy_names: Mapping[str, str],
    *,
    now: dt.datetime | None = None,
    attempts: int = 3,
    backoff: float = 1.0,
) -> int:
    """Post every reminder that is due; returns how many went out. Failures are recorded on
    the reminder (status "failed" with the error) for the admin page, and logged."""
    due = await run_io(state, state.store.due_reminders, PLATFORM, now)
    sent = 0
    for reminder in due:
        claimed = await run_io(state, state.store.mark_event_once, CLAIM_PLATFORM, reminder.id)
        if not claimed:
            continue  # another process has it
        try:
            ref = await _deliver(state, send, reminder, policy_names, attempts=attempts, backoff=backoff)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - recorded for HR and logged
            log.exception("teams reminder %s could not be sent", reminder.id)
            await run_io(state, state.store.update_reminder, reminder.id, status="failed", error=describe_failure(exc))
            continue
        await run_io(state, state.store.update_reminder, reminder.id, status="sent", platform_ref=ref)
        sent += 1
    return sent


def describe_failure(exc: BaseException) -> str:
    """What HR sees on the admin page: the connector's HTTP status when there is one."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    text = f"{type(exc).__name__}: {exc}"
    return (f"HTTP {status} from Teams: {text}" if status else text)[:500]


async def _deliver(state: WebState, send: Send, reminder: Reminder, policy_names: Mapping[str, str], *, attempts: int, backoff: float) -> str:
    conversation = await run_io(state, state.store.conversation, PLATFORM, reminder.target)
    if conversation is None:
        raise LookupError(f"the conversation {reminder.target_name or reminder.target} is no longer known")
    stored = await run_io(state, state.store.get_answer, reminder.answer_id) if reminder.answer_id else None
    if stored is None:
        raise LookupError(f"answer {reminder.answer_id} is missing")
    activity = reminder_activity(
        reminder, stored, permalink=actions.permalink(state, stored.id), policy_names=policy_names,
        channel_id=str(conversation.reference.get("channelId") or ""),
    )
    for attempt in range(1, attempts + 1):
        try:
            return await send(conversation.reference, activity)
        except asyncio.CancelledError:
            raise
        except Exception:
            if attempt == attempts:
                raise
            log.warning("teams reminder %s: attempt %d failed; retrying", reminder.id, attempt, exc_info=True)
            await asyncio.sleep(backoff * attempt)
    raise AssertionError("unreachable")
