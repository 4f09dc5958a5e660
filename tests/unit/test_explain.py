"""launchcheck.explain: why a rule read nothing, and its near misses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchcheck import explain
from launchcheck import normalize as norm
from launchcheck.model import Article
from launchcheck.ruleset.loader import load_ruleset
from launchcheck.ruletest import run_examples

if TYPE_CHECKING:
    from pathlib import Path


def ruleset_of(tmp_path: Path, rule: str, name: str = "reach.yml"):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(rule, encoding="utf-8")
    ruleset = load_ruleset([folder], replace=True)
    norm.validate(ruleset)
    return ruleset


def failure(tmp_path: Path, rule: str) -> str:
    (outcome,) = run_examples(ruleset_of(tmp_path, rule))
    assert not outcome.passed
    return outcome.message


REACH = """id: reach
kind: quantity
dimension: "[length]"
patterns:
  - 'flew {quantity}'
examples:
"""


def test_no_pattern_matched(tmp_path):
    """An example no pattern touches says so."""
    message = failure(
        tmp_path, REACH + "  - {text: 'it went 5 km', expect: {value: 5}}\n"
    )
    assert message.endswith("got nothing: no pattern matched")


def test_no_pattern_matched_names_an_unknown_unit(tmp_path):
    """A figure in the pattern's frame with no known unit is named, with why."""
    message = failure(
        tmp_path, REACH + "  - {text: 'it flew 5 furlongs', expect: {value: 5}}\n"
    )
    assert "no pattern matched; nearest: '5 furlongs'" in message
    assert "'furlongs' is no known unit" in message


def test_no_pattern_matched_names_a_unit_of_another_dimension(tmp_path):
    """A speed where a length is read is a unit of another dimension."""
    message = failure(
        tmp_path, REACH + "  - {text: 'it flew 5 km/s', expect: {value: 5}}\n"
    )
    assert "'km/s' is a [length] / [time] unit, not [length]" in message


def test_matched_but_the_value_could_not_be_read(tmp_path):
    """A match whose value the normalizer refuses carries the normalizer's reason."""
    rule = """id: reach
kind: quantity
dimension: "[length]"
units: [km]
patterns:
  - 'flew {quantity}'
examples:
  - {text: 'it flew 5 miles', expect: {value: 5}}
"""
    message = failure(tmp_path, rule)
    assert "got nothing: a pattern matched, but '5 miles' skipped:" in message
    assert "not one of the rule's units" in message


def test_matched_but_the_hedge_is_not_the_rules(tmp_path):
    """A match with a hedge the rule does not list is dropped, and said so."""
    rule = """id: reach
kind: quantity
dimension: "[length]"
hedges: [about]
patterns:
  - 'flew {quantity}'
examples:
  - {text: 'it flew nearly 5 km', expect: {value: 5}}
"""
    message = failure(tmp_path, rule)
    assert "its hedge 'nearly' is not in the rule's hedges" in message


def test_read_but_put_in_another_event(tmp_path):
    """A claim read but placed in another event names the cue."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ruleset.yml").write_text("other_event: ['previous test']\n")
    message = failure(
        tmp_path,
        REACH
        + "  - {text: 'the previous test flew 5 km', expect: {value: 5, event: false}}\n",
    )
    assert "but the claim context put it in another event" in message
    assert "previous test" in message


def test_read_but_put_in_another_modality(tmp_path):
    """A capability is named as another modality, with its cue."""
    rule = REACH.replace("flew {quantity}", "fly {quantity}")
    message = failure(
        tmp_path,
        rule + "  - {text: 'it can fly 5 km', expect: {value: 5, modality: actual}}\n",
    )
    assert "another modality: capability" in message


def test_unit_misses_skip_what_was_read(tmp_path):
    """A figure the rule did read is no near miss; an unknown unit is."""
    ruleset = ruleset_of(tmp_path, REACH.replace("examples:\n", ""))
    rule = ruleset.rules[0]
    article = Article("a.txt", "It flew 5 km. Then it flew 7 leagues.")
    misses = explain.unit_misses(article, rule, [(8, 12)])
    assert [(m.text, m.location.col) for m in misses] == [("7 leagues", 28)]


def test_read_but_put_in_another_moment(tmp_path):
    """A launch time whose own words name the fall is another moment, with its cue."""
    rule = """id: reach
kind: time
moment: launch
patterns:
  - '{time}'
examples:
  - {text: 'The debris fell into the sea at 10:15 a.m.', expect: {utc: '10:15', moment: launch}}
"""
    message = failure(tmp_path, rule)
    assert "but the claim context put it in another moment: fall ('fell')" in message
