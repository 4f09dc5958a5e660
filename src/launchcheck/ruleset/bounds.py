"""Static bounds on rule patterns: compiled size, and whether they can match "".

The ``regex`` engine unrolls counted repeats when it compiles a pattern:
``x{100000}`` takes about 40 MB and ``x{4294967294}`` takes all the memory
there is, and nested repeats multiply (``(?:x{1000}){1000}`` takes 270 MB). A
repeat's minimum count is unrolled, its maximum is not (``x{1,1000000}`` is
cheap). ``shape`` reads a pattern's structure without compiling it, so a
rule file can be refused, with its ``file:line``, before anything is built:
the size it would take is the number of atoms once every minimum count is
multiplied out. It also says whether the pattern can match the empty string
(a pattern that can does not name a span of text, and would match at every
position of every article).

The reading follows the ``regex`` package's syntax: escapes, character
classes (with version 1 nested sets), groups of every kind, lookarounds,
conditionals, comments, inline and scoped flags (verbose mode skips
whitespace and ``#`` comments), ``*``/``+``/``?``/``{m,n}`` repeats with lazy
and possessive forms, and fuzzy constraints (``{e<=1}``, no atoms). Where it
is unsure it counts more, never less. ``{name}`` blocks are read through the
table given, each block once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    from collections.abc import Mapping

# Atoms a pattern may unroll to: x{100000} compiles in about 0.1 s and 40 MB.
# The largest shipped pattern is about a tenth of this.
MAX_UNITS = 100_000

_BLOCK = re_compile(r"\{([A-Za-z_]\w*)\}")
_REPEAT = re_compile(r"\{\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?\}")
_FUZZY = re_compile(r"\{[^{}]*[deis][^{}]*\}")
_FLAGS = re_compile(r"\(\?([a-zA-Z0-9^-]*)([:)])")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmMK")


@dataclass(frozen=True, slots=True)
class Shape:
    """What a pattern compiles to: its size in atoms, and whether it matches ""."""

    units: int
    nullable: bool


_EMPTY = Shape(0, True)
_ATOM = Shape(1, False)


class _Frame:
    """An open group: its finished alternatives and the sequence being read."""

    __slots__ = ("alternatives", "conditional", "items", "verbose", "zero_width")

    def __init__(self, *, zero_width: bool, verbose: bool) -> None:
        self.alternatives: list[Shape] = []
        self.items: list[Shape] = []
        self.zero_width = zero_width
        self.verbose = verbose
        self.conditional = False

    def end_alternative(self) -> None:
        self.alternatives.append(
            Shape(
                sum(s.units for s in self.items),
                all(s.nullable for s in self.items),
            )
        )
        self.items = []

    def close(self) -> Shape:
        self.end_alternative()
        units = sum(s.units for s in self.alternatives)
        nullable = self.zero_width or any(s.nullable for s in self.alternatives)
        # a conditional without a "no" branch matches nothing when it is false
        nullable = nullable or (self.conditional and len(self.alternatives) == 1)
        return Shape(units, nullable)


class _VerboseEverywhere(Exception):
    """An unscoped ``(?x)``: ``regex`` (version 0) then reads the whole pattern so."""


def shape(source: str, blocks: Mapping[str, str] | None = None) -> Shape:
    """Size and emptiness of a pattern, ``{name}`` blocks read from ``blocks``.

    Never raises on a malformed pattern: compiling it reports that.
    """
    try:
        return _read(source, blocks, verbose=False)
    except _VerboseEverywhere:
        return _read(source, blocks, verbose=True)


@lru_cache(maxsize=256)
def block_shape(text: str) -> Shape:
    """The shape of one block's expansion (blocks are plain patterns)."""
    return shape(text)


def _read(source: str, blocks: Mapping[str, str] | None, *, verbose: bool) -> Shape:
    version1 = "V1" in source
    stack = [_Frame(zero_width=False, verbose=verbose)]
    i, n = 0, len(source)
    while i < n:
        frame = stack[-1]
        ch = source[i]
        if frame.verbose and ch.isspace():
            i += 1
        elif frame.verbose and ch == "#":
            end = source.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch == "\\":
            atom, i = _escape(source, i)
            frame.items.append(atom)
        elif ch == "[":
            i = _class_end(source, i, version1=version1)
            frame.items.append(_ATOM)
        elif ch == "(":
            i = _open(source, i, stack, version1=version1)
        elif ch == ")":
            i += 1
            if len(stack) > 1:
                done = stack.pop().close()
                stack[-1].items.append(done)
        elif ch == "|":
            frame.end_alternative()
            i += 1
        elif ch in "*+?":
            i = _repeat(frame, 0 if ch != "+" else 1, source, i + 1)
        elif ch == "{":
            found = _REPEAT.match(source, i)
            block = _BLOCK.match(source, i)
            if found and (found.group(1) or found.group(3)):
                low = int(found.group(1) or 0)
                i = _repeat(frame, low, source, found.end())
            elif block and blocks is not None and block.group(1) in blocks:
                frame.items.append(block_shape(blocks[block.group(1)]))
                i = block.end()
            elif (fuzzy := _FUZZY.match(source, i)) and frame.items:
                i = fuzzy.end()  # a fuzzy constraint on the item before: no atom
            else:
                frame.items.append(_ATOM)
                i += 1
        elif ch in "^$":
            frame.items.append(_EMPTY)
            i += 1
        else:
            frame.items.append(_ATOM)
            i += 1
    while len(stack) > 1:  # unbalanced: regex refuses it; count what is there
        done = stack.pop().close()
        stack[-1].items.append(done)
    return stack[0].close()


def _repeat(frame: _Frame, low: int, source: str, i: int) -> int:
    """Apply a repeat with minimum ``low`` to the last item; skip a lazy/possessive mark."""
    if frame.items:
        item = frame.items[-1]
        frame.items[-1] = Shape(item.units * max(low, 1), item.nullable or low == 0)
    if i < len(source) and source[i] in "?+":
        i += 1
    return i


def _escape(source: str, i: int) -> tuple[Shape, int]:
    """An escape (a backslash at ``source[i]``): its shape and the index after it."""
    if i + 1 >= len(source):
        return _ATOM, i + 1
    ch = source[i + 1]
    if ch in _ZERO_WIDTH_ESCAPES:
        return _EMPTY, i + 2
    if ch in "xNpPuUgkL":
        opener = source[i + 2 : i + 3]
        closer = {"{": "}", "<": ">"}.get(opener)
        if closer:
            end = source.find(closer, i + 3)
            return _ATOM, (len(source) if end < 0 else end + 1)
    return _ATOM, i + 2


def _class_end(source: str, i: int, *, version1: bool) -> int:
    """The index after the character class that opens at ``source[i] == "["``."""
    j = i + 1
    if source.startswith("^", j):
        j += 1
    if source.startswith("]", j):
        j += 1  # a leading "]" is a member
    depth = 1
    n = len(source)
    while j < n:
        ch = source[j]
        if ch == "\\":
            j += 2
            continue
        if source.startswith("[:", j):
            end = source.find(":]", j + 2)
            if end >= 0:
                j = end + 2
                continue
        if ch == "[" and version1:
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return n


def _open(source: str, i: int, stack: list[_Frame], *, version1: bool) -> int:
    """Read what follows ``(``: push a group frame, or skip a comment or flag set."""
    frame = stack[-1]
    if source.startswith("(?#", i):
        end = source.find(")", i)
        return len(source) if end < 0 else end + 1
    flags = _FLAGS.match(source, i)
    if flags:
        on = flags.group(1).split("-", 1)[0]
        off = flags.group(1)[len(on) :]
        verbose = frame.verbose
        if "x" in on:
            verbose = True
        elif "x" in off:
            verbose = False
        if flags.group(2) == ":":  # a scoped group
            stack.append(_Frame(zero_width=False, verbose=verbose))
        elif verbose and not frame.verbose:
            if not version1:
                raise _VerboseEverywhere
            frame.verbose = True
        elif version1:
            frame.verbose = verbose
        return flags.end()
    zero_width = source.startswith(("(?=", "(?!", "(?<=", "(?<!"), i)
    stack.append(_Frame(zero_width=zero_width, verbose=frame.verbose))
    if source.startswith("(?(", i):  # a conditional: skip its condition
        end = source.find(")", i + 3)
        stack[-1].conditional = True
        return len(source) if end < 0 else end + 1
    for prefix in ("(?P<", "(?<", "(?'"):
        if source.startswith(prefix, i) and not source.startswith(("(?<=", "(?<!"), i):
            closer = ">" if prefix.endswith("<") else "'"
            end = source.find(closer, i + len(prefix))
            return len(source) if end < 0 else end + 1
    for prefix in ("(?:", "(?>", "(?|", "(?=", "(?!", "(?<=", "(?<!"):
        if source.startswith(prefix, i):
            return i + len(prefix)
    if source.startswith("(?", i):
        # (?R), (?1), (?&name), (?P=name), (?P>name): a call or a reference
        end = source.find(")", i)
        stack.pop()
        frame.items.append(_ATOM)
        return len(source) if end < 0 else end + 1
    return i + 1


def problem(
    source: str, blocks: Mapping[str, str] | None = None, what: str = "pattern"
) -> str | None:
    """Why a pattern cannot be used, or None: too large once compiled, or empty.

    The message says what to change; the caller adds the rule's location.
    """
    found = shape(source, blocks)
    if found.units > MAX_UNITS:
        return (
            f"{what} would compile to {found.units:,} atoms once its repeat counts"
            f" are multiplied out (limit {MAX_UNITS:,}): lower the counts, or give"
            " a range such as {1,N} (only a minimum is unrolled)"
        )
    if found.nullable:
        return (
            f"{what} can match the empty string, so it names no text (make"
            " something in it required)"
        )
    return None
