"""Sending to Slack: every post without unfurls (a policy link must not grow a preview
card under each answer), and response_url replies that report failure instead of
returning a status nobody reads."""

from __future__ import annotations

from typing import Any, Sequence

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import Block
from adapters.slack.blocks.messages import error_blocks
from adapters.slack.runtime import log

NO_UNFURLS: dict[str, bool] = {"unfurl_links": False, "unfurl_media": False}


class ResponseUrlError(RuntimeError):
    """Slack refused a response_url reply (expired after 30 minutes, or used 5 times)."""


async def respond_with(respond: Any, blocks: Sequence[Block], text: str, **kwargs: Any) -> None:
    """Reply through the interaction's response_url (works in every conversation, the bot
    need not be a member). `kwargs`: response_type, replace_original, delete_original, thread_ts."""
    kwargs.setdefault("response_type", "ephemeral")
    resp = await respond(text=text, blocks=list(blocks), **NO_UNFURLS, **kwargs)
    if resp.status_code != 200:
        raise ResponseUrlError(f"response_url answered {resp.status_code}: {str(resp.body)[:200]}")


async def respond_error(respond: Any, message: str) -> None:
    await respond_with(respond, error_blocks(message), message, replace_original=False)


async def post(client: AsyncWebClient, channel: str, blocks: Sequence[Block], text: str, *, thread_ts: str | None = None) -> Any:
    kwargs: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
    return await client.chat_postMessage(channel=channel, text=text, blocks=list(blocks), **NO_UNFURLS, **kwargs)


async def post_error(client: AsyncWebClient, channel: str, message: str, *, thread_ts: str | None = None) -> None:
    await post(client, channel, error_blocks(message), message, thread_ts=thread_ts)


async def react(client: AsyncWebClient, channel: str, ts: str, name: str, *, remove: bool = False) -> None:
    """A reaction as a sign of progress; its failure (a missing scope, already reacted)
    must not stop the answer, so it is only logged."""
    try:
        if remove:
            await client.reactions_remove(channel=channel, timestamp=ts, name=name)
        else:
            await client.reactions_add(channel=channel, timestamp=ts, name=name)
    except Exception as exc:  # noqa: BLE001 - cosmetic
        log.info("slack: could not %s reaction %s: %s", "remove" if remove else "add", name, exc)
