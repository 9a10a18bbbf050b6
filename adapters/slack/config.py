"""The Slack settings, read once from `Settings.extra` at start-up and validated there.

    SLACK_SIGNING_SECRET   HTTP mode: verifies every request to /slack/events (required for HTTP)
    SLACK_BOT_TOKEN        one workspace: the bot token (xoxb-...)
    SLACK_CLIENT_ID        many workspaces: Slack's OAuth install flow at /slack/install,
    SLACK_CLIENT_SECRET      installations kept in the database (takes precedence over the bot token)
    SLACK_SCOPES           OAuth only: bot scopes to request (default: the manifest's)
    SLACK_REDIRECT_URI     OAuth only: the redirect URL registered with Slack
                           (default: POLICYBOT_BASE_URL + /slack/oauth_redirect)
    SLACK_APP_TOKEN        Socket Mode (xapp-...): no public URL needed
    SLACK_API_URL          Web API base URL (default https://slack.com/api/; tests, proxies)
    SLACK_TEAM_ORGS        workspace to policy: T0123=saint-john,T0456=mission
    SLACK_HR_USERS         who may schedule reminders: U0123,U0456 (or T0123:U0123)
    SLACK_FILE_HOSTS       extra hosts the bot token may be sent to when downloading a shared
                           file (files.slack.com and the SLACK_API_URL host always are)
    POLICYBOT_DEFAULT_ORG  (core setting) the policy when a workspace has no mapping

Nothing here reads `os.environ`: the web server passes its `Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from bot.errors import UserInputError
from bot.settings import Settings

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"  # events, slash commands, shortcuts and interactivity
INSTALL_PATH = "/slack/install"  # OAuth: sends the admin to Slack's consent screen
REDIRECT_PATH = "/slack/oauth_redirect"  # OAuth: Slack sends the admin back here
# What the manifest asks for; an OAuth install requests the same.
BOT_SCOPES: tuple[str, ...] = (
    "app_mentions:read",
    "channels:history",
    "chat:write",
    "chat:write.public",
    "commands",
    "files:read",
    "groups:history",
    "im:history",
    "im:read",
    "im:write",
    "mpim:history",
    "reactions:write",
    "users:read",
)


class SlackConfigError(UserInputError, ValueError):
    """A Slack setting is missing or malformed; the message names the setting to fix (the
    CLI prints it as it does any input the person must correct, without a traceback)."""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class SlackConfig:
    signing_secret: str
    bot_token: str
    app_token: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    redirect_uri: str
    api_url: str
    team_orgs: dict[str, str]
    hr_users: frozenset[str]
    file_hosts: frozenset[str]
    base_url: str
    default_org: str

    @property
    def enabled(self) -> bool:
        return bool(self.signing_secret or self.app_token)

    @property
    def http_mode(self) -> bool:
        return bool(self.signing_secret)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    @property
    def oauth(self) -> bool:
        return bool(self.client_id and self.client_secret)

    def is_hr(self, team_id: str, user_id: str) -> bool:
        return user_id in self.hr_users or f"{team_id}:{user_id}" in self.hr_users

    @classmethod
    def from_settings(cls, settings: Settings) -> "SlackConfig":
        extra = settings.extra
        api_url = extra.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
        if not api_url.endswith("/"):
            api_url += "/"  # the SDK appends method names ("chat.postMessage") to it
        api_host = urlparse(api_url).hostname or ""
        config = cls(
            signing_secret=extra.get("SLACK_SIGNING_SECRET", "").strip(),
            bot_token=extra.get("SLACK_BOT_TOKEN", "").strip(),
            app_token=extra.get("SLACK_APP_TOKEN", "").strip(),
            client_id=extra.get("SLACK_CLIENT_ID", "").strip(),
            client_secret=extra.get("SLACK_CLIENT_SECRET", "").strip(),
            scopes=_csv(extra.get("SLACK_SCOPES", "")) or BOT_SCOPES,
            redirect_uri=extra.get("SLACK_REDIRECT_URI", "").strip() or f"{settings.base_url}{REDIRECT_PATH}",
            api_url=api_url,
            team_orgs=settings.org_mapping("SLACK_TEAM_ORGS"),
            hr_users=frozenset(_csv(extra.get("SLACK_HR_USERS", ""))),
            file_hosts=frozenset({"files.slack.com", api_host, *_csv(extra.get("SLACK_FILE_HOSTS", ""))} - {""}),
            base_url=settings.base_url,
            default_org=settings.default_org,
        )
        config.validate()
        return config

    def validate(self) -> None:
        if not self.enabled:
            return
        if bool(self.client_id) != bool(self.client_secret):
            raise SlackConfigError("Set both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for the OAuth install flow, or neither.")
        if not (self.bot_token or self.oauth):
            raise SlackConfigError(
                "Slack is configured (SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) but has no way to call Slack: "
                "set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install in many."
            )
        if self.bot_token and not self.bot_token.startswith("xoxb-"):
            raise SlackConfigError("SLACK_BOT_TOKEN must be a bot token (it starts with “xoxb-”).")
        if self.app_token and not self.app_token.startswith("xapp-"):
            raise SlackConfigError("SLACK_APP_TOKEN must be an app-level token (it starts with “xapp-”) with the connections:write scope.")
        scheme = urlparse(self.api_url).scheme
        if scheme not in ("http", "https"):
            raise SlackConfigError(f"SLACK_API_URL must be an http(s) URL, not {self.api_url!r}.")
