r"""The JSON contract (version 1): stable, documented in docs/report.schema.json.

Version 1 only ever gains fields; a consumer ignores the ones it does not
know. Every value is exact (a file name with a right-to-left override keeps
it); hidden characters are only spelled as JSON escapes (``\u202e``) so the
file reads honestly in a terminal (:func:`escape.json_ascii_invisible`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from launchcheck.kinds import spec_for
from launchcheck.model import Disposition
from launchcheck.report.common import GENERATOR
from launchcheck.report.escape import json_ascii_invisible

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from launchcheck.model import Fact, Finding, Report

VERSION = 1


def _value(fact: Fact) -> dict[str, Any]:
    """The value as its kind writes it (``launchcheck.kinds``)."""
    return spec_for(fact).to_json(fact)


def _claim(fact: Fact) -> dict[str, Any]:
    c = fact.claim
    return {
        "path": c.location.path,
        "line": c.location.line,
        "column": c.location.col,
        "text": c.text,
        "value": _value(fact),
        "hedge": c.hedge or None,
        "scope": c.scope or None,
        "event": c.event or None,
        "source": c.source or None,
        "context": _context(fact),
    }


def _context(fact: Fact) -> dict[str, Any]:
    """The claim's typed context (JSON contract v1, added field)."""
    c, ctx = fact.claim, fact.claim.context
    return {
        "event": ctx.event.value,
        "event_cue": ctx.event_cue or None,
        "moment": ctx.moment.value if ctx.moment else None,
        "moment_cue": ctx.moment_cue or None,
        "modality": ctx.modality.value,
        "modality_cue": ctx.modality_cue or None,
        "place": c.scope or None,
        "place_parents": list(ctx.place_parents),
        "source": c.source or None,
        "source_basis": ctx.source_basis.value,
        "not_compared_because": ctx.not_compared_because() or None,
        "sequel_cue": ctx.sequel_cue or None,
    }


def finding_dict(finding: Finding, report: Report | None = None) -> dict[str, Any]:
    """One finding as the JSON contract describes it.

    ``fails`` says whether the finding fails the run (``Report.fails``); it
    needs the report, and without one it is true for an active conflict.
    """
    if report is not None:
        fails = report.fails(finding)
    else:
        fails = (
            finding.verdict.is_conflict and finding.disposition is Disposition.ACTIVE
        )
    return {
        "fact": finding.rule,
        "verdict": finding.verdict.value,
        "reason": finding.reason,
        "scope": finding.scope or None,
        "event": finding.event or None,
        "claims": [_claim(f) for f in finding.facts],
        "conflicts": [list(p) for p in finding.conflicts],
        "fails": fails,
        "disposition": finding.disposition.value,
        "disposition_reason": finding.disposition_reason or None,
        "outlier": finding.outlier or None,
        "moment": finding.moment.value if finding.moment else None,
        "modality": finding.modality.value,
        "stances": [
            {"draft": s.draft, "agree": list(s.agree), "disagree": list(s.disagree)}
            for s in finding.stances
        ],
    }


def article_dicts(report: Report) -> list[dict[str, Any]]:
    """The report's articles: path, role, date and outlet."""
    return [
        {
            "path": a.path,
            "published": a.published.isoformat() if a.published else None,
            "outlet": a.outlet,
            "role": a.role.value,
        }
        for a in report.articles
    ]


def note_dicts(report: Report) -> list[dict[str, Any]]:
    """The report's notes: where, and what could not be used."""
    return [{"location": str(n.location), "message": n.message} for n in report.notes]


def summary_dict(report: Report) -> dict[str, int]:
    """How many findings of each verdict (only verdicts that occur)."""
    return {
        v: sum(1 for f in report.findings if f.verdict.value == v)
        for v in sorted({f.verdict.value for f in report.findings})
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    return {
        "version": VERSION,
        "generator": GENERATOR,
        "ruleset": report.ruleset_id,
        "fail_on": [v.value for v in report.fail_on],
        "articles": article_dicts(report),
        "findings": [finding_dict(f, report) for f in report.findings],
        "notes": note_dicts(report),
        "summary": summary_dict(report),
        "failing": len(report.failing),
    }


def dumps(data: object, *, indent: int | None = None) -> str:
    r"""JSON text of ``data``: exact values, hidden characters as ``\uXXXX``."""
    separators = None if indent else (",", ":")
    text = json.dumps(
        data, indent=indent, ensure_ascii=False, separators=separators, allow_nan=False
    )
    return json_ascii_invisible(text)


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write the report as one indented JSON document."""
    out.write(dumps(report_dict(report), indent=2))
    out.write("\n")


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    """Where a claim stands and what it says, as a JSON document gives it back."""

    path: str
    line: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """A finding read back from a JSON document (values and notes left out)."""

    fact: str
    verdict: str
    reason: str
    scope: str
    event: str
    claims: tuple[ClaimSummary, ...]
    conflicts: tuple[tuple[int, int], ...]


def read_findings(document: Mapping[str, Any]) -> tuple[FindingSummary, ...]:
    """Rebuild the findings of a version-1 document, so tools can consume it.

    Raises ValueError naming the first field that breaks the contract.
    """
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ValueError(f"not a launchcheck JSON report (version {VERSION})")
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise ValueError("'findings' must be a list")
    return tuple(_read_finding(i, f) for i, f in enumerate(findings))


def _field(
    where: str, data: object, key: str, kind: type, *, null: bool = False
) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{where} must be an object")
    value = data.get(key)
    if value is None and null:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{where}.{key} must be {kind.__name__}")
    return value


def _read_finding(index: int, data: object) -> FindingSummary:
    where = f"findings[{index}]"
    claims = _field(where, data, "claims", list)
    conflicts = _field(where, data, "conflicts", list)
    if not all(
        isinstance(p, list) and len(p) == 2 and all(type(i) is int for i in p)
        for p in conflicts
    ):
        raise ValueError(f"{where}.conflicts must be pairs of indices")
    return FindingSummary(
        fact=_field(where, data, "fact", str),
        verdict=_field(where, data, "verdict", str),
        reason=_field(where, data, "reason", str),
        scope=_field(where, data, "scope", str, null=True) or "",
        event=_field(where, data, "event", str, null=True) or "",
        claims=tuple(
            ClaimSummary(
                path=_field(f"{where}.claims[{i}]", c, "path", str),
                line=_field(f"{where}.claims[{i}]", c, "line", int),
                column=_field(f"{where}.claims[{i}]", c, "column", int),
                text=_field(f"{where}.claims[{i}]", c, "text", str),
            )
            for i, c in enumerate(claims)
        ),
        conflicts=tuple((p[0], p[1]) for p in conflicts),
    )
