"""Slack app (slack-bolt AsyncApp) mounted on the policybot web server.

    mount(app)      # called by adapters.web.build_app; does nothing unless Slack is configured

Modules, one concept each:

    config        the SLACK_* settings, validated at start-up
    bolt_app      the AsyncApp: client, OAuth, answer-each-delivery-once middleware
    http          aiohttp routes for bolt, Socket Mode start and stop
    listeners/    commands, events, interactions (ack at once, work in lazy listeners)
    work          ask / check through the web adapter's actions, rendered for Slack
    reminders     HR reminders (schedule, list, cancel)
    app_home      the App Home tab
    files         reading a shared text file or snippet, bounded
    commands      parsing "/policy …" (pure)
    whens         parsing reminder times (pure)
    mrkdwn        escaping, links, quotes, splitting; reading Slack text (pure)
    blocks/       Block Kit builders within Slack's limits (pure)
    installations OAuth installation and state stores on the policybot database
    oauth_pages   the pages an admin sees when an install finishes or fails
"""

from __future__ import annotations

from aiohttp import web

from adapters.slack.config import SlackConfig

__all__ = ["mount"]


def mount(app: web.Application) -> None:
    """Add the Slack endpoints to `app` when Slack is configured: `POST /slack/events` with
    SLACK_SIGNING_SECRET, the OAuth routes with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET, and a
    Socket Mode connection at start-up with SLACK_APP_TOKEN. Raises `SlackConfigError` for
    settings that cannot work (the server should not start half-configured)."""
    from adapters.web.runtime import STATE

    state = app[STATE]
    config = SlackConfig.from_settings(state.settings)
    if not config.enabled:
        return
    # Imported only when Slack is configured: bolt and the SDK stay out of web-only servers.
    from adapters.slack.bolt_app import build_bolt_app
    from adapters.slack.config import EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH
    from adapters.slack.http import SLACK, SlackMount, slack_events, slack_install, slack_lifecycle, slack_oauth_redirect
    from adapters.slack.runtime import SlackDeps

    deps = SlackDeps(state=state, config=config)
    bolt, runner = build_bolt_app(deps)
    app[SLACK] = SlackMount(bolt=bolt, runner=runner, deps=deps)
    if config.http_mode:
        app.router.add_post(EVENTS_PATH, slack_events)
    if config.oauth:
        app.router.add_get(INSTALL_PATH, slack_install)
        app.router.add_get(REDIRECT_PATH, slack_oauth_redirect)
    app.cleanup_ctx.append(slack_lifecycle)
