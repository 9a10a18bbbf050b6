"""Plain functions: Teams HTML to text, commands, reminder times, org names, answer links,
settings checks, and the uploadable app package."""

from __future__ import annotations

import datetime as dt
import json
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from adapters.teams.config import TeamsConfig, TeamsConfigError
from adapters.teams.package import PackageError, build_package, render_manifest
from adapters.teams.people import match_org, resolve_org
from adapters.teams.reminders import answer_id_in
from adapters.teams.text import Command, html_to_text, message_text, parse_command
from adapters.teams.when import WhenError, parse_when
from bot.settings import Settings


def test_html_to_text_keeps_what_a_reader_sees() -> None:
    html = '<div><p>Proud of our <b>parks</b> team&nbsp;&amp; volunteers!</p><p>See you Saturday <img alt="🎉" src="x"></p><ul><li>one</li><li>two</li></ul></div>'
    assert html_to_text(html) == "Proud of our parks team & volunteers!\nSee you Saturday 🎉\n\none\ntwo"
    assert html_to_text("5 < 6 and AT&amp;T") == "5 < 6 and AT&T"
    assert html_to_text("see <https://bot.test/a/abc123> please") == "see https://bot.test/a/abc123 please"
    assert html_to_text("<script>alert(1)</script>hi") == "hi"
    assert message_text("  <at>Someone</at>   can I\n post this? ") == "Someone can I post this?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("help", Command("help")),
        ("", Command("help")),
        ("Hello, can I post a selfie at work?", Command("ask", "Hello, can I post a selfie at work?")),
        ("check Our mayor is great", Command("check", "Our mayor is great")),
        ("check", Command("check", "")),
        ("Check-in times on Facebook?", Command("ask", "Check-in times on Facebook?")),
        ("org: mission", Command("org", "mission")),
        ("reminders", Command("reminders")),
        ("reminders of the policy?", Command("ask", "reminders of the policy?")),
        ("remind tomorrow 9am Can I swear?", Command("remind", "tomorrow 9am Can I swear?")),
    ],
)
def test_parse_command(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.timezone.utc)  # a Wednesday; 11:00 in Moncton


@pytest.mark.parametrize(
    ("text", "local", "rest"),
    [
        ("in 2 hours Can I swear?", "2026-11-25 13:00", "Can I swear?"),
        ("tomorrow 9am Can I swear?", "2026-11-26 09:00", "Can I swear?"),
        ("tomorrow at 2:30 pm hello", "2026-11-26 14:30", "hello"),
        ("friday Can I swear?", "2026-11-27 09:00", "Can I swear?"),
        ("wednesday 8am x", "2026-12-02 08:00", "x"),  # today is Wednesday: next week
        ("2026-12-01 16:45 x", "2026-12-01 16:45", "x"),
        ("2026-12-01T07:05 x", "2026-12-01 07:05", "x"),
        ("2026-12-01 x", "2026-12-01 09:00", "x"),
        ("10:30 x", "2026-11-26 10:30", "x"),  # already past today: tomorrow
        ("at 5pm 5 people asked", "2026-11-25 17:00", "5 people asked"),
        ("now x", "2026-11-25 11:00", "x"),
    ],
)
def test_parse_when_in_the_persons_time_zone(text: str, local: str, rest: str) -> None:
    from zoneinfo import ZoneInfo

    when = parse_when(text, NOW, "America/Moncton")
    assert when.at.tzinfo == dt.timezone.utc
    assert when.at.astimezone(ZoneInfo("America/Moncton")).strftime("%Y-%m-%d %H:%M") == local
    assert when.rest == rest


@pytest.mark.parametrize(("text", "message"), [
    ("someday x", "couldn't tell when"),
    ("2026-02-30 x", "not a date"),
    ("2025-01-01 x", "already passed"),
    ("in 2 weeks", None),
    ("2028-01-01 x", "more than a year"),
    ("5 people", "couldn't tell when"),
])
def test_parse_when_refusals(text: str, message: str | None) -> None:
    if message is None:
        assert parse_when(text, NOW).rest == ""
        return
    with pytest.raises(WhenError, match=message):
        parse_when(text, NOW, "Not/AZone")  # an unknown zone falls back to UTC


def test_match_org_and_resolution(service) -> None:
    policies = service.policies()
    assert match_org("saint john", policies) == "saint-john"
    assert match_org("City of Mission", policies) == "mission"
    assert match_org("HUM.11(A)", policies) == "mission"
    assert match_org("city", policies) is None  # ambiguous
    config = TeamsConfig(tenant_orgs={"t1": "mission"}, default_org="saint-john")
    ids = service.org_ids
    assert resolve_org(config, "T1", "saint-john", ids).source == "tenant"
    assert resolve_org(config, "t2", "mission", ids) == resolve_org(config, "t2", "mission", ids)
    assert resolve_org(config, "t2", "mission", ids).org == "mission"
    assert resolve_org(config, "t2", None, ids).source == "default"
    assert resolve_org(TeamsConfig(), "t2", "gone", ids).org is None


def test_answer_links() -> None:
    assert answer_id_in("https://bot.example/a/3f2a9c1b7d4e note here") == ("3f2a9c1b7d4e", "note here")
    assert answer_id_in("<https://bot.example/a/3f2a9c1b7d4e>") == ("3f2a9c1b7d4e", "")
    assert answer_id_in("Can I post at /a/ time?")[0] is None


def test_config_mistakes_are_named_at_start_up(settings: Settings) -> None:
    def config(**extra: str) -> TeamsConfig:
        return TeamsConfig.from_settings(replace(settings, extra=extra))

    assert config().local_mode
    c = config(MICROSOFT_APP_ID="id", MICROSOFT_HR_USERS=" AAD-1 ,aad-2,", MICROSOFT_TENANT_ORGS="T1=mission")
    assert not c.local_mode and c.is_hr("aad-1") and c.is_hr(None, "AAD-2") and not c.is_hr("aad-3")
    assert c.org_for_tenant("t1") == "mission" and c.bot_framework().APP_TYPE == "MultiTenant"
    for extra, fragment in [
        ({"MICROSOFT_APP_TYPE": "Bogus"}, "MICROSOFT_APP_TYPE must be one of"),
        ({"MICROSOFT_APP_TYPE": "SingleTenant", "MICROSOFT_APP_ID": "x", "MICROSOFT_APP_PASSWORD": "p"}, "MICROSOFT_APP_TENANT_ID"),
        ({"MICROSOFT_APP_PASSWORD": "p"}, "MICROSOFT_APP_ID is not"),
        ({"MICROSOFT_REMINDER_POLL_SECONDS": "soon"}, "number of seconds"),
    ]:
        with pytest.raises(TeamsConfigError, match=fragment):
            config(**extra)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_package_fills_the_manifest_and_holds_the_icons(tmp_path: Path, settings: Settings) -> None:
    app_id = "0b1c2d3e-4f50-4617-8899-aabbccddeeff"
    ready = replace(settings, base_url="https://policy.example.org", extra={"MICROSOFT_APP_ID": app_id})
    out = build_package(ready, tmp_path / "dist" / "policybot-teams.zip")
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(z.read("manifest.json"))
        assert _png_size(z.read("color.png")) == (192, 192) and _png_size(z.read("outline.png")) == (32, 32)
    assert manifest["id"] == app_id and manifest["bots"][0]["botId"] == app_id and manifest["composeExtensions"][0]["botId"] == app_id
    assert manifest["validDomains"] == ["policy.example.org"] and manifest["developer"]["websiteUrl"] == "https://policy.example.org/"
    [command] = manifest["composeExtensions"][0]["commands"]
    assert command["id"] == "checkDraft" and set(command["context"]) >= {"message", "compose"}
    assert "{{" not in json.dumps(manifest)
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80 and len(manifest["description"]["full"]) <= 4000
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}


def test_package_refuses_what_teams_would_reject(settings: Settings) -> None:
    with pytest.raises(PackageError, match="Set MICROSOFT_APP_ID"):
        render_manifest(replace(settings, base_url="https://x.example", extra={}))
    with pytest.raises(PackageError, match="a GUID"):
        render_manifest(replace(settings, base_url="https://x.example", extra={"MICROSOFT_APP_ID": "my-bot"}))
    with pytest.raises(PackageError, match="public https address"):
        render_manifest(replace(settings, base_url="http://127.0.0.1:3978", extra={"MICROSOFT_APP_ID": "0b1c2d3e-4f50-4617-8899-aabbccddeeff"}))
    ok = replace(settings, base_url="https://x.example", extra={"MICROSOFT_APP_ID": "0b1c2d3e-4f50-4617-8899-aabbccddeeff"})
    with pytest.raises(PackageError, match="NOPE"):
        render_manifest(ok, template='{"a": "{{NOPE}}"}')
