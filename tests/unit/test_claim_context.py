"""The typed claim context: which moment, which modality, which event.

Each case is a kind of fault seen in real coverage, written in our own words.
"""

from __future__ import annotations

import datetime as dt

from launchcheck import context
from launchcheck.extract import extract_claims
from launchcheck.model import Article, EventKind, Modality, Moment, Verdict
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def article(name: str, text: str, published: str = "2024-03-05", zone=None):
    return Article(
        path=name, text=text, published=dt.date.fromisoformat(published), zone=zone
    )


def report(*articles, zone="Asia/Tokyo"):
    return check_articles(list(articles), RULES, Options(timezone=zone))


def claims(text: str, rule: str, published: str = "2024-03-05"):
    return [
        c
        for c in extract_claims(article("a.txt", text, published), RULES)
        if c.rule == rule
    ]


def moment(text: str, needle: str) -> str:
    starts = context.sentence_starts(text)
    i = text.index(needle)
    return context.moment_at(text, starts, i, i + len(needle))[0]


def test_second_time_in_a_sentence_is_the_fall():
    """ "Launched at 9:10 p.m. and fell at 10:36 p.m.": the second is a fall time."""
    text = "The missile was launched at 9:10 p.m. and fell into the sea at 10:36 p.m."
    assert moment(text, "9:10 p.m.") == "launch"
    assert moment(text, "10:36 p.m.") == "fall"


def test_alert_and_announcement_times_are_not_the_launch():
    """An alert issued at 8:46 and a statement at 11:20 p.m. name other moments."""
    assert (
        moment("The alert for the island was issued at 8:46 a.m.", "8:46") == "warning"
    )
    text = "The agency announced at 11:20 p.m. that the rocket had been fired."
    assert moment(text, "11:20") == "announcement"


def test_time_after_liftoff_reference_is_not_the_launch():
    """ "At 17:06, an hour after liftoff, the payloads separated" is a release time."""
    text = (
        "At 17:06, about an hour after liftoff, the payloads separated from the stage."
    )
    assert moment(text, "17:06") == "separation"


def test_page_stamp_is_a_stamp():
    """A line that says only "Updated at 9:49 a.m." is the page's time, not an event."""
    text = "Rocket flies far\nUpdated at 9:49 a.m.\nThe rocket lifted off at 8:25 a.m."
    assert moment(text, "9:49") == "stamp"
    assert moment(text, "8:25") == "launch"


def test_participle_clause_does_not_lend_its_moment():
    """ "The strike came at 10 pm, prompting people into shelters" names the strike."""
    text = "The missile strike occurred around 10 pm, prompting people to take shelter."
    assert moment(text, "10 pm") == "launch"


def test_fall_time_is_never_a_launch_contradiction():
    """A fall time in one article does not contradict another's launch time."""
    a = article(
        "a.txt", "The missile was launched at 7:10 a.m. local time, officials said."
    )
    b = article(
        "b.txt",
        "An alert warned that the missile would fall near the islands "
        "at 8:00 a.m. (2300 GMT).",
    )
    found = report(a, b).findings
    assert not [f for f in found if f.verdict.is_conflict]
    apart = [f for f in found if f.moment is not None]
    assert apart and "another moment" in apart[0].reason


def test_time_claims_carry_their_moment():
    """The claim's context records the moment and the cue that decided it."""
    found = claims(
        "Sirens sounded across the city at 7:31 p.m. as the rockets were launched.",
        "launch-time",
    )
    for c in found:
        assert c.context.moment in (Moment.WARNING, Moment.LAUNCH)
        assert c.context.moment_cue


def test_capability_is_not_this_flight():
    """ "Could strike targets 12,000 km away on a standard trajectory" is a capability."""
    text = "Analysts said the missile could reach 12,000 km on a standard trajectory."
    starts = context.sentence_starts(text)
    s, e = context.sentence_at(text, starts, 0)
    clause = text[s:e]
    i = clause.index("12,000 km")
    assert context.modality_of(clause, (i, i + 9))[0] == "capability"


def test_plan_is_not_this_flight():
    """ "The mission is planned to last five years" is a plan; a later clause is not."""
    clause = "The mission is planned to last 5 years in orbit"
    i = clause.index("5 years")
    assert context.modality_of(clause, (i, i + 7))[0] == "plan"
    clause = "The 1,480 kg probe, launched on Saturday, will reach its orbit"
    i = clause.index("1,480 kg")
    assert context.modality_of(clause, (i, i + 8))[0] == ""


def test_weekday_that_does_not_fit_its_date_meets_the_story():
    """ "Wednesday 13 April" (a Thursday in 2023) contradicts "Thursday" elsewhere."""
    a = article(
        "a.txt", "On Wednesday 13 April, North Korea launched a missile.", "2023-04-14"
    )
    b = article("b.txt", "North Korea launched a missile on Thursday.", "2023-04-13")
    found = [
        f
        for f in report(a, b, zone="Asia/Pyongyang").findings
        if f.rule == "launch-date"
    ]
    conflict = [f for f in found if f.verdict is Verdict.CONTRADICTION]
    assert conflict
    texts = {
        (conflict[0].facts[i].claim.text, conflict[0].facts[j].claim.text)
        for i, j in conflict[0].conflicts
    }
    assert ("Wednesday 13 April", "Thursday") in texts or (
        "Thursday",
        "Wednesday 13 April",
    ) in texts


def test_weekday_that_fits_adds_nothing():
    """ "Thursday 13 April" in 2023 is one day, stated twice, consistently."""
    a = article(
        "a.txt", "On Thursday 13 April, North Korea launched a missile.", "2023-04-14"
    )
    b = article("b.txt", "North Korea launched a missile on Thursday.", "2023-04-13")
    found = report(a, b, zone="Asia/Pyongyang").findings
    assert not [f for f in found if f.verdict.is_conflict]


def test_new_statement_after_and_drops_the_earlier_cue():
    """ ", and officials said Thursday's missile ..." is about this launch."""
    found = claims(
        "Its previous test was in December, and officials said Thursday's missile "
        "flew higher.",
        "launch-date",
        "2024-10-31",
    )
    assert found and found[0].context.event is EventKind.THIS


def test_same_other_event_is_compared_within_itself():
    """Two articles giving the previous test's altitude are checked against each other."""
    a = article(
        "a.txt", "In the March 2023 test the missile reached an altitude of 6,000 km."
    )
    b = article(
        "b.txt", "In the March 2023 test the missile reached an altitude of 4,000 km."
    )
    found = [f for f in report(a, b).findings if f.rule == "apogee"]
    assert found and found[0].event
    assert found[0].verdict is Verdict.CONTRADICTION


def test_modality_is_recorded_on_the_claim():
    """A capability figure says so in its context, with the cue."""
    found = claims(
        "The rocket can carry 8 tonnes to low orbit, and it carried 2 tonnes this time.",
        "payload-mass",
    )
    kinds = {c.value: c.context.modality for c in found}
    if "8 tonnes" in kinds:
        assert kinds["8 tonnes"] is Modality.CAPABILITY


def test_altitude_at_an_instant_is_no_apogee():
    """ "Lost at an altitude of 65 km during re-entry" does not meet a 234 km apogee."""
    a = article("a.txt", "The ship reached a peak altitude of 234 km before re-entry.")
    b = article(
        "b.txt",
        "Contact was lost at an altitude of 65 km during re-entry, SpaceX said.",
    )
    found = [f for f in report(a, b).findings if f.rule == "apogee"]
    assert not [f for f in found if f.verdict.is_conflict]
    assert any(f.moment is Moment.INSTANT for f in found)


def test_maximum_altitude_reached_at_a_time_is_still_the_apogee():
    """ "A maximum altitude of 234 km about 25 minutes after liftoff" is the apogee."""
    found = claims(
        "The ship achieved a maximum altitude of 234 km about 25 minutes after liftoff.",
        "apogee",
    )
    assert found and found[0].context.moment is None


def test_date_far_from_the_story_day_is_background():
    """A test five days earlier, named by date, is not a wrong launch date."""
    a = article("a.txt", "North Korea launched the missile on April 13.", "2023-04-13")
    b = article("b.txt", "North Korea launched the missile on April 13.", "2023-04-13")
    c = article(
        "c.txt",
        "North Korea said it tested an underwater drone on April 8.",
        "2023-04-13",
    )
    found = [
        f
        for f in report(a, b, c, zone="Asia/Pyongyang").findings
        if f.rule == "launch-date"
    ]
    assert not [f for f in found if f.verdict.is_conflict]
    assert any("days from the story" in f.reason for f in found)


def test_generic_present_today_is_not_a_launch_date():
    """ "The kind of missile being tested today" speaks of nowadays."""
    assert not claims(
        "The kind of missile being tested today is harder to find.", "launch-date"
    )


def test_short_sentence_with_a_time_is_no_stamp():
    """A one-line sentence "It launched at 9:49 a.m." names the launch."""
    assert moment("Intro.\nIt launched at 9:49 a.m.\nMore.", "9:49") == "launch"
    assert moment("Intro.\nMarch 14, 2024 9:49 a.m.\nMore.", "9:49") == "stamp"


def test_numbers_as_newsrooms_write_them():
    """Decimal comma, nautical miles, "one and a half thousand", no space after '.'."""
    from launchcheck.normalize.numbers import parse_number

    assert parse_number("1,5").value == 1.5
    assert parse_number("1,500").value == 1500
    assert parse_number("one and a half thousand").value == 1500
    (c,) = claims("The missile flew 200 nm before it fell.", "distance")
    assert c.text == "200 nm"
    starts = context.sentence_starts(
        "It lifted off at 10:01 (0101 GMT).The rocket rose."
    )
    assert len(starts) == 2
    assert not claims("The boosters fired for 1,5 minutes, or 9 tenths.", "distance")


def test_compact_durations():
    """ "1h 26m" and "1h26m" are 86 minutes; "26m" there is no distance."""
    for text in ("The missile flew for 1h 26m before it fell.", "It flew for 1h26m."):
        (c,) = claims(text, "flight-duration")
        assert c.text in ("1h 26m", "1h26m")
        assert not claims(text, "distance")
    a = article("a.txt", "The missile flew for 1h 26m before it fell.")
    b = article("b.txt", "The missile flew for 86 minutes before it fell.")
    found = [f for f in report(a, b).findings if f.rule == "flight-duration"]
    assert found and not found[0].verdict.is_conflict


def test_attribution_carries_over_a_paragraph():
    """ "State media said ... The missile flew ..." : the figure is state media's."""
    from launchcheck.model import Basis

    text = (
        "KCNA said the test was a success. The missile flew 1,000 km before it fell."
        "\n\nAnother paragraph: the missile flew 1,000 km, analysts think."
    )
    found = claims(text, "distance")
    assert found[0].source == "North Korean state media"
    assert found[0].context.source_basis is Basis.PARAGRAPH
    assert found[1].context.source_basis is not Basis.PARAGRAPH


def test_two_sources_in_a_paragraph_lend_none():
    """With KCNA and the JCS both quoted, a third sentence's figure has no source."""
    text = (
        "KCNA said the test was a success. The JCS said it was an ICBM. "
        "The missile flew 1,000 km before it fell."
    )
    (c,) = claims(text, "distance")
    assert c.source == ""


def test_a_count_s_own_verb_is_no_other_event_cue():
    """ "120 rockets were fired" and "had launched about 90 rockets" count this attack.

    The pluperfect ("had launched") and "rockets were fired" mark an earlier
    event before another figure; for a count they are what it counts.
    """
    fired = claims(
        "Sirens sounded as 120 rockets were fired from the south.", "missiles-fired"
    )
    assert [(c.value, c.event) for c in fired] == [("120", "")]
    had = claims(
        "The ministry said the group had launched about 90 rockets.", "missiles-fired"
    )
    assert [(c.value, c.event) for c in had] == [("90", "")]
    earlier = claims(
        "The previous attack, in which 60 rockets were fired, came in April.",
        "missiles-fired",
    )
    assert [c.event for c in earlier] and all(c.event for c in earlier)


def test_a_cue_in_a_later_predicate_does_not_reach_back():
    """ "The probe, launched on Monday, will start work next month": Monday is this launch."""
    found = claims(
        "The probe, launched on Monday, will start its work next month.", "launch-date"
    )
    assert [(c.value, c.event) for c in found] == [("Monday", "")]


def test_a_second_clause_with_its_own_subject_keeps_its_event_to_itself():
    """ "flew 1,000 km, and the previous test had flown 900 km": two clauses, two events."""
    rep = report(
        article(
            "a.txt",
            "The missile flew 1,000 km, and the previous test had flown 900 km.",
        )
    )
    events = {x.claim.text: x.claim.event for f in rep.findings for x in f.facts}
    assert events == {"1,000 km": "", "900 km": "previous test"}


def test_a_statement_reported_as_replaced_is_not_compared():
    """ "Officials first said ... a cruise missile": this launch, superseded, never compared."""
    rep = report(
        article("a.txt", "Officials first said the North had fired a cruise missile."),
        article("b.txt", "The North fired a ballistic missile on Tuesday."),
    )
    cruise = [
        x for f in rep.findings for x in f.facts if x.claim.text == "cruise missile"
    ]
    assert len(cruise) == 1
    ctx = cruise[0].claim.context
    assert ctx.modality is Modality.SUPERSEDED and ctx.event is EventKind.THIS
    assert "superseded: 'first said'" in ctx.not_compared_because()
    assert not any(f.conflicts for f in rep.findings)


def test_since_a_date_is_the_previous_test_not_this_one():
    """ "Fired on Thursday, its first launch since March 27": Thursday stays this launch."""
    found = claims(
        "The North fired a missile on Thursday, its first launch since March 27.",
        "launch-date",
        published="2023-04-14",
    )
    this = [c for c in found if not c.event]
    assert [c.value for c in this] == ["Thursday"]
    assert all(c.event for c in found if c.value != "Thursday")


def test_another_country_s_state_media_is_not_the_north_s():
    """ "Iranian state media said 200 missiles were fired": no North Korean source."""
    found = claims(
        "Iranian state media reported that Iran fired 200 missiles at the city.",
        "missiles-fired",
    )
    assert [c.value for c in found] == ["200"]
    assert found[0].source != "North Korean state media"
