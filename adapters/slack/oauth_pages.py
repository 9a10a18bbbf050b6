"""The pages a Slack admin sees at the end of an install (OAuth), in the web page's own
layout: bolt's default pages carry inline styles that the server's Content-Security-Policy
blocks, and say little about what to do next."""

from __future__ import annotations

from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.response import BoltResponse

from adapters.slack.config import INSTALL_PATH
from adapters.web.html import esc, layout

FAILURES = {
    "access_denied": "The installation was cancelled in Slack.",
    "invalid_browser": "The installation must finish in the browser it started in. Start again from the install page.",
    "invalid_state": "This installation link has expired or was already used. Start again from the install page.",
    "missing_code": "Slack did not send the installation code back. Start again from the install page.",
    "storage_error": "Slack approved the installation, but it could not be saved here. Try again; if it keeps failing, tell IT.",
}


def _page(title: str, body: str, status: int, headers: dict[str, str | list[str]] | None = None) -> BoltResponse:
    html = layout(title, f"<h1>{esc(title)}</h1>{body}")
    return BoltResponse(status=status, body=html, headers={"Content-Type": "text/html; charset=utf-8", **(headers or {})})


async def installed(args: AsyncSuccessArgs) -> BoltResponse:
    inst = args.installation
    team = inst.team_name or inst.enterprise_name or "your workspace"
    open_app = f"slack://app?team={inst.team_id or ''}&id={inst.app_id or ''}&tab=home"
    body = (
        f"<p>policybot is installed in <strong>{esc(team)}</strong>. Everyone there can now ask about the "
        "social-media policy with <code>/policy</code>, by mentioning @policybot, or in a direct message.</p>"
        f'<p><a href="{esc(open_app)}">Open policybot in Slack</a></p>'
    )
    clear_state = args.settings.state_utils.build_set_cookie_for_deletion()
    return _page("Installed", body, 200, {"Set-Cookie": clear_state})


async def failed(args: AsyncFailureArgs) -> BoltResponse:
    message = FAILURES.get(args.reason, f"The installation did not finish ({args.reason}). Start again from the install page.")
    body = f'<p class="error">{esc(message)}</p><p><a href="{esc(INSTALL_PATH)}">Install again</a></p>'
    return _page("Installation did not finish", body, args.suggested_status_code)


CALLBACK_OPTIONS = AsyncCallbackOptions(success=installed, failure=failed)
