"""Buttons, the message shortcut and modal submissions.

A modal must be opened within 3 seconds of the click (the trigger_id expires), but a check
can take longer: the lazy listener opens a "Checking…" modal first and updates it with the
result (views.update), so the person sees progress at once and the result in place.
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Mapping

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import reminders, work
from adapters.slack.app_home import publish_home
from adapters.slack.blocks import VIEW_MAX_BLOCKS, Block, context, modal, section
from adapters.slack.blocks.answer import (
    FEEDBACK_NO,
    FEEDBACK_YES,
    PERMALINK_ACTION,
    SHARE_ACTION,
    Buttons,
    feedback_acknowledged,
)
from adapters.slack.blocks.check import CHECK_VIEW_CALLBACK
from adapters.slack.blocks.home import HOME_ASK_ACTION, HOME_CHECK_ACTION, parse_example_value
from adapters.slack.blocks.messages import (
    ALL_ORGS,
    CANCEL_REMINDER_ACTION,
    CHOOSE_ORG_ACTION,
    DRAFT_BLOCK,
    DRAFT_INPUT,
    DRAFT_MODAL_CALLBACK,
    OFFICIAL_BLOCK,
    OFFICIAL_INPUT,
    draft_modal,
    error_blocks,
    loading_view,
    message_view,
    org_blocks,
)
from adapters.slack.listeners.commands import HR_ONLY
from adapters.slack.mrkdwn import plain_text
from adapters.slack.replies import ResponseUrlError, post, respond_error, respond_with
from adapters.slack.runtime import PLATFORM, SlackDeps, api_error, asker_id, guarded, log, org_choices, org_for, user_key
from adapters.web.runtime import run_io
from bot.errors import UserInputError

SHORTCUT_CALLBACK = "check_message"
ANSWER_VIEW_CALLBACK = "answer_view"
VIEW_KEYS = ("type", "title", "close", "submit", "blocks", "callback_id", "private_metadata")


def _ids(body: Mapping[str, Any]) -> tuple[str, str]:
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
    return str(team), str((body.get("user") or {}).get("id", ""))


def _action_value(body: Mapping[str, Any]) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value", ""))


class ModalProgress:
    """A modal opened at once with a progress line, then updated with the result (or with
    the failure, worded for the person)."""

    def __init__(self, client: AsyncWebClient, trigger_id: str) -> None:
        self.client = client
        self.trigger_id = trigger_id
        self.view_id = ""

    async def open(self, title: str, what: str, callback_id: str) -> None:
        resp = await self.client.views_open(trigger_id=self.trigger_id, view=loading_view(title, what, callback_id=callback_id))
        self.view_id = str((resp.get("view") or {}).get("id", ""))

    async def show(self, view: Block) -> None:
        await self.client.views_update(view_id=self.view_id, view=view)

    async def fail(self, title: str, message: str) -> bool:
        if not self.view_id:
            return False
        await self.show(modal(title, error_blocks(message), callback_id="policybot_error"))
        return True


def tell_from_home(client: AsyncWebClient, body: Mapping[str, Any], title: str) -> Callable[[str], Awaitable[None]]:
    """Where a Home tab click failed: a small modal (the click's trigger_id lives 3 seconds),
    else a direct message, so the person is never left with a button that did nothing."""

    async def tell(message: str) -> None:
        try:
            await client.views_open(trigger_id=body.get("trigger_id", ""), view=message_view(title, message, callback_id="policybot_error"))
        except SlackApiError:
            await post(client, str((body.get("user") or {}).get("id", "")), error_blocks(message), message)

    return tell


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def just_ack(ack: Any) -> None:
        await ack()

    # --- the answer's buttons ------------------------------------------------------------------

    async def share_answer(body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)
        answer_id = _action_value(body)
        channel = str((body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", ""))

        async def tell(message: str) -> None:
            await respond_error(respond, message)

        async def run() -> None:
            stored = await run_io(deps.state, deps.store.get_answer, answer_id)
            if stored is None:
                raise UserInputError("That answer is no longer stored, so I cannot share it. Ask again to get a fresh one.")
            rendered = work.render_stored(deps, stored.data, stored.question, stored.id, buttons=Buttons.PUBLIC, asked_by=user_id)
            try:
                # As the app, through the response_url: works even where the bot is no member.
                await respond_with(respond, rendered.blocks, rendered.text, response_type="in_channel", replace_original=False)
            except ResponseUrlError as exc:
                # The response_url lasts 30 minutes; after that, post as the bot.
                log.info("slack: share through response_url failed (%s); posting as the bot", exc)
                try:
                    await post(client, channel, rendered.blocks, rendered.text)
                except SlackApiError as api_exc:
                    if api_error(api_exc) in ("not_in_channel", "channel_not_found"):
                        raise UserInputError("I cannot post in this conversation. Invite me (/invite @policybot), or copy the answer’s link instead.") from None
                    raise
            try:
                await respond(delete_original=True)  # the private copy is redundant now
            except Exception as exc:  # noqa: BLE001 - cosmetic
                log.info("slack: could not remove the private copy after sharing: %s", exc)

        await guarded("sharing an answer", tell, run)

    async def record_feedback(body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)
        action = (body.get("actions") or [{}])[0]
        helpful = action.get("action_id") == FEEDBACK_YES
        answer_id = str(action.get("value", ""))
        container = body.get("container") or {}

        async def tell(message: str) -> None:
            if container.get("type") == "view":
                await client.views_update(view_id=body["view"]["id"], view=message_view("Policy answer", message, callback_id=ANSWER_VIEW_CALLBACK))
            else:
                await respond_error(respond, message)

        async def run() -> None:
            found = await run_io(deps.state, deps.store.save_feedback, answer_id, helpful, asker_id(team_id, user_id))
            if not found:
                raise UserInputError("That answer is no longer stored, so I could not record your feedback.")
            if container.get("type") == "view":
                view = body["view"]
                new_view = {k: view[k] for k in VIEW_KEYS if k in view}
                new_view["blocks"] = feedback_acknowledged(view.get("blocks") or [], helpful)
                await client.views_update(view_id=view["id"], hash=view.get("hash"), view=new_view)
            elif container.get("is_ephemeral"):
                # Ephemeral interactions carry no copy of the message: render it again.
                stored = await run_io(deps.state, deps.store.get_answer, answer_id)
                if stored is None:
                    raise UserInputError("That answer is no longer stored.")
                rendered = work.render_stored(deps, stored.data, stored.question, stored.id, buttons=Buttons.PRIVATE)
                await respond_with(respond, feedback_acknowledged(rendered.blocks, helpful), rendered.text, replace_original=True)
            elif str(container.get("channel_id", "")).startswith("D") and body.get("message"):
                # A direct message with the bot: only this person sees it, so update it in place.
                message = body["message"]
                await respond_with(respond, feedback_acknowledged(message.get("blocks") or [], helpful), message.get("text", ""), replace_original=True)
            else:
                # A message everyone sees: thank just this person (in the thread, if it is in one).
                thanks = "Thanks, you found this helpful." if helpful else "Thanks for telling us; HR reviews answers marked not helpful."
                thread = (body.get("message") or {}).get("thread_ts") or container.get("thread_ts")
                extra = {"thread_ts": thread} if thread else {}
                await respond_with(respond, [context(f"✅ {thanks}")], thanks, replace_original=False, **extra)

        await guarded("recording feedback", tell, run)

    # --- choosing the policy, from /policy org or the App Home ------------------------------------

    async def choose_org(body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)
        wanted = _action_value(body)
        from_home = (body.get("view") or {}).get("type") == "home"

        async def tell(message: str) -> None:
            if from_home:
                await tell_from_home(client, body, "Your policy")(message)
            else:
                await respond_error(respond, message)

        async def run() -> None:
            service = deps.service()
            state = await org_for(deps, team_id, user_id)
            if state.pinned:
                raise UserInputError("Your workspace follows one policy; your Slack admin sets it.")
            if wanted not in set(service.org_ids) | ({ALL_ORGS} if state.allow_all else set()):
                raise UserInputError(f"“{wanted}” is not one of the policies here.")
            await run_io(deps.state, deps.store.set_user_org, PLATFORM, user_key(team_id, user_id), wanted)
            if from_home:
                await publish_home(deps, client, team_id, user_id)
            else:
                state = await org_for(deps, team_id, user_id)
                blocks = org_blocks(org_choices(service), state.org, pinned=False, allow_all=state.allow_all)
                await respond_with(respond, blocks, "Your policy", replace_original=True)

        await guarded("choosing a policy", tell, run)

    # --- HR reminders -----------------------------------------------------------------------

    async def cancel_reminder(body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)

        async def tell(message: str) -> None:
            await respond_error(respond, message)

        async def run() -> None:
            if not deps.config.is_hr(team_id, user_id):
                raise UserInputError(HR_ONLY)
            outcome = await reminders.cancel(deps, client, _action_value(body), team_id)
            blocks = [section(outcome)] + await reminders.listing(deps, client, team_id)
            await respond_with(respond, blocks[:50], "Scheduled reminders", replace_original=True)

        await guarded("cancelling a reminder", tell, run)

    # --- App Home buttons ---------------------------------------------------------------------

    async def open_draft_form(body: dict[str, Any], client: AsyncWebClient) -> None:
        async def tell(message: str) -> None:
            await post(client, str((body.get("user") or {}).get("id", "")), error_blocks(message), message)

        await guarded("opening the draft form", tell, lambda: client.views_open(trigger_id=body["trigger_id"], view=draft_modal()))

    async def ask_example(body: dict[str, Any], client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)
        org, question = parse_example_value(_action_value(body))
        progress = ModalProgress(client, body["trigger_id"])

        async def tell(message: str) -> None:
            if not await progress.fail("Policy answer", message):
                await tell_from_home(client, body, "Policy answer")(message)

        async def run() -> None:
            await progress.open("Policy answer", "Looking that up…", ANSWER_VIEW_CALLBACK)
            rendered = await work.ask(
                deps, question, team_id, user_id, buttons=Buttons.PERMALINK | Buttons.FEEDBACK, limit=VIEW_MAX_BLOCKS, for_org=org
            )
            await progress.show(modal("Policy answer", rendered.blocks, callback_id=ANSWER_VIEW_CALLBACK))
            await publish_home(deps, client, team_id, user_id)  # the question joins "recent questions"

        await guarded("answering an example question", tell, run)

    # --- checking a message or a typed draft ---------------------------------------------------------

    async def check_shortcut(body: dict[str, Any], client: AsyncWebClient, respond: Any) -> None:
        team_id, user_id = _ids(body)
        message = body.get("message") or {}
        draft = plain_text(message.get("text") or "")
        progress = ModalProgress(client, body["trigger_id"])

        async def tell(text: str) -> None:
            if not await progress.fail("Policy check", text):
                await respond_error(respond, text)

        async def run() -> None:
            await progress.open("Policy check", "Checking the message against the policy…", CHECK_VIEW_CALLBACK)
            if not draft.strip():
                raise UserInputError("This message has no text to check (files and attachments are not checked).")
            await progress.show(await work.check_modal(deps, draft, team_id, user_id, official=False))

        await guarded("checking a message", tell, run)

    async def ack_draft_form(ack: Any, view: dict[str, Any]) -> None:
        values = (view.get("state") or {}).get("values") or {}
        draft = ((values.get(DRAFT_BLOCK) or {}).get(DRAFT_INPUT) or {}).get("value") or ""
        if not draft.strip():
            await ack(response_action="errors", errors={DRAFT_BLOCK: "Paste the text of the post you want to check."})
            return
        await ack(response_action="update", view=loading_view("Policy check", "Checking your draft against the policy…", callback_id=CHECK_VIEW_CALLBACK))

    async def check_draft_form(body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient) -> None:
        team_id, user_id = _ids(body)
        values = (view.get("state") or {}).get("values") or {}
        draft = ((values.get(DRAFT_BLOCK) or {}).get(DRAFT_INPUT) or {}).get("value") or ""
        selected = ((values.get(OFFICIAL_BLOCK) or {}).get(OFFICIAL_INPUT) or {}).get("selected_options") or []
        official = any(o.get("value") == "official" for o in selected)
        if not draft.strip():
            return  # the ack kept the form open with the error beside the field
        progress = ModalProgress(client, "")
        progress.view_id = str(view.get("id", ""))  # the submitted modal, now showing "Checking…"

        async def tell(message: str) -> None:
            await progress.fail("Policy check", message)

        async def run() -> None:
            await progress.show(await work.check_modal(deps, draft, team_id, user_id, official=official))

        await guarded("checking a draft from the form", tell, run)

    app.action(SHARE_ACTION)(ack=just_ack, lazy=[share_answer])
    app.action(FEEDBACK_YES)(ack=just_ack, lazy=[record_feedback])
    app.action(FEEDBACK_NO)(ack=just_ack, lazy=[record_feedback])
    app.action(re.compile(f"^{CHOOSE_ORG_ACTION}:"))(ack=just_ack, lazy=[choose_org])
    app.action(CANCEL_REMINDER_ACTION)(ack=just_ack, lazy=[cancel_reminder])
    app.action(HOME_CHECK_ACTION)(ack=just_ack, lazy=[open_draft_form])
    app.action(HOME_ASK_ACTION)(ack=just_ack, lazy=[ask_example])
    # Link buttons still send an action; acking it keeps Slack from showing a warning.
    app.action(PERMALINK_ACTION)(just_ack)
    app.action("open_orientation")(just_ack)
    app.shortcut(SHORTCUT_CALLBACK)(ack=just_ack, lazy=[check_shortcut])
    app.view(DRAFT_MODAL_CALLBACK)(ack=ack_draft_form, lazy=[check_draft_form])
