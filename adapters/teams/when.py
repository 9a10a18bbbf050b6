"""When a reminder goes out: "in 2 hours", "tomorrow 9am", "friday at 14:30", "2026-12-01 09:00".

Times are read in the person's own time zone (Teams sends `localTimezone` with each message)
and stored in UTC. A day without a time means 9:00 in the morning, when people read the news
channel; a time without a day means the next time the clock shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_HOUR = 9
MAX_AHEAD = dt.timedelta(days=366)
FORMATS_HELP = (
    "“in 2 hours”, “in 3 days”, “tomorrow 9am”, “friday at 14:30”, “today 16:00”, "
    "“2026-12-01 09:00” or “now”"
)

_WEEKDAYS = {name: i for i, names in enumerate(
    (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
     ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))
) for name in names}
_UNITS = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "h": "hours",
    "day": "days", "days": "days", "d": "days",
    "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
}
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_DATE = re.compile(r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?$")


class WhenError(ValueError):
    """The time could not be read, or is in the past; the message is for the person."""


@dataclass(frozen=True)
class When:
    at: dt.datetime  # aware, UTC
    rest: str  # what followed the time expression
    zone: str  # the zone it was read in, for the confirmation


def zone_for(name: str | None) -> ZoneInfo | dt.timezone:
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.timezone.utc


def _clock(token: str, nxt: str | None) -> tuple[dt.time, int] | None:
    """A clock time from one token ("9am", "14:30") or two ("9", "am"); (time, tokens used)."""
    for text, used in (((token + " " + nxt) if nxt else None, 2), (token, 1)):
        if text is None:
            continue
        m = _CLOCK.match(text.replace(" ", "") if used == 2 else text)
        if not m:
            continue
        hour, minute = int(m["h"]), int(m["m"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        elif m["m"] is None:
            return None  # a bare number ("5") is not a time: "remind 5 people" is not 5 o'clock
        if hour > 23 or minute > 59:
            return None
        return dt.time(hour, minute), used
    return None


def _clock_after(lowered: list[str], i: int, used: int) -> tuple[dt.time | None, int]:
    """An optional "[at] 9am" from token `i` on; returns the clock and the tokens used so far."""
    if i < len(lowered) and lowered[i] == "at":
        i += 1
    if i < len(lowered):
        found = _clock(lowered[i], lowered[i + 1] if i + 1 < len(lowered) else None)
        if found:
            return found[0], i + found[1]
    return None, used


def parse_when(text: str, now: dt.datetime, zone_name: str | None = None) -> When:
    """Read a time expression at the start of `text`; the rest is returned as `rest`."""
    zone = zone_for(zone_name)
    local_now = now.astimezone(zone)
    tokens = text.split()
    lowered = [t.lower().rstrip(",") for t in tokens]
    if not tokens:
        raise WhenError(f"Say when, then the question or answer link. For example: remind tomorrow 9am Can I post about the flood? Times like {FORMATS_HELP} work.")

    at: dt.datetime | None = None
    used = 0
    first = lowered[0]
    if first == "now":
        at, used = local_now, 1
    elif first == "in" and len(tokens) >= 3 and lowered[1].isdigit() and lowered[2] in _UNITS:
        amount = int(lowered[1])
        at, used = local_now + dt.timedelta(**{_UNITS[lowered[2]]: amount}), 3
    elif (m := _DATE.match(tokens[0])) is not None:
        try:
            day = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            raise WhenError(f"{tokens[0]} is not a date on the calendar.") from None
        used = 1
        clock = dt.time(int(m["h"]), int(m["mi"])) if m["h"] else None
        if clock is None:
            clock, used = _clock_after(lowered, 1, used)
        at = _combine(day, clock or dt.time(DEFAULT_HOUR), zone)
    elif first in ("today", "tonight", "tomorrow") or first in _WEEKDAYS:
        used = 1
        if first == "tomorrow":
            day = local_now.date() + dt.timedelta(days=1)
        elif first in _WEEKDAYS:
            ahead = (_WEEKDAYS[first] - local_now.weekday()) % 7 or 7
            day = local_now.date() + dt.timedelta(days=ahead)
        else:
            day = local_now.date()
        clock, used = _clock_after(lowered, 1, used)
        default = dt.time(20) if first == "tonight" else dt.time(DEFAULT_HOUR)
        at = _combine(day, clock or default, zone)
    else:
        start = 1 if first == "at" else 0
        found = _clock(lowered[start], lowered[start + 1] if start + 1 < len(tokens) else None) if start < len(tokens) else None
        if found:
            clock, n = found
            used = start + n
            at = _combine(local_now.date(), clock, zone)
            if at <= local_now:
                at = _combine(local_now.date() + dt.timedelta(days=1), clock, zone)
    if at is None:
        raise WhenError(f"I couldn't tell when to send it from “{' '.join(tokens[:3])}”. Start with a time such as {FORMATS_HELP}.")
    at_utc = at.astimezone(dt.timezone.utc)
    if at_utc < now.astimezone(dt.timezone.utc) - dt.timedelta(minutes=1):
        raise WhenError(f"{format_local(at_utc, zone_name)} has already passed. Pick a time in the future.")
    if at_utc - now.astimezone(dt.timezone.utc) > MAX_AHEAD:
        raise WhenError("That is more than a year away; schedule reminders at most a year ahead.")
    return When(at=at_utc, rest=" ".join(tokens[used:]).strip(), zone=str(zone))


def _combine(day: dt.date, clock: dt.time, zone: ZoneInfo | dt.timezone) -> dt.datetime:
    return dt.datetime.combine(day, clock).replace(tzinfo=zone)


def format_local(at: dt.datetime, zone_name: str | None = None) -> str:
    """“Tue 2 Dec 2026, 09:00 (America/Moncton)” — what the person will see on their clock."""
    zone = zone_for(zone_name)
    local = at.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({zone})"
