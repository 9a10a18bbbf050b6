"""The cards around the answers: welcome (the new-hire tour), help, choosing the
organization, the draft box for the message extension, and HR reminders.

Each takes plain views built by the bot from `bot.orientation` and the catalog, so the tour's
rules are always quoted from the policy itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from adapters.teams import adaptive as ac
from adapters.teams.adaptive import Card, Element, Interaction

DRAFT_INPUT_ID = "draft"


@dataclass(frozen=True)
class RuleView:
    topic: str
    label: str
    text: str
    url: str


@dataclass(frozen=True)
class TourView:
    org_id: str
    org_name: str
    doc_id: str
    title: str
    rules: tuple[RuleView, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class OrgChoice:
    org_id: str
    name: str  # "City of Mission (HUM.11(A) Use of Social Media)"


@dataclass(frozen=True)
class ReminderView:
    id: str
    when: str  # already in the reader's time zone
    text: str
    permalink: str


def _org_buttons(choices: Sequence[OrgChoice], interaction: Interaction) -> Element:
    return ac.action_set([ac.button(c.name, "org", {"org": c.org_id}, interaction) for c in choices])


def welcome_card(
    tours: Sequence[TourView],
    *,
    orientation_url: str,
    choices: Sequence[OrgChoice],
    interaction: Interaction,
    name: str = "",
) -> Card:
    """The new-hire tour: key rules quoted and cited, example questions as buttons. With no
    organization known, the person picks theirs first (the tour follows)."""
    hello = f"Welcome, {name}!" if name else "Welcome!"
    body: list[Element] = [
        ac.heading(hello),
        ac.text("I answer questions about the City's social media policy, quoting the policy word for word, "
                "and I can check a draft post before it goes out."),
    ]
    if not tours:
        body.append(ac.text("Which organization do you work for? I'll show you the rules that matter most.", weight="Bolder"))
        body.append(_org_buttons(choices, interaction))
    for tour in tours:
        body.append(ac.text(f"The rules to know: {tour.org_name} {tour.doc_id} {tour.title}", weight="Bolder", spacing="Large", separator=True))
        for rule in tour.rules:
            label = ac.run(rule.label, color="Accent", size="Small")
            if rule.url:
                label["selectAction"] = ac.open_url(f"Open {rule.label}", rule.url)
            body.append(ac.container(
                [ac.text(rule.topic, weight="Bolder"), ac.rich(ac.run(rule.text, italic=True), spacing="Small"), ac.rich(label, spacing="None")],
                style="emphasis", spacing="Small",
            ))
        if tour.examples:
            body.append(ac.text("Try asking:", weight="Bolder", spacing="Medium"))
            body.extend(ac.ask_links(tour.examples, tour.org_id, interaction))
    body.append(ac.text("Say **help** for everything I can do. To check a draft, send **check** followed by the text, "
                        "or use **Check against policy** from a message's ••• menu.", isSubtle=True, spacing="Medium"))
    actions = [ac.open_url("Take the full tour and quiz", orientation_url)] if orientation_url else []
    return ac.card(body, actions, fallback_text=f"{hello} Ask me about the social media policy, or say help.")


def help_card(*, org_line: str, is_hr: bool, in_channel: bool, examples: Sequence[str], org: str | None, interaction: Interaction) -> Card:
    prefix = "@Policy Bot " if in_channel else ""
    rows = [
        (f"{prefix}<your question>", "An answer quoted from the policy, with links to each clause."),
        (f"{prefix}check <draft post>", "Checks a draft against the policy and highlights what to change."),
        (f"{prefix}org", "Shows or changes which organization's policy I answer from."),
        (f"{prefix}help", "This list."),
    ]
    if is_hr:
        rows += [
            (f"{prefix}remind <when> <question or answer link>", "HR: posts a reminder quoting the answer in this conversation (e.g. remind friday 9am Can I post about the flood?)."),
            (f"{prefix}reminders", "HR: the reminders scheduled for this conversation, with a button to cancel each."),
        ]
    body: list[Element] = [ac.heading("What I can do"), ac.text(org_line, isSubtle=True, spacing="None")]
    body.append({"type": "FactSet", "facts": [{"title": cmd, "value": what} for cmd, what in rows]})
    body.append(ac.text("From any message's ••• menu, **Check against policy** checks that message; in the compose box it checks what you are about to post.", isSubtle=True))
    if examples:
        body.append(ac.text("Try:", weight="Bolder"))
        body.extend(ac.ask_links(examples[:3], org, interaction))
    return ac.card(body, fallback_text="Ask a question about the social media policy, or: check <draft>, org, help.")


def org_card(*, current: str, fixed: bool, choices: Sequence[OrgChoice], interaction: Interaction) -> Card:
    body: list[Element] = [ac.heading("Your organization"), ac.text(current)]
    if not fixed:
        body.append(ac.text("Choose the policy that applies to you:", weight="Bolder"))
        body.append(_org_buttons(choices, interaction))
        body.append(ac.text("Or type **org** followed by its name, e.g. **org mission**.", isSubtle=True))
    return ac.card(body, fallback_text=current)


def draft_card(draft: str = "", error: str = "") -> Card:
    """The message extension's box for a draft typed in the compose area."""
    body: list[Element] = [
        ac.text("Paste or type the post you want to check. Nothing is posted; only you see the result.", wrap=True),
        {"type": "Input.Text", "id": DRAFT_INPUT_ID, "isMultiline": True, "label": "Draft post", "value": draft,
         "placeholder": "e.g. Proud to work for the City! Come to our open house on Saturday.", "isRequired": True,
         "errorMessage": "Paste the text of the post to check."},
    ]
    if error:
        body.insert(0, ac.text(error, color="Attention", weight="Bolder"))
    return ac.card(body, [{"type": "Action.Submit", "title": "Check against policy", "data": {"verb": "checkDraft"}}])


def reminder_scheduled_card(view: ReminderView, *, where: str, question: str, interaction: Interaction) -> Card:
    body: list[Element] = [
        ac.heading("Reminder scheduled"),
        {"type": "FactSet", "facts": [{"title": "When", "value": view.when}, {"title": "Where", "value": where}]},
        ac.rich(ac.run("It will quote the answer to: ", weight="Bolder"), question),
    ]
    actions = [ac.open_url("Preview the answer", view.permalink)] if view.permalink else []
    actions.append(ac.button("Cancel this reminder", "cancelReminder", {"reminderId": view.id}, interaction))
    return ac.card(body, actions, fallback_text=f"Reminder scheduled for {view.when}.")


def reminders_card(views: Sequence[ReminderView], *, where: str, interaction: Interaction) -> Card:
    body: list[Element] = [ac.heading(f"Reminders for {where}")]
    if not views:
        body.append(ac.text("None scheduled. Schedule one with **remind <when> <question or answer link>**."))
    for v in views:
        body.append(ac.container([
            ac.text(v.when, weight="Bolder"),
            ac.rich(v.text, spacing="None"),
            ac.action_set([ac.open_url("Answer", v.permalink), ac.button("Cancel", "cancelReminder", {"reminderId": v.id}, interaction)]),
        ], style="emphasis", spacing="Small"))
    return ac.card(body, fallback_text=f"{len(views)} reminder(s) scheduled.")


def reminder_header(note: str) -> list[Element]:
    """The top of a delivered reminder, above the quoted answer."""
    items: list[Element] = [ac.text("Reminder from HR", weight="Bolder", color="Accent")]
    if note:
        items.append(ac.rich(note, spacing="None"))
    return [ac.container(items, style="accent", bleed=True)]
