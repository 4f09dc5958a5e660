"""Run the ``examples:`` written inside rule files: each rule's own test."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from launchcheck import explain
from launchcheck import normalize as norm
from launchcheck.extract import extract_claims
from launchcheck.model import Article, Category, Interval, Window

if TYPE_CHECKING:
    from launchcheck.model import Fact
    from launchcheck.ruleset.schema import Example, Rule, RuleSet


@dataclass(frozen=True, slots=True)
class Outcome:
    """One example's result: passed, or why not."""

    rule: str
    example: Example
    passed: bool
    message: str


def _article(example: Example, ruleset: RuleSet) -> tuple[Article, str]:
    """An example as an article, and the zone it is read in."""
    settings = dict(example.settings)
    published = (
        dt.date.fromisoformat(settings["published"])
        if "published" in settings
        else None
    )
    zone = settings.get("timezone", ruleset.timezone or "UTC")
    article = Article(
        path=f"<example {example.location}>", text=example.text, published=published
    )
    return article, zone


def _facts(
    rule: Rule, example: Example, ruleset: RuleSet
) -> tuple[list[Fact], list[str]]:
    article, zone = _article(example, ruleset)
    published = article.published
    only = _only(ruleset, rule)
    facts, problems = [], []
    for claim in extract_claims(article, only):
        if claim.rule != rule.rule_id:
            continue
        try:
            facts.append(
                norm.normalize(claim, rule, norm.Setting(zone, published, None, None))
            )
        except norm.Unusable as why:
            problems.append(f"'{claim.text}' skipped: {why}")
    return facts, problems


def _only(ruleset: RuleSet, rule: Rule) -> RuleSet:
    from dataclasses import replace

    linked = tuple(r for r in ruleset.rules if r.rule_id == rule.date_rule)
    return replace(ruleset, rules=(rule, *linked))


def _matches(fact: Fact, key: str, want: object, rule: Rule | None = None) -> bool:
    c, v = fact.claim, fact.value
    if key == "value" and isinstance(v, Interval):
        got = v.nominal / v.per_unit
        return math.isclose(got, float(want), rel_tol=1e-6)  # type: ignore[arg-type]
    if key == "unit" and isinstance(v, Interval):
        from launchcheck.normalize.quantities import short_unit, table

        extra = rule.unit_defs if rule else ()
        wanted = str(want).lower()
        return v.unit == short_unit(table(extra).aliases.get(wanted, wanted), extra)
    if key in ("low", "high") and isinstance(v, Interval):
        got = (v.low if key == "low" else v.high) / v.per_unit
        return math.isclose(got, float(want), rel_tol=1e-3)  # type: ignore[arg-type]
    if key == "date" and isinstance(v, Window):
        from zoneinfo import ZoneInfo

        return v.start.astimezone(ZoneInfo(v.zone)).date().isoformat() == str(want)
    if key == "utc" and isinstance(v, Window):
        # The window holds the stated UTC minute (a hedged time is wider).
        import datetime as dt

        shape = "%Y-%m-%d %H:%M" if not v.clock_only else "%H:%M"
        moment, minutes = v.start, 0
        while moment < v.end and minutes <= 24 * 60:
            if moment.strftime(shape) == str(want):
                return True
            moment += dt.timedelta(minutes=1)
            minutes += 1
        return False
    if key == "precision" and isinstance(v, Window):
        return v.precision == str(want)
    if key == "label" and isinstance(v, Category):
        return v.label == str(want)
    if key == "modality":
        return c.context.modality.value == str(want).lower()
    if key == "moment":
        moment = c.context.moment
        return (moment.value if moment else "none") == str(want).lower()
    if key == "event" and isinstance(want, bool):
        return bool(c.event) is want
    if key in ("text", "hedge", "scope", "event", "source", "zone"):
        return str(getattr(c, key)).lower() == str(want).lower()
    return False


def run_example(rule: Rule, example: Example, ruleset: RuleSet) -> Outcome:
    """Check one example against what the rule extracts from its text."""
    facts, problems = _facts(rule, example, ruleset)
    if example.expect is None:
        hits = [f for f in facts if not f.claim.event]
        if hits:
            return Outcome(
                rule.rule_id,
                example,
                False,
                f"expected nothing, got '{hits[0].claim.text}'",
            )
        return Outcome(rule.rule_id, example, True, "")
    for fact in facts:
        if all(_matches(fact, k, w, rule) for k, w in example.expect):
            return Outcome(rule.rule_id, example, True, "")
    want = ", ".join(f"{k}={w!r}" for k, w in example.expect)
    if not facts:
        why = explain.why_nothing(
            _article(example, ruleset)[0], rule, ruleset, problems
        )
        return Outcome(
            rule.rule_id, example, False, f"expected {want}; got nothing: {why}"
        )
    got = "; ".join(_describe(f) for f in facts)
    if problems:
        got += " (" + "; ".join(problems) + ")"
    return Outcome(rule.rule_id, example, False, f"expected {want}; got {got}")


def _describe(fact: Fact) -> str:
    """A fact read from an example, and where its context put it."""
    c = fact.claim
    bits = [f"'{c.text}' → {fact.display}"]
    for key in ("hedge", "scope", "source"):
        if getattr(c, key):
            bits.append(f"{key}={getattr(c, key)!r}")
    apart = explain.why_apart(c)
    if apart:
        bits.append(f"but the claim context put it in {apart}")
    return " ".join(bits)


def run_examples(ruleset: RuleSet) -> list[Outcome]:
    """Every example of every rule, in rule order."""
    return [run_example(r, e, ruleset) for r in ruleset.rules for e in r.examples]
