"""Events: @mentions in threads, follow-ups, direct messages and shared files, App Home, team_join."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

from slack_support import BOT_TOKEN, SlackClient
from slack_mock import BOT_USER, MockSlack

from bot.storage import Store


def mention(text: str, ts: str, *, channel: str = "C1", user: str = "U1", thread_ts: str | None = None) -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(text: str, ts: str, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": text, "ts": ts, **extra}


def test_mention_is_answered_in_its_thread_with_a_progress_reaction(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        await s.event(mention("Can I use the City logo on my Instagram?", "100.1"))
        await mock.wait_for("reactions.remove")

    slack(go)
    methods = [m for m in mock.methods() if m != "auth.test"]
    assert methods == ["reactions.add", "chat.postMessage", "reactions.remove"]  # progress shown, then cleared
    add = mock.of("reactions.add")[0]
    assert {k: add.args[k] for k in ("channel", "timestamp", "name")} == {"channel": "C1", "timestamp": "100.1", "name": "hourglass_flowing_sand"}
    assert add.token == BOT_TOKEN
    post = mock.of("chat.postMessage")[0]
    assert post.args["channel"] == "C1" and post.args["thread_ts"] == "100.1"
    assert "<@U1> asked: “Can I use the City logo on my Instagram?”" in post.text_dump()
    buttons = [e["action_id"] for b in post.blocks() if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["open_permalink", "feedback_helpful", "feedback_not_helpful"]  # no "share": it is public already
    assert store.stats().by_channel == {"slack": 1}


def test_a_thread_follow_up_is_asked_with_the_threads_earlier_question(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    root = {"type": "message", "user": "U1", "text": f"<@{BOT_USER}> Someone is bashing city hall on Facebook. Can I reply to them?", "ts": "200.1"}
    bot_reply = {"type": "message", "user": BOT_USER, "bot_id": "BBOT", "text": "No. See COM-001 (b)(iii).", "ts": "200.2", "thread_ts": "200.1"}
    follow = {"type": "message", "user": "U1", "text": f"<@{BOT_USER}> what about on my own account?", "ts": "200.3", "thread_ts": "200.1"}
    mock.threads[("C1", "200.1")] = [root, bot_reply, follow]

    async def go(s: SlackClient) -> None:
        await s.event(mention("what about on my own account?", "200.3", thread_ts="200.1"))
        await mock.wait_for("chat.postMessage")

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    replies = mock.of("conversations.replies")
    assert replies and replies[0].args["channel"] == "C1" and replies[0].args["ts"] == "200.1"
    post = mock.of("chat.postMessage")[0]
    assert post.args["thread_ts"] == "200.1"
    assert "following up on “Someone is bashing city hall on Facebook. Can I reply to them?”" in post.text_dump()
    asked = store.recent_questions("slack:T1:U1")[0].question
    assert asked == "Someone is bashing city hall on Facebook. Can I reply to them? what about on my own account?"
    assert "com-001.personal-use.b.iii" in post.text_dump()  # the earlier question's subject is what got answered


def test_direct_messages_answer_questions_check_drafts_and_greet(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        await s.event(dm("Can I swear on Facebook?", "300.1"))
        await s.event(dm("check: Those idiots on council never listen", "300.2"))
        await s.event(dm("hello", "300.3"))
        await mock.wait_for("chat.postMessage", count=3)
        # Feedback on an answer in the DM: only this person sees it, so it is updated in place.
        answer = next(p for p in mock.of("chat.postMessage") if "feedback_helpful" in p.text_dump())
        answer_id = [e for b in answer.blocks() if b["type"] == "actions" for e in b["elements"]][-1]["value"]
        container = {"type": "message", "message_ts": "300.9", "channel_id": "D1", "is_ephemeral": False}
        _, _, key = await s.click("feedback_helpful", answer_id, container=container, message={"text": answer.args["text"], "blocks": answer.blocks()}, channel="D1")
        updated = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert updated.args["replace_original"] is True and "you found this helpful" in updated.text_dump()
        assert "feedback_helpful" not in updated.text_dump() and "open_permalink" in updated.text_dump()

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    texts = [p.text_dump() for p in mock.of("chat.postMessage")]
    assert len(texts) == 3
    assert any("You asked: “Can I swear on Facebook?”" in t for t in texts)
    assert any("Do not post this as written" in t and "(b)(ii)" in t for t in texts)
    assert any("I answer questions about the social-media policy" in t for t in texts)
    assert all(p.args["channel"] == "D1" and "thread_ts" not in p.args for p in mock.of("chat.postMessage"))
    assert store.stats().checks == 1 and store.stats().answers == 1


def _file(name: str, mimetype: str, filetype: str, size: int, url: str) -> dict[str, Any]:
    return {"id": "F" + name.upper().replace(".", ""), "name": name, "mimetype": mimetype, "filetype": filetype, "pretty_type": filetype.upper(), "size": size, "url_private_download": url, "mode": "hosted"}


def test_a_shared_text_file_is_checked_and_other_files_are_refused(slack: Callable[..., Any], mock: MockSlack) -> None:
    draft = "Our useless mayor is an idiot. Retweet!\n"
    mock.files["post.txt"] = (draft.encode(), "text/plain")
    txt = _file("post.txt", "text/plain", "text", len(draft), f"{mock.url}/files/post.txt")
    pdf = _file("post.pdf", "application/pdf", "pdf", 2000, f"{mock.url}/files/post.pdf")
    huge = _file("huge.md", "text/markdown", "markdown", 900_000, f"{mock.url}/files/huge.md")
    foreign = _file("x.txt", "text/plain", "text", 10, "https://attacker.test/collect")
    for f in (txt, pdf, huge, foreign):
        mock.file_records[f["id"]] = f

    async def go(s: SlackClient) -> None:
        for i, f in enumerate((txt, pdf, huge, foreign)):
            await s.event(dm("", f"400.{i}", subtype="file_share", files=[{"id": f["id"]}]))
        await mock.wait_for("chat.postMessage", count=4)

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    downloads = mock.of("file_download")
    assert [d.args["name"] for d in downloads] == ["post.txt"] and downloads[0].token == BOT_TOKEN
    posts = [p.text_dump() for p in mock.of("chat.postMessage")]
    assert sum("Do not post this as written" in t and "idiot" in t for t in posts) == 1
    assert sum("post.pdf is a PDF file; I can only check plain text" in t for t in posts) == 1
    assert sum("huge.md is 878 KB" in t for t in posts) == 1
    assert sum("I cannot download x.txt" in t for t in posts) == 1


def test_app_home_shows_the_tour_examples_and_recent_questions(slack: Callable[..., Any], mock: MockSlack, service: Any) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?")
        await mock.wait_for("response_url", lambda c: c.args["_key"] == key)
        await s.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home", "event_ts": "1.1"})
        await mock.wait_for("views.publish")
        await s.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "messages", "event_ts": "1.2"})
        await asyncio.sleep(0.3)

    slack(go, SLACK_TEAM_ORGS="T1=mission")
    publishes = mock.of("views.publish")
    assert len(publishes) == 1 and publishes[0].args["user_id"] == "U1"  # the messages tab publishes nothing
    view = publishes[0].view()
    dump = publishes[0].text_dump()
    assert view["type"] == "home"
    clause = service.catalog.clause("hum-11a.crisis.ii")
    assert clause.text.split(".")[0] in dump and f"<{service.clause_url(clause)}|{clause.label}>" in dump
    assert "COM-001" not in dump  # the workspace's policy only
    asks = [b["accessory"]["value"] for b in view["blocks"] if b.get("accessory", {}).get("action_id") == "home_ask_example"]
    assert "mission|Can I post about the flood emergency on my Facebook?" in asks
    assert any(e.get("action_id") == "home_check_draft" for b in view["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert "Can I swear on Facebook?" in dump and "http://bot.test/a/" in dump  # the recent question, linked


def test_new_members_get_a_welcome_dm_and_bots_do_not(slack: Callable[..., Any], mock: MockSlack) -> None:
    async def go(s: SlackClient) -> None:
        await s.event({"type": "team_join", "user": {"id": "UBOTX", "is_bot": True}, "event_ts": "1.1"})
        await s.event({"type": "team_join", "user": {"id": "UNEW", "name": "new", "is_bot": False}, "event_ts": "1.2"})
        await mock.wait_for("chat.postMessage")
        await asyncio.sleep(0.3)

    slack(go)
    posts = mock.of("chat.postMessage")
    assert len(posts) == 1 and posts[0].args["channel"] == "UNEW"
    assert "<slack://app?team=T1&id=A0POLICY&tab=home|my Home tab>" in posts[0].text_dump()


def test_an_oversized_draft_is_refused_in_words_not_dropped(slack: Callable[..., Any], mock: MockSlack) -> None:
    """Over the web server's 128 KB body limit (Slack sends the text twice, JSON-escaped):
    the person still hears why, instead of Slack retrying into silence."""
    draft = "Café " * 7000  # 35,000 characters; as JSON with its rich-text copy, ~140 KB
    event = dm(f"check {draft}", "600.1", blocks=[{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": draft}]}]}])

    assert len(json.dumps(event)) > 128 * 1024

    async def go(s: SlackClient) -> None:
        status, _ = await s.event(event)
        assert status == 200
        await mock.wait_for("chat.postMessage")

    slack(go)
    assert "The draft is 34,999 characters long; the limit is 10,000" in mock.of("chat.postMessage")[0].text_dump()
