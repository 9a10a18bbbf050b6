"""Microsoft Teams bot (botbuilder CloudAdapter) mounted on the policybot web server."""

from __future__ import annotations

from aiohttp import web


def mount(app: web.Application) -> None:
    """Add the Teams endpoint to `app` (placeholder until built) (placeholder until built)."""
    return None
