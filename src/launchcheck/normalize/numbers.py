"""Numbers as written → value and rounding step.

The *step* is the place value of the last significant digit ("7,000" → 1,000,
"4,350" → 10, "7,687.5" → 0.1, "2½" → 0.5). It is what a writer rounded to,
and it decides how wide a hedged figure's interval is. A lone leading 1
("1,000", "10,000") is read with two significant figures, because writers say
"10,000" for 9,600 but not for 14,000.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from launchcheck.lexicon import lexicon
from launchcheck.patterncache import re_compile

FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# Spelled-out numbers and scale words, from the lexicon; "a"/"an" count one
# only inside a spelled number ("a hundred").
UNITS = {**lexicon().number_words, "a": 1, "an": 1}
SCALES = dict(lexicon().scales)
# (low, high) for figures that commit only to an order of magnitude.
VAGUE = {
    "dozens": (24.0, 144.0),
    "scores": (40.0, 200.0),
    "a dozen": (10.0, 14.0),
    "hundreds": (200.0, 999.0),
    "several hundred": (200.0, 999.0),
    "a few hundred": (200.0, 500.0),
    "thousands": (2_000.0, 99_999.0),
    "several thousand": (2_000.0, 9_999.0),
    "a few thousand": (2_000.0, 5_000.0),
    "tens of thousands": (20_000.0, 99_999.0),
    "hundreds of thousands": (200_000.0, 999_999.0),
}
_DECIMAL_COMMA = re_compile(r"^\d+,\d{1,2}$")
_DIGITS = re_compile(
    r"^(\d{1,3}(?:[,\u00a0\u202f]\d{3})+|\d+)(?:\.(\d+))?\s?([½¼¾⅓⅔])?$|^([½¼¾⅓⅔])$"
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written: its value and the step it was rounded to."""

    value: float
    step: float


def _step_of_integer(digits: str) -> float:
    stripped = digits.rstrip("0")
    if not stripped:
        return 1.0  # "0" is exact to the unit
    zeros = len(digits) - len(stripped)
    if zeros and stripped == "1":
        zeros -= 1
    return float(10**zeros)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> Number | None:
    """Read digits, decimals, fractions, scale words and spelled-out numbers."""
    words = " ".join(text.strip().lower().replace("-", " ").split())
    if not words:
        return None
    scale = 1.0
    for name, factor in SCALES.items():
        # Scale words after digits: "1.5 million", "15 lakh", "2 crore".
        if name != "hundred" and re.match(rf"^[\d.,½¼¾]+\s+{name}$", words):
            words = words[: -len(name)].strip()
            scale = float(factor)
            break
    if _DECIMAL_COMMA.match(words):
        words = words.replace(",", ".", 1)  # "1,5" is one and a half
    m = _DIGITS.match(words)
    if m:
        if m.group(4):
            return Number(FRACTIONS[m.group(4)] * scale, 0.25 * scale)
        integer = re.sub(r"[,\u00a0\u202f]", "", m.group(1))
        decimals = m.group(2) or ""
        value = float(f"{integer}.{decimals}" if decimals else integer)
        if not math.isfinite(value * scale):
            return None  # past float range: no figure anyone wrote means that
        if decimals:
            step = 10.0 ** -len(decimals) * scale
        elif m.group(3):
            step = 0.5 * scale  # "2½": written to the half
        else:
            # The step of the whole figure, so "1 million" reads like
            # "1,000,000" (lone leading 1: two significant figures).
            step = _step_of_integer(str(int(value * scale)))
        if m.group(3):
            value += FRACTIONS[m.group(3)]
        return Number(value * scale, step)
    return _spelled(words)


def _spelled(words: str) -> Number | None:
    """Read "ten thousand", "two and a half", "an hour and a half"-style numbers.

    "One and a half thousand" is 1,500, to the half thousand.
    """
    m = re.match(r"^(.+?)\s+and\s+a\s+half\s+(\w+)$", words)
    if m and m.group(2) in SCALES:
        whole = _spelled(m.group(1))
        if whole is None:
            return None
        factor = float(SCALES[m.group(2)])
        return Number((whole.value + 0.5) * factor, 0.5 * factor)
    half = words.endswith("and a half")
    if half:
        words = words[: -len("and a half")].strip()
    total = 0.0
    current = 0.0
    seen = False
    for word in words.split():
        if word == "and":
            continue
        if word == "half" and not seen:
            return Number(0.5, 0.5)
        if word in UNITS:
            if word == "dozen" and current:
                current *= 12
            else:
                current += UNITS[word]
        elif word in SCALES:
            factor = SCALES[word]
            current = max(current, 1.0) * factor
            if factor >= 1000:
                total += current
                current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    if half:
        return Number(value + 0.5, 0.5)
    # Spelled-out figures round like the same figure in digits.
    if value.is_integer():
        return Number(value, _step_of_integer(str(int(value))))
    return Number(value, 1.0)


@lru_cache(maxsize=1024)
def parse_vague(text: str) -> tuple[float, float] | None:
    """Bounds for "thousands of", "dozens of" and the like."""
    key = " ".join(text.lower().split())
    key = re.sub(r"\s+of$", "", key)
    return VAGUE.get(key)


_RANGE = re_compile(
    r"^(?:between\s+)?(?P<a>.+?)\s*(?:\s+and\s+|\s+to\s+|-|–|—)\s*(?P<b>.+)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def parse_range(text: str) -> tuple[Number, Number] | None:
    """Read "8,000 to 10,000", "between 8,000 and 10,000" or "10,000-12,000"."""
    m = _RANGE.match(text.strip())
    if not m:
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b"))
    if a is None or b is None:
        return None
    if (
        a.value > b.value
        and b.value * 1000 >= a.value
        and not re.search(r"\d", m.group("b"))
    ):
        return None
    if a.value < b.value / 100 and b.step >= 1000 and a.value < 1000:
        # "8 to 10 thousand": the scale word belongs to both ends.
        factor = b.value / _leading(b)
        a = Number(a.value * factor, a.step * factor)
    return (a, b) if a.value <= b.value else None


def _leading(n: Number) -> float:
    v = n.value
    while v >= 1000 and v % 1000 == 0:
        v /= 1000
    return v
