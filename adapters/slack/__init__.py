"""Slack app (slack-bolt AsyncApp) mounted on the policybot web server."""

from __future__ import annotations

from aiohttp import web


def mount(app: web.Application) -> None:
    """Add the Slack endpoints to `app` when Slack is configured (placeholder until built)."""
    return None
