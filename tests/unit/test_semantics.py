"""Story-level semantics added for real coverage, each checked on small stories."""

from __future__ import annotations

import datetime as dt

from launchcheck.compare import conflicts
from launchcheck.model import Article, Claim, Fact, Interval, Kind, Location, Span
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def article(name: str, text: str, published: str | None = "2023-12-18", zone=None):
    day = dt.date.fromisoformat(published) if published else None
    return Article(path=name, text=text, published=day, zone=zone)


def findings(*articles, zone="Asia/Pyongyang"):
    report = check_articles(list(articles), RULES, Options(timezone=zone))
    return report.findings


def by_rule(found, rule):
    return [f for f in found if f.rule == rule]


def test_sibling_missile_class_is_another_event():
    """An SRBM fired the night before does not contradict the story's ICBM."""
    a = article(
        "a.txt",
        "North Korea fired an intercontinental ballistic missile on Monday. "
        "The ICBM flew for about 73 minutes, Japan said. "
        "On Sunday at 10:38 p.m., the North fired a short-range ballistic missile "
        "that flew some 570 km.",
    )
    b = article(
        "b.txt",
        "North Korea launched an ICBM on Monday, the ICBM flying about 1,000 km. "
        "The ICBM was launched at 8:24 a.m.",
    )
    found = findings(a, b)
    assert not [f for f in found if f.verdict.is_conflict]
    srbm = [f for f in found if f.event and f.rule in ("missile-class", "launch-time")]
    assert srbm, "the SRBM's claims are listed as another event"


def test_other_designator_is_another_event():
    """A clause about the Hwasong-17 is not about a Hwasong-18 story."""
    text = (
        "The Hwasong-18 reached an altitude of 6,518 km. "
        "The Hwasong-18 flew for 73 minutes. "
        "Last year the Hwasong-17 reached an altitude of 6,040.9 km."
    )
    other = "The Hwasong-18 reached an altitude of 6,518 km."
    found = findings(article("a.txt", text), article("b.txt", other))
    apogee = by_rule(found, "apogee")
    assert not [f for f in apogee if f.verdict.is_conflict]
    assert any(f.event for f in apogee)


def test_old_dates_are_background():
    """A launch date weeks before publication belongs to something else."""
    a = article(
        "a.txt",
        "The relay satellite was launched on March 20. "
        "The probe was launched on Friday.",
        published="2024-05-03",
    )
    b = article("b.txt", "China launched the probe on May 3.", published="2024-05-03")
    found = by_rule(findings(a, b, zone="Asia/Shanghai"), "launch-date")
    assert not [f for f in found if f.verdict.is_conflict]
    assert any("days before publication" in f.event for f in found)


def test_zone_shift_is_agreement_not_contradiction():
    """Sunday evening in New York is Monday morning in Pyongyang."""
    a = article("a.txt", "North Korea launched the missile on Monday morning.")
    b = article(
        "b.md",
        "North Korea launched the missile on Sunday evening.",
        published="2023-12-18",
        zone="America/New_York",
    )
    found = by_rule(findings(a, b), "launch-date")
    assert found and found[0].verdict.value == "surface-only"
    assert "another zone" in found[0].reason


def test_wrong_day_is_contradiction_in_any_zone():
    """The morning of the next day cannot be a 07:10 launch the day before."""
    a = article("a.txt", "North Korea launched the missile on the morning of Dec. 19.")
    b = article("b.txt", "North Korea launched the missile on Monday.")
    found = by_rule(findings(a, b), "launch-date")
    assert found and found[0].verdict.value == "contradiction"


def test_future_plan_is_not_a_figure_of_this_launch():
    """'is planned to last 53 days' is not a flight duration."""
    a = article("a.txt", "The whole mission is planned to last 53 days.")
    b = article("b.txt", "The flight lasted 37 minutes.")
    found = by_rule(findings(a, b), "flight-duration")
    assert not [f for f in found if f.verdict.is_conflict]


def fact(nominal, low, high, step, unit="min", per=60.0):
    claim = Claim(
        rule="flight-duration",
        fact="flight.duration",
        kind=Kind.QUANTITY,
        span=Span("a", 0, 1),
        location=Location("a", 1, 1),
        text="x",
        value="x",
    )
    return Fact(claim, Interval(low, high, nominal, unit, per, "second", "", step), "x")


def test_truncated_figure_agrees():
    """'73 minutes' (exact) and 4,415 seconds: the minutes were cut, not rounded."""
    minutes = fact(73 * 60, 72.5 * 60, 73.5 * 60, 60.0)
    seconds = fact(4415, 4414.5, 4415.5, 1.0, "s", 1.0)
    assert not conflicts(minutes, seconds)


def test_same_precision_different_figures_conflict():
    """'86 minutes' vs '87 minutes': no truncation excuse at equal precision."""
    a = fact(86 * 60, 85.5 * 60, 86.5 * 60, 60.0)
    b = fact(87 * 60, 86.5 * 60 + 1, 87.5 * 60, 60.0)
    assert conflicts(a, b)


def test_dateline_gives_publication_date():
    """Wire copy without front matter is dated by its dateline."""
    wire = article(
        "wire.txt",
        "SEOUL, Oct. 31 (Agency) -- North Korea fired an ICBM on Thursday.",
        published=None,
    )
    paper = article(
        "paper.txt",
        "North Korea fired the missile on Thursday.",
        published="2024-11-01",
    )
    found = by_rule(findings(wire, paper), "launch-date")
    assert found and not found[0].verdict.is_conflict


def test_officials_compared_per_office():
    """Two different people for one office conflict; another office is apart."""
    a = article(
        "a.txt", "Japanese Defense Minister Minoru Kihara condemned the launch."
    )
    b = article(
        "b.txt", "Japanese Defense Minister Yasukazu Hamada condemned the launch."
    )
    c = article("c.txt", "Japanese Foreign Minister Yoko Kamikawa condemned it.")
    found = by_rule(findings(a, b, c), "official")
    verdicts = {f.scope: f.verdict.value for f in found}
    assert verdicts["Japan defense minister"] == "contradiction"
    assert verdicts["Japan foreign minister"] != "contradiction"


def test_named_sources_disagree():
    """Different figures from two named sources are sources-disagree."""
    a = article(
        "a.txt",
        "The missile flew for around 65 minutes, the Joint Chiefs of Staff said.",
    )
    b = article(
        "b.txt",
        "Japan's defense ministry said the missile flew for about 73 minutes.",
    )
    found = by_rule(findings(a, b), "flight-duration")
    assert found and found[0].verdict.value == "sources-disagree"
    assert "Joint Chiefs" in found[0].reason and "Japan" in found[0].reason


def test_order_of_magnitude_slip_with_lower_bound():
    """'more than 300 km' is no fair description of 3,000 km."""
    a = article("a.txt", "The missile flew more than 300 kilometers.")
    b = article("b.txt", "The missile flew 3,000 kilometers.")
    found = by_rule(findings(a, b), "distance")
    assert found and found[0].verdict.value == "contradiction"


def test_role_table_flags_a_former_office_holder():
    """Naming last year's minister as the current one is a finding of its own."""
    a = article(
        "a.txt",
        "Japanese Defense Minister Minoru Kihara condemned the launch.",
        published="2024-10-31",
    )
    found = by_rule(findings(a), "official")
    flagged = [f for f in found if f.verdict.value == "contradiction"]
    assert flagged and "Gen Nakatani" in flagged[0].reason
    b = article(
        "b.txt",
        "Japanese Defense Minister Gen Nakatani condemned the launch.",
        published="2024-10-31",
    )
    assert not [f for f in by_rule(findings(b), "official") if f.verdict.is_conflict]
