"""launchcheck.normalize.dates: days and clock times → UTC windows."""

from __future__ import annotations

import datetime as dt

import pytest

from launchcheck.normalize.dates import (
    clock_window,
    day_window,
    nearest_year,
    parse_clock,
    parse_day,
    split_part,
    weekday_date,
    zone_name,
)

THU = dt.date(2024, 10, 31)  # a Thursday: the launch day in Pyongyang
MINUTE = 1 / 60


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Oct. 31", THU),
        ("October 31", THU),
        ("Oct 31, 2024", THU),
        ("Thursday, October 31, 2024", THU),
        ("Thursday, Oct. 31", THU),
        ("31 October", THU),
        ("31st October 2024", THU),
        ("October 30th", dt.date(2024, 10, 30)),
        ("Sept. 3", dt.date(2024, 9, 3)),
        ("2024-11-01", dt.date(2024, 11, 1)),
        ("Nov. 1", dt.date(2024, 11, 1)),
    ],
)
def test_calendar_days(text, day):
    """Newsroom calendar forms are read by our own patterns, without a note."""
    assert parse_day(text, THU) == (day, "")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Thursday", THU),
        ("thursday", THU),
        ("Wednesday", dt.date(2024, 10, 30)),
        ("Friday", dt.date(2024, 11, 1)),
    ],
)
def test_weekdays_resolve_news_style(text, day):
    """In Thursday's paper "Thursday" is today and "Friday" last week, not tomorrow."""
    found, note = parse_day(text, THU)
    assert found == day
    assert text in note


def test_weekday_date_is_within_five_days_before_or_the_next_day():
    """News style: this week's weekday up to the paper's day, or tomorrow."""
    for weekday in range(7):
        day = weekday_date(weekday, THU)
        assert day.weekday() == weekday
        assert -1 <= (THU - day).days <= 5


def test_relative_words():
    """ "today" and "yesterday" are read against the publication date."""
    assert parse_day("today", THU) == (THU, "today")
    assert parse_day("yesterday", THU) == (dt.date(2024, 10, 30), "yesterday")


@pytest.mark.parametrize("text", ["Thursday", "Oct. 31", "today"])
def test_without_a_reference_relative_days_cannot_be_placed(text):
    """No publication date: a weekday or a day without a year is None, not a guess."""
    assert parse_day(text, None) is None


def test_full_date_needs_no_reference():
    """A day with its year is placed even without a publication date."""
    assert parse_day("Oct. 31, 2024", None) == (THU, "")


@pytest.mark.parametrize(
    "text", ["Feb. 30", "Funday, Oct. 31", "May", "a second", "2024-13-01"]
)
def test_impossible_or_non_dates_are_none(text):
    """Impossible days and words dateparser would misread as dates are refused."""
    assert parse_day(text, THU) is None


def test_nearest_year_across_new_year():
    """A paper's dates are recent: "Jan. 2" in a Dec. 30 paper is next year's."""
    assert nearest_year(1, 2, dt.date(2024, 12, 30)) == dt.date(2025, 1, 2)
    assert nearest_year(12, 30, dt.date(2025, 1, 2)) == dt.date(2024, 12, 30)
    assert nearest_year(6, 15, dt.date(2025, 1, 1)) == dt.date(2025, 6, 15)


def test_nearest_year_skips_years_without_the_day():
    """Feb. 29 is placed in the nearest leap year."""
    assert nearest_year(2, 29, dt.date(2025, 1, 1)) == dt.date(2024, 2, 29)


def test_parse_day_uses_nearest_year():
    """ "Jan. 2" read in a Dec. 30 paper, and the reverse."""
    assert parse_day("Jan. 2", dt.date(2024, 12, 30)) == (dt.date(2025, 1, 2), "")
    assert parse_day("Dec. 30", dt.date(2025, 1, 2)) == (dt.date(2024, 12, 30), "")


@pytest.mark.parametrize(
    ("text", "day", "part"),
    [
        ("the morning of November 1, 2024", "November 1, 2024", "morning"),
        ("early Thursday morning", "Thursday", "early morning"),
        ("Wednesday evening", "Wednesday", "evening"),
        ("early Thursday", "Thursday", "early"),
        ("Thursday before dawn", "Thursday", "before dawn"),
        ("Oct. 31", "Oct. 31", ""),
    ],
)
def test_split_part_separates_part_of_day(text, day, part):
    """The part of the day is split from the day it qualifies."""
    assert split_part(text) == (day, part)


def test_day_window_in_the_event_zone():
    """ "Thursday" in Pyongyang (UTC+9) starts at 15:00 UTC on Wednesday."""
    start, end, precision, _ = day_window("Thursday", THU, "Asia/Pyongyang")
    assert (start, end) == (utc("2024-10-30 15:00"), utc("2024-10-31 15:00"))
    assert precision == "day"
    assert start.tzinfo is not None


def test_day_window_with_part_of_day():
    """ "the morning of November 1, 2024" in Pyongyang is 05:00–12:00 local."""
    start, end, precision, _ = day_window(
        "the morning of November 1, 2024", None, "Asia/Pyongyang"
    )
    assert (start, end) == (utc("2024-10-31 20:00"), utc("2024-11-01 03:00"))
    assert precision == "morning"


def test_early_morning_window():
    """ "early Thursday morning" is Thursday 00:00–09:00 in the zone."""
    start, end, precision, _ = day_window(
        "early Thursday morning", THU, "Asia/Pyongyang"
    )
    assert (start, end) == (utc("2024-10-30 15:00"), utc("2024-10-31 00:00"))
    assert precision == "early morning"


def test_new_york_wednesday_evening_is_pyongyang_thursday_morning():
    """The README's example: counted in another zone, the same moment."""
    start, end, _, _ = day_window("Wednesday evening", THU, "America/New_York")
    launch, _, _, _, _ = clock_window("7:10 a.m.", "Thursday", THU, "Asia/Pyongyang")
    assert start <= launch < end


def test_day_window_follows_daylight_saving_changes():
    """Nov. 3, 2024 in New York has 25 hours (DST ends)."""
    start, end, _, _ = day_window("Nov. 3", THU, "America/New_York")
    assert end - start == dt.timedelta(hours=25)
    assert start == utc("2024-11-03 04:00")


def test_last_week_is_a_monday_to_monday_window():
    """ "last week" is the whole previous calendar week."""
    start, end, precision, _ = day_window("last week", THU, "UTC")
    assert (start, end, precision) == (utc("2024-10-21"), utc("2024-10-28"), "week")


def test_day_window_without_reference_is_none():
    """A bare weekday in an article with no date cannot be placed."""
    assert day_window("Thursday", None, "UTC") is None


@pytest.mark.parametrize(
    ("text", "hour", "precision"),
    [
        ("0810", 8 + 10 / 60, MINUTE),
        ("2210", 22 + 10 / 60, MINUTE),
        ("7:10 a.m.", 7 + 10 / 60, MINUTE),
        ("7:10 am", 7 + 10 / 60, MINUTE),
        ("7:10 A.M.", 7 + 10 / 60, MINUTE),
        ("7:10a.m.", 7 + 10 / 60, MINUTE),
        ("7.10 a.m.", 7 + 10 / 60, MINUTE),
        ("7:10 p.m.", 19 + 10 / 60, MINUTE),
        ("10:45 p.m.", 22.75, MINUTE),
        ("22:10", 22 + 10 / 60, MINUTE),
        ("12:30 a.m.", 0.5, MINUTE),
        ("12:00 a.m.", 0.0, MINUTE),
        ("noon", 12.0, MINUTE),
        ("Noon", 12.0, MINUTE),
        ("midnight", 0.0, MINUTE),
        ("7 a.m.", 7.0, 1.0),
        ("12 p.m.", 12.0, 1.0),
    ],
)
def test_parse_clock(text, hour, precision):
    """Clock times become an hour of day and the precision they were stated to."""
    found = parse_clock(text)
    assert found == (pytest.approx(hour), pytest.approx(precision))


@pytest.mark.parametrize(
    "text", ["7", "13:10 p.m.", "0 a.m.", "24:00", "2400", "0860", "7:61", "soon"]
)
def test_parse_clock_refuses_non_times(text):
    """A bare number, an impossible hour or minute is not a clock time."""
    assert parse_clock(text) is None


def test_clock_window_on_a_stated_day():
    """ "7:10 a.m." on Thursday in Pyongyang is 22:10 UTC Wednesday, one minute wide."""
    start, end, precision, _, clock_only = clock_window(
        "7:10 a.m.", "Thursday", THU, "Asia/Pyongyang"
    )
    assert (start, end) == (utc("2024-10-30 22:10"), utc("2024-10-30 22:11"))
    assert precision == "minute"
    assert clock_only is False


def test_same_moment_in_three_zones():
    """7:10 a.m. Pyongyang = 6:10 p.m. Wednesday New York = 2210 GMT Wednesday."""
    pyongyang = clock_window("7:10 a.m.", "Thursday", THU, "Asia/Pyongyang")
    new_york = clock_window("6:10 p.m.", "Wednesday", THU, "America/New_York")
    gmt = clock_window("2210", "Wednesday", THU, "UTC")
    assert pyongyang[:2] == new_york[:2] == gmt[:2]


def test_clock_only_window_is_marked():
    """With no day, the window keeps the zone offset but is marked clock-only."""
    start, end, _, _, clock_only = clock_window("7:10 a.m.", "", THU, "Asia/Pyongyang")
    assert clock_only is True
    assert (start.hour, start.minute) == (22, 10)
    assert end - start == dt.timedelta(minutes=1)


def test_clock_only_window_without_any_reference():
    """ "0810" with no day and no publication date is still a time of day."""
    start, _, _, _, clock_only = clock_window("0810", "", None, "Asia/Seoul")
    assert clock_only is True
    assert (start.hour, start.minute) == (23, 10)


def test_clock_with_unreadable_day_stays_clock_only():
    """A day that cannot be read does not pin the time to a date."""
    assert clock_window("7:10 a.m.", "Funday", THU, "UTC")[4] is True


def test_hour_precision_window_is_centred():
    """ "7 a.m." covers 6:30–7:30 in its zone (an hour-only time is ±30 min)."""
    start, end, precision, _, _ = clock_window("7 a.m.", "Oct. 31", THU, "UTC")
    assert (start, end) == (utc("2024-10-31 06:30"), utc("2024-10-31 07:30"))
    assert precision == "hour"


def test_clock_window_refuses_non_times():
    """Text that is not a clock time gives None."""
    assert clock_window("soon", "Thursday", THU, "UTC") is None


@pytest.mark.parametrize(
    ("written", "article", "event", "zone"),
    [
        ("KST", None, "UTC", "Asia/Seoul"),
        (" Korea  Time ", None, "UTC", "Asia/Seoul"),
        ("GMT", "America/New_York", "Asia/Pyongyang", "UTC"),
        ("", None, "Asia/Pyongyang", "Asia/Pyongyang"),
        ("", "America/New_York", "Asia/Pyongyang", "America/New_York"),
        ("local time", "America/New_York", "Asia/Pyongyang", "Asia/Pyongyang"),
    ],
)
def test_zone_name(written, article, event, zone):
    """A stated zone wins, then the article's, then the event's ("local" = event's)."""
    assert zone_name(written, article, event) == zone
