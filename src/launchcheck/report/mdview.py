"""Markdown shown as a reader sees it, without moving a single offset.

The HTML report highlights claims by their offsets in ``Article.text``. For a
Markdown article it should not show ``#`` and ``**``, yet every offset must
still point at the same character. So nothing here rewrites the text: it
cuts it into :class:`Piece` values, each either text with a style (heading,
strong, emphasis, code, link, quote, comment) or markup to hide (optionally
shown as a replacement, such as a bullet for ``- ``). The writer renders the
pieces; marks are laid over them by offset.

The subset is what news articles use: ATX headings, emphasis, code spans and
fenced blocks, links and images (their text is shown, never their target),
lists, block quotes, thematic breaks and backslash escapes. Every step is
linear in the length of a line (no backtracking regex over user text), and a
line over :data:`MAX_INLINE` characters is shown as written.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MAX_INLINE = 20_000  # characters; longer lines are not prose worth styling
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_BULLET = re.compile(r"[ \t]*([-*+])[ \t]+")
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_COMMENT_START = "<!--"
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run ``[start, end)`` of the article text and how to show it.

    ``hide`` pieces are markup: their characters are not shown, ``show`` is
    written once in their place. Otherwise the characters are shown with the
    CSS classes in ``style`` (space-separated, may be empty).
    """

    start: int
    end: int
    style: str = ""
    hide: bool = False
    show: str = ""


def plain(text: str) -> list[Piece]:
    """The whole text as one unstyled piece (for .txt articles)."""
    return [Piece(0, len(text))] if text else []


_BLANK_LINES = re.compile(r"\n[ \t\r]*(?:\n[ \t\r]*){2,}")


def squeezed(text: str) -> list[Piece]:
    """The text with runs of blank lines shown as one (for HTML pages' text).

    Text taken from a page keeps the layout's empty lines; they carry no
    meaning and push the article out of sight.
    """
    r = _Ranges()
    for m in _BLANK_LINES.finditer(text):
        r.hide(m.start(), m.end(), "\n\n")
    return _pieces(len(text), r) if text else []


class _Ranges:
    """Styles and hidden runs collected while reading the lines."""

    def __init__(self) -> None:
        self.styles: list[tuple[int, int, str]] = []
        self.hidden: list[tuple[int, int, str]] = []

    def style(self, start: int, end: int, name: str) -> None:
        if end > start:
            self.styles.append((start, end, name))

    def hide(self, start: int, end: int, show: str = "") -> None:
        if end > start:
            self.hidden.append((start, end, show))


def markdown(text: str) -> list[Piece]:
    """Cut a Markdown article into styled and hidden pieces covering all of it."""
    ranges = _Ranges()
    fence = ""
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        stop = end - 1 if end > pos and text[end - 1] == "\r" else end  # CRLF
        fence = _line(text, pos, stop, fence, ranges)
        pos = end + 1
    return _pieces(len(text), ranges)


def _line(text: str, start: int, end: int, fence: str, r: _Ranges) -> str:
    """Read one line; return the open code fence (or "")."""
    line = text[start:end]
    m = _FENCE.match(line)
    if fence:
        if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            r.hide(start, end)
            return ""
        r.style(start, end, "code")
        return fence
    if m:
        r.hide(start, end)
        return m.group(1)
    if _BREAK.match(line):
        r.hide(start, end, "――――――――")
        return ""
    inline_start = start
    block = ""
    h = _HEADING.match(line)
    if h:
        r.hide(start, start + h.end())
        inline_start = start + h.end()
        block = f"h{len(h.group(1))}"
        closing = _CLOSING_HASHES.search(line, h.end())
        if closing:
            r.hide(start + closing.start(), end)
            end = start + closing.start()
    else:
        q = _QUOTE.match(line)
        while q:
            r.hide(inline_start, start + q.end(), "▍ ")
            inline_start = start + q.end()
            block = "quote"
            q = _QUOTE.match(line, q.end())
        b = _BULLET.match(line, inline_start - start)
        if b:
            r.hide(start + b.start(1), start + b.end(), "• ")
            inline_start = start + b.end()
    if block:
        r.style(inline_start, end, block)
    if end - inline_start <= MAX_INLINE:
        _inline(text, inline_start, end, r)
    return ""


def _inline(text: str, start: int, end: int, r: _Ranges) -> None:
    """Code spans, escapes, comments, links and emphasis within one line."""
    runs = _runs(text, start, end, "`")
    closers: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(runs):
        closers.setdefault(e - s, []).append(i)
    next_of: dict[int, int] = {}  # run length -> next index into closers[length]
    openers: list[tuple[int, int, str]] = []  # emphasis: (start, length, char)
    brackets: list[tuple[int, bool]] = []  # '[' position, is image
    close_paren = -1
    run_i = 0
    pos = start
    while pos < end:
        ch = text[pos]
        if ch == "\\" and pos + 1 < end and text[pos + 1] in _PUNCT:
            r.hide(pos, pos + 1)
            pos += 2
            continue
        if ch == "`":
            while run_i < len(runs) and runs[run_i][0] < pos:
                run_i += 1
            if run_i == len(runs) or runs[run_i][0] != pos:
                pos += 1  # the rest of a run whose first backtick was escaped
                continue
            s, e = runs[run_i]
            length = e - s
            same = closers[length]
            k = next_of.get(length, 0)
            while k < len(same) and same[k] <= run_i:
                k += 1
            next_of[length] = k
            if k < len(same):
                cs, ce = runs[same[k]]
                r.hide(s, e)
                r.style(e, cs, "code")
                r.hide(cs, ce)
                pos = ce
                run_i = same[k] + 1
            else:
                pos = e
            continue
        if text.startswith(_COMMENT_START, pos):
            close = text.find("-->", pos + 4, end)
            stop = end if close < 0 else close + 3
            r.style(pos, stop, "comment")
            pos = stop
            continue
        if ch == "[":
            image = pos > start and text[pos - 1] == "!"
            brackets.append((pos, image))
            pos += 1
            continue
        if ch == "]" and brackets:
            open_at, image = brackets.pop()
            if pos + 1 < end and text[pos + 1] == "(":
                if close_paren < pos:
                    found = text.find(")", pos + 2, end)
                    close_paren = found if found >= 0 else end
                if close_paren < end:
                    r.hide(open_at - 1 if image else open_at, open_at + 1)
                    r.style(open_at + 1, pos, "link")
                    r.hide(pos, close_paren + 1)
                    pos = close_paren + 1
                    brackets.clear()
                    continue
            pos += 1
            continue
        if ch in "*_":
            stop = pos
            while stop < end and text[stop] == ch:
                stop += 1
            _emphasis(text, start, end, pos, stop, openers, r)
            pos = stop
            continue
        pos += 1


def _runs(text: str, start: int, end: int, ch: str) -> list[tuple[int, int]]:
    """Maximal runs of ``ch`` within ``[start, end)``."""
    out = []
    pos = text.find(ch, start, end)
    while pos >= 0:
        stop = pos
        while stop < end and text[stop] == ch:
            stop += 1
        out.append((pos, stop))
        pos = text.find(ch, stop, end)
    return out


def _emphasis(
    text: str,
    start: int,
    end: int,
    s: int,
    e: int,
    openers: list[tuple[int, int, str]],
    r: _Ranges,
) -> None:
    """Pair a delimiter run ``[s, e)`` with an earlier opener, or keep it as one."""
    ch = text[s]
    length = e - s
    before = text[s - 1] if s > start else " "
    after = text[e] if e < end else " "
    can_open = not after.isspace()
    can_close = not before.isspace()
    if ch == "_":  # intraword underscores are text (snake_case)
        can_open = can_open and not before.isalnum()
        can_close = can_close and not after.isalnum()
    if length > 3:
        return
    if can_close:
        for i in range(len(openers) - 1, max(len(openers) - 20, -1), -1):
            o_start, o_len, o_ch = openers[i]
            if o_ch == ch and o_len == length:
                r.hide(o_start, o_start + length)
                r.hide(s, e)
                name = {1: "em", 2: "strong", 3: "strong em"}[length]
                for part in name.split():
                    r.style(o_start + length, s, part)
                del openers[i:]
                return
    if can_open:
        openers.append((s, length, ch))


def _pieces(n: int, r: _Ranges) -> list[Piece]:
    """Sweep the collected ranges into pieces that cover ``[0, n)`` in order."""
    cuts = {0, n}
    for s, e, _ in r.styles:
        cuts.update((s, e))
    hidden_at: dict[int, tuple[int, str]] = {}
    for s, e, show in sorted(r.hidden):
        cuts.update((s, e))
        hidden_at.setdefault(s, (e, show))
    starts: dict[int, list[str]] = {}
    stops: dict[int, list[str]] = {}
    for s, e, name in r.styles:
        starts.setdefault(s, []).append(name)
        stops.setdefault(e, []).append(name)
    active: dict[str, int] = {}
    hide_until = -1
    out: list[Piece] = []
    bounds = sorted(c for c in cuts if 0 <= c <= n)
    for a, b in itertools.pairwise(bounds):
        for name in stops.get(a, ()):
            active[name] -= 1
        for name in starts.get(a, ()):
            active[name] = active.get(name, 0) + 1
        if a in hidden_at and a >= hide_until:
            hide_until, show = hidden_at[a]
            out.append(Piece(a, b, hide=True, show=show))
            continue
        if a < hide_until:
            hide_until = max(hide_until, hidden_at.get(a, (a, ""))[0])
            out.append(Piece(a, b, hide=True))
            continue
        style = " ".join(sorted(k for k, v in active.items() if v > 0))
        out.append(Piece(a, b, style=style))
    return out
