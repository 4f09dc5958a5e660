"""A self-contained HTML report: findings, then the articles side by side.

Every piece of article text and every attribute value goes through
``html.escape``; the page loads nothing from anywhere (inline CSS, no script),
so a hostile article can neither run code nor call home.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from launchcheck.model import Verdict

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Article, Fact, Report

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.35rem;vertical-align:top;text-align:left}
.contradiction,.sources-disagree{background:#fde2e1}.surface-only,.agreement{background:#e6f4ea}
.other-scope,.single{color:#666}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
.article{border:1px solid #ccc;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere}
mark.conflict{background:#f7a8a3}mark.agree{background:#b9e4c2}mark.other{background:#e3e3e3}
.where{color:#666;font-size:.9em}
"""
CLASS = {
    Verdict.CONTRADICTION: "conflict",
    Verdict.SOURCES_DISAGREE: "conflict",
    Verdict.SURFACE_ONLY: "agree",
    Verdict.AGREEMENT: "agree",
    Verdict.OTHER_SCOPE: "other",
    Verdict.SINGLE: "other",
}


def _anchor(fact: Fact, index: dict[str, int]) -> str:
    """A stable id for a claim's span: article number and offset."""
    return f"c-{index.get(fact.claim.span.article, 0)}-{fact.claim.span.start}"


def _claim_item(fact: Fact, index: dict[str, int]) -> str:
    c = fact.claim
    where = f"{c.location.path}:{c.location.line}:{c.location.col}"
    extra = "".join(
        f" · {escape(label)} {escape(value)}"
        for label, value in (("scope", c.scope), ("per", c.source), ("event", c.event))
        if value
    )
    return (
        f'<li><a href="#{escape(_anchor(fact, index), quote=True)}">{escape(c.text)}</a>'
        f" → {escape(fact.display)} <span class=where>{escape(where)}{extra}</span></li>"
    )


def _findings(report: Report, index: dict[str, int]) -> str:
    rows = []
    for f in report.findings:
        if f.verdict is Verdict.SINGLE:
            continue
        items = "".join(_claim_item(fact, index) for fact in f.facts)
        scope = f"<br><span class=where>{escape(f.scope)}</span>" if f.scope else ""
        rows.append(
            f"<tr class={escape(f.verdict.value, quote=True)}><td>{escape(f.rule)}{scope}</td>"
            f"<td>{escape(f.verdict.value)}</td><td><ul>{items}</ul></td>"
            f"<td>{escape(f.reason)}</td></tr>"
        )
    head = "<tr><th>fact</th><th>verdict</th><th>claims</th><th>why</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _marks(
    report: Report, index: dict[str, int]
) -> dict[str, list[tuple[int, int, str, str]]]:
    """Spans to highlight per article, the worst verdict winning on overlap."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for f in report.findings:
        for fact in f.facts:
            span = fact.claim.span
            kind = CLASS[f.verdict]
            out.setdefault(span.article, []).append(
                (span.start, span.end, kind, _anchor(fact, index))
            )
    rank = {"conflict": 0, "agree": 1, "other": 2}
    for spans in out.values():
        spans.sort(key=lambda s: (s[0], rank[s[2]]))
    return out


def _article(article: Article, spans: list[tuple[int, int, str, str]]) -> str:
    text = article.text
    parts = []
    pos = 0
    for start, end, kind, anchor in spans:
        if start < pos:
            continue  # overlapping spans: the first (worst) one is shown
        parts.append(escape(text[pos:start]))
        parts.append(
            f'<mark class={kind} id="{escape(anchor, quote=True)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    parts.append(escape(text[pos:]))
    meta = " · ".join(escape(str(v)) for v in (article.outlet, article.published) if v)
    return (
        f"<div><h3>{escape(article.path)}</h3><div class=where>{meta}</div>"
        f"<div class=article>{''.join(parts)}</div></div>"
    )


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write one HTML page that needs nothing but a browser."""
    conflicts = sum(1 for f in report.findings if f.verdict.is_conflict)
    index = {a.path: i for i, a in enumerate(report.articles)}
    marks = _marks(report, index)
    articles = "".join(_article(a, marks.get(a.path, [])) for a in report.articles)
    out.write(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>launchcheck: {conflicts} contradiction(s)</title>"
        f"<style>{CSS}</style></head><body>"
        f"<h1>launchcheck: {conflicts} contradiction(s) across "
        f"{len(report.articles)} article(s)</h1>"
        f"<h2>Findings</h2>{_findings(report, index)}"
        f"<h2>Articles</h2><div class=articles>{articles}</div>"
        "</body></html>\n"
    )
