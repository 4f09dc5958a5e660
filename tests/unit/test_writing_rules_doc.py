"""docs/writing-rules.md: its worked rule and its unit entry work as written."""

import re
from pathlib import Path

from launchcheck import normalize as norm
from launchcheck.ruleset.loader import load_ruleset
from launchcheck.ruletest import run_examples

GUIDE = Path(__file__).parents[2] / "docs" / "writing-rules.md"


def yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_worked_speed_rule_passes_its_examples(tmp_path):
    """The guide's speed rule loads, validates and passes every example."""
    rule = next(b for b in yaml_blocks() if b.startswith("id: speed"))
    (tmp_path / "speed.yml").write_text(rule, encoding="utf-8")
    ruleset = load_ruleset([tmp_path], replace=True)
    norm.validate(ruleset)
    outcomes = run_examples(ruleset)
    assert len(outcomes) == 6
    assert all(o.passed for o in outcomes), [o.message for o in outcomes]


def test_the_unit_entry_defines_a_unit(tmp_path):
    """The guide's ruleset.yml unit entry is accepted and read."""
    units = next(b for b in yaml_blocks() if b.startswith("units:"))
    (tmp_path / "ruleset.yml").write_text(units, encoding="utf-8")
    rule = (
        "id: offset\nkind: quantity\ndimension: '[length]'\npatterns: ['fell {quantity}']\n"
        "examples:\n  - {text: 'it fell 3 cables away', expect: {value: 3, unit: cbl}}\n"
    )
    (tmp_path / "offset.yml").write_text(rule, encoding="utf-8")
    ruleset = load_ruleset([tmp_path], replace=True)
    norm.validate(ruleset)
    assert all(o.passed for o in run_examples(ruleset))
