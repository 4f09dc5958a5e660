"""SARIF 2.1.0 for code-scanning tools: one result per finding that fails the run.

A result is located at the draft's claim when drafts are checked against
sources, else at the first claim in a conflict (the anchor the compact
format uses), with ``relatedLocations`` for every other claim. Regions count
columns in Unicode code points (``columnKind``), as launchcheck does, and end
one character after the claim. File names become URI references with every
byte outside the unreserved set percent-encoded, so a name that is not UTF-8
or holds a direction override survives exactly. ``partialFingerprints`` hash
the rule, scope and the normalized values per article, not line numbers, so
an edit elsewhere keeps an alert's identity. Notes become tool execution
notifications. Suppressed, baselined and context-only findings do not fail
the run and are not results.

Rule descriptions: ``tool.driver.rules`` has one entry per rule that has a
result. A Report carries rule ids, not rule files, so the description is the
shipped rule's (read from its ``description:`` line) when one with that id
is shipped, else a sentence built from the fact's name.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from launchcheck import __version__
from launchcheck.report.common import (
    GENERATOR,
    articles_by_path,
    outlier_text,
    primary,
    stance_text,
)
from launchcheck.report.json import dumps

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Article, Fact, Finding, Location, Report

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
)
_TOP_LEVEL = re.compile(r"^(id|description):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@functools.cache
def shipped_descriptions() -> dict[str, str]:
    """Rule id → one-line description of the rules shipped with launchcheck.

    Read from each file's top-level ``id:`` and ``description:`` lines (plain
    or quoted scalars) without loading or compiling the rules.
    """
    found: dict[str, str] = {}
    folder = resources.files("launchcheck") / "rules"
    for entry in folder.iterdir():
        if not entry.name.endswith(".yml"):
            continue
        fields = dict(_TOP_LEVEL.findall(entry.read_text(encoding="utf-8")))
        rule_id = fields.get("id", "").strip("'\"")
        text = fields.get("description", "")
        if rule_id and text and text[0] not in "|>":
            found[rule_id] = text.strip("'\"")
    return found


def uri(path: str) -> str:
    """A URI reference for a file name, exact to the byte.

    Absolute names become ``file://`` URIs; relative ones stay relative (code
    scanning resolves them against the repository root).
    """
    if PurePath(path).is_absolute():
        return "file://" + quote(os.fsencode(path), safe="/")
    return quote(os.fsencode(path.replace(os.sep, "/")), safe="/")


def _region(fact: Fact, article: Article | None) -> dict[str, Any]:
    c = fact.claim
    region: dict[str, Any] = {
        "startLine": c.location.line,
        "startColumn": c.location.col,
    }
    if article is not None:
        end = article.locate(c.span.end)
        if (end.line, end.col) > (c.location.line, c.location.col):
            region["endLine"] = end.line
            region["endColumn"] = end.col
    region["snippet"] = {"text": c.text}
    return region


def _physical(fact: Fact, articles: dict[str, Article]) -> dict[str, Any]:
    path = fact.claim.location.path
    return {
        "artifactLocation": {"uri": uri(path)},
        "region": _region(fact, articles.get(path)),
    }


def _fingerprint(finding: Finding) -> str:
    """A hash of what the finding says, independent of where it sits in files."""
    parts = [finding.rule, finding.scope, finding.event]
    parts += sorted(f"{f.claim.location.path}\0{f.display}" for f in finding.facts)
    return hashlib.sha256(
        "\x1f".join(parts).encode("utf-8", "surrogatepass")
    ).hexdigest()[:32]


def _message(finding: Finding) -> str:
    text = f"{finding.rule}: {finding.verdict.value}: {finding.reason}"
    if finding.outlier:
        text += f" ({outlier_text(finding)})"
    for stance in finding.stances:
        text += f"; {stance_text(stance)}"
    return text


def _result(report: Report, finding: Finding, rule_index: int) -> dict[str, Any]:
    articles = articles_by_path(report)
    anchor = primary(report, finding)
    at = finding.facts.index(anchor)
    against = {b if a == at else a for a, b in finding.conflicts if at in (a, b)}
    related = []
    for i, fact in enumerate(finding.facts):
        if i == at:
            continue
        verb = "conflicts with" if i in against else "stated alongside"
        related.append(
            {
                "id": len(related) + 1,
                "physicalLocation": _physical(fact, articles),
                "message": {
                    "text": f"'{fact.claim.text}' → {fact.display} ({verb} the located claim)"
                },
            }
        )
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": _physical(anchor, articles)}],
        "partialFingerprints": {"launchcheckFinding/v1": _fingerprint(finding)},
        "properties": {
            "fact": finding.fact,
            "verdict": finding.verdict.value,
            "scope": finding.scope or None,
            "event": finding.event or None,
            "outlier": finding.outlier or None,
            "located": {
                "text": anchor.claim.text,
                "display": anchor.display,
            },
        },
    }
    if related:
        result["relatedLocations"] = related
    return result


def _rule(rule_id: str, fact: str) -> dict[str, Any]:
    shipped = shipped_descriptions().get(rule_id)
    what = shipped or f"The fact '{fact}' as articles state it."
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": what},
        "fullDescription": {
            "text": (
                f"{what} launchcheck extracts this fact from every article,"
                " normalizes its value (units, hedges as intervals, dates in their"
                " zones) and reports a contradiction when two values cannot both"
                " hold, or sources-disagree when named sources give different"
                " values."
            )
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"fact": fact},
    }


def _notification(location: Location, message: str) -> dict[str, Any]:
    note: dict[str, Any] = {"level": "note", "message": {"text": message}}
    if location.path:
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri(location.path)}}
        if location.line:
            physical["region"] = {"startLine": location.line}
            if location.col:
                physical["region"]["startColumn"] = location.col
        note["locations"] = [{"physicalLocation": physical}]
    return note


def sarif_dict(report: Report) -> dict[str, Any]:
    """The SARIF log as plain JSON-ready data."""
    failing = report.failing
    rule_ids: dict[str, int] = {}
    rules = []
    results = []
    for finding in failing:
        if finding.rule not in rule_ids:
            rule_ids[finding.rule] = len(rules)
            rules.append(_rule(finding.rule, finding.fact))
        results.append(_result(report, finding, rule_ids[finding.rule]))
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": GENERATOR,
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            _notification(n.location, n.message) for n in report.notes
                        ],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "generator": GENERATOR,
                    "ruleset": report.ruleset_id,
                    "failing": len(failing),
                },
            }
        ],
    }


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write the SARIF log as one indented JSON document."""
    out.write(dumps(sarif_dict(report), indent=2))
    out.write("\n")
