"""launchcheck.model: mapping text offsets back to the file, and locations."""

from __future__ import annotations

import dataclasses

import pytest

from launchcheck.model import Article, Location, Report, Verdict


def line_starts(data: str) -> tuple[int, ...]:
    return (0, *(i + 1 for i, ch in enumerate(data) if ch == "\n"))


def test_location_str_with_line_and_column():
    """A full location prints as path:line:col, the way editors jump to it."""
    assert str(Location("samples/a.txt", 3, 7)) == "samples/a.txt:3:7"


def test_location_str_with_line_only():
    """Without a column, path:line."""
    assert str(Location("samples/a.txt", 3)) == "samples/a.txt:3"


def test_location_str_path_only():
    """Without a line, only the path (a whole-file problem)."""
    assert str(Location("samples/a.txt")) == "samples/a.txt"


def test_locate_plain_text_is_one_based():
    """Offset 0 is line 1, column 1; a newline starts the next line."""
    data = "first line\nsecond line\n"
    article = Article("a.txt", data, line_starts=line_starts(data))
    assert article.locate(0) == Location("a.txt", 1, 1)
    assert article.locate(data.index("second")) == Location("a.txt", 2, 1)
    assert article.locate(data.index("line\n", 11)) == Location("a.txt", 2, 8)


def test_locate_skips_front_matter_with_one_anchor():
    """The body of a file with front matter is reported at its line in the file."""
    data = "---\npublished: 2024-10-31\n---\nNorth Korea fired.\nIt flew far.\n"
    body = data.index("North")
    article = Article(
        "a.md", data[body:], line_starts=line_starts(data), anchors=((0, body),)
    )
    assert article.locate(0) == Location("a.md", 4, 1)
    assert article.locate(article.text.index("far")) == Location("a.md", 5, 9)


def test_locate_with_several_anchors():
    """Each anchor maps a stretch of text to where it sits in the file."""
    data = "<p>Hello</p>\n<div>\n  <p>world</p>\n</div>\n"
    text = "Hello\nworld"
    anchors = ((0, data.index("Hello")), (6, data.index("world")))
    article = Article("a.html", text, line_starts=line_starts(data), anchors=anchors)
    assert article.locate(0) == Location("a.html", 1, 4)
    assert article.locate(2) == Location("a.html", 1, 6)
    assert article.locate(6) == Location("a.html", 3, 6)
    assert article.locate(8) == Location("a.html", 3, 8)


def test_source_offset_is_identity_without_anchors():
    """A plain text file's offsets are the file's offsets."""
    article = Article("a.txt", "abc def")
    assert article.source_offset(4) == 4


def test_offset_before_first_anchor_uses_the_first_anchor():
    """Offsets before the first anchored stretch are shifted like it."""
    article = Article("a.html", "xyz", line_starts=(0,), anchors=((1, 10),))
    assert article.source_offset(0) == 9


def test_values_are_frozen():
    """Stage values are immutable, so no stage can change another's data."""
    location = Location("a.txt", 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        location.line = 2  # type: ignore[misc]


def test_report_has_conflicts_only_for_conflict_verdicts():
    """Exit code 1 comes from contradictions and sources-disagree only."""
    assert Verdict.CONTRADICTION.is_conflict
    assert Verdict.SOURCES_DISAGREE.is_conflict
    assert not any(
        v.is_conflict
        for v in (
            Verdict.SURFACE_ONLY,
            Verdict.AGREEMENT,
            Verdict.OTHER_SCOPE,
            Verdict.SINGLE,
        )
    )
    assert not Report((), ()).has_conflicts
