"""launchcheck extract: every claim with its span, value, context and why."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from click.testing import CliRunner

from launchcheck.cli import app

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()

STORY = (
    "North Korea fired a missile on Thursday, officials said. It flew at Mach 10"
    " and travelled 1,000 km.\nThe previous test flew 700 km. Analysts said the"
    " missile can fly at Mach 20. It reached a speed of 7 leagues per hour.\n"
)


def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def run(*args: object):
    return runner.invoke(app, ["extract", *(str(a) for a in args)])


def test_text_lists_each_claim_with_its_span_and_why(tmp_path):
    """Each claim is a line: file:line:col, rule, as written → value, context, why."""
    path = story(tmp_path)
    result = run(path, "--published", "2024-10-31")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    mach = next(line for line in lines if "'Mach 10'" in line)
    assert mach.startswith(f"{path}:1:")
    assert "speed: 'Mach 10' → 2.95–3.43 km/s" in mach
    assert "the speed of sound runs from ~295 m/s" in mach
    older = next(line for line in lines if "'700 km'" in line)
    assert "event=other" in older and "previous test" in older
    capable = next(line for line in lines if "'Mach 20'" in line)
    assert "modality=capability" in capable
    assert lines[-1] == "5 claims"
    assert "near misses" not in result.stdout


def test_near_lists_a_figure_with_no_known_unit(tmp_path):
    """--near names '7 leagues per hour' and says its word is no known unit."""
    path = story(tmp_path)
    result = run(path, "--near", "--published", "2024-10-31")
    assert result.exit_code == 0, result.output
    assert "near misses: 1" in result.stdout
    assert (
        f"{path}:2:100: speed: '7 leagues per hour': 'leagues per hour' is no known unit"
        in result.stdout
    )


def test_json_shape(tmp_path):
    """JSON: version, claims with span, value, context and why; near misses."""
    path = story(tmp_path)
    result = run(path, "--near", "--format", "json", "--published", "2024-10-31")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert set(doc) == {"version", "claims", "near_misses"}
    speed = next(c for c in doc["claims"] if c["text"] == "Mach 10")
    assert set(speed) == {
        "rule", "fact", "kind", "path", "line", "column", "text", "value",
        "context", "why",
    }  # fmt: skip
    assert (speed["rule"], speed["kind"], speed["line"]) == ("speed", "quantity", 1)
    assert speed["value"]["type"] == "interval"
    assert abs(speed["value"]["low"] - 2950) < 1e-6
    assert abs(speed["value"]["high"] - 3430) < 1e-6
    assert set(speed["context"]) >= {"event", "moment", "modality", "place", "source"}
    assert speed["why"].startswith("Mach 10 = 2.95–3.43 km/s")
    (miss,) = doc["near_misses"]
    assert (miss["rule"], miss["line"], miss["text"]) == (
        "speed",
        2,
        "7 leagues per hour",
    )


def test_json_without_near_has_no_near_misses(tmp_path):
    """Without --near the JSON holds no near_misses key."""
    result = run(story(tmp_path), "--format", "json")
    assert "near_misses" not in json.loads(result.stdout)


def test_a_missing_file_is_one_line_exit_2(tmp_path):
    """Bad input as in check: exit 2, one line naming the file."""
    missing = tmp_path / "nope.txt"
    result = run(missing)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(missing) in line


def test_an_unknown_format_is_a_usage_error(tmp_path):
    """--format xml is refused with exit 2, naming the known formats."""
    result = run(story(tmp_path), "--format", "xml")
    assert result.exit_code == 2
    assert "one of text, json" in result.stderr


def test_a_bad_rule_folder_is_one_line_exit_2(tmp_path):
    """A broken rule file given with --rules is a located error, exit 2."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text("id: x\nkind: count\npatterns: ['{quantity}']\n")
    result = run(story(tmp_path), "--rules", rules)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{rules}/x.yml:3:")
    assert "does not fit a count rule" in line


def test_stdin_is_read(tmp_path):
    """- reads one article from standard input."""
    result = runner.invoke(app, ["extract", "-"], input="It flew at Mach 5.\n")
    assert result.exit_code == 0, result.output
    assert "'Mach 5'" in result.stdout
