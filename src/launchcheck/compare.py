"""Facts → findings: group by (rule, scope, event), then test every pair.

Pure. Two facts conflict only when their values cannot both hold: disjoint
intervals, disjoint time windows, or different category labels. Figures about
another event are listed but never compared; figures about different places
or groups land in different groups and so are never compared either.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from itertools import combinations
from typing import TYPE_CHECKING, Any

from launchcheck.kinds import DAY, MINUTE, REL_TOL, spec_for
from launchcheck.model import (
    Category,
    EventKind,
    Finding,
    Interval,
    Kind,
    Modality,
    Moment,
    Verdict,
    Window,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from launchcheck.model import Fact


def compare_facts(facts: Iterable[Fact]) -> tuple[Finding, ...]:
    """Every finding for a story, contradictions first, then by fact and place.

    Claims are grouped by rule and by what their context says they are about
    (place, event, moment, modality). This launch's figures are compared with
    each other; so are the figures of one other event named the same way, of
    one other moment (fall times with fall times) or of one capability or plan.
    Background dates, page stamps and times of no known moment are listed as
    not compared, with the reason.
    """
    groups: dict[tuple[str, str, str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        c = fact.claim
        groups[(c.rule, *c.group)].append(fact)
    scopes: dict[str, set[str]] = defaultdict(set)
    for rule, scope, event, moment, modality in groups:
        if not (event or moment or modality):
            scopes[rule].add(scope)
    findings: list[Finding] = []
    for (rule, scope, event, moment, modality), members in groups.items():
        members.sort(key=lambda f: (f.claim.span.article, f.claim.span.start))
        if not (event or moment or modality):
            findings.extend(_conversions(rule, scope, members))
            findings.append(_judge(rule, scope, members, len(scopes[rule]) > 1))
            continue
        findings.append(_apart(rule, scope, event, members))
    findings.extend(_sequences(groups))
    findings.extend(_elapsed(groups))
    findings.extend(_part_exceeds_whole(groups))
    order = {v: i for i, v in enumerate(Verdict)}
    findings.sort(key=lambda f: (order[f.verdict], f.rule, f.scope, f.event))
    return tuple(findings)


# Times of other moments compared with each other: the fall is one moment.
# Announcements and alerts are not (each body announces, and an alert is
# issued and lifted, at its own time), nor are separations (stage after
# stage), stamps, times of no known moment, or background dates (they differ
# by article: "9 days before publication").
_COMPARABLE_MOMENTS = (None, Moment.FALL)


def _apart(rule: str, scope: str, event: str, members: list[Fact]) -> Finding:
    """A group kept apart from this launch: compared within itself where sound."""
    ctx = members[0].claim.context
    moment = ctx.moment if ctx.other_moment else None
    why = _why_apart(members[0])
    reason = f"not compared with this launch: {why}"
    # Another event is compared within itself only when it is named the same
    # way by something specific (a sibling's name, a dated cue such as
    # "december 2023"): "the previous test" in two articles may be two tests.
    specific = (
        not event or ctx.event is EventKind.SIBLING or any(ch.isdigit() for ch in event)
    )
    comparable = (
        ctx.event is not EventKind.BACKGROUND
        and ctx.modality is not Modality.SUPERSEDED
        and specific
        and moment in _COMPARABLE_MOMENTS
        and len({f.claim.span.article for f in members}) > 1
    )
    if comparable:
        judged = _judge(rule, scope, members, False)
        if judged.verdict is not Verdict.SINGLE:
            return replace(
                judged,
                event=event,
                moment=moment,
                modality=ctx.modality,
                reason=f"{judged.reason} ({why})",
            )
    return Finding(
        members[0].claim.fact,
        rule,
        Verdict.OTHER_SCOPE,
        tuple(members),
        reason,
        scope,
        event,
        moment=moment,
        modality=ctx.modality,
    )


# An alert or a fall with no date is read as coming within this long after the
# launch, so a clock time can be placed against the launch's modulo one day:
# missile alerts are issued minutes after detection and the longest flights
# reported (an ICBM, a Starship test) last about an hour. Announcements can
# come the next day and are placed only by their date.
SEQUEL_WITHIN = 12 * 3600.0
_SEQUEL_WORDS = {
    Moment.WARNING: "an alert",
    Moment.ANNOUNCEMENT: "a report of the launch",
    Moment.FALL: "the fall",
    Moment.SEPARATION: "a separation",
}


def _sequences(
    groups: dict[tuple[str, str, str, str, str], list[Fact]],
) -> list[Finding]:
    """Times of moments that follow the launch, set against the launch's own.

    An alert, a report of the launch, a fall or a separation cannot come
    before the launch (``ClaimContext.sequel_cue`` says why each follows it).
    Sirens at 7:30 p.m. against a launch "around 10 pm" cannot both hold; a
    report dated Wednesday cannot be of a launch others date Thursday. One
    finding per rule, place and moment, listing the launch's claims and the
    moment's claims with the pairs that cannot both hold.
    """
    out: list[Finding] = []
    for (rule, scope, event, moment, modality), sequels in groups.items():
        if event or modality or not moment:
            continue
        launch = groups.get((rule, scope, "", "", ""))
        kept = [f for f in sequels if f.claim.context.sequel_cue]
        if not launch or not kept or not isinstance(kept[0].value, Window):
            continue
        members, pairs = _across(
            launch, kept, lambda first, then: _precedes(then, first)
        )
        if not pairs:
            continue
        then_moment = kept[0].claim.context.moment
        verdict = _verdict_of(members, pairs)
        first, then = members[pairs[0][0]], members[pairs[0][1]]
        assert then_moment is not None
        what = _SEQUEL_WORDS.get(then_moment, then_moment.value)
        reason = (
            f"'{then.claim.text}' ({_where(then)}), {what} ('{then.claim.context.sequel_cue}'),"
            f" is {then.display}, before the launch '{first.claim.text}' ({_where(first)})"
            f" at {first.display}: {what} follows the launch"
        )
        out.append(
            Finding(
                members[0].claim.fact,
                rule,
                verdict,
                tuple(members),
                reason,
                scope,
                "",
                tuple(pairs),
                moment=then_moment,
            )
        )
    return out


def _elapsed(
    groups: dict[tuple[str, str, str, str, str], list[Fact]],
) -> list[Finding]:
    """A time after liftoff against a clock time of the same moment.

    Where the story agrees on the launch's clock time, "flew for 73 minutes"
    puts the fall at launch + 73 minutes; a fall stated at a clock time that
    cannot be that is a contradiction ("T+49 minutes" against 14:31 UTC for a
    13:25 UTC liftoff). Duration rules say which moment they time
    (``moment:``); the clock times are the launch-time rule's claims of that
    moment that follow the launch (``sequel_cue``: no forecast). Nothing is
    derived when the story's launch times disagree or are missing.
    """
    out: list[Finding] = []
    for (rule, scope, event, moment, modality), durations in groups.items():
        head = durations[0]
        ends = head.claim.context.rule_moment
        if event or moment or modality or ends is None:
            continue
        if not isinstance(head.value, Interval):
            continue
        for (t_rule, t_scope, t_event, t_moment, t_modality), clocks in groups.items():
            if t_event or t_modality or t_moment != ends.value or t_scope != scope:
                continue
            stated = [f for f in clocks if f.claim.context.sequel_cue]
            anchor = _launch_anchor(groups.get((t_rule, scope, "", "", ""), []))
            if not stated or anchor is None:
                continue
            found = _elapsed_finding(rule, scope, durations, stated, anchor, ends)
            if found is not None:
                out.append(found)
    return out


def _part_exceeds_whole(
    groups: dict[tuple[str, str, str, str, str], list[Fact]],
) -> list[Finding]:
    """A count for a place that exceeds the same count for a place containing it.

    Figures for a region and for its country are never compared as one
    figure (they are different scopes), but the part may not exceed the
    whole: 12,000 troops in Kursk against 10,000 in all of Russia cannot both
    hold. Only counts: a distance from a region is no part of a distance from
    its country. Places contain each other per the lexicon's gazetteer.
    """
    out: list[Finding] = []
    for (rule, part, event, moment, modality), parts in groups.items():
        if not part or event or moment or modality:
            continue
        head = parts[0]
        if head.claim.kind is not Kind.COUNT:
            continue
        for whole in head.claim.context.place_parents:
            wholes = groups.get((rule, whole, "", "", ""))
            if not wholes:
                continue
            members, pairs = _across(parts, wholes, _exceeds)
            if not pairs:
                continue
            i, j = pairs[0]
            a, b = members[i], members[j]
            reason = (
                f"'{a.claim.text}' in {part} ({_where(a)}) = {_in_unit(a.value, a.value)}"  # type: ignore[arg-type]
                f" exceeds '{b.claim.text}' in {whole} ({_where(b)})"
                f" = {_in_unit(b.value, a.value)}: {part} is part of {whole}"  # type: ignore[arg-type]
            )
            verdict = _verdict_of(members, pairs)
            out.append(
                Finding(
                    head.claim.fact,
                    rule,
                    verdict,
                    tuple(members),
                    reason,
                    part,
                    "",
                    tuple(pairs),
                )
            )
    return out


def _launch_anchor(launch: list[Fact]) -> Fact | None:
    """The story's launch time, when its claims agree: the span they all allow.

    The widest reading is kept ("10:14" and "10:15" give 10:14–10:16), so a
    derived time is never more precise than the sources that fix it. The
    fact returned is the most precise claim, carrying that span.
    """
    times = [f for f in launch if isinstance(f.value, Window)]
    if not times:
        return None
    if any(conflicts(a, b) for a, b in combinations(times, 2)):
        return None
    best = min(times, key=lambda f: f.value.end - f.value.start)  # type: ignore[union-attr]
    window = best.value
    assert isinstance(window, Window)
    near = [
        f.value
        for f in times
        if isinstance(f.value, Window)
        and f.value.clock_only == window.clock_only
        and abs((f.value.start - window.start).total_seconds()) < DAY / 2
    ]
    hull = replace(
        window,
        start=min(w.start for w in near),
        end=max(w.end for w in near),
    )
    return replace(best, value=hull)


def _elapsed_finding(
    rule: str,
    scope: str,
    durations: list[Fact],
    stated: list[Fact],
    anchor: Fact,
    ends: Moment,
) -> Finding | None:
    start = anchor.value
    assert isinstance(start, Window)
    members = [*durations, *stated]
    n = len(durations)
    pairs: list[tuple[int, int]] = []
    derived: dict[int, Window] = {}
    for i, d in enumerate(durations):
        span = d.value
        if not isinstance(span, Interval) or span.high > DAY:
            continue
        at = Window(
            start.start + timedelta(seconds=span.low),
            start.end + timedelta(seconds=span.high),
            start.zone,
            "minute",
            start.clock_only,
        )
        derived[i] = at
        for j, c in enumerate(stated):
            probe = replace(d, value=at)
            if conflicts(probe, c):
                pairs.append((i, n + j))
    if not pairs:
        return None
    i, j = pairs[0]
    d, c = members[i], members[j]
    at = derived[i]
    what = _SEQUEL_WORDS.get(ends, ends.value)
    reason = (
        f"'{d.claim.text}' ({_where(d)}) after the launch at {anchor.display}"
        f" ('{anchor.claim.text}', {_where(anchor)}) puts {what} at"
        f" {at.start:%H:%M}–{at.end:%H:%M} UTC, but '{c.claim.text}' ({_where(c)})"
        f" is {c.display}: the time after liftoff and the clock time do not fit"
    )
    verdict = _verdict_of(members, pairs)
    return Finding(
        d.claim.fact,
        rule,
        verdict,
        tuple(members),
        reason,
        scope,
        "",
        tuple(sorted(pairs)),
        moment=ends,
    )


def _precedes(then: Fact, first: Fact) -> bool:
    """True when ``then`` (a moment after the launch) lies wholly before ``first``."""
    x, y = then.value, first.value
    if not (isinstance(x, Window) and isinstance(y, Window)):
        return False
    short = all((w.end - w.start).total_seconds() <= 2 * MINUTE for w in (x, y))
    slack = MINUTE if short else 0.0
    if not (x.clock_only or y.clock_only):
        return (y.start - x.end).total_seconds() >= slack
    if then.claim.context.moment is Moment.ANNOUNCEMENT:
        return (
            False  # a report may come the next day: its clock time alone places nothing
        )

    def seconds(t: object) -> float:
        return (t.hour * 3600 + t.minute * 60 + t.second) % DAY  # type: ignore[attr-defined]

    x0 = seconds(x.start)
    x1 = x0 + (x.end - x.start).total_seconds()
    y0 = seconds(y.start)
    y1 = y0 + (y.end - y.start).total_seconds()
    # Consistent when some placement puts ``then`` 0 to SEQUEL_WITHIN after ``first``.
    return not any(
        x1 + k - y0 >= -slack and x0 + k - y1 <= SEQUEL_WITHIN for k in (-DAY, 0.0, DAY)
    )


def _why_apart(fact: Fact) -> str:
    """Why a claim is kept apart from this launch, in a few words."""
    claim, ctx = fact.claim, fact.claim.context
    if claim.event:
        if ctx.event is EventKind.SIBLING:
            return f"about another event: it names {claim.event}"
        if ctx.event is EventKind.BACKGROUND:
            return f"about another event: a date {claim.event}"
        return f"about another event ({ctx.event_cue or claim.event})"
    return ctx.not_compared_because()


def conflicts(a: Fact, b: Fact) -> bool:
    """True when the two values cannot both be true (the kind decides how)."""
    return spec_for(a).conflicts(a.value, b.value)


def _judge(rule: str, scope: str, members: list[Fact], scoped: bool) -> Finding:
    pairs = tuple(_conflicting_pairs(members))
    fact_name = members[0].claim.fact
    if pairs:
        verdict = _verdict_of(members, pairs)
        i, j = pairs[0]
        reason = _conflict_reason(members[i], members[j], verdict)
        return Finding(
            fact_name, rule, verdict, tuple(members), reason, scope, "", pairs
        )
    articles = {f.claim.span.article for f in members}
    if len(articles) < 2:
        if scoped:
            reason = (
                f"only this article speaks of {scope or 'no stated place or office'};"
                " figures for other places, groups or offices are not compared"
            )
            return Finding(
                fact_name, rule, Verdict.OTHER_SCOPE, tuple(members), reason, scope
            )
        reason = "stated in one article only" + (
            "" if len(members) == 1 else f", {len(members)} times, consistently"
        )
        return Finding(fact_name, rule, Verdict.SINGLE, tuple(members), reason, scope)
    written = {" ".join(f.claim.text.lower().split()) for f in members}
    if len(written) == 1:
        return Finding(
            fact_name,
            rule,
            Verdict.AGREEMENT,
            tuple(members),
            "stated the same way",
            scope,
        )
    reason = _agreement_reason(members)
    return Finding(fact_name, rule, Verdict.SURFACE_ONLY, tuple(members), reason, scope)


def _conflicting_pairs(members: list[Fact]) -> list[tuple[int, int]]:
    """Index pairs whose values cannot both hold.

    Two category values in one article are not a contradiction: an article
    that says a rocket has solid boosters and a liquid core describes two
    parts, not one thing twice.

    Values are compared once per distinct (source, value), not per claim: a
    story of thousands of articles that agree costs as many tests as it has
    distinct statements, and the pairs reported (every claim of each
    conflicting statement) are all the rest of the work. The distinct values
    are sorted and swept (``_conflicting_keys``), so a fact with ``n``
    statements costs ``O(n log n + k)``, ``k`` being the conflicting pairs.
    """
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, f in enumerate(members):
        groups.setdefault((f.claim.source, value_key(f)), []).append(i)
    keys = list(groups)
    firsts = [members[groups[k][0]] for k in keys]
    out: list[tuple[int, int]] = []
    for x, y in _conflicting_keys(firsts):
        left, right = groups[keys[x]], groups[keys[y]]
        if not isinstance(firsts[x].value, Category):
            # Every claim of one statement against every claim of the other:
            # this is the k of O(n log n + k), so it is kept tight.
            out.extend((i, j) if i < j else (j, i) for i in left for j in right)
            continue
        for i in left:
            a = members[i]
            for j in right:
                b = members[j]
                if (
                    a.claim.span.article == b.claim.span.article
                    and not spec_for(a).conflicts_in_one_article
                ):
                    continue
                out.append((i, j) if i < j else (j, i))
    out.sort()
    return out


def _conflicting_keys(facts: list[Fact]) -> list[tuple[int, int]]:
    """Index pairs ``(x, y)``, ``x < y``, of ``facts`` for which ``conflicts`` holds.

    The same pairs as testing every pair, found by kind: intervals sorted by
    their low end, each tested only against those starting above its high
    end (a conflict needs a gap; the tolerance only narrows it); windows
    likewise by start; categories by label (every other label conflicts).
    Clock-only windows (read modulo a day) and values of mixed or unknown
    kinds are tested pairwise.
    """
    intervals = [i for i, f in enumerate(facts) if isinstance(f.value, Interval)]
    windows = [i for i, f in enumerate(facts) if isinstance(f.value, Window)]
    labels = [i for i, f in enumerate(facts) if isinstance(f.value, Category)]
    found: set[tuple[int, int]] = set()
    # Values of different kinds never conflict (``conflicts`` is False).
    found |= _swept(facts, intervals, lambda v: v.low, lambda v: v.high)
    plain = [i for i in windows if not facts[i].value.clock_only]  # type: ignore[union-attr]
    clock = [i for i in windows if facts[i].value.clock_only]  # type: ignore[union-attr]
    found |= _swept(facts, plain, lambda v: v.start, lambda v: v.end)
    # A clock-only window is compared modulo a day with every window.
    for x in clock:
        for y in windows:
            if x != y and conflicts(facts[x], facts[y]):
                found.add((min(x, y), max(x, y)))
    by_label: dict[str, list[int]] = {}
    for i in labels:
        by_label.setdefault(facts[i].value.label, []).append(i)  # type: ignore[union-attr]
    names = list(by_label)
    for a, b in combinations(names, 2):
        for x in by_label[a]:
            for y in by_label[b]:
                if conflicts(facts[x], facts[y]):
                    found.add((min(x, y), max(x, y)))
    return sorted(found)


def _swept(
    facts: list[Fact],
    chosen: list[int],
    low: Callable[[Any], Any],
    high: Callable[[Any], Any],
) -> set[tuple[int, int]]:
    """Conflicting pairs among ``chosen``: each value against those that start past its end.

    ``conflicts`` needs one value to end before (or where) the other starts,
    so a value is tested only against the values whose low end is at or
    above its high end, found by bisection in the values sorted by low end.
    An ill-formed value (high below low, or unordered) is tested against all.
    """
    out: set[tuple[int, int]] = set()
    try:
        order = sorted(chosen, key=lambda i: low(facts[i].value))
        lows = [low(facts[i].value) for i in order]
        sound = all(low(facts[i].value) <= high(facts[i].value) for i in chosen)
    except TypeError:
        sound = False
    if not sound:
        for x, y in combinations(chosen, 2):
            if conflicts(facts[x], facts[y]):
                out.add((min(x, y), max(x, y)))
        return out
    for x in chosen:
        end = high(facts[x].value)
        for y in order[bisect.bisect_left(lows, end) :]:
            if y != x and conflicts(facts[x], facts[y]):
                out.add((min(x, y), max(x, y)))
    return out


def value_key(fact: Fact) -> tuple[object, ...]:
    """A hashable key equal for facts whose values are the same statement."""
    return spec_for(fact).key(fact.value)


def _across(
    first: list[Fact],
    second: list[Fact],
    conflict: Callable[[Fact, Fact], bool],
) -> tuple[list[Fact], list[tuple[int, int]]]:
    """Two groups as one member list, and the (first, second) pairs that conflict.

    Pairs index the member list (``second``'s members follow ``first``'s) and
    are sorted, as a finding's pairs are.
    """
    n = len(first)
    pairs = sorted(
        (i, n + j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if conflict(a, b)
    )
    return [*first, *second], pairs


def _exceeds(part: Fact, whole: Fact) -> bool:
    """A part's count is above its whole's, past rounding (``REL_TOL``)."""
    p, w = part.value, whole.value
    if not isinstance(p, Interval) or not isinstance(w, Interval):
        return False
    return p.low > w.high + REL_TOL * max(abs(w.high), 1.0)


def _verdict_of(
    members: list[Fact], pairs: list[tuple[int, int]] | tuple[tuple[int, int], ...]
) -> Verdict:
    """A conflict between named sources only is ``SOURCES_DISAGREE``; else ``CONTRADICTION``."""
    if all(_named_apart(members[i], members[j]) for i, j in pairs):
        return Verdict.SOURCES_DISAGREE
    return Verdict.CONTRADICTION


def _named_apart(a: Fact, b: Fact) -> bool:
    sa, sb = a.claim.source, b.claim.source
    return bool(sa and sb and sa.lower() != sb.lower())


def _conversions(rule: str, scope: str, members: list[Fact]) -> list[Finding]:
    """A claim that fails a check of its own is a finding too.

    An article's own conversion in parentheses that is wrong, or a person named
    for an office they did not hold on the article's date (rule set role table).
    """
    out = []
    for fact in members:
        if isinstance(fact.value, Interval | Category) and fact.value.note:
            out.append(
                Finding(
                    fact.claim.fact,
                    rule,
                    Verdict.CONTRADICTION,
                    (fact,),
                    f"{fact.claim.text}: {fact.value.note}",
                    scope,
                    "",
                    ((0, 0),),
                )
            )
    return out


def _fmt(value: float) -> str:
    if abs(value) >= 1e15:
        return "∞"
    if abs(value) >= 100 or abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _in_unit(x: Interval, ref: Interval) -> str:
    """``x`` expressed in ``ref``'s written unit, as a range."""
    low, high = x.low / ref.per_unit, x.high / ref.per_unit
    unit = f" {ref.unit}" if ref.unit else ""
    if _fmt(low) == _fmt(high):
        return f"{_fmt(low)}{unit}"
    return f"{_fmt(low)}–{_fmt(high)}{unit}"


def _where(fact: Fact) -> str:
    loc = fact.claim.location
    return f"{loc.path.replace(chr(92), '/').rsplit('/', 1)[-1]}:{loc.line}"


def _conflict_reason(a: Fact, b: Fact, verdict: Verdict) -> str:
    """Name both sides, where they stand, and why they cannot both hold."""
    who = ""
    if verdict is Verdict.SOURCES_DISAGREE:
        who = f"; {a.claim.source} vs {b.claim.source}"
    x, y = a.value, b.value
    left = f"'{a.claim.text}' ({_where(a)})"
    right = f"'{b.claim.text}' ({_where(b)})"
    if isinstance(x, Interval) and isinstance(y, Interval):
        return (
            f"{left} = {_in_unit(x, x)} but {right} = {_in_unit(y, x)}: no overlap{who}"
            + _bases([a, b])
        )
    if isinstance(x, Window) and isinstance(y, Window):
        return f"{left} is {a.display}, {right} is {b.display}: no overlap{who}"
    if a.claim.text.lower() != a.display.lower():
        left = f"{left} = {a.display}"
    if b.claim.text.lower() != b.display.lower():
        right = f"{right} = {b.display}"
    return f"{left} vs {right}{who}"


def _agreement_reason(members: list[Fact]) -> str:
    ref = members[0]
    x = ref.value
    parts = []
    hedges = sorted({f.claim.hedge for f in members if f.claim.hedge})
    for other in members[1:]:
        if other.claim.text.lower() == ref.claim.text.lower():
            continue
        y = other.value
        if isinstance(x, Interval) and isinstance(y, Interval):
            unit = f" {x.unit}" if x.unit else ""
            if y.unit == x.unit and other.claim.hedge == ref.claim.hedge:
                continue
            if (y.high - y.low) > 0.25 * abs(y.nominal or 1):
                parts.append(f"{other.claim.text} = {_in_unit(y, x)}")
            else:
                parts.append(
                    f"{other.claim.text} ≈ {_fmt(y.nominal / x.per_unit)}{unit}"
                )
        elif isinstance(x, Window) and isinstance(y, Window):
            if x.zone != y.zone:
                parts.append(
                    f"{other.claim.text} ({y.zone}) is the same moment in another zone"
                )
            else:
                parts.append(f"{other.claim.text} overlaps {ref.claim.text}")
        else:
            parts.append(f"{other.claim.text} = {ref.display}")
        if len(parts) == 2:
            break
    within = f"within '{', '.join(hedges)}'" if hedges else "within rounding"
    if isinstance(x, Window):
        within = "windows overlap"
    if isinstance(x, Category):
        within = "same category"
    head = f"{ref.claim.text}: " if parts else ""
    said = f"{head}{'; '.join(parts)}; {within}" if parts else within
    return said + _bases(members)


def _bases(facts: list[Fact]) -> str:
    """How values that are ranges by nature were read (Mach), once each."""
    found = dict.fromkeys(
        f.value.basis for f in facts if isinstance(f.value, Interval) and f.value.basis
    )
    return "".join(f" ({basis})" for basis in found)
