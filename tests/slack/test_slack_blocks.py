"""The pure Block Kit renderer: escaping, clean splitting, Slack's limits, highlighted drafts."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from slack_support import check_blocks

from adapters.slack.blocks import MESSAGE_MAX_BLOCKS, VIEW_MAX_BLOCKS, problems, section
from adapters.slack.blocks.answer import ACTIONS_BLOCK_ID, AnswerContext, Buttons, answer_blocks, feedback_acknowledged
from adapters.slack.blocks.check import check_blocks as render_check
from adapters.slack.blocks.check import check_view, highlighted_draft
from adapters.slack.blocks.home import HomeRule, HomeTour, home_view
from adapters.slack.blocks.messages import OrgChoice, ReminderLine, draft_modal, help_blocks, reminders_blocks
from adapters.slack.mrkdwn import SECTION_LIMIT, escape, link, markdown_to_mrkdwn, quote_block, split_raw

HOSTILE = "<!channel> <!here|here> <@U123> <https://evil.test|click me> & *bold* _it_ ~s~ `c`"


def all_text(blocks: Any) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_escape_link_and_quote() -> None:
    assert escape(HOSTILE).count("<") == 0 and escape(HOSTILE).count(">") == 0
    assert escape("a & b <c>") == "a &amp; b &lt;c&gt;"
    assert link("http://bot.test/policies/HUM.11(A)#x", "A › B | C <D>") == "<http://bot.test/policies/HUM.11(A)#x|A › B | C &lt;D&gt;>"
    assert link("http://x.test/a b|c>d", "l") == "<http://x.test/a%20b%7Cc%3Ed|l>"
    assert quote_block("line one\n\nline <two>") == ">line one\n>\n>line &lt;two&gt;"


def test_markdown_from_the_core_becomes_mrkdwn() -> None:
    md = "### City of Mission (HUM.11(A))\n\n**No. See 3.iv.b.**\n\n> _lead:_\n> text <!here> & more\n— [HUM.11(A) › 3.iv.b](http://bot.test/policies/HUM.11(A)#hum-11a.x)"
    out = markdown_to_mrkdwn(md)
    assert "*City of Mission (HUM.11(A))*" in out
    assert "*No. See 3.iv.b.*" in out
    assert ">text &lt;!here&gt; &amp; more" in out
    assert "— <http://bot.test/policies/HUM.11(A)#hum-11a.x|HUM.11(A) › 3.iv.b>" in out


def test_split_cuts_at_paragraphs_then_sentences_and_never_inside_an_entity() -> None:
    paragraph = " ".join(f"Sentence {i} says & compares <a> with <b>." for i in range(60))  # ~2,900 raw, ~4,300 escaped
    text = "\n\n".join([paragraph, "Short paragraph.", paragraph])
    pieces = split_raw(text, quote_block)
    assert len(pieces) >= 4
    for piece in pieces:
        rendered = quote_block(piece)
        assert len(rendered) <= SECTION_LIMIT
        assert piece.endswith(".")  # every cut at a sentence or paragraph end
        assert not re.search(r"&(?!amp;|lt;|gt;)", rendered)  # entities whole
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())  # nothing lost or repeated
    one_word = "x" * 7000
    assert [len(p) for p in split_raw(one_word, escape)] == [3000, 3000, 1000]


def _citation(i: int, text: str) -> dict[str, Any]:
    return {"doc_id": "COM-001", "clause_id": f"c{i}", "label": f"COM-001 › Part › ({i}) {HOSTILE}", "text": text, "url": f"http://bot.test/policies/COM-001#c{i}"}


def test_a_huge_hostile_answer_stays_valid_and_points_to_the_permalink() -> None:
    long_clause = ("This clause is long & dense <really>. " * 200).strip()  # ~7,800 characters
    data = {
        "id": "abc123def456",
        "org": "saint-john",
        "status": "answered",
        "short_answer": f"No. {HOSTILE}",
        "text": "",
        "citations": [_citation(i, long_clause) for i in range(30)],
    }
    ctx = AnswerContext(question=HOSTILE * 10, permalink="http://bot.test/a/abc123def456", lead_ins={"c0": f"Lead {HOSTILE}:"}, asked_by="U1")
    blocks = answer_blocks(data, ctx, Buttons.PRIVATE)
    check_blocks(blocks, "message")
    assert MESSAGE_MAX_BLOCKS - 3 <= len(blocks) <= MESSAGE_MAX_BLOCKS
    assert blocks[-1]["block_id"] == ACTIONS_BLOCK_ID  # the buttons survive the cut
    assert "Read it in full" in blocks[-2]["text"]["text"] and "http://bot.test/a/abc123def456" in blocks[-2]["text"]["text"]
    # Cut between quotations, never inside one: the last one shown still ends with its label.
    assert re.search(r"\n— <http://bot\.test/policies/COM-001#c\d+\|[^>]*>$", blocks[-3]["text"]["text"])
    dumped = all_text(blocks)
    assert "&lt;!channel&gt;" in dumped and "&lt;https://evil.test|click me&gt;" in dumped
    assert "<https://evil.test" not in dumped
    # The first clause: lead-in in italics, the quote split over sections, the label last.
    first = [b["text"]["text"] for b in blocks if b["type"] == "section"][1:5]
    assert first[0].startswith(">_Lead &lt;!channel&gt;")
    assert all(t.startswith(">") for t in first[:3])


def test_answer_for_every_policy_has_one_header_per_policy_and_the_not_covered_text() -> None:
    data = {
        "id": "a1",
        "org": None,
        "status": "answered",
        "short_answer": "",
        "text": "",
        "citations": [_citation(1, "Do not use the City’s logos.")],
        "parts": [
            {"org": "mission", "doc_id": "HUM.11(A)", "status": "not_covered", "short_answer": "", "text": "The policy does not address this. Contact HR & your manager.", "citations": []},
            {"org": "saint-john", "doc_id": "COM-001", "status": "answered", "short_answer": "No. See (b)(iv).", "text": "", "citations": [_citation(1, "Do not use the City’s logos.")]},
        ],
    }
    ctx = AnswerContext("q", "http://bot.test/a/a1", policy_names={"HUM.11(A)": "City of Mission HUM.11(A)", "COM-001": "City of Saint John COM-001"})
    blocks = answer_blocks(data, ctx, Buttons.PUBLIC)
    check_blocks(blocks, "message")
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    assert headers == ["City of Mission HUM.11(A)", "City of Saint John COM-001"]
    assert "Contact HR &amp; your manager." in all_text(blocks)
    actions = blocks[-1]["elements"]
    assert [e["action_id"] for e in actions] == ["open_permalink", "feedback_helpful", "feedback_not_helpful"]


def test_feedback_buttons_give_way_to_thanks_and_other_buttons_stay() -> None:
    data = {"id": "a1", "org": "mission", "status": "answered", "short_answer": "Yes.", "text": "", "citations": []}
    blocks = answer_blocks(data, AnswerContext("q", "http://bot.test/a/a1"), Buttons.PRIVATE)
    after = feedback_acknowledged(blocks, helpful=False)
    assert [e["action_id"] for e in after[-2]["elements"]] == ["share_answer", "open_permalink"]
    assert "not helpful" in after[-1]["elements"][0]["text"].lower()
    assert feedback_acknowledged(after, helpful=True)[-1]["block_id"] == "feedback_thanks"


def test_real_answers_fit_slack(service: Any) -> None:
    """Every tour example and a few broad questions, for each policy and for both at once."""
    from adapters.slack.runtime import lead_ins, policy_names
    from bot.orientation import TOURS

    questions = [e.question for t in TOURS for e in t.examples] + [
        "Can I reply to people criticizing the City online?",
        "What does the policy say about official accounts, photos, privacy, records, passwords and crises?",
        "What is the parking policy?",
    ]
    worst_blocks = worst_chars = 0
    pairs = [(q, org) for q in questions for org in (None, *service.org_ids)]
    for (q, _org), answer in zip(pairs, service.ask_many(pairs)):  # one batch: the index is searched once
        data = answer.to_dict()
        ctx = AnswerContext(q, "http://bot.test/a/x", policy_names=policy_names(service), lead_ins=lead_ins(service, data))
        blocks = answer_blocks(data, ctx, Buttons.PRIVATE)
        check_blocks(blocks, "message")
        worst_blocks = max(worst_blocks, len(blocks))
        worst_chars = max([worst_chars] + [len(b["text"]["text"]) for b in blocks if b["type"] == "section"])
        for c in data["citations"]:  # every cited clause is quoted whole and linked
            assert escape(c["text"].split(". ")[0]) in all_text(blocks)
            assert f"<{c['url']}|" in all_text(blocks)
    print(f"\nreal answers: at most {worst_blocks} blocks, longest section {worst_chars} characters")
    assert worst_blocks <= MESSAGE_MAX_BLOCKS and worst_chars <= SECTION_LIMIT


def test_highlighted_draft_marks_exactly_the_flagged_spans() -> None:
    draft = "Those <!channel> idiots at City Hall & their *logo*. Call 506-555-1234."
    findings = [
        {"span": [17, 23], "severity": "violation", "excerpt": "idiots", "message": "Disrespectful.", "suggestion": "Leave it out."},
        {"span": [58, 70], "severity": "review", "excerpt": "506-555-1234", "message": "A phone number.", "suggestion": ""},
        {"span": [17, 36], "severity": "review", "excerpt": "idiots at City Hall", "message": "Overlaps.", "suggestion": ""},
    ]
    blocks = highlighted_draft(draft, findings)
    elements = [e for b in blocks for s in b["elements"] for e in s["elements"]]
    flagged = "".join(e["text"] for e in elements if e.get("style", {}).get("code"))
    assert flagged == "idiots at City Hall506-555-1234"
    shown = "".join(e["text"] for e in elements if not re.fullmatch(r"\[[\d, ]+\]", e["text"]))
    assert "<!channel>" not in shown  # defused with a zero-width space
    assert shown.replace("\u200b", "") == draft  # otherwise verbatim: rich text needs no escaping
    markers = [e["text"] for e in elements if re.fullmatch(r"\[[\d, ]+\]", e["text"])]
    assert markers == ["[1]", "[3]", "[2]"]


def test_check_result_message_and_modal_fit(service: Any) -> None:
    draft = ("You idiots at city hall are useless <!channel>. " * 300)[:9_990]
    findings = [
        {
            "rule": "r",
            "severity": "violation",
            "span": [i * 48, i * 48 + 10],
            "excerpt": draft[i * 48 : i * 48 + 10],
            "message": "Disrespectful & <rude>.",
            "suggestion": "Leave it out.",
            "citation": {"doc_id": "COM-001", "clause_id": "c", "label": "COM-001 › (b)(ii)", "text": "Do not Post disrespectful comments " * 100, "url": "http://bot.test/policies/COM-001#c"},
        }
        for i in range(80)
    ]
    result = {"org": "saint-john", "verdict": "violation", "findings": findings, "notices": ["Checked <fast>"]}
    blocks = render_check(draft, result, policy_name="City of Saint John COM-001")
    check_blocks(blocks, "message")
    assert MESSAGE_MAX_BLOCKS - 4 <= len(blocks) <= MESSAGE_MAX_BLOCKS and "did not fit" in all_text(blocks[-1])
    assert blocks[-2]["text"]["text"].endswith("|COM-001 › (b)(ii)>")  # the last finding shown is whole
    view = check_view(draft, result, policy_name="City of Saint John COM-001")
    check_blocks(view["blocks"], "view")
    assert VIEW_MAX_BLOCKS - 4 <= len(view["blocks"]) <= VIEW_MAX_BLOCKS
    shown = "".join(e["text"] for b in view["blocks"] if b["type"] == "rich_text" for s in b["elements"] for e in s["elements"] if not e["text"].startswith("["))
    assert shown.replace("\u200b", "") == draft
    ok = render_check("Lovely day at the farmers market!", {"org": "mission", "verdict": "ok", "findings": []})
    check_blocks(ok, "message")
    assert "No problems found" in all_text(ok)


def test_home_view_and_small_surfaces_are_valid() -> None:
    rule = HomeRule("Logos <!here>", "Every Employee shall ensure:", "Do not use the City’s logos. " * 150, "COM-001 › (b)(iv)", "http://bot.test/policies/COM-001#x")
    tours = [HomeTour(org, f"City {org}", (rule,) * 8, tuple(f"Question {i} <!channel>?" for i in range(4))) for org in ("mission", "saint-john")]
    choices = [OrgChoice("mission", "City of Mission HUM.11(A) Use of Social Media"), OrgChoice("saint-john", "City of Saint John COM-001")]
    view = home_view(tours=tours, recent=[], choices=choices, current_org=None, org_pinned=False, allow_all=True, orientation_url="http://bot.test/orientation")
    check_blocks(view["blocks"], "view")
    assert len(view["blocks"]) <= VIEW_MAX_BLOCKS
    check_blocks(help_blocks(is_hr=True), "message")
    check_blocks(draft_modal()["blocks"], "view")
    import datetime as dt

    lines = [ReminderLine(f"r{i}", "C1", "general", dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc), HOSTILE, "http://bot.test/a/x") for i in range(80)]
    blocks = reminders_blocks(lines)
    check_blocks(blocks, "message")
    assert len(blocks) == MESSAGE_MAX_BLOCKS and "<!date^1893456000^" in all_text(blocks)


def test_problems_catches_what_slack_would_refuse() -> None:
    too_many = [section("x")] * 51
    assert problems(too_many) == ["51 blocks (limit 50)"]
    assert problems(too_many, surface="view") == []
    with pytest.raises(ValueError):
        section("x" * 3001)
    bad = {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "x" * 80}, "action_id": "a"}]}
    assert problems([bad]) == ["block 0: button text over 75"]
