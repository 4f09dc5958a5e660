"""Every writer shows the workflow fields: status, outlier, stances, drafts and sources.

Reports are built by hand (tests/handmade.py), so these tests hold whatever
the pipeline fills in today.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from rich.console import Console

from handmade import (
    AGENCY,
    DRAFT,
    DRAFT_TEXT,
    HOSTILE,
    WIRE,
    article,
    fact,
    km,
    tiny_report,
    workflow_report,
)
from launchcheck.model import ArticleRole, Finding, Report, Verdict
from launchcheck.report import WRITERS, html, table, writer
from launchcheck.report.common import Status, status
from launchcheck.report.escape import visible

ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def render(name: str, report: Report, *, verbose: bool = False) -> str:
    out = io.StringIO()
    writer(name)(report, out, verbose=verbose)
    return out.getvalue()


def render_table(report: Report, width: int = 100, *, verbose: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False)
    table.write(report, out, verbose=verbose, console=console)
    return out.getvalue()


@pytest.fixture(scope="module")
def report() -> Report:
    return workflow_report()


def test_writers_are_registered_by_name_and_imported_on_demand():
    """Each format maps to a module with one ``write(report, out, *, verbose)``."""
    assert list(WRITERS) == [
        "table",
        "compact",
        "json",
        "jsonl",
        "sarif",
        "markdown",
        "html",
    ]
    for name in WRITERS:
        assert callable(writer(name))
    with pytest.raises(KeyError):
        writer("nosuch")


def test_status_follows_report_fails(report):
    """One source of truth: the draft's contradiction fails; the others say why not."""
    by_rule = {(f.rule, f.verdict): status(report, f) for f in report.findings}
    assert by_rule[("launch-date", Verdict.CONTRADICTION)] is Status.FAILS
    assert by_rule[("distance", Verdict.CONTRADICTION)] is Status.CONTEXT
    assert by_rule[("apogee", Verdict.SOURCES_DISAGREE)] is Status.SUPPRESSED
    assert by_rule[("range", Verdict.CONTRADICTION)] is Status.BASELINE
    assert by_rule[("apogee", Verdict.SURFACE_ONLY)] is Status.INFO
    assert [f.rule for f in report.failing] == ["launch-date"]


# -- table ----------------------------------------------------------------------


def test_table_names_status_outlier_and_stances(report):
    """The table says what fails, what is accepted and why, and who is alone."""
    labels = {
        (f.rule, f.verdict): table._label(report, f).plain for f in report.findings
    }
    assert labels[("launch-date", Verdict.CONTRADICTION)].endswith("fails the check")
    assert labels[("apogee", Verdict.SOURCES_DISAGREE)].endswith(
        "suppressed: two estimates, both reported"
    )
    assert labels[("range", Verdict.CONTRADICTION)].endswith(
        "accepted in baseline: baseline.json"
    )
    assert labels[("distance", Verdict.CONTRADICTION)].endswith(
        "context only: sources disagree among themselves"
    )
    why = table._why(report.findings[0]).plain.splitlines()
    assert why[1] == "alone: drafts/story.md (the other 3 articles agree)"
    assert why[2].startswith("drafts/story.md: 0 sources agree, 3 disagree")
    text = render_table(report, 220)
    assert "drafts/story.md:3 · draft · outlier" in text
    assert "fails the check" in text
    assert text.splitlines()[-1] == (
        "1 failing, 4 contradictions (1 between named sources), 1 agreement,"
        " 0 not compared, 1 in one article only, 2 accepted — 4 articles"
    )


@pytest.mark.parametrize(
    "name",
    [
        "[/bold]x.txt",
        "[link=https://example.invalid]y.md",
        "[bold red]z[/].txt",
        ":rocket:.txt",
        "[/]",
    ],
)
def test_table_never_reads_paths_as_markup(name):
    """A path holding rich markup prints as named, even in --verbose notes."""
    base = tiny_report(name, "It flew")
    from launchcheck.model import Location, Note

    report = dataclasses.replace(base, notes=(Note(Location(name, 1, 1), "note"),))
    text = render_table(report, 200, verbose=True)
    assert f"{name}:1" in text
    assert f"note: {name}:1:1: note" in text


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_table_never_splits_a_file_line_reference(report, width):
    """Every ``path:line`` stays whole on one line, however narrow the terminal."""
    text = render_table(report, width)
    for finding in report.findings:
        if finding.verdict is Verdict.SINGLE:
            continue
        for f in finding.facts:
            loc = f.claim.location
            ref = visible(f"{loc.path}:{loc.line}")
            if len(ref) + 2 <= width:
                assert ref in text, (width, ref)


def test_table_on_samples_keeps_references_whole_at_80_columns(samples):
    """The piped-output width that used to split ``file:line``."""
    from launchcheck.pipeline import Options, check_paths

    report = check_paths([samples], Options(timezone="Asia/Pyongyang"))
    text = render_table(report, 80)
    for finding in report.findings:
        if finding.verdict is Verdict.SINGLE:
            continue
        for f in finding.facts:
            assert f"{f.claim.location.path}:{f.claim.location.line}" in text


# -- compact --------------------------------------------------------------------

COMPACT = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<fact>[\w.-]+): "
    r"(?P<verdict>[a-z-]+)(?: \((?P<status>[a-z]+)\))?: (?P<reason>.+)$"
)


def test_compact_is_one_parsable_line_per_finding(report):
    """``path:line:col: fact: verdict: reason``; statuses ride on the verdict."""
    lines = render("compact", report).splitlines()
    assert lines[-1].startswith("launchcheck: 1 failing")
    parsed = [COMPACT.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    by = {(m["fact"], m["verdict"]): m for m in parsed if m}
    date = by[("launch-date", "contradiction")]
    assert (date["path"], date["line"], date["col"]) == (DRAFT, "3", "37")
    assert date["status"] is None
    assert "[alone: drafts/story.md" in date["reason"]
    assert by[("distance", "contradiction")]["status"] == "context"
    assert by[("apogee", "sources-disagree")]["status"] == "suppressed"
    assert by[("range", "contradiction")]["status"] == "baseline"
    assert ("fuel-type", "single") not in by  # one-article facts only with -v
    verbose = render("compact", report, verbose=True).splitlines()
    assert any(": fuel-type: single: " in line for line in verbose)
    assert any(": note: " in line for line in verbose)


def test_compact_keeps_a_finding_on_one_line_whatever_the_path():
    """A newline or CR in a file name or quote is escaped, not printed."""
    report = tiny_report("two\nlines\r.txt", "It\nflew")
    lines = render("compact", report).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("two\\nlines\\r.txt:1:1: distance: contradiction: ")


# -- JSON and JSON Lines ----------------------------------------------------------


def test_json_adds_workflow_fields_and_keeps_version_1(report):
    """Version 1 gains generator, fail_on, failing, role, fails, disposition, outlier, stances."""
    document = json.loads(render("json", report))
    assert document["version"] == 1
    assert document["generator"] == "launchcheck"
    assert document["fail_on"] == ["contradiction", "sources-disagree"]
    assert document["failing"] == 1
    roles = {a["path"]: a["role"] for a in document["articles"]}
    assert roles == {
        DRAFT: "draft",
        AGENCY: "source",
        HOSTILE: "source",
        WIRE: "source",
    }
    by = {(f["fact"], f["verdict"]): f for f in document["findings"]}
    date = by[("launch-date", "contradiction")]
    assert date["fails"] is True and date["disposition"] == "active"
    assert date["outlier"] == DRAFT
    assert date["stances"] == [
        {"draft": DRAFT, "agree": [], "disagree": [AGENCY, HOSTILE, WIRE]}
    ]
    suppressed = by[("apogee", "sources-disagree")]
    assert suppressed["fails"] is False
    assert suppressed["disposition"] == "suppressed"
    assert suppressed["disposition_reason"] == "two estimates, both reported"
    assert by[("range", "contradiction")]["disposition"] == "baseline"
    assert by[("distance", "contradiction")]["fails"] is False
    assert [f["fails"] for f in document["findings"]] == [
        report.fails(f) for f in report.findings
    ]


def test_json_values_are_exact_and_hidden_characters_spelled(report):
    """The hostile path and text load back exactly; the file shows \\u202e."""
    text = render("json", report)
    assert "\u202e" not in text and "\u200b" not in text
    assert "\\u202e" in text
    document = json.loads(text)
    assert HOSTILE in [a["path"] for a in document["articles"]]
    claims = [c for f in document["findings"] for c in f["claims"]]
    assert "(1,250\u20131,350 km)" in [c["text"] for c in claims]
    assert document["notes"][0]["message"].startswith("'1,\u200b000 km'")


def test_json_open_interval_ends_are_null():
    """An open end (+inf) is null: JSON has no Infinity."""
    base = tiny_report("a.txt", "It flew over")
    finding = base.findings[0]
    first = dataclasses.replace(
        finding.facts[0],
        value=dataclasses.replace(km(1250, 1, 1250), high=float("inf")),
    )
    report = dataclasses.replace(
        base,
        findings=(dataclasses.replace(finding, facts=(first, finding.facts[1])),),
    )
    value = json.loads(render("json", report))["findings"][0]["claims"][0]["value"]
    assert value["high"] is None and value["low"] == 1_250_000


def test_jsonl_is_self_describing_records_then_a_summary(report):
    """Each line stands alone: type, version, generator; the last is the summary."""
    text = render("jsonl", report)
    assert text.endswith("\n")
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["type"] for r in records] == ["finding"] * 6 + ["note", "summary"]
    assert all(r["version"] == 1 and r["generator"] == "launchcheck" for r in records)
    summary = records[-1]
    assert summary["failing"] == 1 and summary["findings"] == 6
    assert summary["summary"] == {
        "contradiction": 3,
        "single": 1,
        "sources-disagree": 1,
        "surface-only": 1,
    }
    finding = records[0]
    whole = json.loads(render("json", report))["findings"][0]
    assert {k: v for k, v in finding.items() if k in whole} == whole


# -- SARIF ----------------------------------------------------------------------


def sarif(report: Report) -> dict:
    return json.loads(render("sarif", report))


def test_sarif_has_one_result_per_failing_finding_at_the_draft(report):
    """Only what fails; located at the draft's span, the sources related."""
    log = sarif(report)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.failing) == 1
    result = run["results"][0]
    assert result["ruleId"] == "launch-date" and result["level"] == "error"
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == DRAFT
    assert where["region"] == {
        "startLine": 3,
        "startColumn": 37,
        "endLine": 3,
        "endColumn": 37 + len("November 1"),
        "snippet": {"text": "November 1"},
    }
    related = result["relatedLocations"]
    assert [
        unquote(r["physicalLocation"]["artifactLocation"]["uri"]) for r in related
    ] == [
        WIRE,
        AGENCY,
        HOSTILE,
    ]
    assert all("conflicts with" in r["message"]["text"] for r in related)
    assert "alone: drafts/story.md" in result["message"]["text"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["launch-date"]
    assert result["ruleIndex"] == 0
    assert rules[0]["shortDescription"]["text"].startswith("Calendar day of the launch")
    assert len(result["partialFingerprints"]["launchcheckFinding/v1"]) == 32
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("'1,\u200b000 km'")


def test_sarif_uri_is_exact_for_any_file_name():
    """Percent-encoding keeps a direction override, spaces and bad bytes exact."""
    from launchcheck.report.sarif import uri

    assert uri("samples/a b.txt") == "samples/a%20b.txt"
    assert unquote(uri("x/evil\u202e.txt")) == "x/evil\u202e.txt"
    assert uri("/abs/a.txt") == "file:///abs/a.txt"
    assert uri("bad\udcff.txt") == "bad%FF.txt"  # the original byte


def test_sarif_fingerprint_ignores_line_numbers(report):
    """Moving a claim to another line keeps the alert's identity."""
    finding = report.failing[0]
    moved = dataclasses.replace(
        finding,
        facts=tuple(
            dataclasses.replace(
                f,
                claim=dataclasses.replace(
                    f.claim,
                    location=dataclasses.replace(
                        f.claim.location, line=f.claim.location.line + 7
                    ),
                ),
            )
            for f in finding.facts
        ),
    )
    from launchcheck.report.sarif import _fingerprint

    assert _fingerprint(moved) == _fingerprint(finding)
    changed = dataclasses.replace(finding, facts=finding.facts[:2])
    assert _fingerprint(changed) != _fingerprint(finding)


def test_sarif_uses_shipped_rule_descriptions():
    """A shipped rule id gets the description written in its rule file."""
    from launchcheck.report.sarif import shipped_descriptions

    descriptions = shipped_descriptions()
    assert descriptions["apogee"].startswith("Highest altitude")
    assert "launch-date" in descriptions


def test_sarif_validates_against_the_schema(report, samples):
    """SARIF 2.1.0 valid, also with an absolute path and a hostile name."""
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"{SARIF_SCHEMA} is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    from launchcheck.pipeline import Options, check_paths

    for r in (report, check_paths([samples], Options(timezone="Asia/Pyongyang"))):
        validator.validate(sarif(r))
    empty = Report(articles=(), findings=())
    validator.validate(sarif(empty))
    assert sarif(empty)["runs"][0]["results"] == []


# -- Markdown -------------------------------------------------------------------


def test_markdown_starts_with_the_marker_and_is_a_table(report):
    """A pull-request comment: the marker line, a heading, a table of conflicts."""
    text = render("markdown", report)
    lines = text.splitlines()
    assert lines[0] == "<!-- generated by launchcheck -->"
    assert lines[1] == "### launchcheck: 1 failing finding across 4 articles"
    header = (
        "| status | fact | verdict | claims: as written → normalized (where) | why |"
    )
    assert header in lines
    assert "<details><summary>Agreements (only look different): 1</summary>" in text
    assert "**alone: drafts/story.md (the other 3 articles agree)**" in text


def cells(row: str) -> list[str]:
    """Split a GFM table row on pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_cells_cannot_break_the_table_or_inject_markup():
    """Pipes, emphasis, links, HTML and emoji codes from articles stay text."""
    report = tiny_report(
        "a|b*c_.md", "It <b>flew</b> [x](http://e.invalid) :rocket: | *"
    )
    text = render("markdown", report)
    row = next(line for line in text.splitlines() if line.startswith("| **fails"))
    assert len(cells(row)) == 5
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "[x](" not in text and "\\[x\\]" in text
    assert not re.search(r"(?<!\\):rocket:", text) and "\\:rocket:" in text
    assert "`a\\|b*c_.md:1:1`" in text


# -- HTML -----------------------------------------------------------------------


def test_html_is_marked_self_contained_and_escaped(report):
    """Generator meta, the strict policy, and no markup from articles or names."""
    page = render("html", report, verbose=True)
    assert '<meta name="generator" content="launchcheck">' in page
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src '
        "'none'; style-src 'unsafe-inline'\">" in page
    )
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "\u202e" not in page and "\u200b" not in page
    assert "evil\\u202eltxt.[/bold]" in page
    assert "(1,250–1,350 km)" in page  # the figures are not reordered


def test_html_names_the_outlier_and_statuses(report):
    """The outlier is named in its finding and beside its article."""
    page = render("html", report)
    assert (
        "<p class=outlier>alone: drafts/story.md (the other 3 articles agree)</p>"
        in page
    )
    assert "alone on launch-date" in page
    assert "suppressed: two estimates, both reported" in page
    assert "<span class=badge>outlier</span>" in page


def test_html_renders_markdown_articles_as_text(report):
    """No raw '#' or '**' in a Markdown article; its highlights stay in place."""
    page = render("html", report)
    body = page.split("<div class=article>", 2)[1].split("</div>")[0]  # the draft
    plain = re.sub(r"<[^>]+>", "", body)
    assert "#" not in plain and "**" not in plain and "*November" not in plain
    assert "Launch report" in plain
    assert (
        "<span class='h1'>Launch </span><span class='h1 strong'>report</span>" in body
    )
    at = DRAFT_TEXT.index("November 1")
    mark = rf"<mark class='conflict[^']*' id=\"c-0-{at}\"><span class='em'>November 1<"
    assert re.search(mark, body)


def test_html_filters_and_collapses_agreements(report):
    """Verdict checkboxes, a fact select, and agreements folded by default."""
    page = render("html", report)
    for v in ("contradiction", "sources-disagree", "surface-only"):
        assert f"<input type=checkbox id=show-{v} checked>" in page
        assert (
            f"body:has(#show-{v}:not(:checked)) .finding.v-{v}{{display:none}}" in page
        )
    assert "<select id=fact-filter>" in page
    assert '<option value="f0">apogee</option>' in page
    assert "<details class=group id=agreements><summary>" in page
    agreements = page.split("id=agreements>", 1)[1]
    assert re.search(
        r"<details class='finding v-surface-only[^']*' id=f-\d+>", agreements
    )


def test_html_charts_each_interval_on_one_axis(report):
    """One SVG per numeric fact, one bar per claim, the outlier's bar marked."""
    finding = next(f for f in report.findings if f.rule == "distance")
    svg = html.chart(finding)
    assert svg.startswith("<svg class=chart")
    assert svg.count("<rect ") == len(finding.facts)
    assert svg.count('class="bar outlier"') == 1
    assert "900 km" in svg
    assert "example.invalid]x.txt:1" in svg  # the hostile file's label
    category = next(f for f in report.findings if f.rule == "fuel-type")
    assert html.chart(category) == ""
    page = render("html", report)
    # date, distance, apogee, range and the apogee agreement; not the category
    assert page.count("<svg class=chart") == 5


def test_html_chart_handles_open_ends_and_points():
    """An open end reaches the axis edge dashed; equal values still draw."""
    base = tiny_report("a.txt", "It flew over")
    finding = base.findings[0]
    open_end = dataclasses.replace(
        finding.facts[0],
        value=dataclasses.replace(km(1250, 1250, 1250), high=float("inf")),
    )
    same = dataclasses.replace(finding.facts[1], value=km(1250, 1250, 1250))
    svg = html.chart(dataclasses.replace(finding, facts=(open_end, same)))
    assert "class=open" in svg
    assert svg.count("<rect ") == 2


def test_html_overlapping_spans_keep_every_link_target():
    """Two findings on overlapping text: each claim's anchor exists once."""
    a = article("a.txt", "It flew about 1,250 km today.\n")
    b = article("b.txt", "It flew 900 km.\n")
    wide = fact(a, "about 1,250 km", "distance", km(1200, 1300, 1250), "1,200–1,300 km")
    narrow = fact(a, "1,250 km", "range", km(1249.5, 1250.5, 1250), "1,250 km")
    other = fact(b, "900 km", "distance", km(899.5, 900.5, 900), "900 km")
    findings = (
        Finding(
            "d",
            "distance",
            Verdict.CONTRADICTION,
            (wide, other),
            "r",
            conflicts=((0, 1),),
        ),
        Finding("r", "range", Verdict.SINGLE, (narrow,), "r"),
    )
    page = render("html", Report((a, b), findings), verbose=True)
    for anchor in re.findall(r'href="#(c-\d+-\d+)"', page):
        assert page.count(f'id="{anchor}"') == 1, anchor


def test_status_with_a_custom_fail_on(report):
    """fail_on decides: a conflict outside it is allowed; an agreement inside it fails."""
    plain = dataclasses.replace(
        report,
        articles=tuple(
            dataclasses.replace(a, role=ArticleRole.ARTICLE) for a in report.articles
        ),
        fail_on=(Verdict.SOURCES_DISAGREE, Verdict.SURFACE_ONLY),
    )
    by_rule = {(f.rule, f.verdict): status(plain, f) for f in plain.findings}
    assert by_rule[("launch-date", Verdict.CONTRADICTION)] is Status.ALLOWED
    assert by_rule[("apogee", Verdict.SURFACE_ONLY)] is Status.FAILS
    assert by_rule[("apogee", Verdict.SOURCES_DISAGREE)] is Status.SUPPRESSED
    lines = render("compact", plain).splitlines()
    assert any(": launch-date: contradiction (allowed): " in line for line in lines)
    assert json.loads(render("json", plain))["failing"] == 1
    assert [r["ruleId"] for r in sarif(plain)["runs"][0]["results"]] == ["apogee"]
