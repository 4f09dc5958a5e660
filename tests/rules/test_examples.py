"""Every rule's own examples, plus meta-tests on the shipped rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchcheck.model import Kind
from launchcheck.pipeline import Options, prepare_rules
from launchcheck.ruleset.blocks import HEDGES, UNIT_WORDS
from launchcheck.ruleset.loader import shipped_rules_dir
from launchcheck.ruletest import run_example

RULESET = prepare_rules(Options())
CASES = [
    pytest.param(rule, example, id=f"{rule.rule_id}:{example.location.line}")
    for rule in RULESET.rules
    for example in rule.examples
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example) -> None:
    """The rule extracts what its example says, and nothing from negative ones."""
    outcome = run_example(rule, example, RULESET)
    assert outcome.passed, f"{example.location}: {outcome.message}"


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.rule_id)
def test_rule_has_positive_and_negative_examples(rule) -> None:
    """A rule that is never shown to refuse text is not tested."""
    assert any(e.expect is not None for e in rule.examples), "no positive example"
    assert any(e.expect is None for e in rule.examples), "no negative example"


def test_ids_unique_and_match_files() -> None:
    """Each shipped rule's id is its file's stem, once."""
    ids = [r.rule_id for r in RULESET.rules]
    assert len(ids) == len(set(ids))
    for rule in RULESET.rules:
        assert Path(rule.location.path).stem == rule.rule_id


def test_shipped_rules_cover_the_launch_facts() -> None:
    """The facts the product promises are all there."""
    ids = {r.rule_id for r in RULESET.rules}
    assert ids >= {
        "launch-date",
        "launch-time",
        "flight-duration",
        "apogee",
        "distance",
        "splashdown-offset",
        "troops",
        "election-kind",
        "election-date",
    }
    assert shipped_rules_dir().is_dir()


def test_block_vocabulary_is_understood_by_normalize() -> None:
    """Every hedge and unit word the blocks match has a meaning in normalize."""
    from launchcheck.normalize.hedges import WORDS
    from launchcheck.normalize.quantities import ALIASES, dimension_of

    for hedge in HEDGES:
        assert hedge in WORDS, hedge
    for dimension, words in UNIT_WORDS.items():
        for word in words:
            assert word in ALIASES, word
            assert dimension_of(word) == str(
                __import__("launchcheck.normalize.quantities", fromlist=["units"])
                .units()
                .get_dimensionality(dimension)
            ), word


def test_quantity_rules_declare_dimensions() -> None:
    for rule in RULESET.rules:
        if rule.kind is Kind.QUANTITY:
            assert rule.dimension.startswith("[")


def test_units_and_hedges_restrict_a_rule(tmp_path):
    """A rule that lists units and hedges ignores figures outside them."""
    (tmp_path / "apogee-km.yml").write_text(
        "id: apogee-km\nkind: quantity\ndimension: '[length]'\n"
        "units: [km, kilometers]\nhedges: [about, approximately]\n"
        "patterns: ['altitude of {quantity}']\n"
        "examples:\n"
        "  - {text: 'an altitude of about 7,000 km', expect: {value: 7000}}\n"
        "  - {text: 'an altitude of 4,350 miles', expect: none}\n"
        "  - {text: 'an altitude of nearly 7,000 km', expect: none}\n",
        encoding="utf-8",
    )
    ruleset = prepare_rules(Options(rules_dirs=(tmp_path,), replace_rules=True))
    rule = ruleset.rule("apogee-km")
    outcomes = [run_example(rule, e, ruleset) for e in rule.examples]
    assert all(o.passed for o in outcomes), [o.message for o in outcomes]
