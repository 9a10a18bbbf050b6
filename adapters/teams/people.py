"""Who is talking, where, and which policy applies to them.

Which policy: a tenant mapped in MICROSOFT_TENANT_ORGS serves that org only; otherwise the
person's own choice ("org mission"), else POLICYBOT_DEFAULT_ORG, else every policy, labelled.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal, Sequence

from botbuilder.schema import Activity, ChannelAccount

from adapters.teams.adaptive import Interaction
from adapters.teams.config import TeamsConfig
from knowledge.clauses import PolicyInfo

OrgSource = Literal["tenant", "user", "default", "none"]
PLATFORM = "teams"


@dataclass(frozen=True)
class Person:
    """`key` identifies the person for their org choice and, hashed by the store, in stats."""

    key: str
    aad_id: str
    user_id: str
    name: str

    @property
    def asker(self) -> str:
        return f"teams:{self.key}"


@dataclass(frozen=True)
class Place:
    conversation_key: str  # the conversation without a channel thread's ";messageid=..."
    kind: str  # personal | channel | groupChat
    name: str
    tenant_id: str
    channel_id: str  # "msteams", "emulator", ...

    @property
    def shared(self) -> bool:
        return self.kind in ("channel", "groupChat")

    @property
    def interaction(self) -> Interaction:
        return "execute" if self.channel_id == "msteams" else "submit"


@dataclass(frozen=True)
class OrgResolution:
    org: str | None
    source: OrgSource


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def tenant_of(activity: Activity) -> str:
    conv = activity.conversation
    return str(_get(activity.channel_data, "tenant", "id") or (conv.tenant_id if conv else "") or "")


def person_of(account: ChannelAccount | None, tenant_id: str) -> Person:
    aad = str(getattr(account, "aad_object_id", None) or "") if account else ""
    user_id = str(account.id or "") if account else ""
    name = str(account.name or "") if account else ""
    ident = aad or user_id or "unknown"
    return Person(key=f"{tenant_id or '-'}:{ident}", aad_id=aad, user_id=user_id, name=name)


def base_conversation_id(conversation_id: str) -> str:
    """A channel thread's id is the channel's id plus ";messageid=<root>": reminders go to the
    channel itself, not into whichever thread the request came from."""
    return conversation_id.split(";messageid=", 1)[0]


def conversation_key(conversation_id: str) -> str:
    base = base_conversation_id(conversation_id)
    # The store's key column holds 255 characters; Teams ids are far shorter, but be safe.
    return base if len(base) <= 255 else "sha256:" + hashlib.sha256(base.encode()).hexdigest()


def place_of(activity: Activity) -> Place:
    conv = activity.conversation
    kind = (conv.conversation_type if conv else None) or "personal"
    team = _get(activity.channel_data, "team", "name")
    channel = _get(activity.channel_data, "channel", "name")
    if kind == "channel":
        name = f"{team} › {channel or 'General'}" if team else (channel or (conv.name if conv else "") or "a channel")
    elif kind == "groupChat":
        name = (conv.name if conv else "") or "a group chat"
    else:
        who = activity.from_property.name if activity.from_property and activity.from_property.name else "you"
        name = f"chat with {who}"
    return Place(
        conversation_key=conversation_key(conv.id if conv and conv.id else ""),
        kind=kind,
        name=name,
        tenant_id=tenant_of(activity),
        channel_id=str(activity.channel_id or ""),
    )


def resolve_org(config: TeamsConfig, tenant_id: str, chosen: str | None, org_ids: Sequence[str]) -> OrgResolution:
    mapped = config.org_for_tenant(tenant_id)
    if mapped and mapped in org_ids:
        return OrgResolution(mapped, "tenant")
    if chosen and chosen in org_ids:
        return OrgResolution(chosen, "user")
    if config.default_org and config.default_org in org_ids:
        return OrgResolution(config.default_org, "default")
    return OrgResolution(None, "none")


def _norm(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", value.lower()).strip()


def match_org(text: str, policies: Sequence[PolicyInfo]) -> str | None:
    """An org from what a person typed: its id, its name with or without "City of", or its
    document id ("org com-001"). None when nothing or more than one policy matches."""
    wanted = _norm(text)
    if not wanted:
        return None
    exact = [p.org_id for p in policies if wanted in {_norm(p.org_id), _norm(p.org_name), _norm(p.doc_id), _norm(p.org_name.removeprefix("City of "))}]
    if len(exact) == 1:
        return exact[0]
    partial = [p.org_id for p in policies if wanted in _norm(f"{p.org_id} {p.org_name} {p.doc_id} {p.title}")]
    return partial[0] if len(partial) == 1 else None


def describe(resolution: OrgResolution, policies: Sequence[PolicyInfo]) -> str:
    names = {p.org_id: f"{p.org_name} ({p.doc_id} {p.title})" for p in policies}
    if resolution.org is None:
        return "No organization is set, so I answer from every policy, labelled by organization."
    name = names.get(resolution.org, resolution.org)
    why = {
        "tenant": "This Teams organization is set up for it.",
        "user": "You chose it.",
        "default": "It is this deployment's default.",
        "none": "",
    }[resolution.source]
    return f"I answer from the policy of {name}. {why}".strip()
