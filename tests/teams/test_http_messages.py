"""Messages over HTTP: real activities POSTed to /api/messages of the real app, replies
recorded by the mock Bot Connector (the activity's serviceUrl)."""

from __future__ import annotations

import asyncio
from typing import Any

from .harness import BOT_ID, Harness, MockConnector, activity, mention, run_scenario

LOGO_Q = "Can I use the City logo on my Instagram?"


def _answer_reply(calls: list[Any]) -> Any:
    replies = [c for c in calls if c.type == "message" and c.cards]
    assert replies, [(c.path, c.type) for c in calls]
    return replies[-1]


def test_personal_question_gets_a_cited_card_marked_ai_generated(teams_app, store, assert_valid_card) -> None:
    app = teams_app(MICROSOFT_TENANT_ORGS="72f988bf-0000-4000-8000-000000000001=saint-john")

    async def scenario(h: Harness) -> Any:
        body = activity(h.url, text=LOGO_Q, activity_id="msg-logo-1")
        status, _ = await h.post(body)
        assert status in (200, 202)
        calls = await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        permalink_page = await h.client.get("/a/" + _answer_reply(calls).cards[0]["actions"][0]["url"].rsplit("/a/", 1)[1])
        return calls, permalink_page.status

    calls, page_status = run_scenario(app, scenario)
    typing = [c for c in calls if c.type == "typing"]
    assert typing and calls.index(typing[0]) < calls.index(_answer_reply(calls)), "typing indicator first"
    reply = _answer_reply(calls)
    # A reply to the person's message, in their conversation.
    assert reply.method == "POST" and reply.conversation_id == "a:personal-chat-1" and reply.activity_id == "msg-logo-1"
    body = reply.body
    card = reply.cards[0]
    assert_valid_card(card)
    flat = str(card)
    assert "Do not use the City’s logos or trademarks on Personal Use Social Media sites;" in flat  # verbatim quote
    assert "COM-001 › Personal Use of Social Media › (b)(iv)" in flat
    assert "http://bot.test/policies/COM-001#com-001.personal-use.b.iv" in flat  # citation link
    kinds = {a["type"] for a in card["actions"]}
    assert {"Action.OpenUrl", "Action.Execute"} <= kinds  # permalink + feedback (Teams)
    # Teams AI label and citations survive serialization to the connector.
    [entity] = [e for e in body["entities"] if e.get("type") == "https://schema.org/Message"]
    assert entity["@type"] == "Message" and entity["@context"] == "https://schema.org" and entity["@id"] == ""
    assert entity["additionalType"] == ["AIGeneratedContent"]
    positions = [c["position"] for c in entity["citation"]]
    assert positions == list(range(1, len(positions) + 1)) and positions
    for n in positions:
        assert f"[{n}]" in body["text"]
    first = entity["citation"][0]["appearance"]
    assert first["@type"] == "DigitalDocument" and len(first["abstract"]) <= 160 and len(first["name"]) <= 80
    assert first["url"].startswith("http://bot.test/policies/")
    # Stored durably: the permalink in the card resolves on the same server.
    assert page_status == 200
    assert store.stats().by_channel.get("teams") == 1


def test_channel_mention_is_stripped_and_reply_goes_to_the_thread(teams_app, store) -> None:
    app = teams_app()

    async def scenario(h: Harness) -> Any:
        status, _ = await h.post(mention("can I reply to people criticizing city council on facebook?", h.url, activity_id="chan-1"))
        assert status in (200, 202)
        return await h.connector.wait_for(lambda cs: any(c.cards for c in cs))

    calls = run_scenario(app, scenario)
    reply = _answer_reply(calls)
    assert reply.conversation_id == "19:general@thread.tacv2;messageid=1700000000001" and reply.activity_id == "chan-1"
    [row] = store.recent_questions("teams:72f988bf-0000-4000-8000-000000000001:aad-user-1")
    assert row.question == "can I reply to people criticizing city council on facebook?"  # no "Policy Bot" in it
    # No org known (no tenant mapping, no default): one section per policy, both labelled.
    text = str(reply.cards[0])
    assert "City of Saint John" in text and "City of Mission" in text


def test_repeated_activity_is_answered_once_even_after_a_restart(teams_app) -> None:
    body_holder: dict[str, Any] = {}

    async def first(h: Harness) -> Any:
        body = activity(h.url, text="Do I need a disclaimer on my personal account?", activity_id="retry-1")
        body_holder["body"] = body
        s1, _ = await h.post(body)
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        s2, d2 = await h.post(body)  # Teams' retry of the same activity
        await asyncio.sleep(0.3)
        return s1, s2, d2, len([c for c in h.connector.calls if c.cards])

    s1, s2, d2, answered = run_scenario(teams_app(), first)
    assert (s1, s2, answered) == (200, 200, 1) and d2 == {"status": "duplicate"}

    async def after_restart(h: Harness) -> Any:
        body = dict(body_holder["body"], serviceUrl=h.url)
        status, data = await h.post(body)
        await asyncio.sleep(0.3)
        return status, data, h.connector.calls

    status, data, calls = run_scenario(teams_app(), after_restart)  # a new app on the same database
    assert status == 200 and data == {"status": "duplicate"} and calls == []


def test_help_org_and_check_commands(teams_app, store, assert_valid_card) -> None:
    app = teams_app()

    async def scenario(h: Harness) -> Any:
        out = {}
        for key, text in (("help", "help"), ("org", "org mission"), ("ask", "can I go on social media during work hours?"),
                          ("check", "check Our idiot mayor wrecked the budget again. Call me at 506-555-0199 to complain!")):
            before = len(h.connector.calls)
            status, _ = await h.post(activity(h.url, text=text))
            assert status in (200, 202)
            await h.connector.wait_for(lambda cs, b=before: any(c.cards for c in cs[b:]))
            out[key] = [c for c in h.connector.calls[before:] if c.cards][-1].cards[0]
        return out

    cards = run_scenario(app, scenario)
    for card in cards.values():
        assert_valid_card(card)
    assert "What I can do" in str(cards["help"])
    assert "City of Mission" in str(cards["org"])  # the tour for the chosen org
    assert "hum-11a" in str(cards["ask"]) and "COM-001" not in str(cards["ask"])  # answered for Mission only
    check = str(cards["check"])
    assert "Attention" in check and "highlight" in check  # violation, flagged span highlighted
    assert store.stats().checks == 1 and store.stats().checks_by_verdict.get("violation") == 1


def test_emulator_feedback_button_records_the_vote(teams_app, store) -> None:
    app = teams_app()

    async def scenario(h: Harness) -> Any:
        await h.post(activity(h.url, text=LOGO_Q, channel_id="emulator"))
        calls = await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        card = _answer_reply(calls).cards[0]
        submit = [a for a in card["actions"] if a["type"] == "Action.Submit" and a["data"].get("verb") == "feedback"]
        assert len(submit) == 2, card["actions"]  # the Emulator gets Action.Submit, not Execute
        helpful = next(a for a in submit if a["data"]["helpful"] is True)
        before = len(h.connector.calls)
        status, _ = await h.post(activity(h.url, channel_id="emulator", value=helpful["data"]))
        await h.connector.wait_for(lambda cs: len([c for c in cs[before:] if c.type == "message"]) >= 1)
        return status, [c.body.get("text") for c in h.connector.calls[before:] if c.type == "message"]

    status, texts = run_scenario(app, scenario)
    assert status == 200 and any("Thanks" in (t or "") for t in texts)
    assert store.stats().helpful == 1


def test_internal_error_gives_a_friendly_message_and_an_emulator_trace(teams_app, monkeypatch) -> None:
    from adapters.teams import bot

    def explode(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(bot.answers, "answer_message", explode)

    async def scenario(h: Harness) -> Any:
        status, _ = await h.post(activity(h.url, text=LOGO_Q, channel_id="emulator"))
        calls = await h.connector.wait_for(lambda cs: any(c.type == "trace" for c in cs))
        return status, calls

    status, calls = run_scenario(teams_app(), scenario)
    assert status == 200
    messages = [c.body["text"] for c in calls if c.type == "message"]
    assert messages == ["Sorry, something went wrong on our side. Please try again in a moment; if it keeps happening, tell IT."]
    [trace] = [c for c in calls if c.type == "trace"]
    assert "renderer exploded" in str(trace.body["value"])  # the Emulator shows the cause; the chat does not


def test_internal_error_in_teams_sends_no_trace(teams_app, monkeypatch) -> None:
    from adapters.teams import bot

    monkeypatch.setattr(bot.answers, "answer_message", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))

    async def scenario(h: Harness) -> Any:
        await h.post(activity(h.url, text=LOGO_Q))
        await h.connector.wait_for(lambda cs: any(c.type == "message" for c in cs))
        await asyncio.sleep(0.2)
        return h.connector.calls

    calls = run_scenario(teams_app(), scenario)
    assert [c.type for c in calls] == ["typing", "message"]  # traces are for the Emulator only


def test_user_input_errors_are_answered_in_plain_words(teams_app) -> None:
    async def scenario(h: Harness) -> Any:
        await h.post(activity(h.url, text="x" * 2500))
        calls = await h.connector.wait_for(lambda cs: any(c.type == "message" for c in cs))
        return [c.body.get("text", "") for c in calls if c.type == "message"]

    texts = run_scenario(teams_app(), scenario)
    assert any("2,500 characters" in t and "limit is 2,000" in t for t in texts)


def test_slow_turn_is_acknowledged_at_once_and_answered_after(teams_app, monkeypatch) -> None:
    import time

    from adapters.teams import TEAMS, bot

    real_ask = bot.actions.ask

    async def slow_ask(*a: Any, **k: Any) -> Any:
        await asyncio.sleep(1.0)
        return await real_ask(*a, **k)

    monkeypatch.setattr(bot.actions, "ask", slow_ask)
    app = teams_app()
    app[TEAMS].adapter.ack_seconds = 0.2

    async def scenario(h: Harness) -> Any:
        t0 = time.perf_counter()
        status, _ = await h.post(activity(h.url, text=LOGO_Q))
        elapsed = time.perf_counter() - t0
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        return status, elapsed

    status, elapsed = run_scenario(app, scenario)
    assert status == 202 and elapsed < 0.9


def test_http_refusals(teams_app) -> None:
    async def scenario(h: Harness) -> Any:
        out = {}
        r = await h.client.post("/api/messages", data=b"{not json", headers={"Content-Type": "application/json"})
        out["bad json"] = r.status
        r = await h.client.post("/api/messages", data=b"hello", headers={"Content-Type": "text/plain"})
        out["not json"] = r.status
        r = await h.client.get("/api/messages")
        out["get"] = r.status
        status, data = await h.post({"type": "message", "text": "hi"})
        out["no conversation"] = status
        status, data = await h.post(activity("https://smba.trafficmanager.net/amer/", text="hi"))
        out["remote service url in local mode"] = status
        out["local message"] = data["error"]
        out["calls"] = len(h.connector.calls)
        return out

    out = run_scenario(teams_app(), scenario)
    assert out["bad json"] == 400 and out["not json"] == 415 and out["get"] == 405 and out["no conversation"] == 400
    assert out["remote service url in local mode"] == 403 and "MICROSOFT_APP_ID" in out["local message"]
    assert out["calls"] == 0


def test_bot_ignores_its_own_id_in_member_events_and_welcomes_in_personal_chat(teams_app, assert_valid_card) -> None:
    app = teams_app(POLICYBOT_DEFAULT_ORG="mission")

    async def scenario(h: Harness) -> Any:
        body = activity(h.url, type="conversationUpdate", membersAdded=[{"id": BOT_ID, "name": "Policy Bot"}])
        status, _ = await h.post(body)
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        return status, h.connector.calls

    status, calls = run_scenario(app, scenario)
    cards = [c.cards[0] for c in calls if c.cards]
    assert status == 200 and len(cards) == 1
    assert_valid_card(cards[0])
    text = str(cards[0])
    assert "Welcome" in text and "City of Mission" in text and "Try asking" in text


def test_new_team_member_is_welcomed_in_a_private_chat(teams_app, assert_valid_card) -> None:
    app = teams_app()
    connector = MockConnector(members={"29:new-hire": {"id": "29:new-hire", "name": "Robin Newhire", "aadObjectId": "aad-robin"}})

    async def scenario(h: Harness) -> Any:
        body = activity(h.url, type="conversationUpdate", conversation_type="channel", membersAdded=[{"id": "29:new-hire"}])
        status, _ = await h.post(body)
        await h.connector.wait_for(lambda cs: any(c.cards for c in cs))
        return status, h.connector.calls

    status, calls = run_scenario(app, scenario, connector)
    assert status == 200
    created = [c for c in calls if c.method == "POST" and c.path == "/v3/conversations"]
    assert len(created) == 1 and created[0].body["members"][0]["id"] == "29:new-hire"
    # Teams reads the tenant from channelData (botbuilder also sends "tenantID").
    assert created[0].body["channelData"]["tenant"]["id"] == "72f988bf-0000-4000-8000-000000000001"
    [welcome] = [c for c in calls if c.cards]
    assert welcome.conversation_id.startswith("a:new-chat-")  # not the channel
    assert_valid_card(welcome.cards[0])
    assert "Welcome, Robin!" in str(welcome.cards[0]) and "Which organization" in str(welcome.cards[0])
