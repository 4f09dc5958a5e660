"""Visible text of an HTML page, with a map back to file offsets."""

from __future__ import annotations

import json
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
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.size = 0
        self.hidden: list[str] = []
        self.depth = 0
        self.meta: dict[str, str] = {}
        self.in_ld_json = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line, len(self.line_starts)) - 1] + col

    def _emit(self, text: str, file_offset: int | None) -> None:
        if not text:
            return
        if file_offset is not None:
            self.anchors.append((self.size, file_offset))
        self.parts.append(text)
        self.size += len(text)

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._emit("\n\n", None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
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
        if tag in BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.hidden:
            if tag in self.hidden:
                while self.hidden and self.hidden.pop() != tag:
                    pass
            self.in_ld_json = False
            return
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_ld_json:
            self._read_ld_json(data)
            return
        if self.hidden:
            return
        # Same length, so offsets inside the chunk still map one to one.
        self._emit(data.replace("\r", " ").replace("\n", " "), self._offset())

    def _ref(self, raw: str) -> None:
        if self.hidden:
            return
        self._emit(unescape(raw), self._offset())

    def handle_entityref(self, name: str) -> None:
        self._ref(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")

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


def html_to_text(source: str) -> Page:
    """Extract what a reader sees, skipping scripts, styles and page chrome."""
    parser = _Extractor(source)
    parser.feed(source)
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
