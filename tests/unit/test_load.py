"""launchcheck.load and htmltext: every unusable file is one located InputError."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import time
from pathlib import Path

import pytest

from launchcheck.errors import InputError
from launchcheck.htmltext import defuse, html_to_text
from launchcheck.load import (
    check_zone,
    decode,
    find_articles,
    parse_article,
    read_article,
)

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
    start = time.perf_counter()
    message = error_of("a.md", data.encode())
    assert time.perf_counter() - start < 1
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
    start = time.perf_counter()
    html_to_text("<p>start</p>" + page)
    assert time.perf_counter() - start < 10


def test_defuse_keeps_offsets_and_restores():
    """Defusing is same-length, and the restore table gives back the original."""
    source = "<p>a < b</p> & c <!-- open <b"
    safe, restore = defuse(source)
    assert len(safe) == len(source)
    assert safe.translate(restore) == source
    assert html_to_text(source).text.strip().startswith("a < b")
