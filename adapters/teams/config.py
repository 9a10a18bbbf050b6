"""The Teams settings, read once from `Settings.extra` and checked on construction.

    MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD   the Azure Bot registration; no id = Emulator mode
    MICROSOFT_APP_TYPE                         MultiTenant (default), SingleTenant or UserAssignedMSI
    MICROSOFT_APP_TENANT_ID                    required for SingleTenant and UserAssignedMSI
    MICROSOFT_TENANT_ORGS                      "tenant-id=org,..."; a mapped tenant serves that org only
    MICROSOFT_HR_USERS                         AAD object ids (or Emulator user ids) allowed to schedule reminders
    MICROSOFT_REMINDER_POLL_SECONDS            how often due reminders are looked for (default 30)

A mistake here is the administrator's, found at start-up: `TeamsConfigError` says what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from bot.settings import Settings

APP_TYPES = {"multitenant": "MultiTenant", "singletenant": "SingleTenant", "userassignedmsi": "UserAssignedMSI"}
DEFAULT_POLL_SECONDS = 30.0


class TeamsConfigError(ValueError):
    """A Teams setting that cannot work; the message names the setting and the fix."""


@dataclass(frozen=True)
class BotFrameworkConfig:
    """The attribute names `ConfigurationBotFrameworkAuthentication` reads (botbuilder's own
    convention), filled from our MICROSOFT_* settings."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


@dataclass(frozen=True)
class TeamsConfig:
    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"
    tenant_id: str = ""
    tenant_orgs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    hr_users: frozenset[str] = frozenset()
    default_org: str = ""
    base_url: str = "http://127.0.0.1:3978"
    reminder_poll_seconds: float = DEFAULT_POLL_SECONDS

    def __post_init__(self) -> None:
        if self.app_type.lower() not in APP_TYPES:
            raise TeamsConfigError(f"MICROSOFT_APP_TYPE must be one of {', '.join(APP_TYPES.values())}, not {self.app_type!r}.")
        kind = APP_TYPES[self.app_type.lower()]
        if kind != "MultiTenant" and not (self.app_id and self.tenant_id):
            raise TeamsConfigError(f"MICROSOFT_APP_TYPE={kind} needs MICROSOFT_APP_ID and MICROSOFT_APP_TENANT_ID.")
        if kind == "SingleTenant" and not self.app_password:
            raise TeamsConfigError("MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_PASSWORD.")
        if self.app_password and not self.app_id:
            raise TeamsConfigError("MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not; set both (or neither, for the Emulator).")
        if self.reminder_poll_seconds <= 0:
            raise TeamsConfigError("MICROSOFT_REMINDER_POLL_SECONDS must be a positive number of seconds.")

    @classmethod
    def from_settings(cls, settings: Settings) -> "TeamsConfig":
        extra = settings.extra
        poll = extra.get("MICROSOFT_REMINDER_POLL_SECONDS", "").strip()
        try:
            poll_seconds = float(poll) if poll else DEFAULT_POLL_SECONDS
        except ValueError:
            raise TeamsConfigError(f"MICROSOFT_REMINDER_POLL_SECONDS must be a number of seconds, not {poll!r}.") from None
        return cls(
            app_id=extra.get("MICROSOFT_APP_ID", "").strip(),
            app_password=extra.get("MICROSOFT_APP_PASSWORD", ""),
            app_type=extra.get("MICROSOFT_APP_TYPE", "").strip() or "MultiTenant",
            tenant_id=extra.get("MICROSOFT_APP_TENANT_ID", "").strip(),
            tenant_orgs=MappingProxyType({k.lower(): v for k, v in settings.org_mapping("MICROSOFT_TENANT_ORGS").items()}),
            hr_users=frozenset(u.strip().lower() for u in extra.get("MICROSOFT_HR_USERS", "").split(",") if u.strip()),
            default_org=settings.default_org,
            base_url=settings.base_url,
            reminder_poll_seconds=poll_seconds,
        )

    @property
    def local_mode(self) -> bool:
        """No app id: the Bot Framework Emulator on this machine, unauthenticated."""
        return not self.app_id

    def bot_framework(self) -> BotFrameworkConfig:
        return BotFrameworkConfig(
            APP_ID=self.app_id,
            APP_PASSWORD=self.app_password,
            APP_TYPE=APP_TYPES[self.app_type.lower()],
            APP_TENANTID=self.tenant_id,
        )

    def org_for_tenant(self, tenant_id: str | None) -> str | None:
        return self.tenant_orgs.get((tenant_id or "").lower()) if tenant_id else None

    def is_hr(self, *identities: str | None) -> bool:
        return any(i and i.lower() in self.hr_users for i in identities)
