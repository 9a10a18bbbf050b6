"""Storage the chat platforms share: per-user org choice, reminders, conversation references."""

import datetime as dt
from bot.storage import Store
def test_platform_store(tmp_path):
    s = Store.open(tmp_path/"x.db", salt="s")
    assert s.user_org("slack","T1:U1") is None
    s.set_user_org("slack","T1:U1","mission"); s.set_user_org("slack","T1:U1","saint-john")
    assert s.user_org("slack","T1:U1") == "saint-john"
    now = dt.datetime.now(dt.timezone.utc)
    r = s.add_reminder(platform="teams", target="c1", text="hi", send_at=now - dt.timedelta(minutes=1), created_by="hr")
    s.add_reminder(platform="teams", target="c1", text="later", send_at=now + dt.timedelta(hours=1))
    assert [x.id for x in s.due_reminders("teams")] == [r.id]
    assert s.update_reminder(r.id, status="sent")
    assert len(s.reminders("teams")) == 1 and not s.due_reminders("teams")
    s.save_conversation("teams","k",{"a":1},name="General"); s.save_conversation("teams","k",{"a":2})
    assert s.conversation("teams","k").reference == {"a":2} and s.conversations("teams")[0].name == "General"
    assert s.recent_questions("nobody") == ()
