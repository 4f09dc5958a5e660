"""Where a pattern can start: one cheap literal pass, then the pattern only there.

A rule pattern expands to 3–9 KB of regex; run with ``finditer`` it is tried
at every character of the article, which was most of the time per article.
Here each pattern's *start literals* are derived from the pattern itself
(never from a second word list): the short strings, lower-cased, that every
match must begin with (its leading hedges, number words, digits, months,
verbs...). ``str.find`` locates them in the lower-cased text, and the pattern
is tried with ``match`` at those offsets only, skipping offsets inside the
previous match exactly as ``finditer`` does, so the matches are identical.

The literals are a superset by construction: lookarounds and anchors are
dropped, repeats and alternatives are followed into every branch, and a
prefix is cut short rather than guessed. Case is handled exactly for the
texts this fast path accepts (ASCII plus a few caseless typographic
characters, for which ``str.lower`` keeps every offset); any other text, or a
pattern whose start cannot be bounded (it may start with any letter, or match
the empty string), falls back to the full scan.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

# Non-ASCII characters a text may hold and still take the fast path: caseless
# typography (quotes, dashes, fractions, spaces) common in news copy.
TYPOGRAPHY = (
    "\u00a0\u2009\u202f\u200a\u2007"  # no-break, thin, narrow, hair, figure spaces
    "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2032\u2033"  # quotes and primes
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphens, dashes, minus
    "\u2026\u00b7\u2022\u00b0\u00d7\u00a9\u00ae\u2122\u00a7\u20ac\u00a3\u00a5"
    "\u00bd\u00bc\u00be\u2153\u2154"  # vulgar fractions
)
ALPHABET = "".join(chr(c) for c in range(128) if not chr(c).isupper()) + TYPOGRAPHY
_ALLOWED = frozenset(chr(c) for c in range(128)) | frozenset(TYPOGRAPHY)
DEPTH = 6  # atoms followed from a pattern's start
MAX_LITERALS = 256  # start literals one pattern may have before all are cut shorter
MAX_EXPANSION = 64  # literals one atom sequence may expand to before it is cut
MAX_CLASS = 24  # a character class wider than this ends a prefix


def lowered(text: str) -> str | None:
    """``text`` in canonical form (lower case, one space, one digit), or None.

    Every offset is kept; None when the text holds a character off the fast
    path (the caller then scans the whole text).
    """
    if not text.isascii() and not set(text) <= _ALLOWED:
        return None
    return text.lower().translate(_canon())


@lru_cache(maxsize=1)
def _canon() -> dict[int, str]:
    """Characters the literals treat alike: whitespace as " ", digits as "0"."""
    import regex

    space = regex.compile(r"\s")
    table = {ord(c): " " for c in ALPHABET if space.fullmatch(c) and c != " "}
    table.update({ord(d): "0" for d in "123456789"})
    return table


@lru_cache(maxsize=1024)
def _chars(cls: str) -> frozenset[str]:
    """The alphabet characters a regex class or literal matches, case-insensitively."""
    import regex

    compiled = regex.compile(cls, regex.IGNORECASE)
    return frozenset(c for c in ALPHABET if compiled.fullmatch(c))


_GROUP_NAME = re_compile(r"\\.|\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")


def _unique_names(pattern: str) -> str:
    """Rename repeated group names (the ``regex`` package allows them, ``re`` not)."""
    last: dict[str, str] = {}
    count = itertools.count()

    def rename(m: re.Match[str]) -> str:
        if m.group(1):
            last[m.group(1)] = f"{m.group(1)}_{next(count)}"
            return f"(?P<{last[m.group(1)]}>"
        if m.group(2):
            return f"(?P={last.get(m.group(2), m.group(2))})"
        if m.group(3):
            return f"(?({last.get(m.group(3), m.group(3))})"
        return m.group(0)

    return _GROUP_NAME.sub(rename, pattern)


@dataclass(frozen=True, slots=True)
class Starts:
    r"""Where matches of one pattern may begin.

    ``literals``: canonical strings (see ``lowered``), one of which begins
    every match. ``not_after``: characters (lower case) that never precede a
    match (the pattern's leading ``(?<![...])``). ``boundary``: the pattern
    begins with ``\b``. ``at_start``: a match may also begin at offset 0
    (a branch that starts with ``^`` or ``\A``).
    """

    literals: tuple[str, ...]
    not_after: frozenset[str] = frozenset()
    boundary: bool = False
    at_start: bool = False


# Starts derived earlier, loaded from the user's cache with the compiled
# patterns (launchcheck.pipeline); filled once per rule set, never changed after.
_PRELOADED: dict[str, Starts | None] = {}


def preload(starts: dict[str, object], needs: dict[str, object] | None = None) -> None:
    """Use these derived starts and needs from now on.

    Both map a pattern text to its ``Starts`` (or ``Needs``), or None.
    """
    kept: tuple[tuple[dict[str, Any], dict[str, object], type], ...] = (
        (_PRELOADED, starts, Starts),
        (_PRELOADED_NEEDS, needs or {}, Needs),
    )
    for memo, derived, kind in kept:
        for text, found in derived.items():
            if found is None or isinstance(found, kind):
                memo.setdefault(text, found)


@lru_cache(maxsize=1024)
def starts_of(pattern: str) -> Starts | None:
    """Where matches of ``pattern`` (compiled case-insensitively by ``regex``) begin.

    None when no bound is known: the pattern may start anywhere, or match the
    empty string, or use syntax this analysis does not read.
    """
    if pattern in _PRELOADED:
        return _PRELOADED[pattern]
    return _derive(pattern)


_POSIX_CLASS = re_compile(r"\[:\^?[A-Za-z]+:\]")


def _parse(pattern: str) -> Any | None:
    """``re``'s parse of ``pattern`` (case-insensitive), or None when unreadable."""
    import warnings
    from re import _parser

    if _POSIX_CLASS.search(pattern):
        return (
            None  # "[[:alpha:]]" is letters to ``regex``, a set of brackets to ``re``
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like
            return _parser.parse(_unique_names(pattern), re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None


def _derive(pattern: str) -> Starts | None:
    from re import _constants as c

    tree = _parse(pattern)
    if tree is None:
        return None
    try:
        # "^" starts only the text, unless a multi-line flag is anywhere.
        multiline = bool(tree.state.flags & re.MULTILINE) or bool(
            re.search(r"\(\?[a-zA-Z-]*m", pattern)
        )
        parsed = list(tree)
        paths = _paths(parsed, DEPTH, c, multiline)
    except (re.error, RecursionError, OverflowError, ValueError, _Unbounded):
        return None
    literals: set[str] = set()
    at_start = False
    for path in paths:
        if not path:
            return None  # a match may start with anything, or be empty
        if path[0] is _START:
            at_start = True
            continue
        kept, size = [], 1
        for atom in path:
            if atom is _START:
                break  # "^" after a character: this path never matches
            if size * len(atom) > MAX_EXPANSION:
                break
            kept.append(sorted(atom))
            size *= len(atom)
        if not kept:
            if path[0] is _START:
                continue
            return None
        literals.update("".join(p) for p in itertools.product(*kept))
    found = _collapse(_minimal(literals), MAX_LITERALS)
    if not found and not at_start:
        return None
    not_after, boundary = _leading_guards(parsed, c)
    return Starts(tuple(found), not_after, boundary, at_start)


def _leading_guards(items: list[object], c: object) -> tuple[frozenset[str], bool]:
    r"""The pattern's leading ``(?<![...])`` characters and ``\b``, if any."""
    k = c
    not_after: set[str] = set()
    boundary = False
    for op, av in items:  # type: ignore[misc]
        if op is k.AT and av is k.AT_BOUNDARY:  # type: ignore[attr-defined]
            boundary = True
        elif op is k.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1:  # type: ignore[attr-defined]
            (sub_op, sub_av) = av[1][0]
            atom = _atom(sub_op, sub_av, c, canonical=False)
            if atom is not None:
                not_after |= atom
        elif op in (k.AT, k.ASSERT, k.ASSERT_NOT):  # type: ignore[attr-defined]
            continue
        else:
            break
    return frozenset(not_after), boundary


def _collapse(literals: list[str], most: int) -> list[str]:
    """At most ``most`` literals: shared prefixes stand for the literals under them.

    "zero-", "zero0", "zerokm" ... become "zero": a shorter literal finds every
    offset the longer ones did, and a few more.
    """
    found = set(literals)
    longest = max((len(lit) for lit in found), default=0)
    for cut in range(longest - 1, 0, -1):
        if len(found) <= most:
            break
        groups: dict[str, list[str]] = {}
        for lit in found:
            if len(lit) > cut:
                groups.setdefault(lit[:cut], []).append(lit)
        # The largest groups first: each collapse saves the most literals.
        for prefix, members in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            if len(found) <= most:
                break
            if len(members) > 1:
                found.difference_update(members)
                found.add(prefix)
    if len(found) > most:
        return []
    return _minimal(found)


def _minimal(literals: set[str]) -> list[str]:
    """The literals no shorter one is a prefix of (they add no position)."""
    kept: set[str] = set()
    for lit in sorted(literals, key=len):
        if not any(lit[:i] in kept for i in range(1, len(lit))):
            kept.add(lit)
    return sorted(kept)


class _Unbounded(Exception):
    """The start of the pattern cannot be bounded."""


_Path = tuple[frozenset[str], ...]


_START = frozenset({"^start"})  # a path that starts at offset 0 only


def _paths(items: list[object], depth: int, c: object, multiline: bool) -> set[_Path]:
    """Every sequence of up to ``depth`` atoms a match of ``items`` may begin with.

    A shorter sequence is a cut prefix (or the whole match); an empty one
    means the match may begin with anything.
    """
    if depth == 0 or not items:
        return {()}
    head, rest = items[0], items[1:]
    op, av = head  # type: ignore[misc]
    k = c  # re._constants
    if op is k.AT and not multiline and av in (k.AT_BEGINNING, k.AT_BEGINNING_STRING):  # type: ignore[attr-defined]
        return {(_START,)}
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):  # type: ignore[attr-defined]
        return _paths(rest, depth, c, multiline)
    atom = _atom(op, av, c)
    if atom is not None:
        if not atom:
            return set()  # no character a fast-path text holds: never here
        if len(atom) > MAX_CLASS:
            return {()}
        return {(atom, *t) for t in _paths(rest, depth - 1, c, multiline)}
    if op is k.SUBPATTERN:  # type: ignore[attr-defined]
        return _paths([*av[3], *rest], depth, c, multiline)
    if op is k.ATOMIC_GROUP:  # type: ignore[attr-defined]
        return _paths([*av, *rest], depth, c, multiline)
    if op is k.BRANCH:  # type: ignore[attr-defined]
        out: set[_Path] = set()
        for branch in av[1]:
            out |= _paths([*branch, *rest], depth, c, multiline)
        return out
    if op is k.GROUPREF_EXISTS:  # type: ignore[attr-defined]
        _, yes, no = av
        out = _paths([*yes, *rest], depth, c, multiline)
        return out | _paths([*(no or []), *rest], depth, c, multiline)
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):  # type: ignore[attr-defined]
        low, high, body = av
        if high == 0:
            return _paths(rest, depth, c, multiline)
        # Once the body has matched, a repeat that may go on is cut there.
        out = _paths([*body, *rest] if high == 1 else list(body), depth, c, multiline)
        if low == 0:
            out |= _paths(rest, depth, c, multiline)
        return out
    if op is k.GROUPREF:  # type: ignore[attr-defined]
        return {()}
    raise _Unbounded(op)


def _atom(
    op: object, av: object, c: object, *, canonical: bool = True
) -> frozenset[str] | None:
    """The characters one single-character item matches (None: not an atom).

    Canonical (as in ``lowered``) unless ``canonical`` is false.
    """
    k = c
    if op not in (k.LITERAL, k.NOT_LITERAL, k.ANY, k.IN):  # type: ignore[attr-defined]
        return None
    key = (op, av if isinstance(av, int) else repr(av), canonical)
    if key in _ATOMS:
        return _ATOMS[key]
    found = _raw_atom(op, av, c)
    if found is not None and canonical:
        table = _canon()
        found = frozenset(table.get(ord(ch), ch) for ch in found)
    _ATOMS[key] = found
    return found


# Items of a parsed pattern -> their atom: the same classes recur in every
# expanded block, and a pattern holds tens of thousands of items.
_ATOMS: dict[tuple[object, object, bool], frozenset[str] | None] = {}


def _raw_atom(op: object, av: object, c: object) -> frozenset[str] | None:
    k = c
    if op is k.LITERAL:  # type: ignore[attr-defined]
        return _chars(_escape(av))  # type: ignore[arg-type]
    if op is k.NOT_LITERAL:  # type: ignore[attr-defined]
        return frozenset(ALPHABET) - _chars(_escape(av))  # type: ignore[arg-type]
    if op is k.ANY:  # type: ignore[attr-defined]
        return frozenset(ALPHABET)
    if op is k.IN:  # type: ignore[attr-defined]
        cls = _class(av, c)  # type: ignore[arg-type]
        return frozenset(ALPHABET) if cls is None else _chars(cls)
    return None


def _escape(code: int) -> str:
    ch = chr(code)
    return re.escape(ch) if ch.isascii() else ch


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def _class(items: list[tuple[object, object]], c: object) -> str | None:
    """A class item list back as ``regex`` class text; None when unknown."""
    k = c
    parts: list[str] = []
    negate = False
    for op, av in items:
        if op is k.NEGATE:  # type: ignore[attr-defined]
            negate = True
        elif op is k.LITERAL:  # type: ignore[attr-defined]
            parts.append(re.escape(chr(av)))  # type: ignore[arg-type]
        elif op is k.RANGE:  # type: ignore[attr-defined]
            lo, hi = av  # type: ignore[misc]
            parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        elif op is k.CATEGORY and str(av) in _CATEGORIES:  # type: ignore[attr-defined]
            parts.append(_CATEGORIES[str(av)])
        else:
            return None
    return f"[{'^' if negate else ''}{''.join(parts)}]"


def candidates(low: str, starts: Starts, found: dict[str, Sequence[int]]) -> list[int]:
    """Sorted offsets of canonical text ``low`` where a match may begin.

    ``found`` memoizes each literal's offsets in this text across patterns.
    """
    hits: set[int] = {0} if starts.at_start else set()
    for lit in starts.literals:
        at = found.get(lit)
        if at is None:
            at = []
            i = low.find(lit)
            while i >= 0:
                at.append(i)
                i = low.find(lit, i + 1)
            found[lit] = at
        hits.update(at)
    if starts.not_after:
        bad = starts.not_after
        hits = {p for p in hits if not p or low[p - 1] not in bad}
    if starts.boundary:
        word = _word_chars()
        hits = {p for p in hits if (p > 0 and low[p - 1] in word) != (low[p] in word)}
    return sorted(hits)


@lru_cache(maxsize=1)
def _word_chars() -> frozenset[str]:
    r"""Canonical characters ``\w`` matches (digits and letters stay word chars)."""
    return _atom_of(r"[\w]")


def _atom_of(cls: str) -> frozenset[str]:
    table = _canon()
    return frozenset(table.get(ord(ch), ch) for ch in _chars(cls))


def finditer(
    compiled: object, starts: list[int], text: str, timeout: float
) -> Iterator[object]:
    """``compiled.finditer(text, timeout=timeout)``, trying only ``starts`` (sorted).

    Identical to a full scan when every match begins at one of ``starts`` and
    no match is empty. ``timeout`` bounds the whole scan, as it bounds
    ``finditer``: past it, ``TimeoutError``.
    """
    import time

    deadline = time.monotonic() + timeout
    pos = 0
    match = compiled.match  # type: ignore[attr-defined]
    for p in starts:
        if p < pos:
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("regex timed out")
        m = match(text, p, timeout=left)
        if m is not None:
            yield m
            pos = m.end()


# --- What every match holds: the second half of the literal pass ------------
#
# The start literals above say where a match may begin; most attempts there
# still fail, because the words a rule reads around the figure ("apogee",
# "warheads", "engines") are not in the text, or not after the figure.
# ``needs_of`` derives, from the pattern alone, literals one of which every
# match must contain (lookarounds aside). A pattern is tried only on a text
# that holds one of them, and only at offsets up to the last of them
# (``last_need``). Skipped attempts are attempts that could not match, so the
# matches stay identical.

NEED_PRODUCT = 64  # exact strings one run of atoms may expand to
NEED_CLASS = 8  # a character class wider than this ends a run of exact text


@dataclass(frozen=True, slots=True)
class Needs:
    """Literals (canonical, see ``lowered``) one of which every match contains."""

    literals: tuple[str, ...]


_PRELOADED_NEEDS: dict[str, Needs | None] = {}


def preloaded_needs(pattern: str) -> tuple[Needs | None] | None:
    """``(needs,)`` when ``pattern``'s needs were preloaded, else None (derive them)."""
    if pattern in _PRELOADED_NEEDS:
        return (_PRELOADED_NEEDS[pattern],)
    return None


@lru_cache(maxsize=1024)
def needs_of(
    pattern: str, source: str = "", blocks: tuple[tuple[str, str], ...] = ()
) -> Needs | None:
    """What every match of ``pattern`` (compiled case-insensitively) contains.

    ``source`` and ``blocks``, when given, are the pattern before expansion
    (its spaces already whitespace) and the text of each ``{block}`` it
    names: each block is then read once for every pattern that uses it, not
    once per pattern (an expanded pattern is 3-9 KB, its source a few
    hundred characters). None when nothing useful is known (some branch may
    match without any literal of three or more characters, or the syntax is
    not read here).
    """
    if pattern in _PRELOADED_NEEDS:
        return _PRELOADED_NEEDS[pattern]
    if source:
        names = dict(blocks)
        # A block becomes a group that matches anything (so a stand-in left
        # unread only weakens the needs), read as the block's own info.
        marked = _BLOCK.sub(
            lambda m: (
                f"(?P<{_MARK}{m.group(1)}>[\\s\\S]*)"
                if m.group(1) in names
                else m.group(0)
            ),
            source,
        )
        known = {f"{_MARK}{n}": _block_needs(text) for n, text in blocks}
        return _derive_needs(marked, known)
    return _derive_needs(pattern, {})


_BLOCK = re_compile(r"\{([A-Za-z_]\w*)\}")  # a ``{block}`` in a rule's source
_MARK = "lcblock_"  # the group that stands for a block while its source is read
_Info = tuple["frozenset[str] | None", "frozenset[str] | None"]
_UNKNOWN: _Info = (None, None)


@lru_cache(maxsize=256)
def _block_needs(text: str) -> _Info:
    """(exact, need) of one block's text, read once per process."""
    from re import _constants as c

    tree = _parse(text)
    if tree is None:
        return _UNKNOWN
    return _needs(list(tree), c, {})


def _derive_needs(pattern: str, known: dict[str, _Info]) -> Needs | None:
    from re import _constants as c

    tree = _parse(pattern)
    if tree is None:
        return None
    # Group names come back numbered (``_unique_names``): "name_3".
    groups = {
        number: name.rsplit("_", 1)[0] for name, number in tree.state.groupdict.items()
    }
    stand_ins = {n: known[name] for n, name in groups.items() if name in known}
    try:
        _, need = _needs(list(tree), c, stand_ins)  # type: ignore[call-overload]
    except RecursionError:
        return None
    if not need or min(len(lit) for lit in need) < 3:
        return None
    # A literal that holds another adds nothing: "warheads" holds "warhead".
    kept = [a for a in need if not any(b != a and b in a for b in need)]
    return Needs(tuple(sorted(kept)))


@lru_cache(maxsize=4096)
def _score(need: frozenset[str] | None) -> tuple[int, int]:
    """How selective a need is: its shortest literal, then fewer literals."""
    if not need:
        return (0, 0)
    return (min(min(len(lit) for lit in need), 8), -len(need))


def _better(
    a: frozenset[str] | None, b: frozenset[str] | None
) -> frozenset[str] | None:
    return b if _score(b) > _score(a) else a


def _needs(items: list[object], c: object, stand_ins: dict[int, _Info]) -> _Info:
    """(exact, need) of a sequence of parsed items.

    ``exact``: every string the sequence matches, when few and known;
    ``need``: strings one of which every match contains (None: unknown).
    ``stand_ins``: group number -> the info of the block it stands for.
    """
    run: frozenset[str] = frozenset({""})
    need: frozenset[str] | None = None
    known = True  # every item's exact text known, and the run never cut
    for item in items:
        exact, inner = _item_needs(item, c, stand_ins)
        need = _better(need, inner)
        if exact is not None and len(run) * len(exact) <= NEED_PRODUCT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        known = False
        need = _better(need, run)
        run = exact if exact is not None else frozenset({""})
    need = _better(need, run)
    return (run if known else None), need


def _item_needs(item: object, c: object, stand_ins: dict[int, _Info]) -> _Info:
    k = c
    op, av = item  # type: ignore[misc]
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):  # type: ignore[attr-defined]
        return frozenset({""}), None  # zero-width: consumes nothing
    atom = _atom(op, av, c)
    if atom is not None:
        return (atom if len(atom) <= NEED_CLASS else None), None
    if op is k.SUBPATTERN:  # type: ignore[attr-defined]
        if av[0] in stand_ins:
            return stand_ins[av[0]]
        return _needs(list(av[3]), c, stand_ins)
    if op is k.ATOMIC_GROUP:  # type: ignore[attr-defined]
        return _needs(list(av), c, stand_ins)
    if op is k.BRANCH:  # type: ignore[attr-defined]
        return _either([_needs(list(b), c, stand_ins) for b in av[1]])
    if op is k.GROUPREF_EXISTS:  # type: ignore[attr-defined]
        _, yes, no = av
        return _either(
            [_needs(list(yes), c, stand_ins), _needs(list(no or []), c, stand_ins)]
        )
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):  # type: ignore[attr-defined]
        low, high, body = av
        exact, need = _needs(list(body), c, stand_ins)
        if high == 0:
            return frozenset({""}), None
        if low == 0:
            if high == 1 and exact is not None:
                return exact | {""}, None
            return _UNKNOWN
        need = _better(need, exact)
        return (exact if low == high == 1 else None), need
    return _UNKNOWN


def _either(branches: list[_Info]) -> _Info:
    """Alternatives: exact text is their union; a need must hold in every branch."""
    exacts = [e for e, _ in branches]
    exact: frozenset[str] | None = None
    if all(e is not None for e in exacts):
        union = frozenset().union(*exacts)  # type: ignore[arg-type]
        exact = union if len(union) <= NEED_PRODUCT else None
    needs = [_better(n, e) for e, n in branches]
    if any(not n for n in needs):
        return exact, None
    union = frozenset().union(*needs)  # type: ignore[arg-type]
    return exact, (union if len(union) <= MAX_LITERALS else None)


def last_need(
    low: str, needs: Needs, found: Mapping[str, Sequence[int]] | None = None
) -> int:
    """Where in canonical text ``low`` the last of ``needs``' literals begins; -1: none.

    A match holds one of the literals, so it begins at or before this offset.
    ``found``: literal offsets already known (``LiteralPass.offsets``).
    """
    last = -1
    for lit in needs.literals:
        at = found.get(lit) if found is not None else None
        end = (at[-1] if at else -1) if at is not None else low.rfind(lit)
        last = max(last, end)
    return last


class LiteralPass:
    """Every offset of a fixed set of literals, found in one pass over a text.

    An Aho-Corasick automaton (pyahocorasick) over the literals a rule set's
    patterns begin with or hold: one pass over the text instead of one
    ``str.find`` loop per literal (measured 4x faster on the shipped rules'
    1,200 literals and ~2 KB articles). Built once per rule set; compares by
    identity.
    """

    def __init__(self, literals: tuple[str, ...]) -> None:
        import ahocorasick

        self.literals = literals
        self._automaton = ahocorasick.Automaton()
        for lit in literals:
            self._automaton.add_word(lit, lit)
        if literals:
            self._automaton.make_automaton()

    def offsets(self, low: str) -> dict[str, Sequence[int]]:
        """Each literal's offsets in canonical text ``low``, ascending (none: empty)."""
        found: dict[str, Sequence[int]] = dict.fromkeys(self.literals, ())
        if not self.literals:
            return found
        for end, lit in self._automaton.iter(low):
            at = found[lit]
            if at:
                at.append(end - len(lit) + 1)  # type: ignore[attr-defined]
            else:
                found[lit] = [end - len(lit) + 1]
        return found


@dataclass(frozen=True, slots=True)
class Gate:
    r"""Two small regexes every match of a large pattern satisfies.

    Loading a rule pattern from the cache costs about a millisecond per 30 KB
    of compiled code, and most patterns tried on an article match nowhere
    in it. A gate rules such an article out before the pattern is loaded.
    ``prefix``: the pattern's own text before its first ``{block}``, cut at
    the top level; a match at offset ``p`` begins with a match of it at
    ``p`` (same ``pos`` and ``endpos``). ``suffix``: its text after the
    last block, without the assertions that look past what they consume
    (lookaheads, ``\b``, ``$``); a match at ``p`` holds a match of it
    starting at or after ``p``. "" for a part that cannot be cut exactly.
    """

    prefix: str = ""
    suffix: str = ""


# Syntax the cutting below does not read (comments, POSIX classes) or that
# reaches across a cut (global inline flags): no gate for such a pattern.
_UNCUTTABLE = re_compile(r"\(\?#|\[:|\(\?[a-zA-Z^-]+\)")
# References to other groups and positions (backreferences, conditionals,
# recursion, \G): a part holding one is dropped, as its groups are numbered
# and matched apart from the rest of the pattern.
_REFERS = re_compile(r"\\G|\\[1-9]|\\g<|\(\?P[=>]|\(\?\(|\(\?&|\(\?R|\(\?[+-]?[0-9]")
_QUANTIFIER = re_compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
_LOOKS_AHEAD = ("(?=", "(?!")
_PRELOADED_GATES: dict[str, Gate | None] = {}


def gate_of(expanded: str, head: int, tail: int) -> Gate | None:
    """The gate of a pattern whose first block begins at ``head`` and last ends at ``tail``.

    ``expanded[:head]`` and ``expanded[tail:]`` are the pattern's own text
    (no block inside). None when neither part can be cut exactly.
    """
    if _UNCUTTABLE.search(expanded):
        return None
    depths = _depths(expanded)
    if depths is None:
        return None  # an alternative at the top level: no part is in every match
    prefix = expanded[: _group_start(expanded, depths, head)]
    start = _group_end(expanded, depths, tail)
    suffix = ""
    if start is not None:
        quantifier = _QUANTIFIER.match(expanded, start)
        suffix = _consuming(expanded[quantifier.end() if quantifier else start :])
    prefix, suffix = ("" if _REFERS.search(part) else part for part in (prefix, suffix))
    gate = Gate(_compiles(prefix), _compiles(suffix))
    return gate if gate.prefix or gate.suffix else None


def preloaded_gate(pattern: str) -> Gate | None:
    """The gate stored for ``pattern`` (from the cache with the rule set), if any."""
    return _PRELOADED_GATES.get(pattern)


def preload_gates(gates: Mapping[str, object]) -> None:
    """Use these gates (pattern text -> ``Gate``) from now on."""
    for text, gate in gates.items():
        if isinstance(gate, Gate):
            _PRELOADED_GATES.setdefault(text, gate)


def _depths(text: str) -> list[int] | None:
    """Group depth before each character, -1 inside escapes and classes.

    None when the pattern has an alternative at the top level (or a class
    that never closes).
    """
    atoms = _atoms(text)
    if atoms is None:
        return None
    depths = [-1] * (len(text) + 1)
    depth = 0
    for start, end in atoms:
        depths[start] = depth
        atom = text[start:end]
        if atom == "(":
            depth += 1
        elif atom == ")":
            depth -= 1
        elif atom == "|" and depth == 0:
            return None
    depths[len(text)] = depth
    return depths


def _atoms(text: str) -> list[tuple[int, int]] | None:
    """The (start, end) of each atom of pattern text, in order; None if a class never closes.

    An atom is an escape (backslash and the next character), a whole
    character class, or one other character.
    """
    atoms = []
    i = 0
    while i < len(text):
        end = i + 1
        if text[i] == "\\":
            end = min(i + 2, len(text))
        elif text[i] == "[":
            close = _class_end(text, i)
            if close is None:
                return None
            end = close
        atoms.append((i, end))
        i = end
    return atoms


def _group_start(text: str, depths: list[int], at: int) -> int:
    """``at`` if it is at the top level, else where its top-level group opens."""
    if depths[at] == 0:
        return at
    j = at
    while j > 0 and not (depths[j] == 0 and text[j] == "("):
        j -= 1
    return j


def _group_end(text: str, depths: list[int], at: int) -> int | None:
    """``at`` if it is at the top level, else just after its top-level group closes."""
    if depths[at] == 0:
        return at
    for j in range(at, len(text)):
        if depths[j] == 1 and text[j] == ")" and depths[j + 1] == 0:
            return j + 1
    return None


def _consuming(text: str) -> str:
    r"""``text`` without lookaheads, ``\b``, ``\B``, ``$``, ``\Z``; "" if unsure.

    Dropping an assertion only lets more through; one followed by a
    quantifier would hand the quantifier to another atom, so "" then.
    """
    atoms = _atoms(text)
    if atoms is None:
        return ""
    out: list[str] = []
    k = 0
    while k < len(atoms):
        start, end = atoms[k]
        atom = text[start:end]
        past = k  # the atom after an assertion that starts here
        if text.startswith(_LOOKS_AHEAD, start):
            depth = 0
            while past < len(atoms):
                inner = text[slice(*atoms[past])]
                depth += (inner == "(") - (inner == ")")
                past += 1
                if depth == 0:
                    break
            if depth:
                return ""
        elif atom in ("\\b", "\\B", "\\Z", "\\z", "$"):
            past = k + 1
        if past > k:
            after = atoms[past][0] if past < len(atoms) else len(text)
            if text[after : after + 1] in ("?", "*", "+", "{"):
                return ""
            k = past
            continue
        out.append(atom)
        k += 1
    return "".join(out)


def _class_end(text: str, at: int) -> int | None:
    """The offset just after the character class opening at ``at``."""
    i = at + 1
    if text[i : i + 1] == "^":
        i += 1
    if text[i : i + 1] == "]":
        i += 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "]":
            return i + 1
        i += 1
    return None


def _compiles(text: str) -> str:
    """``text`` if it compiles, else "" (a cut that is not a regex is no gate)."""
    import regex

    if not text:
        return ""
    try:
        regex.compile(text, regex.IGNORECASE, cache_pattern=False)
    except (regex.error, OverflowError, RecursionError):
        return ""
    return text
