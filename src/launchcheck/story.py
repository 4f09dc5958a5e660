"""Story-level passes: which event each claim is about, decided across articles.

A single sentence rarely says which launch it means. The story does: the
missile class, rocket and designator mentioned most across its articles, and
the launch time and date most articles agree on. These passes use that to
set (and, where the evidence says otherwise, clear) other-event tags.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from launchcheck import context
from launchcheck.compare import conflicts, value_key
from launchcheck.model import EventKind, Kind, Window
from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from launchcheck.model import Article, Claim, Fact
    from launchcheck.ruleset.schema import RuleSet


def tag_subjects(
    articles: Sequence[Article], claims: dict[str, tuple[Claim, ...]], ruleset: RuleSet
) -> dict[str, tuple[Claim, ...]]:
    """Mark claims whose clause names another missile, vehicle or mission.

    What the story is about is decided across all its articles (the most
    mentioned name of each family), so one article's aside about the
    Hwasong-17 or a short-range missile does not pass for this launch.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for article in articles:
        starts = context.sentence_starts(article.text)
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(article.text)
            counts.update(context.mentions(article.text[start:end], ruleset.subjects))
    main = context.main_subjects(dict(counts))
    cued = {r.rule_id for r in ruleset.rules if r.event_cues}
    out = {}
    for path, found in claims.items():
        tagged = []
        for c in found:
            if not c.event and c.rule in cued:
                name = context.other_subject(c.clause, ruleset.subjects, main, c.text)
                name = name or _own_sibling(c, ruleset, main)
                if name:
                    c = _tag(c, name, EventKind.SIBLING)
            tagged.append(c)
        out[path] = _share_events(tagged, cued)
    return out


def _own_sibling(claim: Claim, ruleset: RuleSet, main: dict[str, str]) -> str:
    """The sibling a claim itself names ("a short-range missile" in an ICBM story).

    Such a claim is either about another launch or the article's error; it is
    tagged as another event, and ``confirm_subject_tags`` clears the tag when
    its clause's time or date is this launch's.
    """
    for family, name in sorted(context.mentions(claim.text, ruleset.subjects)):
        if family in main and name != main[family]:
            return name
    return ""


def _share_events(claims: list[Claim], cued: set[str]) -> tuple[Claim, ...]:
    """Claims in one clause describe one event: share an other-event tag.

    "On Sunday at 10:38 p.m. the North fired a short-range missile": once the
    time is known to belong to another launch, so does the missile class.
    """
    tags: dict[int, list[Claim]] = {}
    for c in claims:
        if c.event:
            tags.setdefault(c.clause_start, []).append(c)
    out = []
    for c in claims:
        if not c.event and c.rule in cued:
            # Only a tag within this claim's clause: "flew 1,000 km, and the
            # previous test had flown 900 km" holds two clauses, two events.
            tagged = next(
                (t for t in tags.get(c.clause_start, ()) if _one_clause(c, t)), None
            )
            if tagged is not None:
                c = _tag(
                    c, tagged.event, tagged.context.event, tagged.context.event_cue
                )
        out.append(c)
    return tuple(out)


def _one_clause(a: Claim, b: Claim) -> bool:
    """True when each claim lies within the other's clause (ends unknown: yes)."""
    a_end = a.clause_end or a.span.end
    b_end = b.clause_end or b.span.end
    return b.span.start < max(a_end, a.span.end) and a.span.start < max(
        b_end, b.span.end
    )


def _tag(claim: Claim, label: str, kind: EventKind, cue: str = "") -> Claim:
    """The claim, put in another event (``label``) of this kind."""
    ctx = replace(claim.context, event=kind, event_cue=cue or label)
    return replace(claim, event=label, context=ctx)


def untag_own_dates(
    articles: Sequence[Article],
    claims: dict[str, tuple[Claim, ...]],
    published: dt.date | dict[str, dt.date | None] | None,
) -> dict[str, tuple[Claim, ...]]:
    """A cue that is a date within days of publication names this launch.

    "In its test of March 24, 2022" marks another event, but "the Feb. 18
    launch" in a paper of Feb. 19 is the one being covered.
    """
    from launchcheck.normalize.dates import label_day

    out = {}
    for article in articles:
        ref = (
            published.get(article.path)
            if isinstance(published, dict)
            else article.published or published
        )
        found = claims[article.path]
        if ref is None:
            out[article.path] = found
            continue
        fixed = []
        for c in found:
            day = label_day(c.event, ref) if c.event else None
            if day is not None and -1 <= (ref - day).days <= 3:
                c = _tag(c, "", EventKind.THIS, "")
            fixed.append(c)
        out[article.path] = tuple(fixed)
    return out


def confirm_subject_tags(facts: Sequence[Fact], ruleset: RuleSet) -> list[Fact]:
    """Clear a sibling-name tag when the clause's own time agrees with the story.

    "The Japanese H3 rocket ... lifted off at 5:12 am IST" names another rocket,
    but its launch time is this launch's: the rocket name is the error, not
    the event. "At 10:38 p.m. the North fired a short-range missile" keeps
    its tag, because 10:38 p.m. is not when this launch happened.
    """
    anchors = _anchors(facts, ruleset)
    by_clause: dict[tuple[str, int], list[Fact]] = defaultdict(list)
    for f in facts:
        if f.claim.context.event is EventKind.SIBLING:
            by_clause[(f.claim.span.article, f.claim.clause_start)].append(f)
    cleared: set[tuple[str, int]] = set()
    for key, members in by_clause.items():
        checks = [f for f in members if f.claim.rule in anchors]
        if checks and all(not conflicts(anchors[f.claim.rule], f) for f in checks):
            cleared.add(key)
    out = []
    for f in facts:
        c = f.claim
        sibling = c.context.event is EventKind.SIBLING
        if sibling and (c.span.article, c.clause_start) in cleared:
            f = replace(f, claim=_tag(c, "", EventKind.THIS, ""))
        out.append(f)
    return out


# A launch date this far from the day the story agrees on is another event
# (a test earlier in the month), not a slip: slips are a day or two (zones,
# weekdays), and a verdict must not rest on reading a date as this launch's.
FAR_DAYS = 3


def background_far_dates(facts: Sequence[Fact], ruleset: RuleSet) -> list[Fact]:
    """Put launch dates far from the story's agreed day into another event.

    The agreed day is the date most of the story's articles agree on (see
    ``_anchors``); without one, nothing changes. The claim's context says
    how far it is, so the report can say why it was not compared.
    """
    anchors = _anchors(facts, ruleset)
    recent = {r.rule_id for r in ruleset.rules if r.kind is Kind.DATE and r.recent}
    out = []
    for f in facts:
        anchor = anchors.get(f.claim.rule)
        if (
            anchor is not None
            and f.claim.rule in recent
            and f.claim.group == ("", "", "", "")
            and isinstance(f.value, Window)
            and isinstance(anchor.value, Window)
        ):
            gap = max(
                (f.value.start - anchor.value.end).total_seconds(),
                (anchor.value.start - f.value.end).total_seconds(),
            )
            days = round(gap / 86400)
            if days > FAR_DAYS:
                f = replace(
                    f,
                    claim=_tag(
                        f.claim,
                        f"{days} days from the story's launch day",
                        EventKind.BACKGROUND,
                    ),
                )
        out.append(f)
    return out


def _anchors(facts: Sequence[Fact], ruleset: RuleSet) -> dict[str, Fact]:
    """For each time or date rule, the untagged fact most others agree with."""
    kinds = {r.rule_id for r in ruleset.rules if r.kind in (Kind.TIME, Kind.DATE)}
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.claim.rule in kinds and f.claim.group == ("", "", "", ""):
            groups[f.claim.rule].append(f)
    anchors = {}
    for rule, members in groups.items():
        if len({m.claim.span.article for m in members}) < 2:
            continue
        # One test per pair of distinct values, weighted by how many claims
        # state each: a story of thousands of agreeing articles stays cheap.
        by_value: dict[tuple[object, ...], list[int]] = {}
        for i, m in enumerate(members):
            by_value.setdefault(value_key(m), []).append(i)
        reps = [(idx[0], len(idx)) for idx in by_value.values()]
        scored = [
            (
                sum(n for j, n in reps if not conflicts(members[i], members[j])),
                -i,
            )
            for i, _ in reps
        ]
        best, index = max(scored)
        if best > len(members) / 2:
            anchors[rule] = members[-index]
    return anchors


# A date in a page address: /2024/10/31/, 2024-10-31, 20241031.
_URL_DATE = re_compile(
    r"(?<!\d)(20\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def publication_dates(
    articles: Sequence[Article],
    claims: dict[str, tuple[Claim, ...]],
    given: dt.date | None,
) -> dict[str, tuple[dt.date | None, str]]:
    """Each article's publication date and how it was known ("" when stated).

    An article that states none gets, in this order: ``--published``; its
    wire dateline; a date in its address; the latest full date (with a year)
    it states itself; the earliest date known for the story's other
    articles. ``None`` when nothing gives one: its relative dates ("Thursday")
    then stay unresolved, never guessed.
    """
    import datetime as _dt

    from launchcheck.normalize.dates import parse_day, split_part

    out: dict[str, tuple[dt.date | None, str]] = {}
    pending = []
    for a in articles:
        if a.published:
            out[a.path] = (a.published, "")
        elif given:
            out[a.path] = (given, "from --published")
        else:
            pending.append(a)
    for a in pending:
        found: tuple[dt.date | None, str] = (None, "")
        m = _URL_DATE.search(a.url or "")
        own = [
            day
            for c in claims.get(a.path, ())
            if c.kind in (Kind.DATE, Kind.TIME)
            for text in [c.value if c.kind is Kind.DATE else c.date]
            if text and re.search(r"\b(?:19|20)\d\d\b", text)
            for day in [parse_day(split_part(text)[0], None)]
            if day
        ]
        line = context.dateline(a.text)[2]
        stated = parse_day(line, None) if line else None
        if stated:
            found = (stated[0], f"from its dateline '{line}'")
        elif m:
            try:
                day = _dt.date(int(m[1]), int(m[2]), int(m[3]))
                found = (day, f"from its address ({m.group()})")
            except ValueError:
                pass
        if found[0] is None and own:
            latest = max(d[0] for d in own)
            found = (latest, f"from the latest date it states ({latest.isoformat()})")
        out[a.path] = found
    known = [d for d, _ in out.values() if d is not None]
    for a in pending:
        if out[a.path][0] is None and known:
            out[a.path] = (min(known), "from the story's other articles")
    return out


def event_zone(articles: Sequence[Article]) -> tuple[str, str] | None:
    """The event's zone from the launch place the story names, and why.

    Counts, over sentences that speak of the launch, the gazetteer places that
    carry a zone (Pyongyang, Sriharikota, Kourou...); the most named wins,
    if it is named more than any other. None when no place decides it.
    """
    from launchcheck.lexicon import lexicon

    cues = context.launch_cue()
    places = [p for p in lexicon().places if p.zone]
    counts: Counter[str] = Counter()
    for a in articles:
        starts = context.sentence_starts(a.text)
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(a.text)
            sentence = a.text[start:end]
            if not cues.search(sentence):  # type: ignore[attr-defined]
                continue
            for p in places:
                if any(context.compiled(w).search(sentence) for w in p.phrases):  # type: ignore[attr-defined]
                    counts[p.name] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    name, n = ranked[0]
    zone = next(p.zone for p in places if p.name == name)
    return zone, f"inferred from '{name}', named with the launch in {n} sentences"


def article_zone(claims: Sequence[Claim], event_zone: str) -> str:
    """The zone an article counts in, from the zones its own times state.

    A New York paper that writes "9:15 a.m. ET" for one time and "shortly
    after 9:20 a.m." for another means Eastern time both times. Only when the
    article's stated zones (UTC conversions and "local" aside) are all one
    zone other than the event's; "" otherwise.
    """
    from launchcheck.normalize.dates import zone_name

    zones = {
        zone_name(c.zone, None, event_zone)
        for c in claims
        if c.kind is Kind.TIME
        and c.zone
        and c.zone.lower() not in ("local", "local time")
    }
    zones.discard("UTC")
    if len(zones) == 1:
        (zone,) = zones
        return "" if zone == event_zone else zone
    return ""


def dateline_zone(
    text: str, claims: Sequence[Claim], event_zone: str
) -> tuple[str, str]:
    """The zone of an article's dateline city and the city, or ("", "").

    "SEOUL (Agency) --" counts its bare clock times in Seoul's zone. Nothing
    when the article has no clock time that states no zone, when the city is
    unknown or ambiguous (see ``gazetteer.city_zone``), or when it is in the
    event's own zone (then nothing changes).
    """
    if not any(c.kind is Kind.TIME and not c.zone for c in claims):
        return "", ""
    city = context.dateline_place(text)
    if not city:
        return "", ""
    from launchcheck.gazetteer import city_zone

    zone = city_zone(city)
    if not zone or zone == event_zone:
        return "", ""
    return zone, city
