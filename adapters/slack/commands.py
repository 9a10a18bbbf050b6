"""What `/policy <text>` asks for, parsed from the command text (pure).

    /policy <question>                 Ask
    /policy check [--official] <draft> Check
    /policy help  (or nothing, or ?)   Help
    /policy org [<org id> | all]       ChooseOrg
    /policy remind #channel <when> <question or answer link>   Remind (HR)
    /policy reminders                  ListReminders (HR)

A keyword only counts where it cannot be the start of a question: "help" and "reminders"
alone, "org" with at most one word after it, "remind" followed by a channel. So
"/policy remind me: can I post on my lunch break?" is a question, as it reads.
The text arrives with Slack's escaping (the manifest sets should_escape): channels as
<#C123|name>, users as <@U123|name>, & < > as entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from adapters.slack.mrkdwn import plain_text

CHANNEL_TOKEN = re.compile(r"^(?:<#(?P<id>[CG][A-Z0-9]+)(?:\|(?P<name>[^>]*))?>|(?P<raw>[CG][A-Z0-9]{6,})(?=\s|$)|#(?P<hash>[\w.-]+))")
_OFFICIAL = re.compile(r"^(?:--official|official:|\(official\))\s*", re.I)


@dataclass(frozen=True)
class Ask:
    question: str


@dataclass(frozen=True)
class Check:
    draft: str
    official: bool


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class ChooseOrg:
    org: str  # "" shows the current choice


@dataclass(frozen=True)
class Remind:
    text: str  # "<#C1|general> tomorrow 9:00 …", parsed by `reminders`


@dataclass(frozen=True)
class ListReminders:
    pass


Command = Union[Ask, Check, Help, ChooseOrg, Remind, ListReminders]


def split_official(text: str) -> tuple[bool, str]:
    """("--official <draft>") -> (True, draft): the draft is for an official City account."""
    m = _OFFICIAL.match(text)
    return (True, text[m.end() :]) if m else (False, text)


def parse_command(text: str) -> Command:
    raw = (text or "").strip()
    word, _, rest = raw.partition(" ")
    keyword = word.lower().rstrip(":")
    rest = rest.strip()
    if not raw or keyword in ("help", "?", "-h", "--help") and not rest:
        return Help()
    if keyword == "check":
        official, rest = split_official(rest)
        # The draft as the person sees it: mentions as @name, entities unescaped.
        return Check(draft=plain_text(rest), official=official)
    if keyword == "org" and len(rest.split()) <= 1:
        return ChooseOrg(org=rest.lower())
    if keyword == "reminders" and not rest:
        return ListReminders()
    if keyword == "remind" and CHANNEL_TOKEN.match(rest):
        return Remind(text=rest)
    return Ask(question=plain_text(raw))
