"""An answer as Block Kit, from its stored JSON (the DESIGN.md contract).

The same dict renders the ephemeral answer, the shared copy, the thread reply and an HR
reminder, whether it was just computed or read back from the database, so what is shared
is exactly what the asker saw.

    [context]  You asked: “…”                     (or “<@U1> asked: …”, or the follow-up)
    [header]   City of Saint John COM-001 …       (one per policy when no org is known)
    [section]  *No. See COM-001 (b)(iv).*
    [section]  >_lead-in_ >quoted clause … — <url|COM-001 › … › (b)(iv)>   (one per citation)
    [actions]  Share in channel · Open the answer · Helpful · Not helpful
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Flag, auto
from typing import Any, Mapping, Sequence

from adapters.slack.blocks import (
    MESSAGE_MAX_BLOCKS,
    Block,
    actions,
    button,
    context,
    fallback_text,
    fit_groups,
    header,
    section,
    sections,
)
from adapters.slack.mrkdwn import SECTION_LIMIT, escape, link, markdown_to_mrkdwn, one_line, quote_block, split_raw

ACTIONS_BLOCK_ID = "answer_actions"
SHARE_ACTION = "share_answer"
PERMALINK_ACTION = "open_permalink"
FEEDBACK_YES = "feedback_helpful"
FEEDBACK_NO = "feedback_not_helpful"
QUESTION_ECHO_LIMIT = 300


class Buttons(Flag):
    NONE = 0
    SHARE = auto()
    PERMALINK = auto()
    FEEDBACK = auto()
    PRIVATE = SHARE | PERMALINK | FEEDBACK  # the asker's own copy
    PUBLIC = PERMALINK | FEEDBACK  # a copy others see


@dataclass(frozen=True)
class AnswerContext:
    """What an answer is shown with, beside its JSON."""

    question: str
    permalink: str
    policy_names: Mapping[str, str] = field(default_factory=dict)  # doc_id -> "City of Saint John COM-001 Social Media Policy"
    lead_ins: Mapping[str, str] = field(default_factory=dict)  # clause_id -> the list's lead-in, shown in italics
    asked_by: str = ""  # a Slack user id to credit ("<@U1> asked")
    follow_up_on: str = ""  # the thread's earlier question this one builds on
    show_question: bool = True  # False where the question is shown otherwise (HR reminders)


def _citation_blocks(citation: Mapping[str, Any], lead_ins: Mapping[str, str]) -> list[Block]:
    """The clause quoted in full (split across sections if it must be): its lead-in in
    italics before the first piece, its label linking to the policy after the last."""
    text = str(citation.get("text", ""))
    label = link(str(citation.get("url", "")), one_line(citation.get("label", "") or citation.get("clause_id", ""), 300))
    lead = lead_ins.get(str(citation.get("clause_id", "")), "")
    lead_line = f">_{escape(one_line(lead, 500))}_\n" if lead else ""
    credit = f"\n— {label}"
    budget = max(500, SECTION_LIMIT - len(lead_line) - len(credit))
    pieces = [quote_block(p) for p in split_raw(text, quote_block, budget)]
    pieces[0] = lead_line + pieces[0]
    pieces[-1] += credit
    return [section(p) for p in pieces]


def _part_groups(part: Mapping[str, Any], lead_ins: Mapping[str, str]) -> list[list[Block]]:
    if part.get("status") == "not_covered" or not part.get("citations"):
        text = str(part.get("text", "")) or "The policy does not address this question."
        # The core's own wording (it names whom to ask); markdown to mrkdwn, split cleanly.
        return [sections(text, markdown_to_mrkdwn)]
    out: list[list[Block]] = []
    if part.get("short_answer"):
        out.append(sections(str(part["short_answer"]), lambda t: f"*{escape(t)}*"))
    for citation in part.get("citations") or []:
        out.append(_citation_blocks(citation, lead_ins))
    return out


def _asked_line(ctx: AnswerContext) -> str:
    q = escape(one_line(ctx.question, QUESTION_ECHO_LIMIT))
    who = f"<@{ctx.asked_by}> asked" if ctx.asked_by else "You asked"
    line = f"{who}: “{q}”"
    if ctx.follow_up_on:
        line += f"  ·  following up on “{escape(one_line(ctx.follow_up_on, 150))}”"
    return line


def answer_groups(data: Mapping[str, Any], ctx: AnswerContext) -> list[list[Block]]:
    """The answer without buttons, as groups that must stay whole (one per quoted clause);
    per policy when it covers several."""
    parts: Sequence[Mapping[str, Any]] = data.get("parts") or []
    groups: list[list[Block]] = [[context(_asked_line(ctx))]] if ctx.show_question else []
    if data.get("org") is None and len(parts) > 1:
        for part in parts:
            doc_id = str(part.get("doc_id", ""))
            part_groups = _part_groups(part, ctx.lead_ins)
            # The policy's header travels with its first group, never alone at the end.
            groups.append([header(ctx.policy_names.get(doc_id, doc_id)), *part_groups[0]])
            groups.extend(part_groups[1:])
    else:
        groups.extend(_part_groups(data, ctx.lead_ins))
        doc_ids = {str(c.get("doc_id", "")) for c in data.get("citations") or []}
        source = next((ctx.policy_names[d] for d in sorted(doc_ids) if d in ctx.policy_names), "")
        if not source and len(parts) == 1:
            source = ctx.policy_names.get(str(parts[0].get("doc_id", "")), "")
        if source:
            groups.append([context(f"Quoted from {escape(source)}. Follow a label to read the clause in context.")])
    return groups


def answer_body(data: Mapping[str, Any], ctx: AnswerContext) -> list[Block]:
    return [b for g in answer_groups(data, ctx) for b in g]


def answer_buttons(answer_id: str, permalink: str, which: Buttons) -> list[Block]:
    elements: list[Block] = []
    if Buttons.SHARE in which:
        elements.append(button("Share in channel", SHARE_ACTION, value=answer_id, style="primary"))
    if Buttons.PERMALINK in which and permalink:
        elements.append(button("Open the answer", PERMALINK_ACTION, value=answer_id, url=permalink))
    if Buttons.FEEDBACK in which:
        elements.append(button("👍 Helpful", FEEDBACK_YES, value=answer_id))
        elements.append(button("👎 Not helpful", FEEDBACK_NO, value=answer_id))
    return [actions(*elements, block_id=ACTIONS_BLOCK_ID)] if elements else []


def answer_blocks(data: Mapping[str, Any], ctx: AnswerContext, which: Buttons = Buttons.PRIVATE, *, limit: int = MESSAGE_MAX_BLOCKS) -> list[Block]:
    """The whole message: body, then buttons; within `limit` blocks (a pointer to the
    permalink replaces what does not fit)."""
    more = [section(f"This answer is longer than one Slack message allows. {link(ctx.permalink, 'Read it in full')}.")] if ctx.permalink else []
    footer = answer_buttons(str(data.get("id", "")), ctx.permalink, which)
    return fit_groups(answer_groups(data, ctx), limit, footer=footer, more=more)


def answer_fallback(data: Mapping[str, Any], question: str) -> str:
    """The notification text: the short answer, or that the policy does not cover it."""
    if data.get("status") == "not_covered":
        return fallback_text(f"The policy does not cover: {question}")
    return fallback_text(str(data.get("short_answer") or f"Answer to: {question}"))


def feedback_acknowledged(blocks: Sequence[Block], helpful: bool) -> list[Block]:
    """`blocks` with the feedback buttons swapped for a thank-you (other buttons stay)."""
    thanks = "Thanks, you found this helpful." if helpful else "Thanks for telling us. HR reviews answers marked not helpful."
    out: list[Block] = []
    for b in blocks:
        if b.get("block_id") == ACTIONS_BLOCK_ID:
            kept = [e for e in b.get("elements", []) if e.get("action_id") not in (FEEDBACK_YES, FEEDBACK_NO)]
            if kept:
                out.append({**b, "elements": kept})
            out.append(context(f"✅ {thanks}", block_id="feedback_thanks"))
        elif b.get("block_id") != "feedback_thanks":
            out.append(b)
    return out
