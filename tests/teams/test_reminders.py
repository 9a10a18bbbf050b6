"""HR reminders: scheduled from a conversation ("remind ...") or from the web admin hook,
posted proactively by the poller to the stored conversation, once."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from bot.storage import Store
from .harness import Harness, activity, mention, run_scenario


async def settled(store: Store, status: str, count: int = 1) -> None:
    """The poller records "sent" just after the connector answered: wait for it."""
    for _ in range(100):
        if len(store.reminders("teams", status=status)) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no reminder reached {status!r}: {store.reminders('teams', status=None)}")

HR = "aad-hr-1"
FAST = {"MICROSOFT_HR_USERS": f"{HR}, someone-else", "MICROSOFT_REMINDER_POLL_SECONDS": "0.1"}


def test_hr_schedules_a_reminder_in_a_channel_and_it_is_posted_with_the_permalink(teams_app, store, assert_valid_card) -> None:
    app = teams_app(**FAST)

    async def scenario(h: Harness) -> Any:
        status, _ = await h.post(mention("remind now Can I post about the flood emergency on my Facebook?", h.url, aad=HR, user_name="Hana HR"))
        assert status in (200, 202)
        # The confirmation in the thread, then the reminder itself as a new channel message.
        calls = await h.connector.wait_for(lambda cs: sum(1 for c in cs if c.cards) >= 2)
        await settled(store, "sent")
        return calls

    calls = run_scenario(app, scenario)
    confirmation, delivered = [c for c in calls if c.cards][:2]
    assert "Reminder scheduled" in str(confirmation.cards[0])
    assert delivered.conversation_id == "19:general@thread.tacv2" and delivered.activity_id is None  # top level, not in the thread
    card = delivered.cards[0]
    assert_valid_card(card)
    assert "Reminder from HR" in str(card)
    [reminder] = store.reminders("teams", status=None)
    assert reminder.status == "sent" and reminder.platform_ref.startswith("sent-")
    permalink = f"http://bot.test/a/{reminder.answer_id}"
    assert {"type": "Action.OpenUrl", "title": "Open answer page", "url": permalink} in card["actions"]
    assert delivered.body["entities"][0]["additionalType"] == ["AIGeneratedContent"]
    assert store.get_answer(reminder.answer_id).question == "Can I post about the flood emergency on my Facebook?"


def test_only_hr_may_schedule(teams_app, store) -> None:
    async def scenario(h: Harness) -> Any:
        await h.post(activity(h.url, text="remind tomorrow 9am Can I swear on Facebook?"))
        return await h.connector.wait_for(lambda cs: any(c.type == "message" for c in cs))

    calls = run_scenario(teams_app(**FAST), scenario)
    [reply] = [c for c in calls if c.type == "message"]
    assert "Only HR can schedule reminders" in reply.body["text"]
    assert store.reminders("teams", status=None) == ()


def test_remind_with_an_answer_link_a_list_and_a_cancel(teams_app, store, assert_valid_card) -> None:
    app = teams_app(**FAST)

    async def scenario(h: Harness) -> Any:
        await h.post(activity(h.url, text="Can I use the City logo on my Instagram?", aad=HR))
        calls = await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        link = [c for c in calls if c.cards][-1].cards[0]["actions"][0]["url"]
        await h.post(activity(h.url, text=f"remind friday 9am <{link}> Logos stay off personal accounts, please.", aad=HR))
        await h.connector.wait_for(lambda cs: sum(1 for c in cs if c.cards) >= 2)
        await h.post(activity(h.url, text="reminders", aad=HR))
        await h.connector.wait_for(lambda cs: sum(1 for c in cs if c.cards) >= 3)
        listing = [c for c in h.connector.calls if c.cards][-1].cards[0]
        [reminder] = store.reminders("teams")
        cancel = activity(h.url, type="invoke", name="adaptiveCard/action", aad=HR,
                          value={"action": {"type": "Action.Execute", "verb": "cancelReminder", "data": {"verb": "cancelReminder", "reminderId": reminder.id}}})
        status, body = await h.post(cancel)
        return link, listing, reminder, status, body

    link, listing, reminder, status, body = run_scenario(app, scenario)
    assert reminder.answer_id == link.rsplit("/a/", 1)[1] and reminder.text == "Logos stay off personal accounts, please."
    assert reminder.send_at.astimezone(dt.timezone.utc).weekday() in (4, 5)  # Friday 9:00 in Moncton
    assert "(America/Moncton)" in str(listing) and "Logos stay off" in str(listing)
    assert_valid_card(listing)
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive" and "Cancelled the reminder" in str(body["value"])
    assert_valid_card(body["value"])
    assert store.reminders("teams", status="cancelled")[0].id == reminder.id


def test_web_admin_hook_schedules_into_a_stored_conversation(teams_app, store) -> None:
    from adapters.teams import TEAMS, ReminderError, schedule_reminder, teams_conversations

    app = teams_app(**FAST)

    async def scenario(h: Harness) -> Any:
        state = app[TEAMS].state
        try:
            await schedule_reminder(state, conversation_key="19:unknown@thread.tacv2", send_at=dt.datetime.now(dt.timezone.utc), answer_ref="x", created_by="web:hr")
        except ReminderError as exc:
            unknown = exc.message
        await h.post(mention("help", h.url))  # the bot learns the channel
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        [conversation] = await teams_conversations(state)
        before = len(h.connector.calls)
        reminder = await schedule_reminder(
            state, conversation_key=conversation.key, send_at=dt.datetime.now(dt.timezone.utc),
            answer_ref="Can I go on social media during work hours?", org="mission", created_by="web:hr-admin", note="Quick reminder before the long weekend.",
        )
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs[before:]))
        await settled(store, "sent")
        return unknown, conversation, reminder, h.connector.calls[before:]

    unknown, conversation, reminder, calls = run_scenario(app, scenario)
    assert "has not been added to that conversation" in unknown
    assert conversation.name == "Parks › General" and conversation.key == "19:general@thread.tacv2"
    [sent] = [c for c in calls if c.cards]
    assert "Quick reminder before the long weekend." in str(sent.cards[0]) and "hum-11a" in str(sent.cards[0])
    assert store.reminders("teams", status="sent")[0].id == reminder.id


def test_failed_delivery_is_recorded_and_each_reminder_is_claimed_once(teams_app, store, monkeypatch) -> None:
    from adapters.teams import TEAMS, reminders

    app = teams_app(MICROSOFT_HR_USERS=HR, MICROSOFT_REMINDER_POLL_SECONDS="3600")  # the test drives delivery

    async def scenario(h: Harness) -> Any:
        runtime = app[TEAMS]
        await h.post(activity(h.url, text="help"))
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        [conversation] = store.conversations("teams")
        now = dt.datetime.now(dt.timezone.utc)
        ok = await reminders.schedule_reminder(runtime.state, conversation_key=conversation.key, send_at=now, answer_ref="Can I swear on Facebook?", org="mission", created_by="web:hr")
        # Two pollers (two server processes) at once: the reminder goes out once.
        sent = await asyncio.gather(runtime.deliver_due(), runtime.deliver_due())
        h.connector.fail.extend([503, 503])
        bad = await reminders.schedule_reminder(runtime.state, conversation_key=conversation.key, send_at=now, answer_ref="Can I swear on Facebook?", org="mission", created_by="web:hr")
        failed = await reminders.deliver_due(runtime.state, runtime.send_proactive, runtime.policy_names(), attempts=2, backoff=0.01)
        return ok, bad, sent, failed

    ok, bad, sent, failed = run_scenario(app, scenario)
    assert sorted(sent) == [0, 1] and failed == 0
    statuses = {r.id: r for r in store.reminders("teams", status=None)}
    assert statuses[ok.id].status == "sent"
    assert statuses[bad.id].status == "failed" and "HTTP 503" in statuses[bad.id].error
