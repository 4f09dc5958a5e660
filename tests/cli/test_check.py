"""The worked example end to end, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

from click.testing import CliRunner

from launchcheck.cli import app

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()


def run_json(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def verdicts(report: dict, fact: str, scope: str | None = None) -> set[str]:
    return {
        f["verdict"]
        for f in report["findings"]
        if f["fact"] == fact and (scope is None or f["scope"] == scope)
    }


def conflict_texts(report: dict, fact: str) -> set[frozenset[str]]:
    out = set()
    for f in report["findings"]:
        if f["fact"] == fact and f["verdict"] in ("contradiction", "sources-disagree"):
            for i, j in f["conflicts"]:
                out.add(frozenset({f["claims"][i]["text"], f["claims"][j]["text"]}))
    return out


def assert_worked_example(code: int, report: dict) -> None:
    assert code == 1
    assert "contradiction" in verdicts(report, "launch-date")
    assert "contradiction" in verdicts(report, "election-kind")
    for fact in ("apogee", "distance", "flight-duration"):
        found = verdicts(report, fact)
        assert found, f"{fact} not extracted"
        assert not found & {"contradiction", "sources-disagree"}, (fact, found)
    troops = [f for f in report["findings"] if f["fact"] == "troops"]
    assert not [
        f for f in troops if f["verdict"] in ("contradiction", "sources-disagree")
    ]
    kursk = [f for f in troops if f["scope"] == "Kursk"]
    assert kursk and kursk[0]["claims"][0]["text"].lower().startswith("about 8,000")
    russia = [f for f in troops if f["scope"] == "Russia"]
    assert russia and all("8,000" not in c["text"] for c in russia[0]["claims"])


def test_seeds_worked_example(seeds: Path) -> None:
    """Seeds: Oct 31 vs Nov 1 and midterm vs presidential conflict; the rest agree."""
    code, report = run_json(
        str(seeds), "--published", "2024-10-31", "--timezone", "Asia/Pyongyang"
    )
    assert_worked_example(code, report)
    date = next(f for f in report["findings"] if f["fact"] == "launch-date")
    texts = {t for pair in conflict_texts(report, "launch-date") for t in pair}
    assert "the morning of November 1, 2024" in texts
    assert len(date["claims"]) >= 3


def test_samples_worked_example(samples: Path) -> None:
    """Our own rewrites carry the same truth as the seeds."""
    code, report = run_json(str(samples), "--timezone", "Asia/Pyongyang")
    assert_worked_example(code, report)


def test_samples_zone_shifted_date_agrees(samples: Path) -> None:
    """A New York paper's 'Wednesday evening' is the Thursday-morning launch in Asia."""
    _, report = run_json(str(samples), "--timezone", "Asia/Pyongyang")
    pairs = conflict_texts(report, "launch-date")
    assert any("the morning of November 1, 2024" in pair for pair in pairs)
    for pair in pairs:
        if "Wednesday evening" in pair:
            assert "the morning of November 1, 2024" in pair, pair


def test_clean_set_exits_zero(samples: Path) -> None:
    """Articles that agree on everything give exit code 0."""
    code, report = run_json(
        str(samples / "agency-seoul.txt"),
        str(samples / "post-oct31.html"),
        "--timezone",
        "Asia/Pyongyang",
    )
    assert code == 0
    assert not [f for f in report["findings"] if f["verdict"] == "contradiction"]
    assert verdicts(report, "apogee") or verdicts(report, "distance")


def test_json_contract(samples: Path) -> None:
    """The documented JSON fields are present, typed and 1-based."""
    _, report = run_json(str(samples), "--timezone", "Asia/Pyongyang")
    assert report["version"] == 1
    assert {a["path"] for a in report["articles"]} == {
        str(p)
        for p in sorted(samples.iterdir())
        if p.suffix in (".txt", ".md", ".html")
    }
    for article in report["articles"]:
        assert set(article) >= {"path", "published", "outlet"}
    for finding in report["findings"]:
        assert set(finding) >= {"fact", "verdict", "reason", "claims"}
        for claim in finding["claims"]:
            assert set(claim) >= {
                "path",
                "line",
                "column",
                "text",
                "value",
                "scope",
                "source",
            }
            assert claim["line"] >= 1 and claim["column"] >= 1


def test_claim_positions_point_at_the_text(samples: Path) -> None:
    """line/column index the file as read, front matter and HTML markup included."""
    _, report = run_json(str(samples), "--timezone", "Asia/Pyongyang")
    checked = 0
    for finding in report["findings"]:
        for claim in finding["claims"]:
            lines = (
                (samples.parent / claim["path"]).read_text(encoding="utf-8").split("\n")
            )
            line = lines[claim["line"] - 1]
            start = claim["column"] - 1
            first_word = claim["text"].split()[0]
            if claim["path"].endswith(".html"):
                assert first_word.split("&")[0][:3] in line[start:]
            else:
                assert line[start:].startswith(first_word), (claim, line)
            checked += 1
    assert checked > 10


def test_table_output_is_readable(samples: Path) -> None:
    """The table names the contradiction and the article positions."""
    result = runner.invoke(
        app,
        ["check", str(samples), "--timezone", "Asia/Pyongyang", "--format", "table"],
    )
    assert result.exit_code == 1
    assert "Contradictions" in result.stdout
    assert "launch-date" in result.stdout
    assert "daily-nov1.md" in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    """--help stays fast: neither pint nor dateparser is imported."""
    code = (
        "import sys\n"
        "from launchcheck.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pint', 'dateparser', 'launchcheck.pipeline')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "print('LOADED=' + ','.join(bad))\n"
    )
    out = (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "LOADED="


def test_python_dash_m_runs() -> None:
    """python -m launchcheck works as well as the console script."""
    out = subprocess.run(
        [sys.executable, "-m", "launchcheck", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "check" in out.stdout
