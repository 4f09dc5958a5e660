"""JSON Lines: one self-describing record per line, for streams and batch runs.

Every line is a JSON object with ``type`` (``finding``, ``note`` or
``summary``), ``version`` and ``generator``, so lines from many runs can be
concatenated, filtered with ``grep`` or ``jq``, and still be read alone. A
``finding`` record holds the same fields as a finding of the JSON report;
the last line is the ``summary``: articles, counts and the number of failing
findings. The schema is docs/report.schema.json (``$defs/jsonl_record``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from launchcheck.report.common import GENERATOR
from launchcheck.report.json import (
    VERSION,
    article_dicts,
    dumps,
    finding_dict,
    note_dicts,
    summary_dict,
)

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Report


def _head(kind: str, report: Report) -> dict[str, Any]:
    return {
        "type": kind,
        "version": VERSION,
        "generator": GENERATOR,
        "ruleset": report.ruleset_id,
    }


def records(report: Report) -> list[dict[str, Any]]:
    """The report as JSON Lines records, in the order they are written."""
    rows = [_head("finding", report) | finding_dict(f, report) for f in report.findings]
    rows.extend(_head("note", report) | note for note in note_dicts(report))
    rows.append(
        _head("summary", report)
        | {
            "fail_on": [v.value for v in report.fail_on],
            "articles": article_dicts(report),
            "findings": len(report.findings),
            "notes": len(report.notes),
            "summary": summary_dict(report),
            "failing": len(report.failing),
        }
    )
    return rows


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write one JSON object per line: findings, notes, then the summary."""
    for row in records(report):
        out.write(dumps(row))
        out.write("\n")
