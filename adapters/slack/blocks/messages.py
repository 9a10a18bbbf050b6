"""Small messages and modals: help, the policy chooser, progress, errors, the draft form,
the HR reminder and the reminders list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from adapters.slack.blocks import (
    MESSAGE_MAX_BLOCKS,
    Block,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    fit,
    header,
    modal,
    plain,
    section,
)
from adapters.slack.mrkdwn import escape, link, one_line

CHOOSE_ORG_ACTION = "choose_org"
ALL_ORGS = "all"
CANCEL_REMINDER_ACTION = "cancel_reminder"
DRAFT_MODAL_CALLBACK = "check_draft_modal"
DRAFT_BLOCK, DRAFT_INPUT = "draft_block", "draft_input"
OFFICIAL_BLOCK, OFFICIAL_INPUT = "official_block", "official_input"
DRAFT_INPUT_LIMIT = 3000  # Slack's cap on a plain_text_input


@dataclass(frozen=True)
class OrgChoice:
    org_id: str
    name: str  # "City of Saint John COM-001 Social Media Policy"


def help_blocks(command: str = "/policy", *, is_hr: bool = False) -> list[Block]:
    c = escape(command)
    lines = [
        f"*Ask a question*: `{c} can I use the City logo on my Instagram?` (only you see the answer; “Share in channel” posts it)",
        f"*Check a draft post*: `{c} check <your draft>` (add `--official` for an official City account)",
        f"*Choose your policy*: `{c} org` shows the choices, `{c} org saint-john` picks one",
        "*In a channel*: mention me with your question; I answer in the thread, and follow-ups in the thread keep the context",
        "*In a direct message*: ask anything, start with “check” to check a draft, or share a .txt or .md file",
        "*On any message*: ⋯ More actions › “Check against policy”",
        "*New here?* Open my Home tab for the rules every employee should know",
    ]
    if is_hr:
        lines.append(
            f"*HR reminders*: `{c} remind #channel tomorrow 9:00 <question or answer link>` "
            f"(when: now, in 2 hours, tomorrow 9:00, monday 14:30, 2025-07-01 09:00); `{c} reminders` lists and cancels them"
        )
    return [
        section("I answer questions about the social-media policy from the policy itself, quoting the clauses I rely on."),
        section("\n".join(f"• {ln}" for ln in lines)),
    ]


def org_blocks(choices: Sequence[OrgChoice], current: str | None, *, pinned: bool, allow_all: bool) -> list[Block]:
    """Which policy answers this person, with buttons to change it."""
    names = {c.org_id: c.name for c in choices}
    now = f"*{escape(names.get(current, current))}*" if current else "*every policy* (answers are grouped per policy)"
    if pinned:
        return [section(f"Your workspace follows {now}. Your Slack admin sets this; ask them if it is wrong.")]
    # action_ids must differ within a block: one per choice, all handled by the same listener.
    buttons = [
        button(one_line(c.name, 75), f"{CHOOSE_ORG_ACTION}:{c.org_id}", value=c.org_id, style="primary" if c.org_id == current else None)
        for c in choices
    ]
    if allow_all:
        buttons.append(button("Every policy", f"{CHOOSE_ORG_ACTION}:{ALL_ORGS}", value=ALL_ORGS, style="primary" if current is None else None))
    return [section(f"I answer you from {now}. Choose the policy that applies to you:"), actions(*buttons, block_id="org_choice")]


def progress_text(what: str) -> str:
    return f"⏳ {escape(what)}"


def error_blocks(message: str) -> list[Block]:
    return [section(f"⚠️ {escape(one_line(message, 2800))}")]


def loading_view(title: str, what: str, *, callback_id: str) -> Block:
    return modal(title, [section(f"⏳ {escape(what)}")], callback_id=callback_id)


def message_view(title: str, text: str, *, callback_id: str) -> Block:
    return modal(title, [section(escape(one_line(text, 2900)))], callback_id=callback_id)


def draft_modal(*, initial: str = "", official: bool = False, error: str = "") -> Block:
    """The "check a draft" form opened from the App Home."""
    draft_input: Block = {
        "type": "plain_text_input",
        "action_id": DRAFT_INPUT,
        "multiline": True,
        "max_length": DRAFT_INPUT_LIMIT,
        "placeholder": plain("Paste the post you are about to publish"),
    }
    if initial:
        draft_input["initial_value"] = initial[:DRAFT_INPUT_LIMIT]
    option = {"text": plain("This is for an official City account"), "value": "official"}
    official_input: Block = {"type": "checkboxes", "action_id": OFFICIAL_INPUT, "options": [option]}
    if official:
        official_input["initial_options"] = [option]
    blocks: list[Block] = [
        section("I check the draft against your social-media policy and point at anything that breaks it, with the clause."),
        {"type": "input", "block_id": DRAFT_BLOCK, "label": plain("Your draft"), "element": draft_input},
        {"type": "input", "block_id": OFFICIAL_BLOCK, "label": plain("Account"), "element": official_input, "optional": True},
        context(f"Up to {DRAFT_INPUT_LIMIT:,} characters here; for a longer post, send it to me as a .txt file in a direct message. The draft itself is not stored."),
    ]
    return modal("Check a draft", blocks, callback_id=DRAFT_MODAL_CALLBACK, submit="Check")


# --- HR reminders -------------------------------------------------------------------------------


def slack_date(when: dt.datetime, fallback_fmt: str = "%Y-%m-%d %H:%M UTC") -> str:
    """A time each reader sees in their own time zone (Slack's date formatting)."""
    ts = int(when.timestamp())
    fallback = when.astimezone(dt.timezone.utc).strftime(fallback_fmt)
    return f"<!date^{ts}^{{date_short_pretty}} at {{time}}|{fallback}>"


def reminder_header_blocks(question: str) -> list[Block]:
    return [
        header("📣 A reminder about the social-media policy"),
        section(f"*Q: {escape(one_line(question, 500))}*"),
    ]


@dataclass(frozen=True)
class ReminderLine:
    id: str
    channel_id: str
    channel_name: str
    send_at: dt.datetime
    question: str
    permalink: str


def reminders_blocks(items: Sequence[ReminderLine]) -> list[Block]:
    if not items:
        return [section("No reminders are scheduled. Schedule one with `/policy remind #channel tomorrow 9:00 <question or answer link>`.")]
    blocks: list[Block] = [section(f"*Scheduled reminders ({len(items)})*")]
    for r in items:
        where = f"<#{r.channel_id}>" if r.channel_id.startswith(("C", "G")) else escape(r.channel_name or r.channel_id)
        about = link(r.permalink, one_line(r.question, 200)) if r.permalink else escape(one_line(r.question, 200))
        cancel = button(
            "Cancel",
            CANCEL_REMINDER_ACTION,
            value=r.id,
            style="danger",
            confirm=confirm_dialog("Cancel this reminder?", f"It will not be posted in {where}.", "Cancel it"),
        )
        blocks.append(section(f"{where} · {slack_date(r.send_at)}\n{about}", accessory=cancel, block_id=f"reminder_{r.id}"))
    more = [context("More reminders are scheduled than fit here; cancel some to see the rest.")]
    return fit(blocks, MESSAGE_MAX_BLOCKS, more=more)


def welcome_blocks(home_link: str, command: str = "/policy") -> list[Block]:
    home = link(home_link, "my Home tab") if home_link else "my Home tab"
    return [
        section("👋 Welcome to the team! I answer questions about the City’s social-media policy, quoting the policy itself."),
        section(
            f"• Start with {home}: the rules every employee should know, quoted and linked\n"
            f"• Ask me anything here, or type `{escape(command)} <question>` anywhere\n"
            "• Before posting about work, send me “check <your draft>” and I will point at anything that breaks the policy"
        ),
        divider(),
        context("Only you can see this conversation with me."),
    ]
