"""Visible text of an HTML page, with a map back to file offsets."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

# Elements whose content a reader never sees as article text.
HIDDEN = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "footer",
        "aside",
        "form",
        "iframe",
        "head",
        "button",
        "select",
        "object",
    ]
)
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


@dataclass(frozen=True, slots=True)
class Page:
    """Visible text plus the metadata a news page usually carries."""

    text: str
    anchors: tuple[tuple[int, int], ...]
    published: str | None
    outlet: str | None
    url: str | None


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
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.size = 0
        self.hidden: list[str] = []
        self.hidden_count: Counter[str] = Counter()
        self.depth = 0
        self.meta: dict[str, str] = {}
        self.in_ld_json = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    def _emit(self, text: str, file_offset: int | None) -> None:
        if not text:
            return
        text = text.translate(self.restore)
        if file_offset is not None:
            self.anchors.append((self.size, file_offset))
        self.parts.append(text)
        self.size += len(text)

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._emit("\n\n", None)

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
            if tag in BLOCKS:
                self._break()
            return
        self.depth += 1
        if tag in HIDDEN or self.hidden:
            self.hidden.append(tag)
            self.hidden_count[tag] += 1
        if tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.hidden:
            # A counter, not ``tag in self.hidden``: 100,000 nested <nav> would
            # make every end tag scan the whole stack.
            if self.hidden_count[tag]:
                while self.hidden:
                    top = self.hidden.pop()
                    self.hidden_count[top] -= 1
                    if top == tag:
                        break
            self.in_ld_json = False
            return
        if tag in BLOCKS:
            self._break()

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
_STRAY_AMP = re.compile(r"&(?![A-Za-z]|#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])")
_COMMENT_CLOSE_REVERSED = re.compile(r">\s*--")  # "--\s*>" read backwards
_CDATA_OPEN = re.compile(r"<(?=!\[CDATA\[)", re.IGNORECASE)


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


def html_to_text(source: str) -> Page:
    """Extract what a reader sees, skipping scripts, styles and page chrome.

    Takes time linear in the page's length, whatever its markup (see
    ``defuse``); may raise ``AssertionError`` or ``ValueError`` from
    ``html.parser`` on markup it cannot read, which ``load`` reports.
    """
    safe, restore = defuse(source)
    parser = _Extractor(safe, restore)
    parser.feed(safe)
    parser.close()
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
    anchors = tuple(parser.anchors) or ((0, 0),)
    return Page("".join(parser.parts), anchors, published, outlet, url)
