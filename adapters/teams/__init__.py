"""Microsoft Teams bot (botbuilder CloudAdapter) mounted on the policybot web server.

    build_app(...)                      # calls mount(app): POST /api/messages, the reminder poller
    runtime = app[TEAMS]                # the adapter, the bot and the settings, for tests and hooks

For the web admin page (HR reminders scheduled from the browser):

    await teams_conversations(state)                        # where the bot can post, by name
    await schedule_reminder(state, conversation_key=..., send_at=aware_datetime,
                            answer_ref="<permalink, answer id or question>", created_by="web:...")
    await cancel_reminder(state, reminder_id)

`schedule_reminder` raises `ReminderError` with a message for HR; the poller posts the
reminder when it is due (within MICROSOFT_REMINDER_POLL_SECONDS).
"""

from __future__ import annotations

from aiohttp import web

from adapters.teams.config import TeamsConfig, TeamsConfigError
from adapters.teams.reminders import ReminderError, cancel_reminder, schedule_reminder, teams_conversations
from adapters.teams.runtime import TeamsRuntime

TEAMS: web.AppKey[TeamsRuntime] = web.AppKey("policybot_teams", TeamsRuntime)

__all__ = [
    "TEAMS",
    "ReminderError",
    "TeamsConfig",
    "TeamsConfigError",
    "TeamsRuntime",
    "cancel_reminder",
    "mount",
    "schedule_reminder",
    "teams_conversations",
]


def mount(app: web.Application) -> None:
    """Add `POST /api/messages` and the reminder poller to `app`.

    With MICROSOFT_APP_ID set, every request must carry a Bot Framework token for that app;
    without it the bot runs in local mode for the Bot Framework Emulator. A setting that
    cannot work raises `TeamsConfigError` here, at start-up, naming what to fix.
    """
    from adapters.web.runtime import STATE

    state = app[STATE]
    runtime = TeamsRuntime(state, TeamsConfig.from_settings(state.settings))
    app[TEAMS] = runtime
    app.router.add_post("/api/messages", runtime.handle)
    app.cleanup_ctx.append(runtime.lifecycle)
