"""launchcheck.extract: the shipped rules run over small articles."""

from __future__ import annotations

import datetime as dt

from launchcheck.extract import extract_claims
from launchcheck.load import parse_article
from launchcheck.model import Article, Kind

THU = dt.date(2024, 10, 31)


def claims_of(text: str, ruleset, rule: str | None = None, **article):
    found = extract_claims(Article("story.txt", text, **article), ruleset)
    return [c for c in found if rule is None or c.rule == rule]


def position(data: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in the file as written."""
    offset = data.index(needle)
    line = data.count("\n", 0, offset) + 1
    return line, offset - (data.rfind("\n", 0, offset) + 1) + 1


def test_quantity_claim_fields(ruleset):
    """An apogee claim keeps its text as written, hedge and bare value apart."""
    (claim,) = claims_of(
        "It reached an altitude of approximately 7,000 kilometers, the minister said.",
        ruleset,
        "apogee",
    )
    assert claim.kind is Kind.QUANTITY
    assert claim.text == "approximately 7,000 kilometers"
    assert claim.hedge == "approximately"
    assert claim.value == "7,000 kilometers"
    assert claim.fact == ruleset.rule("apogee").fact


def test_span_is_the_value_as_written(ruleset):
    """``text[span]`` is exactly the claim's text."""
    text = "It reached an altitude of approximately 7,000 kilometers, he said."
    (claim,) = claims_of(text, ruleset, "apogee")
    assert text[claim.span.start : claim.span.end] == claim.text
    assert claim.span.article == "story.txt"


def test_own_conversion_is_kept_with_the_claim(ruleset):
    """ "1,000 kilometers (620 miles)": the conversion is the claim's alt value."""
    (claim,) = claims_of(
        "It traveled around 1,000 kilometers (620 miles) before crashing into the sea.",
        ruleset,
        "distance",
    )
    assert claim.value == "1,000 kilometers"
    assert claim.alt_value == "620 miles"
    assert claim.text == "around 1,000 kilometers (620 miles)"


def test_line_and_column_count_front_matter(ruleset):
    """Locations point into the file as read, front matter included."""
    data = (
        "---\npublished: 2024-10-31\noutlet: Test\n---\n"
        "North Korea fired a missile.\n"
        "Officials said it reached an altitude of about 7,000 km, a record.\n"
    )
    article = parse_article("story.md", data.encode())
    claims = [c for c in extract_claims(article, ruleset) if c.rule == "apogee"]
    assert [c.text for c in claims] == ["about 7,000 km"]
    assert (claims[0].location.line, claims[0].location.col) == position(
        data, "about 7,000 km"
    )
    assert claims[0].location.path == "story.md"


def test_line_and_column_point_into_html_markup(ruleset):
    """For an HTML page the location is in the page's source, tags included."""
    data = (
        "<html><head><title>t</title></head>\n<body>\n"
        "<p>North Korea fired a missile on Thursday.</p>\n"
        "<p>It flew for <b>86 minutes</b>, officials said.</p>\n"
        "</body></html>\n"
    )
    article = parse_article("page.html", data.encode())
    (claim,) = [
        c for c in extract_claims(article, ruleset) if c.rule == "flight-duration"
    ]
    assert claim.text == "86 minutes"
    assert (claim.location.line, claim.location.col) == position(data, "86 minutes")


def test_dateline_is_never_a_claim(ruleset):
    """ "TOKYO, Nov. 1 -" is where the story was filed, not when the launch was."""
    text = "TOKYO, Nov. 1 - North Korea launched an ICBM early Thursday."
    found = claims_of(text, ruleset, published=THU)
    assert [c.text for c in found if c.rule == "launch-date"] == ["early Thursday"]
    assert all(c.span.start >= text.index("North") for c in found)


def test_same_date_without_dateline_is_a_claim(ruleset):
    """The dateline check is about position: a date in the story is still read."""
    text = "North Korea launched an ICBM on Nov. 1, officials said."
    found = claims_of(text, ruleset, "launch-date", published=THU)
    assert [c.text for c in found] == ["Nov. 1"]


def test_overlapping_matches_of_one_rule_are_deduplicated(ruleset):
    """Several patterns matching the same figure give one claim."""
    found = claims_of("It was a flight of 86 minutes in the air.", ruleset)
    assert [(c.rule, c.text) for c in found] == [("flight-duration", "86 minutes")]


def test_claims_are_in_text_order(ruleset):
    """Claims come sorted by their position in the article."""
    text = (
        "The missile flew for 86 minutes. "
        "It reached an altitude of approximately 7,000 kilometers, he said."
    )
    found = claims_of(text, ruleset)
    assert [c.rule for c in found] == ["flight-duration", "apogee"]
    assert [c.span.start for c in found] == sorted(c.span.start for c in found)


def test_other_event_is_marked(ruleset):
    """A figure about the December 2023 test carries that event."""
    text = (
        "It reached an altitude of 7,000 km. "
        "In the December 2023 test, it reached an altitude of 6,518 km."
    )
    found = claims_of(text, ruleset, "apogee")
    assert [(c.text, bool(c.event)) for c in found] == [
        ("7,000 km", False),
        ("6,518 km", True),
    ]


def test_source_is_attached(ruleset):
    """A figure attributed to a known source carries its canonical name."""
    (claim,) = claims_of(
        "Japan's defense ministry said the missile flew for 86 minutes.",
        ruleset,
        "flight-duration",
    )
    assert claim.source == "Japan's defense ministry"


def test_text_without_facts_gives_no_claims(ruleset):
    """Ordinary prose yields nothing."""
    assert claims_of("The weather in Seoul was mild on the day.", ruleset) == []
