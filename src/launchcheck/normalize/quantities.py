"""Quantities with units → intervals in the base unit of their dimension.

pint does the conversions and dimension checks, but never parses article
text: pint silently misreads "7 000 km", "2½ years" and "1 hour 26 minutes".
We read numbers and unit words ourselves, then build ``Quantity(value, unit)``.
The registry holds only the units launch coverage uses: ~100× cheaper to
build than pint's default one, and built once per process.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from launchcheck.lexicon import lexicon
from launchcheck.normalize.hedges import Hedge, bounds
from launchcheck.normalize.numbers import Number, parse_number, parse_range

if TYPE_CHECKING:
    import pint

_LEX = lexicon()
# pint definition lines, unit spellings → pint names, and report symbols: all
# from the lexicon (src/launchcheck/lexicon.yml).
DEFINITIONS = "\n".join([*(u.define for u in _LEX.units), *_LEX.dimensions])
ALIASES: dict[str, str] = _LEX.unit_aliases()
SHORT = {u.name: u.short for u in _LEX.units}
_UNIT_WORD = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(ALIASES, key=lambda w: (-len(w), w))
)
_PART = re.compile(
    rf"(?P<num>\d{{1,3}}(?:[\u00a0\u202f]\d{{3}})+(?![\d,])|(?<![\d.,])(?<!\d )[\d.,]+(?:\s?[½¼¾⅓⅔])?"
    rf"(?:\s+(?:thousand|million|billion))?[\s-]*|[½¼¾⅓⅔][\s-]*"
    rf"|\b[a-z][a-z\s-]*?[\s-])"
    rf"(?P<unit>{_UNIT_WORD})(?![a-z])",
    re.IGNORECASE,
)


@cache
def units() -> pint.UnitRegistry:
    """The one unit registry of the process; never modified after creation."""
    import pint

    registry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in DEFINITIONS.strip().splitlines():
        registry.define(line)
    return registry


@lru_cache(maxsize=256)
def unit_info(name: str) -> tuple[float, str, str]:
    """Base units per one ``name``, the base unit's name, and the dimensionality."""
    registry = units()
    quantity = registry.Quantity(1.0, name)
    base = quantity.to_base_units()
    return float(base.magnitude), str(base.units), str(quantity.dimensionality)


def dimension_of(word: str) -> str:
    """The pint dimensionality of a unit word as written, or KeyError."""
    return unit_info(ALIASES[" ".join(word.lower().split())])[2]


def is_dimension(dimension: str) -> bool:
    """True when ``dimension`` (e.g. "[length]") is one the registry knows."""
    registry = units()
    try:
        registry.get_dimensionality(dimension)
    except Exception:
        return False
    return any(unit_info(u)[2] == _canon_dim(dimension) for u in set(ALIASES.values()))


@lru_cache(maxsize=64)
def _canon_dim(dimension: str) -> str:
    return str(units().get_dimensionality(dimension))


@lru_cache(maxsize=8192)
def to_interval(
    text: str, hedge: Hedge, dimension: str
) -> tuple[float, float, float, str, float, str]:
    """Read "7,000 km" or "1 hour and 26 minutes" into an interval in base units.

    Returns ``(low, high, nominal, unit_name, base_per_unit, base_unit)``;
    raises ValueError with a reason when the text is not a quantity of
    ``dimension``.
    """
    # Thousands grouped with no-break or thin spaces ("7\u00a0000") are one number.
    text = " ".join(re.sub(r"(?<=\d)[\u00a0\u202f](?=\d{3}\b)", "", text).split())
    compact = _COMPACT.fullmatch(text) if dimension == "[time]" else None
    elapsed = _ELAPSED.fullmatch(text) if dimension == "[time]" else None
    if elapsed:
        # "2:50" after liftoff is 2 minutes 50 seconds; "1:02:30" adds hours.
        text = " ".join(
            f"{elapsed[k]} {word}"
            for k, word in (("h", "hours"), ("m", "minutes"), ("s", "seconds"))
            if elapsed[k]
        )
    if compact:
        # "1h 26m" is 1 hour and 26 minutes; "2m 50s" 2 minutes 50 seconds.
        text = " ".join(
            f"{compact[k]} {word}"
            for k, word in (("h", "hours"), ("m", "minutes"), ("s", "seconds"))
            if compact[k]
        )
    both = _BETWEEN_UNITS.match(text)
    if both and ALIASES.get(both["ua"].lower()) == ALIASES.get(both["unit"].lower()):
        return _range_interval(f"{both['a']} to {both['b']}", both["unit"], dimension)
    ranged = _RANGE_TEXT.match(text)
    if ranged:
        return _range_interval(ranged.group("nums"), ranged.group("unit"), dimension)
    parts = _parts(text)
    if not parts:
        raise ValueError(f"no number with a unit in {text!r}")
    total = 0.0
    first_unit = ""
    base_unit = ""
    for number_text, unit_word in parts:
        unit_name = ALIASES[" ".join(unit_word.lower().split())]
        factor, base_unit, dim = unit_info(unit_name)
        if dimension and dim != _canon_dim(dimension):
            raise ValueError(f"{unit_word!r} is not a {dimension} unit")
        first_unit = first_unit or unit_name
        number = _number(number_text)
        total += number.value * factor
        step = number.step * factor
    if not math.isfinite(total + step):
        raise ValueError("the figure is past any real quantity")
    low, high = bounds(total, step, hedge)
    return low, high, total, first_unit, unit_info(first_unit)[0], base_unit


_ELAPSED = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})")
_COMPACT = re.compile(
    r"(?:(?P<h>\d{1,3})\s?h\s?)?(?P<m>\d{1,2})\s?m(?:in)?(?:\s?(?P<s>\d{1,2})\s?s)?",
    re.IGNORECASE,
)
_RANGE_TEXT = re.compile(
    rf"^(?P<nums>(?:between\s+)?[\d.,]+(?:\s+(?:thousand|million))?"
    rf"\s*(?:-|–|—|\bto\b|\band\b)\s*[\d.,]+(?:\s+(?:thousand|million))?)"
    rf"[\s-]*(?P<unit>{_UNIT_WORD})$",
    re.IGNORECASE,
)
# "between 1,000 km and 1,200 km": a unit on both ends is still one range.
_BETWEEN_UNITS = re.compile(
    rf"^between\s+(?P<a>[\d.,]+)[\s-]*(?P<ua>{_UNIT_WORD})\s+and\s+"
    rf"(?P<b>[\d.,]+)[\s-]*(?P<unit>{_UNIT_WORD})$",
    re.IGNORECASE,
)


def _range_interval(
    nums: str, unit_word: str, dimension: str
) -> tuple[float, float, float, str, float, str]:
    """A stated range is its own interval, widened by each end's rounding."""
    span = parse_range(nums)
    if span is None:
        raise ValueError(f"cannot read the range {nums!r}")
    unit_name = ALIASES[" ".join(unit_word.lower().split())]
    factor, base_unit, dim = unit_info(unit_name)
    if dimension and dim != _canon_dim(dimension):
        raise ValueError(f"{unit_word!r} is not a {dimension} unit")
    low_n, high_n = span
    low = (low_n.value - low_n.step / 2) * factor
    high = (high_n.value + high_n.step / 2) * factor
    nominal = (low_n.value + high_n.value) / 2 * factor
    if not math.isfinite(high):
        raise ValueError("the range is past any real quantity")
    return low, high, nominal, unit_name, factor, base_unit


@lru_cache(maxsize=8192)
def rounding_step(text: str) -> float:
    """The rounding step of the last figure in a quantity, in base units.

    0 when the last figure is "a"/"an" or cannot be read: no step is claimed.
    """
    parts = _parts(" ".join(text.split()))
    if not parts:
        return 0.0
    figure = parts[-1][0].strip()
    number = parse_number(figure) if figure not in ("a", "an") else None
    if number is None:
        return 0.0
    return number.step * unit_info(ALIASES[" ".join(parts[-1][1].lower().split())])[0]


def _number(text: str) -> Number:
    cleaned = text.strip().lower()
    if cleaned in ("a", "an"):
        return Number(1.0, 1.0)
    number = parse_number(cleaned)
    if number is None:
        raise ValueError(f"cannot read the number {text!r}")
    return number


def _parts(text: str) -> list[tuple[str, str]]:
    """Split "1 hour and 26 minutes" into number/unit pairs; "and a half" adds 0.5."""
    half = re.search(r"\s+and\s+a\s+half$", text, re.IGNORECASE)
    body = text[: half.start()] if half else text
    out = []
    for m in _PART.finditer(body):
        num = re.sub(r"^(?:and|,)\s+", "", m.group("num").strip(), flags=re.IGNORECASE)
        out.append((num.strip(" ,-"), m.group("unit")))
    if half and out:
        num, unit = out[-1]
        out[-1] = (f"{num} and a half", unit)
    return out


def short_unit(name: str) -> str:
    """A compact symbol for display (km, mi, min)."""
    return SHORT.get(name, name)
