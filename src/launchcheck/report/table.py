"""The terminal report: contradictions first, then what only looks different."""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchcheck.model import Verdict

if TYPE_CHECKING:
    from typing import TextIO

    from rich.console import Console

    from launchcheck.model import Finding, Report

STYLE = {
    Verdict.CONTRADICTION: "bold red",
    Verdict.SOURCES_DISAGREE: "bold yellow",
    Verdict.SURFACE_ONLY: "green",
    Verdict.AGREEMENT: "green",
    Verdict.OTHER_SCOPE: "cyan",
    Verdict.SINGLE: "dim",
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


def _claims_cell(finding: Finding) -> str:
    """Each claim as written, what it normalizes to, and where and by whom."""
    from rich.markup import escape

    lines = []
    for fact in finding.facts:
        c = fact.claim
        where = [f"{c.location.path}:{c.location.line}"]
        if c.scope and c.scope != finding.scope:
            where.append(c.scope)
        if c.source:
            where.append(f"per {c.source}")
        lines.append(f"[bold]{escape(c.text)}[/bold] → {escape(fact.display)}")
        lines.append(f"  [dim]{escape(' · '.join(where))}[/dim]")
    return "\n".join(lines)


def _section(console: Console, title: str, findings: list[Finding], style: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=title, title_justify="left", show_lines=True, expand=True, style=style
    )
    width = max(len(f.rule) for f in findings)
    table.add_column("fact", min_width=min(width, 20), overflow="fold")
    table.add_column("as written → normalized", ratio=3, overflow="fold")
    table.add_column("why", ratio=2, overflow="fold")
    for f in findings:
        label = f"{f.rule}\n[{STYLE[f.verdict]}]{f.verdict.value}[/]"
        if f.scope:
            label += f"\n[dim]{escape(f.scope)}[/dim]"
        table.add_row(label, _claims_cell(f), escape(f.reason), style=style or None)
    console.print(table)


def write(
    report: Report,
    out: TextIO,
    *,
    verbose: bool = False,
    console: Console | None = None,
) -> None:
    """Print the report as rich tables with a one-line summary."""
    from rich.console import Console

    console = console or Console(file=out, highlight=False)
    sections = list(SECTIONS)
    if verbose:
        sections.append(("Stated in one article only", (Verdict.SINGLE,), "dim"))
    for title, verdicts, style in sections:
        chosen = [f for f in report.findings if f.verdict in verdicts]
        if chosen:
            _section(console, title, chosen, style)
    if verbose and report.notes:
        for note in report.notes:
            console.print(
                f"[dim]note: {note.location}: {note.message}[/dim]", highlight=False
            )
    counts = {v: sum(1 for f in report.findings if f.verdict is v) for v in Verdict}
    conflicts = counts[Verdict.CONTRADICTION] + counts[Verdict.SOURCES_DISAGREE]
    looks = counts[Verdict.SURFACE_ONLY] + counts[Verdict.AGREEMENT]
    style = "bold red" if conflicts else "bold green"
    console.print(
        f"[{style}]{conflicts} contradiction{'s' if conflicts != 1 else ''}[/]"
        f" ({counts[Verdict.SOURCES_DISAGREE]} between named sources),"
        f" {looks} agreement{'s' if looks != 1 else ''},"
        f" {counts[Verdict.OTHER_SCOPE]} not compared,"
        f" {counts[Verdict.SINGLE]} in one article only"
        f" — {len(report.articles)} article{'s' if len(report.articles) != 1 else ''}",
        highlight=False,
    )
