"""Findings a person accepted on purpose: inline suppressions and a baseline.

Pure: texts in, a ``Report`` with dispositions out. An article may say
``<!-- launchcheck: ignore FACT [reason] -->`` (Markdown, HTML) or, in plain
text, ``launchcheck: ignore FACT [reason]`` on a line of its own: a finding
on FACT that would fail the run because of that article becomes
``SUPPRESSED``. A baseline is a list of fingerprints of accepted findings
(``BASELINE``). A suppression that suppresses nothing, and a baseline entry
that matches nothing, become notes, so stale acceptances do not pile up
unseen, as ruff reports an unused ``noqa``.

A fingerprint is built from the fact, the place and event it is about, and
each conflicting claim's normalized value and article identity (its URL, else
its file name), never line numbers: editing elsewhere in an article keeps it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from launchcheck.errors import LaunchcheckError
from launchcheck.model import (
    Article,
    Category,
    Disposition,
    Interval,
    Location,
    Note,
    Window,
)
from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from launchcheck.model import Fact, Finding, Report

BASELINE_VERSION = 1
_FACT = r"(?P<fact>[A-Za-z0-9][\w.\-]*)"
COMMENT_RE = re_compile(
    r"<!--[ \t]*launchcheck:[ \t]*ignore[ \t]+" + _FACT + r"(?P<reason>.*?)-->",
    re.DOTALL,
)
LINE_RE = re_compile(
    r"^[ \t]*launchcheck:[ \t]*ignore[ \t]+" + _FACT + r"(?P<reason>[^\n]*)$",
    re.MULTILINE,
)
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Directive:
    """One ``launchcheck: ignore FACT`` in one article."""

    article: str
    fact: str
    reason: str
    location: Location


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One accepted finding in a baseline file, and the line it sits on."""

    fingerprint: str
    fact: str
    location: Location


def find_directives(article: Article, raw: str | None = None) -> tuple[Directive, ...]:
    """The ignore directives of one article.

    ``raw`` is the file's text as read; it is needed for HTML, whose
    comments are not part of the visible ``article.text``. Without it the
    article's text is scanned and mapped back to file positions.
    """
    text = article.text if raw is None else raw
    found: list[tuple[int, re.Match[str]]] = [
        (m.start(), m) for m in COMMENT_RE.finditer(text)
    ]
    if not article.path.lower().endswith(MARKUP_SUFFIXES):
        found += [(m.start(), m) for m in LINE_RE.finditer(text)]
    out = []
    for start, match in sorted(found, key=lambda item: item[0]):
        if raw is None:
            where = article.locate(start)
        else:
            line = text.count("\n", 0, start) + 1
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            where = Location(article.path, line, col)
        reason = " ".join(match.group("reason").split())
        out.append(Directive(article.path, match.group("fact"), reason, where))
    return tuple(out)


def _matches(name: str, finding: Finding) -> bool:
    """A directive's FACT names a rule id, a fact, or a fact prefix (``launch``)."""
    return name in (finding.rule, finding.fact) or finding.fact.startswith(f"{name}.")


def _failing_pairs(report: Report, finding: Finding) -> list[tuple[str, str]]:
    """The article pairs whose conflict makes the finding fail the run."""
    drafts = report.drafts
    out = []
    for i, j in finding.conflicts:
        a = finding.facts[i].claim.span.article
        b = finding.facts[j].claim.span.article
        if drafts and (a in drafts) == (b in drafts):
            continue  # source against source (or draft against draft): context
        out.append((a, b))
    if not out and not finding.conflicts:
        out = [(f.claim.span.article,) * 2 for f in finding.facts]
    return out


def apply_suppressions(report: Report, directives: Iterable[Directive]) -> Report:
    """Mark failing findings that every ignoring article accounts for as SUPPRESSED.

    A finding is suppressed when each conflict that makes it fail involves an
    article that ignores its fact. Directives that suppressed nothing become
    notes at their own line.
    """
    directives = tuple(directives)
    used: set[Directive] = set()
    findings = []
    for finding in report.findings:
        if not report.fails(finding):
            findings.append(finding)
            continue
        pairs = _failing_pairs(report, finding)
        ours = [d for d in directives if _matches(d.fact, finding)]
        covering = {d.article: d for d in ours}
        if pairs and all(a in covering or b in covering for a, b in pairs):
            by = sorted(
                {covering[x] for p in pairs for x in p if x in covering},
                key=lambda d: (d.article, d.location.line),
            )
            used.update(by)
            why = "; ".join(
                f"ignored at {d.location}" + (f": {d.reason}" if d.reason else "")
                for d in by
            )
            finding = replace(
                finding, disposition=Disposition.SUPPRESSED, disposition_reason=why
            )
        findings.append(finding)
    notes = [
        Note(
            d.location,
            f"'launchcheck: ignore {d.fact}' suppresses nothing: no failing"
            f" finding on {d.fact!r} involves this article",
        )
        for d in directives
        if d not in used
    ]
    return replace(report, findings=tuple(findings), notes=(*report.notes, *notes))


def _value_key(fact: Fact) -> str:
    """A normalized value as stable text: 6 significant figures, UTC windows."""
    v = fact.value
    if isinstance(v, Interval):

        def num(x: float) -> str:
            return str(x) if math.isinf(x) else f"{x:.6g}"

        return f"{num(v.low)}..{num(v.high)} {v.base_unit}".strip()
    if isinstance(v, Window):
        return f"{v.start.isoformat()}/{v.end.isoformat()}" + (
            " clock" if v.clock_only else ""
        )
    assert isinstance(v, Category)
    return f"={v.label}"


def _identity(article: Article | None, path: str) -> str:
    """An article's identity across moves and edits: its URL, else its file name."""
    if article is not None and article.url:
        return article.url
    return PurePath(path).name


def fingerprint(report: Report, finding: Finding) -> str:
    """A stable id for an accepted finding (no line numbers, no folders)."""
    by_path = {a.path: a for a in report.articles}
    involved = {x for pair in _failing_pairs(report, finding) for x in pair}
    items = sorted(
        {
            (
                _identity(by_path.get(f.claim.span.article), f.claim.span.article),
                _value_key(f),
            )
            for f in finding.facts
            if f.claim.span.article in involved
        }
    )
    key = json.dumps(
        [finding.fact, finding.scope, finding.event, items], ensure_ascii=False
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def baseline_text(report: Report) -> str:
    """A baseline file accepting every finding that fails ``report``: JSON, one entry a line."""
    by_path = {a.path: a for a in report.articles}
    entries = {}
    for finding in report.failing:
        articles = sorted(
            {
                _identity(by_path.get(f.claim.span.article), f.claim.span.article)
                for f in finding.facts
            }
        )
        entry = {
            "fingerprint": fingerprint(report, finding),
            "fact": finding.fact,
            "verdict": finding.verdict.value,
            "articles": articles,
        }
        entries[entry["fingerprint"]] = entry
    lines = [json.dumps(e, ensure_ascii=False) for e in entries.values()]
    body = ",\n".join(f"  {line}" for line in lines)
    return (
        f'{{"version": {BASELINE_VERSION}, "tool": "launchcheck", "accepted": [\n'
        f"{body}\n]}}\n"
        if lines
        else f'{{"version": {BASELINE_VERSION}, "tool": "launchcheck", "accepted": []}}\n'
    )


def parse_baseline(where: str, text: str) -> tuple[BaselineEntry, ...]:
    """Read a baseline file's entries, or raise ``LaunchcheckError`` at file:line:col."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LaunchcheckError(
            Location(where, err.lineno, err.colno), f"not a baseline file: {err.msg}"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("tool") != "launchcheck"
        or not isinstance(data.get("accepted"), list)
    ):
        raise LaunchcheckError(
            Location(where, 1),
            "not a launchcheck baseline (write one with `launchcheck baseline write`)",
        )
    if data.get("version") != BASELINE_VERSION:
        raise LaunchcheckError(
            Location(where, 1),
            f"baseline version {data.get('version')!r} is not supported"
            f" (this launchcheck writes version {BASELINE_VERSION})",
        )
    out = []
    for item in data["accepted"]:
        mark = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(mark, str) or not mark:
            raise LaunchcheckError(
                Location(where), "every accepted entry needs a 'fingerprint' string"
            )
        at = text.find(mark)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 0
        out.append(
            BaselineEntry(mark, str(item.get("fact", "?")), Location(where, line))
        )
    return tuple(out)


def apply_baseline(report: Report, entries: Iterable[BaselineEntry]) -> Report:
    """Mark failing findings recorded in the baseline as BASELINE; note stale entries."""
    accepted: Mapping[str, BaselineEntry] = {e.fingerprint: e for e in entries}
    matched: set[str] = set()
    findings = []
    for finding in report.findings:
        if report.fails(finding):
            mark = fingerprint(report, finding)
            if mark in accepted:
                matched.add(mark)
                where = accepted[mark].location
                finding = replace(
                    finding,
                    disposition=Disposition.BASELINE,
                    disposition_reason=f"accepted in baseline {where}",
                )
        findings.append(finding)
    notes = [
        Note(
            e.location,
            f"stale baseline entry: {e.fact} ({e.fingerprint}) matches no finding;"
            " rewrite the baseline to drop it",
        )
        for mark, e in accepted.items()
        if mark not in matched
    ]
    return replace(report, findings=tuple(findings), notes=(*report.notes, *notes))
