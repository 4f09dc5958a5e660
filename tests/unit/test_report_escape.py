"""Hidden characters: visible (and reversible) for people, exact for machines."""

from __future__ import annotations

import json

import pytest

from launchcheck.report.escape import hidden, json_ascii_invisible, unescape, visible

HIDDEN = [
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\x00",
    "\x1b",  # escape: starts terminal control sequences
    "\x7f",
    "\x85",  # next line (C1)
    "\u2028",  # line separator
    "\n",
    "\r",
    "\t",
    "\udcff",  # an undecodable byte of a file name (surrogateescape)
    "\U000e0041",  # tag character
    "\u3164",  # Hangul filler: a letter that renders as nothing
    "\ufe0f",  # variation selector
]


@pytest.mark.parametrize("ch", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_hidden_characters_are_escaped_and_restored(ch):
    """Each hidden character becomes a printable escape that unescape reverses."""
    assert hidden(ch)
    shown = visible(f"a{ch}b")
    assert ch not in shown
    assert shown.isprintable()
    assert unescape(shown) == f"a{ch}b"


def test_escape_spelling():
    """Escapes read like Python's: \\n, \\x1b, \\u202e, \\U000e0041."""
    assert visible("a\u202eb") == "a\\u202eb"
    assert visible("x\ny") == "x\\ny"
    assert visible("\x1b[31m") == "\\x1b[31m"
    assert visible("\U000e0041") == "\\U000e0041"


@pytest.mark.parametrize(
    "text",
    ["7,000 km", "Nov. 1", "Seoul · 서울", "naïve café", "2½ years", "a\u00a0b", "x y"],
)
def test_ordinary_text_is_unchanged(text):
    """Printable text, non-breaking and other spaces stay as written."""
    assert visible(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "C:\\news\\x.txt",
        "a\\u202e literally",
        "ends with \\",
        "\\\u202e",
        "\\\\",
        "\\n and \n",
    ],
)
def test_backslashes_stay_unambiguous(text):
    """A backslash that could read as an escape is doubled; all text round-trips."""
    assert unescape(visible(text)) == text


def test_backslash_before_plain_text_is_not_doubled():
    """Only backslashes that could start an escape are doubled."""
    assert visible("a\\b") == "a\\b"
    assert visible("a\\u") == "a\\\\u"


def test_keep_leaves_layout_characters():
    """An article body keeps its line breaks and tabs; the rest is escaped."""
    assert visible("a\n\tb\u202e", keep="\n\t") == "a\n\tb\\u202e"


def test_json_keeps_values_exact_but_spells_hidden_characters():
    """JSON text carries \\uXXXX for hidden characters; loading gives them back."""
    value = {"path": "a\u202eb\U000e0041\udcff\u2028.txt", "text": "7,000 km · é"}
    text = json_ascii_invisible(json.dumps(value, ensure_ascii=False))
    assert text.isprintable()
    assert "\\u202e" in text and "\\udb40\\udc41" in text and "\\udcff" in text
    assert "é" in text and "·" in text
    assert json.loads(text) == value
    text.encode("utf-8")  # no lone surrogate left to fail a UTF-8 file
