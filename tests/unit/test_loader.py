"""launchcheck.ruleset.loader: broken rule files fail at file:line:col, safely."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

import pytest

from launchcheck.errors import RuleError, RuleErrors
from launchcheck.ruleset.loader import compose, load_ruleset

if TYPE_CHECKING:
    from pathlib import Path

GOOD = "id: thrust\nkind: count\npatterns:\n  - 'thrust of {count}'\n"


def folder_with(tmp_path: Path, text: str, name: str = "thrust.yml") -> Path:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / name).write_text(text, encoding="utf-8")
    return rules


def errors_of(tmp_path: Path, text: str) -> list[str]:
    rules = folder_with(tmp_path, text)
    with pytest.raises(RuleErrors) as caught:
        load_ruleset([rules], replace=True)
    prefix = f"{rules}/"
    return [str(e).removeprefix(prefix) for e in caught.value.errors]


def test_good_rule_loads(tmp_path):
    """The baseline rule of these tests is valid."""
    ruleset = load_ruleset([folder_with(tmp_path, GOOD)], replace=True)
    assert [r.rule_id for r in ruleset.rules] == ["thrust"]


def test_yaml_is_never_constructed_from_tags():
    """compose() refuses any non-standard tag, so nothing can be instantiated."""
    for text, tag in [
        ("a: !!python/object/apply:os.system ['false']\n", "!!python/object/apply"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !local x\n", "!local"),
        ("a: !!binary aGk=\n", "!!binary"),
    ]:
        with pytest.raises(RuleError, match=f"YAML tag '{tag}") as caught:
            compose("r.yml", text)
        assert str(caught.value).startswith("r.yml:1:4:")


def test_standard_tags_are_allowed():
    """Explicit standard tags (!!str) are plain data and stay allowed."""
    assert compose("r.yml", "a: !!str 5\n") is not None


def test_alias_bomb_refused_before_expansion():
    """The billion-laughs document is refused at its first alias, in milliseconds."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    with pytest.raises(RuleError, match="aliases"):
        compose("r.yml", "\n".join(rows))
    assert time.perf_counter() - start < 1


def test_deep_nesting_is_located_not_recursion_error():
    """5,000 nested brackets: a located error, never RecursionError."""
    with pytest.raises(RuleError, match=r"^r\.yml:1:\d+: YAML nested too deeply"):
        compose("r.yml", "a: " + "[" * 5000 + "]" * 5000)


def test_stream_end_error_names_the_opening():
    """An unclosed '[' is reported with where the sequence began."""
    with pytest.raises(RuleError) as caught:
        compose("r.yml", "a: 1\nb: [x, y\n")
    assert "while parsing a flow sequence at line 2" in str(caught.value)


def test_patterns_must_be_strings(tmp_path):
    """`patterns: 5` and `patterns: [5]` are type errors at the value."""
    assert errors_of(tmp_path, "id: thrust\nkind: count\npatterns: 5\n") == [
        "thrust.yml:3:11: patterns must be a list of strings, not '5'"
    ]
    found = errors_of(tmp_path, "id: thrust\nkind: count\npatterns: [5]\n")
    assert found[0].startswith("thrust.yml:3:12: each entry of patterns must be a")


def test_regex_error_position_is_in_the_pattern(tmp_path):
    """A regex error's position counts in the pattern as written, not expanded."""
    (found,) = errors_of(tmp_path, GOOD + "  - '{count} (of'\n")
    assert found == (
        "thrust.yml:5:5: invalid regex: missing ) at position 12 of the pattern"
    )


def test_manifest_messages_name_their_key(tmp_path):
    """`sources: [a]` says 'sources', not 'categories'."""
    rules = folder_with(tmp_path, GOOD)
    (rules / "ruleset.yml").write_text("id: x\nsources: [a]\n", encoding="utf-8")
    with pytest.raises(RuleErrors) as caught:
        load_ruleset([rules], replace=True)
    assert "sources must map each label to its phrases" in str(caught.value)


def test_utf8_bom_rule_file_loads(tmp_path):
    """A UTF-8 BOM (Windows editors) is not an error."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "thrust.yml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_ruleset([rules], replace=True).rules[0].rule_id == "thrust"


def test_empty_extra_folder_is_an_error(tmp_path):
    """An empty --rules folder is named even when the shipped rules load."""
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RuleErrors, match="no rule files"):
        load_ruleset([empty])


def test_fifo_as_rules_path(tmp_path):
    """--rules naming a FIFO is refused without opening it."""
    fifo = tmp_path / "rules.yml"
    os.mkfifo(fifo)
    with pytest.raises(RuleError, match="not a rules folder or file"):
        load_ruleset([fifo], replace=True)


def test_oversized_rule_file(tmp_path):
    """A rule file over 1 MB is refused by name."""
    rules = folder_with(tmp_path, GOOD + "#" * (1024 * 1024) + "\n")
    with pytest.raises(RuleError, match="over 1 MB"):
        load_ruleset([rules], replace=True)


def test_example_dates_that_cannot_exist_are_located(tmp_path):
    """2024-13-45 in an example's expect or published is an error, not a crash."""
    text = (
        GOOD
        + "examples:\n  - text: 'a thrust of 5'\n    expect: {value: 2024-13-45}\n"
        + "  - text: 'x'\n    published: 2024-13-45\n    expect: none\n"
    )
    assert errors_of(tmp_path, text) == [
        "thrust.yml:7:13: expect: invalid value (month must be in 1..12)",
        "thrust.yml:9:16: published: not YYYY-MM-DD",
    ]
