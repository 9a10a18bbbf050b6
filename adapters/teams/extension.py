"""The message extension "Check against policy" (command `checkDraft`).

From a message's ••• menu Teams sends the message (`messagePayload`, as HTML): it is checked
at once. From the compose box there is no text yet: a box to paste the draft opens, and the
result comes back under the draft so it can be edited and checked again. Results stay in the
dialog, seen by the person only (a draft is private until posted).

The handlers return botbuilder models: `TeamsActivityHandler` serializes them itself, and the
adapter then sends that JSON as it is (see adapter.py for the SDK's double serialization).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Mapping

from botbuilder.schema import Attachment
from botbuilder.schema.teams import (
    MessagingExtensionAction,
    MessagingExtensionActionResponse,
    TaskModuleContinueResponse,
    TaskModuleMessageResponse,
    TaskModuleTaskInfo,
)

from adapters.teams import checks, menus
from adapters.teams.adaptive import ADAPTIVE_CARD, MESSAGE_BUDGET, Card
from adapters.teams.replies import user_message
from adapters.teams.text import html_to_text

log = logging.getLogger(__name__)

CHECK_COMMAND = "checkDraft"
TITLE = "Check against policy"
# A message extension must answer within 5 seconds; past this the person is told to retry
# while the check finishes (and warms up) in the background.
INVOKE_BUDGET_SECONDS = 4.0

RunCheck = Callable[[str], Awaitable[dict[str, Any]]]


async def fetch_task(run_check: RunCheck, action: MessagingExtensionAction, policy_names: Mapping[str, str]) -> MessagingExtensionActionResponse:
    if action.command_id != CHECK_COMMAND:
        return _task_message(f"Unknown command {action.command_id!r}.")
    draft = _payload_text(action)
    if draft:
        return await check_dialog(run_check, draft, policy_names, source=_source_of(action), editable=False)
    return _task_card(menus.draft_card(), TITLE)


async def submit_action(run_check: RunCheck, action: MessagingExtensionAction, policy_names: Mapping[str, str]) -> MessagingExtensionActionResponse:
    if action.command_id != CHECK_COMMAND:
        return _task_message(f"Unknown command {action.command_id!r}.")
    data = action.data if isinstance(action.data, dict) else {}
    typed = data.get(menus.DRAFT_INPUT_ID)
    if isinstance(typed, str) and typed.strip():
        return await check_dialog(run_check, typed, policy_names, source="", editable=True)
    draft = _payload_text(action)
    if draft:
        return await check_dialog(run_check, draft, policy_names, source=_source_of(action), editable=False)
    return _task_card(menus.draft_card(error="There is no text to check. Paste the post below."), TITLE)


async def check_dialog(run_check: RunCheck, draft: str, policy_names: Mapping[str, str], *, source: str, editable: bool) -> MessagingExtensionActionResponse:
    """The check's result in a dialog only the person sees (a draft is private until posted)."""
    task = asyncio.ensure_future(run_check(draft))
    try:
        result = await asyncio.wait_for(asyncio.shield(task), INVOKE_BUDGET_SECONDS)
    except asyncio.TimeoutError:
        task.add_done_callback(_log_task_failure)
        return _task_message("The checker is still warming up. Try again in a few seconds.")
    except Exception as exc:  # noqa: BLE001
        message = user_message(exc)
        if message is None:
            log.exception("draft check from the message extension failed")
            message = "Sorry, the check failed on our side. Please try again in a moment."
        return _task_card(menus.draft_card(draft if editable else "", error=message), TITLE)
    if editable:
        # Below the result, the draft again to edit and re-check without starting over.
        box = menus.draft_card(draft)
        budget = max(4096, MESSAGE_BUDGET - len(draft.encode("utf-8")) - 1024)
        result_card = checks.check_card_fitted(result, draft, policy_names=policy_names, budget=budget)
        card = {**result_card, "body": result_card["body"] + box["body"], "actions": box["actions"]}
        card["actions"] = [{**box["actions"][0], "title": "Check again"}]
    else:
        card = checks.check_card_fitted(result, draft, policy_names=policy_names, source=source)
    return _task_card(card, TITLE)


def _payload_text(action: MessagingExtensionAction) -> str:
    payload = action.message_payload
    body = payload.body if payload is not None else None
    content = (body.content if body is not None else None) or ""
    return html_to_text(content) if content else ""


def _source_of(action: MessagingExtensionAction) -> str:
    payload = action.message_payload
    sender = payload.from_property if payload is not None else None
    user = getattr(sender, "user", None) if sender is not None else None
    name = getattr(user, "display_name", None) if user is not None else None
    return f"Checked: the message from {name}" if name else "Checked: the selected message"


def _task_card(card: Card, title: str) -> MessagingExtensionActionResponse:
    info = TaskModuleTaskInfo(title=title, height="large", width="large", card=Attachment(content_type=ADAPTIVE_CARD, content=card))
    return MessagingExtensionActionResponse(task=TaskModuleContinueResponse(value=info))


def _task_message(text: str) -> MessagingExtensionActionResponse:
    return MessagingExtensionActionResponse(task=TaskModuleMessageResponse(value=text))


def _log_task_failure(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("background check failed", exc_info=task.exception())
