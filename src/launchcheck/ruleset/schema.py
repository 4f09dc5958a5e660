"""The rule language as frozen values; each field remembers where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from launchcheck.lexicon import Unit
    from launchcheck.model import Kind, Location


@dataclass(frozen=True, slots=True)
class Pattern:
    """One regular expression of a rule, before and after block expansion."""

    source: str
    expanded: str
    location: Location
    anchor: str = ""
    # The blocks the source names, with the text each expanded to, in order
    # of first use: what ``prefilter.needs_of`` reads a block at a time.
    blocks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence with what the rule must (or must not) extract from it."""

    text: str
    expect: tuple[tuple[str, object], ...] | None
    location: Location
    settings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A canonical label and the phrases (regexes) that mean it."""

    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """One checkable fact: how to find it and what kind of value it has."""

    rule_id: str
    fact: str
    kind: Kind
    description: str
    patterns: tuple[Pattern, ...]
    examples: tuple[Example, ...]
    location: Location
    dimension: str = ""
    recent: int = 0
    date_rule: str = ""
    moment: str = ""  # the moment a date or time rule reads ("launch", "fall"...)
    event_cues: bool = True
    modality: bool = True  # capability and plan cues apply (false: a property)
    ahead: bool = False  # date rule: bare weekdays are still to come (an election)
    units: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    field_locations: tuple[tuple[str, Location], ...] = ()
    # The units the rule set defines besides the lexicon's (ruleset.yml
    # ``units:``): the rule's blocks match them and normalization reads them.
    unit_defs: tuple[Unit, ...] = ()

    def label_of(self, text: str) -> str:
        """The label of the first category one of whose phrases is all of ``text``."""
        from launchcheck.patterncache import compiled

        for category in self.categories:
            for phrase in category.phrases:
                if compiled(phrase).fullmatch(text.strip()):  # type: ignore[attr-defined]
                    return category.label
        return ""

    def where(self, key: str) -> Location:
        """The location of field ``key`` (or of the rule) for error messages."""
        return dict(self.field_locations).get(key, self.location)


@dataclass(frozen=True, slots=True)
class Alias:
    """A canonical name and the regexes that refer to it (sources, places)."""

    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """Who held an office when: ``start`` inclusive, ``end`` exclusive (None: still)."""

    office: str
    name: str
    start: date
    end: date | None
    location: Location


@dataclass(frozen=True, slots=True)
class UnitDef:
    """A unit a rule set defines (``ruleset.yml`` ``units:``), where it was written."""

    unit: Unit
    location: Location


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules plus the context vocabulary shared by them."""

    ruleset_id: str
    rules: tuple[Rule, ...]
    timezone: str = ""
    other_event: tuple[Pattern, ...] = ()
    future_event: tuple[Pattern, ...] = ()
    sources: tuple[Alias, ...] = ()
    places: tuple[Alias, ...] = ()
    subjects: tuple[tuple[str, tuple[Alias, ...]], ...] = ()
    roles: tuple[Role, ...] = ()
    paths: tuple[str, ...] = field(default=())
    unit_defs: tuple[UnitDef, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        """Return the rule with this id (KeyError if there is none)."""
        for rule in self.rules:
            if rule.rule_id == rule_id:
                return rule
        raise KeyError(rule_id)
