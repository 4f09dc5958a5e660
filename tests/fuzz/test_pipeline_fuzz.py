"""Any bytes, any text: load → extract → normalize → compare raises only our errors.

``LaunchcheckError`` (a named, located refusal) is the one allowed failure;
``Unusable`` is an expected outcome of normalization. Anything else escaping
a stage is a crash the CLI would print as a traceback.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsgen import (
    NAMES,
    article_files,
    count_example,
    html_text,
    news_text,
    published_dates,
    stories,
    story_options,
)

from launchcheck import normalize as norm
from launchcheck.compare import compare_facts
from launchcheck.errors import LaunchcheckError
from launchcheck.extract import extract_claims
from launchcheck.load import decode, parse_article
from launchcheck.model import Interval, Verdict, Window
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULESET = prepare_rules(Options())
QUICK = settings.get_profile("launchcheck")
EVENT_ZONES = ["UTC", "Asia/Pyongyang", "America/New_York", "Pacific/Kiritimati"]
zones = st.sampled_from(EVENT_ZONES)


def _check_location(article, claim, source: str) -> None:
    """A claim's line:col points into the file as read, at the claim's text."""
    loc = claim.location
    assert loc.path == article.path
    assert 1 <= loc.line <= len(article.line_starts)
    assert loc.col >= 1
    assert 0 <= claim.span.start < claim.span.end <= len(article.text)
    offset = article.line_starts[loc.line - 1] + loc.col - 1
    assert offset < len(source)
    first = article.text[claim.span.start]
    if article.path.lower().endswith((".html", ".htm")):
        # Entities and newlines are rewritten in visible text.
        assert source[offset] == first or source[offset] in "&\r\n", (source, offset)
    else:
        written = article.text[claim.span.start : claim.span.end]
        assert source[offset : offset + len(written)] == written


def _check_fact(fact) -> None:
    value = fact.value
    if isinstance(value, Interval):
        assert not math.isnan(value.low) and not math.isnan(value.high), fact
        assert value.low <= value.high, fact
    elif isinstance(value, Window):
        assert value.start.utcoffset() is not None
        assert value.start <= value.end, fact


def run_stages(name: str, data: bytes, published, zone: str) -> None:
    """Push one file through every stage, checking what each one promises."""
    count_example()
    try:
        article = parse_article(name, data)
        source = decode(name, data)
        claims = extract_claims(article, RULESET)
        setting = norm.Setting(
            event_zone=zone,
            published=article.published or published,
            article_zone=article.zone,
            story_date=published,
        )
        facts = []
        for claim in claims:
            _check_location(article, claim, source)
            try:
                fact = norm.normalize(claim, RULESET.rule(claim.rule), setting)
            except norm.Unusable:
                continue
            _check_fact(fact)
            facts.append(fact)
        findings = compare_facts(facts)
    except LaunchcheckError:
        return
    assert sum(len(f.facts) for f in findings) >= len(facts)


files = st.one_of(
    article_files(),
    st.tuples(st.sampled_from(NAMES), st.text(max_size=400).map(lambda t: t.encode())),
    st.tuples(st.sampled_from(["x.txt", "x.md"]), news_text().map(str.encode)),
    st.tuples(st.sampled_from(["x.html", "x.htm"]), html_text().map(str.encode)),
)


@settings(QUICK, max_examples=150)
@given(file=files, published=published_dates, zone=zones)
def test_any_file_survives_every_stage(file, published, zone) -> None:
    """Generated files, text and noise raise only LaunchcheckError in any stage."""
    run_stages(*file, published, zone)


@pytest.mark.fuzz
@given(file=files, published=published_dates, zone=zones)
def test_any_file_survives_every_stage_long(file, published, zone) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    run_stages(*file, published, zone)


@settings(QUICK, max_examples=60)
@given(text=st.text(max_size=600), name=st.sampled_from(NAMES), zone=zones)
def test_arbitrary_unicode_survives_every_stage(text, name, zone) -> None:
    """Any Unicode string raises only LaunchcheckError in any stage."""
    run_stages(name, text.encode(), None, zone)


@pytest.mark.fuzz
@given(text=st.text(), name=st.sampled_from(NAMES), zone=zones)
def test_arbitrary_unicode_survives_every_stage_long(text, name, zone) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    run_stages(name, text.encode(), None, zone)


def check_story(articles, options: Options):
    """A whole story gives a report whose findings cover every fact once."""
    count_example()
    try:
        report = check_articles(articles, RULESET, options)
    except LaunchcheckError:
        return None
    assert report.articles == tuple(articles)
    paths = {a.path for a in articles}
    for finding in report.findings:
        assert finding.facts
        assert all(f.claim.location.path in paths for f in finding.facts)
        if finding.verdict.is_conflict:
            assert finding.conflicts
        for i, j in finding.conflicts:
            assert 0 <= i < len(finding.facts) and 0 <= j < len(finding.facts)
        if finding.verdict is Verdict.SINGLE:
            assert len({f.claim.span.article for f in finding.facts}) == 1
    return report


@settings(QUICK, max_examples=50)
@given(articles=stories(), options=story_options)
def test_story_survives_check_articles(articles, options) -> None:
    """Several generated articles compared as one story raise only our errors."""
    check_story(articles, options)


@pytest.mark.fuzz
@given(articles=stories(), options=story_options)
def test_story_survives_check_articles_long(articles, options) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    check_story(articles, options)
