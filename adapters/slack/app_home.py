"""Publishing the App Home tab (views.publish): the new-hire tour for the person's policy
(every policy when none is known), example questions, and their recent questions."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks.home import HomeRule, HomeTour, RecentQuestion, home_view
from adapters.slack.runtime import SlackDeps, asker_id, org_choices, org_for
from adapters.web import actions
from adapters.web.runtime import run_io
from bot.orientation import key_rules, tour_for

RECENT_LIMIT = 5


def tours(deps: SlackDeps, org: str | None) -> list[HomeTour]:
    service = deps.service()
    out = []
    for info in service.policies():
        if org and info.org_id != org:
            continue
        tour = tour_for(info.org_id)
        if tour is None:
            continue
        rules = [
            HomeRule(rule.topic, clause.lead_in, clause.text, clause.label, service.clause_url(clause))
            for rule, clause in key_rules(tour, service.catalog)
        ]
        out.append(HomeTour(info.org_id, info.display_name, tuple(rules), tuple(e.question for e in tour.examples)))
    return out


async def publish_home(deps: SlackDeps, client: AsyncWebClient, team_id: str, user_id: str) -> None:
    org = await org_for(deps, team_id, user_id)
    rows = await run_io(deps.state, deps.store.recent_questions, asker_id(team_id, user_id), channel="slack", limit=RECENT_LIMIT)
    recent = [RecentQuestion(r.question, actions.permalink(deps.state, r.answer_id), r.created_at) for r in rows]
    view = home_view(
        tours=tours(deps, org.org),
        recent=recent,
        choices=org_choices(deps.service()),
        current_org=org.org,
        org_pinned=org.pinned,
        allow_all=org.allow_all,
        orientation_url=f"{deps.config.base_url}/orientation" + (f"?org={org.org}" if org.org else ""),
    )
    await client.views_publish(user_id=user_id, view=view)
