"""One line per finding, ``path:line:col: fact: verdict: reason``: for grep and editors.

The location is the draft's claim when drafts are checked against sources,
else the first claim in a conflict, else the first claim (the same anchor as
SARIF). Editors' quickfix lists (Vim's ``errorformat``, Emacs'
``compilation-mode``) and CI annotators read the first four fields; the
verdict carries the status when a conflict does not fail the run
(``contradiction (baseline)``). Hidden characters in paths and text are
escaped, so a finding is always exactly one line. Agreements and other
scopes are listed like the table lists them; one-article facts and notes
only with ``verbose``. The last line is a summary without a location.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchcheck.model import Verdict
from launchcheck.report.common import (
    Status,
    counts,
    outlier_text,
    primary,
    ref,
    stance_text,
    status,
)
from launchcheck.report.escape import visible

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Finding, Report

# Conflicts first, then what only looks different, as in the table.
ORDER = {
    Verdict.CONTRADICTION: 0,
    Verdict.SOURCES_DISAGREE: 0,
    Verdict.SURFACE_ONLY: 1,
    Verdict.AGREEMENT: 1,
    Verdict.OTHER_SCOPE: 2,
    Verdict.SINGLE: 3,
}
# The verdict suffix for a conflict that does not fail the run.
SUFFIX = {
    Status.FAILS: "",
    Status.SUPPRESSED: " (suppressed)",
    Status.BASELINE: " (baseline)",
    Status.CONTEXT: " (context)",
    Status.ALLOWED: " (allowed)",
    Status.INFO: "",
}


def line(report: Report, finding: Finding) -> str:
    """The compact line for one finding, without its newline."""
    anchor = primary(report, finding)
    extra = [f"scope: {finding.scope}"] if finding.scope else []
    if finding.outlier:
        extra.append(outlier_text(finding))
    extra.extend(stance_text(s) for s in finding.stances)
    st = status(report, finding)
    if st in (Status.SUPPRESSED, Status.BASELINE) and finding.disposition_reason:
        extra.append(f"{st.value}: {finding.disposition_reason}")
    reason = finding.reason + "".join(f" [{e}]" for e in extra)
    return (
        f"{visible(ref(anchor))}: {visible(finding.rule)}: "
        f"{finding.verdict.value}{SUFFIX[st]}: {visible(reason)}"
    )


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write one line per finding, then the notes (verbose) and a summary line."""
    shown = [f for f in report.findings if verbose or f.verdict is not Verdict.SINGLE]
    for finding in sorted(shown, key=lambda f: ORDER[f.verdict]):
        out.write(line(report, finding) + "\n")
    if verbose:
        for note in report.notes:
            out.write(f"{visible(str(note.location))}: note: {visible(note.message)}\n")
    out.write(f"launchcheck: {counts(report).sentence()}\n")
