"""The App Home tab: orientation for new hires and the person's recent questions.

The rules are the tour's clauses (`bot.orientation`) quoted from the catalog by the caller,
so the tab never drifts from the policy text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from adapters.slack.blocks import (
    VIEW_MAX_BLOCKS,
    Block,
    actions,
    button,
    context,
    divider,
    fit,
    header,
    section,
)
from adapters.slack.blocks.messages import OrgChoice, org_blocks
from adapters.slack.mrkdwn import escape, link, one_line, quote_block, split_raw

HOME_CHECK_ACTION = "home_check_draft"
HOME_ASK_ACTION = "home_ask_example"
EXAMPLE_SEPARATOR = "|"  # between org id (never holds "|") and question in a button value


@dataclass(frozen=True)
class HomeRule:
    topic: str
    lead_in: str
    text: str
    label: str
    url: str


@dataclass(frozen=True)
class HomeTour:
    org_id: str
    title: str  # "City of Saint John COM-001 Social Media Policy"
    rules: tuple[HomeRule, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class RecentQuestion:
    question: str
    permalink: str
    asked_at: dt.datetime


def _rule_block(rule: HomeRule) -> Block:
    lead = f">_{escape(one_line(rule.lead_in, 400))}_\n" if rule.lead_in else ""
    head = f"*{escape(rule.topic)}*\n"
    tail = f"\n— {link(rule.url, rule.label)}"
    budget = 3000 - len(head) - len(lead) - len(tail) - 1
    pieces = split_raw(rule.text, quote_block, budget)
    # A rule too long for the tab is cut at a sentence, marked, and its label links to the rest.
    quoted = quote_block(pieces[0]) + ("…" if len(pieces) > 1 else "")
    return section(head + lead + quoted + tail)


def example_value(org_id: str, question: str) -> str:
    return f"{org_id}{EXAMPLE_SEPARATOR}{question}"[:2000]


def parse_example_value(value: str) -> tuple[str | None, str]:
    org, sep, question = value.partition(EXAMPLE_SEPARATOR)
    return (org or None, question) if sep else (None, value)


def home_view(
    *,
    tours: Sequence[HomeTour],
    recent: Sequence[RecentQuestion],
    choices: Sequence[OrgChoice],
    current_org: str | None,
    org_pinned: bool,
    allow_all: bool,
    orientation_url: str,
) -> Block:
    blocks: list[Block] = [
        header("Social-media policy helper"),
        section(
            "Ask me what the City’s social-media policy allows: every answer quotes the clauses it relies on, "
            "with a link to read them in context. I can also check a draft post before it goes out."
        ),
        actions(
            button("Check a draft", HOME_CHECK_ACTION, value="check", style="primary"),
            *([button("Full new-hire tour and quiz", "open_orientation", url=orientation_url)] if orientation_url else []),
            block_id="home_actions",
        ),
        *org_blocks(choices, current_org, pinned=org_pinned, allow_all=allow_all),
        divider(),
    ]
    tail: list[Block] = [divider(), header("Your recent questions")]
    if recent:
        lines = [
            f"• {link(r.permalink, one_line(r.question, 150))}  _({r.asked_at.astimezone(dt.timezone.utc):%b %d})_" for r in recent
        ]
        tail.append(section("\n".join(lines)))
    else:
        tail.append(section("You have not asked anything yet. Try one of the questions above, or type `/policy` and your question."))
    tail.append(context("Ask with `/policy <question>` anywhere, mention me in a channel, or send me a direct message."))

    body: list[Block] = []
    for tour in tours:
        body.append(header(f"New here? The rules to know: {tour.title}"))
        body.extend(_rule_block(rule) for rule in tour.rules)
        if tour.examples:
            body.append(section("*Questions to try* (the answer opens here)"))
            for q in tour.examples:
                body.append(
                    section(f"“{escape(one_line(q, 300))}”", accessory=button("Ask", HOME_ASK_ACTION, value=example_value(tour.org_id, q)))
                )
    if not tours:
        body.append(section("There is no new-hire tour for this policy yet. Ask me anything about it."))
    more = [context(f"More in the {link(orientation_url, 'full tour')}.")] if orientation_url else []
    view_blocks = blocks + fit(body, VIEW_MAX_BLOCKS - len(blocks) - len(tail), more=more) + tail
    return {"type": "home", "blocks": view_blocks}
