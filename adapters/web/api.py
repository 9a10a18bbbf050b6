"""JSON API: /api/ask, /api/check, /api/feedback and /healthz.

Bodies are the DESIGN.md contracts; every refusal is a 4xx with {"error": "..."} worded for
a person (the error middleware in `app.py` turns `HttpError` into that).
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from adapters.web import actions
from adapters.web.runtime import (
    HttpError,
    asker_identity,
    bool_field,
    read_json_object,
    run_io,
    state_of,
    string_field,
)

ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(data, ensure_ascii=False),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


async def healthz(request: web.Request) -> web.Response:
    state = state_of(request)
    if state.service is None:
        status = "failed" if state.startup_error else "loading"
        body: dict[str, Any] = {"status": status}
        if state.startup_error:
            body["error"] = state.startup_error
        return json_response(body, status=503)
    return json_response({"status": "ok", "policies": list(state.service.org_ids), "clauses": len(state.service.catalog.clauses)})


async def api_ask(request: web.Request) -> web.Response:
    state = state_of(request)
    data = await read_json_object(request)
    question = string_field(data, "q", required=True)
    org = string_field(data, "org", required=False)
    timings: dict[str, float] = {}
    answer, stored = await actions.ask(state, question, org, asker=asker_identity(request), channel="api", timings=timings)
    body = answer.to_dict()
    body["permalink"] = actions.permalink(state, stored.id)
    response = json_response(body)
    response.headers["Server-Timing"] = ", ".join(f"{k};dur={v:.1f}" for k, v in timings.items())
    return response


async def api_check(request: web.Request) -> web.Response:
    state = state_of(request)
    data = await read_json_object(request)
    text = string_field(data, "text", required=True)
    org = string_field(data, "org", required=False)
    official = bool_field(data, "official", default=False)
    result = await actions.check(state, text, org, official, asker=asker_identity(request), channel="api")
    return json_response(result)


async def api_feedback(request: web.Request) -> web.Response:
    data = await read_json_object(request)
    answer_id = string_field(data, "answer_id", required=True) or ""
    helpful = bool_field(data, "helpful")
    await save_feedback(request, answer_id, helpful)
    return json_response({"ok": True, "answer_id": answer_id, "helpful": helpful})


async def save_feedback(request: web.Request, answer_id: str, helpful: bool) -> None:
    state = state_of(request)
    if not ANSWER_ID.match(answer_id):
        raise HttpError(400, "“answer_id” is not an answer id (it looks like “3f2a9c1b7d4e”).")
    found = await run_io(state, state.store.save_feedback, answer_id, helpful, asker_identity(request))
    if not found:
        raise HttpError(404, f"There is no answer with id “{answer_id}”.")
