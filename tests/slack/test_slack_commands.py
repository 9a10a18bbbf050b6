"""`/policy`: ask, share, feedback, check, help, org; and failures told plainly."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

import pytest
from slack_support import HR_USER, SlackClient
from slack_mock import MockSlack

from bot.storage import Store


def actions_of(call: Any) -> dict[str, dict[str, Any]]:
    return {e["action_id"]: e for b in call.blocks() if b["type"] == "actions" for e in b["elements"]}


def test_ask_is_acked_at_once_then_answered_privately_with_its_buttons(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> Any:
        status, ack, key = await s.command("Can I use the City logo on my Instagram?")
        assert status == 200
        assert ack == {"text": "⏳ Looking that up: “Can I use the City logo on my Instagram?”…", "response_type": "ephemeral"}
        return (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]

    answer = slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    assert answer.args["response_type"] == "ephemeral"
    buttons = actions_of(answer)
    answer_id = buttons["share_answer"]["value"]
    assert buttons["open_permalink"]["url"] == f"http://bot.test/a/{answer_id}"
    assert buttons["feedback_helpful"]["value"] == buttons["feedback_not_helpful"]["value"] == answer_id
    dump = answer.text_dump()
    assert "You asked: “Can I use the City logo on my Instagram?”" in dump
    assert "Do not use the City’s logos or trademarks on Personal Use Social Media sites" in dump  # the clause, quoted
    assert "<http://bot.test/policies/COM-001#com-001.personal-use.b.iv|COM-001 › Personal Use of Social Media › (b)(iv)>" in dump
    stored = store.get_answer(answer_id)  # stored durably, as for the web, channel "slack"
    assert stored is not None and stored.channel == "slack" and stored.org == "saint-john"
    assert store.recent_questions("slack:T1:U1", channel="slack")[0].answer_id == answer_id


def test_share_posts_publicly_crediting_the_asker_and_removes_the_private_copy(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> tuple[str, str]:
        _, _, key = await s.command("Can I swear on Facebook?")
        answer = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        answer_id = actions_of(answer)["share_answer"]["value"]
        status, _, share_key = await s.click("share_answer", answer_id, user="U1")
        assert status == 200
        await mock.wait_for("response_url", lambda c: c.args["_key"] == share_key, count=2)
        return answer_id, share_key

    answer_id, key = slack(go)
    assert len(mock.of("response_url")) == 3  # the answer, the shared copy, the removal: nothing else
    shared, removed = [c for c in mock.of("response_url") if c.args["_key"] == key]
    assert shared.args["response_type"] == "in_channel" and shared.args["replace_original"] is False
    assert "<@U1> asked: “Can I swear on Facebook?”" in shared.text_dump()
    assert "share_answer" not in actions_of(shared) and actions_of(shared)["open_permalink"]["url"].endswith(answer_id)
    assert removed.args["delete_original"] is True and not removed.blocks()


def test_link_buttons_are_acknowledged_without_side_effects(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> None:
        for action in ("open_permalink", "open_orientation"):
            status, body, _ = await s.click(action, "abc")
            assert status == 200 and body == ""
        await asyncio.sleep(0.3)

    slack(go)
    assert set(mock.methods()) <= {"auth.test"}


def test_share_after_the_response_url_expired_posts_as_the_bot(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?")
        answer = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        mock.response_url_status = 404
        await s.click("share_answer", actions_of(answer)["share_answer"]["value"], channel="C7")
        await mock.wait_for("chat.postMessage")

    slack(go)
    post = mock.of("chat.postMessage")[0]
    assert post.args["channel"] == "C7" and "<@U1> asked" in post.text_dump()


def test_feedback_is_stored_and_the_buttons_become_thanks(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?")
        answer = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        answer_id = actions_of(answer)["feedback_helpful"]["value"]
        _, _, fb_key = await s.click("feedback_not_helpful", answer_id)
        updated = (await mock.wait_for("response_url", lambda c: c.args["_key"] == fb_key))[0]
        assert updated.args["replace_original"] is True
        assert set(actions_of(updated)) == {"share_answer", "open_permalink"}
        assert "HR reviews answers marked not helpful" in updated.text_dump()
        # Someone else votes on a public copy: only they are thanked, the message stays.
        public = {"type": "message", "message_ts": "5.5", "channel_id": "C1", "is_ephemeral": False}
        _, _, other_key = await s.click("feedback_helpful", answer_id, user="U2", container=public, message={"blocks": answer.blocks()})
        thanks = (await mock.wait_for("response_url", lambda c: c.args["_key"] == other_key))[0]
        assert thanks.args["replace_original"] is False and thanks.args["response_type"] == "ephemeral"
        _, _, gone_key = await s.click("feedback_helpful", "000000000000")
        missing = (await mock.wait_for("response_url", lambda c: c.args["_key"] == gone_key))[0]
        assert "no longer stored" in missing.text_dump()

    slack(go)
    stats = store.stats()
    assert (stats.helpful, stats.not_helpful) == (1, 1)


def test_check_command_flags_the_draft_with_clauses(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    draft = "You idiots at city hall are useless &amp; lazy. &lt;!channel&gt;"

    async def go(s: SlackClient) -> Any:
        _, ack, key = await s.command(f"check {draft}")
        assert "Checking your draft" in ack["text"]
        return (await mock.wait_for("response_url", lambda c: c.args["_key"] == key, timeout=60))[0]

    result = slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    blocks = result.blocks()
    assert "Do not post this as written" in result.text_dump()
    rich = [e for b in blocks if b["type"] == "rich_text" for sec in b["elements"] for e in sec["elements"]]
    shown = "".join(e["text"] for e in rich if not e["text"].startswith("[")).replace("\u200b", "")
    assert shown == "You idiots at city hall are useless & lazy. <!channel>"  # what the person typed
    assert any(e.get("style", {}).get("code") and "idiots" in e["text"] for e in rich)
    assert "COM-001 › Personal Use of Social Media › (b)(ii)" in result.text_dump()
    assert store.stats().checks == 1


def test_help_and_hr_commands_for_people_who_are_not_hr(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> None:
        _, ack, _ = await s.command("help")
        assert "check" in str(ack["blocks"]) and "remind" not in str(ack["blocks"])
        _, hr_help, _ = await s.command("", user=HR_USER)
        assert "/policy remind #channel" in str(hr_help["blocks"])
        _, refused, _ = await s.command("remind <#C0123ABC|general> now Can I swear?")
        assert "Only HR can schedule" in refused["text"]
        _, refused, _ = await s.command("reminders")
        assert "Only HR" in refused["text"]
        await asyncio.sleep(0.3)

    slack(go)
    assert mock.of("chat.scheduleMessage") == [] and mock.of("chat.postMessage") == []


def test_a_person_chooses_their_policy_and_answers_follow_it(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("org")
        shown = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert {e["value"] for e in actions_of(shown).values()} >= {"mission", "saint-john", "all"}
        _, _, key = await s.command("org atlantis")
        await mock.wait_for("response_url", lambda c: c.args["_key"] == key, count=2)
        assert "not one of the policies" in mock.of("response_url")[-2].text_dump()
        _, _, key = await s.command("org mission")
        chosen = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "I answer you from *City of Mission HUM.11(A) Use of Social Media*" in chosen.text_dump()
        _, _, key = await s.command("Can I swear on Facebook?")
        answer = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert not [b for b in answer.blocks() if b["type"] == "header"]  # one policy, not one per policy
        # The button on the chooser does the same.
        await s.click("choose_org:all", "all")
        await mock.wait_for("response_url", lambda c: "every policy" in c.text_dump())

    slack(go)
    assert store.user_org("slack", "T1:U1") == "all"
    assert [a.org for a in [store.get_answer(r.answer_id) for r in store.recent_questions("slack:T1:U1")] if a] == ["mission"]


def test_a_workspace_mapped_to_a_policy_cannot_be_switched(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("org mission")
        pinned = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "Your workspace follows *City of Saint John COM-001 Social Media Policy*" in pinned.text_dump()

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")


class BrokenService:
    """The real service, except that questions about swearing fail the way a bug would."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def ask(self, question: object, org: str | None = None) -> Any:
        return self.ask_many([(question, org)])[0]

    def ask_many(self, items: Any) -> Any:  # the web server batches concurrent questions
        if any("swear" in str(q) for q, _ in items):
            raise RuntimeError("index file vanished")
        return self._inner.ask_many(items)


def test_failures_are_told_in_plain_words_and_logged(slack: Callable[..., Any], mock: MockSlack, service: Any, caplog: pytest.LogCaptureFixture) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?")
        told = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "something went wrong on our side" in told.text_dump() and "index file vanished" not in told.text_dump()
        _, _, key = await s.command("x" * 2500)
        too_long = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "2,500 characters long; the limit is 2,000" in too_long.text_dump()

    with caplog.at_level(logging.ERROR, logger="adapters.slack"):
        slack(go, service=BrokenService(service))
    assert any("index file vanished" in (r.exc_text or "") for r in caplog.records)


def test_while_the_index_loads_people_are_told_to_wait(mock: MockSlack, store: Store, settings: Any) -> None:
    import threading

    from slack_support import run_app, slack_settings

    from adapters.web import build_app

    release = threading.Event()

    def slow_loader() -> Any:
        release.wait(30)
        raise RuntimeError("not needed")

    app = build_app(None, store, slack_settings(settings, mock), loader=slow_loader)

    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?")
        told = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "still loading. Try again in a few seconds" in told.text_dump()
        release.set()

    asyncio.run(run_app(app, mock, go))
