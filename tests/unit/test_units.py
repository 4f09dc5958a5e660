"""Units as data: Mach as a range, lakh and crore, and units a rule set defines."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pytest

from launchcheck import normalize as norm
from launchcheck.errors import RuleErrors
from launchcheck.normalize.hedges import Hedge
from launchcheck.normalize.quantities import table, to_interval
from launchcheck.ruleset.loader import load_ruleset

if TYPE_CHECKING:
    from pathlib import Path


def kms(text: str, hedge: Hedge = Hedge.EXACT) -> tuple[float, float]:
    low, high, *_ = to_interval(text, hedge, "[speed]")
    return low / 1000, high / 1000


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Mach 10", 2.95, 3.43),
        ("Mach-5", 1.475, 1.715),
        ("Mach 20", 5.9, 6.86),
        ("Mach 2.5", 0.7375, 0.8575),
    ],
)
def test_mach_is_the_range_of_the_speed_of_sound(text, low, high):
    """Mach N spans N × 295 m/s (altitude) to N × 343 m/s (sea level)."""
    got = kms(text)
    assert math.isclose(got[0], low) and math.isclose(got[1], high)


def test_hedged_mach_is_wider_than_exact():
    """ "About Mach 10" reaches past both ends of Mach 10."""
    exact, about = kms("Mach 10"), kms("Mach 10", Hedge.APPROX)
    assert about[0] < exact[0] and about[1] > exact[1]


def test_mach_10_agrees_with_3_km_s_and_mach_5_does_not():
    """Mach 10 overlaps 3 km/s (2.5-3.5); Mach 5 (1.48-1.72) does not."""
    three = kms("3 km/s")
    ten, five = kms("Mach 10"), kms("Mach 5")
    assert ten[0] <= three[1] and three[0] <= ten[1]
    assert five[1] < three[0]


def test_km_s_is_a_speed_and_km_h_too():
    """km/s and km/h are both speeds, 3,600 apart."""
    assert kms("1 km/s") == (0.5, 1.5)
    *_, nominal, _unit, _per, _base = to_interval("3,600 km/h", Hedge.EXACT, "[speed]")
    assert math.isclose(nominal, 1000.0)


def test_lakh_and_crore_scale_a_figure():
    """15 lakh km is 1.5 million km; 2 crore km is 20 million km."""
    assert to_interval("15 lakh km", Hedge.EXACT, "[length]")[2] == 1.5e9
    assert to_interval("1.5 million km", Hedge.EXACT, "[length]")[2] == 1.5e9
    assert to_interval("2 crore km", Hedge.EXACT, "[length]")[2] == 2e10


def test_the_shipped_table_is_built_once():
    """The table of the lexicon's units is one object, cached."""
    assert table() is table()
    assert table().aliases["mach"] == "mach"


CABLE = """id: launch
units:
  cable:
    define: "cable = 185.2 * meter"
    dimension: "[length]"
    short: cbl
    words: [cables, cable]
"""

RULE = """id: offset
kind: quantity
dimension: "[length]"
patterns:
  - 'fell {quantity} off'
examples:
  - {text: "it fell 3 cables off the coast", expect: {value: 3, unit: cbl}}
  - {text: "it fell 3 cubits off the coast", expect: none}
"""


def rules_with(tmp_path: Path, manifest: str, rule: str = RULE) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "ruleset.yml").write_text(manifest, encoding="utf-8")
    (folder / "offset.yml").write_text(rule, encoding="utf-8")
    return folder


def test_a_rule_set_unit_is_matched_and_read(tmp_path):
    """A unit defined in ruleset.yml joins the {quantity} block and the reader."""
    from launchcheck.ruletest import run_examples

    ruleset = load_ruleset([rules_with(tmp_path, CABLE)], replace=True)
    norm.validate(ruleset)
    assert [d.unit.name for d in ruleset.unit_defs] == ["cable"]
    outcomes = run_examples(ruleset)
    assert [o.passed for o in outcomes] == [True, True], outcomes
    *_, nominal, _unit, _per, _base = to_interval(
        "3 cables", Hedge.EXACT, "[length]", ruleset.rules[0].unit_defs
    )
    assert math.isclose(nominal, 555.6)


def test_a_rule_set_unit_leaves_the_shipped_table_alone(tmp_path):
    """Defining a unit builds a new table; the lexicon's one is unchanged."""
    ruleset = load_ruleset([rules_with(tmp_path, CABLE)], replace=True)
    assert "cable" not in table().aliases
    assert "cable" in table(ruleset.rules[0].unit_defs).aliases


def test_a_bad_pint_definition_is_located(tmp_path):
    """A definition pint cannot read is an error at its line and column."""
    bad = CABLE.replace("185.2 * meter", "185.2 * bogus")
    ruleset = load_ruleset([rules_with(tmp_path, bad)], replace=True)
    with pytest.raises(RuleErrors) as caught:
        norm.validate(ruleset)
    message = str(caught.value.errors[0])
    assert message.startswith(f"{tmp_path}/rules/ruleset.yml:4:13: ")
    assert "cable" in message


def test_a_unit_of_the_wrong_dimension_is_refused(tmp_path):
    """A unit whose definition is not its stated dimension is an error."""
    bad = CABLE.replace('"[length]"', '"[time]"')
    ruleset = load_ruleset([rules_with(tmp_path, bad)], replace=True)
    with pytest.raises(RuleErrors) as caught:
        norm.validate(ruleset)
    assert "not its dimension [time]" in str(caught.value.errors[0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("words: [cables, cable]", "words: [cables, km]"), "'km' is already"),
        (("cable = 185.2", "rope = 185.2"), "define must start with 'cable = ...'"),
        (("    short: cbl\n", ""), "needs 'short'"),
        (("  cable:", "  Cable:"), "lower_snake_case"),
        (("  cable:", "  mile:"), "already in the lexicon"),
        (('"[length]"', "length"), "must look like '[length]'"),
    ],
)
def test_bad_unit_entries_are_located(tmp_path, change, message):
    """Each malformed unit entry is one located error naming the problem."""
    bad = CABLE.replace(*change)
    with pytest.raises(RuleErrors) as caught:
        load_ruleset([rules_with(tmp_path, bad)], replace=True)
    text = "\n".join(str(e) for e in caught.value.errors)
    assert message in text
    assert re.search(r"ruleset\.yml:\d+:\d+: ", text)


@pytest.mark.parametrize(
    ("mach", "verdict"),
    [("Mach 10", "surface-only"), ("Mach 5", "contradiction")],
)
def test_mach_against_km_s_end_to_end(mach, verdict):
    """Two articles: Mach 10 vs 3 km/s agree, Mach 5 vs 3 km/s contradict, and say why."""
    import datetime as dt

    from launchcheck.model import Article
    from launchcheck.pipeline import Options, check_articles, prepare_rules

    day = dt.date(2024, 10, 31)
    articles = [
        Article("a.txt", f"The missile flew at {mach} before it fell.", day),
        Article("b.txt", "The missile flew at 3 km/s before it fell.", day),
    ]
    options = Options(timezone="UTC", select=("speed",))
    report = check_articles(articles, prepare_rules(options), options)
    (finding,) = [f for f in report.findings if f.rule == "speed"]
    assert finding.verdict.value == verdict
    assert "the speed of sound runs from ~295 m/s at altitude" in finding.reason
