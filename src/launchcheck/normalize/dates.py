"""Dates and clock times → UTC windows at the precision they were stated.

Common newsroom forms ("Oct. 31", "Thursday, October 31", "the morning of
November 1, 2024", "7:10 a.m.", "0810 KST") are read by our own patterns:
they are fast and never guess. Anything else goes to dateparser in English
mode, relative to the publication date, and its answer is kept only if it is
within a year of that date (dateparser reads "may" or "a second" as dates).

Weekdays resolve news-style: in Thursday's paper "Thursday" is that day and
"Wednesday" the day before (never next week).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from functools import lru_cache
from typing import TYPE_CHECKING, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from launchcheck.lexicon import lexicon
from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_P = ParamSpec("_P")
_T = TypeVar("_T")

_LEX = lexicon()
# Month spellings → number; weekday names → 0 (Monday)..6; parts of day →
# (start hour, end hour); zone words → IANA. All from lexicon.yml.
MONTHS: Mapping[str, int] = _LEX.months
WEEKDAYS: dict[str, int] = {w.lower(): i for i, w in enumerate(_LEX.weekdays)}
PARTS: Mapping[str, tuple[float, float]] = _LEX.parts
# Parts of a month → (first day, last day), 31 meaning the month's last day.
MONTH_PARTS: Mapping[str, tuple[int, int]] = _LEX.month_parts
ZONES: Mapping[str, str] = _LEX.zones
_CAL_MDY = re_compile(
    r"^(?:(?P<wd>[A-Za-z]+day),?\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(?P<year>\d{4}))?$"
)
_CAL_DMY = re_compile(
    r"^(?:(?P<wd>[A-Za-z]+day),?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[A-Za-z]{3,9})\.?"
    r"(?:,?\s+(?P<year>\d{4}))?$"
)
_ISO = re_compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})$")
_PART_OF = re_compile(
    r"^(?:the\s+)?(?P<part>(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|dawn)"
    r"|before\s+dawn)\s+of\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_TRAILING_PART = re_compile(
    r"^(?P<rest>.+?)\s+(?P<part>(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|dawn)"
    r"|before\s+dawn)$",
    re.IGNORECASE,
)
_MONTH_PART = re_compile(
    r"^(?:the\s+)?(?P<part>"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(MONTH_PARTS, key=lambda w: (-len(w), w))
    )
    + r")[\s-]+(?P<mon>[A-Za-z]{3,9})\.?(?:,?\s+(?P<year>\d{4}))?$",
    re.IGNORECASE,
)
_LEADING = re_compile(r"^(?P<edge>early|late)\s+(?P<rest>.+)$", re.IGNORECASE)
_CLOCK = re_compile(
    r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap])?\.?\s*m?\.?$"
    r"|^(?P<mh>[01]\d|2[0-3])(?P<mm>[0-5]\d)$|^(?P<word>noon|midnight)$",
    re.IGNORECASE,
)


def zone_name(written: str, article_zone: str | None, event_zone: str) -> str:
    """The IANA zone a stated zone word means; no word → article's, else event's."""
    key = " ".join(written.lower().split())
    if not key:
        return article_zone or event_zone
    if key in ("local", "local time"):
        return event_zone
    return ZONES.get(key, article_zone or event_zone)


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _to_utc(day: dt.date, hour: float, zone: str) -> dt.datetime:
    base = dt.datetime.combine(day, dt.time(0), tzinfo=_zone(zone))
    moment = base + dt.timedelta(hours=hour)
    return moment.astimezone(dt.UTC)


def nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date with this month and day closest to ``ref`` (a paper's dates are recent)."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def _within_calendar(func: Callable[_P, _T]) -> Callable[_P, _T | None]:
    """None, not OverflowError, for days at the calendar's ends (year 1 or 9999).

    A window there cannot be placed in UTC; the claim becomes a note.
    """

    @functools.wraps(func)
    def placed(*args: _P.args, **kwargs: _P.kwargs) -> _T | None:
        try:
            return func(*args, **kwargs)
        except OverflowError:
            return None

    return placed


def weekday_date(weekday: int, ref: dt.date) -> dt.date:
    """News-style: a weekday within the five days before ``ref``, or the next day.

    In Thursday's paper "Thursday" is that day and "Wednesday" the day
    before, but "Friday" is tomorrow (a paper in New York writes "Wednesday
    morning" for a launch in Asia that is still ahead of it); a week-old day
    would be "last Friday".
    """
    back = (ref.weekday() - weekday) % 7
    return ref + dt.timedelta(days=1) if back == 6 else ref - dt.timedelta(days=back)


def weekday_ahead(weekday: int, ref: dt.date) -> dt.date:
    """A weekday of something still to come: that day this week or the next.

    "will launch on Friday" in a Thursday paper is the next day; "the vote
    on Tuesday" in a Thursday paper is five days ahead, never two days back.
    In a Friday paper, "on Friday" is that very day.
    """
    return ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)


def bare_day(day: int, ref: dt.date, month: int | None, ahead: bool) -> dt.date | None:
    """A day written with no month ("the 31st"), placed by ``month`` or ``ref``.

    In ``month`` when the sentence names one (the year nearest ``ref``).

    With no month named, it is the latest such day on or before ``ref`` (in a
    November 2 paper, October 31), or for something still to come the
    earliest on or after it. None when no month within a year has the day.
    """
    if month is not None:
        return nearest_year(month, day, ref)
    step = 1 if ahead else -1
    year, mon = ref.year, ref.month
    for _ in range(13):
        try:
            found = dt.date(year, mon, day)
        except ValueError:
            found = None
        if found is not None and (found >= ref if ahead else found <= ref):
            return found
        mon += step
        if mon == 0:
            year, mon = year - 1, 12
        elif mon == 13:
            year, mon = year + 1, 1
    return None


_BARE_DAY = re_compile(r"^(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)$", re.IGNORECASE)


@lru_cache(maxsize=4096)
@_within_calendar
def parse_day(
    text: str, ref: dt.date | None, ahead: bool = False, month: int | None = None
) -> tuple[dt.date, str] | None:
    """Read a calendar day; returns the date and a note if anything was inferred.

    ``ref`` is the publication date (or the story's reference date); without
    it, a day with no year or a bare weekday cannot be placed and is None.
    ``ahead`` reads a bare weekday or day of month as still to come (a plan,
    an election not yet held); ``month`` is the month the sentence names,
    for a day written without one ("the 31st").
    """
    text = " ".join(text.replace("’", "'").split()).strip(" ,")
    low = text.lower()
    bare = _BARE_DAY.match(text)
    if bare:
        if ref is None:
            return None
        found = bare_day(int(bare["day"]), ref, month, ahead)
        if found is None:
            return None
        how = "the month the sentence names" if month else "publication"
        return found, f"{text} placed by {how} ({ref.isoformat()})"
    if ref is not None:
        if low in ("today", "this morning", "earlier today", "tonight"):
            return ref, "today"
        if low in ("yesterday", "last night"):
            return ref - dt.timedelta(days=1), "yesterday"
    m = _ISO.match(text)
    if m:
        try:
            return dt.date(int(m["year"]), int(m["mon"]), int(m["day"])), ""
        except ValueError:
            return None
    m = _CAL_MDY.match(text) or _CAL_DMY.match(text)
    if m:
        month = MONTHS.get(m["mon"].lower().rstrip("."))
        if month is None or (m["wd"] and m["wd"].lower() not in WEEKDAYS):
            return None
        day = int(m["day"])
        if m["year"]:
            try:
                return dt.date(int(m["year"]), month, day), ""
            except ValueError:
                return None
        if ref is None:
            return None
        found = nearest_year(month, day, ref)
        return (found, "") if found else None
    if low in ("last week", "earlier this week", "this week") and ref is not None:
        return ref - dt.timedelta(days=7 if low == "last week" else 0), "week"
    if low in WEEKDAYS:
        if ref is None:
            return None
        if ahead:
            found = weekday_ahead(WEEKDAYS[low], ref)
            return found, f"{text} ahead of {ref.isoformat()}"
        found = weekday_date(WEEKDAYS[low], ref)
        return found, f"{text} relative to {ref.isoformat()}"
    nxt = re.fullmatch(r"next\s+(\w+day)", low)
    if nxt and nxt.group(1) in WEEKDAYS and ref is not None:
        # "next Tuesday": the first one strictly after the paper's day.
        ahead_by = (WEEKDAYS[nxt.group(1)] - ref.weekday() - 1) % 7 + 1
        return ref + dt.timedelta(days=ahead_by), f"{text} after {ref.isoformat()}"
    last = re.fullmatch(r"last\s+(\w+day)", low)
    if last and last.group(1) in WEEKDAYS and ref is not None:
        # "last Thursday": the most recent one strictly before the paper's day.
        back = (ref.weekday() - WEEKDAYS[last.group(1)]) % 7 or 7
        return ref - dt.timedelta(days=back), f"{text} relative to {ref.isoformat()}"
    return _dateparser_day(text, ref)


def _dateparser_day(text: str, ref: dt.date | None) -> tuple[dt.date, str] | None:
    """Fallback for forms our patterns do not read; guarded against false dates."""
    if ref is None or not re.search(
        r"\d|week|month|ago|last|yesterday", text, re.IGNORECASE
    ):
        return None
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(ref, dt.time(12)),
            "PREFER_DATES_FROM": "current_period",
            "REQUIRE_PARTS": ["day"] if re.search(r"\d", text) else [],
        },
    )
    if parsed is None or abs((parsed.date() - ref).days) > 366:
        return None
    return parsed.date(), f"read by dateparser relative to {ref.isoformat()}"


def weekday_misfit(text: str, ref: dt.date | None) -> tuple[str, dt.date] | None:
    """A weekday written with a calendar date that it does not fit.

    "Wednesday 13 April" in 2023 (the 13th was a Thursday) returns
    ("Wednesday", 2023-04-12): the weekday read on its own, as the nearest
    such day to the date. None when the weekday fits, or none is written.
    """
    day_text = split_part(text)[0]
    clean = " ".join(day_text.replace("’", "'").split()).strip(" ,")
    m = _CAL_MDY.match(clean) or _CAL_DMY.match(clean)
    if not m or not m["wd"] or m["wd"].lower() not in WEEKDAYS:
        return None
    found = parse_day(clean, ref)
    if found is None:
        return None
    day = found[0]
    weekday = WEEKDAYS[m["wd"].lower()]
    if day.weekday() == weekday:
        return None
    shift = (weekday - day.weekday() + 3) % 7 - 3
    return m["wd"], day + dt.timedelta(days=shift)


def split_part(text: str) -> tuple[str, str]:
    """Separate a part of day ("morning", "early") from the day it qualifies."""
    text = " ".join(text.split())
    m = _PART_OF.match(text)
    if m:
        return m["rest"], m["part"].lower()
    m = _TRAILING_PART.match(text)
    part = ""
    if m:
        text, part = m["rest"], m["part"].lower()
    m = _LEADING.match(text)
    if m:
        text = m["rest"]
        part = f"{m['edge'].lower()} {part}".strip() if part else m["edge"].lower()
    return text, part


def month_part(text: str, ref: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day of a part of a month, and the part as written.

    "mid-October" is October 11-20, "early Oct." 1-10, "late October" and
    "the end of October" the 21st to the month's last day: thirds of a month
    as the lexicon's ``parts_of_month`` states them (the WMO's dekads). With
    no year, the month is the one nearest ``ref``; with neither, None.
    """
    m = _MONTH_PART.match(" ".join(text.split()).strip(" ,"))
    if not m:
        return None
    month = MONTHS.get(m["mon"].lower())
    if month is None:
        return None
    part = " ".join(m["part"].lower().split())
    first, last = MONTH_PARTS[part]
    if m["year"]:
        start = dt.date(int(m["year"]), month, 1)
    elif ref is not None:
        nearest = nearest_year(month, (first + min(last, 28)) // 2, ref)
        if nearest is None:
            return None
        start = nearest.replace(day=1)
    else:
        return None
    month_end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    days_in_month = (month_end - start).days
    return (
        start.replace(day=min(first, days_in_month)),
        start.replace(day=min(last, days_in_month)),
        f"{part} {m['mon'].rstrip('.')}",
    )


def closest_day(
    window_start: dt.datetime, window_end: dt.datetime, zone: str, ref: dt.date
) -> dt.date:
    """The local day of a window nearest ``ref``: how old a multi-day window is.

    "late October" in a paper of November 2 is two days old, not twelve.
    """
    first = window_start.astimezone(_zone(zone)).date()
    last = (window_end - dt.timedelta(microseconds=1)).astimezone(_zone(zone)).date()
    return min(max(ref, first), last)


def describe(window_start: dt.datetime, zone: str, precision: str) -> str:
    """A date window for people: "Thu 2024-10-31 morning", "late October 2024"."""
    local = window_start.astimezone(_zone(zone))
    if precision.split()[-1].lower() in MONTHS:
        return f"{precision} {local:%Y}"
    return f"{local:%a %Y-%m-%d}" + (f" {precision}" if precision != "day" else "")


@_within_calendar
def day_window(
    text: str,
    ref: dt.date | None,
    zone: str,
    ahead: bool = False,
    month: int | None = None,
) -> tuple[dt.datetime, dt.datetime, str, str] | None:
    """A stated day (and part of day) as a UTC window with its precision.

    A part of a month ("mid-October") is a window of several days whose
    precision is the part as written ("mid October").
    """
    parted = month_part(text, ref)
    if parted is not None:
        first, last, written = parted
        end = last + dt.timedelta(days=1)
        return _to_utc(first, 0, zone), _to_utc(end, 0, zone), written, ""
    day_text, part = split_part(text)
    found = parse_day(day_text, ref, ahead, month)
    if found is None:
        return None
    day, note = found
    if note == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return _to_utc(monday, 0, zone), _to_utc(monday, 24 * 7, zone), "week", text
    start_h, end_h = PARTS.get(part, (0, 24))
    if part and part not in PARTS:
        start_h, end_h = PARTS.get(part.split()[-1], (0, 24))
    return _to_utc(day, start_h, zone), _to_utc(day, end_h, zone), part or "day", note


@lru_cache(maxsize=4096)
def parse_clock(text: str) -> tuple[float, float] | None:
    """Read a clock time into (hour of day, precision in hours)."""
    t = " ".join(text.lower().split())
    m = _CLOCK.match(t)
    if not m:
        return None
    if m["word"]:
        return (12.0 if m["word"] == "noon" else 0.0), 1 / 60
    if m["mh"]:
        return int(m["mh"]) + int(m["mm"]) / 60, 1 / 60
    hour = int(m["h"])
    minute = int(m["m"]) if m["m"] else 0
    if hour > 23 or minute > 59:
        return None
    if m["ampm"]:
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if m["ampm"] == "p" else 0)
    elif not m["m"]:
        return None
    precision = 1 / 60 if m["m"] else 1.0
    return hour + minute / 60, precision


@_within_calendar
def clock_window(
    clock: str, day_text: str, ref: dt.date | None, zone: str
) -> tuple[dt.datetime, dt.datetime, str, str, bool] | None:
    """A clock time, on a stated day if there is one, as a UTC window.

    With no day, the window is placed on the reference day only to apply the
    zone's offset, and is marked clock-only: it is compared as a time of day.
    """
    parsed = parse_clock(clock)
    if parsed is None:
        return None
    hour, precision = parsed
    note = ""
    clock_only = True
    day = ref or dt.date(2000, 1, 1)
    if day_text:
        found = parse_day(split_part(day_text)[0], ref)
        if found is not None:
            day, note = found
            clock_only = False
    half = precision / 2 if precision > 1 / 60 else 0.0
    start = _to_utc(day, hour - half, zone)
    end = _to_utc(day, hour + max(precision - half, 1 / 60), zone)
    label = "minute" if precision <= 1 / 60 else "hour"
    return start, end, label, note, clock_only


_LABEL_DAY = re_compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?",
    re.IGNORECASE,
)


def label_day(label: str, ref: dt.date) -> dt.date | None:
    """The calendar day named inside an other-event label, if any."""
    m = _LABEL_DAY.search(label)
    if not m:
        return None
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)", "", m.group())
    found = parse_day(text[:1].upper() + text[1:], ref)
    return found[0] if found else None
