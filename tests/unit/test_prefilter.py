"""The literal pass: patterns tried only where a match can begin find the same matches."""

from __future__ import annotations

import itertools
import sys
from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchcheck import context, extract, prefilter
from launchcheck.pipeline import Options, prepare_rules

ROOT = Path(__file__).resolve().parents[2]


@cache
def _sources() -> tuple[str, ...]:
    """Every pattern text the extraction scans whole: figure anchors, unanchored rules.

    (An anchored rule pattern is only tried where its anchor matched.)
    """
    ruleset = prepare_rules(Options())
    patterns = [p for r in ruleset.rules for p in r.patterns]
    texts = [p.anchor or p.expanded for p in patterns]
    return tuple(dict.fromkeys(texts))


def _same(source: str, text: str) -> None:
    compiled = context.compiled(source)
    full = [(m.span(), m.groups()) for m in compiled.finditer(text)]  # type: ignore[attr-defined]
    extract._canonical.cache_clear()
    fast = [(m.span(), m.groups()) for m in extract._scan(source, text)]
    assert fast == full, source[:80]


@cache
def _texts() -> tuple[str, ...]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from archivegen import generate

    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").iterdir())
    ]
    for size in ("2k", "8k"):
        texts += [
            r["text"] for r in itertools.islice(generate(1, seed=3, size=size), 4)
        ]
    texts += [texts[0].upper(), texts[-1].replace(" ", "\u00a0")]
    return tuple(texts)


def test_shipped_patterns_find_the_same_matches_on_samples_and_archives():
    fast = [t for t in _texts() if prefilter.lowered(t) is not None]
    assert len(fast) > len(_texts()) // 2  # the fast path is taken, not skipped
    anchored = [s for s in _sources() if prefilter.starts_of(s) is not None]
    assert len(anchored) > len(_sources()) // 2
    for text in _texts():
        for source in _sources():
            _same(source, text)


TOKENS = [
    "about",
    "nearly",
    "more than",
    "up to",
    "some",
    "between",
    "and",
    "to",
    "a",
    "an",
    "km",
    "kilometres",
    "miles",
    "minutes",
    "hours",
    "an hour",
    "1h 26m",
    "two",
    "twelve",
    "hundred",
    "thousand",
    "dozens of",
    "half",
    "½",
    "7\u00a0000",
    "4,350",
    "1,5",
    "3.2",
    "Thursday",
    "Oct.",
    "November 1, 2024",
    "7:10 a.m.",
    "p.m.",
    "KST",
    "local time",
    "launched",
    "fired",
    "flew",
    "the missile",
    "apogee",
    "altitude of",
    "at least",
    "Pyongyang",
    "Seoul",
    "U.S.",
    "presidential",
    "election",
    "At",
    "Weighing",
    "tall",
    "troops",
    "missiles",
    "-",
    "–",
    "(",
    ")",
    ",",
    ".",
    ". ",
    "\n",
    "\n\n",
    " ",
    "  ",
    "“",
    "”",
    "’s",
    "9",
    "10",
    "2024",
    "86",
    "0",
    "solid-fuel",
    "ICBM",
    "Hwasong-18",
]


def news_texts(test):
    """A few texts made of TOKENS (kept short: every shipped pattern runs on each)."""
    settled = settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    return settled(
        given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40))(test)
    )


@news_texts
def test_any_text_of_news_tokens_finds_the_same_matches(tokens):
    text = " ".join(tokens).replace(" \n", "\n")
    for source in _sources():
        _same(source, text)


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:launch(?:ed)?|fired)\b", ("fired", "launch")),
        (r"(?i:Oct)\.? \d+", ("oct 0", "oct. 0")),
        (r"(?-i:K)m", ("km",)),  # case-sensitive parts are matched as if not
        (r"\d{1,3}(?:,\d{3})+", ("0",)),  # every digit is "0" in canonical text
        (r"about\s+\d", ("about ",)),  # every space is " "; a repeat ends it
    ],
)
def test_start_literals(pattern, literals):
    starts = prefilter.starts_of(pattern)
    assert starts is not None and starts.literals == literals


@pytest.mark.parametrize(
    "pattern",
    [r"a*", r".x", r"\w+ km", r"(?:)", r"(?P<x>a)(?P=x)?|\Bz|[^q]"],
)
def test_unbounded_starts_fall_back_to_the_full_scan(pattern):
    assert prefilter.starts_of(pattern) is None


def test_leading_guards_and_text_start():
    starts = prefilter.starts_of(r"(?<![\w-])\d+")
    assert starts is not None and "a" in starts.not_after and "-" in starts.not_after
    low = prefilter.lowered("x9 -9 9")
    assert low is not None
    assert prefilter.candidates(low, starts, {}) == [6]
    starts = prefilter.starts_of(r"(?:^|\n)\s*At \d")
    assert starts is not None and starts.at_start
    text = "At 3 km. No.\nAt 4 km"
    _same(r"(?:^|\n)\s*At \d", text)


@pytest.mark.parametrize(
    "text",
    [
        "Étienne said 5 km",  # a cased letter off ASCII
        "\u017fome 5 km",  # long s, which folds to "s"
        "\u212a 5 km",  # Kelvin sign, which folds to "k"
        "\u0663 km",  # an Arabic-Indic digit, which \d matches
    ],
)
def test_texts_off_the_fast_path_are_scanned_whole(text):
    assert prefilter.lowered(text) is None
    for source in (r"some\s+\d+ km", r"(?<![\w-])\d+\s*km", r"\bk\b"):
        _same(source, text)


def test_case_insensitive_literals_match_any_case():
    source = r"(?<![\w-])(?:about|some)\s+\d+\s*KM\b"
    text = "ABOUT 5 Km, Some 7 km and sOmE\u00a09 KM"
    _same(source, text)
    assert len(list(regex.finditer(source, text, regex.IGNORECASE))) == 3


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # POSIX classes mean letters to ``regex``, a set of brackets to ``re``.
        (r"(?<![[:digit:]])ab", "1ab xab"),
        (r"[[:digit:]]+ km", "about 12 km"),
        # A case-sensitive lookbehind never forbids a lower-case neighbour.
        (r"(?-i:(?<![A-Z]))ab", "xab Xab"),
        (r"(?<!(?-i:[A-Z]))ab", "xab Xab"),
    ],
)
def test_regex_only_syntax_is_never_misread(pattern, text):
    _same(pattern, text)
    assert context.compiled(pattern).findall(text)  # type: ignore[attr-defined]


# --- What every match holds (prefilter.needs_of, prefilter.last_need) -------


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:altitude|apogee)\b of \d+", ("altitude of ", "apogee of ")),
        (r"\d+ (?:km|miles)", (" km", " miles")),  # the space is canonical text too
        (r"(?:Fired|LAUNCHED) \d+ missiles", (" missiles",)),  # the longer need wins
        (r"(?:apogee )?\d+ km high", (" km high",)),
        (r"warheads?", ("warhead",)),  # an optional letter ends the run
    ],
)
def test_needed_literals(pattern, literals):
    needs = prefilter.needs_of(pattern)
    assert needs is not None and needs.literals == literals


@pytest.mark.parametrize(
    "pattern",
    [
        r"apogee|\d+",  # one branch holds no literal
        r"(?:km)?\d+",  # an optional literal is not needed
        r"\d+ (?=km)",  # a lookahead consumes nothing
        r"ab\w",  # too short to be worth a search
    ],
)
def test_no_need_when_a_match_can_do_without(pattern):
    assert prefilter.needs_of(pattern) is None


def test_a_block_is_read_once_and_stands_in_for_its_text():
    block = r"(?:apogee|altitude)"
    expanded = rf"the {block} was \d+"
    by_blocks = prefilter.needs_of(expanded, r"the {peak} was \d+", (("peak", block),))
    whole = prefilter.needs_of(expanded)
    assert by_blocks == whole
    assert by_blocks is not None
    assert by_blocks.literals == ("the altitude was ", "the apogee was ")


def test_last_need_bounds_where_a_match_begins():
    needs = prefilter.Needs(("apogee", "altitude"))
    low = prefilter.lowered("An altitude of 9 km. The apogee was 9 km. Later, 7 km.")
    assert low is not None
    assert prefilter.last_need(low, needs) == low.index("apogee")
    assert prefilter.last_need("nothing here", needs) == -1


def _every_match(pattern, text: str) -> list[tuple[int, int]]:
    """Spans the way extraction finds them, with no literal pass at all."""
    compiled = context.compiled(pattern.expanded)
    if not pattern.anchor:
        return [m.span() for m in compiled.finditer(text)]  # type: ignore[attr-defined]
    anchor = context.compiled(pattern.anchor)
    spans = []
    for a in anchor.finditer(text):  # type: ignore[attr-defined]
        end = min(len(text), a.start() + extract.MATCH_SPAN)
        m = compiled.match(text, a.start(), end)  # type: ignore[attr-defined]
        if m is not None:
            spans.append(m.span())
    return spans


def _extracted(pattern, text: str, one_pass: bool = True) -> list[tuple[int, int]]:
    """Spans as extraction finds them: with the rule set's one literal pass, or
    with a search per literal."""
    from types import SimpleNamespace

    extract._canonical.cache_clear()
    extract._anchor_starts.cache_clear()
    article = SimpleNamespace(text=text, path="t.txt")
    literals = _literals() if one_pass else None
    found = extract._matches(pattern, article, None, literals)  # type: ignore[arg-type]
    return [m.span() for m in found]  # type: ignore[attr-defined]


@cache
def _ruleset():
    return prepare_rules(Options())


@cache
def _patterns() -> tuple[object, ...]:
    return tuple(p for r in _ruleset().rules for p in r.patterns)


def _literals() -> prefilter.LiteralPass:
    return extract.literal_pass(_ruleset())


@pytest.mark.parametrize("one_pass", [True, False])
def test_needs_never_skip_a_match_of_a_shipped_pattern(one_pass):
    patterns = _patterns()
    with_needs = [p for p in patterns if extract.pattern_needs(p) is not None]
    assert len(with_needs) > len(patterns) // 2  # the pass is taken, not skipped
    for text in _texts():
        for pattern in patterns:
            assert _extracted(pattern, text, one_pass) == _every_match(pattern, text), (
                pattern.location  # type: ignore[attr-defined]
            )


def test_one_literal_pass_finds_every_offset_of_every_literal():
    literals = _literals()
    assert len(literals.literals) > 500
    for text in _texts():
        low = prefilter.lowered(text)
        if low is None:
            continue
        found = literals.offsets(low)
        for lit in literals.literals:
            every = [
                m.start()
                for m in regex.finditer(regex.escape(lit), low, overlapped=True)
            ]
            assert list(found[lit]) == every, lit


@news_texts
def test_needs_never_skip_a_match_in_any_text_of_news_tokens(tokens):
    text = " ".join(tokens).replace(" \n", "\n")
    for pattern in _patterns():
        assert _extracted(pattern, text) == _every_match(pattern, text)


def test_gates_never_skip_a_match_of_a_shipped_pattern():
    """Most patterns have a gate, and extraction through the gates finds every match."""
    gated = [p for p in _patterns() if prefilter.preloaded_gate(p.expanded) is not None]  # type: ignore[attr-defined]
    assert len(gated) > len(_patterns()) // 2
    for text in _texts():
        for pattern in gated:
            assert _extracted(pattern, text) == _every_match(pattern, text), (
                pattern.location  # type: ignore[attr-defined]
            )


@pytest.mark.parametrize(
    ("pattern", "prefix", "suffix"),
    [
        # the text before the first block and after the last one
        (r"\bapogee\s+of\s+BLOCK\s+high\b", r"\bapogee\s+of\s+", r"\s+high"),
        # a block inside a group: cut where the group opens, after it closes
        (r"\bat\s+(?:about\s+BLOCK)?\s+km(?=\s)", r"\bat\s+", r"\s+km"),
        # a quantifier after the group belongs to it, not to the suffix
        (r"x(?:BLOCK){1,2}?\s+y$", "x", r"\s+y"),
        # a lookahead followed by a quantifier cannot be dropped exactly
        (r"a\s+BLOCK\s+b(?=c)?", r"a\s+", ""),
        # a conditional refers to groups outside its part
        (r"(?P<n>a)?\s+BLOCK\s+(?(n)b|c)", r"(?P<n>a)?\s+", ""),
    ],
)
def test_gate_cuts_a_pattern_around_its_blocks(pattern, prefix, suffix):
    """The gate is the pattern's own text before and after its blocks, cut exactly."""
    block = r"(?P<value>\d+(?:[.,]\d+)?)"
    expanded = pattern.replace("BLOCK", block)
    head = pattern.index("BLOCK")
    tail = pattern.rindex("BLOCK") + len(block)
    gate = prefilter.gate_of(expanded, head, tail)
    assert gate == prefilter.Gate(prefix, suffix)


@pytest.mark.parametrize(
    "pattern",
    [
        r"a\s+BLOCK|b",  # an alternative at the top level: no part is in every match
        r"(?i)a\s+BLOCK",  # a global flag reaches across the cut
        r"[[:alpha:]]\s+BLOCK",  # POSIX classes are not read here
    ],
)
def test_no_gate_where_a_cut_is_not_exact(pattern):
    """Patterns whose parts the cut could change have no gate."""
    block = r"(?P<value>\d+)"
    expanded = pattern.replace("BLOCK", block)
    head = pattern.index("BLOCK")
    assert prefilter.gate_of(expanded, head, head + len(block)) is None
