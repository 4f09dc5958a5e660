"""Claims → facts: every value becomes an Interval, a Window or a Category.

This is the only stage that imports pint and dateparser, and only inside
functions, so ``launchcheck --help`` never pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from launchcheck.errors import RuleError, RuleErrors
from launchcheck.kinds import spec
from launchcheck.lexicon import lexicon
from launchcheck.model import Category, EventKind, Fact, Interval, Kind, Window
from launchcheck.normalize import dates, names
from launchcheck.normalize.hedges import WORDS, Hedge, hedge_of

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from launchcheck.model import Claim
    from launchcheck.ruleset.schema import Role, Rule, RuleSet


@dataclass(frozen=True, slots=True)
class Setting:
    """What normalization needs to know beyond the claim itself."""

    event_zone: str = "UTC"
    published: dt.date | None = None
    article_zone: str | None = None
    # The zone an article's own stated times count in, for its bare clock
    # times only: a US paper's "Sunday" may still be Pyongyang's day.
    clock_zone: str | None = None
    story_date: dt.date | None = None
    roles: tuple[Role, ...] = ()

    @property
    def ref(self) -> dt.date | None:
        """The date relative words are read against."""
        return self.published or self.story_date


class Unusable(ValueError):
    """A claim whose value cannot be normalized; it becomes a note, not a fact."""


def normalize(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """Turn one claim into a fact, or raise ``Unusable`` saying why.

    The claim's kind names its normalizer (``launchcheck.kinds.KINDS``).
    """
    return _normalizer(claim.kind)(claim, rule, setting)


@cache
def _normalizer(kind: Kind) -> Callable[[Claim, Rule, Setting], Fact]:
    """The normalizer a kind names as ``module:function``, imported once."""
    import importlib

    module, _, name = spec(kind).normalizer.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def normalize_name(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """A person's name as written (spaces and apostrophes tidied), checked against roles."""
    label = " ".join(claim.value.replace("’", "'").split())
    return Fact(claim, Category(label, _role_note(claim, label, setting)), label)


def fmt(value: float) -> str:
    """A number for people: thousands separators, at most one decimal."""
    if abs(value) >= 1e15:
        return "∞" if value > 0 else "-∞"
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}"


def span(low: float, high: float) -> str:
    """A range with just enough digits that its two ends differ."""
    for digits in (0, 1, 2, 3):
        a, b = f"{low:,.{digits}f}", f"{high:,.{digits}f}"
        if a != b or digits == 3:
            if digits == 0 and (abs(low) < 10 or abs(high) < 10):
                continue
            return f"{a}–{b}"
    return f"{low:,.3f}–{high:,.3f}"


def _hedge(word: str) -> Hedge:
    try:
        return hedge_of(word)
    except KeyError:
        raise Unusable(f"unknown hedge {word!r}") from None


def normalize_count(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """A count of discrete things: exact unless hedged, vague words as ranges."""
    from launchcheck.normalize.hedges import bounds
    from launchcheck.normalize.numbers import parse_number, parse_range, parse_vague

    hedge = _hedge(claim.hedge)
    vague = parse_vague(claim.value)
    if vague is not None:
        low, high = vague
        interval = Interval(low, high, (low + high) / 2, "")
        return Fact(claim, interval, span(low, high))
    ends = parse_range(claim.value)
    if ends is not None and re.search(r"\d\s*(?:-|–|to|and)\s*\d|between", claim.value):
        a, b = ends
        low, high = a.value - a.step / 2, b.value + b.step / 2
        interval = Interval(low, high, (a.value + b.value) / 2, "")
        return Fact(claim, interval, span(low, high))
    number = parse_number(claim.value)
    if number is None:
        raise Unusable(f"cannot read the number {claim.value!r}")
    # A count of discrete things is exact unless hedged: "180" and "200
    # missiles" cannot both be right; "about 180" and "nearly 200" can.
    step = 0.0 if hedge is Hedge.EXACT else number.step
    low, high = bounds(number.value, step, hedge)
    display = fmt(low) if low == high else span(low, high)
    return Fact(claim, Interval(low, high, number.value, ""), display)


def normalize_quantity(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """A figure with a unit, as an interval in the base unit of the rule's dimension.

    The rule's own units (``rule.unit_defs``, from its rule set) are read
    besides the lexicon's. A ranged unit (Mach) is shown in the unit it
    names (km/s), and ``Interval.basis`` says why its value is a range.
    """
    from launchcheck.normalize.quantities import (
        rounding_step,
        shown,
        table,
        to_interval,
    )

    extra = rule.unit_defs
    hedge = _hedge(claim.hedge)
    try:
        low, high, nominal, unit, per, base = to_interval(
            claim.value, hedge, rule.dimension, extra
        )
    except (ValueError, KeyError) as err:
        raise Unusable(str(err)) from None
    if rule.units:
        aliases = table(extra).aliases
        allowed = {aliases.get(u.lower(), u) for u in rule.units}
        if unit not in allowed:
            raise Unusable(f"unit {unit!r} is not one of the rule's units")
    note = ""
    if claim.alt_value:
        note = _check_conversion(claim, rule, low, high, per, unit)
    symbol, per, why = shown(unit, extra)
    # The rounding step of exact and "about" figures: used to recognise a
    # figure cut down rather than rounded ("about 74 minutes" for 74:51).
    exact = hedge in (Hedge.EXACT, Hedge.APPROX)
    step = rounding_step(claim.value, extra) if exact else 0.0
    display = f"{span(low / per, high / per)} {symbol}"
    basis = ""
    if why:
        # A ranged unit's ends are the physics, not rounding: show them.
        display = f"{low / per:,.2f}–{high / per:,.2f} {symbol}"
        basis = f"{claim.value} = {display}: {why}"
    interval = Interval(low, high, nominal, symbol, per, base, note, step, basis)
    return Fact(claim, interval, display)


def _check_conversion(
    claim: Claim, rule: Rule, low: float, high: float, per: float, unit: str
) -> str:
    """Compare an article's own conversion in parentheses with the figure it converts."""
    from launchcheck.normalize.quantities import short_unit, to_interval

    extra = rule.unit_defs
    hedge = _hedge(claim.alt_hedge or claim.hedge)
    try:
        a_low, a_high, a_nom, _a_unit, _a_per, _ = to_interval(
            claim.alt_value, hedge, rule.dimension, extra
        )
        # The parenthesis converts the figure, not its hedge: "nearly four
        # months (125 days)" is checked against four months as rounded.
        e_low, e_high, *_ = to_interval(claim.value, Hedge.EXACT, rule.dimension, extra)
        low, high = min(low, e_low), max(high, e_high)
    except (ValueError, KeyError):
        return ""
    if a_low <= high and low <= a_high:
        return ""
    return (
        f"own conversion is wrong: {claim.alt_value} = {fmt(a_nom / per)}"
        f" {short_unit(unit, extra)},"
        f" not {fmt((low + high) / 2 / per)}"
    )


def _zone(claim: Claim, setting: Setting) -> str:
    return dates.zone_name(claim.zone, setting.article_zone, setting.event_zone)


def normalize_date(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """A day (or part of one) as a window in the zone it is read in.

    The date is read from its sentence (``normalize.when``): a day beside a
    clock time takes that time's zone, "today" in a dated quote is the day it
    was said, and plans and rules marked ``ahead`` resolve weekdays forward.
    """
    from launchcheck.model import Modality
    from launchcheck.normalize.when import reading

    plan = claim.context.modality is Modality.PLAN
    how = reading(
        claim.value, claim.text, claim.sentence, setting.ref, ahead=rule.ahead or plan
    )
    if how.undecided:
        raise Unusable(f"cannot place the date {claim.value!r}: {how.undecided}")
    zone = dates.zone_name(
        claim.zone or how.zone_word, setting.article_zone, setting.event_zone
    )
    found = dates.day_window(claim.value, how.ref, zone, how.ahead, how.month)
    if found is None:
        raise Unusable(f"cannot place the date {claim.value!r} (no publication date?)")
    start, end, precision, note = found
    ref = setting.published
    if rule.recent and ref is not None and not claim.event:
        day = dates.closest_day(start, end, zone, ref)
        age = (ref - day).days
        if age > rule.recent or age < -1:
            # News reports a launch within days; a date far from publication
            # (or after it) belongs to something else the article mentions.
            when = f"{age} days before publication" if age > 0 else "after publication"
            ctx = replace(claim.context, event=EventKind.BACKGROUND, event_cue=when)
            claim = replace(claim, event=when, context=ctx)
    display = dates.describe(start, zone, precision)
    return Fact(
        claim, Window(start, end, zone, precision, False, note), f"{display} ({zone})"
    )


def weekday_reading(fact: Fact, setting: Setting) -> Fact | None:
    """The weekday of a date claim that does not fit its date, as a fact of its own.

    An article that writes "Wednesday 13 April" for a Thursday states two
    days; each is compared with the story, so the one that is wrong meets the
    articles that say otherwise (and the two readings conflict with each
    other inside the article). None when the weekday fits or is absent.
    """
    claim = fact.claim
    if claim.kind is not Kind.DATE or not isinstance(fact.value, Window):
        return None
    misfit = dates.weekday_misfit(claim.value, setting.ref)
    if misfit is None:
        return None
    weekday, day = misfit
    zone = fact.value.zone
    _, part = dates.split_part(claim.value)
    hours = dates.PARTS.get(part, (0.0, 24.0))
    start = dates._to_utc(day, hours[0], zone)
    end = dates._to_utc(day, hours[1], zone)
    local = start.astimezone(dates._zone(zone))
    window = Window(start, end, zone, part or "day", False, f"{weekday} as written")
    display = f"{local:%a %Y-%m-%d} ({zone}; the weekday as written, not its date)"
    return Fact(replace(claim, value=weekday), window, display)


def normalize_time(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """A clock time (with its day when stated) as a UTC window, widened by its hedge."""
    zone = dates.zone_name(
        claim.zone, setting.clock_zone or setting.article_zone, setting.event_zone
    )
    found = dates.clock_window(claim.value, claim.date, setting.ref, zone)
    if found is None:
        raise Unusable(f"cannot read the time {claim.value!r}")
    start, end, precision, note, clock_only = found
    # With a date rule the day is judged there; here only the time of day.
    clock_only = clock_only or bool(rule.date_rule)
    start, end = _hedge_time(claim.hedge, start, end)
    display = f"{start:%H:%M} UTC" if clock_only else f"{start:%Y-%m-%d %H:%M} UTC"
    return Fact(claim, Window(start, end, zone, precision, clock_only, note), display)


# Minutes added to (start, end) of the stated minute, from the lexicon.
TIME_HEDGES = lexicon().time_hedges


def _hedge_time(
    hedge: str, start: dt.datetime, end: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """Widen a clock time by its hedge: "shortly after 5:20" covers 5:20-5:40."""
    import datetime as _dt

    before, after = TIME_HEDGES.get(hedge, (0, 0))
    return start + _dt.timedelta(minutes=before), end + _dt.timedelta(minutes=after)


def _role_note(claim: Claim, name: str, setting: Setting) -> str:
    """Check a named office holder against the rule set's dated role table."""
    if claim.event:
        return ""
    return names.role_note(name, claim.scope, setting.ref, setting.roles)


def normalize_category(claim: Claim, rule: Rule, setting: Setting) -> Fact:
    """The label of the rule's category whose phrase the value is."""
    label = rule.label_of(claim.value)
    if not label:
        raise Unusable(f"{claim.value!r} is in none of the rule's categories")
    return Fact(claim, Category(label), label)


def validate(ruleset: RuleSet) -> None:
    """Check what only normalization knows: dimensions, unit words, hedges, zones.

    The rule set's own units are defined in pint here, one at a time, so a
    bad definition is reported at its line; every error is collected.
    """
    from launchcheck.errors import InputError
    from launchcheck.load import check_zone
    from launchcheck.normalize.quantities import dimension_of, is_dimension, table

    errors: list[RuleError] = _unit_errors(ruleset)
    extra = () if errors else tuple(d.unit for d in ruleset.unit_defs)
    aliases = table(extra).aliases
    for rule in ruleset.rules:
        if rule.kind is Kind.QUANTITY:
            if not is_dimension(rule.dimension, extra):
                errors.append(
                    RuleError(
                        rule.where("dimension"), f"unknown dimension {rule.dimension!r}"
                    )
                )
                continue
            for unit in rule.units:
                if unit.lower() not in aliases:
                    errors.append(
                        RuleError(rule.where("units"), f"unknown unit {unit!r}")
                    )
                elif dimension_of(unit, extra) != dimension_of_rule(rule):
                    errors.append(
                        RuleError(
                            rule.where("units"),
                            f"unit {unit!r} is not {rule.dimension}",
                        )
                    )
        for hedge in rule.hedges:
            if " ".join(hedge.lower().split()) not in WORDS:
                errors.append(
                    RuleError(rule.where("hedges"), f"unknown hedge {hedge!r}")
                )
    if ruleset.timezone:
        try:
            check_zone("rules/ruleset.yml", ruleset.timezone)
        except InputError as err:
            errors.append(RuleError(err.location, err.message))
    if errors:
        raise RuleErrors(errors)


def _unit_errors(ruleset: RuleSet) -> list[RuleError]:
    """Define each unit of the rule set in a scratch registry; say where pint objects."""
    if not ruleset.unit_defs:
        return []
    import pint

    from launchcheck.normalize.quantities import DEFINITIONS

    registry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in DEFINITIONS.strip().splitlines():
        registry.define(line)
    errors = []
    for entry in ruleset.unit_defs:
        unit = entry.unit
        try:
            registry.define(unit.define)
            got = str(registry.Quantity(1.0, unit.name).dimensionality)
            want = str(registry.get_dimensionality(unit.dimension))
        except Exception as err:  # pint raises many types for a bad line
            why = " ".join(str(err).split()) or type(err).__name__
            errors.append(
                RuleError(entry.location, f"pint cannot read unit {unit.name!r}: {why}")
            )
            continue
        if got != want:
            errors.append(
                RuleError(
                    entry.location,
                    f"unit {unit.name!r} is {got}, not its dimension {unit.dimension}",
                )
            )
    return errors


def dimension_of_rule(rule: Rule) -> str:
    """The canonical dimensionality string of a quantity rule."""
    from launchcheck.normalize.quantities import _canon_dim

    return _canon_dim(rule.dimension, rule.unit_defs)
