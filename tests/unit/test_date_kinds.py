"""Date kinds from real coverage: parts of months, bare days, future weekdays.

Every case is written in our own words; each shows one kind of fault.
"""

from __future__ import annotations

import datetime as dt

import pytest

from launchcheck.compare import conflicts
from launchcheck.model import Article, Verdict
from launchcheck.normalize.dates import closest_day, day_window, describe, month_part
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())
NOV2 = dt.date(2024, 11, 2)  # a Saturday paper


def article(name: str, text: str, published: str | None = "2024-11-02"):
    day = dt.date.fromisoformat(published) if published else None
    return Article(path=name, text=text, published=day, zone=None)


def facts_of(*articles, rule: str, zone: str = "Asia/Seoul"):
    report = check_articles(list(articles), RULES, Options(timezone=zone))
    return [f for f in report.findings if f.rule == rule]


# ---- parts of months -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("early October", 1, 10),
        ("early Oct.", 1, 10),
        ("the beginning of October", 1, 10),
        ("mid-October", 11, 20),
        ("mid October", 11, 20),
        ("the middle of October", 11, 20),
        ("late October", 21, 31),
        ("the end of October", 21, 31),
        ("end of October 2024", 21, 31),
    ],
)
def test_parts_of_a_month_are_thirds(text, first, last):
    """Early is days 1-10, mid 11-20, late and the end 21 to the last day."""
    found = month_part(text, NOV2)
    assert found is not None
    assert (found[0], found[1]) == (dt.date(2024, 10, first), dt.date(2024, 10, last))


def test_late_february_ends_on_the_months_last_day():
    """The last third of February ends on the 28th or, in a leap year, the 29th."""
    assert month_part("late February 2023", None)[1] == dt.date(2023, 2, 28)
    assert month_part("late February 2024", None)[1] == dt.date(2024, 2, 29)


def test_a_part_of_a_month_takes_the_nearest_year():
    """In a January paper, "late December" is last month, not eleven months ahead."""
    found = month_part("late December", dt.date(2025, 1, 3))
    assert found is not None and found[0] == dt.date(2024, 12, 21)


def test_a_part_of_a_month_without_year_or_reference_is_unplaced():
    """No year and no publication date: the window cannot be placed."""
    assert month_part("mid-October", None) is None
    assert day_window("mid-October", None, "UTC") is None


@pytest.mark.parametrize("text", ["October 31", "late Oct. 31", "Thursday", "mid-term"])
def test_days_and_other_words_are_no_part_of_a_month(text):
    """Only a part word directly before a month name with no day is a part."""
    assert month_part(text, NOV2) is None


def test_month_part_window_spans_its_days_in_the_zone():
    """ "late October" in Seoul runs from Oct 21 00:00 to Nov 1 00:00 Seoul time."""
    start, end, precision, _ = day_window("late October", NOV2, "Asia/Seoul")
    assert start == dt.datetime(2024, 10, 20, 15, tzinfo=dt.UTC)
    assert end == dt.datetime(2024, 10, 31, 15, tzinfo=dt.UTC)
    assert precision == "late October"
    assert describe(start, "Asia/Seoul", precision) == "late October 2024"


def test_a_window_is_as_old_as_its_day_nearest_publication():
    """ "late October" in a Nov 2 paper is two days old, not twelve."""
    start, end, _, _ = day_window("late October", NOV2, "Asia/Seoul")
    assert closest_day(start, end, "Asia/Seoul", NOV2) == dt.date(2024, 10, 31)


def _fact(text: str, when: str, published: str = "2024-11-02"):
    return article(
        text[:8] + ".txt", f"The rocket lifted off {when} from the coast.", published
    )


def test_late_october_agrees_with_october_31():
    """A launch "late October" and one "Oct. 31" are the same statement, said twice."""
    found = facts_of(
        _fact("aaa", "late October"), _fact("bbb", "on Oct. 31"), rule="launch-date"
    )
    assert found, "both dates were read"
    assert all(not f.verdict.is_conflict for f in found)
    assert any(f.verdict is Verdict.SURFACE_ONLY for f in found)


def test_early_october_contradicts_october_31():
    """Days 1-10 and the 31st do not overlap: the two windows conflict."""
    a = _fact("aaa", "early October", "2024-10-12")
    b = _fact("bbb", "on Oct. 31", "2024-10-31")
    report = check_articles([a, b], RULES, Options(timezone="Asia/Seoul"))
    dated = [f for f in report.findings if f.rule == "launch-date"]
    members = [m for f in dated for m in f.facts]
    assert len(members) == 2
    assert conflicts(members[0], members[1])


def test_election_in_a_part_of_a_month():
    """ "the election in early November" is a window; Nov. 5 falls inside it."""
    a = article(
        "a.txt",
        "The test came days before the presidential election in early November.",
    )
    b = article(
        "b.txt", "The launch came days before the Nov. 5 presidential election."
    )
    found = facts_of(a, b, rule="election-date")
    assert found and all(not f.verdict.is_conflict for f in found)
    c = article(
        "c.txt", "The launch came days before the Nov. 25 presidential election."
    )
    found = facts_of(a, c, rule="election-date")
    assert any(f.verdict is Verdict.CONTRADICTION for f in found)
