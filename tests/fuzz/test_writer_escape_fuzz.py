"""Hidden characters in file names and text: escaped for people, exact for machines.

File names and article text drawn with control, direction (bidi) and
invisible format characters, rich markup, Markdown and HTML punctuation go
through every writer. Human-facing writers (table, compact, Markdown, HTML)
must print no hidden character and must show each value visibly escaped, in
a form that ``unescape`` turns back into the original; the figures beside
it are printed unchanged (a right-to-left override cannot reorder them).
JSON, JSON Lines and SARIF must give back the exact values.
"""

from __future__ import annotations

import io
import json
import os
import re
from html import escape
from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsgen import count_example
from rich.console import Console

from handmade import tiny_report
from launchcheck.report import WRITERS, table, writer
from launchcheck.report.escape import hidden, unescape, visible
from launchcheck.report.markdown import code, md

QUICK = settings.get_profile("launchcheck")
HIDDEN = (
    [chr(c) for c in range(0x20)]
    + ["\x7f", "\x85", "\x9b", "\u00ad", "\u061c", "\u200e", "\u200f"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u2028", "\u2029", "\u2060", "\ufeff", "\u180e", "\u3164", "\ufe0f"]
    + ["\U000e0001", "\U000e0041", "\ue000"]
)
SURROGATES = [chr(c) for c in range(0xDC80, 0xDD00)]  # undecodable name bytes
MARKUP = [*list("[]/\\|*_`<>&#:=!()'\"~"), "[/bold]", "[link=x]", ":rocket:", "<b>"]
ORDINARY = st.characters(categories=["L", "N", "Zs"], max_codepoint=0x33FF)
piece = st.one_of(st.sampled_from(HIDDEN), st.sampled_from(MARKUP), ORDINARY)
names = st.lists(
    st.one_of(piece, st.sampled_from(SURROGATES)), min_size=1, max_size=12
).map(lambda parts: "".join(parts).replace("/", "")[:40] or "x")
texts = st.lists(piece, max_size=12).map("".join)
DISPLAY = "1,250–1,350 km"
HUMAN = {"table", "compact", "markdown", "html"}
# Layout characters a writer may print raw: its own line breaks; HTML keeps an
# article body's tabs and carriage returns (harmless in a page).
RAW = {
    "table": {"\n"},
    "compact": {"\n"},
    "markdown": {"\n"},
    "html": {"\n", "\t", "\r"},
}


def render(name: str, report) -> str:
    out = io.StringIO()
    if name == "table":
        console = Console(file=out, width=400, color_system=None, highlight=False)
        table.write(report, out, console=console)
    else:
        writer(name)(report, out)
    text = out.getvalue()
    text.encode("utf-8")  # never a lone surrogate: a UTF-8 file can hold it
    return text


def check_human(name: str, out: str, path: str, quote: str) -> None:
    leaked = {ch for ch in out if hidden(ch)} - RAW[name]
    assert not leaked, (name, sorted(leaked))
    assert "900 km" in out, name
    if name != "compact":  # compact lines carry the reason, not the values
        assert DISPLAY in out, name
    if name == "compact":
        first = out.splitlines()[0]
        m = re.match(r"^(.+):1:1: distance: contradiction: '(.*)' vs '900 km'", first)
        assert m, first
        assert unescape(m[1]) == path
        assert unescape(m[2]) == quote
    elif name == "table":
        assert f"{visible(path)}:1" in out
        assert visible(quote) in out
    elif name == "markdown":
        assert code(f"{path}:1:1") in out
        assert md(quote) in out
    else:
        assert escape(visible(path)) in out
        assert escape(visible(quote)) in out


def check_machine(name: str, out: str, path: str, quote: str) -> None:
    assert not {ch for ch in out if hidden(ch)} - {"\n"}, name
    if name == "sarif":
        result = json.loads(out)["runs"][0]["results"][0]
        where = result["locations"][0]["physicalLocation"]
        # The URI names the file's bytes (a name that is not UTF-8 included).
        assert unquote_to_bytes(where["artifactLocation"]["uri"]) == os.fsencode(path)
        assert where["region"]["snippet"]["text"] == quote
        return
    document = json.loads(out.splitlines()[0] if name == "jsonl" else out)
    finding = document if name == "jsonl" else document["findings"][0]
    claim = finding["claims"][0]
    assert claim["path"] == path and claim["text"] == quote
    assert claim["value"]["display"] == DISPLAY
    assert finding["outlier"] == path


def round_trip(name: str, text: str) -> None:
    count_example()
    if name == "b.txt":
        return
    report = tiny_report(name, text)
    quote = report.findings[0].facts[0].claim.text
    for fmt in WRITERS:
        out = render(fmt, report)
        if fmt in HUMAN:
            check_human(fmt, out, name, quote)
        else:
            check_machine(fmt, out, name, quote)


@settings(QUICK, max_examples=60)
@given(name=names, text=texts)
def test_hidden_characters_round_trip_through_every_writer(name, text) -> None:
    """Escaped and reversible for people; exact in JSON, JSON Lines and SARIF."""
    round_trip(name, text)


@pytest.mark.fuzz
@given(name=names, text=texts)
def test_hidden_characters_round_trip_long(name, text) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    round_trip(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("evil\u202eltxt.md", "It flew \u202e(1,250"),
        ("[/bold]\u200b.txt", "[link=https://e.invalid]x[/link]"),
        ("bad\udcff\x1b[31m.txt", "<script>alert(1)</script>\r"),
        ("back\\\u2066slash.md", "\\u202e is text"),
    ],
)
def test_known_hostile_names(name, text) -> None:
    """The cases from the issue, always run."""
    round_trip(name, text)
