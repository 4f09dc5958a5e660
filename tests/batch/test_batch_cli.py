"""``launchcheck batch`` on the command line: output, progress, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from batchkit import small_records, write_archive
from click.testing import CliRunner

from launchcheck.batch_progress import (
    PlainProgress,
    Progress,
    RichProgress,
    make_progress,
)
from launchcheck.cli import app

if TYPE_CHECKING:
    from pathlib import Path

runner = CliRunner()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return write_archive(tmp_path / "archive.jsonl", small_records())


def test_jsonl_to_stdout_summary_to_stderr(archive: Path) -> None:
    """Without --output, stdout is pure JSONL and the summary goes to stderr."""
    result = runner.invoke(app, ["batch", str(archive), "-j", "1"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["type"] for r in lines} == {"finding", "story"}
    assert "3 stories (0 resumed, 0 failed)" in result.stderr
    assert "apogee" in result.stderr


def test_summary_and_plain_progress_when_not_a_terminal(
    archive: Path, tmp_path: Path
) -> None:
    """Not a TTY: plain progress lines on stderr, no bar, no escape codes."""
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(archive), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1, result.output
    assert (
        "batch: 3 stories to check (0 already done), local engine, 2 workers"
        in result.stderr
    )
    assert "\x1b[" not in result.stderr and "\r" not in result.stderr
    assert "━" not in result.stderr  # rich's bar
    assert result.stdout.startswith("3 stories (0 resumed, 0 failed), 6 articles")
    assert "  fact " in result.stdout


def test_quiet_shows_no_progress(archive: Path, tmp_path: Path) -> None:
    """--quiet: nothing on stderr at all, the summary still on stdout."""
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(archive), "-o", str(out), "-q"])
    assert result.stderr == ""
    assert "3 stories" in result.stdout


def test_progress_choice() -> None:
    """A bar only on a terminal, plain lines elsewhere, nothing when quiet."""
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert type(make_progress(io.StringIO(), quiet=False)) is PlainProgress
    assert type(make_progress(Tty(), quiet=True)) is Progress
    bar = make_progress(Tty(), quiet=False)
    assert type(bar) is RichProgress
    bar.start(4)
    bar.tick()
    bar.close()


def test_plain_progress_lines_are_periodic() -> None:
    """Plain progress says what it will do, then one line per interval."""
    import io

    from launchcheck.batch import StoryResult

    out = io.StringIO()
    progress = PlainProgress(out, every=0.0)
    progress.start(2, " (0 already done)")
    progress.advance(StoryResult("a", articles=3))
    progress.advance(StoryResult("b", articles=4))
    lines = out.getvalue().splitlines()
    assert lines[0] == "batch: 2 stories to check (0 already done)"
    assert lines[1].startswith("batch: 1/2 stories, 3 articles,")
    assert len(lines) == 2  # nothing once all are done: the summary follows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--resume: needs --output"),
        (["--jobs", "0"], "--jobs: must be at least 1"),
        (["--timeout", "-1"], "--timeout: must be 0"),
        (["--engine", "spark"], "--engine: unknown engine 'spark'"),
        (["--scheduler", "tcp://x:1"], "--scheduler: needs --engine dask"),
        (["--timezone", "Mars/Base"], "--timezone: unknown time zone"),
        (["--published", "yesterday"], "--published: 'yesterday' is not a date"),
    ],
)
def test_usage_errors(archive: Path, args: list[str], message: str) -> None:
    """Bad flags: one line naming the flag, exit 2."""
    result = runner.invoke(app, ["batch", str(archive), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_archive_is_exit_2_before_any_story(tmp_path: Path) -> None:
    """A malformed record stops the run with its location, nothing written."""
    archive = write_archive(tmp_path / "a.jsonl", [*small_records(), '{"story": 1}'])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(archive), "-o", str(out), "-q"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"{archive}:7: record 7: 'story' must be a non-empty string"
    )
    assert not out.exists() or out.read_text() == ""


def test_refuses_to_overwrite_the_archive(archive: Path) -> None:
    """--output onto the input archive is refused."""
    result = runner.invoke(app, ["batch", str(archive), "-o", str(archive)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input archive" in result.stderr


def test_dask_missing_names_the_extra(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--engine dask without the extra installed says how to install it."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "distributed" else real(name, *a),
    )
    result = runner.invoke(app, ["batch", str(archive), "--engine", "dask"])
    assert result.exit_code == 2
    assert "pip install 'launchcheck[dask]'" in result.stderr


def test_help_lists_batch_and_stays_light() -> None:
    """`batch` is a command of the app; --help imports no batch machinery."""
    code = (
        "import sys\n"
        "from launchcheck.cli import app\n"
        "try:\n    app(['batch', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('pint', 'dateparser', 'launchcheck.pipeline', 'launchcheck.batch',"
        " 'distributed', 'rich.progress')\n"
        "print('LOADED=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "--resume" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "LOADED="
