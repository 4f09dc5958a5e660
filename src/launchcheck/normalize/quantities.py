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
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from launchcheck.lexicon import Unit, lexicon
from launchcheck.normalize.hedges import Hedge, bounds
from launchcheck.normalize.numbers import Number, parse_number, parse_range
from launchcheck.patterncache import re_compile

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import pint

_LEX = lexicon()
# Scale words read after digits ("1.5 million", "15 lakh"), from the lexicon.
_SCALE_WORDS = "|".join(w for w in _LEX.scales if w != "hundred")


@dataclass(frozen=True, slots=True)
class UnitTable:
    """The units one rule set reads: the lexicon's, then the rule set's own.

    Built once per rule set (:func:`table`, cached by the definitions) and
    never modified: spellings → pint names, report symbols, the ranged units
    (Mach) and the regexes that split "1 hour and 26 minutes" into parts.
    """

    units: tuple[Unit, ...]
    aliases: Mapping[str, str]
    short: Mapping[str, str]
    by_name: Mapping[str, Unit]
    part: re.Pattern[str]
    before: re.Pattern[str] | None
    range_text: re.Pattern[str]
    between_units: re.Pattern[str]

    @property
    def definitions(self) -> str:
        """The pint definition lines of every unit, then the derived dimensions."""
        return "\n".join([*(u.define for u in self.units), *_LEX.dimensions])

    def name_of(self, word: str) -> str:
        """The pint name of a unit word as written (KeyError when unknown)."""
        return self.aliases[" ".join(word.lower().split())]


@cache
def table(extra: tuple[Unit, ...] = ()) -> UnitTable:
    """The unit table of the lexicon plus ``extra`` (a rule set's units)."""
    all_units = (*_LEX.units, *extra)
    aliases = {w.lower(): u.name for u in all_units for w in u.words}
    word = "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(aliases, key=lambda w: (-len(w), w))
    )
    before = [w for u in all_units if u.before for w in u.words]
    before_word = "|".join(re.escape(w) for w in sorted(before, key=lambda w: -len(w)))
    return UnitTable(
        units=all_units,
        aliases=MappingProxyType(aliases),
        short=MappingProxyType({u.name: u.short for u in all_units}),
        by_name=MappingProxyType({u.name: u for u in all_units}),
        part=re_compile(
            rf"(?P<num>\d{{1,3}}(?:[\u00a0\u202f]\d{{3}})+(?![\d,])"
            rf"|(?<![\d.,])(?<!\d )[\d.,]+(?:\s?[½¼¾⅓⅔])?"
            rf"(?:\s+(?:{_SCALE_WORDS}))?[\s-]*|[½¼¾⅓⅔][\s-]*"
            rf"|\b[a-z][a-z\s-]*?[\s-])"
            rf"(?P<unit>{word})(?![a-z])",
            re.IGNORECASE,
        ),
        # "Mach 10", "Mach-5": the unit first, then its number.
        before=re_compile(
            rf"^(?P<unit>{before_word})[\s-]*(?P<num>[\d.,]+(?:\s+(?:{_SCALE_WORDS}))?"
            rf"|[a-z]+(?:[\s-]+[a-z]+)*)$",
            re.IGNORECASE,
        )
        if before
        else None,
        range_text=re_compile(
            rf"^(?P<nums>(?:between\s+)?[\d.,]+(?:\s+(?:{_SCALE_WORDS}))?"
            rf"\s*(?:-|–|—|\bto\b|\band\b)\s*[\d.,]+(?:\s+(?:{_SCALE_WORDS}))?)"
            rf"[\s-]*(?P<unit>{word})$",
            re.IGNORECASE,
        ),
        # "between 1,000 km and 1,200 km": a unit on both ends is still one range.
        between_units=re_compile(
            rf"^between\s+(?P<a>[\d.,]+)[\s-]*(?P<ua>{word})\s+and\s+"
            rf"(?P<b>[\d.,]+)[\s-]*(?P<unit>{word})$",
            re.IGNORECASE,
        ),
    )


# The shipped table's spellings → pint names (rule sets may add more).
ALIASES: Mapping[str, str] = table().aliases
DEFINITIONS = table().definitions


@cache
def units(extra: tuple[Unit, ...] = ()) -> pint.UnitRegistry:
    """The registry of one unit table, built once and never modified after.

    Raises ``ValueError`` naming the line pint could not read.
    """
    import pint

    registry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in table(extra).definitions.strip().splitlines():
        try:
            registry.define(line)
        except Exception as err:  # pint raises several types for a bad line
            raise ValueError(f"pint cannot define {line!r}: {err}") from None
    return registry


# pint's answers for the units and dimensions a rule set reads, derived once
# with pint (``unit_facts``) and kept with the rule set in the user's cache
# (launchcheck.pipeline): a run that finds them there never imports pint,
# which is a third of a cold ``check``. Filled once, never changed after.
UnitAnswers = dict[tuple[str, tuple[Unit, ...]], tuple[float, str, str]]
DimensionAnswers = dict[tuple[str, tuple[Unit, ...]], str]
_KNOWN_UNITS: UnitAnswers = {}
_KNOWN_DIMENSIONS: DimensionAnswers = {}


def unit_facts(
    readings: Iterable[tuple[str, tuple[Unit, ...]]],
) -> tuple[UnitAnswers, DimensionAnswers]:
    """The answers pint gives for every unit of each (dimension, units) a rule reads.

    ``readings``: a rule's dimension ("[length]", "" for none) and its rule
    set's own units. Returns (``unit_info`` answers, ``_canon_dim`` answers),
    for ``preload_units``.
    """
    wanted = list(dict.fromkeys(readings))
    infos: UnitAnswers = {
        (name, extra): unit_info(name, extra)
        for extra in dict.fromkeys(extra for _, extra in wanted)
        for name in dict.fromkeys(table(extra).aliases.values())
    }
    dimensions: DimensionAnswers = {
        (dimension, extra): _canon_dim(dimension, extra)
        for dimension, extra in wanted
        if dimension
    }
    return infos, dimensions


def preload_units(
    infos: Mapping[object, object], dimensions: Mapping[object, object]
) -> None:
    """Use these answers of pint's (from ``unit_facts``) from now on."""
    for key, info in infos.items():
        if isinstance(key, tuple) and isinstance(info, tuple):
            _KNOWN_UNITS.setdefault(key, info)  # type: ignore[arg-type]
    for key, dim in dimensions.items():
        if isinstance(key, tuple) and isinstance(dim, str):
            _KNOWN_DIMENSIONS.setdefault(key, dim)  # type: ignore[arg-type]


@lru_cache(maxsize=256)
def unit_info(name: str, extra: tuple[Unit, ...] = ()) -> tuple[float, str, str]:
    """Base units per one ``name``, the base unit's name, and the dimensionality."""
    known = _KNOWN_UNITS.get((name, extra))
    if known is not None:
        return known
    registry = units(extra)
    quantity = registry.Quantity(1.0, name)
    base = quantity.to_base_units()
    return float(base.magnitude), str(base.units), str(quantity.dimensionality)


def dimension_of(word: str, extra: tuple[Unit, ...] = ()) -> str:
    """The pint dimensionality of a unit word as written, or KeyError."""
    return unit_info(table(extra).name_of(word), extra)[2]


def is_dimension(dimension: str, extra: tuple[Unit, ...] = ()) -> bool:
    """True when ``dimension`` (e.g. "[length]") is one the registry knows."""
    registry = units(extra)
    try:
        registry.get_dimensionality(dimension)
    except Exception:
        return False
    names = set(table(extra).aliases.values())
    return any(unit_info(u, extra)[2] == _canon_dim(dimension) for u in names)


@lru_cache(maxsize=64)
def _canon_dim(dimension: str, extra: tuple[Unit, ...] = ()) -> str:
    known = _KNOWN_DIMENSIONS.get((dimension, extra))
    if known is not None:
        return known
    return str(units(extra).get_dimensionality(dimension))


@lru_cache(maxsize=8192)
def to_interval(
    text: str, hedge: Hedge, dimension: str, extra: tuple[Unit, ...] = ()
) -> tuple[float, float, float, str, float, str]:
    """Read "7,000 km" or "1 hour and 26 minutes" into an interval in base units.

    Returns ``(low, high, nominal, unit_name, base_per_unit, base_unit)``;
    raises ValueError with a reason when the text is not a quantity of
    ``dimension``. A unit whose size is a range (Mach) gives the range its
    number spans: "Mach 10" is 2,950–3,430 m/s, nominal at sea level.
    """
    units_of = table(extra)
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
    both = units_of.between_units.match(text)
    if both and units_of.aliases.get(both["ua"].lower()) == units_of.aliases.get(
        both["unit"].lower()
    ):
        return _range_interval(
            f"{both['a']} to {both['b']}", both["unit"], dimension, extra
        )
    ranged = units_of.range_text.match(text)
    if ranged:
        return _range_interval(
            ranged.group("nums"), ranged.group("unit"), dimension, extra
        )
    parts = _parts(text, extra)
    if not parts:
        raise ValueError(f"no number with a unit in {text!r}")
    total = 0.0
    first_unit = ""
    base_unit = ""
    spread: tuple[float, float] | None = None
    for number_text, unit_word in parts:
        unit_name = units_of.name_of(unit_word)
        factor, base_unit, dim = unit_info(unit_name, extra)
        if dimension and dim != _canon_dim(dimension, extra):
            raise ValueError(f"{unit_word!r} is not a {dimension} unit")
        first_unit = first_unit or unit_name
        number = _number(number_text)
        total += number.value * factor
        step = number.step * factor
        unit = units_of.by_name[unit_name]
        if unit.spread and len(parts) == 1:
            spread = (number.value * unit.spread[0], number.value * unit.spread[1])
    if not math.isfinite(total + step):
        raise ValueError("the figure is past any real quantity")
    if spread is not None:
        # The number of a ranged unit is taken as written (Mach 10 is ten
        # times the speed of sound, whatever that is); its hedge still widens.
        low, high = bounds(spread[0], 0.0, hedge)[0], bounds(spread[1], 0.0, hedge)[1]
        return low, high, total, first_unit, unit_info(first_unit, extra)[0], base_unit
    low, high = bounds(total, step, hedge)
    return low, high, total, first_unit, unit_info(first_unit, extra)[0], base_unit


_ELAPSED = re_compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})")
_COMPACT = re_compile(
    r"(?:(?P<h>\d{1,3})\s?h\s?)?(?P<m>\d{1,2})\s?m(?:in)?(?:\s?(?P<s>\d{1,2})\s?s)?",
    re.IGNORECASE,
)


def _range_interval(
    nums: str, unit_word: str, dimension: str, extra: tuple[Unit, ...] = ()
) -> tuple[float, float, float, str, float, str]:
    """A stated range is its own interval, widened by each end's rounding."""
    span = parse_range(nums)
    if span is None:
        raise ValueError(f"cannot read the range {nums!r}")
    unit_name = table(extra).name_of(unit_word)
    factor, base_unit, dim = unit_info(unit_name, extra)
    if dimension and dim != _canon_dim(dimension, extra):
        raise ValueError(f"{unit_word!r} is not a {dimension} unit")
    low_n, high_n = span
    low = (low_n.value - low_n.step / 2) * factor
    high = (high_n.value + high_n.step / 2) * factor
    nominal = (low_n.value + high_n.value) / 2 * factor
    if not math.isfinite(high):
        raise ValueError("the range is past any real quantity")
    return low, high, nominal, unit_name, factor, base_unit


@lru_cache(maxsize=8192)
def rounding_step(text: str, extra: tuple[Unit, ...] = ()) -> float:
    """The rounding step of the last figure in a quantity, in base units.

    0 when the last figure is "a"/"an" or cannot be read, or its unit is a
    range (Mach): no step is claimed.
    """
    parts = _parts(" ".join(text.split()), extra)
    if not parts:
        return 0.0
    figure = parts[-1][0].strip()
    number = parse_number(figure) if figure not in ("a", "an") else None
    name = table(extra).name_of(parts[-1][1])
    if number is None or table(extra).by_name[name].spread:
        return 0.0
    return number.step * unit_info(name, extra)[0]


def _number(text: str) -> Number:
    cleaned = text.strip().lower()
    if cleaned in ("a", "an"):
        return Number(1.0, 1.0)
    number = parse_number(cleaned)
    if number is None:
        raise ValueError(f"cannot read the number {text!r}")
    return number


def _parts(text: str, extra: tuple[Unit, ...] = ()) -> list[tuple[str, str]]:
    """Split "1 hour and 26 minutes" into number/unit pairs; "and a half" adds 0.5.

    A unit written before its number ("Mach 10") is one part.
    """
    units_of = table(extra)
    first = units_of.before.match(text) if units_of.before else None
    if first:
        return [(first.group("num").strip(" -"), first.group("unit"))]
    half = re.search(r"\s+and\s+a\s+half$", text, re.IGNORECASE)
    body = text[: half.start()] if half else text
    out = []
    for m in units_of.part.finditer(body):
        num = re.sub(r"^(?:and|,)\s+", "", m.group("num").strip(), flags=re.IGNORECASE)
        out.append((num.strip(" ,-"), m.group("unit")))
    if half and out:
        num, unit = out[-1]
        out[-1] = (f"{num} and a half", unit)
    return out


def short_unit(name: str, extra: tuple[Unit, ...] = ()) -> str:
    """A compact symbol for display (km, mi, min)."""
    return table(extra).short.get(name, name)


def shown(name: str, extra: tuple[Unit, ...] = ()) -> tuple[str, float, str]:
    """How a reading in unit ``name`` is shown: symbol, base units per one, and why.

    A ranged unit (Mach) is shown in its ``shown_as`` unit (km/s), with the
    reason its value is a range; any other unit in itself, with no reason.
    """
    unit = table(extra).by_name.get(name)
    if unit is None or not unit.shown_as:
        return short_unit(name, extra), unit_info(name, extra)[0], ""
    return (
        short_unit(unit.shown_as, extra),
        unit_info(unit.shown_as, extra)[0],
        unit.why,
    )
