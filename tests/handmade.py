"""Reports built by hand, so writers can be tested on what the pipeline may not yet fill.

``workflow_report()`` exercises every field a writer must show: a draft
checked against sources, an outlier, stances, a suppressed and a baselined
finding, a conflict among sources alone (context), agreements, a one-article
fact, a note, and a hostile source file whose name holds a right-to-left
override and rich markup and whose text holds ``<script>`` and invisible
characters. ``tiny_report(path, text)`` builds the smallest report with one
contradiction between two articles, for property tests.
"""

from __future__ import annotations

import datetime as dt

from launchcheck.model import (
    Article,
    ArticleRole,
    Category,
    Claim,
    Disposition,
    Fact,
    Finding,
    Interval,
    Kind,
    Location,
    Note,
    Report,
    Span,
    Stance,
    Verdict,
    Window,
)

UTC = dt.UTC
HOSTILE = "sources/evil\u202eltxt.[/bold][link=https://example.invalid]x.txt"
DRAFT = "drafts/story.md"
WIRE = "sources/wire.txt"
AGENCY = "sources/agency.txt"

DRAFT_TEXT = (
    "# Launch **report**\n"
    "\n"
    "The missile flew about 1,250 km on *November 1*.\n"
    "- It reached some 6,000 km altitude.\n"
    "It burned solid fuel.\n"
)
WIRE_TEXT = (
    "The missile flew 1,300 km.\n"
    "It was launched on October 31 and climbed 6,000 km.\n"
    "Officials said it flew 1,250 km.\n"
)
AGENCY_TEXT = "Launched October 31, it flew 900 km and climbed 7,500 km.\n"
HOSTILE_TEXT = (
    "<script>alert('x')</script> Launched October 31 \u202e(1,250\u2013"
    "1,350 km)\u202c, flew 1,\u200b000 km. [b]bold[/b]\n"
)


def article(path: str, text: str, role: ArticleRole = ArticleRole.ARTICLE) -> Article:
    """An article whose file is its text (no front matter), with real line starts."""
    starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == "\n"))
    return Article(
        path=path,
        text=text,
        published=dt.date(2024, 10, 31),
        outlet="Handmade Outlet",
        line_starts=starts,
        role=role,
    )


def fact(
    art: Article,
    needle: str,
    rule: str,
    value: Interval | Window | Category,
    display: str,
    *,
    kind: Kind = Kind.QUANTITY,
    source: str = "",
    scope: str = "",
    nth: int = 0,
) -> Fact:
    """A claim on the ``nth`` occurrence of ``needle`` in ``art``'s text."""
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(needle, start + 1)
    end = start + len(needle)
    claim = Claim(
        rule=rule,
        fact=f"flight.{rule}",
        kind=kind,
        span=Span(art.path, start, end),
        location=art.locate(start),
        text=needle,
        value=needle,
        source=source,
        scope=scope,
    )
    return Fact(claim=claim, value=value, display=display)


def km(low: float, high: float, nominal: float) -> Interval:
    """An interval in metres written in kilometres."""
    return Interval(
        low * 1000, high * 1000, nominal * 1000, "km", per_unit=1000.0, base_unit="m"
    )


def day(month: int, date: int) -> Window:
    """One calendar day in 2024, UTC."""
    start = dt.datetime(2024, month, date, tzinfo=UTC)
    return Window(start, start + dt.timedelta(days=1), "UTC", "day")


def workflow_report() -> Report:
    """A draft against three sources, with every status a finding can have."""
    draft = article(DRAFT, DRAFT_TEXT, ArticleRole.DRAFT)
    wire = article(WIRE, WIRE_TEXT, ArticleRole.SOURCE)
    agency = article(AGENCY, AGENCY_TEXT, ArticleRole.SOURCE)
    evil = article(HOSTILE, HOSTILE_TEXT, ArticleRole.SOURCE)
    date = Finding(
        fact="launch.date",
        rule="launch-date",
        verdict=Verdict.CONTRADICTION,
        facts=(
            fact(
                draft,
                "November 1",
                "launch-date",
                day(11, 1),
                "Fri 2024-11-01",
                kind=Kind.DATE,
            ),
            fact(
                wire,
                "October 31",
                "launch-date",
                day(10, 31),
                "Thu 2024-10-31",
                kind=Kind.DATE,
            ),
            fact(
                agency,
                "October 31",
                "launch-date",
                day(10, 31),
                "Thu 2024-10-31",
                kind=Kind.DATE,
            ),
            fact(
                evil,
                "October 31",
                "launch-date",
                day(10, 31),
                "Thu 2024-10-31",
                kind=Kind.DATE,
            ),
        ),
        reason="'November 1' (story.md:3) vs 'October 31' (wire.txt:2): no overlap",
        conflicts=((0, 1), (0, 2), (0, 3)),
        outlier=DRAFT,
        stances=(Stance(DRAFT, agree=(), disagree=(AGENCY, HOSTILE, WIRE)),),
    )
    distance = Finding(
        fact="flight.distance",
        rule="distance",
        verdict=Verdict.CONTRADICTION,
        facts=(
            fact(
                draft,
                "about 1,250 km",
                "distance",
                km(1200, 1300, 1250),
                "1,200–1,300 km",
            ),
            fact(wire, "1,250 km", "distance", km(1249.5, 1250.5, 1250), "1,250 km"),
            fact(agency, "900 km", "distance", km(899.5, 900.5, 900), "900 km"),
            fact(
                evil,
                "(1,250\u20131,350 km)",
                "distance",
                km(1250, 1350, 1300),
                "1,250\u20131,350 km",
            ),
        ),
        reason="'900 km' (agency.txt:1) vs '(1,250–1,350 km)' (evil\u202eltxt…): no overlap",
        conflicts=((2, 1), (2, 3)),
        outlier=AGENCY,
        stances=(Stance(DRAFT, agree=(HOSTILE, WIRE), disagree=()),),
    )
    apogee = Finding(
        fact="flight.apogee",
        rule="apogee",
        verdict=Verdict.SOURCES_DISAGREE,
        facts=(
            fact(
                draft, "some 6,000 km", "apogee", km(5500, 6500, 6000), "5,500–6,500 km"
            ),
            fact(
                agency,
                "7,500 km",
                "apogee",
                km(7499.5, 7500.5, 7500),
                "7,500 km",
                source="Japan",
            ),
        ),
        reason="Japan says 7,500 km; the draft 6,000 km",
        conflicts=((0, 1),),
        disposition=Disposition.SUPPRESSED,
        disposition_reason="two estimates, both reported",
        stances=(Stance(DRAFT, agree=(), disagree=(AGENCY,)),),
    )
    range_ = Finding(
        fact="flight.range",
        rule="range",
        verdict=Verdict.CONTRADICTION,
        facts=(
            fact(wire, "1,300 km", "range", km(1299.5, 1300.5, 1300), "1,300 km"),
            fact(
                draft, "about 1,250 km", "range", km(1200, 1300, 1250), "1,200–1,300 km"
            ),
        ),
        reason="accepted earlier",
        conflicts=((0, 1),),
        disposition=Disposition.BASELINE,
        disposition_reason="baseline.json",
        stances=(Stance(DRAFT, agree=(), disagree=(WIRE,)),),
    )
    apogee_agree = Finding(
        fact="flight.apogee",
        rule="apogee",
        verdict=Verdict.SURFACE_ONLY,
        facts=(
            fact(draft, "6,000 km", "apogee", km(5999.5, 6000.5, 6000), "6,000 km"),
            fact(wire, "6,000 km", "apogee", km(5999.5, 6000.5, 6000), "6,000 km"),
        ),
        reason="stated the same way",
        scope="North Korea",
    )
    fuel = Finding(
        fact="missile.fuel",
        rule="fuel-type",
        verdict=Verdict.SINGLE,
        facts=(
            fact(
                draft,
                "solid",
                "fuel-type",
                Category("solid"),
                "solid",
                kind=Kind.CATEGORY,
            ),
        ),
        reason="only one article states it",
    )
    return Report(
        articles=(draft, agency, evil, wire),
        findings=(date, distance, apogee, range_, apogee_agree, fuel),
        ruleset_id="handmade",
        notes=(
            Note(
                Location(HOSTILE, 1, 60),
                "'1,\u200b000 km' not compared: zero-width space",
            ),
        ),
    )


def tiny_report(path: str, text: str, other: str = "b.txt") -> Report:
    """Two articles that contradict: ``path`` says ``text`` + 1,250 km, ``other`` 900 km.

    The claim quoted from ``path`` is its whole first line, so whatever
    ``text`` holds reaches every field a writer prints.
    """
    body = f"{text} 1,250 km\n"
    first = article(path, body)
    second = article(other, "It flew 900 km.\n")
    quote = body.rstrip("\n")
    finding = Finding(
        fact="flight.distance",
        rule="distance",
        verdict=Verdict.CONTRADICTION,
        facts=(
            fact(first, quote, "distance", km(1249.5, 1250.5, 1250), "1,250–1,350 km"),
            fact(second, "900 km", "distance", km(899.5, 900.5, 900), "900 km"),
        ),
        reason=f"'{quote}' vs '900 km': no overlap",
        conflicts=((0, 1),),
        outlier=path,
    )
    return Report(articles=(first, second), findings=(finding,), ruleset_id="tiny")
