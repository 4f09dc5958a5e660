"""Launch facts beyond the worked example: intercepts, serials, orbit shape.

Each case in our own words; each asserts a verdict that could go wrong.
"""

from __future__ import annotations

import datetime as dt

from launchcheck.model import Article, Verdict
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def verdicts(*texts: str) -> dict[str, Verdict]:
    articles = [
        Article(path=f"{i}.txt", text=t, published=dt.date(2024, 6, 5))
        for i, t in enumerate(texts)
    ]
    report = check_articles(articles, RULES, Options(timezone="UTC"))
    return {f.rule: f.verdict for f in report.findings if not f.event}


def test_counts_of_different_things_never_meet():
    """120 fired and 110 intercepted are two facts, not a contradiction."""
    found = verdicts(
        "The group fired 120 rockets at the north on Tuesday.",
        "Air defences intercepted 110 of the 120 rockets.",
    )
    assert found["missiles-fired"] is not Verdict.CONTRADICTION
    assert found["missiles-intercepted"] is Verdict.SINGLE


def test_intercept_counts_that_differ_contradict():
    found = verdicts(
        "Air defences intercepted 110 of the 120 rockets.",
        "Officials said 95 rockets were shot down.",
    )
    assert found["missiles-intercepted"] in (
        Verdict.CONTRADICTION,
        Verdict.SOURCES_DISAGREE,
    )


def test_two_ship_serials_are_two_vehicles():
    found = verdicts(
        "Ship 30 and Booster 12 lifted off at dawn.",
        "The upper stage, S31, and the booster, B12, lifted off together.",
    )
    assert found["ship-serial"] is Verdict.CONTRADICTION
    assert found["booster-serial"] in (Verdict.AGREEMENT, Verdict.SURFACE_ONLY)


def test_perigee_and_apogee_of_one_orbit_are_two_facts():
    found = verdicts(
        "The rocket put the probe into an orbit ranging from 170 km to 36,500 km.",
        "The probe's transfer orbit has a perigee of 320 km and an apogee of 36,500 km.",
    )
    assert found["orbit-perigee"] is Verdict.CONTRADICTION
    assert found["orbit-altitude"] is not Verdict.CONTRADICTION


def findings(*texts: str):
    articles = [
        Article(path=f"{i}.txt", text=t, published=dt.date(2024, 6, 5))
        for i, t in enumerate(texts)
    ]
    return check_articles(articles, RULES, Options(timezone="UTC")).findings


def test_a_place_after_its_count_is_the_count_s_scope():
    """ "About 5,000 soldiers are in Russia": the place need not touch the number."""
    (troops,) = findings("About 5,000 soldiers are in Russia, it said.")
    assert troops.facts[0].claim.scope == "Russia"


def test_a_part_may_not_exceed_its_whole():
    """12,000 in Kursk against 10,000 in Russia: Kursk is part of Russia."""
    found = findings(
        "Some 10,000 troops are in Russia, including 8,000 in the Kursk region.",
        "About 12,000 soldiers are deployed in Kursk.",
    )
    whole = [f for f in found if "is part of Russia" in f.reason]
    assert len(whole) == 1 and whole[0].verdict is Verdict.CONTRADICTION
    # a part within its whole is no finding of this kind
    fits = findings(
        "Some 10,000 troops are in Russia, including 8,000 in the Kursk region.",
        "About 7,900 soldiers are deployed in Kursk.",
    )
    assert not [f for f in fits if "is part of" in f.reason]


def test_a_launch_site_s_distance_from_a_city_is_no_splashdown_offset():
    found = findings(
        "The rocket lifted off from the island, about 1,000 km southwest of Tokyo."
    )
    assert not [f for f in found if f.rule == "splashdown-offset"]


def test_a_speed_at_one_instant_is_not_the_top_speed():
    """ "Three minutes into the flight, when it had attained 3,000 mph" is no top speed."""
    found = findings(
        "Nearly three minutes into the flight, when the vehicle had attained a speed"
        " of more than 3,000 mph, most engines shut down.",
        "The upper stage reached a top speed of 14,000 mph.",
    )
    assert not any(f.conflicts for f in found if f.rule == "speed")


def test_a_destination_s_distance_in_lakh_agrees_with_millions():
    found = verdicts(
        "L1 is located about 1.5 million km from Earth.",
        "The probe will travel 15 lakh km from Earth to reach L1.",
    )
    assert found["destination-distance"] in (Verdict.SURFACE_ONLY, Verdict.AGREEMENT)


def test_a_speed_is_no_distance_and_an_hour_of_speed_no_duration():
    """ "At 3 kilometers per second" is a speed; "800 miles an hour" holds no duration."""
    found = findings("The rocket traveled at 3 kilometers per second.")
    assert {f.rule for f in found} == {"speed"}
    assert not findings("The jet flew 800 miles an hour over the coast.")


def test_more_than_a_half_hour_keeps_its_hedge():
    (flight,) = findings("The missile stayed aloft for more than a half-hour.")
    assert flight.facts[0].claim.hedge == "more than"
    assert flight.facts[0].value.low == 1800
