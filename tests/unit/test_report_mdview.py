"""Markdown shown as text: markup hidden, styles kept, every offset in place."""

from __future__ import annotations

import pytest

from launchcheck.report.mdview import MAX_INLINE, markdown, plain, squeezed


def shown(text: str, pieces=None) -> str:
    """What a reader sees: hidden markup replaced, styles as <style>…</>."""
    out = []
    for p in pieces if pieces is not None else markdown(text):
        if p.hide:
            out.append(p.show)
        elif p.style:
            out.append(f"<{p.style}>{text[p.start : p.end]}</>")
        else:
            out.append(text[p.start : p.end])
    return "".join(out)


def covers(text: str, pieces) -> bool:
    """Pieces are contiguous, ordered and cover the whole text."""
    pos = 0
    for p in pieces:
        if p.start != pos or p.end <= p.start:
            return False
        pos = p.end
    return pos == len(text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title", "<h1>Title</>"),
        ("### Three ###", "<h3>Three</>"),
        ("a **bold** b", "a <strong>bold</> b"),
        ("a __bold__ b", "a <strong>bold</> b"),
        ("a *em* and _em_", "a <em>em</> and <em>em</>"),
        ("***both***", "<em>both</><strong>both</>"[:0] + "<em strong>both</>"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("use `a*b*c` here", "use <code>a*b*c</> here"),
        ("`` a ` b ``", "<code> a ` b </>"),
        ("see [the report](https://e.invalid/x) now", "see <link>the report</> now"),
        ("![a chart](c.png)", "<link>a chart</>"),
        ("\\*not em\\*", "*not em*"),
        ("- item", "• item"),
        ("  * nested", "  • nested"),
        ("> quoted", "▍ <quote>quoted</>"),
        ("---", "――――――――"),
        (
            "<!-- launchcheck: ignore apogee -->",
            "<comment><!-- launchcheck: ignore apogee --></>",
        ),
        ("```\n**raw**\n```", "\n<code>**raw**</>\n"),
        ("unclosed **bold", "unclosed **bold"),
        ("[not a link] (x)", "[not a link] (x)"),
    ],
)
def test_markdown_is_shown_as_a_reader_sees_it(source, expected):
    pieces = markdown(source)
    assert covers(source, pieces)
    assert shown(source, pieces) == expected


def test_offsets_never_move():
    """Every shown character sits at its own offset: slicing the text gives it."""
    text = "# Launch **report**\n\nIt flew *about 1,250 km* on [Nov. 1](u).\n"
    pieces = markdown(text)
    assert covers(text, pieces)
    visible = "".join(text[p.start : p.end] for p in pieces if not p.hide)
    assert "about 1,250 km" in visible and "Nov. 1" in visible
    assert "**" not in visible and "#" not in visible and "](u)" not in visible


@pytest.mark.parametrize(
    "line",
    [
        "*" * 19_000,
        "_a" * 9_500,
        "a" + "` " * 9_000,
        "[" * 19_000,
        "](" * 9_500,
        "[a](" * 4_500,
        "<!--" * 4_500,
        "\\" * 19_000,
        "*a " * 6_000,
        "**a " * 4_500,
    ],
    ids=["stars", "underscores", "backticks", "brackets", "link-ends", "open-links",
         "comments", "backslashes", "many-openers", "strong-openers"],
)  # fmt: skip
def test_pathological_lines_are_read_in_one_pass(line):
    """Lines of delimiters just under MAX_INLINE are read in one pass (they finish)."""
    assert len(line) <= MAX_INLINE
    text = f"# t\n{line}\nafter *em*\n"
    pieces = markdown(text)
    assert covers(text, pieces)
    assert shown(text, pieces).endswith("after <em>em</>\n")


def test_very_long_lines_are_shown_as_written():
    """A line over MAX_INLINE characters keeps its markup visible."""
    line = "**x** " * (MAX_INLINE // 6 + 1)
    assert shown(line) == line


def test_plain_and_squeezed():
    """Text articles are one piece; a page's runs of blank lines show as one."""
    assert plain("") == []
    assert shown("a\nb", plain("a\nb")) == "a\nb"
    text = "a\n\n\n  \n\nb\n\nc"
    pieces = squeezed(text)
    assert covers(text, pieces)
    assert shown(text, pieces) == "a\n\nb\n\nc"


def test_crlf_lines_read_like_lf_lines():
    """A Windows line end does not stop a heading or a closing '#' from being seen."""
    text = "# Title #\r\n- item\r\n"
    assert shown(text) == "<h1>Title</>\r\n• item\r\n"
