"""The HTML report in a real browser: loads cleanly, reveals spans, runs nothing.

Pages are written with the html writer into a temporary folder and opened
from ``file://`` in headless Chromium (see conftest.py). A screenshot of the
samples report is kept in ``build/test-artifacts/``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from handmade import HOSTILE, article, fact, km, workflow_report
from launchcheck.model import Finding, Report, Verdict
from launchcheck.pipeline import Options, check_paths
from launchcheck.report import html

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCRIPT_ARTICLE = (
    "<script>window.pwned = 1; document.title = 'pwned'</script>"
    ' It flew 1,250 km.\n<img src=x onerror="window.pwned = 2">\n'
)


def write_page(
    folder: Path, name: str, report: Report, *, verbose: bool = False
) -> Path:
    out = io.StringIO()
    html.write(report, out, verbose=verbose)
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    script = article("script.txt", SCRIPT_ARTICLE)
    other = article("other.txt", "It flew 900 km.\n")
    script_report = Report(
        (script, other),
        (
            Finding(
                "flight.distance",
                "distance",
                Verdict.CONTRADICTION,
                (
                    fact(
                        script,
                        "1,250 km",
                        "distance",
                        km(1249.5, 1250.5, 1250),
                        "1,250 km",
                    ),
                    fact(other, "900 km", "distance", km(899.5, 900.5, 900), "900 km"),
                ),
                "'1,250 km' vs '900 km': no overlap",
                conflicts=((0, 1),),
            ),
        ),
    )
    return {
        "samples": write_page(
            folder,
            "samples.html",
            check_paths([SAMPLES], Options(timezone="Asia/Pyongyang")),
        ),
        "workflow": write_page(
            folder, "workflow.html", workflow_report(), verbose=True
        ),
        "script": write_page(folder, "script.html", script_report),
    }


@pytest.fixture
def open_page(browser_context):
    """Open a report; yields the page and the console errors seen while loading."""
    opened = []

    def go(path: Path):
        page = browser_context.new_page()
        errors: list[str] = []
        page.on(
            "console",
            lambda m: (
                errors.append(f"{m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        opened.append(page)
        return page, errors

    yield go
    for page in opened:
        page.close()


@pytest.mark.parametrize("name", ["samples", "workflow", "script"])
def test_page_loads_without_console_errors(pages, open_page, name):
    """No console error, page error or failed request: the CSP blocks nothing we use."""
    page, errors = open_page(pages[name])
    assert page.locator("h1").inner_text().startswith("launchcheck:")
    assert errors == []


def conflict_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "details.finding.v-contradiction, details.finding.v-sources-disagree",
        "els => els.map(e => e.id)",
    )


@pytest.mark.parametrize("name", ["samples", "workflow"])
def test_every_contradiction_span_exists_and_a_click_reveals_it(pages, open_page, name):
    """Each claim of each conflict links to a highlighted span that a click shows."""
    page, _ = open_page(pages[name])
    ids = conflict_ids(page)
    assert ids
    checked = 0
    for ident in ids:
        finding = page.locator(f"#{ident}")
        if finding.get_attribute("open") is None:
            finding.locator("summary").click()
        links = finding.locator(".claims a")
        for i in range(links.count()):
            link = links.nth(i)
            target = link.get_attribute("href")
            assert target and target.startswith("#c-")
            mark = page.locator(target)
            assert mark.count() == 1, target
            assert mark.evaluate("e => e.tagName") == "MARK"
            quoted = link.inner_text().strip("“”")
            assert mark.inner_text() in quoted or quoted.startswith(mark.inner_text())
            link.click()
            assert page.evaluate("location.hash") == target
            assert mark.evaluate("e => e.matches(':target')")
            assert mark.is_visible()
            box = mark.bounding_box()
            viewport = page.viewport_size
            assert box is not None and 0 <= box["y"] < viewport["height"], target
            checked += 1
    assert checked >= 4


def test_opening_a_folded_finding_outlines_its_spans(pages, open_page):
    """Agreements are folded; opening one outlines its spans in the articles."""
    page, _ = open_page(pages["samples"])
    group = page.locator("#agreements")
    assert group.get_attribute("open") is None
    first = group.locator("details.finding").first
    assert not first.is_visible()
    ident = first.get_attribute("id")
    marks = page.locator(f"mark.{ident.replace('f-', 'f-', 1)}")
    assert marks.count() >= 2
    assert marks.first.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    group.locator("summary").first.click()
    first.locator("summary").click()
    assert first.locator(".claims a").first.is_visible()
    assert marks.first.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


def test_script_in_an_article_is_text(pages, open_page):
    """An article's <script> and onerror are shown as text and never run."""
    page, errors = open_page(pages["script"])
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    text = page.locator(".article").first.inner_text()
    assert "<script>window.pwned = 1; document.title = 'pwned'</script>" in text
    assert '<img src=x onerror="window.pwned = 2">' in text
    assert page.locator(".article script, .article img").count() == 0
    assert errors == []


def test_hostile_file_name_is_shown_escaped(pages, open_page):
    """The right-to-left override in a name is shown as \\u202e, not obeyed."""
    page, _ = open_page(pages["workflow"])
    headings = page.locator(".articles h3").all_inner_texts()
    assert HOSTILE.replace("\u202e", "\\u202e") in headings
    assert not any("\u202e" in h for h in headings)
    assert (
        page.locator("p.outlier")
        .first.inner_text()
        .startswith("alone: drafts/story.md")
    )


def test_markdown_article_is_rendered_as_text(pages, open_page):
    """A Markdown article shows no raw '#' or '**'; its heading is bold."""
    page, _ = open_page(pages["samples"])
    md = (
        page.locator("h3", has_text="daily-nov1.md")
        .locator("xpath=..")
        .locator(".article")
    )
    text = md.inner_text()
    assert "North Korea's newest ICBM" in text
    assert "# " not in text and "**" not in text
    heading = md.locator(".h1").first
    assert int(heading.evaluate("e => getComputedStyle(e).fontWeight")) >= 700


def test_filters_hide_by_verdict_fact_and_failing(pages, open_page):
    """Unchecking a verdict hides its findings; the fact select keeps one fact."""
    page, _ = open_page(pages["workflow"])
    conflicts = page.locator("details.finding.v-contradiction")
    assert conflicts.first.is_visible()
    page.locator("#show-contradiction").uncheck()
    assert not any(conflicts.nth(i).is_visible() for i in range(conflicts.count()))
    page.locator("#show-contradiction").check()
    page.locator("#fact-filter").select_option(label="launch-date")
    shown = page.eval_on_selector_all(
        "details.finding", "els => els.filter(e => e.offsetParent).map(e => e.id)"
    )
    facts = {page.locator(f"#{i} .fact").inner_text() for i in shown}
    assert facts == {"launch-date"}
    page.locator("#fact-filter").select_option(value="")
    page.locator("#only-failing").check()
    shown = page.eval_on_selector_all(
        "details.finding",
        "els => els.filter(e => e.offsetParent).map(e => e.className)",
    )
    assert shown and all("s-fails" in c for c in shown)


def test_charts_draw_without_script(pages, open_page):
    """Each numeric fact's SVG chart is laid out with one visible bar per claim."""
    page, _ = open_page(pages["workflow"])
    chart = page.locator("#f-1 svg.chart")  # distance: four claims
    assert chart.is_visible()
    bars = chart.locator("rect")
    assert bars.count() == 4
    widths = [bars.nth(i).bounding_box()["width"] for i in range(4)]
    assert all(w >= 2 for w in widths)
    assert chart.locator("rect.outlier").count() == 1


def test_screenshot_is_kept(pages, open_page, artifacts):
    """A full-page screenshot of the samples report, kept as a test artifact."""
    page, _ = open_page(pages["samples"])
    target = artifacts / "html-report-samples.png"
    page.screenshot(path=str(target), full_page=True)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    workflow, _ = open_page(pages["workflow"])
    workflow.screenshot(
        path=str(artifacts / "html-report-workflow.png"), full_page=True
    )
