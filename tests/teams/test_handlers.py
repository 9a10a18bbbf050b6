"""The bot's handlers under botbuilder's `TestAdapter` (no HTTP): what each kind of
activity gets back, as botbuilder `Activity` objects."""

from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount

from adapters.teams.config import TeamsConfig
from adapters.teams.messages import AIMessageEntity
from adapters.teams.runtime import TeamsRuntime
from adapters.web.runtime import WebState
from bot.settings import Settings
from bot.storage import Store

TENANT = "tenant-handlers"


@pytest.fixture
def make_bot(service: Any, store: Store, teams_settings: Callable[..., Settings]) -> Callable[..., tuple[TestAdapter, TeamsRuntime]]:
    def make(channel: str = "msteams", **extra: str) -> tuple[TestAdapter, TeamsRuntime]:
        settings = teams_settings(**extra)
        runtime = TeamsRuntime(WebState(settings=settings, store=store, service=service), TeamsConfig.from_settings(settings))
        template = Activity(
            channel_id=channel,
            service_url="https://test.invalid",
            from_property=ChannelAccount(id="29:u", name="Kim Worker", aad_object_id="aad-kim"),
            recipient=ChannelAccount(id="28:bot", name="Policy Bot"),
            conversation=ConversationAccount(id="a:chat", conversation_type="personal", tenant_id=TENANT),
        )
        return TestAdapter(runtime.bot.on_turn, template), runtime

    return make


def say(adapter: TestAdapter, text: str | None = None, **kw: Any) -> list[Activity]:
    before = len(adapter.activity_buffer)
    activity = Activity(type=kw.pop("type", ActivityTypes.message), text=text, channel_data={"tenant": {"id": TENANT}}, **kw)
    asyncio.run(adapter.process_activity(activity, adapter.logic))
    return adapter.activity_buffer[before:]


def cards(replies: list[Activity]) -> list[dict[str, Any]]:
    return [a.content for r in replies for a in (r.attachments or [])]


def test_question_gets_typing_then_an_ai_labelled_answer(make_bot) -> None:
    adapter, _ = make_bot(MICROSOFT_TENANT_ORGS=f"{TENANT}=saint-john")
    replies = say(adapter, "Can I sign up for Facebook with my work email?")
    assert [r.type for r in replies] == ["typing", "message"]
    answer = replies[1]
    [entity] = answer.entities
    assert isinstance(entity, AIMessageEntity) and entity.citation
    assert entity.serialize()["citation"][0]["appearance"]["name"].startswith("COM-001")
    assert "com-001.personal-use.b.vii" in str(cards(replies))


def test_help_lists_hr_commands_only_for_hr(make_bot) -> None:
    adapter, _ = make_bot()
    assert "remind" not in str(cards(say(adapter, "help")))
    hr_adapter, _ = make_bot(MICROSOFT_HR_USERS="AAD-KIM")  # ids compare case-insensitively
    assert "remind <when>" in str(cards(say(hr_adapter, "help")))


def test_org_choice_is_remembered_and_a_mapped_tenant_is_fixed(make_bot, store: Store) -> None:
    adapter, _ = make_bot()
    [reply] = say(adapter, "org nowhere")
    assert "I don't know an organization called “nowhere”" in reply.text and "**mission**" in reply.text
    say(adapter, "org City of Saint John")
    assert store.user_org("teams", f"{TENANT}:aad-kim") == "saint-john"
    assert "COM-001" in str(cards(say(adapter, "org")))

    fixed, _ = make_bot(MICROSOFT_TENANT_ORGS=f"{TENANT}=mission")
    [reply] = say(fixed, "org saint john")
    assert "City of Mission" in reply.text and "This Teams organization is set up for it" in reply.text


def test_check_without_a_draft_explains_how(make_bot) -> None:
    adapter, _ = make_bot()
    [reply] = say(adapter, "check")
    assert "followed by the text of your post" in reply.text


def test_reminder_time_errors_are_explained(make_bot) -> None:
    adapter, _ = make_bot(MICROSOFT_HR_USERS="aad-kim")
    [reply] = say(adapter, "remind someday Can I swear?")
    assert "couldn't tell when" in reply.text and "tomorrow 9am" in reply.text
    [reply] = say(adapter, "remind 2020-01-01 09:00 Can I swear?")
    assert "has already passed" in reply.text
    [reply] = say(adapter, "remind tomorrow 9am")
    assert "Say what the reminder should quote" in reply.text


def test_emulator_conversation_start_gets_one_welcome(make_bot) -> None:
    adapter, _ = make_bot(channel="emulator")
    replies = say(
        adapter,
        type=ActivityTypes.conversation_update,
        members_added=[ChannelAccount(id="29:u", name="Kim Worker"), ChannelAccount(id="28:bot", name="Policy Bot")],
    )
    [card] = cards(replies)
    assert "Welcome, Kim!" in str(card) and "Which organization do you work for?" in str(card)
    # The Emulator cannot run Action.Execute: its buttons are Action.Submit.
    assert "Action.Execute" not in str(card) and "Action.Submit" in str(card)


def test_messageback_ask_button_answers_for_the_buttons_org(make_bot, store: Store) -> None:
    adapter, _ = make_bot()
    replies = say(adapter, "Can I post about the flood emergency on my Facebook?", value={"verb": "ask", "q": "Can I post about the flood emergency on my Facebook?", "org": "mission"})
    assert "hum-11a" in str(cards(replies)) and "COM-001" not in str(cards(replies))
