"""Moments that follow the launch, set against the launch's own time or date.

An alert answers a launch already detected, a report of "the launch" comes
after it, and a fall follows it: none can be earlier than the launch. Each
case is a kind of fault seen in real coverage, written in our own words.
"""

from __future__ import annotations

import datetime as dt

from launchcheck.model import Article, Moment, Verdict
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def article(name: str, text: str, published: str = "2024-06-05") -> Article:
    return Article(path=name, text=text, published=dt.date.fromisoformat(published))


def sequence_findings(*articles: Article, zone: str = "Asia/Tokyo"):
    report = check_articles(list(articles), RULES, Options(timezone=zone))
    return [f for f in report.findings if f.moment is not None and f.conflicts]


def no_conflict_with(moment: Moment, *articles: Article) -> bool:
    """True when a claim of ``moment`` was read and nothing conflicts at all."""
    report = check_articles(list(articles), RULES, Options(timezone="Asia/Tokyo"))
    read = {x.claim.context.moment for f in report.findings for x in f.facts}
    return moment in read and not any(f.conflicts for f in report.findings)


def test_sirens_hours_before_the_launch_time_contradict_it():
    """Sirens at 6:10 p.m. against an attack that "began around 9 p.m."."""
    found = sequence_findings(
        article("a.txt", "The missile attack began around 9 p.m. local time."),
        article(
            "b.txt",
            "Sirens went off in the city at 6:10 p.m. as missiles launched from the north flew in.",
        ),
    )
    assert len(found) == 1
    finding = found[0]
    assert finding.moment is Moment.WARNING
    assert finding.verdict is Verdict.CONTRADICTION
    assert "follows the launch" in finding.reason
    ((i, j),) = finding.conflicts
    assert {
        finding.facts[i].claim.span.article,
        finding.facts[j].claim.span.article,
    } == {
        "a.txt",
        "b.txt",
    }


def test_sirens_minutes_after_the_launch_agree():
    assert no_conflict_with(
        Moment.WARNING,
        article("a.txt", "The missile attack began around 9 p.m. local time."),
        article(
            "b.txt",
            "Sirens went off in the city at 9:12 p.m. as missiles launched from the north flew in.",
        ),
    )


def test_a_report_dated_before_the_launch_day_contradicts_it():
    """ "On Tuesday the army reported the launch" against a launch on Wednesday."""
    found = sequence_findings(
        article("a.txt", "The North fired the missile on Wednesday, June 5."),
        article(
            "b.txt", "On Tuesday, June 4, the army reported the launch of a missile."
        ),
    )
    assert len(found) == 1
    assert found[0].moment is Moment.ANNOUNCEMENT


def test_a_report_the_next_day_is_no_conflict():
    """State media often report a launch the morning after."""
    assert no_conflict_with(
        Moment.ANNOUNCEMENT,
        article("a.txt", "The North fired the missile on Tuesday, June 4."),
        article(
            "b.txt",
            "On Wednesday, June 5, state media reported the launch of a missile.",
        ),
    )


def test_a_clock_time_of_a_report_places_nothing():
    """A report's time alone may be the next day's: never set against the launch."""
    assert no_conflict_with(
        Moment.ANNOUNCEMENT,
        article("a.txt", "The rocket was launched at 10:40 p.m. from the coast."),
        article(
            "b.txt",
            "The agency said in a statement at 6:30 a.m. that it had launched the rocket.",
        ),
    )


def test_a_forecast_fall_follows_nothing_yet():
    """ "Was expected to fall at 8 a.m." is a forecast, not a fall."""
    assert no_conflict_with(
        Moment.FALL,
        article("a.txt", "The rocket was launched at 9:10 a.m. from the island."),
        article(
            "b.txt",
            "The rocket launched from the island was expected to fall into the sea at 8:00 a.m.",
        ),
    )


def test_a_fall_before_the_launch_contradicts_it():
    found = sequence_findings(
        article("a.txt", "The rocket was launched at 9:10 a.m. from the island."),
        article(
            "b.txt",
            "The missile, launched from the island, fell into the sea at 8:05 a.m.",
        ),
    )
    assert len(found) == 1
    assert found[0].moment is Moment.FALL


def test_a_navigational_warning_is_no_sequel():
    """A warning issued days ahead of a launch window follows no launch."""
    assert no_conflict_with(
        Moment.WARNING,
        article("a.txt", "The rocket was launched on Friday, June 7."),
        article(
            "b.txt",
            "The coast guard warned on Monday, June 3, that the North was launching a satellite within days.",
        ),
    )


def test_a_flight_time_and_a_fall_time_that_do_not_fit_the_launch_contradict():
    """Launched 7:10, flew 73 minutes, but "fell at 8:40": 7:10 + 73 min is 8:23."""
    found = sequence_findings(
        article(
            "a.txt", "The missile was launched at 7:10 a.m. from near the capital."
        ),
        article("b.txt", "It flew for 73 minutes, the ministry said."),
        article(
            "c.txt",
            "The missile, launched from near the capital, fell into the sea at 8:40 a.m.",
        ),
    )
    elapsed = [f for f in found if f.rule == "flight-duration"]
    assert len(elapsed) == 1
    assert elapsed[0].moment is Moment.FALL
    assert "do not fit" in elapsed[0].reason


def test_a_flight_time_that_fits_the_fall_is_no_conflict():
    assert no_conflict_with(
        Moment.FALL,
        article(
            "a.txt", "The missile was launched at 7:10 a.m. from near the capital."
        ),
        article("b.txt", "It flew for 73 minutes, the ministry said."),
        article(
            "c.txt",
            "The missile, launched from near the capital, fell into the sea at 8:23 a.m.",
        ),
    )


def test_nothing_is_derived_when_the_launch_times_disagree():
    found = sequence_findings(
        article(
            "a.txt", "The missile was launched at 7:10 a.m. from near the capital."
        ),
        article(
            "d.txt", "The missile was launched at 6:20 a.m. from near the capital."
        ),
        article("b.txt", "It flew for 73 minutes, the ministry said."),
        article(
            "c.txt",
            "The missile, launched from near the capital, fell into the sea at 8:40 a.m.",
        ),
    )
    assert not [f for f in found if f.rule == "flight-duration"]


def test_the_countdown_s_start_is_not_the_launch():
    """ "The 24-hour countdown for the liftoff began at 1:30 p.m. on Thursday"."""
    assert no_conflict_with(
        Moment.COUNTDOWN,
        article("a.txt", "The rocket lifted off at 2:40 p.m. on Friday, June 7."),
        article(
            "b.txt",
            "The 24-hour countdown for the liftoff began at 1:30 p.m. on Thursday, June 6.",
        ),
    )


def test_a_date_the_launch_was_first_set_for_is_superseded():
    """ "Originally planned to fly on June 3, the rocket launched on Friday"."""
    report = check_articles(
        [
            article("a.txt", "The rocket lifted off on Friday, June 7."),
            article(
                "b.txt",
                "Originally planned to fly on June 3, the rocket launched on Friday"
                " after the wind eased.",
            ),
        ],
        RULES,
        Options(timezone="Asia/Tokyo"),
    )
    first = [x for f in report.findings for x in f.facts if x.claim.text == "June 3"]
    assert first and first[0].claim.context.not_compared_because().startswith(
        "superseded"
    )
    assert not any(f.conflicts for f in report.findings)
