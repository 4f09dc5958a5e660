"""A ``.launchcheck.yaml`` applies to ``batch`` as to ``check``; flags win over it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from batchkit import QUIET_TEXT, article, record, write_archive
from click.testing import CliRunner

from launchcheck.cli import app

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()
COMMON = {"published": "2024-10-31", "event_timezone": "Asia/Pyongyang"}


@pytest.fixture
def calm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two articles that agree word for word, and one without facts; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    return write_archive(
        tmp_path / "archive.jsonl",
        [
            record("calm", article(), path="calm/a.txt", **COMMON),
            record("calm", article(), path="calm/b.txt", **COMMON),
            record("quiet", QUIET_TEXT, path="quiet/a.txt", **COMMON),
        ],
    )


def _batch(*args: str) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["batch", *args, "-j", "1", "-q"])
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return result.exit_code, lines


def test_config_fail_on_fails_the_run(calm: Path, tmp_path: Path) -> None:
    code, _ = _batch(str(calm))
    assert code == 0
    (tmp_path / ".launchcheck.yaml").write_text("fail_on: [agreement]\n")
    code, lines = _batch(str(calm))
    assert code == 1
    done = {r["story"]: r for r in lines if r["type"] == "story"}
    assert done["calm"]["failing"] > 0 and done["quiet"]["failing"] == 0


def test_no_config_and_explicit_config(calm: Path, tmp_path: Path) -> None:
    (tmp_path / ".launchcheck.yaml").write_text("fail_on: [agreement]\n")
    assert _batch(str(calm), "--no-config")[0] == 0
    other = tmp_path / "strict.yaml"
    other.write_text("fail_on: [contradiction]\n")
    assert _batch(str(calm), "--config", str(other))[0] == 0


def test_config_only_and_the_flag_over_it(calm: Path, tmp_path: Path) -> None:
    _, every = _batch(str(calm))
    facts = {r["fact"] for r in every if r["type"] == "finding"}
    assert len(facts) > 1
    (tmp_path / ".launchcheck.yaml").write_text("only: [apogee]\n")
    _, lines = _batch(str(calm))
    assert {r["fact"] for r in lines if r["type"] == "finding"} == {"apogee"}
    other = sorted(facts - {"apogee"})[0]
    _, lines = _batch(str(calm), "--only", other)
    assert {r["fact"] for r in lines if r["type"] == "finding"} == {other}


def test_config_exclude_drops_files_of_story_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "root" / "s"
    story.mkdir(parents=True)
    (story / "a.txt").write_text(article())
    (story / "b.txt").write_text(article(km="4,000"))
    (story / "NOTES.txt").write_text(article(km="9,000"))
    code, lines = _batch(str(tmp_path / "root"))
    assert code == 1
    (tmp_path / ".launchcheck.yaml").write_text(
        "exclude: ['**/b.txt', '**/NOTES.txt']\n"
    )
    code, lines = _batch(str(tmp_path / "root"))
    assert code == 0
    done = [r for r in lines if r["type"] == "story"]
    assert [r["articles"] for r in done] == [1]


def test_bad_config_is_a_located_error(calm: Path, tmp_path: Path) -> None:
    (tmp_path / ".launchcheck.yaml").write_text("fail_on: [agreement]\ntimezon: UTC\n")
    result = runner.invoke(app, ["batch", str(calm), "-q"])
    assert result.exit_code == 2
    assert ".launchcheck.yaml:2:1:" in result.stderr and "timezon" in result.stderr
    assert "Traceback" not in result.stderr
