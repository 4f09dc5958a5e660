"""Where a figure stands in its sentence: clause, other-event cue, scope, source.

Pure functions over text. A figure's *clause* is the part of its sentence
between dashes, semicolons, brackets and comparison words ("than",
"including"), because coverage routinely puts this launch's figure and an
earlier test's figure in one sentence, separated by exactly those marks.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from launchcheck.lexicon import lexicon
from launchcheck.patterncache import compiled, re_compile

if TYPE_CHECKING:
    from launchcheck.ruleset.schema import Alias, Pattern, RuleSet

ABBREVIATIONS = lexicon().abbreviations
# A sentence ends at terminal punctuation before a capital, at a blank line,
# or at a line break after terminal punctuation or before a heading/bullet.
# A bare line break is a hard wrap inside a paragraph, not an end.
_SENTENCE_END = re_compile(
    r"[.!?][\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])"
    # a missing space after a bracket or a figure: "(0101 GMT).The rocket"
    r"|(?<=[)\]\d])\.(?=[A-Z][a-z])"
    r"|\n[ \t]*\n\s*"
    r"|(?<=[.!?:\"”’)])[ \t]*\n\s*"
    r"|\n(?=[ \t]*(?:[#>*+-]|\d+\.)\s)"
)
# Hard breaks separate this launch's figure from a comparison with another
# event ("4,350 miles — higher than the December test"); soft breaks start a
# relative clause that may still be about what came before it.
_HARD_BREAK = re_compile(
    r"\s[—–]\s|—|\s-\s"
    # ", and officials said ...": a new statement with its own subject
    r"|,\s+(?:and|but)\s+(?=[\w'’ ]{0,40}\b(?:said|says|added|noted|reported|announced|stated)\b)"
    r"|\s(?:than|compared\s+with|compared\s+to|unlike|whereas|while|but)\s"
    r"|,\s+(?:well\s+|far\s+|significantly\s+|much\s+)?(?:above|below|beyond|higher"
    r"|lower|longer|shorter|farther|further|up\s+from|down\s+from)\b",
    re.IGNORECASE,
)
_SOFT_BREAK = re_compile(
    r",\s(?:which|who|where|including|after|before|when|as|and|with)\b|;"
    r"|,\s+(?:shortly|just|soon|long|hours|minutes|days)\s+(?:after|before)\b"
    r"|,\s+[a-z]+ing\b"
    r"|\s(?:first|originally|once)\s+(?:shown|unveiled|displayed|paraded|revealed|seen)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re_compile(
    r"\b(?:according\s+to|citing|said|says|say|told|stated|stating|reported|reports"
    r"|announced|estimated|estimates|confirmed|claimed|noted|added|described|quoted"
    r"|cited|assessed|assesses|calculated|puts?|gives?|lists?|listed)\b",
    re.IGNORECASE,
)
_NAMED = re_compile(
    r"(?:according\s+to|citing)\s+(?:the\s+)?(?P<a>[^,;:()\n]{3,60}?)"
    r"(?=[,;:()]|\.(?:\s+[A-Z\"“]|\s*$)|$)"
    r"|(?<![\w’'])(?P<b>[A-Z][\w.-]*(?:\s+(?:of\s+|the\s+|for\s+)*[A-Z][\w.-]*)+)(?<![’'s])"
    r",?\s+(?:said|says|told|reported"
    r"|announced|estimated|confirmed|stated)\b"
)
_DATELINE = re_compile(
    r"\A\s*(?:#[^\n]*\n\s*)*(?:By [^\n]{1,60}\n\s*)?"
    r"(?P<place>[A-Z][A-Za-z ./'-]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?),\s*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)"
    r"\s*(?:\([^)\n]{1,60}\)\s*)?(?:--|—|–|-)\s*"
)


# A dateline's city at the start of one of an article's first lines: "SEOUL
# (Agency) --", "BOCA CHICA, UNITED STATES -", "Jericho (Agency) --". A city
# in capitals needs only the dash; one in mixed case needs the agency too.
_DATELINE_PLACE = re_compile(
    r"^[ \t]*(?:(?P<caps>(?-i:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}))(?:,\s*(?-i:[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?\s*(?:\([^)\n]{1,60}\)\s*)?"
    r"|(?P<mixed>(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))\s*\([^)\n]{1,60}\)\s*)(?:--|—|–|-)\s*\S",
    re.MULTILINE,
)
_DATELINE_LINES = 8


def dateline_place(text: str) -> str:
    """The city of an article's dateline ("SEOUL", "Boca Chica"), or "".

    Looked for at the start of the first few lines only (after a headline or
    front matter); a city in capitals or a city followed by an agency credit.
    """
    head_end = 0
    for _ in range(_DATELINE_LINES):
        nxt = text.find("\n", head_end)
        if nxt < 0:
            head_end = len(text)
            break
        head_end = nxt + 1
    m = _DATELINE_PLACE.search(text, 0, head_end)
    if not m:
        return ""
    return (m.group("caps") or m.group("mixed") or "").strip()


def dateline(text: str) -> tuple[int, int, str]:
    """The span and date text of a wire dateline ("SEOUL, Oct. 31 (Agency) --")."""
    m = _DATELINE.match(text)
    if not m:
        return 0, 0, ""
    return m.start(), m.end(), m.group("date")


# Words that may follow "a.m."/"p.m." inside the same sentence.
_CLOCK_FOLLOWER = re_compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
    r"|Oct|Nov|Dec|GMT|UTC|KST|JST|EST|EDT|ET\b|PT\b|Eastern|Pacific|Central|local"
    r"|Pyongyang|Seoul|Tokyo|Beijing|Moscow|Korea|Japan|China|Washington|New York|\("
)


@lru_cache(maxsize=64)
def sentence_starts(text: str) -> tuple[int, ...]:
    """Offsets where sentences begin, skipping periods of common abbreviations."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") or (m.start() and text[m.start() - 1] == "."):
            end = m.start() if m.group().startswith(".") else m.start() - 1
            word = re.search(r"([\w.]+)$", text[max(0, end - 12) : end])
            token = word.group(1).lower() if word else ""
            if token in ("a.m", "p.m") and not _CLOCK_FOLLOWER.match(text, m.end()):
                pass  # "at 9:37 a.m. On Sunday ..." ends a sentence
            elif token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
        starts.append(m.end())
    return tuple(starts)


def sentence_at(text: str, starts: tuple[int, ...], offset: int) -> tuple[int, int]:
    """The ``[start, end)`` of the sentence that holds ``offset``."""
    i = bisect.bisect_right(starts, offset) - 1
    start = starts[max(i, 0)]
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    return start, end


def clause_at(sentence: str, offset: int) -> tuple[int, int]:
    """The ``[start, end)`` (within ``sentence``) that a figure's context cues come from.

    It starts after the last hard break before ``offset`` (cues before a soft
    break still apply: "In the December test, ..., which flew 73 minutes")
    and ends at the first break of either kind after it.
    """
    start, end = 0, len(sentence)
    for m in _HARD_BREAK.finditer(sentence):
        if m.end() <= offset:
            start = m.end()
        elif m.start() >= offset:
            end = m.start()
            break
    for m in _SOFT_BREAK.finditer(sentence, offset):
        end = min(end, m.start())
        break
    return start, end


# A coordinate clause with a subject of its own (", and the previous test
# had flown ..."; "; the booster ..."): it may speak of another event.
_COORDINATE = re_compile(
    r",\s+(?:and|but|while|whereas)\s+(?:the|a|an|its|their|this|that|(?-i:[A-Z])\w+)\b|;",
    re.IGNORECASE,
)


def coordinate_end(sentence: str, offset: int) -> int:
    """Where, after ``offset``, a coordinate clause with its own subject starts.

    Returns an offset within ``sentence`` (its length when there is none).
    Subordinate clauses (", when ...", ", which ...") stay with the figure:
    they speak of the same event.
    """
    m = _COORDINATE.search(sentence, offset)
    return m.start() if m else len(sentence)


def other_event(
    clause: str,
    cues: tuple[Pattern, ...],
    skip: tuple[int, int],
    before: tuple[Pattern, ...] = (),
    predicate: tuple[int, int] | None = None,
) -> str:
    """A label for the other event a clause speaks of, or "" for this one.

    ``skip`` is the figure's own span in the clause: a date inside the claim
    itself is not a cue that the claim is about another event. ``predicate``
    is the span of the rule's whole match where the match states what a
    count counts ("102 missiles were fired", "had launched 200 missiles"): a
    cue that overlaps it is the count's own verb, not another event.
    """
    for cue in cues:
        for m in compiled(cue.expanded).finditer(clause, timeout=0.5):  # type: ignore[attr-defined]
            # A cue wholly inside the claim ("October 31, 2024") is the claim
            # itself; one that reaches past it ("Earlier Sunday") is a cue.
            if predicate and m.start() < predicate[1] and m.end() > predicate[0]:
                continue
            if m.start() >= skip[1] and _LATER_PREDICATE.search(
                clause, skip[1], m.start()
            ):
                continue  # "launched on Monday, will start work next month"
            if m.start() < skip[0] or m.end() > skip[1]:
                return " ".join(m.group().lower().split())
    for cue in before:
        for m in compiled(cue.expanded).finditer(
            clause, 0, max(skip[0], 0), timeout=0.5
        ):  # type: ignore[attr-defined]
            return " ".join(m.group().lower().split())
    return ""


# A finite verb that opens a later predicate of the same subject: a cue
# after it ("..., will start its work next month") speaks of that predicate,
# not of the figure before it.
_LATER_PREDICATE = re_compile(
    r"(?:,|\b(?:and|but))\s+(?:it\s+|they\s+|which\s+)?(?:will|would|is|are|was|were|has|have"
    r"|can|could|may|might|should|must|shall|then)\b"
    r"|,\s+(?:and|but|while|whereas)\s+(?:the|a|an|its|their|this|that)\b",
    re.IGNORECASE,
)

_GENERIC_PLACE = re_compile(
    r"(?:'s?|’s?)?(?:\s+(?:Island|Islands|region|Region|Prefecture|Peninsula|Province|oblast"
    r"|Oblast|coast|area|border\s+region))+$"
)


def canonical(phrase: str, aliases: tuple[Alias, ...]) -> str:
    """Map a place or source phrase to its canonical name, else tidy it.

    When several names occur ("Russia's Kursk region"), the rightmost one is
    the head of the phrase and wins.
    """
    best: tuple[int, str] | None = None
    for alias in aliases:
        for p in alias.phrases:
            for m in compiled(p).finditer(phrase):  # type: ignore[attr-defined]
                if best is None or m.start() > best[0]:
                    best = (m.start(), alias.name)
    if best is not None:
        return best[1]
    tidy = " ".join(phrase.replace("’", "'").split()).strip(" ,.'")
    return _GENERIC_PLACE.sub("", tidy) or tidy


def source_of(sentence: str, offset: int, aliases: tuple[Alias, ...]) -> str:
    """Who the sentence attributes its figure to, nearest to ``offset``; "" if none."""
    if not _ATTRIBUTION.search(sentence):
        return ""
    best: tuple[int, str] | None = None
    for alias in aliases:
        for p in alias.phrases:
            for m in compiled(p).finditer(sentence):  # type: ignore[attr-defined]
                distance = abs(m.start() - offset)
                if best is None or distance < best[0]:
                    best = (distance, alias.name)
    if best is not None:
        return best[1]
    for m in _NAMED.finditer(sentence):
        phrase = m.group("a") or m.group("b") or ""
        phrase = re.sub(r"^(?:the|The)\s+", "", phrase)
        if phrase and phrase.split()[0] not in (
            "It",
            "He",
            "She",
            "They",
            "We",
            "This",
        ):
            return canonical(phrase, aliases)
    return ""


# Words that take a number without naming a missile, vehicle or mission.
_NOT_DESIGNATORS = frozenset(
    [
        "mark",
        "mk",
        "block",
        "type",
        "model",
        "version",
        "phase",
        "stage",
        "step",
        "flight",
        "pad",
        "launch",
        "complex",
        "site",
        "unit",
        "group",
        "covid",
        "article",
        "section",
        "chapter",
        "page",
    ]
)
_DESIGNATOR = re_compile(
    r"\b(?P<stem>[A-Z][a-z]+(?:['’][a-z]+)?)-(?P<num>\d{1,3}[A-Z]?)\b"
)


@lru_cache(maxsize=8)
def _any_subject(subjects: tuple[tuple[str, tuple[Alias, ...]], ...]) -> object:
    """One regex matching wherever any subject's phrase matches (never, if none)."""
    phrases = [p for _, names in subjects for alias in names for p in alias.phrases]
    return _any_of(tuple(phrases))


def mentions(
    text: str, subjects: tuple[tuple[str, tuple[Alias, ...]], ...]
) -> set[tuple[str, str]]:
    """(family, name) pairs a text mentions: named classes and designators.

    Designators such as "Hwasong-18", "Chang'e-6" or "Shenzhou-18" form one
    family, so a sibling such as "Hwasong-17" needs no table.
    """
    found: set[tuple[str, str]] = set()
    # One search for any name at all first: most sentences name none, and
    # the exact per-name loop below then costs nothing.
    if _any_subject(subjects).search(text):  # type: ignore[attr-defined]
        for family, names in subjects:
            for alias in names:
                if any(compiled(p).search(text) for p in alias.phrases):  # type: ignore[attr-defined]
                    found.add((family, alias.name))
    for m in _DESIGNATOR.finditer(text):
        stem = m.group("stem").replace("’", "'")
        if stem.lower() in _NOT_DESIGNATORS:
            continue
        found.add(("designator", f"{stem}-{m.group('num')}"))
    return found


def main_subjects(counts: dict[tuple[str, str], int]) -> dict[str, str]:
    """The name each family's story is about: its clear plurality, if any."""
    by_family: dict[str, list[tuple[int, str]]] = {}
    for (family, name), n in counts.items():
        by_family.setdefault(family, []).append((n, name))
    main = {}
    for family, ranked in by_family.items():
        ranked.sort(reverse=True)
        if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
            main[family] = ranked[0][1]
    return main


def other_subject(
    clause: str,
    subjects: tuple[tuple[str, tuple[Alias, ...]], ...],
    main: dict[str, str],
    own: str = "",
) -> str:
    """The other missile, vehicle or mission a clause is about, or "".

    ``own`` is the claim's own text: when the claim itself names a member of
    a family (a rocket claim "PSLV"), that family says what the claim is,
    not what event it belongs to, so it is not used as a cue.
    """
    named = mentions(clause, subjects)
    itself = {family for family, _ in mentions(own, subjects)} if own else set()
    for family, name in sorted(named):
        if family in itself:
            continue
        if (
            family in main
            and name != main[family]
            and (family, main[family]) not in named
        ):
            return name
    return ""


# Where a time's own statement starts or stops: an opening quote, a dash, a
# semicolon, or "and"/"then" joining a second verb ("launched at 9:10 p.m. and
# fell at 10:36 p.m.").
_MOMENT_BOUNDARY = re_compile(
    r"[\"“”;]|\s[—–]\s|—|,?\s+and\s+(?:then\s+|later\s+)?(?=[a-z]+(?:ed|s)?\b)"
    r"|,\s+(?:before|after|then|while|when)\s"
    # a participle clause says what followed: ", prompting an alert at 8:00"
    r"|,\s+[a-z]+ing\b"
    r"|,\s+(?:shortly|just|soon|long|hours|minutes|days)\s+(?:after|before)\b",
)
# A launch word right after these refers back to the launch ("an hour after
# liftoff"); it does not say that the time is the launch's.
_REFERS_BACK = re_compile(
    r"(?:after|since|following|before|post|from|of|until)\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
# A line that holds only a date or a time (and a word or two: "Updated",
# "Published:", a weekday) is a page stamp.
_STAMP_PREFIX = re_compile(
    r"^\s*(?:Updated|Published|Posted|Modified|Last\s+updated|First\s+published)\b",
    re.IGNORECASE,
)
_STAMP_REST = 14  # letters besides the date or time itself


def _any_text(patterns: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def _any_of(patterns: tuple[str, ...]) -> object:
    """One compiled regex matching any of a lexicon cue list (never, if empty)."""
    return compiled(_any_text(patterns))


def pattern_texts(ruleset: RuleSet) -> list[str]:
    """Every regex text this module compiles for ``ruleset`` and the lexicon.

    Compiled once and kept with the rule set in the user's cache
    (launchcheck.pipeline), so a warm run compiles none of them.
    """
    lex = lexicon()
    texts = [
        p
        for aliases in (ruleset.sources, ruleset.places)
        for alias in aliases
        for p in alias.phrases
    ]
    texts += [p for _, names in ruleset.subjects for a in names for p in a.phrases]
    texts.append(
        _any_text(
            [p for _, names in ruleset.subjects for a in names for p in a.phrases]
        )
    )
    lists = [patterns for _, patterns in (*lex.moments, *lex.modality, *lex.sequels)]
    lists.append(lex.instant)
    texts += [_any_text(tuple(patterns)) for patterns in lists]
    return list(dict.fromkeys(texts))


@lru_cache(maxsize=1)
def _moment_cues() -> tuple[tuple[str, object], ...]:
    return tuple((name, _any_of(patterns)) for name, patterns in lexicon().moments)


def moment_at(
    text: str, starts: tuple[int, ...], start: int, end: int
) -> tuple[str, str]:
    """Which moment the time or date at ``text[start:end]`` names, and the cue.

    Returns a name of lexicon ``moments`` ("launch", "fall", "warning", ...)
    and the words that decided it; ("", "") when no cue in the statement
    names a moment. The cue nearest before the time wins (subject and verb
    come first: "fired at 7:10"); else the nearest after it ("At 17:06 the
    satellites were released"). The statement is the time's sentence cut at
    quotes, dashes, semicolons and a second verb joined by "and".
    ``starts`` are the article's sentence starts (``sentence_starts``).
    """
    s_start, s_end = sentence_at(text, starts, start)
    lo, hi = s_start, max(s_end, end)
    for m in _MOMENT_BOUNDARY.finditer(text, s_start, s_end):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    rest = text[line_start:start] + text[end : line_end if line_end >= 0 else len(text)]
    letters = len(re.sub(r"[\W\d_]+", "", rest))
    if _STAMP_PREFIX.match(line) or (
        letters <= _STAMP_REST
        and not any(
            cue.search(rest)  # type: ignore[attr-defined]
            for name, cue in _moment_cues()
            if name != "stamp"
        )
    ):
        return "stamp", " ".join(line.split())[:40]
    before: tuple[int, str, str] | None = None
    after: tuple[int, str, str] | None = None
    for name, cue in _moment_cues():
        for m in cue.finditer(text, lo, hi):  # type: ignore[attr-defined]
            if name == "launch" and _REFERS_BACK.search(
                text, max(lo, m.start() - 20), m.start()
            ):
                continue
            if m.end() <= start:
                if before is None or m.end() > before[0]:
                    before = (m.end(), name, m.group())
            elif m.start() >= end and (after is None or m.start() < after[0]):
                after = (m.start(), name, m.group())
    chosen = before or after
    if chosen is None:
        return "", ""
    return chosen[1], " ".join(chosen[2].split())[:40]


@lru_cache(maxsize=1)
def _modality_cues() -> tuple[tuple[str, object], ...]:
    return tuple(
        (name, _any_of(patterns))
        for name, patterns in lexicon().modality
        if name != "superseded"
    )


@lru_cache(maxsize=1)
def _superseded_cue() -> object:
    return _any_of(dict(lexicon().modality).get("superseded", ()))


def superseded_of(clause: str, skip: tuple[int, int]) -> str:
    """The words that report a figure's statement as replaced, or "".

    "Officials first said the North had fired a cruise missile" (lexicon
    ``modality.superseded``, before the figure in its clause): the statement
    is about this launch, but the article itself says it no longer stands.
    """
    for m in _superseded_cue().finditer(clause, 0, max(skip[0], 0)):  # type: ignore[attr-defined]
        # "Originally planned for June 3, the rocket launched on Friday": a
        # launch verb between the cue and the figure starts what did happen.
        verb = launch_cue().search(clause, m.end(), max(skip[0], 0))  # type: ignore[attr-defined]
        if verb and "," in clause[m.end() : verb.start()]:
            continue
        return " ".join(m.group().split())
    return ""


def modality_of(clause: str, skip: tuple[int, int]) -> tuple[str, str]:
    """A capability cue in a figure's clause, or a plan cue before the figure.

    ``skip`` is the figure's own span in the clause. Returns ("capability" or
    "plan", the cue) or ("", ""): "can reach 15,000 km" is a capability and
    "is planned to last 53 days" a plan, while "the probe, which weighs
    1,475 kg, will reach" still states this launch's mass (the cue comes after).
    """
    for name, cue in _modality_cues():
        for m in cue.finditer(clause):  # type: ignore[attr-defined]
            before = m.end() <= skip[0]
            after = m.start() >= skip[1]
            # A capability may follow its figure ("12,000 km on a standard
            # trajectory"); a plan's verb comes first.
            if before or (after and name == "capability"):
                return name, " ".join(m.group().split())
    return "", ""


@lru_cache(maxsize=1)
def _instant_cue() -> object:
    return _any_of(lexicon().instant)


def instant_of(clause: str, skip: tuple[int, int]) -> str:
    """A cue that ties a figure to one instant of the flight, or "".

    "Lost at an altitude of 65 km during re-entry" is the altitude then, not
    the apogee; ``skip`` is the figure's own span in the clause.
    """
    lead = clause[max(0, skip[0] - 40) : max(skip[0], 0)]
    if _EXTREME.search(lead):
        return ""  # "a maximum altitude of 234 km 25 minutes after liftoff"
    for m in _instant_cue().finditer(clause):  # type: ignore[attr-defined]
        if m.end() <= skip[0] or m.start() >= skip[1]:
            return " ".join(m.group().split())
    return ""


# Words that name a figure as the flight's extreme, whenever it was reached.
_EXTREME = re_compile(r"\b(?:maximum|peak|top|highest|apogee|max\.?)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _sequel_cues() -> dict[str, object]:
    return {name: _any_of(patterns) for name, patterns in lexicon().sequels}


# Moments that follow the launch by their nature: a fall, a separation.
_SEQUEL_BY_NATURE = ("fall", "separation")


def sequel_of(sentence: str, moment: str, moment_cue: str, plan_cue: str) -> str:
    """The words that put a moment after the launch it speaks of, or "".

    A fall or a separation follows the launch by nature (its own cue says
    so); an alert or a report does only when its sentence shows it answers a
    launch already made ("sirens", "reported the launch", lexicon
    ``sequels``). A forecast or plan (``plan_cue`` non-empty: "was expected to
    fall at 10:36") follows nothing yet.
    """
    if plan_cue or not moment:
        return ""
    if moment in _SEQUEL_BY_NATURE:
        return moment_cue
    cue = _sequel_cues().get(moment)
    found = cue.search(sentence) if cue is not None else None  # type: ignore[attr-defined]
    return " ".join(found.group().split())[:40] if found else ""


def launch_cue() -> object:
    """The lexicon's launch cue ("launched", "lifted off", "fired" ...), compiled."""
    return dict(_moment_cues())["launch"]


def paragraph_source(
    text: str, starts: tuple[int, ...], sentence_start: int, aliases: tuple[Alias, ...]
) -> str:
    """The one named source earlier sentences of the paragraph attribute to, or "".

    "State media said the launch succeeded. The missile flew 1,000 km." The
    second figure is state media's too. Only sources the rule set names count
    (a known alias), and only when the paragraph names exactly one, so two
    sources quoted side by side never lend their names to a third sentence.
    """
    para_start = text.rfind("\n\n", 0, sentence_start)
    para_start = 0 if para_start < 0 else para_start + 2
    names: set[str] = set()
    i = bisect.bisect_right(starts, para_start) - 1
    while i + 1 < len(starts) and starts[i] < sentence_start:
        s, e = starts[max(i, 0)], starts[i + 1]
        if s >= para_start and _ATTRIBUTION.search(text, s, e):
            found = source_of(text[s:e], 0, aliases)
            if found and any(a.name == found for a in aliases):
                names.add(found)
        i += 1
    return names.pop() if len(names) == 1 else ""
