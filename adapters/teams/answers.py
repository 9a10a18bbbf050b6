"""An answer as a Teams message: an Adaptive Card with the short answer and the quoted
clauses, plus Teams' own AI label and citations.

Works from the answer's DESIGN.md JSON (`Answer.to_dict()`, or the copy stored with a
permalink), so a live answer, a reminder and a refreshed card look the same.

Citations are numbered [1], [2], ... across the whole message. The message text carries the
`[n]` markers (Teams turns them into citation pills that show the label and an abstract of
the clause); the card repeats the number beside each quote, so either view leads to the same
clause.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from adapters.teams import adaptive as ac
from adapters.teams.adaptive import Card, Element, Interaction

# Teams' citation limits: at most 20 citations; a name of 80 characters, an abstract of 160,
# up to 3 keywords of 28 characters.
MAX_CITATIONS = 20
NAME_CHARS = 80
ABSTRACT_CHARS = 160
KEYWORD_CHARS = 28


@dataclass(frozen=True)
class Quote:
    n: int
    doc_id: str
    clause_id: str
    label: str
    text: str
    url: str


@dataclass(frozen=True)
class Section:
    """One policy's part of an answer (an answer with an org known has one)."""

    org: str | None
    org_name: str
    doc_id: str
    status: str
    short_answer: str
    text: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Render:
    """How much to show. The message is rendered fully first, then shorter until it fits."""

    quote_chars: int | None = None
    max_quotes: int = MAX_CITATIONS
    citation_cards: bool = True


RENDER_STEPS: tuple[Render, ...] = (
    Render(),
    Render(citation_cards=False),
    Render(quote_chars=1200, citation_cards=False),
    Render(quote_chars=600, citation_cards=False),
    Render(quote_chars=300, max_quotes=8, citation_cards=False),
    Render(quote_chars=160, max_quotes=4, citation_cards=False),
)


@dataclass(frozen=True)
class AnswerMessage:
    """What the bot sends: `text` with [n] markers, the card, and the Teams citations."""

    text: str
    card: Card
    citations: tuple[dict[str, Any], ...]


def sections_of(answer: Mapping[str, Any], policy_names: Mapping[str, str]) -> tuple[Section, ...]:
    """The answer per policy, with citations numbered in reading order."""
    n = 0

    def quotes(cites: Sequence[Mapping[str, Any]]) -> tuple[Quote, ...]:
        nonlocal n
        out = []
        for c in cites:
            n += 1
            out.append(Quote(n, str(c.get("doc_id", "")), str(c.get("clause_id", "")), str(c.get("label", "")), str(c.get("text", "")), str(c.get("url", ""))))
        return tuple(out)

    parts = answer.get("parts") or []
    if answer.get("org") is None and parts:
        return tuple(
            Section(
                org=p.get("org"),
                org_name=policy_names.get(str(p.get("org")), str(p.get("org") or "")),
                doc_id=str(p.get("doc_id", "")),
                status=str(p.get("status", "")),
                short_answer=str(p.get("short_answer", "")),
                text=str(p.get("text", "")),
                quotes=quotes(p.get("citations") or []),
            )
            for p in parts
        )
    cites = answer.get("citations") or []
    doc_ids = sorted({str(c.get("doc_id", "")) for c in cites})
    org = answer.get("org")
    return (
        Section(
            org=org,
            org_name=policy_names.get(str(org), str(org or "")),
            doc_id=", ".join(doc_ids),
            status=str(answer.get("status", "")),
            short_answer=str(answer.get("short_answer", "")),
            text=str(answer.get("text", "")),
            quotes=quotes(cites),
        ),
    )


def message_text(sections: Sequence[Section], max_quotes: int = MAX_CITATIONS) -> str:
    """“Sources: COM-001 [1] [2]”: the line that carries Teams' citation markers."""
    groups = []
    for s in sections:
        refs = " ".join(f"[{q.n}]" for q in s.quotes if q.n <= max_quotes)
        if refs:
            groups.append(f"{s.doc_id or s.org_name} {refs}")
    return ("Sources: " + " · ".join(groups)) if groups else ""


def citation_entities(sections: Sequence[Section], render: Render = Render()) -> tuple[dict[str, Any], ...]:
    """Teams `Claim`s for the [n] markers: label, a 160-character abstract of the clause, its
    link and, when room allows, the whole clause as a small card shown in Teams' citation pane."""
    out = []
    for s in sections:
        for q in s.quotes:
            if q.n > min(render.max_quotes, MAX_CITATIONS):
                continue
            appearance: dict[str, Any] = {
                "@type": "DigitalDocument",
                "name": ac.shorten(q.label, NAME_CHARS),
                "abstract": ac.shorten(q.text, ABSTRACT_CHARS),
                "keywords": [ac.shorten(q.doc_id, KEYWORD_CHARS)] if q.doc_id else [],
            }
            if q.url:
                appearance["url"] = q.url
            if render.citation_cards:
                appearance["encodingFormat"] = ac.ADAPTIVE_CARD
                appearance["text"] = json.dumps(ac.card([ac.text(q.label, weight="Bolder"), ac.rich(q.text)]), ensure_ascii=False)
            out.append({"@type": "Claim", "position": q.n, "appearance": appearance})
    return tuple(out)


def _quote_block(q: Quote, render: Render) -> Element:
    label = ac.run(q.label, color="Accent")
    if q.url:
        label["selectAction"] = ac.open_url(f"Open {q.label}", q.url)
    items: list[Element] = [
        ac.rich(ac.run(f"[{q.n}] ", weight="Bolder"), label),
        ac.rich(ac.run(ac.shorten(q.text, render.quote_chars), italic=True), spacing="Small"),
    ]
    block = ac.container(items, style="emphasis", spacing="Small")
    if q.url:
        # The whole quote is a citation link: tapping it opens the clause in the policy.
        block["selectAction"] = ac.open_url(f"Open {q.label}", q.url)
    return block


def _section_blocks(s: Section, multi: bool, render: Render) -> list[Element]:
    blocks: list[Element] = []
    if multi:
        blocks.append(ac.text(f"{s.org_name} ({s.doc_id})" if s.doc_id else s.org_name, weight="Bolder", spacing="Large", separator=True))
    if s.status == "answered" and s.short_answer:
        blocks.append(ac.rich(ac.run(s.short_answer, weight="Bolder", size="Medium")))
    elif s.status != "answered":
        # Not covered: the composer's own sentence names the policy's contact for inquiries.
        blocks.append(ac.rich(s.text))
    shown = [q for q in s.quotes if q.n <= render.max_quotes]
    blocks.extend(_quote_block(q, render) for q in shown)
    hidden = len(s.quotes) - len(shown)
    if hidden > 0:
        blocks.append(ac.text(f"{hidden} more quoted clause{'s' if hidden != 1 else ''} on the answer page.", isSubtle=True, size="Small"))
    return blocks


def feedback_buttons(answer_id: str, interaction: Interaction, vote: bool | None) -> list[Element]:
    yes = "Helpful ✓" if vote is True else "Helpful"
    no = "Not helpful ✓" if vote is False else "Not helpful"
    return [
        ac.button(yes, "feedback", {"answerId": answer_id, "helpful": True}, interaction),
        ac.button(no, "feedback", {"answerId": answer_id, "helpful": False}, interaction),
    ]


def answer_card(
    answer: Mapping[str, Any],
    *,
    permalink: str,
    policy_names: Mapping[str, str],
    interaction: Interaction,
    question: str = "",
    header: Sequence[Element] = (),
    vote: bool | None = None,
    feedback: bool = True,
    render: Render = Render(),
) -> Card:
    """`answer` is the DESIGN.md JSON, which does not repeat the question: pass it."""
    sections = sections_of(answer, policy_names)
    body: list[Element] = list(header)
    if question:
        body.append(ac.rich(ac.run("You asked: ", isSubtle=True), ac.run(question, isSubtle=True)))
    multi = len(sections) > 1
    if multi:
        body.append(ac.text("Your organization isn't set, so here is what each policy says. Say **org** to choose yours.", isSubtle=True, size="Small"))
    for s in sections:
        body.extend(_section_blocks(s, multi, render))
    if vote is not None:
        thanks = "Thanks — you marked this answer helpful." if vote else "Thanks — you marked this answer not helpful. HR reviews these to improve the answers."
        body.append(ac.text(thanks, isSubtle=True, size="Small", spacing="Medium"))
    actions: list[Element] = [ac.open_url("Open answer page", permalink)] if permalink else []
    if feedback and answer.get("id"):
        actions.extend(feedback_buttons(str(answer["id"]), interaction, vote))
    fallback = " ".join(s.short_answer or s.text for s in sections).strip()
    return ac.card(body, actions, fallback_text=(fallback + (f" {permalink}" if permalink else "")).strip())


def answer_message(
    answer: Mapping[str, Any],
    *,
    permalink: str,
    policy_names: Mapping[str, str],
    interaction: Interaction,
    question: str = "",
    header: Sequence[Element] = (),
    vote: bool | None = None,
    feedback: bool = True,
    budget: int = ac.MESSAGE_BUDGET,
) -> AnswerMessage:
    """The fullest rendering that fits Teams' message size, quotes shortened only if needed."""
    sections = sections_of(answer, policy_names)
    message = None
    for render in RENDER_STEPS:
        message = AnswerMessage(
            text=message_text(sections, render.max_quotes),
            card=answer_card(
                answer, permalink=permalink, policy_names=policy_names, interaction=interaction,
                question=question, header=header, vote=vote, feedback=feedback, render=render,
            ),
            citations=citation_entities(sections, render),
        )
        if ac.size_of({"text": message.text, "card": message.card, "citations": message.citations}) <= budget:
            return message
    assert message is not None
    # Still too large (an enormous question or header): the short answer and the link.
    minimal = replace(message, card=ac.card(
        [ac.rich(ac.shorten(message.card.get("fallbackText", ""), 2000))], [ac.open_url("Open answer page", permalink)] if permalink else []
    ), citations=())
    return replace(minimal, text="")
