"""Dates read from their sentence: zones beside them, quotes, future days, bare days.

Every case is written in our own words; each shows one kind of fault.
"""

from __future__ import annotations

import datetime as dt

import pytest

from launchcheck.model import Article, Verdict
from launchcheck.normalize.dates import bare_day, parse_day, weekday_ahead
from launchcheck.normalize.when import locate, reading, statement_day, zone_beside
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())
THU = dt.date(2024, 10, 31)
SAT = dt.date(2024, 11, 2)


def article(name: str, text: str, published: dt.date | None = SAT):
    return Article(path=name, text=text, published=published, zone=None)


def findings(*articles, rule: str, zone: str = "Asia/Tokyo"):
    report = check_articles(list(articles), RULES, Options(timezone=zone))
    return [f for f in report.findings if f.rule == rule], report.notes


# ---- a day with no month -----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "ref", "ahead", "want"),
    [
        (31, SAT, False, dt.date(2024, 10, 31)),  # in a November 2 paper
        (31, THU, False, THU),  # on the day itself
        (2, SAT, False, SAT),
        (5, THU, False, dt.date(2024, 10, 5)),
        (5, THU, True, dt.date(2024, 11, 5)),  # still to come
        (
            31,
            dt.date(2024, 11, 30),
            False,
            dt.date(2024, 10, 31),
        ),  # November has no 31st
        (30, dt.date(2024, 3, 10), False, dt.date(2024, 1, 30)),  # nor February a 30th
    ],
)
def test_a_bare_day_is_the_latest_such_day_on_or_before_publication(
    day, ref, ahead, want
):
    """ "the 31st" in a November 2 paper is October 31; still to come, the next one."""
    assert bare_day(day, ref, None, ahead) == want


def test_a_bare_day_takes_the_month_its_sentence_names():
    """A month named in the sentence decides, in the year nearest publication."""
    assert bare_day(30, SAT, 9, False) == dt.date(2024, 9, 30)
    found = parse_day("the 30th", SAT, False, 9)
    assert found is not None and found[0] == dt.date(2024, 9, 30)


def test_a_bare_day_without_publication_date_is_unplaced():
    """No publication date, no month: "the 31st" is never guessed."""
    assert parse_day("the 31st", None) is None


def test_two_months_in_the_sentence_leave_a_bare_day_undecided():
    """With September and October both named, "the 30th" could be either."""
    sentence = "After a delay in September and a scrub in October, it flew on the 30th."
    how = reading("the 30th", "flew on the 30th", sentence, SAT)
    assert how.undecided


def test_bare_day_story_agrees_with_the_full_date_and_an_undecided_one_is_a_note():
    """ "the 31st" in a Nov 2 paper agrees with Oct. 31; an ambiguous one is a note."""
    a = article("a.txt", "The rocket lifted off on the 31st from the southern pad.")
    b = article("b.txt", "The rocket lifted off on Oct. 31 from the southern pad.")
    found, _ = findings(a, b, rule="launch-date")
    assert found and not [f for f in found if f.verdict.is_conflict]
    c = article(
        "c.txt",
        "After a slip in September and a scrub in October, the rocket lifted off on the 30th.",
    )
    found, notes = findings(c, b, rule="launch-date")
    assert not [f for f in found if f.verdict.is_conflict]
    assert any("more than one month" in n.message for n in notes)


# ---- future weekdays resolve forward -----------------------------------------------


def test_weekday_ahead_is_this_week_or_next():
    """From a Thursday, Friday is tomorrow and Tuesday five days on; Thursday is today."""
    assert weekday_ahead(4, THU) == dt.date(2024, 11, 1)
    assert weekday_ahead(1, THU) == dt.date(2024, 11, 5)
    assert weekday_ahead(3, THU) == THU


def test_next_weekday_is_strictly_after_publication():
    """ "next Tuesday" from a Thursday is five days on; "next Thursday" a week on."""
    assert parse_day("next Tuesday", THU)[0] == dt.date(2024, 11, 5)
    assert parse_day("next Thursday", THU)[0] == dt.date(2024, 11, 7)


def test_a_plain_weekday_still_resolves_news_style():
    """Without a sign of the future, "Tuesday" in a Thursday paper is two days back."""
    assert parse_day("Tuesday", THU)[0] == dt.date(2024, 10, 29)
    assert parse_day("Tuesday", THU, True)[0] == dt.date(2024, 11, 5)


def test_election_on_tuesday_in_a_thursday_paper_is_next_tuesday():
    """The election rule is marked ahead: it agrees with a paper that gives Nov. 5."""
    a = article(
        "a.txt", "The test came days before the presidential election on Tuesday.", THU
    )
    b = article(
        "b.txt", "The launch came days before the Nov. 5 presidential election.", THU
    )
    found, _ = findings(a, b, rule="election-date")
    assert found and not [f for f in found if f.verdict.is_conflict]


def test_a_planned_launch_on_friday_is_tomorrow_not_last_week():
    """A plan cue ("will") turns a weekday forward: Friday after a Thursday paper."""
    text = "The agency will launch the probe on Friday from its island pad."
    report = check_articles(
        [article("a.txt", text, THU)], RULES, Options(timezone="UTC")
    )
    dated = [m for f in report.findings if f.rule == "launch-date" for m in f.facts]
    assert dated, "the planned date was read"
    assert dated[0].value.start.date() == dt.date(2024, 11, 1)


# ---- "today" inside a quote ------------------------------------------------


def test_today_in_a_dated_quote_is_the_day_it_was_said():
    """'said on Thursday: "Today we launched"' in a Saturday paper is Thursday."""
    sentence = 'The agency chief said on Thursday: "Today we launched the satellite."'
    where = locate(sentence, "Today we launched", "Today")
    assert statement_day(sentence, where, SAT) == THU
    after = '"Today we launched the satellite," the chief said on Thursday.'
    where = locate(after, "Today we launched", "Today")
    assert statement_day(after, where, SAT) == THU


def test_today_in_an_undated_quote_or_outside_one_is_publication_day():
    """With no day for the statement, or outside quotes, today is the paper's day."""
    sentence = 'The chief said: "Today we launched the satellite."'
    assert statement_day(sentence, locate(sentence, "Today", "Today"), SAT) is None
    plain = "On Thursday the chief said today was a good day."
    assert statement_day(plain, locate(plain, "today", "today"), SAT) is None


def test_quoted_today_agrees_with_the_day_the_quote_was_said():
    """The quoted launch "today" on Thursday agrees with Oct. 31, not with Nov. 2."""
    a = article(
        "a.txt", 'The agency chief said on Thursday: "Today we launched the satellite."'
    )
    b = article("b.txt", "The satellite lifted off on Oct. 31 from the southern pad.")
    found, _ = findings(a, b, rule="launch-date")
    assert found and not [f for f in found if f.verdict.is_conflict]


# ---- a zone stated for a different day ---------------------------------------------


def test_a_date_takes_the_zone_of_the_clock_time_beside_it():
    """ "Monday, May 5, at 9:10 pm EDT" is a New York day; the bracket's day is local."""
    sentence = (
        "The rocket lifted off on Monday, May 5, at 9:10 pm EDT "
        "(10:10 am local time on May 6) from the island."
    )
    assert zone_beside(sentence, locate(sentence, "", "Monday, May 5")) == "EDT"
    assert zone_beside(sentence, locate(sentence, "", "May 6")) == "local time"


def test_a_time_in_other_brackets_lends_no_zone():
    """A zone inside brackets says nothing about a date outside them."""
    sentence = "It launched on May 5 (9:10 pm EDT) from the island."
    assert zone_beside(sentence, locate(sentence, "", "May 5")) == ""


def test_two_readings_of_one_instant_in_two_zones_agree():
    """A US day and the launch site's next day, each with its own zone, do not conflict."""
    text = (
        "The rocket lifted off on Monday, May 5, at 9:10 pm EDT "
        "(10:10 am local time on May 6) from the island."
    )
    a = article("a.txt", text, dt.date(2025, 5, 6))
    found, _ = findings(a, rule="launch-date")
    assert found
    assert not [f for f in found if f.verdict is Verdict.CONTRADICTION]
    zones = {m.value.zone for f in found for m in f.facts}
    assert zones == {"America/New_York", "Asia/Tokyo"}


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("It was fired at 7:10 a.m. (2210 GMT Wednesday) from the coast.", "Wednesday"),
        ("It was fired at 2210 GMT on Wednesday from the coast.", "Wednesday"),
    ],
)
def test_a_weekday_with_a_gmt_time_is_a_gmt_day(sentence, value):
    """A weekday written with a GMT clock time is a day in GMT."""
    assert zone_beside(sentence, locate(sentence, "", value)) == "GMT"


def test_a_time_in_another_clause_lends_no_zone():
    """A zone far from the date, or across a clause, says nothing of its day."""
    sentence = "It flew on Tuesday; the agency spoke much later, at 9 p.m. EDT."
    assert zone_beside(sentence, locate(sentence, "", "Tuesday")) == ""
