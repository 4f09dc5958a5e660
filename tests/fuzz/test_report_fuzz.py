"""The JSON contract round-trips: what the writer says is what the Report held."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from newsgen import count_example, stories, story_options

from launchcheck.errors import LaunchcheckError
from launchcheck.pipeline import Options, check_articles, prepare_rules
from launchcheck.report.json import (
    VERSION,
    ClaimSummary,
    FindingSummary,
    read_findings,
    write,
)

RULESET = prepare_rules(Options())
QUICK = settings.get_profile("launchcheck")


def summarize(report) -> tuple[FindingSummary, ...]:
    """The findings as the Report holds them, built without the writer."""
    return tuple(
        FindingSummary(
            fact=f.rule,
            verdict=f.verdict.value,
            reason=f.reason,
            scope=f.scope,
            event=f.event,
            claims=tuple(
                ClaimSummary(
                    x.claim.location.path,
                    x.claim.location.line,
                    x.claim.location.col,
                    x.claim.text,
                )
                for x in f.facts
            ),
            conflicts=tuple(f.conflicts),
        )
        for f in report.findings
    )


def round_trip(articles, options: Options) -> None:
    """json.loads(writer output), read back, equals the Report's findings in order."""
    count_example()
    try:
        report = check_articles(articles, RULESET, options)
    except LaunchcheckError:
        return
    out = io.StringIO()
    write(report, out)
    document = json.loads(out.getvalue())
    assert document["version"] == VERSION
    assert read_findings(document) == summarize(report)
    assert [a["path"] for a in document["articles"]] == [a.path for a in articles]
    assert sum(document["summary"].values()) == len(report.findings)
    # What a strict consumer would accept: text that is UTF-8 encodable.
    out.getvalue().encode("utf-8")


@settings(QUICK, max_examples=50)
@given(articles=stories(), options=story_options)
def test_json_report_round_trips(articles, options) -> None:
    """Facts, verdicts, reasons, claim positions and texts survive JSON."""
    round_trip(articles, options)


@pytest.mark.fuzz
@given(articles=stories(), options=story_options)
def test_json_report_round_trips_long(articles, options) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    round_trip(articles, options)


def test_read_findings_refuses_other_documents() -> None:
    """A document that is not a version-1 report is refused with a reason."""
    with pytest.raises(ValueError, match="version"):
        read_findings({"version": 2, "findings": []})
    with pytest.raises(ValueError, match=r"findings\[0\]\.claims"):
        read_findings({"version": 1, "findings": [{"claims": None}]})
    with pytest.raises(ValueError, match=r"claims\[0\]\.line"):
        read_findings(
            {
                "version": 1,
                "findings": [
                    {
                        "fact": "apogee",
                        "verdict": "single",
                        "reason": "r",
                        "conflicts": [],
                        "claims": [
                            {"path": "a", "line": True, "column": 1, "text": ""}
                        ],
                    }
                ],
            }
        )
