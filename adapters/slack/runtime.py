"""What every Slack listener shares: the web server's state, the Slack settings, who is
asking and which policy applies to them, and how a failure is told to the person.

Identities: a Slack user is "slack:<team>:<user>" wherever the store keeps a person (it
stores only a salted hash of it); the per-user policy choice is keyed "<team>:<user>".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping

from slack_sdk.errors import SlackApiError

from adapters.slack.blocks.answer import AnswerContext
from adapters.slack.blocks.messages import ALL_ORGS, OrgChoice
from adapters.slack.config import SlackConfig
from adapters.web.runtime import HttpError, WebState, run_io
from bot.errors import UserInputError
from bot.storage import Store

if TYPE_CHECKING:
    from bot.service import PolicyService

log = logging.getLogger("adapters.slack")

PLATFORM = "slack"
COMMAND = "/policy"
GENERIC_FAILURE = (
    "Sorry, something went wrong on our side and I could not finish that. "
    "Please try again in a minute; if it keeps happening, tell IT."
)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class SlackDeps:
    state: WebState
    config: SlackConfig
    clock: Callable[[], dt.datetime] = field(default=_utcnow)

    @property
    def store(self) -> Store:
        return self.state.store

    def service(self) -> "PolicyService":
        """The core; a 503 HttpError worded for the person while it is still loading."""
        return self.state.require_service()


def asker_id(team_id: str, user_id: str) -> str:
    return f"slack:{team_id}:{user_id}"


def user_key(team_id: str, user_id: str) -> str:
    return f"{team_id}:{user_id}"


@dataclass(frozen=True)
class OrgState:
    org: str | None  # None: every policy
    pinned: bool  # the workspace is mapped to one org; a person cannot change it
    allow_all: bool  # "every policy" is a possible choice (no default org configured)


async def org_for(deps: SlackDeps, team_id: str, user_id: str) -> OrgState:
    """The workspace's org if mapped; else the person's choice; else the default; else all."""
    allow_all = not deps.config.default_org
    mapped = deps.config.team_orgs.get(team_id)
    if mapped:
        return OrgState(mapped, True, allow_all)
    chosen = await run_io(deps.state, deps.store.user_org, PLATFORM, user_key(team_id, user_id))
    service = deps.state.service
    if chosen == ALL_ORGS and allow_all:
        return OrgState(None, False, allow_all)
    if chosen and (service is None or chosen in service.org_ids):
        return OrgState(chosen, False, allow_all)
    return OrgState(deps.config.default_org or None, False, allow_all)


def org_choices(service: "PolicyService") -> list[OrgChoice]:
    return [OrgChoice(p.org_id, p.display_name) for p in service.policies()]


def policy_names(service: "PolicyService") -> dict[str, str]:
    return {p.doc_id: p.display_name for p in service.policies()}


def policy_name_for_org(service: "PolicyService", org: str | None) -> str:
    return next((p.display_name for p in service.policies() if p.org_id == org), "") if org else ""


def lead_ins(service: "PolicyService", data: Mapping[str, Any]) -> dict[str, str]:
    """Each cited clause's lead-in ("Every Employee shall ensure … the following:"), which
    gives a bare list item its meaning when quoted alone."""
    ids = {str(c.get("clause_id", "")) for c in data.get("citations") or []}
    for part in data.get("parts") or []:
        ids.update(str(c.get("clause_id", "")) for c in part.get("citations") or [])
    out = {}
    for clause_id in ids:
        clause = service.catalog.clause(clause_id)
        if clause is not None and clause.lead_in:
            out[clause_id] = clause.lead_in
    return out


def answer_context(
    service: "PolicyService", data: Mapping[str, Any], *, question: str, permalink: str, asked_by: str = "", follow_up_on: str = "", show_question: bool = True
) -> AnswerContext:
    return AnswerContext(
        question=question,
        permalink=permalink,
        policy_names=policy_names(service),
        lead_ins=lead_ins(service, data),
        asked_by=asked_by,
        follow_up_on=follow_up_on,
        show_question=show_question,
    )


# --- failures ------------------------------------------------------------------------------


def api_error(exc: SlackApiError) -> str:
    """Slack's error code ("not_in_channel"), or the HTTP status when the answer was not JSON."""
    response = exc.response
    data = getattr(response, "data", None)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    status = getattr(response, "status_code", None)
    return f"HTTP {status}" if status else str(exc)


Tell = Callable[[str], Awaitable[Any]]


def person_message(exc: BaseException) -> str | None:
    """The message for the person when the failure is about their input or a known state
    (still loading, a file that cannot be read); None when it is our fault."""
    if isinstance(exc, UserInputError):
        return str(exc)
    if isinstance(exc, HttpError):
        return exc.message
    return None


async def guarded(what: str, tell: Tell, work: Callable[[], Awaitable[Any]]) -> None:
    """Run `work`; never fail silently: a person-worded message for input problems, a plain
    apology for anything else (logged in full). A failure to tell is logged too."""
    try:
        await work()
        return
    except Exception as exc:  # noqa: BLE001 - every failure is reported to the person
        message = person_message(exc)
        if message is None:
            if isinstance(exc, SlackApiError):
                log.error("slack: %s failed: Slack API error %s", what, api_error(exc))
            else:
                log.exception("slack: %s failed", what)
            message = GENERIC_FAILURE
        else:
            log.info("slack: %s refused: %s", what, message)
    try:
        await tell(message)
    except Exception:  # noqa: BLE001 - nothing else to do but log it
        log.exception("slack: could not tell the person that %s failed", what)
