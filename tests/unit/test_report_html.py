"""The HTML report: every article byte escaped, conflicting spans highlighted."""

from __future__ import annotations

import io
import re

from launchcheck.model import Article
from launchcheck.pipeline import Options, check_articles
from launchcheck.report import html

HOSTILE = (
    "<script>alert(1)</script> North Korea launched the missile on Thursday "
    '"><img src=x onerror=alert(2)> and it flew for 86 minutes & more.'
)


def render(ruleset, *articles):
    report = check_articles(list(articles), ruleset, Options(timezone="Asia/Seoul"))
    out = io.StringIO()
    html.write(report, out)
    return out.getvalue()


def test_article_text_is_escaped(ruleset):
    """No tag from an article reaches the page as markup."""
    import datetime as dt

    a = Article("a<b>.txt", HOSTILE, published=dt.date(2024, 10, 31))
    page = render(ruleset, a)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a&lt;b&gt;.txt" in page
    assert "onerror=alert(2)&gt;" in page


def test_page_loads_nothing_and_runs_nothing(ruleset):
    """Self-contained: no script, no external URL, a strict content policy."""
    import datetime as dt

    page = render(ruleset, Article("a.txt", HOSTILE, published=dt.date(2024, 10, 31)))
    assert "default-src 'none'" in page
    assert not re.search(r"<script|src=\"http|href=\"http", page)


def test_conflicting_spans_are_marked(ruleset):
    """Both sides of a contradiction are highlighted in their articles."""
    import datetime as dt

    day = dt.date(2024, 10, 31)
    a = Article("a.txt", "North Korea launched the missile on Oct. 31.", published=day)
    b = Article("b.txt", "North Korea launched the missile on Nov. 1.", published=day)
    page = render(ruleset, a, b)
    marks = re.findall(
        r"<mark class='conflict[^']*' id=\"(c-\d+-\d+)\">([^<]*)</mark>", page
    )
    assert {text for _, text in marks} == {"Oct. 31", "Nov. 1"}
    for anchor, _ in marks:
        assert f'href="#{anchor}"' in page


def test_output_is_deterministic(ruleset):
    """The same story renders to the same bytes (ids do not depend on hashing)."""
    import datetime as dt

    a = Article("a.txt", HOSTILE, published=dt.date(2024, 10, 31))
    assert render(ruleset, a) == render(ruleset, a)
