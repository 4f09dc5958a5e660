"""Real saved web pages (../shared/realhtml/): each is checked without an error.

The pages are news, magazine and blog pages in several languages and
charsets, kept by a main-content extractor for its own tests; none is about a
launch. Every one must be read and checked (exit 0 or 1), never refused (exit
2) and never an internal error. The pages are read in this process with one
rule set, so ninety checks take well under a minute instead of ninety starts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from launchcheck.errors import LaunchcheckError
from launchcheck.load import read_article
from launchcheck.pipeline import Options, check_articles, prepare_rules

REALHTML = Path(__file__).resolve().parents[3] / "shared" / "realhtml"
PAGES = sorted(REALHTML.glob("*.htm*")) if REALHTML.is_dir() else []


@pytest.fixture(scope="module")
def rules():
    return prepare_rules(Options())


@pytest.mark.skipif(not PAGES, reason="../shared/realhtml/ is not present")
def test_every_real_page_is_checked(rules):
    """Each page gives a report (exit 0 or 1): no refusal, no internal error."""
    failed = []
    for page in PAGES:
        try:
            article = read_article(page)
            check_articles([article], rules, Options())
        except LaunchcheckError as err:  # exit 2
            failed.append(f"{page.name}: exit 2: {err}")
        except Exception as err:  # an internal error: listed
            failed.append(f"{page.name}: internal error: {type(err).__name__}: {err}")
        else:
            if not article.text.strip():
                failed.append(f"{page.name}: no text read")
    assert not failed, "\n".join(failed)
