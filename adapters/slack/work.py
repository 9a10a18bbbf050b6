"""The two things a person does, as every Slack surface needs them: ask (answer, store,
render) and check a draft (check, store, render). They call the web adapter's `actions`,
which run the core off the event loop and store the result durably before an id or a
permalink is handed out, exactly as for the web page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from adapters.slack.blocks import MESSAGE_MAX_BLOCKS, Block
from adapters.slack.blocks.answer import Buttons, answer_blocks, answer_fallback
from adapters.slack.blocks.check import check_blocks, check_fallback, check_view
from adapters.slack.runtime import SlackDeps, answer_context, asker_id, org_for, policy_name_for_org
from adapters.web import actions


@dataclass(frozen=True)
class Rendered:
    blocks: list[Block]
    text: str  # the notification text
    answer_id: str = ""


async def ask(
    deps: SlackDeps,
    question: str,
    team_id: str,
    user_id: str,
    *,
    buttons: Buttons,
    asked_by: str = "",
    follow_up_on: str = "",
    limit: int = MESSAGE_MAX_BLOCKS,
    for_org: str | None = None,
) -> Rendered:
    """Answer `question` for the person's policy (or `for_org`: an example from one policy's
    tour); with `follow_up_on`, the thread's earlier question is asked together with it
    (the core answers the two as one question)."""
    org = for_org or (await org_for(deps, team_id, user_id)).org
    service = deps.service()
    asked = question
    if follow_up_on:
        room = service.settings.max_question_chars - len(question) - 1
        earlier = follow_up_on if len(follow_up_on) <= room else follow_up_on[: max(0, room - 1)].rstrip() + "…"
        asked = f"{earlier} {question}" if room > 20 else question
    answer, stored = await actions.ask(deps.state, asked, org, asker=asker_id(team_id, user_id), channel="slack")
    data = answer.to_dict()
    permalink = actions.permalink(deps.state, stored.id)
    ctx = answer_context(service, data, question=question, permalink=permalink, asked_by=asked_by, follow_up_on=follow_up_on)
    return Rendered(answer_blocks(data, ctx, buttons, limit=limit), answer_fallback(data, question), stored.id)


def render_stored(
    deps: SlackDeps,
    data: Mapping[str, Any],
    question: str,
    answer_id: str,
    *,
    buttons: Buttons,
    asked_by: str = "",
    show_question: bool = True,
    limit: int = MESSAGE_MAX_BLOCKS,
) -> Rendered:
    """An answer read back from the store (shared, re-rendered, quoted in a reminder)."""
    service = deps.service()
    permalink = actions.permalink(deps.state, answer_id)
    ctx = answer_context(service, data, question=question, permalink=permalink, asked_by=asked_by, show_question=show_question)
    return Rendered(answer_blocks(data, ctx, buttons, limit=limit), answer_fallback(data, question), answer_id)


async def check(deps: SlackDeps, draft: str, team_id: str, user_id: str, *, official: bool) -> tuple[str, dict[str, Any]]:
    """(the policy name checked against, the stored check result)."""
    org = (await org_for(deps, team_id, user_id)).org
    result = await actions.check(deps.state, draft, org, official, asker=asker_id(team_id, user_id), channel="slack", with_notices=True)
    return policy_name_for_org(deps.service(), result.get("org")), result


async def check_message(deps: SlackDeps, draft: str, team_id: str, user_id: str, *, official: bool) -> Rendered:
    name, result = await check(deps, draft, team_id, user_id, official=official)
    return Rendered(check_blocks(draft, result, policy_name=name, official=official), check_fallback(result))


async def check_modal(deps: SlackDeps, draft: str, team_id: str, user_id: str, *, official: bool) -> Block:
    name, result = await check(deps, draft, team_id, user_id, official=official)
    return check_view(draft, result, policy_name=name, official=official)
