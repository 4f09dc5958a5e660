"""launchcheck.compare: facts grouped by (rule, scope, event), every pair tested."""

from __future__ import annotations

import datetime as dt

from launchcheck.compare import compare_facts, conflicts
from launchcheck.model import (
    Category,
    Claim,
    Fact,
    Interval,
    Kind,
    Location,
    Span,
    Verdict,
    Window,
)

KM = 1000.0
MILE = 1609.344


def fact(
    article: str,
    value: Interval | Window | Category,
    text: str,
    *,
    rule: str = "apogee",
    scope: str = "",
    event: str = "",
    source: str = "",
    start: int = 0,
    hedge: str = "",
) -> Fact:
    claim = Claim(
        rule=rule,
        fact=f"test.{rule}",
        kind=Kind.QUANTITY,
        span=Span(article, start, start + len(text)),
        location=Location(article, 1, start + 1),
        text=text,
        value=text,
        hedge=hedge,
        scope=scope,
        event=event,
        source=source,
    )
    return Fact(claim, value, text)


def km(low: float, high: float, note: str = "") -> Interval:
    return Interval(low * KM, high * KM, (low + high) / 2 * KM, "km", KM, "meter", note)


def miles(low: float, high: float) -> Interval:
    return Interval(
        low * MILE, high * MILE, (low + high) / 2 * MILE, "mi", MILE, "meter"
    )


def count(low: float, high: float) -> Interval:
    return Interval(low, high, (low + high) / 2, "")


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def window(start: str, end: str, *, clock_only: bool = False, zone: str = "UTC"):
    return Window(utc(start), utc(end), zone, "minute", clock_only)


def only(findings, verdict=None):
    chosen = [f for f in findings if verdict is None or f.verdict is verdict]
    assert len(chosen) == 1, findings
    return chosen[0]


def test_disjoint_intervals_contradict():
    """7,000 km and 1,000 km cannot both hold: a contradiction, pair (0, 1)."""
    findings = compare_facts(
        [
            fact("a.txt", km(6500, 7500), "7,000 km"),
            fact("b.txt", km(950, 1050), "1,000 km"),
        ]
    )
    finding = only(findings)
    assert finding.verdict is Verdict.CONTRADICTION
    assert finding.conflicts == ((0, 1),)
    assert "no overlap" in finding.reason
    assert finding.verdict.is_conflict


def test_conflict_reason_quotes_the_other_side_in_this_unit():
    """The reason restates the second figure in the first one's written unit."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km"),
                fact("b.txt", miles(615, 625), "620 miles"),
            ]
        )
    )
    assert "'7,000 km' (a.txt:1) = 6,500–7,500 km" in finding.reason
    assert "'620 miles' (b.txt:1) = 990–1,006 km" in finding.reason


def test_same_value_in_another_form_is_surface_only():
    """7,000 km and 4,350 miles overlap: they only look different."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "some 7,000 km", hedge="some"),
                fact("b.txt", miles(4345, 4355), "4,350 miles"),
            ]
        )
    )
    assert finding.verdict is Verdict.SURFACE_ONLY
    assert finding.conflicts == ()
    assert not finding.verdict.is_conflict
    assert "4,350 miles ≈ 7,001 km" in finding.reason


def test_same_words_are_an_agreement():
    """Written the same (case and spacing aside) in two articles: an agreement."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km"),
                fact("b.txt", km(6500, 7500), "7,000  KM"),
            ]
        )
    )
    assert finding.verdict is Verdict.AGREEMENT


def test_two_different_named_sources_disagree():
    """A conflict between two different named sources is sources-disagree."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km", source="JCS"),
                fact("b.txt", km(5500, 5600), "5,550 km", source="KCNA"),
            ]
        )
    )
    assert finding.verdict is Verdict.SOURCES_DISAGREE
    assert finding.verdict.is_conflict
    assert "JCS vs KCNA" in finding.reason


def test_same_named_source_twice_is_a_contradiction():
    """One source quoted two ways (any case) is not two sources disagreeing."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km", source="JCS"),
                fact("b.txt", km(5500, 5600), "5,550 km", source="jcs"),
            ]
        )
    )
    assert finding.verdict is Verdict.CONTRADICTION


def test_one_unnamed_side_is_a_contradiction():
    """sources-disagree needs both sides named; one unattributed figure is not."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km", source="JCS"),
                fact("b.txt", km(5500, 5600), "5,550 km"),
            ]
        )
    )
    assert finding.verdict is Verdict.CONTRADICTION


def test_every_conflicting_pair_must_be_named_apart():
    """If any conflicting pair lacks two named sources, the verdict is contradiction."""
    finding = only(
        compare_facts(
            [
                fact("a.txt", km(6500, 7500), "7,000 km", source="JCS"),
                fact("b.txt", km(5500, 5600), "5,550 km", source="KCNA"),
                fact("c.txt", km(950, 1050), "1,000 km"),
            ]
        )
    )
    assert finding.verdict is Verdict.CONTRADICTION
    assert len(finding.conflicts) == 3


def test_other_event_is_never_compared():
    """An earlier test's 6,518 km is listed, not weighed against 7,000 km."""
    findings = compare_facts(
        [
            fact("a.txt", km(6500, 7500), "7,000 km"),
            fact("b.txt", km(6900, 7100), "7,000 km"),
            fact("b.txt", km(6517.5, 6518.5), "6,518 km", event="december 2023"),
        ]
    )
    other = only(findings, Verdict.OTHER_SCOPE)
    assert other.event == "december 2023"
    assert other.conflicts == ()
    assert "another event" in other.reason
    assert not any(f.verdict.is_conflict for f in findings)


def test_figures_of_one_other_event_are_compared_with_each_other():
    """Two articles on the same earlier test are checked against each other."""
    findings = compare_facts(
        [
            fact("a.txt", km(100, 200), "150 km", event="december 2023"),
            fact("b.txt", km(900, 1000), "950 km", event="december 2023"),
            fact("c.txt", km(6900, 7100), "7,000 km"),
        ]
    )
    other = only(findings, Verdict.CONTRADICTION)
    assert other.event == "december 2023"
    assert "december 2023" in other.reason
    assert len(other.facts) == 2


def test_a_generic_other_event_is_not_compared_within_itself():
    """ "The previous test" in two articles may be two tests: listed, not judged."""
    findings = compare_facts(
        [
            fact("a.txt", km(100, 200), "150 km", event="previous test"),
            fact("b.txt", km(900, 1000), "950 km", event="previous test"),
        ]
    )
    assert only(findings).verdict is Verdict.OTHER_SCOPE


def test_different_scopes_are_never_compared():
    """8,000 troops in Kursk and 10,000 in Russia are different facts."""
    findings = compare_facts(
        [
            fact(
                "a.txt", count(7500, 8500), "about 8,000", rule="troops", scope="Kursk"
            ),
            fact("b.txt", count(9500, 10500), "10,000", rule="troops", scope="Russia"),
            fact("c.txt", count(9500, 10500), "10,000", rule="troops", scope="Russia"),
        ]
    )
    assert not any(f.verdict.is_conflict for f in findings)
    assert only(findings, Verdict.AGREEMENT).scope == "Russia"
    kursk = only(findings, Verdict.OTHER_SCOPE)
    assert kursk.scope == "Kursk"


def test_same_scope_still_conflicts():
    """Scoping does not hide a real conflict within one place."""
    findings = compare_facts(
        [
            fact("a.txt", count(7500, 8500), "8,000", rule="troops", scope="Kursk"),
            fact("b.txt", count(2900, 3100), "3,000", rule="troops", scope="Kursk"),
        ]
    )
    assert only(findings).verdict is Verdict.CONTRADICTION


def test_one_article_only_is_single():
    """A fact stated in one article only has nothing to be compared with."""
    findings = compare_facts(
        [
            fact("a.txt", km(6500, 7500), "7,000 km", start=0),
            fact("a.txt", km(6500, 7500), "7,000 km", start=50),
        ]
    )
    finding = only(findings)
    assert finding.verdict is Verdict.SINGLE
    assert "one article only" in finding.reason


def test_conflict_inside_one_article_is_still_a_contradiction():
    """Two incompatible figures in the same article are reported, not single."""
    findings = compare_facts(
        [
            fact("a.txt", km(6500, 7500), "7,000 km", start=0),
            fact("a.txt", km(950, 1050), "1,000 km", start=50),
        ]
    )
    assert only(findings).verdict is Verdict.CONTRADICTION


def test_different_category_labels_contradict():
    """ "presidential" and "midterm" are different labels: a contradiction."""
    findings = compare_facts(
        [
            fact("a.txt", Category("presidential"), "presidential", rule="kind"),
            fact("b.txt", Category("midterm"), "midterm", rule="kind"),
        ]
    )
    assert only(findings).verdict is Verdict.CONTRADICTION


def test_disjoint_day_windows_contradict_and_overlapping_ones_agree():
    """Thursday vs Friday in one zone conflict; same moment in two zones does not."""
    thursday = window("2024-10-30 15:00", "2024-10-31 15:00", zone="Asia/Pyongyang")
    friday = window("2024-10-31 15:00", "2024-11-01 15:00", zone="Asia/Pyongyang")
    evening_ny = window("2024-10-30 21:00", "2024-10-31 02:00", zone="America/New_York")
    assert conflicts(fact("a", thursday, "Thursday"), fact("b", friday, "Friday"))
    assert not conflicts(
        fact("a", thursday, "Thursday"), fact("b", evening_ny, "Wednesday evening")
    )
    finding = only(
        compare_facts(
            [
                fact("a.txt", thursday, "Thursday", rule="date"),
                fact("b.txt", evening_ny, "Wednesday evening", rule="date"),
            ]
        )
    )
    assert finding.verdict is Verdict.SURFACE_ONLY
    assert "same moment in another zone" in finding.reason


def test_clock_only_windows_compare_modulo_a_day():
    """A time of day with no date agrees with the same time on any date."""
    clock = window("2000-01-01 22:10", "2000-01-01 22:11", clock_only=True)
    dated = window("2024-10-30 22:10", "2024-10-30 22:11")
    assert not conflicts(fact("a", clock, "7:10 a.m."), fact("b", dated, "2210 GMT"))


def test_clock_only_windows_across_midnight():
    """23:30–00:30 (clock only) overlaps 00:10 on another day, across midnight."""
    late = window("2000-01-01 23:30", "2000-01-02 00:30", clock_only=True)
    after_midnight = window("2024-10-31 00:10", "2024-10-31 00:11")
    early = window("2024-10-31 23:50", "2024-10-31 23:51")
    assert not conflicts(fact("a", late, "x"), fact("b", after_midnight, "y"))
    assert not conflicts(fact("a", after_midnight, "y"), fact("b", late, "x"))
    assert not conflicts(fact("a", late, "x"), fact("b", early, "z"))


def test_clock_only_windows_an_hour_apart_conflict():
    """7:10 and 8:10 as times of day cannot both be the launch time."""
    seven = window("2000-01-01 22:10", "2000-01-01 22:11", clock_only=True)
    eight = window("2000-01-01 23:10", "2000-01-01 23:11", clock_only=True)
    findings = compare_facts(
        [fact("a.txt", seven, "7:10", rule="t"), fact("b.txt", eight, "8:10", rule="t")]
    )
    assert only(findings).verdict is Verdict.CONTRADICTION


def test_touching_intervals_do_not_conflict():
    """Closed intervals that share an end point can both hold."""
    assert not conflicts(fact("a", km(1, 2), "x"), fact("b", km(2, 3), "y"))


def test_windows_are_half_open():
    """A window ending where another starts does not overlap it."""
    a = window("2024-10-30 00:00", "2024-10-31 00:00")
    b = window("2024-10-31 00:00", "2024-11-01 00:00")
    assert conflicts(fact("a", a, "x"), fact("b", b, "y"))


def test_values_of_different_types_never_conflict():
    """An interval and a window are not comparable, so they cannot conflict."""
    assert not conflicts(
        fact("a", km(1, 2), "x"),
        fact("b", window("2024-10-30 00:00", "2024-10-31 00:00"), "y"),
    )


def test_wrong_own_conversion_is_a_contradiction_inside_the_article():
    """A note from the article's own conversion becomes a (0, 0) contradiction."""
    note = "own conversion is wrong: 820 miles = 1,320 km, not 1,000"
    findings = compare_facts(
        [
            fact("a.txt", km(950, 1050, note), "1,000 kilometers (820 miles)"),
            fact("b.txt", km(950, 1050), "1,000 km"),
        ]
    )
    own = only(findings, Verdict.CONTRADICTION)
    assert own.facts[0].claim.span.article == "a.txt"
    assert own.conflicts == ((0, 0),)
    assert note in own.reason
    assert only(findings, Verdict.SURFACE_ONLY)


def test_contradictions_come_first():
    """Findings are ordered by verdict, contradictions before agreements."""
    findings = compare_facts(
        [
            fact("a.txt", km(6500, 7500), "7,000 km", rule="a-agrees"),
            fact("b.txt", km(6500, 7500), "7,000 km", rule="a-agrees"),
            fact("a.txt", km(6500, 7500), "7,000 km", rule="z-conflicts"),
            fact("b.txt", km(950, 1050), "1,000 km", rule="z-conflicts"),
        ]
    )
    assert [f.verdict for f in findings] == [Verdict.CONTRADICTION, Verdict.AGREEMENT]


def test_members_are_sorted_by_article_and_position():
    """Claims inside a finding are listed by article path, then text offset."""
    findings = compare_facts(
        [
            fact("b.txt", km(6500, 7500), "7,000 km"),
            fact("a.txt", km(6500, 7500), "7,000 km", start=90),
            fact("a.txt", km(6500, 7500), "7,000 km", start=10),
        ]
    )
    spans = [(f.claim.span.article, f.claim.span.start) for f in only(findings).facts]
    assert spans == [("a.txt", 10), ("a.txt", 90), ("b.txt", 0)]


def test_no_facts_no_findings():
    """An empty story has nothing to report."""
    assert compare_facts([]) == ()
