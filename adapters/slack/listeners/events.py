"""Events: an @mention is answered in its thread (a follow-up in the thread is asked
together with the thread's earlier question); a direct message is a question, or a draft
check when it starts with "check" or shares a text file or snippet; opening the App Home
publishes it; a new member gets a welcome DM.

Progress shows as an ⏳ reaction on the person's message, removed when the answer is posted.
Bolt drops the bot's own events; other bots and message edits, joins and the like are
ignored here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import work
from adapters.slack.app_home import publish_home
from adapters.slack.blocks.answer import Buttons
from adapters.slack.blocks.messages import error_blocks, help_blocks, welcome_blocks
from adapters.slack.commands import split_official
from adapters.slack.files import read_text_file
from adapters.slack.mrkdwn import plain_text, strip_mentions
from adapters.slack.replies import post, post_error, react
from adapters.slack.runtime import COMMAND, SlackDeps, api_error, guarded, log
from bot.errors import UnreadableInput

PROGRESS_REACTION = "hourglass_flowing_sand"
USER_SUBTYPES = (None, "file_share", "thread_broadcast")  # messages a person wrote
GREETINGS = frozenset({"help", "hi", "hello", "hey", "?", "start"})
THREAD_LOOKBACK = 100


def is_person_message(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    if event.get("subtype") not in USER_SUBTYPES:
        return False  # edits, deletions, joins, bot_message, ...
    if event.get("bot_id") or event.get("bot_profile"):
        return False  # another bot (bolt already drops our own)
    user = event.get("user")
    return bool(user) and user != bot_user_id


@dataclass(frozen=True)
class CheckRequest:
    draft: str
    official: bool


def check_request(text: str) -> CheckRequest | None:
    """"check <draft>", "check: <draft>", "check --official <draft>"; None for anything else."""
    stripped = text.strip()
    head = re.split(r"[\s:]", stripped, maxsplit=1)[0]
    if head.lower() != "check":
        return None
    official, draft = split_official(stripped[len(head) :].lstrip(": \n\t"))
    return CheckRequest(draft, official)


async def earlier_question(client: AsyncWebClient, channel: str, thread_ts: str, current_ts: str, bot_user_id: str | None) -> str:
    """The thread's earlier question: the first person's message in the thread that
    mentions the bot, else the thread's first message (when a person wrote it)."""
    try:
        resp = await client.conversations_replies(channel=channel, ts=thread_ts, limit=THREAD_LOOKBACK)
    except SlackApiError as exc:
        # Without history access the question is still answered, only without context.
        log.info("slack: conversations.replies failed (%s); answering without the thread", api_error(exc))
        return ""
    messages = [m for m in resp.get("messages") or [] if m.get("ts") != current_ts and is_person_message(m, bot_user_id)]
    messages = [m for m in messages if float(m.get("ts", 0)) < float(current_ts or 0)]
    if not messages:
        return ""
    mention = f"<@{bot_user_id}>" if bot_user_id else None
    chosen = next((m for m in messages if mention and mention in (m.get("text") or "")), None)
    if chosen is None and messages[0].get("ts") == thread_ts:
        chosen = messages[0]
    return strip_mentions(chosen.get("text", ""), bot_user_id) if chosen else ""


async def _file_draft(deps: SlackDeps, client: AsyncWebClient, files: list[Mapping[str, Any]], token: str) -> str:
    """The text of the first shared file (full record from files.info: event copies can be partial)."""
    file_id = str(files[0].get("id", ""))
    record: Mapping[str, Any] = files[0]
    if file_id:
        try:
            record = (await client.files_info(file=file_id)).get("file") or record
        except SlackApiError as exc:
            raise UnreadableInput("Slack did not let me open that file. Paste the text of the post instead.") from exc
    return await read_text_file(record, token, deps.config.file_hosts)


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def ack_event(ack: Any) -> None:
        await ack()

    async def answer_mention(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any) -> None:
        bot_user_id = context.bot_user_id
        if not is_person_message(event, bot_user_id):
            return
        team_id, user_id = body.get("team_id") or event.get("team", ""), event["user"]
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts") or ts
        text = strip_mentions(event.get("text", ""), bot_user_id)

        async def tell(message: str) -> None:
            await post_error(client, channel, message, thread_ts=thread_ts)

        async def run() -> None:
            if not text:
                await post(client, channel, help_blocks(COMMAND), "How to ask me", thread_ts=thread_ts)
                return
            await react(client, channel, ts, PROGRESS_REACTION)
            try:
                check = check_request(text)
                if check is not None:
                    rendered = await work.check_message(deps, check.draft, team_id, user_id, official=check.official)
                else:
                    follow = ""
                    if event.get("thread_ts") and event["thread_ts"] != ts:
                        follow = await earlier_question(client, channel, thread_ts, ts, bot_user_id)
                    rendered = await work.ask(deps, text, team_id, user_id, buttons=Buttons.PUBLIC, asked_by=user_id, follow_up_on=follow)
                await post(client, channel, rendered.blocks, rendered.text, thread_ts=thread_ts)
            finally:
                await react(client, channel, ts, PROGRESS_REACTION, remove=True)

        await guarded("answering a mention", tell, run)

    async def answer_direct_message(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any) -> None:
        if event.get("channel_type") != "im" or not is_person_message(event, context.bot_user_id):
            return
        team_id, user_id = body.get("team_id") or event.get("team", ""), event["user"]
        channel, ts = event["channel"], event["ts"]
        thread_ts = event.get("thread_ts")  # answer in a thread only where the person wrote in one
        text = plain_text(event.get("text", "")).strip()
        files = list(event.get("files") or [])

        async def tell(message: str) -> None:
            await post_error(client, channel, message, thread_ts=thread_ts)

        async def run() -> None:
            check = check_request(text)
            if not files and (text.lower().strip("!. ") in GREETINGS or not text):
                await post(client, channel, help_blocks(COMMAND), "How to use me", thread_ts=thread_ts)
                return
            await react(client, channel, ts, PROGRESS_REACTION)
            try:
                if files:
                    draft = await _file_draft(deps, client, files, context.bot_token or "")
                    official = check is not None and check.official  # "check --official" as the file's comment
                    rendered = await work.check_message(deps, draft, team_id, user_id, official=official)
                elif check is not None:
                    rendered = await work.check_message(deps, check.draft, team_id, user_id, official=check.official)
                else:
                    follow = ""
                    if thread_ts and thread_ts != ts:
                        follow = await earlier_question(client, channel, thread_ts, ts, context.bot_user_id)
                    rendered = await work.ask(deps, text, team_id, user_id, buttons=Buttons.PUBLIC, follow_up_on=follow)
                await post(client, channel, rendered.blocks, rendered.text, thread_ts=thread_ts)
            finally:
                await react(client, channel, ts, PROGRESS_REACTION, remove=True)

        await guarded("answering a direct message", tell, run)

    async def show_home(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        team_id, user_id = body.get("team_id", ""), event["user"]

        async def tell(message: str) -> None:
            # The Home tab itself is the only place the person is looking.
            await client.views_publish(user_id=user_id, view={"type": "home", "blocks": error_blocks(message)})

        await guarded("publishing the App Home", tell, lambda: publish_home(deps, client, team_id, user_id))

    async def welcome(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        user = event.get("user") or {}
        if user.get("is_bot") or user.get("deleted") or not user.get("id"):
            return
        team_id = body.get("team_id", "")
        home = f"slack://app?team={team_id}&id={body.get('api_app_id', '')}&tab=home" if body.get("api_app_id") else ""

        async def tell(message: str) -> None:
            log.error("slack: welcome DM to a new member failed: %s", message)  # nobody to tell yet

        async def run() -> None:
            await post(client, user["id"], welcome_blocks(home, COMMAND), "Welcome! I answer questions about the social-media policy.")

        await guarded("welcoming a new member", tell, run)

    app.event("app_mention")(ack=ack_event, lazy=[answer_mention])
    app.event("message")(ack=ack_event, lazy=[answer_direct_message])
    app.event("app_home_opened")(ack=ack_event, lazy=[show_home])
    app.event("team_join")(ack=ack_event, lazy=[welcome])
