"""Drafts against sources: stances, failing, and the outlier among many articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchcheck.against import apply_roles, describe, outlier, stances
from launchcheck.load import parse_article
from launchcheck.model import ArticleRole, Stance, Verdict
from launchcheck.pipeline import Options, check_articles, settle

OCT31 = "North Korea launched an intercontinental ballistic missile on Thursday, October 31, 2024."
NOV1 = "North Korea launched an intercontinental ballistic missile on November 1, 2024."


def article(name: str, body: str, role: ArticleRole = ArticleRole.ARTICLE):
    text = f"---\npublished: 2024-10-31\n---\n\n{body}\n"
    return replace(parse_article(name, text.encode()), role=role)


def run(ruleset, articles, fail_on=(Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)):
    report = check_articles(articles, ruleset, Options(timezone="Asia/Pyongyang"))
    return settle(report, fail_on)


def date_finding(report):
    return next(f for f in report.findings if f.rule == "launch-date")


def test_draft_contradicting_sources_fails_and_counts(ruleset) -> None:
    """A draft claim that sources contradict fails; the stance counts both sides."""
    report = run(
        ruleset,
        [
            article("draft.md", NOV1, ArticleRole.DRAFT),
            article("a.md", OCT31, ArticleRole.SOURCE),
            article("b.md", OCT31, ArticleRole.SOURCE),
        ],
    )
    finding = date_finding(report)
    assert finding.stances == (Stance("draft.md", (), ("a.md", "b.md")),)
    assert report.fails(finding)
    assert report.has_conflicts
    assert describe(finding.stances[0]) == "0 sources agree, 2 disagree (a.md, b.md)"


def test_draft_agreeing_with_one_source_counts_it(ruleset) -> None:
    """One source agrees and one disagrees: both are named in the stance."""
    report = run(
        ruleset,
        [
            article("draft.md", NOV1, ArticleRole.DRAFT),
            article("a.md", OCT31, ArticleRole.SOURCE),
            article("b.md", NOV1, ArticleRole.SOURCE),
        ],
    )
    stance = date_finding(report).stances[0]
    assert stance.agree == ("b.md",)
    assert stance.disagree == ("a.md",)
    assert describe(stance).startswith("1 source agrees, 1 disagrees")


def test_sources_disagreeing_among_themselves_never_fail(ruleset) -> None:
    """Two sources that conflict are context; the draft agrees with one: exit 0."""
    report = run(
        ruleset,
        [
            article("draft.md", "The missile flew for 86 minutes.", ArticleRole.DRAFT),
            article("a.md", OCT31, ArticleRole.SOURCE),
            article("b.md", NOV1, ArticleRole.SOURCE),
        ],
    )
    finding = date_finding(report)
    assert finding.verdict is Verdict.CONTRADICTION
    assert not report.fails(finding)
    assert not report.has_conflicts


def test_plain_check_still_fails_on_any_contradiction(ruleset) -> None:
    """Without drafts every article is equal: today's exit codes."""
    report = run(ruleset, [article("a.md", OCT31), article("b.md", NOV1)])
    assert report.has_conflicts
    assert date_finding(report).stances == ()


def test_outlier_is_the_one_article_alone(ruleset) -> None:
    """Six say Oct 31, one says Nov 1: that one is the outlier."""
    articles = [article(f"s{i}.md", OCT31) for i in range(6)]
    articles.append(article("odd.md", NOV1))
    finding = date_finding(run(ruleset, articles))
    assert finding.outlier == "odd.md"


def test_no_outlier_between_two_articles(ruleset) -> None:
    """With two articles neither is alone: no outlier is named."""
    finding = date_finding(
        run(ruleset, [article("a.md", OCT31), article("b.md", NOV1)])
    )
    assert finding.verdict is Verdict.CONTRADICTION
    assert finding.outlier == ""


def test_no_outlier_when_split_evenly(ruleset) -> None:
    """Two against two: no single article is alone."""
    articles = [article("a.md", OCT31), article("b.md", OCT31)]
    articles += [article("c.md", NOV1), article("d.md", NOV1)]
    assert outlier(date_finding(run(ruleset, articles))) == ""


def test_apply_roles_is_pure(ruleset) -> None:
    """The input report is unchanged; a new one carries the stances."""
    articles = [
        article("draft.md", NOV1, ArticleRole.DRAFT),
        article("a.md", OCT31, ArticleRole.SOURCE),
    ]
    plain = check_articles(articles, ruleset, Options(timezone="Asia/Pyongyang"))
    done = apply_roles(plain)
    assert date_finding(plain).stances == ()
    assert date_finding(done).stances


@pytest.mark.parametrize(
    ("agree", "disagree", "text"),
    [
        ((), (), "0 sources agree, 0 disagree"),
        (("a",), (), "1 source agrees, 0 disagree"),
        (("a", "b"), ("c",), "2 sources agree, 1 disagrees (c)"),
    ],
)
def test_describe_counts(agree, disagree, text) -> None:
    """The words agree in number with the counts."""
    assert describe(Stance("d", agree, disagree)) == text


def test_stances_only_for_drafts(ruleset) -> None:
    """An article without a role gets no stance."""
    articles = [article("a.md", OCT31), article("b.md", NOV1)]
    finding = date_finding(
        check_articles(articles, ruleset, Options(timezone="Asia/Pyongyang"))
    )
    roles = {"a.md": ArticleRole.ARTICLE, "b.md": ArticleRole.ARTICLE}
    assert stances(finding, roles) == ()
