"""launchcheck.load and htmltext: every unusable file is one located InputError."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from pathlib import Path

import pytest

from launchcheck.errors import InputError
from launchcheck.htmltext import defuse, html_to_text
from launchcheck.load import (
    check_zone,
    decode,
    drop_invisible,
    find_articles,
    is_generated,
    load_articles,
    parse_article,
    read_article,
)
from launchcheck.model import Article, Location

BODY = "The missile flew for 86 minutes.\n"


def error_of(where: str, data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        parse_article(where, data)
    return str(caught.value)


# ── Reading ─────────────────────────────────────────────────────────────────


def test_device_is_not_read():
    """/dev/zero (endless) is refused from its type, before any read."""
    with pytest.raises(InputError, match="not a regular file"):
        read_article(Path("/dev/zero"))


def test_fifo_is_not_opened(tmp_path):
    """A FIFO is refused without opening it (opening would block)."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_article(fifo)


def test_size_limit_in_mib(tmp_path):
    """The limit and the size are both MiB: 1 MB means 1024 * 1024 bytes."""
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match=r"50\.0 MB, over the 1 MB limit"):
        read_article(path)


def test_read_is_bounded_even_if_size_lies(tmp_path):
    """At most max_bytes + 1 bytes are read, whatever stat said."""
    path = tmp_path / "grows.txt"
    path.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        read_article(path, max_bytes=10)


def test_unreadable_subfolder_is_an_error(tmp_path, monkeypatch):
    """A subfolder os.walk cannot list is named, not silently skipped."""
    (tmp_path / "story" / "locked").mkdir(parents=True)
    (tmp_path / "story" / "a.txt").write_text(BODY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError, match="locked: cannot read folder"):
        find_articles([tmp_path / "story"])


def test_symlink_loop_and_duplicates(tmp_path):
    """Symlinked folders are not followed; one file named three ways is one path."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(BODY, encoding="utf-8")
    (story / "loop").symlink_to(story)
    found = find_articles([story, story / "a.txt", tmp_path / "story" / ".." / "story"])
    assert found == (story / "a.txt",)


# ── Decoding ────────────────────────────────────────────────────────────────


def test_utf16_both_byte_orders():
    """UTF-16 with either BOM decodes to the same text."""
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        assert decode("a.txt", bom + BODY.encode(codec)) == BODY


def test_utf32_refused():
    """UTF-32 (whose BOM starts like UTF-16's) is refused, not misread."""
    data = codecs.BOM_UTF32_LE + BODY.encode("utf-32-le")
    assert "UTF-32" in error_of("a.txt", data)


def test_utf8_bom_error_column():
    """With a UTF-8 BOM, a bad byte's line and column still match the file."""
    data = codecs.BOM_UTF8 + "é\n".encode() + b"ab\xff"
    assert error_of("a.txt", data).startswith("a.txt:2:3: not UTF-8 (byte 0xff)")


def test_latin1_message_says_what_is_accepted():
    """The refusal of Latin-1 says which encodings are read, and how to convert."""
    message = error_of("a.txt", "Café\n".encode("latin-1"))
    assert message.startswith("a.txt:1:4:")
    assert "UTF-8 or UTF-16 with a BOM" in message and "iconv" in message


def test_nul_anywhere_is_binary():
    """A NUL byte past the first 64 KB still marks the file binary."""
    data = b"x" * 100_000 + b"\x00"
    assert "binary" in error_of("a.txt", data)


# ── Front matter ────────────────────────────────────────────────────────────


def test_front_matter_fields_read():
    """Good front matter gives the date, zone and outlet."""
    data = (
        "---\npublished: 2024-10-31T23:10:00-04:00\ntimezone: America/New_York\n"
        "outlet: 123\n---\n" + BODY
    )
    article = parse_article("a.md", data.encode())
    assert article.published == dt.date(2024, 10, 31)
    assert article.zone == "America/New_York"
    assert article.outlet == "123"


def test_empty_published_is_absent():
    """`published:` with no value means no date, not an error."""
    article = parse_article("a.md", f"---\npublished:\n---\n{BODY}".encode())
    assert article.published is None


def test_impossible_date_is_located():
    """2024-13-45 (a YAML timestamp that cannot be built) is located, not a crash."""
    message = error_of("a.md", f"---\npublished: 2024-13-45\n---\n{BODY}".encode())
    assert message.startswith("a.md:2:12: published: '2024-13-45'")


def test_unknown_field_suggests():
    """An unknown field suggests the nearest known one."""
    message = error_of("a.md", f"---\ntimezon: UTC\n---\n{BODY}".encode())
    assert message.startswith("a.md:2:1: unknown front matter field 'timezon'")
    assert "did you mean 'timezone'" in message


def test_alias_bomb_in_front_matter_refused_fast():
    """Billion laughs inside one field is refused at its first alias."""
    levels = ["[" + ",".join(['"lol"'] * 9) + "]"]
    rows = [f"  - &l0 {levels[0]}"]
    for i in range(1, 9):
        rows.append(f"  - &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    data = "---\ntitle:\n" + "\n".join(rows) + "\n---\n" + BODY
    message = error_of("a.md", data.encode())
    assert message.startswith("a.md:4:") and "aliases" in message


def test_python_tag_in_front_matter_refused():
    """A !!python tag is refused by name and place; nothing is constructed."""
    data = f"---\ntitle: !!python/object/apply:os.system ['false']\n---\n{BODY}"
    message = error_of("a.md", data.encode())
    assert message.startswith("a.md:2:8: YAML tag '!!python/object/apply:os.system'")


def test_long_values_are_cut_in_messages():
    """A huge bad value does not make a huge error line."""
    with pytest.raises(InputError) as caught:
        check_zone("--timezone", "A" * 5000)
    assert len(str(caught.value)) < 200


# ── HTML ────────────────────────────────────────────────────────────────────


def test_html_meta_date_not_iso_is_ignored():
    """A page's unreadable meta date counts as no date (--published still works)."""
    page = '<meta property="article:published_time" content="Oct 31"><p>Hi.</p>'
    assert parse_article("a.html", page.encode()).published is None


def test_html_marked_sections_do_not_assert():
    """`<![foo[` made html.parser raise AssertionError; now it is skipped."""
    assert html_to_text("<p>hi</p><![foo[x]]><p>after</p>").text.split() == [
        "hi",
        "after",
    ]
    assert "hi" in html_to_text("<p>hi</p><![ x").text


def test_html_entities_keep_their_text():
    """'AT&T' stays 'AT&T' (no ';' added); '&amp;' and '&#169;' still decode."""
    text = html_to_text("<p>AT&T, AT&amp;T, &#169; 2024, a && b, &#xZ;</p>").text
    assert text.strip() == "AT&T, AT&T, © 2024, a && b, &#xZ;"


@pytest.mark.parametrize(
    "page",
    [
        "</" * 500_000,
        "<!" * 500_000,
        "<a" * 500_000,
        "<!--x>" * 200_000,
        "<![CDATA[x>" * 100_000,
        "&#" * 500_000,
        "<nav>" * 100_000 + "</x>" * 100_000,
    ],
    ids=["endtags", "decls", "starttags", "comments", "cdata", "charrefs", "nav"],
)
def test_pathological_html_is_linear(page):
    """Markup html.parser rescans to the end of the page is parsed in seconds."""
    html_to_text("<p>start</p>" + page)


def test_defuse_keeps_offsets_and_restores():
    """Defusing is same-length, and the restore table gives back the original."""
    source = "<p>a < b</p> & c <!-- open <b"
    safe, restore = defuse(source)
    assert len(safe) == len(source)
    assert safe.translate(restore) == source
    assert html_to_text(source).text.strip().startswith("a < b")


# ── Line ends ───────────────────────────────────────────────────────────────


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_ends_give_front_matter_and_lines(end):
    """LF, CR LF and a lone CR all end lines: front matter read, claims located."""
    lines = ["---", "published: 2024-11-01", "---", "First line.", "It flew 86 km."]
    article = parse_article("a.md", end.join(lines).encode())
    assert article.published == dt.date(2024, 11, 1)
    at = article.text.index("86")
    assert article.locate(at) == Location("a.md", 5, 9)
    assert "\r" not in article.text  # paragraphs and sentences split at LF


def test_crlf_blank_line_is_a_paragraph_break():
    """A blank CR LF line reads as a blank line (same length, offsets kept)."""
    article = parse_article("a.txt", b"One.\r\n\r\nTwo.")
    assert article.text == "One. \n \nTwo."
    assert article.locate(article.text.index("Two")) == Location("a.txt", 3, 1)


# ── Invisible characters ────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u202e"],
    ids=["zwsp", "zwnj", "zwj", "wj", "shy", "bom", "lrm", "rlo"],
)
def test_invisible_characters_leave_numbers_whole(mark):
    """'1,<mark>000 kilometers' reads '1,000 kilometers'; columns still match the file."""
    data = f"Intro line.\nIt flew 1,{mark}000 kilometers, then {mark}86 minutes.\n"
    article = parse_article("a.txt", data.encode())
    assert "1,000 kilometers" in article.text
    assert mark not in article.text
    # "86" is after the removed character(s): its column counts them, as the file does
    assert article.locate(article.text.index("86")) == Location("a.txt", 2, 34)
    assert article.locate(article.text.index("000")) == Location("a.txt", 2, 12)


def test_invisible_characters_in_html_entities_and_text():
    """&#8203; and a raw soft hyphen inside an HTML figure are dropped too."""
    page = "<p>It flew 7,&#8203;000 km and 1,\u00ad250 km.</p>"
    article = parse_article("a.html", page.encode())
    assert "7,000 km and 1,250 km" in article.text
    assert article.locate(article.text.index("1,250")).col == page.index("1,") + 1


def test_drop_invisible_keeps_every_anchor():
    """Each kept character maps to the file offset it had before."""
    text = "a\u200bb\u200b\u200bc d\u00ade"
    anchors = ((0, 10), (5, 40))  # two pieces: "a?b??" at 10, "c d?e" at 40
    new, new_anchors = drop_invisible(text, anchors)
    assert new == "abc de"
    before = Article("x", text, anchors=anchors)
    after = Article("x", new, anchors=new_anchors)
    kept = [i for i, ch in enumerate(text) if ch not in "\u200b\u00ad"]
    assert [after.source_offset(j) for j in range(len(new))] == [
        before.source_offset(i) for i in kept
    ]


# ── Declared charsets ───────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="ISO-8859-1">',
        "<meta charset=latin1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        "<META HTTP-EQUIV=content-type CONTENT='text/html;charset=US-ASCII'>",
    ],
    ids=["charset", "bare-label", "http-equiv", "upper-ascii"],
)
def test_html_decoded_as_declared_latin1_is_windows_1252(declaration):
    """Latin-1 and US-ASCII labels read as windows-1252, as browsers do (0x80 = €)."""
    page = f"<html><head>{declaration}</head><body><p>Caf\xe9: \x80 5, 7,000 km.</p>"
    article = parse_article("a.html", page.encode("latin-1"))
    assert "Café: € 5, 7,000 km." in article.text
    # line:col count decoded characters, one per byte here
    col = page.index("7,000") + 1
    assert article.locate(article.text.index("7,000")) == Location("a.html", 1, col)


def test_declared_charset_multibyte_and_c1_holes():
    """Shift_JIS is read as cp932; windows-1252's 0x81 hole is U+0081, as WHATWG says."""
    page = '<meta charset="shift_jis"><p>\u5b87\u5b99 7,000 km</p>'
    assert "\u5b87\u5b99 7,000 km" in parse_article("a.html", page.encode("cp932")).text
    raw = b'<meta charset="windows-1252"><p>a\x81b 5 km</p>'
    assert "a\x81b 5 km" in decode("a.html", raw, html=True)


def test_declared_charset_comes_after_the_bom_and_outside_comments():
    """A BOM wins over <meta>; a declaration inside a comment does not count."""
    page = '<meta charset="koi8-r"><p>é</p>'.encode()
    assert "é" in decode("a.html", codecs.BOM_UTF8 + page, html=True)
    commented = b'<!-- <meta charset="koi8-r"> --><p>\xc3\xa9</p>'
    assert "é" in decode("a.html", commented, html=True)


def test_meta_utf16_means_utf8():
    """<meta charset=utf-16> in ASCII bytes is read as UTF-8 (the HTML rule)."""
    assert "é" in decode(
        "a.html", '<meta charset="utf-16"><p>é</p>'.encode(), html=True
    )


@pytest.mark.parametrize(
    ("label", "why"),
    [("klingon-8", "not a known charset"), ("iso-2022-kr", "not supported")],
)
def test_unknown_or_unsupported_charset_is_located(label, why):
    """An unknown label (or one browsers refuse) is one error at its <meta>."""
    page = f'<html>\n<head><meta charset="{label}"></head><p>Hi.</p>'.encode()
    message = error_of("a.html", page)
    assert message.startswith("a.html:2:7: declared charset")
    assert why in message


def test_declared_utf8_with_a_bad_byte_reads_like_a_browser():
    """A page that declares UTF-8 shows a bad byte as U+FFFD, as browsers do."""
    page = b'<meta charset="utf-8"><p>It flew 86\xff km.</p>'
    assert "It flew 86\ufffd km." in parse_article("a.html", page).text


def test_html_without_declaration_must_be_utf8():
    """No BOM, no <meta>: HTML is UTF-8 as before, never guessed."""
    message = error_of("a.html", "<p>Caf\xe9</p>".encode("latin-1"))
    assert message.startswith("a.html:1:7: not UTF-8 (byte 0xe9)")


def test_text_files_ignore_meta_charset():
    """A text file that mentions <meta charset> is still UTF-8 only."""
    data = '<meta charset="latin1"> Caf\xe9'.encode("latin-1")
    assert "not UTF-8" in error_of("a.txt", data)


# ── Hidden HTML ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "hidden",
    [
        "<div hidden>9,999 km</div>",
        '<span aria-hidden="true">9,999 km</span>',
        '<p style="color: red; display:none">9,999 km</p>',
        '<p style="visibility: hidden !important">9,999 km</p>',
        "<template><p>9,999 km</p></template>",
        "<noscript><p>9,999 km</p></noscript>",
        "<div hidden><p>9,999 km<p>still hidden</div>",
    ],
    ids=["hidden", "aria", "display", "visibility", "template", "noscript", "nested"],
)
def test_hidden_html_is_not_read(hidden):
    """Text no reader sees is not read; what follows the hidden element is."""
    page = f"<p>It flew 7,000 km.</p>{hidden}<p>It landed at sea.</p>"
    text = html_to_text(page, main_only=False).text
    assert "9,999" not in text and "still hidden" not in text
    assert "7,000 km" in text and "landed at sea" in text


def test_unclosed_hidden_element_ends_with_its_parent():
    """<div><span hidden>…</div>: the text after the parent's end is visible."""
    page = "<div><span hidden>9,999 km</div><p>It flew 7,000 km.</p>"
    text = html_to_text(page, main_only=False).text
    assert "9,999" not in text and "7,000 km" in text


@pytest.mark.parametrize("tag", ["sup", "sub"])
def test_superscript_after_digits_is_a_separate_token(tag):
    """10<sup>3</sup> km is not "103 km": a space keeps the digits apart."""
    page = f"<p>A range of 10<{tag}>3</{tag}> km, then 2<{tag}>1</{tag}>5 km.</p>"
    text = html_to_text(page, main_only=False).text
    assert "103" not in text and "215" not in text
    assert "10 3 " in text


# ── Main content ────────────────────────────────────────────────────────────

NEWS_PAGE = """<!DOCTYPE html>
<html><head><title>Launch</title></head>
<body>
<div class="menu"><a href="/">Home</a> <a href="/world">World</a></div>
<div class="teasers"><h3>Most read</h3>
<p><a href="/x">Rival rocket reached 9,999 kilometers in a separate test last year</a></p>
</div>
<article>
<h1>Missile flies higher than any before</h1>
<p>The missile reached an altitude of about 7,000 kilometers, the defense ministry
said on Thursday, after a flight that lasted 86 minutes.</p>
<p>It came down in the sea about 1,000 kilometers from the launch site, officials
said, well outside the country's exclusive economic zone.</p>
<p>Analysts said the flight showed a new solid-fuel design that can be readied
for launch far faster than the older liquid-fuelled missiles.</p>
</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader: my cousin says it went 12,345 kilometers!</p></div>
</section>
<footer><p>Copyright 2024 The Example Daily</p></footer>
</body></html>
"""


def test_only_the_article_is_read():
    """Menus, teaser boxes and comments are left out; the article stays whole."""
    article = parse_article("news.html", NEWS_PAGE.encode())
    assert "7,000 kilometers" in article.text
    assert "far faster than the older" in article.text
    assert "9,999" not in article.text and "12,345" not in article.text
    assert "World" not in article.text
    at = article.text.index("86 minutes")
    line = NEWS_PAGE.count("\n", 0, NEWS_PAGE.index("86 minutes")) + 1
    col = NEWS_PAGE.index("86 minutes") - NEWS_PAGE.rfind(
        "\n", 0, NEWS_PAGE.index("86 minutes")
    )
    assert article.locate(at) == Location("news.html", line, col)


def test_no_article_found_keeps_the_visible_text():
    """A page the extractor finds nothing in is read as before, without an error."""
    page = "<html><body><nav>Home</nav><p>It flew 86 km.</p></body></html>"
    assert "It flew 86 km." in parse_article("a.html", page.encode()).text


def test_start_up_does_not_import_the_extractor():
    """`launchcheck --help` never imports trafilatura (or lxml)."""
    import subprocess
    import sys

    code = (
        "import sys; from launchcheck import cli; from launchcheck import load;"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('trafilatura', 'lxml')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# ── Folders ─────────────────────────────────────────────────────────────────


def test_thousand_nested_folders():
    """1,000 nested folders are walked without recursion; the article is found."""
    import shutil
    import tempfile

    # Not under tmp_path: pytest removes old temporary folders with
    # shutil.rmtree, which is recursive and would fail on this one.
    top = Path(tempfile.mkdtemp(prefix="launchcheck-deep-"))
    deepest = top
    try:
        for _ in range(1000):
            deepest = deepest / "d"
            deepest.mkdir()
        (deepest / "a.txt").write_text(BODY, encoding="utf-8")
        assert find_articles([top]) == (deepest / "a.txt",)
    finally:
        while deepest != top:  # bottom-up, without recursion
            shutil.rmtree(deepest, ignore_errors=True)
            deepest = deepest.parent
        top.rmdir()


def test_symlinked_file_outside_the_folder_is_not_followed(tmp_path):
    """A link out of the folder is skipped unless follow_links; one inside is read."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(BODY, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("The key is 1234 km.\n", encoding="utf-8")
    (story / "leak.txt").symlink_to(secret)
    (story / "alias.txt").symlink_to(story / "a.txt")
    (story / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert find_articles([story]) == (story / "a.txt",)
    followed = find_articles([story], follow_links=True)
    assert followed == (story / "a.txt", story / "leak.txt")  # alias.txt is a.txt
    assert len(load_articles([story], follow_links=True)) == 2
    # named on the command line, a link is read as named
    assert find_articles([story / "leak.txt"]) == (story / "leak.txt",)


def test_follow_links_survives_a_folder_loop(tmp_path):
    """With follow_links, a symlinked folder is walked once, a loop is not."""
    story = tmp_path / "story"
    (story / "sub").mkdir(parents=True)
    (story / "sub" / "a.txt").write_text(BODY, encoding="utf-8")
    (story / "sub" / "back").symlink_to(story)
    assert find_articles([story], follow_links=True) == (story / "sub" / "a.txt",)


def test_reports_written_by_launchcheck_are_not_articles(tmp_path):
    """A Markdown or HTML report in a folder being checked is never read back."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(BODY, encoding="utf-8")
    (story / "report.md").write_text(
        "<!-- generated by launchcheck 0.1 -->\n# Report\n", encoding="utf-8"
    )
    (story / "report.html").write_text(
        '<html><head><meta charset="utf-8">\n<meta name="generator"'
        ' content="launchcheck 0.1"></head><body>7,000 km</body></html>',
        encoding="utf-8",
    )
    (story / "note.md").write_text("Not generated by launchcheck.\n", encoding="utf-8")
    assert find_articles([story]) == (story / "a.txt", story / "note.md")
    assert is_generated(story / "report.html") and not is_generated(story / "a.txt")


def test_empty_path_is_an_error():
    """'' is not the current folder."""
    with pytest.raises(InputError, match="empty path"):
        find_articles([""])


def test_dropped_piece_inside_a_paragraph_leaves_a_space():
    """A piece dropped from inside a block does not glue the words around it."""
    from launchcheck.htmltext import _assemble

    parts = ["It flew 86", "Read more", "minutes", "\n\n", "Next."]
    text, anchors = _assemble(parts, [0, 10, 19, None, 30], [1, 1, 1, -1, 2], {0, 2, 4})
    assert text == "It flew 86 minutes\n\nNext."
    assert dict(anchors)[text.index("minutes")] == 19
