"""Inline suppressions and baselines: what they accept and what they report."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchcheck.errors import LaunchcheckError
from launchcheck.load import parse_article
from launchcheck.model import ArticleRole, Disposition, Verdict
from launchcheck.pipeline import Options, check_articles, settle
from launchcheck.suppress import (
    apply_baseline,
    baseline_text,
    find_directives,
    fingerprint,
    parse_baseline,
)

OCT31 = "North Korea launched an intercontinental ballistic missile on Thursday, October 31, 2024."
NOV1 = "North Korea launched an intercontinental ballistic missile on November 1, 2024."
FAIL_ON = (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)


def article(name: str, body: str, role: ArticleRole = ArticleRole.ARTICLE):
    text = f"---\npublished: 2024-10-31\n---\n\n{body}\n"
    return replace(parse_article(name, text.encode()), role=role)


def check(ruleset, articles, raw=None, baseline=None):
    report = check_articles(articles, ruleset, Options(timezone="Asia/Pyongyang"))
    return settle(report, FAIL_ON, raw, baseline)


def date_finding(report):
    return next(f for f in report.findings if f.rule == "launch-date")


def test_markdown_comment_suppresses_that_fact(ruleset) -> None:
    """An ignore comment in the odd article accepts the date finding: nothing fails."""
    odd = article(
        "odd.md", f"{NOV1}\n\n<!-- launchcheck: ignore launch-date wire copy -->"
    )
    report = check(ruleset, [article("a.md", OCT31), odd])
    finding = date_finding(report)
    assert finding.disposition is Disposition.SUPPRESSED
    assert "odd.md:7" in finding.disposition_reason
    assert "wire copy" in finding.disposition_reason
    assert not report.has_conflicts


def test_fact_prefix_suppresses(ruleset) -> None:
    """The dotted fact prefix ('launch') names the fact too."""
    odd = article("odd.md", f"{NOV1}\n\n<!-- launchcheck: ignore launch -->")
    assert not check(ruleset, [article("a.md", OCT31), odd]).has_conflicts


def test_other_fact_does_not_suppress_and_is_noted(ruleset) -> None:
    """Ignoring a fact that has no failing finding suppresses nothing and says so."""
    odd = article("odd.md", f"{NOV1}\n\n<!-- launchcheck: ignore apogee -->")
    report = check(ruleset, [article("a.md", OCT31), odd])
    assert report.has_conflicts
    notes = [n for n in report.notes if "suppresses nothing" in n.message]
    assert len(notes) == 1
    assert str(notes[0].location) == "odd.md:7:1"


def test_text_file_line_directive(ruleset) -> None:
    """In plain text a line 'launchcheck: ignore FACT' is the directive."""
    odd = article("odd.txt", f"{NOV1}\nlaunchcheck: ignore launch-date checked by desk")
    report = check(ruleset, [article("a.txt", OCT31), odd])
    assert not report.has_conflicts
    assert "checked by desk" in date_finding(report).disposition_reason


def test_line_form_is_not_a_directive_in_markdown(ruleset) -> None:
    """Markdown and HTML use the comment form; a bare line is just text there."""
    odd = article("odd.md", f"{NOV1}\n\nlaunchcheck: ignore launch-date")
    assert find_directives(odd) == ()


def test_html_comment_needs_the_raw_file(ruleset) -> None:
    """HTML comments are not visible text: the file's own text carries them."""
    html = (
        "<html><head><meta property='article:published_time' content='2024-10-31'>"
        f"</head><body><p>{NOV1}</p>\n<!-- launchcheck: ignore launch-date -->\n"
        "</body></html>\n"
    )
    page = parse_article("odd.html", html.encode())
    found = find_directives(page, html)
    assert [(d.fact, d.location.line) for d in found] == [("launch-date", 2)]
    report = check(ruleset, [article("a.md", OCT31), page], raw={"odd.html": html})
    assert not report.has_conflicts


def test_suppression_in_a_source_does_not_hide_another_conflict(ruleset) -> None:
    """Every failing conflict must touch an ignoring article to be suppressed."""
    draft = article("draft.md", NOV1, ArticleRole.DRAFT)
    quiet = article(
        "a.md",
        f"{OCT31}\n\n<!-- launchcheck: ignore launch-date -->",
        ArticleRole.SOURCE,
    )
    loud = article("b.md", OCT31, ArticleRole.SOURCE)
    report = check(ruleset, [draft, quiet, loud])
    assert date_finding(report).disposition is Disposition.ACTIVE
    assert report.has_conflicts


def baseline_case(ruleset, odd_body: str):
    return check(ruleset, [article("a.md", OCT31), article("odd.md", odd_body)])


def test_fingerprint_ignores_line_numbers(ruleset) -> None:
    """Text added above the claim moves its line, not its fingerprint."""
    first = baseline_case(ruleset, NOV1)
    moved = baseline_case(ruleset, f"Another paragraph first.\n\n\n{NOV1}")
    assert date_finding(first).facts[1].claim.location.line != (
        date_finding(moved).facts[1].claim.location.line
    )
    assert fingerprint(first, date_finding(first)) == fingerprint(
        moved, date_finding(moved)
    )


def test_fingerprint_changes_with_the_value(ruleset) -> None:
    """A different wrong date is a new finding, not the accepted one."""
    first = baseline_case(ruleset, NOV1)
    other = baseline_case(ruleset, NOV1.replace("November 1", "November 2"))
    assert fingerprint(first, date_finding(first)) != fingerprint(
        other, date_finding(other)
    )


def test_baseline_round_trip_and_stale_entries(ruleset) -> None:
    """Accepted findings stop failing; entries that match nothing are noted with their line."""
    report = baseline_case(ruleset, NOV1)
    text = baseline_text(report)
    entries = parse_baseline("base.json", text)
    assert len(entries) == len(report.failing) >= 1
    accepted = apply_baseline(report, entries)
    assert not accepted.has_conflicts
    assert date_finding(accepted).disposition is Disposition.BASELINE
    fixed = baseline_case(ruleset, OCT31)
    stale = apply_baseline(fixed, entries)
    notes = [n for n in stale.notes if "stale baseline entry" in n.message]
    assert len(notes) == len(entries)
    assert notes[0].location.line == 2


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{not json", "base.json:1:2"),
        ('{"tool": "other", "accepted": []}', "base.json:1"),
        ('{"tool": "launchcheck", "version": 9, "accepted": []}', "base.json:1"),
        ('{"tool": "launchcheck", "version": 1, "accepted": [{}]}', "base.json"),
    ],
)
def test_bad_baseline_is_located(text, where) -> None:
    """A file that is not a baseline is one located error."""
    with pytest.raises(LaunchcheckError) as err:
        parse_baseline("base.json", text)
    assert str(err.value).startswith(where + ":")
