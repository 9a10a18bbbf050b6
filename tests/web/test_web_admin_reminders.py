"""HR schedules, lists and cancels Teams reminders from the admin page."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from aiohttp.test_utils import TestClient

from bot.settings import Settings
from bot.storage import Store


def test_hr_schedules_and_cancels_a_teams_reminder_from_the_admin_page(call: Callable[..., Any], store: Store, web_settings: Settings) -> None:
    ADMIN_TOKEN = web_settings.admin_token
    store.save_conversation("teams", "19:abc@thread.tacv2", {"conversation": {"id": "19:abc@thread.tacv2"}}, name="Parks crew › General")
    when = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    async def body(client: TestClient) -> dict[str, Any]:
        out: dict[str, Any] = {}
        out["denied"] = (await client.post("/admin/reminders", data={"conversation": "x"})).status
        page = await (await client.get(f"/admin?token={ADMIN_TOKEN}")).text()
        out["form"] = "Schedule a Teams reminder" in page and "Parks crew › General" in page
        form = {"conversation": "19:abc@thread.tacv2", "send_at": when, "answer": "Can I use the City logo on my Instagram?", "note": ""}
        resp = await client.post(f"/admin/reminders?token={ADMIN_TOKEN}", data=form, allow_redirects=True)
        out["scheduled_page"] = await resp.text()
        bad = dict(form, send_at=past)
        out["past_page"] = await (await client.post(f"/admin/reminders?token={ADMIN_TOKEN}", data=bad, allow_redirects=True)).text()
        reminder = store.reminders("teams")[0]
        out["reminder"] = reminder
        resp = await client.post(f"/admin/reminders/cancel?token={ADMIN_TOKEN}", data={"id": reminder.id}, allow_redirects=True)
        out["cancel_page"] = await resp.text()
        return out

    out = call(body)
    assert out["denied"] == 401
    assert out["form"]
    reminder = out["reminder"]
    assert reminder.target_name == "Parks crew › General" and reminder.answer_id
    assert store.get_answer(reminder.answer_id) is not None  # the question was answered and stored for the permalink
    assert "Scheduled for" in out["scheduled_page"] and reminder.text in out["scheduled_page"]
    assert "already passed" in out["past_page"]
    assert "Reminder cancelled." in out["cancel_page"]
    assert [r.status for r in store.reminders("teams", status=None)] == ["cancelled"]
