"""Answers to real questions through the real index (Chroma + MiniLM)."""

from __future__ import annotations

import pytest

from bot.errors import EmptyInput, InputTooLong, UnknownOrg, UnreadableInput
from bot.types import AnswerStatus


def _ids(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.clause_id for c in answer.citations]


def test_council_reply_cites_the_personal_use_rules(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("can I reply to this comment about council?", "saint-john")
    assert answer.status is AnswerStatus.ANSWERED
    assert set(_ids(answer)[:2]) & {"com-001.personal-use.b.iii", "com-001.personal-use.b.ii"}


def test_logo_question_is_a_clear_no_with_the_clause_quoted(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("am I allowed to put the city logo on my personal instagram?", "saint-john")
    assert answer.short_answer.startswith("No")
    top = answer.citations[0]
    assert top.clause_id == "com-001.personal-use.b.iv"
    assert top.text == "Do not use the City’s logos or trademarks on Personal Use Social Media sites;"
    assert top.label in answer.text and top.text in answer.text


def test_swearing_cites_inappropriate_use_and_the_rule_against_it(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("can i swear on my facebook?", "mission")
    ids = _ids(answer)
    assert ids[0] == "hum-11a.definitions.inappropriate-use.ii"
    assert "hum-11a.personal-use.iv.f" in ids
    assert answer.short_answer.startswith("No")


def test_a_question_naming_a_clause_gets_that_clause(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("what does 3.iv.g say?", "mission")
    assert _ids(answer) == ["hum-11a.personal-use.iv.g"]
    answer = service.ask("what is (b)(iii)?", "saint-john")
    assert _ids(answer)[0] == "com-001.personal-use.b.iii"


def test_not_covered_says_so_and_points_to_the_contact(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("what's the dress code on fridays?", "saint-john")
    assert answer.status is AnswerStatus.NOT_COVERED
    assert answer.citations == ()
    assert "does not address" in answer.text and "Human Resources Department" in answer.text


def test_no_org_answers_per_policy(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("can I use the city logo on my instagram?")
    assert answer.org is None
    assert [p.org for p in answer.parts] == ["mission", "saint-john"]
    assert "### City of Mission" in answer.text and "### City of Saint John" in answer.text
    assert {c.doc_id for c in answer.citations} == {"HUM.11(A)", "COM-001"}
    data = answer.to_dict()
    assert [p["org"] for p in data["parts"]] == ["mission", "saint-john"]


def test_json_contract(service) -> None:  # type: ignore[no-untyped-def]
    data = service.ask("can I criticize the mayor on twitter?", "saint-john").to_dict()
    assert set(data) == {"id", "org", "status", "short_answer", "text", "citations"}
    assert data["status"] in ("answered", "not_covered")
    for c in data["citations"]:
        assert set(c) == {"doc_id", "clause_id", "label", "text", "url"}
        assert c["url"] == f"http://bot.test/policies/{c['doc_id']}#{c['clause_id']}"
        clause = service.catalog.clause(c["clause_id"])
        assert clause is not None and c["text"] == clause.text


@pytest.mark.parametrize(
    ("question", "error", "words"),
    [
        ("", EmptyInput, "empty"),
        ("   \u200b\u200b  ", EmptyInput, "empty"),
        ("x" * 100_000, InputTooLong, "limit is 2,000"),
        (b"\xff\xfe\x00binary", UnreadableInput, "not readable"),
        ("hello\x00world", UnreadableInput, "binary"),
    ],
)
def test_bad_questions_get_clear_errors(service, question, error, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=words):
        service.ask(question, "mission")


def test_unknown_org_lists_the_valid_ones(service) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownOrg, match="saint-john") as info:
        service.ask("can I swear?", "gotham")
    assert "mission" in str(info.value)


def test_odd_unicode_is_normalized_not_rejected(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("can I use the ci\u200bty lo\u200dgo on my ｉｎｓｔａｇｒａｍ? 🙏", "saint-john")
    assert answer.status is AnswerStatus.ANSWERED
    assert answer.citations[0].clause_id == "com-001.personal-use.b.iv"
