r"""Show what a reader cannot see: escaping shared by every writer.

Human-facing writers (table, compact, Markdown, HTML) print a file name or a
quote through :func:`visible`: control characters, direction overrides and
isolates (U+202A-U+202E, U+2066-U+2069), zero-width and other invisible
format characters, unpaired surrogates (undecodable bytes in a file name)
and private-use or unassigned code points become Python-style escapes such
as ``\u202e``. A right-to-left override in a file name can then neither
reorder the figures printed after it ("053,1-052,1" for "1,250-1,350") nor
hide a line break. The escaping is reversible (:func:`unescape`), so nothing
is lost, only made visible.

Machine-facing writers (JSON, JSON Lines, SARIF) keep every value exact and
only choose JSON's own ``\uXXXX`` spelling for the same characters
(:func:`json_ascii_invisible`), so ``json.loads`` gives the text back
unchanged while a ``cat`` of the file stays honest.
"""

from __future__ import annotations

import re
import unicodedata

# Letters and marks that render as nothing (Unicode's "default ignorable"
# code points outside the Cf category): combining grapheme joiner, Hangul
# fillers, Khmer inherent vowels, Mongolian free variation selectors and
# variation selectors. Cf itself (ZWSP, ZWJ, bidi controls, BOM, soft hyphen,
# tag characters) is caught by category.
_INVISIBLE_LETTERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)
# Categories shown escaped: controls, format characters (bidi, zero-width),
# surrogates, private use, unassigned, line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters after a backslash that would read as an escape.
_ESCAPE_LEADS = frozenset("\\nrtxuU")
# Everything but printable ASCII other than the backslash: the only characters
# that can need a look (most of a news article is skipped at C speed).
_CANDIDATE = re.compile(r"[^\x20-\x5b\x5d-\x7e]")


def hidden(ch: str) -> bool:
    """True when ``ch`` would be invisible or would rearrange text if printed raw."""
    if ch == "\\":
        return False
    if ch.isprintable() or ch == " ":
        return ch in _INVISIBLE_LETTERS
    return unicodedata.category(ch) in _HIDDEN_CATEGORIES or ch in _INVISIBLE_LETTERS


def _escape(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, *, keep: str = "") -> str:
    r"""``text`` with every hidden character written as an escape (``\u202e``).

    Args:
        text: a file name, a quote or a reason.
        keep: characters left as they are (``"\n\t"`` for an article body,
            whose line breaks are layout).

    Returns:
        Text a human can read: printable characters and spaces only (apart
        from ``keep``). A backslash is doubled only where it would otherwise
        read as the start of an escape, so ordinary text is unchanged and
        :func:`unescape` restores the original exactly.
    """
    if not _CANDIDATE.search(text):
        return text  # printable ASCII only: the common case, at C speed

    def show(m: re.Match[str]) -> str:
        ch = m[0]
        if ch in keep:
            return ch
        if ch == "\\":
            nxt = text[m.end() : m.end() + 1]
            doubled = nxt in _ESCAPE_LEADS or (nxt not in keep and hidden(nxt))
            return "\\\\" if nxt and doubled else "\\"
        return _escape(ch) if hidden(ch) else ch

    return _CANDIDATE.sub(show, text)


_UNESCAPE = re.compile(
    r"\\(?:(\\)|([nrt])|x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))"
)


def unescape(text: str) -> str:
    """Invert :func:`visible`: the original text, hidden characters and all."""

    def back(m: re.Match[str]) -> str:
        if m.group(1):
            return "\\"
        if m.group(2):
            return {"n": "\n", "r": "\r", "t": "\t"}[m.group(2)]
        return chr(int(m.group(3) or m.group(4) or m.group(5), 16))

    return _UNESCAPE.sub(back, text)


_NON_ASCII = re.compile(r"[^\x00-\x7e]")  # DEL and everything past ASCII


def json_ascii_invisible(document: str) -> str:
    r"""Spell hidden characters of a JSON text as ``\uXXXX`` (pairs above U+FFFF).

    Valid only for JSON produced by ``json.dumps``: outside strings it holds
    nothing but ASCII, so every character replaced here is inside a string,
    where ``\uXXXX`` means the same character. Unpaired surrogates (from a
    file name that is not UTF-8) become encodable this way too.
    """
    if document.isascii() and "\x7f" not in document:
        return document

    def esc(ch: str) -> str:
        code = ord(ch)
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return _NON_ASCII.sub(lambda m: esc(m[0]) if hidden(m[0]) else m[0], document)
