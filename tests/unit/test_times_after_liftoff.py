"""Times after liftoff, one rule per moment: stage separation, payload release.

Written in our own words; each case is a kind seen in real coverage.
"""

from __future__ import annotations

import datetime as dt

from launchcheck.model import Article, Interval, Verdict
from launchcheck.normalize.hedges import Hedge
from launchcheck.normalize.quantities import to_interval
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def report(*texts: str):
    articles = [
        Article(path=f"{i}.txt", text=t, published=dt.date(2024, 6, 5))
        for i, t in enumerate(texts)
    ]
    return check_articles(articles, RULES, Options(timezone="UTC"))


def test_an_elapsed_clock_is_minutes_and_seconds():
    low, high, nominal, *_ = to_interval("2:50", Hedge.EXACT, "[time]")
    assert nominal == 170
    assert low <= 170 <= high
    low, high, nominal, *_ = to_interval("1:02:30", Hedge.EXACT, "[time]")
    assert nominal == 3750


def test_stage_separation_times_that_differ_contradict():
    found = report(
        "The booster separated from the ship two minutes and 41 seconds into the flight.",
        "Stage separation came at 2:58 into the flight, according to the webcast.",
    )
    stage = [f for f in found.findings if f.rule == "stage-separation-time"]
    assert [f.verdict for f in stage] == [Verdict.CONTRADICTION]
    # the time of the separation is the instant itself, never set aside as one
    assert all(x.claim.context.moment is None for x in stage[0].facts)
    assert all(isinstance(x.value, Interval) for x in stage[0].facts)


def test_stage_and_payload_separation_never_meet():
    found = report(
        "The booster separated from the upper stage about three minutes after liftoff.",
        "About 55 minutes after liftoff, the probe separated from the rocket.",
    )
    rules = {f.rule: f.verdict for f in found.findings}
    assert rules.get("stage-separation-time") is Verdict.SINGLE
    assert rules.get("payload-separation-time") is Verdict.SINGLE


def test_a_time_of_day_is_no_elapsed_clock():
    found = report("The rocket lifted off at 9:41 after a two-hour delay.")
    assert not [f for f in found.findings if "separation" in f.rule]


def test_loss_of_signal_after_liftoff_ends_the_flight_as_observed():
    """Contact lost "nine minutes after liftoff" against "at T+2:05 the data stopped"."""
    found = report(
        "Contact with the ship was lost about nine minutes after liftoff.",
        "At T+2:05 the vehicle stopped sending data to the ground.",
    )
    flight = [f for f in found.findings if f.rule == "flight-duration"]
    assert [f.verdict for f in flight] == [Verdict.CONTRADICTION]


def test_the_time_of_a_statement_about_the_loss_is_no_flight_time():
    found = report("Ten minutes after launch, the company said it had lost the signal.")
    assert not [f for f in found.findings if f.rule == "flight-duration"]
