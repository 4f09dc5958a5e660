"""How a written date is read: its zone, its reference day, and which way it points.

A date claim's own words are not always enough to place it; its sentence
says more:

* **Zone.** "Monday, May 5, at 9:10 pm EDT (10:10 am local time on May 6)"
  states two days, each with a clock time in its own zone: May 5 is a day in
  New York, May 6 one in the launch's zone. Each keeps its own day, and the
  two windows overlap (one instant, two readings). A date takes the zone of
  a clock time written right beside it, inside the same brackets.
* **Reference day.** "Today" inside a quotation is the day the quoted words
  were said when the sentence dates them ("said on Monday: 'today we
  launched'"), else the publication day.
* **Direction.** A weekday of something still to come ("will launch on
  Friday", "the vote next Tuesday") resolves forward. A claim whose context
  is a plan (the lexicon's plan cues, decided by the context stage), a
  "next" weekday, and a rule marked ``ahead`` (an election date) point
  forward; everything else resolves news-style, backward.
* **Month.** A day of the month alone ("the 31st") takes the month its
  sentence names; with none, the publication date decides (see
  ``dates.bare_day``); with two different months named it is undecided and
  the claim becomes a note, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from launchcheck.normalize.dates import MONTHS, parse_day, split_part
from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    import datetime as dt

# Opening and closing quotation marks: straight or curly double quotes, and
# curly single quotes that open after a space or colon (never an apostrophe).
_QUOTE = re_compile(r"[\"“](?P<a>[^\"“”]*)[\"”]|(?:(?<=^)|(?<=[\s:(]))‘(?P<b>[^‘’]*)’")
_BARE = re_compile(r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$", re.IGNORECASE)
_TODAY = ("today", "tonight", "this morning", "earlier today")


@dataclass(frozen=True, slots=True)
class Reading:
    """What a date's sentence says about how to read it.

    ``zone_word`` is the zone word of a clock time written beside the date
    ("" for none); ``ref`` the day relative words are read against; ``ahead``
    whether a bare weekday or day is still to come; ``month`` the month
    (1-12) for a day written without one; ``undecided`` why the date cannot
    be placed ("" when it can).
    """

    zone_word: str = ""
    ref: dt.date | None = None
    ahead: bool = False
    month: int | None = None
    undecided: str = ""


def pattern_texts() -> tuple[str, str, str]:
    """Clock times with a zone, dates, and month names, from the rule blocks.

    Compiled case-insensitively and kept with the rule set in the user's
    cache (launchcheck.pipeline), so a warm run compiles none of them.
    """
    from launchcheck.ruleset.blocks import CLOCK, DATE, MILITARY, MONTH, ZONE

    return (
        rf"(?:{CLOCK}|{MILITARY})\s+(?P<zone>{ZONE})",
        rf"\b(?:{DATE})",
        rf"\b{MONTH}",
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The ``pattern_texts``, compiled (from the cache when it holds them)."""
    from launchcheck.patterncache import compiled

    timed, dated, month = (compiled(t) for t in pattern_texts())
    return timed, dated, month  # type: ignore[return-value]


def locate(sentence: str, text: str, value: str) -> tuple[int, int] | None:
    """Where ``value`` (inside the claim's ``text``) stands in its sentence."""
    at = sentence.find(text) if text else -1
    if at < 0:
        at = 0
        inner = sentence.find(value)
    else:
        inner = text.find(value)
        inner = at + inner if inner >= 0 else -1
    if inner < 0 or not value:
        return None
    return inner, inner + len(value)


def _quotes(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(sentence)]


def _depth(sentence: str, start: int, end: int) -> bool:
    """True when no bracket opens or closes between two offsets."""
    return not re.search(r"[()\[\]]", sentence[start:end])


def zone_beside(sentence: str, where: tuple[int, int]) -> str:
    """The zone word of a clock time written right beside a date, else "".

    "Monday, May 5, at 9:10 pm EDT" → "EDT"; "(10:10 am local time on May
    6)" → "local time"; a time in other brackets, or in another clause,
    does not count.
    """
    timed = _patterns()[0]
    start, end = where
    best: tuple[int, str] | None = None
    for m in timed.finditer(sentence):
        if m.start() >= end:
            gap = sentence[end : m.start()]
            ok = len(gap) <= 12 and re.fullmatch(r"[\s,]*(?:at\s+)?", gap)
            distance = m.start() - end
        elif m.end() <= start:
            gap = sentence[m.end() : start]
            ok = len(gap) <= 12 and re.fullmatch(r"[\s,]*(?:on\s+|of\s+)?", gap)
            distance = start - m.end()
        else:
            continue
        inside = _depth(sentence, min(end, m.start()), max(start, m.end()))
        if ok and inside and (best is None or distance < best[0]):
            best = (distance, m["zone"])
    return best[1] if best else ""


def statement_day(
    sentence: str, where: tuple[int, int], ref: dt.date | None
) -> dt.date | None:
    """The day a quotation was said, if the date stands inside one and the sentence dates it."""
    spans = _quotes(sentence)
    inside = [q for q in spans if q[0] < where[0] and where[1] <= q[1]]
    if not inside or ref is None:
        return None
    dated = _patterns()[1]
    found: list[tuple[int, dt.date]] = []
    for m in dated.finditer(sentence):
        if any(q[0] <= m.start() < q[1] for q in spans):
            continue
        day = parse_day(split_part(m.group())[0], ref)
        if day is not None:
            quote = inside[0]
            distance = min(abs(m.start() - quote[1]), abs(quote[0] - m.end()))
            found.append((distance, day[0]))
    return min(found)[1] if found else None


def month_named(sentence: str, where: tuple[int, int]) -> tuple[int | None, str]:
    """The one month a sentence names outside a date's own words; why not, if two."""
    month = _patterns()[2]
    named = {
        MONTHS[m.group().lower().rstrip(".")]
        for m in month.finditer(sentence)
        if (m.end() <= where[0] or m.start() >= where[1])
        and m.group().lower().rstrip(".") in MONTHS
    }
    if len(named) > 1:
        return None, "its sentence names more than one month"
    return (named.pop() if named else None), ""


def reading(
    value: str,
    text: str,
    sentence: str,
    ref: dt.date | None,
    *,
    ahead: bool = False,
) -> Reading:
    """How to read one date claim, from its sentence (see the module docstring).

    ``value`` is the date as written, ``text`` the claim's matched words and
    ``sentence`` its sentence; ``ref`` is the publication date; ``ahead`` is
    True when the rule or the claim's context says the date is still to come.
    """
    low = " ".join(value.lower().split())
    ahead = ahead or low.startswith("next ")
    where = locate(sentence, text, value)
    if where is None:
        return Reading(ref=ref, ahead=ahead)
    zone = zone_beside(sentence, where)
    day_ref = ref
    if low in _TODAY:
        day_ref = statement_day(sentence, where, ref) or ref
    month: int | None = None
    undecided = ""
    if _BARE.match(split_part(value)[0].strip()):
        month, undecided = month_named(sentence, where)
    return Reading(zone, day_ref, ahead, month, undecided)
