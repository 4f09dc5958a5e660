"""What a hedge word does to a figure: the heart of "only looks different".

Every claim becomes an interval, and two claims contradict only when their
intervals cannot both hold.

* Exact ("86 minutes", "a record 86 minutes"): ± half the rounding step.
* Approximate (about, around, some, roughly, an estimated, possible):
  ± the larger of half the step and ``APPROX`` of the value.
* Lower bounds (over, more than, at least, exceeding): ``[x, x·OPEN]``.
* Upper bounds (under, less than, fewer than, up to, at most): ``[x/OPEN, x]``;
  near-misses (nearly, almost, just under) are ``[x·0.9, x]``.

Open ends are closed at a factor of ``OPEN`` rather than infinity on purpose:
a writer states the tightest round figure she has, so "more than 300" is not
a fair description of 3,000. Leaving the end open would make an
order-of-magnitude slip look like an agreement.
"""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import TYPE_CHECKING

from launchcheck.lexicon import lexicon

if TYPE_CHECKING:
    from collections.abc import Mapping

APPROX = 0.01
OPEN = 3.0
NEAR = 0.9


class Hedge(enum.Enum):
    """How a hedge bends a figure into an interval."""

    EXACT = "exact"
    APPROX = "approximately"
    LOWER = "at least"
    UPPER = "at most"
    NEAR_BELOW = "just under"
    NEAR_ABOVE = "just over"


# Every hedge the lexicon lists, by the class it names there.
WORDS: Mapping[str, Hedge] = MappingProxyType(
    {word: Hedge(cls) for word, cls in lexicon().hedges.items()}
)


def hedge_of(word: str) -> Hedge:
    """Classify a hedge as written; unknown words raise KeyError."""
    return WORDS[" ".join(word.lower().split())]


def bounds(value: float, step: float, hedge: Hedge) -> tuple[float, float]:
    """The interval a hedged, rounded figure commits its writer to."""
    half = step / 2
    if hedge is Hedge.EXACT:
        return value - half, value + half
    if hedge is Hedge.APPROX:
        slack = max(half, abs(value) * APPROX)
        return value - slack, value + slack
    if hedge is Hedge.LOWER:
        return value, max(value * OPEN, value + half)
    if hedge is Hedge.UPPER:
        return value / OPEN, value
    if hedge is Hedge.NEAR_BELOW:
        return min(value * NEAR, value - half), value
    return value, max(value / NEAR, value + half)
