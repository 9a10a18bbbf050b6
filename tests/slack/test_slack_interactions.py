"""The message shortcut and the App Home's modals: opened at once, updated with the result."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

from slack_support import SlackClient
from slack_mock import MockSlack

from bot.storage import Store


def rich_text(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in view["blocks"] if b["type"] == "rich_text" for s in b["elements"] for e in s["elements"]]


def test_check_against_policy_shortcut_opens_a_modal_then_shows_the_flagged_words(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    message = {"type": "message", "user": "U2", "ts": "500.1", "text": "Hey <@U3|ann>, our useless mayor is an idiot &amp; council is a joke"}

    async def go(s: SlackClient) -> None:
        key, url = s.response_url()
        payload = {
            "type": "message_action",
            "callback_id": "check_message",
            "team": {"id": "T1"},
            "user": {"id": "U1", "team_id": "T1"},
            "channel": {"id": "C1"},
            "message": message,
            "trigger_id": "trig.shortcut",
            "response_url": url,
            "message_ts": "500.1",
        }
        assert (await s.interactive(payload))[0] == 200
        await mock.wait_for("views.update")
        # A message with no text says so, in the modal.
        await s.interactive({**payload, "trigger_id": "trig.empty", "message": {"type": "message", "ts": "500.2", "text": "", "files": [{"id": "F1"}]}})
        await mock.wait_for("views.update", count=2)

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    opened = mock.of("views.open")
    assert opened[0].args["trigger_id"] == "trig.shortcut" and "Checking the message" in opened[0].text_dump()
    result = mock.of("views.update")[0]
    assert result.args["view_id"] == opened[0].response["view"]["id"]  # the same modal, updated in place
    view = result.view()
    shown = "".join(e["text"] for e in rich_text(view) if not e["text"].startswith("["))
    assert shown == "Hey @ann, our useless mayor is an idiot & council is a joke"
    assert any(e.get("style", {}).get("code") for e in rich_text(view))
    assert "Do not post this as written" in result.text_dump() and "COM-001 › Personal Use of Social Media › (b)(ii)" in result.text_dump()
    assert "has no text to check" in mock.of("views.update")[1].text_dump()
    assert store.stats().checks == 1


def test_home_check_a_draft_button_opens_the_form_and_the_submission_is_checked(slack: Callable[..., Any], mock: MockSlack) -> None:
    home = {"type": "home", "id": "VHOME", "hash": "h"}

    async def go(s: SlackClient) -> None:
        await s.click("home_check_draft", "check", view=home, container={"type": "view", "view_id": "VHOME"})
        form = (await mock.wait_for("views.open"))[0].view()
        assert form["callback_id"] == "check_draft_modal" and form["submit"]["text"] == "Check"

        def submission(draft: str, official: bool) -> dict[str, Any]:
            selected = [{"value": "official", "text": {"type": "plain_text", "text": "x"}}] if official else []
            return {
                "type": "view_submission",
                "team": {"id": "T1"},
                "user": {"id": "U1", "team_id": "T1"},
                "view": {
                    "id": "VFORM",
                    "callback_id": "check_draft_modal",
                    "type": "modal",
                    "state": {"values": {"draft_block": {"draft_input": {"type": "plain_text_input", "value": draft}}, "official_block": {"official_input": {"type": "checkboxes", "selected_options": selected}}}},
                },
            }

        status, body = await s.interactive(submission("   ", False))
        assert status == 200 and json.loads(body) == {"response_action": "errors", "errors": {"draft_block": "Paste the text of the post you want to check."}}
        status, body = await s.interactive(submission("Lovely sunny day at the farmers market this weekend!", True))
        ack = json.loads(body)
        assert ack["response_action"] == "update" and "Checking your draft" in json.dumps(ack["view"])
        update = (await mock.wait_for("views.update"))[0]
        assert update.args["view_id"] == "VFORM"
        assert "No problems found" in update.text_dump() and "official City account" in update.text_dump()

    slack(go, SLACK_TEAM_ORGS="T1=mission")


def test_home_example_question_answers_in_a_modal_and_refreshes_the_home(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        home = {"type": "home", "id": "VHOME", "hash": "h"}
        await s.click("home_ask_example", "saint-john|Can I use the City logo on my Instagram?", view=home, container={"type": "view", "view_id": "VHOME"})
        await mock.wait_for("views.publish")
        answer = mock.of("views.update")[0]
        buttons = [e["action_id"] for b in answer.view()["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert buttons == ["open_permalink", "feedback_helpful", "feedback_not_helpful"]
        answer_id = [e for b in answer.view()["blocks"] if b["type"] == "actions" for e in b["elements"]][1]["value"]
        # The policy buttons in the Home tab change the person's policy and refresh the tab.
        await s.click("choose_org:mission", "mission", view=home, container={"type": "view", "view_id": "VHOME"})
        await mock.wait_for("views.publish", count=2)
        # Feedback inside the modal updates the modal.
        shown = {**answer.view(), "id": answer.args["view_id"], "hash": "h2"}
        await s.click("feedback_helpful", answer_id, view=shown, container={"type": "view", "view_id": answer.args["view_id"]})
        await mock.wait_for("views.update", count=2)
        await asyncio.sleep(0.1)

    slack(go)  # no org known: the example's own policy answers it
    opened = mock.of("views.open")[0]
    assert "Looking that up" in opened.text_dump()
    answer = mock.of("views.update")[0]
    assert "Do not use the City’s logos or trademarks" in answer.text_dump()
    assert not [b for b in answer.view()["blocks"] if b["type"] == "header"]
    assert "Can I use the City logo on my Instagram?" in mock.of("views.publish")[0].text_dump()  # now a recent question
    thanked = mock.of("views.update")[1]
    assert thanked.args["hash"] == "h2" and "you found this helpful" in thanked.text_dump()
    assert store.stats().helpful == 1
    assert store.get_answer(store.recent_questions("slack:T1:U1")[0].answer_id).org == "saint-john"
    assert store.user_org("slack", "T1:U1") == "mission"
    refreshed = mock.of("views.publish")[1].text_dump()
    assert "I answer you from *City of Mission HUM.11(A) Use of Social Media*" in refreshed and "COM-001 ›" not in refreshed


def test_a_home_button_that_cannot_open_its_modal_says_so_in_a_direct_message(slack: Callable[..., Any], mock: MockSlack, caplog: Any) -> None:
    mock.errors["views.open"] = "expired_trigger_id"

    async def go(s: SlackClient) -> None:
        await s.click("home_check_draft", "check", view={"type": "home", "id": "VHOME"}, container={"type": "view", "view_id": "VHOME"})
        await mock.wait_for("chat.postMessage")

    slack(go)
    (dm,) = mock.of("chat.postMessage")
    assert dm.args["channel"] == "U1" and "something went wrong on our side" in dm.text_dump()
    assert any("expired_trigger_id" in r.getMessage() for r in caplog.records)
