"""Every card the bot renders is valid Adaptive Card 1.5 (the published schema), fits Teams'
message size, quotes the policy verbatim, and carries Teams' citation limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.teams import adaptive as ac
from adapters.teams import answers, checks, menus, messages

NAMES = {"saint-john": "City of Saint John", "mission": "City of Mission"}


def cite(n: int, text: str, doc: str = "COM-001") -> dict[str, Any]:
    return {"doc_id": doc, "clause_id": f"c{n}", "label": f"{doc} › Section {n} › (b)({n})", "text": text, "url": f"http://bot.test/policies/{doc}#c{n}"}


@pytest.fixture(scope="module")
def real_answers(service: Any) -> dict[str, dict[str, Any]]:
    return {
        "one org": service.ask("Can I use the City logo on my Instagram?", "saint-john").to_dict(),
        "both": service.ask("Can I reply to criticism of the city on facebook?", None).to_dict(),
        "not covered": service.ask("what is the parking policy for city hall?", "mission").to_dict(),
    }


@pytest.mark.parametrize("kind", ["one org", "both", "not covered"])
@pytest.mark.parametrize("interaction", ["execute", "submit"])
def test_answer_cards_are_valid_and_quote_verbatim(kind: str, interaction: str, real_answers, assert_valid_card) -> None:
    data = real_answers[kind]
    msg = answers.answer_message(data, permalink="http://bot.test/a/x1", policy_names=NAMES, interaction=interaction, question="q?")
    assert_valid_card(msg.card)
    flat = json.dumps(msg.card, ensure_ascii=False)
    cites = data["citations"] if data["org"] else [c for p in data["parts"] for c in p["citations"]]
    for c in cites:
        assert json.dumps(c["text"], ensure_ascii=False)[1:-1] in flat  # whole clause, word for word
    assert len(msg.citations) == len(cites)
    assert [c["position"] for c in msg.citations] == list(range(1, len(cites) + 1))
    for n in range(1, len(cites) + 1):
        assert f"[{n}]" in msg.text and f"[{n}] " in flat  # the same number in the text and beside the quote
    if kind == "not covered":
        assert msg.text == "" and "does not address this question" in flat
    button = "Action.Execute" if interaction == "execute" else "Action.Submit"
    assert sum(1 for a in msg.card["actions"] if a["type"] == button) == 2


def test_citation_entities_respect_teams_limits() -> None:
    long_label = "COM-001 › " + "A very long heading " * 10
    data = {"id": "a1", "org": "saint-john", "status": "answered", "short_answer": "No.", "text": "",
            "citations": [dict(cite(i, "word " * 200), label=long_label) for i in range(1, 26)]}
    msg = answers.answer_message(data, permalink="http://bot.test/a/a1", policy_names=NAMES, interaction="execute")
    assert len(msg.citations) <= 20
    for c in msg.citations:
        appearance = c["appearance"]
        assert len(appearance["name"]) <= 80 and len(appearance["abstract"]) <= 160
        assert all(len(k) <= 28 for k in appearance["keywords"]) and len(appearance["keywords"]) <= 3
        assert c["@type"] == "Claim" and appearance["@type"] == "DigitalDocument"
        if "text" in appearance:  # the full clause, as a card shown in Teams' citation pane
            assert appearance["encodingFormat"] == ac.ADAPTIVE_CARD and json.loads(appearance["text"])["type"] == "AdaptiveCard"


def test_huge_answer_is_shortened_to_fit_a_teams_message(assert_valid_card) -> None:
    data = {"id": "big", "org": "saint-john", "status": "answered", "short_answer": "No.", "text": "",
            "citations": [cite(i, ("Employees shall not post about City business. " * 80).strip()) for i in range(1, 21)]}
    full = answers.answer_card(data, permalink="http://bot.test/a/big", policy_names=NAMES, interaction="execute")
    assert ac.size_of(full) > ac.TEAMS_MESSAGE_LIMIT  # rendered in full it would be refused
    msg = answers.answer_message(data, permalink="http://bot.test/a/big", policy_names=NAMES, interaction="execute")
    wire = messages.answer_activity(msg).serialize()
    assert ac.size_of(wire) <= ac.MESSAGE_BUDGET < ac.TEAMS_MESSAGE_LIMIT
    assert_valid_card(msg.card)
    assert "…" in json.dumps(msg.card, ensure_ascii=False)  # quotes shortened, visibly
    assert "more quoted clauses on the answer page" in json.dumps(msg.card)


def test_ai_entity_survives_serialization() -> None:
    msg = answers.AnswerMessage(text="Sources: COM-001 [1]", card=ac.card([ac.text("x")]), citations=({"@type": "Claim", "position": 1, "appearance": {"@type": "DigitalDocument", "name": "n", "abstract": "a"}},))
    wire = messages.answer_activity(msg).serialize()
    assert wire["entities"] == [{
        "type": "https://schema.org/Message", "@type": "Message", "@context": "https://schema.org", "@id": "",
        "additionalType": ["AIGeneratedContent"], "citation": list(msg.citations),
    }]
    assert wire["textFormat"] == "markdown" and wire["attachments"][0]["contentType"] == ac.ADAPTIVE_CARD


DRAFT = "Our idiot mayor wrecked the budget. Call 506-555-0199! *Not* an official account."


def _findings(draft: str) -> list[dict[str, Any]]:
    def f(word: str, severity: str) -> dict[str, Any]:
        start = draft.index(word)
        return {"rule": "r", "severity": severity, "span": [start, start + len(word)], "excerpt": word, "message": "m *x*", "suggestion": "s",
                "citation": cite(2, "Do not Post disrespectful or critical comments;")}
    return [f("idiot mayor", "violation"), f("mayor wrecked", "review"), f("506-555-0199", "review")]


def test_check_card_highlights_exactly_the_flagged_spans(assert_valid_card) -> None:
    result = {"org": "saint-john", "verdict": "violation", "findings": _findings(DRAFT), "notices": ["Only English can be checked."]}
    card = checks.check_card(result, DRAFT, policy_names=NAMES)
    assert_valid_card(card)
    [draft_block] = [b for b in card["body"] if b["type"] == "RichTextBlock" and any(r.get("highlight") for r in b["inlines"])]
    runs = draft_block["inlines"]
    assert "".join(r["text"] for r in runs) == DRAFT  # the draft verbatim (no Markdown: "*Not*" stays)
    assert [r["text"] for r in runs if r.get("highlight")] == ["idiot mayor wrecked", "506-555-0199"]  # overlaps merged
    assert [r["color"] for r in runs if r.get("highlight")] == ["Attention", "Default"]  # Teams' yellow is unreadable
    assert "Only English can be checked." in str(card) and "3 points" not in str(card)
    assert "1 violation, 2 points to review." in str(card)


def test_long_draft_check_fits_and_stays_valid(assert_valid_card) -> None:
    draft = ("Lovely day in the park with the family. " * 240) + "Our idiot mayor again." + (" More filler text here." * 40)
    start = draft.index("idiot")
    findings = [dict(_findings(DRAFT)[0], span=[start, start + 5], excerpt="idiot")] * 30
    result = {"org": None, "verdict": "violation", "findings": findings}
    card = checks.check_card_fitted(result, draft, policy_names=NAMES)
    assert ac.size_of(card) <= ac.MESSAGE_BUDGET
    assert_valid_card(card)
    flat = json.dumps(card)
    assert "idiot" in flat and "…" in json.dumps(card, ensure_ascii=False) and "both policies" in flat


def test_menu_cards_are_valid(assert_valid_card) -> None:
    tour = menus.TourView("mission", "City of Mission", "HUM.11(A)", "Use of Social Media",
                          (menus.RuleView("Posting during a crisis", "HUM.11(A) › 2 › ii", "Only designated staff post.", "http://bot.test/policies/HUM.11(A)#x"),),
                          ("Can I post about the flood?",))
    choices = (menus.OrgChoice("mission", "City of Mission (HUM.11(A))"), menus.OrgChoice("saint-john", "City of Saint John (COM-001)"))
    view = menus.ReminderView("r1", "Fri 27 Nov 2026, 09:00 (America/Moncton)", "Logos stay off", "http://bot.test/a/1")
    for interaction in ("execute", "submit"):
        for card in (
            menus.welcome_card([tour], orientation_url="http://bot.test/orientation?org=mission", choices=choices, interaction=interaction, name="Kim"),
            menus.welcome_card([], orientation_url="http://bot.test/orientation", choices=choices, interaction=interaction),
            menus.help_card(org_line="x", is_hr=True, in_channel=True, examples=["Q?"], org="mission", interaction=interaction),
            menus.org_card(current="x", fixed=False, choices=choices, interaction=interaction),
            menus.reminder_scheduled_card(view, where="General", question="Q?", interaction=interaction),
            menus.reminders_card([view], where="General", interaction=interaction),
            menus.reminders_card([], where="General", interaction=interaction),
            menus.draft_card("draft", error="Paste it."),
            answers.answer_card({"id": "a", "org": "mission", "status": "answered", "short_answer": "No.", "citations": []},
                                permalink="http://bot.test/a/a", policy_names=NAMES, interaction=interaction, header=menus.reminder_header("Note")),
        ):
            assert_valid_card(card)
            assert ac.size_of(card) <= ac.MESSAGE_BUDGET


def test_schema_rejects_what_teams_would(assert_valid_card) -> None:
    """The validator is not a rubber stamp: a misspelt element or a 1.6-only property fails."""
    with pytest.raises(AssertionError):
        assert_valid_card(ac.card([{"type": "TextBlok", "text": "x"}]))
    with pytest.raises(AssertionError):
        assert_valid_card(ac.card([ac.text("x")], [{"type": "Action.OpenUrl", "title": "x", "url": "http://x", "menuActions": []}]))
    with pytest.raises(AssertionError):
        assert_valid_card({**ac.card([ac.text("x")]), "msteams": {"width": "Full"}})
