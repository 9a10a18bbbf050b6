"""Bolt listeners, one module per kind of request Slack sends:

    commands      /policy (ask, check, help, org, remind, reminders)
    events        @mentions, direct messages, App Home opened, team_join
    interactions  buttons, the "Check against policy" shortcut, modal submissions

Each listener acks at once (Slack's 3-second rule) and does its work in a lazy listener,
which bolt runs after the ack; the work is wrapped in `runtime.guarded`, so a failure is
always told to the person in plain words and logged.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from adapters.slack.listeners import commands, events, interactions
from adapters.slack.runtime import SlackDeps


def register(app: AsyncApp, deps: SlackDeps) -> None:
    commands.register(app, deps)
    events.register(app, deps)
    interactions.register(app, deps)
