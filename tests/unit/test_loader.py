"""launchcheck.ruleset.loader: broken rule files fail at file:line:col, safely."""

from __future__ import annotations

import json
import os
import re
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
    with pytest.raises(RuleError, match="aliases"):
        compose("r.yml", "\n".join(rows))


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


# ── Bounded patterns ────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("pattern", "units"),
    [
        ("x{4294967294}{count}", 4_294_967_294),
        ("(?:(?:x{1000}){1000}){1000} {count}", 1_000_000_000),
        ("[ab]{200000} {count}", 200_000),
        ("(?:{count} ){500}", 500),  # a block repeated: its size times 500
        ("(?x) # a comment is no atom\n x{200000} {count}", 200_000),
        ("(?x:a)#x{200000} {count}", 200_000),  # '#' is literal outside (?x:…)
        ("(?P<value>x{200000,300000})", 200_000),
    ],
)
def test_patterns_too_large_to_compile_are_refused(tmp_path, pattern, units):
    """Repeat counts multiply out before anything is compiled: refused at file:line."""
    rule = f"id: thrust\nkind: count\npatterns:\n  - {json.dumps(pattern)}\n"
    errors = errors_of(tmp_path, rule)
    assert len(errors) == 1
    found = re.match(
        r"thrust\.yml:4:5: pattern would compile to ([\d,]+) atoms", errors[0]
    )
    assert found, errors[0]
    assert int(found.group(1).replace(",", "")) >= max(units, 100_001)


def test_open_ranges_are_not_refused(tmp_path):
    """Only a minimum is unrolled: {0,100000} and {1,} are cheap and allowed."""
    rule = "id: thrust\nkind: count\npatterns:\n  - 'x{0,100000} y{1,} {count}'\n"
    assert load_ruleset([folder_with(tmp_path, rule)], replace=True).rules


def test_category_phrase_too_large_is_refused(tmp_path):
    """A huge repeat hidden in a category phrase is refused at the phrase."""
    rule = (
        "id: fuel\nkind: category\ncategories:\n  solid: ['x{4294967294}']\n"
        "patterns:\n  - 'fuel {category}'\n"
    )
    errors = errors_of(tmp_path, rule.replace("thrust", "fuel"))
    assert any(e.startswith("thrust.yml:4:11: phrase would compile to") for e in errors)


@pytest.mark.parametrize(
    "pattern",
    ["(?:thrust {count})?", "\\b", "(?:{hedge} )?", "(?=thrust)", "thrust|", "x{0,3}"],
)
def test_patterns_that_match_the_empty_string_are_refused(tmp_path, pattern):
    """A pattern that can match "" names no text: refused (check used to crash)."""
    rule = (
        "id: thrust\nkind: count\npatterns:\n"
        f"  - {json.dumps(pattern)}\n  - 'of {{count}}'\n"
    )
    errors = errors_of(tmp_path, rule)
    assert errors == [
        "thrust.yml:4:5: pattern can match the empty string, so it names no text"
        " (make something in it required)"
    ]


def test_shipped_patterns_are_bounded_and_never_empty():
    """Every shipped pattern and phrase passes the bounds, with room to spare."""
    from launchcheck.ruleset import bounds
    from launchcheck.ruleset.blocks import blocks

    ruleset = load_ruleset()
    for rule in ruleset.rules:
        alt = "|".join(f"(?:{p})" for c in rule.categories for p in c.phrases)
        table = blocks(rule.kind.value, rule.dimension, alt)
        for pattern in rule.patterns:
            found = bounds.shape(pattern.source, table)
            assert not found.nullable, pattern.location
            assert found.units < bounds.MAX_UNITS / 5, pattern.location


def test_unbounded_pattern_under_a_memory_limit(tmp_path):
    """x{4294967294} in a rule, run with 1 GB of address space: exit 2, located.

    Before the bound, compiling it grew until MemoryError ("internal error").
    """
    import subprocess
    import sys

    rules = folder_with(
        tmp_path, "id: thrust\nkind: count\npatterns:\n  - 'x{4294967294}{count}'\n"
    )
    article = tmp_path / "a.txt"
    article.write_text("The engine gave a thrust of 200 tonnes.\n", encoding="utf-8")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from launchcheck.cli import main\n"
        "sys.argv = ['launchcheck', 'check', '--rules', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(rules), str(article)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{rules}/thrust.yml:4:5: pattern would compile to ")
    assert "limit 100,000" in lines[0]


@pytest.mark.parametrize(
    ("kind", "pattern", "block"),
    [
        ("count", "thrust of {quantity}", "{quantity}"),
        ("quantity\ndimension: '[length]'", "launched on {date}", "{date}"),
        ("date", "fired {count} missiles", "{count}"),
        ("category", "at {time}", "{time}"),
    ],
)
def test_a_block_that_does_not_fit_the_kind_is_refused(tmp_path, kind, pattern, block):
    """{quantity} in a count rule (and the like) is one located error."""
    extra = "\ncategories: {a: [alpha]}" if kind == "category" else ""
    text = f"id: thrust\nkind: {kind}{extra}\npatterns:\n  - '{pattern}'\n"
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1, errors
    line = text.splitlines().index(f"  - '{pattern}'") + 1
    assert errors[0].startswith(f"thrust.yml:{line}:5: block {block} does not fit")


def test_an_expect_field_the_kind_cannot_check_is_refused(tmp_path):
    """'unit' on a count rule is an error at the key."""
    text = GOOD + "examples:\n  - {text: 'thrust of 5', expect: {value: 5, unit: km}}\n"
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1, errors
    assert errors[0].startswith("thrust.yml:6:46: expect field 'unit' cannot be")
    assert "count rule" in errors[0]


def test_a_misspelt_expect_field_gets_a_suggestion(tmp_path):
    """An unknown expect field names the nearest known one."""
    text = GOOD + "examples:\n  - {text: 'thrust of 5', expect: {valeu: 5}}\n"
    (error,) = errors_of(tmp_path, text)
    assert "did you mean 'value'?" in error


def test_modality_is_an_expect_field_of_every_kind(tmp_path):
    """'modality' can be checked on any rule: the claim context sets it."""
    text = GOOD + "examples:\n  - {text: 'thrust of 5', expect: {modality: actual}}\n"
    ruleset = load_ruleset([folder_with(tmp_path, text)], replace=True)
    assert ruleset.rules[0].examples[0].expect == (("modality", "actual"),)
