"""A self-contained HTML report: findings, charts, then the articles side by side.

The page needs nothing but a browser and runs no script: the Content
Security Policy allows inline styles only, so a hostile article can neither
run code nor call home. Filtering (by verdict, by fact, failing only) is
plain CSS over checkboxes and a select (``:has()``); agreements are folded
in ``<details>``; a finding that is open outlines its claims in the
articles, and each claim links to its highlighted span.

Every piece of article text, path and attribute value is escaped with
``html.escape`` after hidden characters (controls, direction overrides,
zero-width characters) are made visible (:mod:`launchcheck.report.escape`),
so a right-to-left override in a file name cannot reorder the figures after
it. Markdown articles are shown as a reader sees them (headings, emphasis,
links' text), with every highlight still at its offset
(:mod:`launchcheck.report.mdview`). Per fact, an inline SVG chart draws each
claim's interval or time window on one axis.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from launchcheck.model import ArticleRole, Interval, Verdict, Window
from launchcheck.report import mdview
from launchcheck.report.common import (
    GENERATOR,
    Status,
    counts,
    outlier_text,
    ref,
    stance_text,
    status,
    status_text,
)
from launchcheck.report.escape import visible

if TYPE_CHECKING:
    from typing import TextIO

    from launchcheck.model import Article, Fact, Finding, Report

CSP = "default-src 'none'; style-src 'unsafe-inline'"
CSS = """
:root{--bad:#c62828;--badbg:#fde2e1;--ok:#2e7d32;--okbg:#e6f4ea;--dim:#666}
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin-top:1.6rem}
.summary{color:var(--dim);margin:0 0 1rem}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;padding:.5rem .7rem;
 border:1px solid #ddd;border-radius:6px;background:#fafafa;position:sticky;top:0;z-index:2}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}
.filters legend{float:left;margin-right:.5rem;font-weight:600}
.finding{border:1px solid #ddd;border-left:5px solid #bbb;border-radius:4px;margin:.4rem 0;padding:.2rem .6rem}
.finding>summary{cursor:pointer;padding:.2rem 0}
.finding.s-fails{border-left-color:var(--bad);background:var(--badbg)}
.finding.v-surface-only,.finding.v-agreement{border-left-color:var(--ok)}
.finding.s-suppressed,.finding.s-baseline,.finding.s-allowed{opacity:.75}
.finding.s-context{border-left-color:#f9a825}
.fact{font-weight:600}.verdict{font-variant:small-caps;margin:0 .4rem}
.status{font-weight:600;color:var(--bad)}.s-suppressed .status,.s-baseline .status,.s-allowed .status{color:var(--dim)}
.s-context .status{color:#a66a00}
.reason{display:block;color:#333}
.outlier{font-weight:600;color:var(--bad);margin:.2rem 0}.stances{margin:.2rem 0}
.claims{margin:.3rem 0;padding-left:1.3rem}.claims .conflict a{color:var(--bad)}
.where{color:var(--dim);font-size:.9em}
.badge{font-size:.75em;border:1px solid currentColor;border-radius:3px;padding:0 .25em;margin-left:.3em}
.group{margin:.6rem 0}.group>summary{cursor:pointer;font-weight:600;padding:.3rem 0}
svg.chart{display:block;margin:.4rem 0;max-width:100%;height:auto;font:11px system-ui,sans-serif}
.chart .bar{fill:#8bc79a}.chart .bar.conflict{fill:#e57373}.chart .bar.outlier{fill:var(--bad)}
.chart .axis{stroke:#999}.chart .nominal{stroke:#222;stroke-width:1.5}.chart text{fill:#333}
.chart .open{stroke-dasharray:3 2;stroke:#555}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
.article{border:1px solid #ccc;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere}
.article h3{margin:.2rem 0;font-size:1rem;overflow-wrap:anywhere}
mark{scroll-margin:30vh}
mark.conflict{background:#f7a8a3}mark.agree{background:#b9e4c2}mark.other{background:#e3e3e3}
mark:target{outline:3px solid #1565c0;outline-offset:1px}
.h1,.h2{font-weight:700;font-size:1.25em}.h3,.h4,.h5,.h6{font-weight:700}
.strong{font-weight:700}.em{font-style:italic}.code{font-family:ui-monospace,monospace;background:#f3f3f3}
.link{text-decoration:underline dotted}.quote{color:#444;font-style:italic}.comment{color:#888}
.notes{color:var(--dim)}
"""
# Highlight class of a claim's span by verdict; lower ranks win on overlap.
CLASS = {
    Verdict.CONTRADICTION: "conflict",
    Verdict.SOURCES_DISAGREE: "conflict",
    Verdict.SURFACE_ONLY: "agree",
    Verdict.AGREEMENT: "agree",
    Verdict.OTHER_SCOPE: "other",
    Verdict.SINGLE: "other",
}
RANK = {"conflict": 0, "agree": 1, "other": 2}
GROUPS = (
    (
        "agreements",
        "Agreements (only look different)",
        (Verdict.SURFACE_ONLY, Verdict.AGREEMENT),
    ),
    (
        "not-compared",
        "Not compared (another event, place or group)",
        (Verdict.OTHER_SCOPE,),
    ),
)
# Characters an article body keeps raw: its layout (CRLF files keep their CR).
_LAYOUT = "\n\t\r"
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def _text(value: object) -> str:
    """Escaped, visible text for an element's content or an attribute."""
    return escape(visible(str(value)), quote=True)


def _anchor(fact: Fact, index: dict[str, int]) -> str:
    """A stable id for a claim's span: article number and start offset."""
    return f"c-{index.get(fact.claim.span.article, 0)}-{fact.claim.span.start}"


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str
    finding: int


def _claim_item(
    report: Report, finding: Finding, i: int, against: set[int], index: dict[str, int]
) -> str:
    fact = finding.facts[i]
    c = fact.claim
    where = [_text(ref(fact))]
    for label, value in (("scope", c.scope), ("per", c.source), ("event", c.event)):
        if value:
            where.append(f"{escape(label)} {_text(value)}")
    badges = ""
    article_role = next(
        (a.role for a in report.articles if a.path == c.location.path),
        ArticleRole.ARTICLE,
    )
    if article_role is not ArticleRole.ARTICLE:
        badges += f"<span class=badge>{article_role.value}</span>"
    if c.location.path == finding.outlier:
        badges += "<span class=badge>outlier</span>"
    cls = " class=conflict" if i in against else ""
    return (
        f'<li{cls}><a href="#{_anchor(fact, index)}">“{_text(c.text)}”</a>'
        f" → {_text(fact.display)}{badges} <span class=where>{' · '.join(where)}</span></li>"
    )


def _finding(
    report: Report,
    n: int,
    finding: Finding,
    index: dict[str, int],
    facts: dict[str, str],
) -> str:
    st = status(report, finding)
    in_conflict = {i for pair in finding.conflicts for i in pair}
    items = "".join(
        _claim_item(report, finding, i, in_conflict, index)
        for i in range(len(finding.facts))
    )
    extra = []
    if finding.outlier:
        extra.append(f"<p class=outlier>{_text(outlier_text(finding))}</p>")
    if finding.stances:
        stances = "".join(f"<li>{_text(stance_text(s))}</li>" for s in finding.stances)
        extra.append(f"<ul class=stances>{stances}</ul>")
    scope = f" <span class=where>{_text(finding.scope)}</span>" if finding.scope else ""
    label = _text(status_text(report, finding))
    status_html = f"<span class=status>{label}</span>" if label else ""
    classes = (
        f"finding v-{finding.verdict.value} s-{st.value} fact-{facts[finding.rule]}"
    )
    opened = " open" if st is not Status.INFO else ""
    return (
        f"<details class='{classes}' id=f-{n}{opened}>"
        f"<summary><span class=fact>{_text(finding.rule)}</span>{scope}"
        f"<span class=verdict>{escape(finding.verdict.value)}</span>{status_html}"
        f"<span class=reason>{_text(finding.reason)}</span></summary>"
        f"{''.join(extra)}<ol class=claims>{items}</ol>{chart(finding)}</details>"
    )


# -- charts -------------------------------------------------------------------

_W, _LABEL, _ROW, _PAD = 460, 170, 16, 6  # chart width, label column, row, margin
_MIN_BAR = 4.0


def _axis_values(finding: Finding) -> list[tuple[float, float, float | None]] | None:
    """Each claim as (low, high, nominal) on one numeric axis, or None."""
    values = [f.value for f in finding.facts]
    if all(isinstance(v, Interval) for v in values):
        return [(v.low, v.high, v.nominal) for v in values]  # type: ignore[union-attr]
    if all(isinstance(v, Window) for v in values):
        windows: list[Window] = values  # type: ignore[assignment]
        if any(w.clock_only for w in windows):
            day = 86_400.0
            out = []
            for w in windows:
                start = w.start.timestamp() % day
                length = max(w.end.timestamp() - w.start.timestamp(), 0.0)
                out.append((start, min(start + length, 2 * day), None))
            return out
        return [(w.start.timestamp(), w.end.timestamp(), None) for w in windows]
    return None


def _tick(finding: Finding, x: float) -> str:
    """A label for an axis end in the first claim's unit, or as a UTC time."""
    first = finding.facts[0].value
    if isinstance(first, Interval):
        value = x / (first.per_unit or 1.0)
        return f"{value:,.4g} {first.unit}".strip()
    assert isinstance(first, Window)
    import datetime as dt

    if any(isinstance(f.value, Window) and f.value.clock_only for f in finding.facts):
        seconds = int(x) % 86_400
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d} UTC"
    return dt.datetime.fromtimestamp(x, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def chart(finding: Finding) -> str:
    """An inline SVG: one bar per claim on a shared axis ("" for categories)."""
    rows = _axis_values(finding)
    if not rows or len(rows) < 2:
        return ""
    finite = [x for low, high, nom in rows for x in (low, high, nom) if x is not None]
    finite = [x for x in finite if math.isfinite(x)]
    if not finite:
        return ""
    lo, hi = min(finite), max(finite)
    span = hi - lo or abs(hi) * 0.1 or 1.0
    lo, hi = lo - span * 0.08, hi + span * 0.08
    plot = _W - _LABEL - _PAD

    def x_of(v: float) -> float:
        v = min(max(v, lo), hi)
        return _LABEL + (v - lo) / (hi - lo) * plot

    in_conflict = {i for pair in finding.conflicts for i in pair}
    height = _ROW * len(rows) + 22
    parts = [
        f'<svg class=chart xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}"'
        f' viewBox="0 0 {_W} {height}" role="img"'
        f' aria-label="{_text(finding.rule)}: each claim on one axis">'
    ]
    for i, ((low, high, nominal), fact) in enumerate(
        zip(rows, finding.facts, strict=True)
    ):
        y = i * _ROW + 2
        loc = fact.claim.location
        label = f"{loc.path.rsplit('/', 1)[-1]}:{loc.line}"
        cls = "bar"
        if loc.path == finding.outlier:
            cls += " outlier"
        elif i in in_conflict:
            cls += " conflict"
        x1, x2 = x_of(low), x_of(high)
        if x2 - x1 < _MIN_BAR:  # a precise figure: a visible tick, centred on it
            x1 = min(max((x1 + x2 - _MIN_BAR) / 2, _LABEL), _W - _PAD - _MIN_BAR)
        width = max(x2 - x1, _MIN_BAR)
        title = f"<title>{_text(fact.claim.text)} → {_text(fact.display)}</title>"
        parts.append(
            f'<text x="{_LABEL - 6}" y="{y + 11}" text-anchor="end">{_text(label)}</text>'
            f'<rect class="{cls}" x="{x1:.1f}" y="{y + 2}" width="{width:.1f}"'
            f' height="{_ROW - 5}">{title}</rect>'
        )
        for end, x in ((low, x1), (high, x2)):
            if not math.isfinite(end):
                parts.append(
                    f'<line class=open x1="{x:.1f}" y1="{y + 1}" x2="{x:.1f}" y2="{y + _ROW - 2}"/>'
                )
        if nominal is not None and math.isfinite(nominal):
            xn = x_of(nominal)
            parts.append(
                f'<line class=nominal x1="{xn:.1f}" y1="{y + 1}" x2="{xn:.1f}"'
                f' y2="{y + _ROW - 2}"/>'
            )
    axis_y = _ROW * len(rows) + 4
    parts.append(
        f'<line class=axis x1="{_LABEL}" y1="{axis_y}" x2="{_W - _PAD}" y2="{axis_y}"/>'
        f'<text x="{_LABEL}" y="{axis_y + 14}">{_text(_tick(finding, lo))}</text>'
        f'<text x="{_W - _PAD}" y="{axis_y + 14}" text-anchor="end">'
        f"{_text(_tick(finding, hi))}</text></svg>"
    )
    return "".join(parts)


# -- articles -------------------------------------------------------------------


def _spans(report: Report) -> dict[str, list[_Span]]:
    """Every claim's span per article, with its finding number and highlight."""
    out: dict[str, list[_Span]] = {}
    for n, finding in enumerate(report.findings):
        kind = CLASS[finding.verdict]
        for fact in finding.facts:
            span = fact.claim.span
            out.setdefault(span.article, []).append(
                _Span(span.start, span.end, kind, n)
            )
    return out


def _segments(length: int, spans: list[_Span]) -> list[tuple[int, int, list[_Span]]]:
    """Cut ``[0, length)`` where any span starts or ends; each cut lists its spans."""
    cuts = {0, length}
    for s in spans:
        cuts.update((max(0, min(s.start, length)), max(0, min(s.end, length))))
    bounds = sorted(cuts)
    starts: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    active: list[_Span] = []
    out = []
    for a, b in itertools.pairwise(bounds):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        out.append((a, b, list(active)))
    return out


def _render_text(text: str, start: int, end: int, pieces: list[mdview.Piece]) -> str:
    """Article text ``[start, end)`` through its display pieces, escaped."""
    out = []
    for p in pieces:
        if p.end <= start or p.start >= end:
            continue
        a, b = max(p.start, start), min(p.end, end)
        if p.hide:
            if a == p.start and p.show:
                out.append(f"<span class=md>{escape(p.show)}</span>")
            continue
        chunk = escape(visible(text[a:b], keep=_LAYOUT))
        out.append(f"<span class='{p.style}'>{chunk}</span>" if p.style else chunk)
    return "".join(out)


def _article(article: Article, number: int, spans: list[_Span], report: Report) -> str:
    text = article.text
    suffix = article.path.lower().rsplit(".", 1)[-1]
    if f".{suffix}" in MARKDOWN_SUFFIXES:
        pieces = mdview.markdown(text)
    elif f".{suffix}" in HTML_SUFFIXES:
        pieces = mdview.squeezed(text)
    else:
        pieces = mdview.plain(text)
    piece_starts = [p.start for p in pieces]

    def pieces_for(a: int, b: int) -> list[mdview.Piece]:
        i = max(bisect.bisect_right(piece_starts, a) - 1, 0)
        j = bisect.bisect_left(piece_starts, b)
        return pieces[i:j]

    parts = []
    for a, b, active in _segments(len(text), spans):
        body = _render_text(text, a, b, pieces_for(a, b))
        if not active:
            parts.append(body)
            continue
        kind = min((s.kind for s in active), key=RANK.__getitem__)
        classes = " ".join([kind, *sorted({f"f-{s.finding}" for s in active})])
        ident = f' id="c-{number}-{a}"' if any(s.start == a for s in active) else ""
        parts.append(f"<mark class='{classes}'{ident}>{body}</mark>")
    meta = [article.role.value] if article.role is not ArticleRole.ARTICLE else []
    meta += [str(v) for v in (article.outlet, article.published) if v]
    alone = sorted({f.rule for f in report.findings if f.outlier == article.path})
    if alone:
        meta.append("alone on " + ", ".join(alone))
    return (
        f"<div id=a-{number}><h3>{_text(article.path)}</h3>"
        f"<div class=where>{' · '.join(_text(m) for m in meta)}</div>"
        f"<div class=article>{''.join(parts)}</div></div>"
    )


# -- page -----------------------------------------------------------------------


def _filters(report: Report, facts: dict[str, str], verdicts: list[Verdict]) -> str:
    boxes = "".join(
        f"<label><input type=checkbox id=show-{v.value} checked> {v.value}"
        f" ({sum(1 for f in report.findings if f.verdict is v)})</label>"
        for v in verdicts
    )
    options = "".join(
        f'<option value="{n}">{_text(rule)}</option>' for rule, n in facts.items()
    )
    return (
        "<form class=filters aria-label='Filter findings'>"
        f"<fieldset><legend>verdict</legend>{boxes}</fieldset>"
        "<label><input type=checkbox id=only-failing> failing only</label>"
        "<label>fact <select id=fact-filter>"
        f"<option value='' selected>all facts</option>{options}</select></label></form>"
    )


def _filter_css(report: Report, facts: dict[str, str], verdicts: list[Verdict]) -> str:
    rules = [
        f"body:has(#show-{v.value}:not(:checked)) .finding.v-{v.value}{{display:none}}"
        for v in verdicts
    ]
    rules.append("body:has(#only-failing:checked) .finding:not(.s-fails){display:none}")
    rules += [
        f"body:has(#fact-filter option[value='{n}']:checked)"
        f" .finding:not(.fact-{n}){{display:none}}"
        for n in facts.values()
    ]
    rules += [
        f"body:has(#f-{n}[open]) mark.f-{n}{{outline:2px solid #1565c0}}"
        for n in range(len(report.findings))
    ]
    return "\n".join(rules)


def write(report: Report, out: TextIO, *, verbose: bool = False) -> None:
    """Write one HTML page that needs nothing but a browser."""
    tally = counts(report)
    index = {a.path: i for i, a in enumerate(report.articles)}
    shown = [
        (n, f)
        for n, f in enumerate(report.findings)
        if verbose or f.verdict is not Verdict.SINGLE
    ]
    fact_ids = {
        rule: f"f{n}" for n, rule in enumerate(sorted({f.rule for _, f in shown}))
    }
    present = {f.verdict for _, f in shown}
    verdicts = [v for v in Verdict if v in present]

    main = [
        _finding(report, n, f, index, fact_ids)
        for n, f in shown
        if status(report, f) is not Status.INFO
    ]
    body = "".join(main) or "<p>No contradictions.</p>"
    groups = list(GROUPS)
    if verbose:
        groups.append(("single", "Stated in one article only", (Verdict.SINGLE,)))
    for ident, title, wanted in groups:
        chosen = [
            _finding(report, n, f, index, fact_ids)
            for n, f in shown
            if f.verdict in wanted and status(report, f) is Status.INFO
        ]
        if chosen:
            body += (
                f"<details class=group id={ident}><summary>{title}: {len(chosen)}"
                f"</summary>{''.join(chosen)}</details>"
            )
    spans = _spans(report)
    articles = "".join(
        _article(a, i, spans.get(a.path, []), report)
        for i, a in enumerate(report.articles)
    )
    notes = ""
    if report.notes:
        items = "".join(
            f"<li>{_text(n.location)}: {_text(n.message)}</li>" for n in report.notes
        )
        notes = f"<details class=notes><summary>{len(report.notes)} note(s)</summary><ul>{items}</ul></details>"
    failing = tally.failing
    title = f"launchcheck: {failing} failing finding{'s' if failing != 1 else ''}"
    filter_css = _filter_css(report, fact_ids, verdicts)
    out.write(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta name="generator" content="{GENERATOR}">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f"<style>{CSS}{filter_css}</style></head><body>"
        f"<h1>{escape(title)} across {tally.articles} article"
        f"{'s' if tally.articles != 1 else ''}</h1>"
        f"<p class=summary>{_text(tally.sentence())}</p>"
        f"{_filters(report, fact_ids, verdicts)}"
        f"<h2>Findings</h2>{body}{notes}"
        f"<h2>Articles</h2><div class=articles>{articles}</div>"
        "</body></html>\n"
    )
