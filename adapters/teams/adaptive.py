"""Adaptive Card building blocks, and the limits Teams puts on a message.

Cards are plain dicts (the JSON Teams receives). Version 1.5 is the newest Teams renders on
desktop and mobile; every element used here exists in 1.5 and the tests validate each card
against the published 1.5 schema.

Text that is not ours (questions, drafts, clause quotes) goes into `RichTextBlock` text runs,
which Teams shows verbatim: a `TextBlock` would read "*" or "1." in a clause as Markdown.
"""

from __future__ import annotations

import json
from typing import Any, Literal, Mapping, Sequence

CARD_VERSION = "1.5"
SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"

# Teams refuses a message over about 28 KB (card, text and entities together). Keep room for
# what the Bot Connector adds around our activity (ids, from/recipient, conversation).
TEAMS_MESSAGE_LIMIT = 28 * 1024
MESSAGE_BUDGET = 24 * 1024

# How a card's buttons reach the bot: Teams handles `Action.Execute` (an invoke whose reply
# can replace the card); the Emulator's Web Chat only posts `Action.Submit` as a message.
Interaction = Literal["execute", "submit"]

Card = dict[str, Any]
Element = dict[str, Any]


def card(body: Sequence[Element], actions: Sequence[Element] = (), *, fallback_text: str = "") -> Card:
    out: Card = {"type": "AdaptiveCard", "$schema": SCHEMA_URL, "version": CARD_VERSION, "body": list(body)}
    if actions:
        out["actions"] = list(actions)
    if fallback_text:
        out["fallbackText"] = fallback_text
    return out


def text(value: str, **props: Any) -> Element:
    """Our own wording (Markdown allowed, so keep user text out of it)."""
    return {"type": "TextBlock", "text": value, "wrap": True, **props}


def heading(value: str, **props: Any) -> Element:
    return text(value, style="heading", weight="Bolder", size="Medium", **props)


def run(value: str, **props: Any) -> Element:
    return {"type": "TextRun", "text": value, **props}


def rich(*runs: Element | str, **props: Any) -> Element:
    """Verbatim text: a `RichTextBlock` of text runs (no Markdown)."""
    inlines = [run(r) if isinstance(r, str) else r for r in runs if (r if isinstance(r, str) else r.get("text"))]
    return {"type": "RichTextBlock", "inlines": inlines or [run(" ")], **props}


def container(items: Sequence[Element], **props: Any) -> Element:
    return {"type": "Container", "items": list(items), **props}


def open_url(title: str, url: str) -> Element:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def action_set(actions: Sequence[Element], **props: Any) -> Element:
    return {"type": "ActionSet", "actions": list(actions), **props}


def button(title: str, verb: str, data: Mapping[str, Any], interaction: Interaction, **props: Any) -> Element:
    """A button that comes back to the bot with `data` (and "verb"), as an invoke in Teams or
    as a message with a value in the Emulator. The bot handles both the same way."""
    payload = {"verb": verb, **data}
    if interaction == "execute":
        return {"type": "Action.Execute", "title": title, "verb": verb, "data": payload, **props}
    return {"type": "Action.Submit", "title": title, "data": payload, **props}


def ask_button(title: str, question: str, org: str | None, interaction: Interaction) -> Element:
    """A button that asks `question` as if typed. In Teams it is a messageBack, so the chat
    shows the question as the person's message; the Emulator posts the value."""
    data: dict[str, Any] = {"verb": "ask", "q": question}
    if org:
        data["org"] = org
    if interaction == "execute":
        data["msteams"] = {"type": "messageBack", "text": question, "displayText": question}
    return {"type": "Action.Submit", "title": title, "data": data}


def ask_links(questions: Sequence[str], org: str | None, interaction: Interaction) -> list[Element]:
    """Example questions, one per line, each tappable (a row of buttons would cut long
    questions off, and Teams folds extra buttons into a "..." menu)."""
    return [
        container([text(f"💬 {q}", color="Accent", spacing="None")], selectAction=ask_button(q, q, org, interaction), spacing="Small")
        for q in questions
    ]


def shorten(value: str, limit: int | None) -> str:
    """Cut at a word boundary with an ellipsis; None means no limit."""
    if limit is None or len(value) <= limit:
        return value
    cut = value[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def size_of(payload: Any) -> int:
    """Bytes on the wire, as Teams counts them (UTF-8 JSON)."""
    return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
