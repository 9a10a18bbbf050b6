"""`/policy`: the ack says at once what is happening ("Looking that up…"); the answer
follows through the command's response_url, visible only to the person who asked."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import reminders, work
from adapters.slack.blocks.answer import Buttons
from adapters.slack.blocks.messages import ALL_ORGS, error_blocks, help_blocks, org_blocks, progress_text
from adapters.slack.commands import Ask, Check, ChooseOrg, Help, ListReminders, Remind, parse_command
from adapters.slack.mrkdwn import one_line
from adapters.slack.replies import respond_error, respond_with
from adapters.slack.runtime import COMMAND, PLATFORM, SlackDeps, guarded, org_choices, org_for, user_key
from adapters.web.runtime import run_io

HR_ONLY = "Only HR can schedule policy reminders. If you think you should be able to, ask HR to add you."


async def _choose_org(deps: SlackDeps, respond: Any, team_id: str, user_id: str, wanted: str) -> None:
    service = deps.service()
    state = await org_for(deps, team_id, user_id)
    choices = org_choices(service)
    if wanted and not state.pinned:
        valid = {c.org_id for c in choices} | ({ALL_ORGS} if state.allow_all else set())
        if wanted not in valid:
            names = ", ".join(f"`{c.org_id}`" for c in choices) + (f" or `{ALL_ORGS}`" if state.allow_all else "")
            await respond_with(respond, error_blocks(f"“{wanted}” is not one of the policies here."), "Unknown policy")
            await respond_with(respond, org_blocks(choices, state.org, pinned=False, allow_all=state.allow_all), f"Choose {names}")
            return
        await run_io(deps.state, deps.store.set_user_org, PLATFORM, user_key(team_id, user_id), wanted)
        state = await org_for(deps, team_id, user_id)
    blocks = org_blocks(choices, state.org, pinned=state.pinned, allow_all=state.allow_all)
    await respond_with(respond, blocks, "Your policy")


def register(app: AsyncApp, deps: SlackDeps) -> None:
    async def ack_policy(ack: Any, body: dict[str, Any]) -> None:
        """Within Slack's 3 seconds, and pure: parse, and say what is about to happen."""
        cmd = parse_command(body.get("text", ""))
        is_hr = deps.config.is_hr(body.get("team_id", ""), body.get("user_id", ""))
        if isinstance(cmd, Help):
            await ack(blocks=help_blocks(COMMAND, is_hr=is_hr), text="How to use /policy", response_type="ephemeral")
        elif isinstance(cmd, (Remind, ListReminders)) and not is_hr:
            await ack(blocks=error_blocks(HR_ONLY), text=HR_ONLY, response_type="ephemeral")
        elif isinstance(cmd, Ask):
            await ack(text=progress_text(f"Looking that up: “{one_line(cmd.question, 200)}”…"), response_type="ephemeral")
        elif isinstance(cmd, Check):
            await ack(text=progress_text("Checking your draft against the policy…"), response_type="ephemeral")
        elif isinstance(cmd, Remind):
            await ack(text=progress_text("Setting up the reminder…"), response_type="ephemeral")
        else:
            await ack()

    async def run_policy(body: dict[str, Any], respond: Any, client: AsyncWebClient) -> None:
        team_id, user_id = body.get("team_id", ""), body.get("user_id", "")
        cmd = parse_command(body.get("text", ""))
        is_hr = deps.config.is_hr(team_id, user_id)

        async def tell(message: str) -> None:
            await respond_error(respond, message)

        async def run() -> None:
            if isinstance(cmd, Ask):
                rendered = await work.ask(deps, cmd.question, team_id, user_id, buttons=Buttons.PRIVATE)
                await respond_with(respond, rendered.blocks, rendered.text)
            elif isinstance(cmd, Check):
                rendered = await work.check_message(deps, cmd.draft, team_id, user_id, official=cmd.official)
                await respond_with(respond, rendered.blocks, rendered.text)
            elif isinstance(cmd, ChooseOrg):
                await _choose_org(deps, respond, team_id, user_id, cmd.org)
            elif isinstance(cmd, Remind) and is_hr:
                blocks = await reminders.schedule(deps, client, cmd.text, team_id, user_id)
                await respond_with(respond, blocks, "Reminder set")
            elif isinstance(cmd, ListReminders) and is_hr:
                blocks = await reminders.listing(deps, client, team_id)
                await respond_with(respond, blocks, "Scheduled reminders")

        await guarded(f"/policy ({type(cmd).__name__})", tell, run)

    app.command(COMMAND)(ack=ack_policy, lazy=[run_policy])
