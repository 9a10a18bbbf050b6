"""The two things a person does here, shared by the JSON API and the pages: ask a question,
check a draft. Each runs the core off the event loop, then stores the result durably before
anything (an id, a permalink) is handed back."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, cast

from adapters.web.runtime import HttpError, WebState, from_user_error, run_cpu, run_io
from bot.errors import InternalError, UserInputError
from bot.storage import Channel, StoredAnswer
from bot.types import Answer

if TYPE_CHECKING:
    from bot.service import PolicyService


def permalink(state: WebState, answer_id: str) -> str:
    return f"{state.settings.base_url}/a/{answer_id}"


def answer_record(service: "PolicyService", answer: Answer, asker: str, channel: Channel) -> dict[str, Any]:
    """`Store.save_answer` arguments for an answer, with the version of each policy it speaks
    for, so its permalink can tell when one has since changed."""
    policies = [p for p in service.policies() if answer.org is None or p.org_id == answer.org]
    return {"answer": answer, "policies": policies, "fingerprint": service.catalog.fingerprint, "asker": asker, "channel": channel}


async def ask(
    state: WebState, question: object, org: str | None, *, asker: str, channel: Channel, timings: dict[str, float] | None = None
) -> tuple[Answer, StoredAnswer]:
    """Answer and store; returns once the answer is committed (its permalink is safe to hand
    out). `timings` (ms) receives "ask" (waiting included) and "store" (the commit of the
    answer's batch), for the Server-Timing header the load benchmark reads."""
    service = state.require_service()
    t0 = time.perf_counter()
    store_ms = 0.0
    try:
        if state.asks is not None:
            answer, stored, store_ms = cast(
                "tuple[Answer, StoredAnswer, float]", await state.asks.submit((question, org, asker, channel))
            )
        else:  # an app whose lifecycle has not started (handler tests)
            answer = await run_cpu(state, service.ask, question, org)
            t1 = time.perf_counter()
            stored = await run_io(state, lambda: state.store.save_answer(**answer_record(service, answer, asker, channel)))
            store_ms = (time.perf_counter() - t1) * 1000
    except UserInputError as exc:
        raise from_user_error(exc) from None
    if timings is not None:
        timings["store"] = store_ms
        timings["ask"] = (time.perf_counter() - t0) * 1000 - store_ms
    return answer, stored


def check_available(state: WebState) -> bool:
    service = state.require_service()
    # The core's check needs its checker; a service started without one says so with None.
    return callable(getattr(service, "check", None)) and getattr(service, "checker", True) is not None


async def check(
    state: WebState, text: object, org: str | None, official: bool, *, asker: str, channel: Channel, with_notices: bool = False
) -> dict[str, Any]:
    """The `check --json` object plus its stored "id"."""
    service = state.require_service()
    check_fn = getattr(service, "check", None)
    if not callable(check_fn):
        raise HttpError(501, "Checking drafts is not available in this version of policybot yet.")
    try:
        result = await run_cpu(state, check_fn, text, org, official)
    except UserInputError as exc:
        raise from_user_error(exc) from None
    except InternalError as exc:
        # e.g. a deployment without the checker's models: say so instead of a bare 500.
        raise HttpError(503, f"Checking drafts is not available right now: {exc}") from None
    data: dict[str, Any] = _check_dict(result, with_notices)
    check_id = await run_io(state, state.store.save_check, data, asker=asker, channel=channel)
    return {"id": check_id, **data}


def _check_dict(result: Any, with_notices: bool) -> dict[str, Any]:
    if with_notices:
        try:
            return dict(result.to_dict(with_notices=True))
        except TypeError:  # a result type without notices
            pass
    return dict(result.to_dict())
