"""Visible text of an HTML page, with a map back to file offsets."""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from launchcheck.model import INVISIBLE
from launchcheck.patterncache import re_compile

# Elements whose content a reader never sees as text.
HIDDEN = frozenset(
    ["script", "style", "noscript", "template", "svg", "iframe", "head", "object"]
)
# Page chrome: shown, but not the article. Left out when the main-content
# extractor finds nothing; otherwise the extractor decides (a real page may
# leave an <aside> open around its whole article).
CHROME = frozenset(["nav", "footer", "aside", "form", "button", "select"])
# Elements that end a paragraph: sentence context must not run across them.
BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "blockquote",
        "figcaption",
        "figure",
        "pre",
        "hr",
        "dd",
        "dt",
        "dl",
        "main",
        "title",
    ]
)
VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "meta",
        "link",
        "input",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    ]
)
MAX_DEPTH = 2000

# Charset labels of the WHATWG Encoding Standard (encoding.spec.whatwg.org,
# "Names and labels"), each encoding with the Python codec that decodes it.
# ISO-8859-1 and US-ASCII are labels of windows-1252, as in every browser;
# the standard's gbk decoder is gb18030's, its big5 is Big5-HKSCS, its
# shift_jis is Microsoft's cp932, its euc-kr is cp949. "replacement" marks
# encodings browsers refuse to decode at all.
_WHATWG = {
    "utf_8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2"
    " iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3"
    " iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4"
    " iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5"
    " iso88595 iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114"
    " iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596"
    " iso_8859-6 iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7"
    " iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e"
    " iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"
    " csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    # x-user-defined: the HTML prescan reads a declaration of it as windows-1252
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1"
    " iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1"
    " us-ascii windows-1252 x-cp1252 x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599"
    " iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk"
    " iso-ir-58 x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987"
    " ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
    "replacement": "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr",
}
_CODECS = {
    label: codec for codec, labels in _WHATWG.items() for label in labels.split()
}
# A <meta> that declares UTF-16 is read as UTF-8: the bytes that carry the
# declaration were ASCII, so the page is not UTF-16 (the HTML prescan rule).
_CODECS.update(dict.fromkeys(("utf-16be", "utf-16", "utf-16le"), "utf_8"))
_COMMENT_BYTES = re_compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_META_BYTES = re_compile(rb"<meta[\s/][^>]*>?", re.IGNORECASE)
_ATTR_BYTES = re_compile(
    rb"([^\s/>=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]*)))?"
)
_CHARSET_IN_CONTENT = re_compile(
    rb"charset\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s;\"']+))", re.IGNORECASE
)
PRESCAN_BYTES = 1024


def python_codec(label: str) -> str | None:
    """The Python codec for a WHATWG charset label; None if the label is unknown.

    Labels are matched without case and surrounding whitespace, as browsers
    do; the result is ``"replacement"`` for encodings browsers never decode.
    """
    return _CODECS.get(label.strip().lower())


def declared_charset(data: bytes) -> tuple[str, int] | None:
    """The charset label a page's markup declares, and its byte offset.

    Follows the HTML standard's prescan: the first ``<meta charset>`` or
    ``<meta http-equiv="content-type" content="...; charset=...">`` outside
    comments. The standard looks at the first 1024 bytes and lets a later
    ``<meta>`` change the encoding while parsing; both are covered by taking
    the first declaration in the first 1024 bytes, else anywhere in the page.
    """
    for window in (data[:PRESCAN_BYTES], data):
        found = _first_declaration(window)
        if found is not None:
            return found
    return None


def _first_declaration(data: bytes) -> tuple[str, int] | None:
    blanked = _COMMENT_BYTES.sub(lambda m: b" " * len(m.group(0)), data)
    for meta in _META_BYTES.finditer(blanked):
        attrs: dict[bytes, bytes] = {}
        for name, dq, sq, bare in _ATTR_BYTES.findall(meta.group(0)[5:]):
            attrs.setdefault(name.lower(), dq or sq or bare)
        label = attrs.get(b"charset")
        if label is None and attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CHARSET_IN_CONTENT.search(attrs.get(b"content", b""))
            label = (
                (found.group(1) or found.group(2) or found.group(3)) if found else None
            )
        if label is not None and label.strip():
            return label.decode("latin-1").strip(), meta.start()
    return None


@dataclass(frozen=True, slots=True)
class Page:
    """Visible text plus the metadata a news page usually carries."""

    text: str
    anchors: tuple[tuple[int, int], ...]
    published: str | None
    outlet: str | None
    url: str | None


# Elements whose end tag may be left out: a new one closes the open one.
_SELF_CLOSING_PEERS = frozenset(["p", "li", "dt", "dd", "option", "tr", "td", "th"])
# Elements set apart from the text before and after them: "10<sup>3</sup>" is
# a power of ten or a footnote mark, never the number 103.
_SEPARATE = frozenset(["sup", "sub"])
_STYLE_HIDDEN = re_compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b",
    re.IGNORECASE,
)


def is_hidden(tag: str, attrs: dict[str, str]) -> bool:
    """Whether an element and everything inside it is kept from the reader.

    Hidden are the elements of ``HIDDEN`` (scripts, styles, ``<template>``,
    ``<noscript>``, the ``<head>``) and any element with the ``hidden``
    attribute, ``aria-hidden="true"``, or an inline style with
    ``display: none`` or ``visibility: hidden``.
    """
    return (
        tag in HIDDEN
        or "hidden" in attrs
        or attrs.get("aria-hidden", "").strip().lower() == "true"
        or _STYLE_HIDDEN.search(attrs.get("style", "")) is not None
    )


class _Extractor(HTMLParser):
    def __init__(self, source: str, restore: dict[int, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.restore = restore
        self.line_starts = [0]
        pos = source.find("\n")
        while pos != -1:
            self.line_starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        # Visible text in pieces: each piece's text, its offset in the file
        # (None for a break we insert) and its block (-1 for a break).
        self.parts: list[str] = []
        self.offsets: list[int | None] = []
        self.blocks: list[int] = []
        self.chrome: list[bool] = []
        self.block = 0
        # Open elements, and where the outermost hidden one is on the stack.
        self.open: list[str] = []
        self.open_count: Counter[str] = Counter()
        self.hidden_at: int | None = None
        self.chrome_at: int | None = None
        self.meta: dict[str, str] = {}
        self.in_ld_json = False

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    def _emit(self, text: str, file_offset: int | None, *, gap: bool = False) -> None:
        if not text:
            return
        self.parts.append(text.translate(self.restore))
        self.offsets.append(file_offset)
        self.blocks.append(-1 if gap else self.block)
        self.chrome.append(self.chrome_at is not None)

    def _break(self) -> None:
        self.block += 1
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._emit("\n\n", None, gap=True)

    def _separate(self) -> None:
        if self.parts and not self.parts[-1][-1:].isspace():
            self._emit(" ", None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").translate(self.restore) for k, v in attrs}
        if tag == "meta":
            key = (
                a.get("property") or a.get("name") or a.get("itemprop") or ""
            ).lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical":
            self.meta.setdefault("canonical", a.get("href", ""))
        elif tag == "time" and a.get("itemprop", "").lower() == "datepublished":
            self.meta.setdefault("datepublished", a.get("datetime", ""))
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.in_ld_json = True
        if tag in VOID:
            if tag in BLOCKS and not self.hidden:
                self._break()
            return
        if tag in _SELF_CLOSING_PEERS and self.open and self.open[-1] == tag:
            self._close(tag)
        self.open.append(tag)
        self.open_count[tag] += 1
        if self.hidden_at is None and is_hidden(tag, a):
            self.hidden_at = len(self.open) - 1
        if self.chrome_at is None and tag in CHROME:
            self.chrome_at = len(self.open) - 1
        if not self.hidden:
            if tag in BLOCKS:
                self._break()
            elif tag in _SEPARATE:
                self._separate()

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_ld_json = False
        if tag in VOID or not self.open_count[tag]:
            return  # a stray end tag closes nothing
        was_hidden = self.hidden
        self._close(tag)
        if not was_hidden or not self.hidden:
            if tag in BLOCKS:
                self._break()
            elif tag in _SEPARATE:
                self._separate()

    def _close(self, tag: str) -> None:
        """Pop open elements up to and including the innermost ``tag``.

        A counter says whether ``tag`` is open at all, so a stray end tag
        costs nothing and each element is popped once: linear overall.
        """
        while self.open:
            top = self.open.pop()
            self.open_count[top] -= 1
            if self.hidden_at is not None and len(self.open) <= self.hidden_at:
                self.hidden_at = None
            if self.chrome_at is not None and len(self.open) <= self.chrome_at:
                self.chrome_at = None
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_ld_json:
            self._read_ld_json(data.translate(self.restore))
            return
        if self.hidden:
            return
        # Same length, so offsets inside the chunk still map one to one.
        self._emit(data.replace("\r", " ").replace("\n", " "), self._offset())

    def _ref(self, raw: str) -> None:
        if self.hidden:
            return
        offset = self._offset()
        # The parser drops the ';': put it back only if the file has one, or
        # "AT&T" would read "AT&T;".
        if self.source.startswith(";", offset + len(raw)):
            raw += ";"
        self._emit(unescape(raw), offset)

    def handle_entityref(self, name: str) -> None:
        self._ref(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name}")

    def parse_html_declaration(self, i: int) -> int:
        """Read ``<![...`` sections ourselves; the base class asserts on odd ones.

        ``<![foo[`` makes ``html.parser`` raise ``AssertionError``. CDATA runs to
        ``]]>`` (``defuse`` made sure there is one); any other marked section
        (``<![if !IE]>``) is skipped up to its ``>`` like a bogus comment.
        """
        rawdata = self.rawdata
        if not rawdata.startswith("<![", i):
            return super().parse_html_declaration(i)  # type: ignore[no-any-return]
        if rawdata[i : i + 9].upper() == "<![CDATA[":
            close = rawdata.find("]]>", i + 9)
            if close >= 0:
                return close + 3
        close = rawdata.find(">", i + 3)
        return close + 1 if close >= 0 else -1

    def _read_ld_json(self, data: str) -> None:
        try:
            doc = json.loads(data)
        except ValueError:
            return
        items = doc if isinstance(doc, list) else [doc]
        for item in items:
            if isinstance(item, dict):
                for key in ("datePublished", "url"):
                    if isinstance(item.get(key), str):
                        self.meta.setdefault(key.lower(), item[key])
                pub = item.get("publisher")
                if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                    self.meta.setdefault("publisher", pub["name"])


# "&" that starts neither an entity name nor a valid numeric reference.
_STRAY_AMP = re_compile(r"&(?![A-Za-z]|#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])")
_COMMENT_CLOSE_REVERSED = re_compile(r">\s*--")  # "--\s*>" read backwards
_CDATA_OPEN = re_compile(r"<(?=!\[CDATA\[)", re.IGNORECASE)


def _unused_char(source: str, start: int) -> str:
    """A private-use character that does not occur in ``source``."""
    code = start
    while chr(code) in source:
        code += 1
    return chr(code)


def defuse(source: str) -> tuple[str, dict[int, str]]:
    """Neutralize the markup ``html.parser`` would rescan to the end of the page.

    Python 3.11's parser looks for a closing ``>`` (or ``-->``, ``]]>``) from
    every ``<`` that opens a construct; where none follows it scans the rest
    of the page, for every such ``<``, so a page of ``</</</…`` takes minutes
    (quadratic). An opener with no closer after it is read as text in the end
    anyway, so it is replaced here by a same-length placeholder, as are stray
    ``&`` and invalid ``&#`` references (which make the 3.11 parser dump the
    rest of the page as text). Returns the new source and the ``translate``
    table that puts the original characters back; offsets are unchanged.
    """
    lt = _unused_char(source, 0xE000)
    amp = _unused_char(source, ord(lt) + 1)
    safe = _STRAY_AMP.sub(amp, source)
    last_gt = safe.rfind(">")
    head, tail = safe[: last_gt + 1], safe[last_gt + 1 :].replace("<", lt)
    found = _COMMENT_CLOSE_REVERSED.search(head[::-1])
    first = len(head) - found.end() - 3 if found else 0  # first opener with no close
    head = head[: max(first, 0)] + head[max(first, 0) :].replace("<!--", lt + "!--")
    first = head.rfind("]]>") - 8
    head = head[: max(first, 0)] + _CDATA_OPEN.sub(lt, head[max(first, 0) :])
    return head + tail, {ord(lt): "<", ord(amp): "&"}


def html_to_text(source: str, *, main_only: bool = True) -> Page:
    """Extract what a reader sees of the article, with a map back to the file.

    Scripts, styles, page chrome and hidden elements (see ``is_hidden``) are
    never read. With ``main_only``, a main-content extractor (trafilatura)
    decides which of the remaining text blocks are the article, so that
    navigation, related-story boxes and comments are left out; when it finds
    nothing usable, all visible text is kept, without an error. Offsets always
    come from our own parse, so every span maps to its exact line and column.

    Takes time linear in the page's length, whatever its markup (see
    ``defuse``); may raise ``AssertionError`` or ``ValueError`` from
    ``html.parser`` on markup it cannot read, which ``load`` reports.
    """
    safe, restore = defuse(source)
    parser = _Extractor(safe, restore)
    parser.feed(safe)
    parser.close()
    keep = main_blocks(source, parser.parts, parser.blocks) if main_only else None
    if keep is None:  # no article found: all visible text but the page chrome
        keep = {
            i
            for i, (chrome, block) in enumerate(
                zip(parser.chrome, parser.blocks, strict=True)
            )
            if not chrome and block >= 0
        }
    text, anchors = _assemble(parser.parts, parser.offsets, parser.blocks, keep)
    meta = parser.meta
    published = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("dc.date")
        or None
    )
    outlet = meta.get("og:site_name") or meta.get("publisher") or None
    url = meta.get("og:url") or meta.get("canonical") or meta.get("url") or None
    return Page(text, anchors, published, outlet, url)


def _assemble(
    parts: list[str],
    offsets: list[int | None],
    blocks: list[int],
    keep: set[int],
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join the pieces whose index is in ``keep``, each anchored to the file.

    One paragraph break is put between pieces of different blocks, so dropped
    text never glues two kept paragraphs into one sentence, and a space where
    a piece inside a block was dropped, so it never glues two words into one.
    """
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    size = 0
    last, last_i = -1, -1
    for i, (text, offset, block) in enumerate(zip(parts, offsets, blocks, strict=True)):
        if i not in keep:
            continue
        if out and block != last:
            out.append("\n\n")
            size += 2
        elif (
            out
            and i != last_i + 1
            and not out[-1][-1:].isspace()
            and not text[:1].isspace()
        ):
            out.append(" ")
            size += 1
        last, last_i = block, i
        if offset is not None:
            anchors.append((size, offset))
        out.append(text)
        size += len(text)
    return "".join(out), tuple(anchors) or ((0, 0),)


# Main-content selection. Our text blocks are placed in the extractor's text
# (a block it trimmed, say of an inline box, is placed piece by piece). Of all
# occurrences (at most MAX_OCCURRENCES each), the in-order, non-overlapping
# choice that covers the most text wins, first for units of at least
# ANCHOR_CHARS characters over the whole text, then for shorter ones between
# the long ones placed around them: so a heading that recurs in the article's
# last line cannot pull the match away from the article's start, and a menu
# entry that happens to occur in the article is not taken for it. Each
# search scans the extractor's text, so past MAX_SCAN characters in all
# (pieces times text: say 3,000 blocks against 300 KB of text, which takes
# about half a second) no selection is made and all visible text but the
# page chrome is kept: the work stays bounded on any page.
ANCHOR_CHARS = 25
MAX_OCCURRENCES = 8
MAX_SCAN = 1_000_000_000


def _normalized(text: str) -> str:
    """Text as compared with the extractor's, which composes characters (NFC).

    Invisible characters are dropped and whitespace runs become one space.
    """
    return " ".join(unicodedata.normalize("NFC", INVISIBLE.sub("", text)).split())


def main_text(source: str) -> str | None:
    """The article's text as the main-content extractor sees it, or None.

    trafilatura (the best of the extractors we measured on real news pages)
    leaves out navigation, related-story boxes, comments and footers. It is
    imported here, not at start-up. A page it cannot read, or where it finds
    no article, gives None: the caller then keeps all visible text.
    """
    import trafilatura

    try:
        return trafilatura.extract(  # type: ignore[no-any-return]
            source,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=False,
        )
    except Exception:  # any failure of a third-party parser: "no article found"
        return None


def main_blocks(source: str, parts: list[str], blocks: list[int]) -> set[int] | None:
    """Indexes of the visible pieces that belong to the article, or None for all.

    Our pieces are matched against the extractor's text (whitespace and
    invisible characters ignored, NFC), in document order; see
    ``ANCHOR_CHARS``.
    """
    members: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        if block >= 0:
            members.setdefault(block, []).append(i)
    if len(parts) * len(source) // 4 > MAX_SCAN:
        return None  # far too much (the text is rarely under a fourth of the page)
    target = _normalized(main_text(source) or "")
    if not target or len(parts) * len(target) > MAX_SCAN:
        return None
    units: list[tuple[list[int], str]] = []
    for indexes in members.values():
        text = _normalized("".join(parts[i] for i in indexes))
        if len(indexes) > 1 and text not in target:
            units.extend(([i], t) for i in indexes if (t := _normalized(parts[i])))
        elif text:
            units.append((indexes, text))
    long_ones = [k for k, (_, text) in enumerate(units) if len(text) >= ANCHOR_CHARS]
    spans = _Occurrences(target, 0, len(target))
    placed = {
        long_ones[j]: span
        for j, span in _in_order([spans.next(units[k][1]) for k in long_ones]).items()
    }
    keep: set[int] = set()
    windows: dict[int, list[int]] = {}  # short units by the long ones before them
    bounds: list[tuple[int, int]] = [(0, 0)]
    for k, (indexes, text) in enumerate(units):
        if k in placed:
            keep.update(indexes)
            bounds.append(placed[k])
        elif len(text) < ANCHOR_CHARS:
            windows.setdefault(len(bounds) - 1, []).append(k)
    bounds.append((len(target), len(target)))
    for window, members_in in windows.items():
        spans = _Occurrences(target, bounds[window][1], bounds[window + 1][0])
        chosen = _in_order([spans.next(units[k][1]) for k in members_in])
        for j in chosen:
            keep.update(units[members_in[j]][0])
    return keep or None


class _Occurrences:
    """Where texts occur in ``target[low:high]``, repeat by repeat.

    The n-th unit with a given text is offered that text's occurrences from
    the (n - 2)-th to the (n + MAX_OCCURRENCES)-th, so a paragraph printed
    twice can be matched twice (and a copy of it in a menu before the article
    does not take the article's place), and each is searched for once.
    """

    def __init__(self, target: str, low: int, high: int) -> None:
        self.target, self.low, self.high = target, low, high
        self.found: dict[str, list[int]] = {}
        self.used: dict[str, int] = {}

    def next(self, text: str) -> list[tuple[int, int]]:
        starts = self.found.setdefault(text, [])
        n = self.used.get(text, 0)
        self.used[text] = n + 1
        while len(starts) < n + MAX_OCCURRENCES:
            at = self.target.find(
                text, starts[-1] + 1 if starts else self.low, self.high
            )
            if at < 0:
                break
            starts.append(at)
        return [
            (at, at + len(text)) for at in starts[max(n - 2, 0) : n + MAX_OCCURRENCES]
        ]


def _in_order(candidates: list[list[tuple[int, int]]]) -> dict[int, tuple[int, int]]:
    """Pick at most one span per item so that spans follow the items' order.

    Items are in document order, each with its candidate spans in the
    extractor's text; the chosen spans must not overlap and must increase, and
    cover as many characters as possible (a weighted longest increasing
    subsequence, with a Fenwick tree of best totals by end position: n log n).
    Returns item index → chosen span.
    """
    ends = sorted({end for spans in candidates for _, end in spans})
    size = len(ends)
    best = [0] * (size + 1)
    best_node = [-1] * (size + 1)
    nodes: list[tuple[int, int, int, int]] = []  # item, start, end, previous node

    def query(k: int) -> tuple[int, int]:
        value, node = 0, -1
        while k > 0:
            if best[k] > value:
                value, node = best[k], best_node[k]
            k -= k & -k
        return value, node

    for item, spans in enumerate(candidates):
        staged = []
        for start, end in spans:
            value, previous = query(bisect.bisect_right(ends, start))
            nodes.append((item, start, end, previous))
            staged.append((end, value + end - start, len(nodes) - 1))
        for end, value, node in staged:  # after all queries: one span per item
            k = bisect.bisect_left(ends, end) + 1
            while k <= size:
                if value > best[k]:
                    best[k], best_node[k] = value, node
                k += k & -k
    chosen: dict[int, tuple[int, int]] = {}
    node = query(size)[1]
    while node != -1:
        item, start, end, node = nodes[node]
        chosen[item] = (start, end)
    return chosen
