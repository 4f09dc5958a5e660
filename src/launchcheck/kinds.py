"""One object per kind of value, chosen once from a table.

A rule's ``kind`` (quantity, count, date, time, category, name) decides which
pattern blocks fit it, which named groups a pattern must have, how a claim is
normalized, which ``expect:`` fields an example may check, when two values
conflict, and how a value is written to JSON. All of that lives here, in one
object per kind (the shape of Vale's rule types: one interface, one table),
so a new kind is a new entry in :data:`KINDS`, plus the normalizer it names.

Stdlib and ``model`` only: ``compare`` and ``report`` use this table without
pint or dateparser. The normalizer is named as ``module:function`` and imported
on demand by ``launchcheck.normalize`` (as ``report.WRITERS`` names writers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from launchcheck.model import Category, Interval, Kind, Window

if TYPE_CHECKING:
    from collections.abc import Mapping

    from launchcheck.model import Fact, Value

MINUTE = 60.0
DAY = 86400.0
REL_TOL = 1e-9

# ``expect:`` fields every kind can check: they read the claim, not its value.
CLAIM_FIELDS = (
    "text",
    "hedge",
    "scope",
    "event",
    "source",
    "zone",
    "modality",
    "moment",
)

# Blocks that hold no value of their own: any kind may use them.
NEUTRAL_BLOCKS = (
    "number",
    "range",
    "hedge",
    "time_hedge",
    "weekday",
    "month",
    "zone",
    "near",
    "gap",
)


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What one kind of value is, does and needs.

    ``value_blocks`` are the value-bearing blocks that fit the kind (a
    ``{quantity}`` never fits a count rule); ``groups`` the named groups each
    pattern must have; ``expect`` the ``expect:`` fields its examples may
    check (besides :data:`CLAIM_FIELDS`); ``normalizer`` the function, as
    ``module:function``, that turns a claim into a fact.
    """

    kind: Kind
    value_type: type
    value_blocks: tuple[str, ...]
    groups: tuple[str, ...]
    expect: tuple[str, ...]
    normalizer: str
    # Two different values of this kind in one article contradict each other
    # (a name: one holder per office); False for categories, where an article
    # that says "solid boosters and a liquid core" describes two parts.
    conflicts_in_one_article: bool = True

    @property
    def blocks(self) -> tuple[str, ...]:
        """Every block a pattern of this kind may name."""
        return (*NEUTRAL_BLOCKS, *self.value_blocks)

    @property
    def expect_fields(self) -> tuple[str, ...]:
        """Every ``expect:`` field an example of this kind may check."""
        return (*self.expect, *CLAIM_FIELDS)

    def conflicts(self, x: Value, y: Value) -> bool:
        """True when the two values cannot both be true."""
        if not (isinstance(x, self.value_type) and isinstance(y, self.value_type)):
            return False
        if isinstance(x, Interval) and isinstance(y, Interval):
            return _intervals_conflict(x, y)
        if isinstance(x, Window) and isinstance(y, Window):
            return _windows_conflict(x, y)
        assert isinstance(x, Category) and isinstance(y, Category)
        return x.label != y.label

    def key(self, value: Value) -> tuple[object, ...]:
        """A hashable key equal for values that are the same statement."""
        if isinstance(value, Interval):
            return ("i", value.low, value.high, value.step, value.note)
        if isinstance(value, Window):
            return ("w", value.start, value.end, value.clock_only)
        return ("c", value.label, value.note)

    def to_json(self, fact: Fact) -> dict[str, Any]:
        """The value of a fact as the JSON contract (v1) writes it."""
        v = fact.value
        if isinstance(v, Interval):
            return {
                "type": "interval",
                "low": _number(v.low),
                "high": _number(v.high),
                "nominal": _number(v.nominal),
                "unit": v.base_unit or None,
                "display": fact.display,
            }
        if isinstance(v, Window):
            return {
                "type": "window",
                "start": v.start.isoformat(),
                "end": v.end.isoformat(),
                "zone": v.zone,
                "precision": v.precision,
                "clock_only": v.clock_only,
                "display": fact.display,
            }
        assert isinstance(v, Category)
        return {"type": "category", "label": v.label, "display": fact.display}


def _number(x: float) -> float | None:
    """A finite number, or None for an open end (JSON has no infinity)."""
    return x if math.isfinite(x) else None


def _intervals_conflict(x: Interval, y: Interval) -> bool:
    """Disjoint intervals conflict, unless one figure is the other cut down."""
    tol = REL_TOL * max(abs(x.high), abs(y.high), 1.0)
    if not (x.high + tol < y.low or y.high + tol < x.low):
        return False
    return not truncated(x, y)


def truncated(x: Interval, y: Interval) -> bool:
    """True when the coarser exact figure is the finer one cut down, not rounded.

    Reporters truncate: "73 minutes" for 4,415 seconds (73 min 35 s) is the
    same figure, while "86" against "87 minutes" (same precision) is not.
    """
    if not (x.step and y.step) or abs(x.step - y.step) <= REL_TOL * max(x.step, y.step):
        return False
    coarse, fine = (x, y) if x.step > y.step else (y, x)
    cut = (fine.nominal // coarse.step) * coarse.step
    return abs(cut - coarse.nominal) <= REL_TOL * max(abs(coarse.nominal), 1.0)


def _windows_conflict(x: Window, y: Window) -> bool:
    """Windows conflict when they are apart by a minute or more (clock times: mod a day)."""
    # A time to the minute is good to a minute either way: agencies
    # timing the same launch differ by that much (9:59 vs 10:00).
    short = all((w.end - w.start).total_seconds() <= 2 * MINUTE for w in (x, y))
    slack = MINUTE if short else 0.0
    if x.clock_only or y.clock_only:
        return not overlap_mod_day(x, y, slack)
    gap = max((y.start - x.end).total_seconds(), (x.start - y.end).total_seconds())
    return gap >= slack


def overlap_mod_day(x: Window, y: Window, slack: float = 0.0) -> bool:
    """Whether two windows overlap as times of day (within ``slack`` seconds)."""

    def arc(w: Window) -> tuple[float, float]:
        start = (w.start.hour * 3600 + w.start.minute * 60 + w.start.second) % DAY
        return start, start + (w.end - w.start).total_seconds()

    (a0, a1), (b0, b1) = arc(x), arc(y)
    return any(a0 < b1 + k + slack and b0 + k < a1 + slack for k in (-DAY, 0.0, DAY))


_FIGURE = ("value", "low", "high")

KINDS: Mapping[Kind, KindSpec] = MappingProxyType(
    {
        Kind.QUANTITY: KindSpec(
            Kind.QUANTITY,
            Interval,
            ("quantity", "unit"),
            ("value",),
            (*_FIGURE, "unit"),
            "launchcheck.normalize:normalize_quantity",
        ),
        Kind.COUNT: KindSpec(
            Kind.COUNT,
            Interval,
            ("count",),
            ("value",),
            _FIGURE,
            "launchcheck.normalize:normalize_count",
        ),
        Kind.DATE: KindSpec(
            Kind.DATE,
            Window,
            ("date",),
            ("date",),
            ("date", "precision"),
            "launchcheck.normalize:normalize_date",
        ),
        Kind.TIME: KindSpec(
            Kind.TIME,
            Window,
            ("time", "date"),
            ("time",),
            ("utc", "date", "precision"),
            "launchcheck.normalize:normalize_time",
        ),
        Kind.CATEGORY: KindSpec(
            Kind.CATEGORY,
            Category,
            ("category",),
            ("value",),
            ("label",),
            "launchcheck.normalize:normalize_category",
            conflicts_in_one_article=False,
        ),
        Kind.NAME: KindSpec(
            Kind.NAME,
            Category,
            ("person", "role", "category"),
            ("value", "role"),
            ("label",),
            "launchcheck.normalize:normalize_name",
        ),
    }
)


def spec(kind: Kind) -> KindSpec:
    """The object of one kind (every ``Kind`` has one; a test checks it)."""
    return KINDS[kind]


def spec_for(fact: Fact) -> KindSpec:
    """The object of a fact's kind; of its value's type when the two disagree.

    A derived fact (a weekday reading) or a hand-built one in a test may hold
    a value of another kind's type; its value then decides.
    """
    own = KINDS[fact.claim.kind]
    return own if isinstance(fact.value, own.value_type) else spec_of_value(fact.value)


def spec_of_value(value: Value) -> KindSpec:
    """The first kind whose values are of this type (for JSON of a bare value)."""
    for candidate in KINDS.values():
        if isinstance(value, candidate.value_type):
            return candidate
    raise TypeError(f"no kind holds a {type(value).__name__}")
