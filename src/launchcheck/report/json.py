"""The JSON contract (version 1): stable, documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from launchcheck.model import Category, Interval, Window

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Fact, Finding, Report

VERSION = 1


def _value(fact: Fact) -> dict[str, Any]:
    v = fact.value
    if isinstance(v, Interval):
        return {
            "type": "interval",
            "low": v.low,
            "high": v.high,
            "nominal": v.nominal,
            "unit": v.base_unit or None,
            "display": fact.display,
        }
    if isinstance(v, Window):
        return {
            "type": "window",
            "start": v.start.isoformat(),
            "end": v.end.isoformat(),
            "zone": v.zone,
            "precision": v.precision,
            "clock_only": v.clock_only,
            "display": fact.display,
        }
    assert isinstance(v, Category)
    return {"type": "category", "label": v.label, "display": fact.display}


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
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON contract describes it."""
    return {
        "fact": finding.rule,
        "verdict": finding.verdict.value,
        "reason": finding.reason,
        "scope": finding.scope or None,
        "event": finding.event or None,
        "claims": [_claim(f) for f in finding.facts],
        "conflicts": [list(p) for p in finding.conflicts],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain JSON-ready data."""
    return {
        "version": VERSION,
        "ruleset": report.ruleset_id,
        "articles": [
            {
                "path": a.path,
                "published": a.published.isoformat() if a.published else None,
                "outlet": a.outlet,
            }
            for a in report.articles
        ],
        "findings": [finding_dict(f) for f in report.findings],
        "notes": [
            {"location": str(n.location), "message": n.message} for n in report.notes
        ],
        "summary": {
            v: sum(1 for f in report.findings if f.verdict.value == v)
            for v in sorted({f.verdict.value for f in report.findings})
        },
    }


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write the report as one indented JSON document."""
    json.dump(report_dict(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
