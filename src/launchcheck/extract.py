"""(Article, RuleSet) → claims: every rule pattern run over the article text.

Pure: no I/O, no clock. Patterns run through the ``regex`` package with a
timeout, so a rule that backtracks catastrophically fails with its file and
line instead of hanging a git hook.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from launchcheck import context, prefilter
from launchcheck.errors import RuleError
from launchcheck.lexicon import lexicon
from launchcheck.model import (
    Basis,
    Claim,
    ClaimContext,
    EventKind,
    Kind,
    Modality,
    Moment,
    Note,
    Span,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from launchcheck.model import Article
    from launchcheck.ruleset.schema import Pattern, Rule, RuleSet

MAX_CLAIMS_PER_RULE = 200  # per article: past this, the text is not prose
MATCH_TIMEOUT = 2.0  # seconds for one match attempt, or a scan of 1 MB of text
SCAN_SECONDS_PER_MB = 6.0  # a scan of a long article may take this much longer
MATCH_SPAN = 4000  # characters an anchored match may look ahead (patterns are bounded)


def _group(match: object, name: str) -> tuple[str, int, int]:
    try:
        value = match.group(name)  # type: ignore[attr-defined]
    except IndexError:
        return "", -1, -1
    if value is None:
        return "", -1, -1
    return value, match.start(name), match.end(name)  # type: ignore[attr-defined]


@lru_cache(maxsize=64)
def _anchor_starts(
    text: str, anchor: str, literals: prefilter.LiteralPass | None = None
) -> tuple[int, ...]:
    """Where a figure block matches: the only places an anchored pattern can start."""
    found = _scan(anchor, text, None, literals)
    return tuple(m.start() for m in found)  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _canonical(
    text: str, literals: prefilter.LiteralPass | None = None
) -> tuple[str | None, dict[str, Sequence[int]]]:
    """The text's canonical form for the literal pass, and its literal offsets.

    Given the rule set's ``literals``, one pass finds every offset of all of
    them; a literal it does not hold is searched for when first asked about.
    """
    low = prefilter.lowered(text)
    if low is None or literals is None:
        return low, {}
    return low, literals.offsets(low)


def literal_pass(ruleset: RuleSet) -> prefilter.LiteralPass:
    """Every literal the rule set's patterns begin with or hold, for one pass.

    Built once per rule set object (kept by identity: hashing a whole rule
    set for every article would cost more than the pass saves).
    """
    kept = _LITERAL_PASSES.get(id(ruleset))
    if kept is not None and kept[0] is ruleset:
        return kept[1]
    if len(_LITERAL_PASSES) >= 4:
        _LITERAL_PASSES.clear()
    built = _build_literal_pass(ruleset)
    _LITERAL_PASSES[id(ruleset)] = (ruleset, built)
    return built


_LITERAL_PASSES: dict[int, tuple[RuleSet, prefilter.LiteralPass]] = {}


def _build_literal_pass(ruleset: RuleSet) -> prefilter.LiteralPass:
    words: list[str] = []
    for rule in ruleset.rules:
        for pattern in rule.patterns:
            starts = prefilter.starts_of(pattern.anchor or pattern.expanded)
            needs = pattern_needs(pattern)
            words += starts.literals if starts is not None else ()
            words += needs.literals if needs is not None else ()
    return prefilter.LiteralPass(tuple(sorted(set(words))))


def _scan(
    source: str,
    text: str,
    last: int | None = None,
    literals: prefilter.LiteralPass | None = None,
    gate: prefilter.Gate | None = None,
) -> Iterator[object]:
    """``finditer`` of pattern ``source`` over ``text``, tried only where a match can begin.

    ``last``, when given, is the last offset a match can begin at (see
    ``prefilter.last_need``). The compiled pattern is fetched only when
    there is somewhere to try it: loading one from the cache costs more
    than the literal pass that rules it out.
    """
    low, found = _canonical(text, literals)
    starts = prefilter.starts_of(source) if low is not None else None
    if starts is None:
        compiled = context.compiled(source)
        return compiled.finditer(text, timeout=scan_timeout(text))  # type: ignore[attr-defined,no-any-return]
    at = prefilter.candidates(low, starts, found)  # type: ignore[arg-type]
    if last is not None:
        at = at[: bisect.bisect_right(at, last)]
    if not at or (gate is not None and not _gate_open(gate, text, at)):
        return iter(())
    return prefilter.finditer(context.compiled(source), at, text, scan_timeout(text))


def _gate_open(
    gate: prefilter.Gate, text: str, at: Sequence[int], *, bounded: bool = False
) -> bool:
    """Whether a match may begin at one of ``at`` (sorted), by the gate alone.

    False only when none can: the pattern then need not be loaded. With
    ``bounded``, a match at ``pos`` is tried with ``endpos`` ``pos +
    MATCH_SPAN`` (anchored patterns), and so is the gate's prefix.
    """
    try:
        first = at[0]
        if gate.prefix:
            first = _first_start(context.compiled(gate.prefix), text, at, bounded)
            if first < 0:
                return False
        if not gate.suffix:
            return True
        # A match begins at a candidate the prefix passed, the first of
        # which is ``first``, and holds a match of the suffix after it.
        suffix = context.compiled(gate.suffix)
        return suffix.search(text, first, timeout=MATCH_TIMEOUT) is not None  # type: ignore[attr-defined]
    except TimeoutError:
        return True  # undecided: try the pattern itself


@lru_cache(maxsize=1024)
def pattern_needs(pattern: Pattern) -> prefilter.Needs | None:
    """The literals one of which every match of ``pattern`` holds (see prefilter)."""
    known = prefilter.preloaded_needs(pattern.expanded)
    if known is not None:
        return known[0]
    from launchcheck.ruleset.loader import spaces_to_whitespace

    return prefilter.needs_of(
        pattern.expanded, spaces_to_whitespace(pattern.source), pattern.blocks
    )


def _first_start(prefix: object, text: str, at: Sequence[int], bounded: bool) -> int:
    """The first offset of ``at`` where ``prefix`` matches (as the pattern would), or -1."""
    match = prefix.match  # type: ignore[attr-defined]
    size = len(text)
    for p in at:
        end = min(size, p + MATCH_SPAN) if bounded else size
        if match(text, p, end, timeout=MATCH_TIMEOUT) is not None:
            return p
    return -1


def pattern_gate(pattern: Pattern) -> prefilter.Gate | None:
    """The gate of ``pattern`` (see ``prefilter.Gate``), from its own text around its blocks.

    Derived when the rule set is stored in the cache; None for a pattern
    without blocks or whose expansion is not its source with blocks filled in.
    """
    from launchcheck.ruleset.loader import BLOCK_RE, spaces_to_whitespace

    text = spaces_to_whitespace(pattern.source)
    blocks = list(BLOCK_RE.finditer(text))
    if not blocks:
        return None
    head, tail_text = blocks[0].start(), text[blocks[-1].end() :]
    tail = len(pattern.expanded) - len(tail_text)
    if (
        tail < head
        or pattern.expanded[:head] != text[:head]
        or not pattern.expanded.endswith(tail_text)
    ):
        return None
    return prefilter.gate_of(pattern.expanded, head, tail)


def scan_timeout(text: str) -> float:
    """The time a whole-text scan may take, growing with the text.

    A long article is slow rather than blamed on a rule; a catastrophic pattern
    still stops (it takes seconds on a few kilobytes).
    """
    return MATCH_TIMEOUT + SCAN_SECONDS_PER_MB * len(text) / 1e6


def _matches(
    pattern: Pattern,
    article: Article,
    notes: list[Note] | None = None,
    literals: prefilter.LiteralPass | None = None,
) -> Iterator[object]:
    """Matches in text order, lazily, so a capped rule stops scanning early.

    A pattern that runs past its timeout raises ``RuleError`` (file:line of
    the pattern); given ``notes``, it instead stops for this article and a
    warning note names the rule and the article, so the run reports the rest.
    """
    text = article.text
    low, found = _canonical(text, literals)
    needs = pattern_needs(pattern) if low is not None else None
    # Every match holds one of the needed words: it begins at or before the
    # last of them, and there is none when the text holds none of them.
    last = prefilter.last_need(low, needs, found) if needs is not None else None  # type: ignore[arg-type]
    if last is not None and last < 0:
        return
    gate = prefilter.preloaded_gate(pattern.expanded)
    try:
        if not pattern.anchor:
            yield from _scan(pattern.expanded, text, last, literals, gate)
            return
        at = _anchor_starts(text, pattern.anchor, literals)
        if last is not None:
            at = at[: bisect.bisect_right(at, last)]
        if not at or (
            gate is not None and not _gate_open(gate, text, at, bounded=True)
        ):
            return
        compiled = context.compiled(pattern.expanded)
        for pos in at:
            # regex's match() costs time in the length of the text after
            # pos unless endpos bounds it: no rule match spans 4,000 chars.
            end = min(len(text), pos + MATCH_SPAN)
            m = compiled.match(text, pos, end, timeout=MATCH_TIMEOUT)  # type: ignore[attr-defined]
            if m is not None:
                yield m
    except TimeoutError:
        message = (
            f"pattern took over {scan_timeout(text):.0f}s on {article.path}"
            " (catastrophic backtracking?); simplify nested repeats"
        )
        if notes is None:
            raise RuleError(pattern.location, message) from None
        notes.append(
            Note(pattern.location, f"{message}; its claims there are skipped", True)
        )


def extract_claims(
    article: Article, ruleset: RuleSet, notes: list[Note] | None = None
) -> tuple[Claim, ...]:
    """All claims the rules find in one article, in text order, without overlaps.

    The day a time claim states ("7:10 a.m. Thursday, Pyongyang time") is a
    claim of the time rule's date rule, read in the zone written with the
    time; the date rule's own reading of the same words is then dropped, as
    it would place the day in the article's zone instead.
    """
    starts = context.sentence_starts(article.text)
    _, skip, _ = context.dateline(article.text)
    own: list[Claim] = []
    parts: list[Claim] = []
    literals = literal_pass(ruleset)
    for rule in ruleset.rules:
        for c in _rule_claims(article, rule, ruleset, starts, notes, literals):
            if c.span.start >= skip:
                (own if c.rule == rule.rule_id else parts).append(c)
    stated = {(c.rule, c.span.start) for c in parts}
    claims = [c for c in own if (c.rule, c.span.start) not in stated] + parts
    claims.sort(key=lambda c: (c.span.start, c.rule))
    return tuple(claims)


def _value_span(rule: Rule, match: object) -> tuple[int, int]:
    """The span a reader would call "the value as written"."""
    names = {
        Kind.DATE: ("date",),
        Kind.TIME: ("time", "zone", "date", "zone2"),
    }.get(rule.kind, ("hedge", "value", "alt_value"))
    spans = [(s, e) for n in names for _, s, e in [_group(match, n)] if s >= 0]
    if rule.kind is Kind.QUANTITY and _group(match, "alt_value")[1] >= 0:
        spans.append((match.start("alt_value"), match.end("alt_value") + 1))  # type: ignore[attr-defined]
    if not spans:
        return 0, 0  # a branch of the pattern that holds no value: no claim
    return min(s for s, _ in spans), max(e for _, e in spans)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a span already taken (log time)."""
    i = bisect.bisect_left(taken, (start, end))
    return any(s < end and start < e for s, e in taken[max(i - 1, 0) : i + 1])


def _rule_claims(
    article: Article,
    rule: Rule,
    ruleset: RuleSet,
    starts: tuple[int, ...],
    notes: list[Note] | None = None,
    literals: prefilter.LiteralPass | None = None,
) -> list[Claim]:
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans
    out: list[Claim] = []
    for pattern in rule.patterns:
        for match in _matches(pattern, article, notes, literals):
            if len(out) >= MAX_CLAIMS_PER_RULE:
                break
            start, end = _value_span(rule, match)
            if start >= end or _overlaps(taken, start, end):
                continue
            hedge = " ".join(_group(match, "hedge")[0].lower().split())
            if hedge and rule.hedges and hedge not in rule.hedges:
                continue  # the rule does not claim to understand this hedge
            bisect.insort(taken, (start, end))
            claim = _claim(article, rule, ruleset, match, start, end, starts)
            out.append(claim)
            if rule.date_rule and claim.date:
                out.append(
                    _date_part(article, ruleset.rule(rule.date_rule), claim, match)
                )
    return out


def _date_part(article: Article, date_rule: Rule, claim: Claim, match: object) -> Claim:
    """The day a clock time names ("10:15 a.m. on Thursday 17 November").

    It is a claim about the launch date too, and is judged there; the time
    itself is then compared as a time of day.
    """
    _, start, end = _group(match, "date")
    # "8:15 p.m. Eastern time, Friday morning in Pyongyang": the zone written
    # after the day is the day's zone.
    zone = _group(match, "zone2")[0] or claim.zone
    return replace(
        claim,
        zone=zone,
        rule=date_rule.rule_id,
        fact=date_rule.fact,
        kind=Kind.DATE,
        span=Span(article.path, start, end),
        location=article.locate(start),
        text=" ".join(article.text[start:end].split()),
        value=claim.date,
        date="",
    )


def _claim(
    article: Article,
    rule: Rule,
    ruleset: RuleSet,
    match: object,
    start: int,
    end: int,
    starts: tuple[int, ...],
) -> Claim:
    text = article.text
    s_start, s_end = context.sentence_at(text, starts, start)
    sentence = text[s_start:s_end]
    c_start, c_end = context.clause_at(sentence, start - s_start)
    clause = sentence[c_start:c_end]
    own = (start - s_start - c_start, end - s_start - c_start)
    blanked = (
        clause[: max(own[0], 0)] + " " * (own[1] - max(own[0], 0)) + clause[own[1] :]
    )
    event = _group(match, "event")[0]
    # A statement the article reports as replaced is about this launch: its
    # pluperfect ("first said the North had fired") marks no other event.
    superseded = context.superseded_of(clause, own) if rule.event_cues else ""
    if not event and rule.event_cues and not superseded:
        predicate = None
        if rule.kind is Kind.COUNT:
            whole = match.span()  # type: ignore[attr-defined]
            base = s_start + c_start
            predicate = (whole[0] - base, whole[1] - base)
        event = context.other_event(
            clause, ruleset.other_event, own, ruleset.future_event, predicate
        )
    scope = _group(match, "scope")[0]
    if scope:
        scope = context.canonical(scope, ruleset.places)
    if rule.kind is Kind.NAME:
        # The office a person is named for is the scope: one holder per office.
        role_text = _group(match, "role")[0]
        role = rule.label_of(role_text) or " ".join(role_text.lower().split())
        scope = f"{scope} {role}".strip()
    source = _group(match, "source")[0]
    basis = Basis.SENTENCE if source else Basis.NONE
    if source:
        source = context.canonical(source, ruleset.sources)
    elif rule.event_cues:
        # Context facts (elections, office holders) are not what the
        # sentence's attribution ("..., the JCS said") vouches for.
        source = context.source_of(sentence, start - s_start, ruleset.sources)
        basis = Basis.SENTENCE if source else Basis.NONE
        if not source:
            source = context.paragraph_source(text, starts, s_start, ruleset.sources)
            basis = Basis.PARAGRAPH if source else Basis.NONE
    if rule.kind is Kind.DATE:
        value = _group(match, "date")[0]
    elif rule.kind is Kind.TIME:
        value = _group(match, "time")[0]
    else:
        value = _group(match, "value")[0]
    ctx = _context(
        article,
        rule,
        event,
        basis,
        scope,
        (start, end),
        clause,
        own,
        starts,
        superseded,
    )
    return Claim(
        rule=rule.rule_id,
        fact=rule.fact,
        kind=rule.kind,
        span=Span(article.path, start, end),
        location=article.locate(start),
        text=" ".join(text[start:end].split()),
        value=" ".join(value.split()),
        hedge=" ".join(_group(match, "hedge")[0].lower().split()),
        unit=_group(match, "unit")[0],
        zone=_group(match, "zone")[0] or _group(match, "zone2")[0],
        date=_group(match, "date")[0] if rule.kind is Kind.TIME else "",
        scope=scope,
        event=event,
        source=source,
        alt_hedge=" ".join(_group(match, "alt_hedge")[0].lower().split()),
        alt_value=" ".join(_group(match, "alt_value")[0].split()),
        sentence=" ".join(sentence.split()),
        clause=" ".join(blanked.split()),
        clause_start=s_start + c_start,
        clause_end=s_start + context.coordinate_end(sentence, end - s_start),
        context=ctx,
    )


def _context(
    article: Article,
    rule: Rule,
    event: str,
    basis: Basis,
    scope: str,
    span: tuple[int, int],
    clause: str,
    own: tuple[int, int],
    starts: tuple[int, ...],
    superseded: str = "",
) -> ClaimContext:
    """Decide the claim's typed context once: event, moment, modality, place, source."""
    moment: Moment | None = None
    moment_cue = ""
    if rule.moment and rule.kind in (Kind.DATE, Kind.TIME):
        name, moment_cue = context.moment_at(article.text, starts, *span)
        if rule.kind is Kind.DATE:
            # A date rule's own verb names its moment, unless the date is a
            # page stamp or belongs to a nearer announcement or alert ("...,
            # the agency reported on Saturday": the day of the report, not
            # the launch's; "the alert on Thursday": the alert's day; "the
            # countdown began on Thursday": the countdown's).
            keep = name in ("stamp", "announcement", "warning", "countdown")
            moment = Moment(name) if keep else Moment(rule.moment)
            moment_cue = moment_cue if keep else ""
        else:
            moment = Moment(name) if name else Moment.UNKNOWN
    modality, modality_cue = Modality.ACTUAL, ""
    sequel = ""
    if moment is not None and moment.value in (
        "fall",
        "separation",
        "warning",
        "announcement",
    ):
        plan, plan_cue = context.modality_of(clause, own)
        s_start, s_end = context.sentence_at(article.text, starts, span[0])
        sequel = context.sequel_of(
            article.text[s_start : max(s_end, span[1])],
            moment.value,
            moment_cue,
            plan_cue if plan == "plan" else "",
        )
    if rule.event_cues and rule.modality and rule.kind in (Kind.QUANTITY, Kind.COUNT):
        found, modality_cue = context.modality_of(clause, own)
        modality = Modality(found) if found else Modality.ACTUAL
        # A figure tied to one instant is no extreme (apogee, range); a rule
        # that reads the time of a moment (``moment:``) reads that instant.
        if rule.kind is Kind.QUANTITY and not rule.moment:
            instant = context.instant_of(clause, own)
            if instant:
                moment, moment_cue = Moment.INSTANT, instant
    if superseded:
        modality, modality_cue = Modality.SUPERSEDED, superseded
    return ClaimContext(
        event=EventKind.OTHER if event else EventKind.THIS,
        event_cue=event,
        moment=moment,
        moment_cue=moment_cue,
        rule_moment=Moment(rule.moment) if rule.moment else None,
        modality=modality,
        modality_cue=modality_cue,
        place_parents=lexicon().ancestors(scope) if scope else (),
        source_basis=basis,
        sequel_cue=sequel,
    )
