"""Shared regex building blocks that rule patterns name as ``{block}``.

They keep rules short and make every rule read numbers, units, hedges, dates
and times the same way. The words listed here must all be understood by
``launchcheck.normalize`` (a test checks this); the meaning of a hedge lives
there, only its spelling lives here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from launchcheck.lexicon import alternation, lexicon

if TYPE_CHECKING:
    from launchcheck.lexicon import Unit

_LEX = lexicon()
# Every list below is the lexicon's (src/launchcheck/lexicon.yml), never a copy.
HEDGES: tuple[str, ...] = tuple(h for h in _LEX.hedges if h)
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    d: tuple(
        w for u in _LEX.units if u.dimension == d and not u.before for w in u.words
    )
    for d in dict.fromkeys(u.dimension for u in _LEX.units)
}
NUMBER_WORDS = [*_LEX.number_words, *_LEX.scales, "half"]

VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|thousands|hundreds|dozens"
    r"|scores|several\s+thousand|several\s+hundred|a\s+few\s+thousand"
    r"|a\s+few\s+hundred|a\s+dozen)\s+of|tens\s+of\s+thousands|thousands|hundreds"
    r"|several\s+thousand|several\s+hundred"
)


_alt = alternation
_WORD = alternation(NUMBER_WORDS)
SPELLED = rf"(?:{_WORD}(?:(?:\s+and\s+|[\s-]+)(?:a\s+)?{_WORD})*(?:\s+and\s+a\s+half)?)"
# Atomic digit runs that never start inside a run: a 4,000-digit number in an
# article is read in linear time, not quadratic (the lookahead after NUMBER
# rejects every shorter reading anyway).
# Thousands may be grouped with commas or no-break/thin spaces ("7\u00a0000");
# a number never starts right after "digit space", so "7 000 km" is refused
# rather than read as 0 km.
# A comma followed by one or two digits is a decimal comma ("1,5 hours");
# a number never starts right after "digit comma" or "digit point".
DIGITS = (
    r"(?<!\d)(?<!\d )(?<!\d[,.])"
    r"(?>\d{1,3}(?:,\d{3})+(?!,?\d)|\d+,\d{1,2}(?![\d,])|\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+)"
    r"(?:\.\d++)?(?:\s?[½¼¾⅓⅔])?|[½¼¾⅓⅔]"
)
SCALE = rf"(?:\s+{alternation(tuple(w for w in _LEX.scales if w != 'hundred'))})"
NUMBER = rf"(?:(?:{DIGITS}){SCALE}?|{SPELLED})(?![\d,]*\d)"
# "between 8,000 and 10,000", "8,000 to 10,000", "10,000-12,000" (one copy of
# each number keeps compiled patterns small; "and" needs the "between").
SPAN = rf"(?:(?P<between>between\s+))?{NUMBER}\s*(?:-|–|—|to|(?(between)and|(?!)))\s*{NUMBER}"
RANGE = rf"(?:{SPAN}|{NUMBER})"
HEDGE = _alt(HEDGES)

WEEKDAY = "(?-i:" + alternation(_LEX.weekdays) + ")"
# Full names, and abbreviations with an optional period ("Oct." "Sept").
_FULL_MONTHS = [
    w for w in _LEX.month_words if len(w) > 4 or w in ("May", "June", "July")
]
_ABBR_MONTHS = [w for w in _LEX.month_words if w not in _FULL_MONTHS]
MONTH = (
    f"(?-i:(?:{alternation(_FULL_MONTHS)}|{alternation(_ABBR_MONTHS)}\\.?)(?![a-z]))"
)
PART = (
    r"(?:(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|(?:before\s+)?dawn)"
    r"|(?:the\s+)?(?:early|small)\s+hours)"
)
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s+\d{4})"
CALENDAR = (
    rf"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b{YEAR}?"
    rf"|(?:{WEEKDAY},?\s+)?{DAY}\s+(?:of\s+)?{MONTH}{YEAR}?"
    r"|\d{4}-\d{2}-\d{2}"
)
# A part of a month ("mid-October", "the end of Oct. 2024"), from the lexicon;
# tried after a calendar day, so "late October 31" stays a day.
MONTH_PART = (
    "(?:"
    + "|".join(
        rf"(?:the\s+)?{re.escape(w).replace(chr(92) + ' ', chr(92) + 's+')}\s+"
        if w.endswith(" of")
        else rf"{re.escape(w)}[\s-]+"
        for w in sorted(_LEX.month_parts, key=lambda w: (-len(w), w))
    )
    + rf"){MONTH}{YEAR}?(?![\s-]*\d)"
)
# A day of the month alone ("on the 31st"): only where what follows cannot
# make it an ordinal of something else ("the 5th launch this year").
BARE_DAY = (
    r"the\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?-i:[A-Z]))"
    r"(?=\s*(?:[,.;:)!?\"”’]|$)|\s+(?:at|in|from|when|with|after|before|and|but|as|near"
    r"|off|over|into|local)\b)"
)
DATE = (
    rf"(?:(?:the\s+)?{PART}\s+of\s+(?:{CALENDAR}|{WEEKDAY})"
    rf"|(?:(?:early|late)\s+)?(?:{CALENDAR})(?:\s+{PART})?"
    rf"|{MONTH_PART}"
    rf"|(?:(?:early|late)\s+|last\s+|next\s+)?{WEEKDAY}(?:\s+{PART})?"
    rf"|{BARE_DAY}"
    r"|yesterday|today|last\s+night|this\s+morning|earlier\s+today)"
)

# Abbreviations are matched case-sensitively ("ET", never "et"); phrases not.
ZONE_NAMES: tuple[str, ...] = ("local time", "local", *_LEX.zone_words)
ZONE = (
    "(?:"
    + "|".join(
        ("(?-i:" + re.escape(z) + ")")
        if " " not in z and not z.islower()
        else re.escape(z).replace(r"\ ", r"\s+")
        for z in sorted(set(ZONE_NAMES), key=lambda w: (-len(w), w))
    )
    + r")\b"
)
CLOCK = (
    r"(?:\d{1,2}(?::|\.)\d{2}\s*(?:a\.?m\.?|p\.?m\.?)"
    r"|\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"|\d{1,2}:\d{2}(?::\d{2})?\b|noon|midnight)"
)
MILITARY = (
    r"(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?-i:"
    + "|".join(
        sorted((z for z in _LEX.zone_words if z.isupper()), key=lambda w: (-len(w), w))
    )
    + r")\b)"
)


# A person's name: two or three capitalised words ("Shin Won-sik"), a middle
# initial ("Patrick S. Ryder") or leading initials ("S. Raman", "A K Rao").
_NAME_WORD = r"[A-Z][a-z]+(?:-[a-z]+)?"
PERSON = (
    rf"(?-i:(?:[A-Z]\.?\s){{1,2}}{_NAME_WORD}(?:[- ]{_NAME_WORD})?"
    rf"|{_NAME_WORD}(?:\s[A-Z]\.?(?=\s))?(?:[- ]{_NAME_WORD}){{1,2}})"
)

COMPACT_DURATION = (
    r"(?<!\d)(?:\d{1,3}\s?h\s?\d{1,2}\s?m(?:in)?(?:\s?\d{1,2}\s?s)?"
    r"|\d{1,3}\s?m(?:in)?\s?\d{1,2}\s?s)(?![a-z\d])"
    # A mission-elapsed clock ("2:50 into the flight", "T+1:02:30"): only
    # before "into"/"after" or after "T+", where it cannot be a time of day.
    r"|(?<![\d:.])(?:\d{1,2}:)?\d{1,2}:\d{2}(?![\d:])(?=\s+(?:into|after)\b)"
    r"|(?<=\bT\s?(?:\+|plus)\s?)(?:\d{1,2}:)?\d{1,2}:\d{2}(?![\d:])"
)


def blocks(
    kind: str,
    dimension: str,
    category_alt: str,
    extra_units: tuple[Unit, ...] = (),
) -> dict[str, str]:
    """The blocks a rule of this kind may use, each a regex with named groups.

    ``extra_units`` are the units the rule set defines besides the lexicon's;
    their spellings join the ``{quantity}`` and ``{unit}`` blocks.
    """
    every = (*_LEX.units, *extra_units)
    units = (
        *UNIT_WORDS.get(dimension, ()),
        *(
            w
            for u in extra_units
            if u.dimension == dimension and not u.before
            for w in u.words
        ),
    )
    # "km" is not read out of "km/s", nor "kilometers" out of "kilometers per
    # second": a unit ends at a letter, "/letter" or "per <unit of time>".
    unit = (
        _alt(list(units))
        + r"(?![a-z]|/[a-z]|\s+(?:per|an?)\s+(?:second|sec|s|hour|hr|h|minute|min)\b)"
        if units
        else r"(?!)"
    )
    # After "a"/"an" only a spelled-out unit: "a s" or "an h" is never a quantity.
    word_unit = (
        _alt([u for u in units if len(u) > 3]) + r"(?![a-z])" if units else r"(?!)"
    )
    # Units written before their number: "Mach 10", "Mach-5".
    before = [
        w for u in every if u.dimension == dimension and u.before for w in u.words
    ]
    first = rf"|(?-i:{_alt(before)})[\s-]?(?:{NUMBER})" if before else ""
    one = rf"(?:(?:{NUMBER})[\s-]*{unit}|an?[\s-]+{word_unit}{first})"
    # Only durations are written as sums ("1 hour and 26 minutes"); "170 km
    # and 36,500 km" is two figures, not one.
    more = rf"(?:(?:,\s*|\s+and\s+|\s+){one})*" if dimension == "[time]" else ""
    # Compact durations ("1h 26m", "1h26m", "2m 50s") only in time rules.
    compact = COMPACT_DURATION + "|" if dimension == "[time]" else ""
    amount = (
        rf"(?:{compact}between\s+{NUMBER}[\s-]*{unit}\s+and\s+{NUMBER}[\s-]*{unit}"
        rf"|{SPAN}[\s-]*{unit}"
        rf"|{one}{more}(?:\s+and\s+a\s+half)?)"
    )
    alt_amount = (
        # The conversion's own figure is read by normalization; a parenthesis
        # that holds no figure of this dimension is simply not a conversion.
        rf"(?:\s*\(\s*(?:(?P<alt_hedge>{HEDGE})\s+)?"
        rf"(?P<alt_value>(?:{NUMBER}|{SPAN})[\s-]*{unit})\s*\))?"
    )
    # A day after the time belongs to it only within its sentence: never
    # across a paragraph break, nor after a capitalised "On" that opens the
    # next sentence ("... at 9:37 a.m. On Sunday, the North fired ...").
    time = (
        rf"(?P<time>{CLOCK}|{MILITARY})(?:\s+(?P<zone>{ZONE}))?"
        rf"(?:,?(?!\s*\n\s*\n)\s+(?:(?-i:on)\s+)?(?P<date>{DATE}))?(?:,?\s+(?P<zone2>{ZONE}))?"
    )
    return {
        "number": f"(?:{NUMBER})",
        "range": f"(?:{RANGE})",
        "hedge": f"(?P<hedge>{HEDGE})",
        # Hedges of clock times ("shortly after 5:20"), from the lexicon.
        "time_hedge": f"(?P<hedge>{alternation(tuple(_LEX.time_hedges))})",
        "unit": f"(?P<unit>{unit})",
        # Figures start at a word start: the guard lets the engine skip the
        # big alternations everywhere else (2-3x faster scans).
        # ... and never inside a compact duration ("1h 26m" holds no 26 m).
        # ... and "more than a half-hour" keeps its hedge past the article.
        # ... nor is "an hour" in "800 miles an hour" a duration.
        "quantity": rf"(?<![\w-])(?<!\d\s?h\s)(?<!(?:miles|kilometers|kilometres|km|feet|meters|metres)\s)(?:(?P<hedge>{HEDGE})\s+(?:an?\s+(?=half\b))?)?(?P<value>{amount}){alt_amount}",
        "count": rf"(?<![\w-])(?:(?P<hedge>{HEDGE})\s+)?(?P<value>{RANGE}|{VAGUE})",
        "date": f"(?P<date>{DATE})",
        "weekday": WEEKDAY,
        "month": MONTH,
        "zone": f"(?P<zone>{ZONE})",
        "time": time,
        "category": f"(?P<value>{category_alt})" if category_alt else r"(?!)",
        "role": f"(?P<role>{category_alt})" if category_alt else r"(?!)",
        "person": f"(?P<value>{PERSON})",
        # A short stretch of the same sentence (line wraps allowed).
        "near": r"(?:(?!\n\s*\n)[^.;:!?])",
        # A short stretch of the same clause that does not cross into another
        # event's time ("launched ... days before the Nov. 5 election").
        "gap": (
            r"(?:(?!\b(?:after|before|following|ahead|since|until|than|while|whereas"
            r"|around\s+the\s+time|timed|possibly|expected|planned|preparing|could"
            r"|would|might|may|will|warned)\b|--|\n\s*\n)"
            # a clock time's colon and "p.m." stay inside the stretch
            r"(?:\([^()\n]{0,40}\)|(?<=\d)[:.](?=\d)|\b[ap]\.m\.|[^.;:!?()\[\]—])){0,80}?"
        ),
    }
