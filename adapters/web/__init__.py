"""The web adapter: one aiohttp server for the JSON API, the pages and (later) the Slack and
Teams endpoints. It translates HTTP to calls on `bot.service` / `bot.storage` and renders
the results; no retrieval or policy logic lives here."""

from adapters.web.app import build_app, run, start

__all__ = ["build_app", "run", "start"]
