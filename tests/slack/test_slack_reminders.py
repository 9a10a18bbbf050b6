"""HR reminders: schedule, post now, list, cancel, and every refusal in plain words."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any, Callable

from slack_support import HR_USER, SlackClient
from slack_mock import MockSlack

from bot.storage import Store

CHANNEL = "<#C0REMIND|general>"


def test_hr_schedules_lists_and_cancels_a_reminder(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    question = "Can I use the City logo on my Instagram?"

    async def go(s: SlackClient) -> None:
        _, ack, key = await s.command(f"remind {CHANNEL} tomorrow 9:00 {question}", user=HR_USER)
        assert "Setting up the reminder" in ack["text"]
        confirmation = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "Scheduled for <#C0REMIND> on <!date^" in confirmation.text_dump()

        _, _, key = await s.command("reminders", user=HR_USER)
        listing = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        cancel = [b["accessory"] for b in listing.blocks() if b.get("accessory", {}).get("action_id") == "cancel_reminder"]
        assert len(cancel) == 1 and cancel[0]["confirm"]["confirm"]["text"] == "Cancel it"
        assert question in listing.text_dump()

        _, _, key = await s.click("cancel_reminder", cancel[0]["value"], user="U1")  # not HR
        refused = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "Only HR" in refused.text_dump() and mock.of("chat.deleteScheduledMessage") == []

        _, _, key = await s.click("cancel_reminder", cancel[0]["value"], user=HR_USER)
        after = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert after.args["replace_original"] is True
        assert "Cancelled the reminder for <#C0REMIND>" in after.text_dump() and "No reminders are scheduled" in after.text_dump()

    slack(go, SLACK_TEAM_ORGS="T1=saint-john")
    users = mock.of("users.info")
    assert users and users[0].args["user"] == HR_USER
    scheduled = mock.of("chat.scheduleMessage")[0]
    halifax = zoneinfo.ZoneInfo("America/Halifax")
    tomorrow = dt.datetime.now(halifax).date() + dt.timedelta(days=1)
    assert scheduled.args["post_at"] == int(dt.datetime.combine(tomorrow, dt.time(9, 0), tzinfo=halifax).timestamp())
    assert scheduled.args["channel"] == "C0REMIND"
    dump = scheduled.text_dump()
    assert "A reminder about the social-media policy" in dump and f"Q: {question}" in dump
    assert "Do not use the City’s logos or trademarks" in dump  # the answer, quoted
    permalink = [e for b in scheduled.blocks() if b["type"] == "actions" for e in b["elements"]][0]["url"]
    assert permalink.startswith("http://bot.test/a/")
    deleted = mock.of("chat.deleteScheduledMessage")[0]
    assert deleted.args == {**deleted.args, "channel": "C0REMIND", "scheduled_message_id": "Q0001"}
    (reminder,) = store.reminders("slack", workspace="T1", status=None)
    assert (reminder.status, reminder.target, reminder.target_name, reminder.text) == ("cancelled", "C0REMIND", "general", question)
    assert reminder.answer_id == permalink.rsplit("/", 1)[1]


def test_hr_posts_an_existing_answer_now_by_its_link(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("Can I swear on Facebook?", user=HR_USER)
        answer = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        answer_id = [e for b in answer.blocks() if b["type"] == "actions" for e in b["elements"]][0]["value"]
        _, _, key = await s.command(f"remind {CHANNEL} now <http://bot.test/a/{answer_id}>", user=HR_USER)
        done = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "Posted in <#C0REMIND>" in done.text_dump()
        _, _, key = await s.command(f"remind {CHANNEL} now <http://bot.test/a/doesnotexist>", user=HR_USER)
        missing = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "There is no answer at http://bot.test/a/doesnotexist" in missing.text_dump()

    slack(go)
    (post,) = mock.of("chat.postMessage")
    assert post.args["channel"] == "C0REMIND" and "Q: Can I swear on Facebook?" in post.text_dump()
    assert mock.of("chat.scheduleMessage") == []
    (reminder,) = store.reminders("slack", status=None)
    assert reminder.status == "sent" and store.stats().answers == 1  # the linked answer was reused, not asked again


def test_reminder_refusals_say_what_to_fix(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    cases = [
        ("remind #general tomorrow 9:00 Can I swear?", "Pick the channel from Slack's suggestions"),
        (f"remind {CHANNEL} someday Can I swear?", "I could not tell when to post it from “someday”"),
        (f"remind {CHANNEL} 2020-01-01 09:00 Can I swear?", "has already passed"),
        (f"remind {CHANNEL} 2099-01-01 09:00 Can I swear?", "at most 120 days ahead"),
        (f"remind {CHANNEL} in 2 hours", "Add the question"),
    ]

    async def go(s: SlackClient) -> None:
        for text, expected in cases:
            _, _, key = await s.command(text, user=HR_USER)
            told = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
            assert expected in told.text_dump(), (text, told.text_dump())
        mock.errors["chat.scheduleMessage"] = "not_in_channel"
        _, _, key = await s.command(f"remind {CHANNEL} in 2 hours Can I swear on Facebook?", user=HR_USER)
        told = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "I am not a member of <#C0REMIND>. Invite me first" in told.text_dump()

    slack(go)
    assert store.reminders("slack", status=None) == ()


def test_the_list_drops_reminders_slack_has_already_sent(slack: Callable[..., Any], mock: MockSlack, store: Store) -> None:
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    gone = store.add_reminder(platform="slack", workspace="T1", target="C1", text="Old question", send_at=past, platform_ref="Q9999")

    async def go(s: SlackClient) -> None:
        _, _, key = await s.command("reminders", user=HR_USER)
        listing = (await mock.wait_for("response_url", lambda c: c.args["_key"] == key))[0]
        assert "No reminders are scheduled" in listing.text_dump()

    slack(go)
    assert [r.status for r in store.reminders("slack", status=None) if r.id == gone.id] == ["sent"]
