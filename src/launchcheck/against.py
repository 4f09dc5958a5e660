"""Drafts against sources, and the one article that stands alone.

Pure functions over a ``Report``: ``apply_roles`` fills ``Finding.stances``
(for each draft, which sources agree with its claims and which do not) and
``Finding.outlier`` (the one article that alone disagrees with the others,
when at least three articles speak of the fact). Whether a finding fails the
run is ``Report.fails``; this module only supplies what it reads.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from launchcheck.model import ArticleRole, Stance

if TYPE_CHECKING:
    from launchcheck.model import Finding, Report


def apply_roles(report: Report) -> Report:
    """The report with stances (drafts vs sources) and outliers filled in."""
    roles = {a.path: a.role for a in report.articles}
    findings = tuple(
        replace(f, stances=stances(f, roles), outlier=outlier(f))
        for f in report.findings
    )
    return replace(report, findings=findings)


def _article(finding: Finding, index: int) -> str:
    return finding.facts[index].claim.span.article


def stances(finding: Finding, roles: dict[str, ArticleRole]) -> tuple[Stance, ...]:
    """For each draft in ``finding``, the sources that agree and disagree with it.

    A source disagrees when any of its claims conflicts with any of the
    draft's claims (a source with claims on both sides disagrees); it agrees
    when it states the fact and none of its claims conflict with the draft's.
    """
    speaking = sorted({f.claim.span.article for f in finding.facts})
    drafts = [p for p in speaking if roles.get(p) is ArticleRole.DRAFT]
    sources = [p for p in speaking if roles.get(p) is ArticleRole.SOURCE]
    out = []
    for draft in drafts:
        against: set[str] = set()
        for i, j in finding.conflicts:
            a, b = _article(finding, i), _article(finding, j)
            if a == draft and b in sources:
                against.add(b)
            elif b == draft and a in sources:
                against.add(a)
        agree = tuple(s for s in sources if s not in against)
        out.append(Stance(draft, agree, tuple(s for s in sources if s in against)))
    return tuple(out)


def outlier(finding: Finding) -> str:
    """The one article every cross-article conflict involves, if there is one.

    Needs at least three articles speaking of the fact: with six saying
    Oct 31 and one saying Nov 1, the one is the outlier; with two articles,
    or when the conflicts do not all share one article, there is none.
    """
    speaking = {f.claim.span.article for f in finding.facts}
    if len(speaking) < 3 or not finding.conflicts:
        return ""
    pairs = [{_article(finding, i), _article(finding, j)} for i, j in finding.conflicts]
    pairs = [p for p in pairs if len(p) == 2]
    if not pairs:
        return ""
    common = set.intersection(*pairs)
    return common.pop() if len(common) == 1 else ""


def describe(stance: Stance) -> str:
    """How many sources agree with a draft and how many do not, in words."""

    def count(n: int, verb_one: str, verb_many: str) -> str:
        return f"{n} source{'' if n == 1 else 's'} {verb_one if n == 1 else verb_many}"

    parts = [count(len(stance.agree), "agrees", "agree")]
    n = len(stance.disagree)
    disagree = f"{n} {'disagrees' if n == 1 else 'disagree'}"
    if stance.disagree:
        disagree += f" ({', '.join(stance.disagree)})"
    parts.append(disagree)
    return ", ".join(parts)


def contradicted_lines(report: Report) -> list[str]:
    """One line per draft claim that its sources contradict, ``file:line:col`` first."""
    from launchcheck.errors import one_line

    lines = []
    for finding in report.failing:
        for stance in finding.stances:
            if not stance.disagree:
                continue
            mine = [f for f in finding.facts if f.claim.span.article == stance.draft]
            theirs = [
                f for f in finding.facts if f.claim.span.article in stance.disagree
            ]
            said = ", ".join(dict.fromkeys(repr(f.claim.text) for f in theirs))
            first = mine[0]
            lines.append(
                one_line(
                    f"{first.claim.location}: {finding.rule}: the draft says"
                    f" {first.claim.text!r} ({first.display}); {describe(stance)};"
                    f" they say {said}"
                )
            )
    return lines
