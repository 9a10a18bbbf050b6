"""Pure parsing: /policy text, reminder times, Slack's message markup, shared files."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from adapters.slack.commands import Ask, Check, ChooseOrg, Help, ListReminders, Remind, parse_command
from adapters.slack.config import SlackConfig, SlackConfigError
from adapters.slack.files import download_url, refuse_reason
from adapters.slack.mrkdwn import plain_text, strip_mentions
from adapters.slack.whens import WhenError, parse_when
from bot.errors import UnreadableInput
from bot.settings import Settings

HALIFAX = zoneinfo.ZoneInfo("America/Halifax")
# A Wednesday, 15:20 in Halifax.
NOW = dt.datetime(2025, 3, 5, 15, 20, tzinfo=HALIFAX)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", Help()),
        ("help", Help()),
        ("?", Help()),
        ("help me understand the disclaimer rule", Ask("help me understand the disclaimer rule")),
        ("check Our team rocks &amp; <@U123|bob> agrees", Check("Our team rocks & @bob agrees", official=False)),
        ("check --official Road closed on Main St", Check("Road closed on Main St", official=True)),
        ("check: draft text", Check("draft text", official=False)),
        ("org", ChooseOrg("")),
        ("org Mission", ChooseOrg("mission")),
        ("org chart photos, can I post them?", Ask("org chart photos, can I post them?")),
        ("reminders", ListReminders()),
        ("remind <#C0123ABC|general> tomorrow 9:00 Can I?", Remind("<#C0123ABC|general> tomorrow 9:00 Can I?")),
        ("remind me: can I post on my lunch break?", Ask("remind me: can I post on my lunch break?")),
        ("Can I use <!channel> &lt;tags&gt;?", Ask("Can I use @channel <tags>?")),
    ],
)
def test_parse_command(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    "text, when, rest",
    [
        ("now Can I?", NOW, "Can I?"),
        ("in 2 hours Can I?", NOW + dt.timedelta(hours=2), "Can I?"),
        ("in an hour q", NOW + dt.timedelta(hours=1), "q"),
        ("in 30 min q", NOW + dt.timedelta(minutes=30), "q"),
        ("in 3 days q", NOW + dt.timedelta(days=3), "q"),
        ("tomorrow 9:00 Can I?", dt.datetime(2025, 3, 6, 9, 0, tzinfo=HALIFAX), "Can I?"),
        ("tomorrow at 4:30pm q", dt.datetime(2025, 3, 6, 16, 30, tzinfo=HALIFAX), "q"),
        ("tomorrow q", dt.datetime(2025, 3, 6, 9, 0, tzinfo=HALIFAX), "q"),
        ("today 17:30 q", dt.datetime(2025, 3, 5, 17, 30, tzinfo=HALIFAX), "q"),
        ("friday 4pm q", dt.datetime(2025, 3, 7, 16, 0, tzinfo=HALIFAX), "q"),
        ("wednesday 9:00 q", dt.datetime(2025, 3, 12, 9, 0, tzinfo=HALIFAX), "q"),  # today's 9:00 has passed
        ("on wednesday at 18:00 q", dt.datetime(2025, 3, 5, 18, 0, tzinfo=HALIFAX), "q"),  # later today
        ("2025-07-01 09:00 q", dt.datetime(2025, 7, 1, 9, 0, tzinfo=HALIFAX), "q"),
        ("2025-07-01T09:00 q", dt.datetime(2025, 7, 1, 9, 0, tzinfo=HALIFAX), "q"),
        ("2025-07-01T09:00-03:00 q", dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.timezone.utc), "q"),
        ("2025-07-01 q", dt.datetime(2025, 7, 1, 9, 0, tzinfo=HALIFAX), "q"),
    ],
)
def test_parse_when(text: str, when: dt.datetime, rest: str) -> None:
    got, got_rest = parse_when(text, NOW)
    assert got == when and got.utcoffset() is not None
    assert got_rest == rest


def test_tomorrow_nine_is_the_persons_nine_across_a_dst_change() -> None:
    # Halifax moves to daylight time on 2025-03-09: 9:00 is 12:00 UTC after, 13:00 UTC before.
    before = dt.datetime(2025, 3, 8, 12, 0, tzinfo=HALIFAX)
    when, _ = parse_when("tomorrow 9:00 q", before)
    assert when.astimezone(dt.timezone.utc).hour == 12


@pytest.mark.parametrize("text, words", [("someday q", "someday"), ("in 3 fortnights q", "fortnights"), ("tomorrow 25:00 q", "25:00"), ("2025-02-30 q", "2025-02-30")])
def test_parse_when_refuses_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_when(text, NOW)
    assert words in str(err.value)


def test_plain_text_reads_slack_markup_as_people_see_it() -> None:
    raw = "Hey <@U1|bob> in <#C1|general>, <!here> see <https://x.test/a?b=1&amp;c=2|the page> &amp; <mailto:a@b.test> &lt;3"
    assert plain_text(raw) == "Hey @bob in #general, @here see the page & a@b.test <3"
    assert plain_text("<!subteam^S1|@hr-team> and <!date^1700000000^{date}|Nov 14>") == "@hr-team and Nov 14"


def test_strip_mentions_leaves_the_question() -> None:
    assert strip_mentions("<@UBOT> can I post?", "UBOT") == "can I post?"
    assert strip_mentions("<@UBOT>, what about <@U2|ann>?", "UBOT") == "what about @ann?"
    assert strip_mentions("so <@UBOT> can I?", "UBOT") == "so can I?"


def test_files_are_refused_with_reasons_before_any_download() -> None:
    pdf = {"name": "post.pdf", "mimetype": "application/pdf", "filetype": "pdf", "pretty_type": "PDF", "size": 1000}
    assert "PDF" in refuse_reason(pdf) and "plain text" in refuse_reason(pdf)
    big = {"name": "big.txt", "mimetype": "text/plain", "filetype": "text", "size": 5_000_000}
    assert "KB" in refuse_reason(big)
    snippet = {"name": "x", "mimetype": "text/plain", "filetype": "python", "mode": "snippet", "size": 10}
    assert refuse_reason(snippet) == ""
    md = {"name": "draft.md", "mimetype": "application/octet-stream", "filetype": "markdown", "size": 10}
    assert refuse_reason(md) == ""


def test_the_bot_token_only_goes_to_slack_file_hosts() -> None:
    hosts = frozenset({"files.slack.com"})
    assert download_url({"url_private_download": "https://files.slack.com/files-pri/T1-F1/download/a.txt"}, hosts)
    with pytest.raises(UnreadableInput):
        download_url({"url_private_download": "https://evil.test/steal"}, hosts)
    with pytest.raises(UnreadableInput):
        download_url({"url_private_download": "https://files.slack.com.evil.test/x"}, hosts)


def test_config_names_what_is_wrong() -> None:
    base = Settings()
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        SlackConfig.from_settings(Settings(extra={"SLACK_SIGNING_SECRET": "s"}))
    with pytest.raises(SlackConfigError, match="SLACK_CLIENT_SECRET"):
        SlackConfig.from_settings(Settings(extra={"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2"}))
    with pytest.raises(SlackConfigError, match="xoxb-"):
        SlackConfig.from_settings(Settings(extra={"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxp-user"}))
    assert not SlackConfig.from_settings(base).enabled
    cfg = SlackConfig.from_settings(
        Settings(extra={"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_TEAM_ORGS": "T1=mission, T2=saint-john", "SLACK_HR_USERS": "U1,T2:U9"})
    )
    assert cfg.team_orgs == {"T1": "mission", "T2": "saint-john"}
    assert cfg.is_hr("T5", "U1") and cfg.is_hr("T2", "U9") and not cfg.is_hr("T1", "U9")
    assert cfg.api_url == "https://slack.com/api/" and "files.slack.com" in cfg.file_hosts
    proxied = SlackConfig.from_settings(Settings(extra={"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": "http://proxy.internal:8080/api"}))
    assert proxied.api_url == "http://proxy.internal:8080/api/" and "proxy.internal" in proxied.file_hosts


def test_the_manifest_matches_what_the_code_listens_for() -> None:
    from pathlib import Path

    import yaml

    from adapters.slack.config import BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH
    from adapters.slack.listeners.interactions import SHORTCUT_CALLBACK
    from adapters.slack.runtime import COMMAND

    manifest = yaml.safe_load((Path(__file__).resolve().parents[2] / "adapters/slack/manifest.yaml").read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)  # OAuth installs ask for the same
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == COMMAND and command["should_escape"] is True and command["url"].endswith(EVENTS_PATH)
    assert manifest["features"]["shortcuts"][0]["callback_id"] == SHORTCUT_CALLBACK
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {"app_home_opened", "app_mention", "app_uninstalled", "message.im", "team_join", "tokens_revoked"}
    assert manifest["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)
    assert manifest["oauth_config"]["redirect_urls"][0].endswith(REDIRECT_PATH)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True


def test_a_direct_message_is_a_draft_check_only_when_it_starts_with_check() -> None:
    from adapters.slack.listeners.events import CheckRequest, check_request

    assert check_request("check Our new park opens Monday") == CheckRequest("Our new park opens Monday", False)
    assert check_request("Check: --official Road closed on Main St") == CheckRequest("Road closed on Main St", True)
    assert check_request("check\nline one\nline two") == CheckRequest("line one\nline two", False)
    assert check_request("check") == CheckRequest("", False)  # the core says the draft is empty
    assert check_request("checking in: can I post photos from the party?") is None
    assert check_request("Can I check my Facebook at work?") is None
