"""When an HR reminder goes out, from the words HR types after the channel.

    parse_when("tomorrow 9:00 Can I …", now)  ->  (tomorrow 09:00 in now's zone, "Can I …")

Understood, case-insensitive, at the start of the text:
    now · in 30 minutes · in 2 hours · in an hour · in 3 days · in 1 week
    today 17:30 · tomorrow 9:00 · tomorrow at 9am · tomorrow (9:00)
    monday 14:30 · on friday at 4pm (the next such day still ahead)
    2025-07-01 09:00 · 2025-07-01T09:00 · 2025-07-01T09:00-03:00 · 2025-07-01 (9:00)
Times without a zone are in `now`'s zone, which the caller sets to the HR person's own.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.errors import UserInputError

DEFAULT_HOUR = 9
EXAMPLES = "now, in 2 hours, tomorrow 9:00, friday 4pm, 2025-07-01 09:00"

_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks",
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = r"(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
_END = r"(?=\s|$|[,.;:])"

_NOW = re.compile(r"^now" + _END, re.I)
_IN = re.compile(r"^in\s+(?P<n>\d+|an?|one)\s*(?P<unit>[a-z]+)" + _END, re.I)
_DAY = re.compile(r"^(?:on\s+)?(?P<day>today|tomorrow|" + "|".join(_WEEKDAYS) + r")(?:\s+" + _TIME + r")?" + _END, re.I)
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:(?:T|\s+(?:at\s+)?)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?" + _END,
    re.I,
)


class WhenError(UserInputError):
    """The time could not be understood or is not usable; the message says why."""


def _clock(hour: str | None, minute: str | None, ampm: str | None) -> tuple[int, int]:
    h = DEFAULT_HOUR if hour is None else int(hour)
    m = int(minute or 0)
    if ampm:
        if not 1 <= h <= 12:
            raise WhenError(f"“{h}{ampm}” is not a time.")
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise WhenError(f"“{hour}:{minute or '00'}” is not a time of day.")
    return h, m


def parse_when(text: str, now: dt.datetime) -> tuple[dt.datetime, str]:
    """(when, the rest of the text). `now` must be timezone-aware."""
    if now.tzinfo is None:
        raise ValueError("parse_when needs an aware `now`")
    s = text.strip()
    if m := _NOW.match(s):
        return now, s[m.end() :].strip()
    if m := _IN.match(s):
        unit = _UNITS.get(m["unit"].lower())
        if unit is None:
            raise WhenError(f"“{m['unit']}” is not a unit of time; say minutes, hours, days or weeks.")
        n = 1 if m["n"].lower() in ("a", "an", "one") else int(m["n"])
        return now + dt.timedelta(**{unit: n}), s[m.end() :].strip()
    if m := _DAY.match(s):
        h, mi = _clock(m["hour"], m["minute"], m["ampm"])
        day = m["day"].lower()
        base = now.date()
        if day == "today":
            date = base
        elif day == "tomorrow":
            date = base + dt.timedelta(days=1)
        else:
            ahead = (_WEEKDAYS.index(day) - base.weekday()) % 7
            date = base + dt.timedelta(days=ahead)
            if dt.datetime.combine(date, dt.time(h, mi), tzinfo=now.tzinfo) <= now:
                date += dt.timedelta(days=7)
        return dt.datetime.combine(date, dt.time(h, mi), tzinfo=now.tzinfo), s[m.end() :].strip()
    if m := _ISO.match(s):
        try:
            date = dt.date.fromisoformat(m["date"])
        except ValueError:
            raise WhenError(f"“{m['date']}” is not a date.") from None
        h, mi = _clock(m["hour"], m["minute"], None)
        zone = now.tzinfo
        if m["tz"]:
            if m["tz"].upper() == "Z":
                zone = dt.timezone.utc
            else:
                sign = -1 if m["tz"][0] == "-" else 1
                digits = m["tz"][1:].replace(":", "")
                zone = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime.combine(date, dt.time(h, mi), tzinfo=zone), s[m.end() :].strip()
    first = s.split(maxsplit=1)[0] if s else ""
    raise WhenError(f"I could not tell when to post it from “{first}”. Say when right after the channel, e.g. {EXAMPLES}.")
