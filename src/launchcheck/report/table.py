"""The terminal report: contradictions first, then what only looks different.

Everything taken from articles (paths, quotes, reasons) goes into rich
``Text`` objects, never into markup strings: a file named ``[/bold].txt`` or
``[link=…]x.md`` prints as it is named. Hidden characters are escaped
(:mod:`launchcheck.report.escape`). A ``file:line`` reference is never split
across lines: the claims column is at least as wide as the longest one, and
a terminal too narrow for that gets one block per finding instead of a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchcheck.model import ArticleRole, Verdict
from launchcheck.report.common import (
    Status,
    counts,
    outlier_text,
    role,
    short_ref,
    stance_text,
    status,
    status_text,
)
from launchcheck.report.escape import visible

if TYPE_CHECKING:
    from typing import TextIO

    from rich.console import Console, RenderableType
    from rich.text import Text

    from launchcheck.model import Finding, Report

STYLE = {
    Verdict.CONTRADICTION: "bold red",
    Verdict.SOURCES_DISAGREE: "bold yellow",
    Verdict.SURFACE_ONLY: "green",
    Verdict.AGREEMENT: "green",
    Verdict.OTHER_SCOPE: "cyan",
    Verdict.SINGLE: "dim",
}
STATUS_STYLE = {
    Status.FAILS: "bold red",
    Status.SUPPRESSED: "dim",
    Status.BASELINE: "dim",
    Status.CONTEXT: "yellow",
    Status.ALLOWED: "dim",
    Status.INFO: "",
}
SECTIONS = (
    ("Contradictions", (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE), ""),
    (
        "Only looks different (agreements)",
        (Verdict.SURFACE_ONLY, Verdict.AGREEMENT),
        "dim",
    ),
    ("Not compared: another event, place or group", (Verdict.OTHER_SCOPE,), "dim"),
)
# Cell padding and borders of a three-column table with the default box.
_TABLE_CHROME = 10
_MIN_WHY = 16


def _where(report: Report, finding: Finding, index: int) -> str:
    """``path:line`` of a claim, then its scope, role and source."""
    fact = finding.facts[index]
    c = fact.claim
    parts = [visible(short_ref(fact))]
    if c.scope and c.scope != finding.scope:
        parts.append(visible(c.scope))
    article_role = role(report, c.location.path)
    if article_role is not ArticleRole.ARTICLE:
        parts.append(article_role.value)
    if c.location.path == finding.outlier:
        parts.append("outlier")
    if c.source:
        parts.append(f"per {visible(c.source)}")
    return " · ".join(parts)


def _claims(report: Report, finding: Finding) -> Text:
    """Each claim as written, what it normalizes to, and where and by whom."""
    from rich.text import Text

    text = Text()
    for i, fact in enumerate(finding.facts):
        if i:
            text.append("\n")
        text.append(visible(fact.claim.text), style="bold")
        text.append(f" → {visible(fact.display)}\n")
        text.append(f"  {_where(report, finding, i)}", style="dim")
    return text


def _label(report: Report, finding: Finding) -> Text:
    from rich.text import Text

    st = status(report, finding)
    text = Text(visible(finding.rule))
    text.append("\n")
    text.append(finding.verdict.value, style=STYLE[finding.verdict])
    if finding.scope:
        text.append(f"\n{visible(finding.scope)}", style="dim")
    if st is not Status.INFO:
        text.append(
            f"\n{visible(status_text(report, finding))}", style=STATUS_STYLE[st]
        )
    return text


def _why(finding: Finding) -> Text:
    from rich.text import Text

    text = Text(visible(finding.reason))
    if finding.outlier:
        text.append(f"\n{visible(outlier_text(finding))}", style="bold")
    for stance in finding.stances:
        text.append(f"\n{visible(stance_text(stance))}")
    return text


def _ref_width(report: Report, findings: list[Finding]) -> int:
    """The widest ``path:line`` reference, with its two-space indent."""
    from rich.cells import cell_len

    return max(
        cell_len(visible(short_ref(fact))) + 2 for f in findings for fact in f.facts
    )


def _section(
    console: Console, report: Report, title: str, findings: list[Finding], style: str
) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    fact_width = min(
        max(max(cell_len(visible(f.rule)), len(f.verdict.value)) for f in findings),
        24,
    )
    refs_width = _ref_width(report, findings)
    room = console.width - _TABLE_CHROME - fact_width
    if room - refs_width < _MIN_WHY:
        _blocks(console, report, title, findings, style)
        return
    # Content widths set here, not by rich's ratios, which ignore min_width.
    claims_width = max(refs_width, room * 3 // 5)
    table = Table(
        title=Text(title, style="table.title"),
        title_justify="left",
        show_lines=True,
        style=style,
    )
    table.add_column("fact", width=fact_width, overflow="fold")
    table.add_column("as written → normalized", width=claims_width, overflow="fold")
    table.add_column("why", width=room - claims_width, overflow="fold")
    for f in findings:
        table.add_row(
            _label(report, f), _claims(report, f), _why(f), style=style or None
        )
    console.print(table)


def _blocks(
    console: Console, report: Report, title: str, findings: list[Finding], style: str
) -> None:
    """The narrow layout: one block per finding, every reference on its own line."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(title, style=f"bold {style}".strip()))
    for f in findings:
        items: list[RenderableType] = [
            _label(report, f),
            Padding(_claims(report, f), (0, 0, 0, 2)),
            Padding(_why(f), (0, 0, 0, 2)),
        ]
        for item in items:
            console.print(item, style=style or None, overflow="fold")
        console.print()


def write(
    report: Report,
    out: TextIO,
    *,
    verbose: bool = False,
    console: Console | None = None,
) -> None:
    """Print the report as rich tables with a one-line summary."""
    from rich.console import Console
    from rich.text import Text

    console = console or Console(file=out, highlight=False, emoji=False)
    sections = list(SECTIONS)
    if verbose:
        sections.append(("Stated in one article only", (Verdict.SINGLE,), "dim"))
    for title, verdicts, style in sections:
        chosen = [f for f in report.findings if f.verdict in verdicts]
        if chosen:
            _section(console, report, title, chosen, style)
    if verbose and report.notes:
        for note in report.notes:
            console.print(
                Text(f"note: {visible(str(note.location))}: {visible(note.message)}"),
                style="dim",
                highlight=False,
            )
    tally = counts(report)
    console.print(
        Text(tally.sentence(), style="bold red" if tally.failing else "bold green"),
        highlight=False,
    )
