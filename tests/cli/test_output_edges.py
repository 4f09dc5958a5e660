"""Issue 11, output side: where --output may write, and standard output that fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from launchcheck.cli import app
from launchcheck.ruleset.loader import shipped_rules_dir

runner = CliRunner()
BIN = Path(sys.executable).parent
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def check(*args: str):
    return runner.invoke(app, ["check", str(SAMPLES), *args])


def shell(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "S": str(SAMPLES),
    }
    return subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_output_to_a_fifo_is_refused_not_hung(tmp_path: Path) -> None:
    """A FIFO with no reader would block forever: refused at once."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = check("-o", str(fifo))
    assert result.exit_code == 2
    assert "not a regular file or a character device" in result.stderr
    assert time.monotonic() - start < 60  # a hang would never get here


def test_output_onto_a_shipped_rule_file_is_refused() -> None:
    """The shipped rules are in use by every run: never overwritten."""
    rule = shipped_rules_dir() / "apogee.yml"
    before = rule.read_bytes()
    result = check("-o", str(rule))
    assert result.exit_code == 2
    assert "refusing to overwrite a rule file in use" in result.stderr
    assert rule.read_bytes() == before


def test_output_onto_config_rule_or_baseline_is_refused(tmp_path: Path) -> None:
    """Rule files from the config, the config itself and the baseline are protected."""
    rules = tmp_path / "myrules"
    rules.mkdir()
    shutil.copy(shipped_rules_dir() / "apogee.yml", rules / "apogee.yml")
    cfg = tmp_path / "team.yaml"
    cfg.write_text("rules: [myrules]\n")
    for target in (rules / "apogee.yml", cfg):
        result = check("--config", str(cfg), "-o", str(target))
        assert result.exit_code == 2, target
        assert "refusing to overwrite" in result.stderr
    base = tmp_path / "base.json"
    assert (
        runner.invoke(app, ["baseline", "write", str(base), str(SAMPLES)]).exit_code
        == 0
    )
    result = check("--baseline", str(base), "-o", str(base))
    assert result.exit_code == 2
    assert "refusing to overwrite the baseline file" in result.stderr


def test_non_utf8_output_name(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 in the --output name: written, exit as the run's."""
    done = shell("launchcheck check \"$S\" -f json -o $'caf\\xe9.json'", tmp_path)
    assert done.returncode == 1, done.stderr
    assert [os.fsencode(p.name) for p in tmp_path.iterdir()] == [b"caf\xe9.json"]


def test_long_names(tmp_path: Path) -> None:
    """A 255-byte report name works; 256 bytes or a huge path is one line, exit 2."""
    ok = check("-f", "json", "-o", str(tmp_path / ("r" * 250 + ".json")))
    assert ok.exit_code == 1, ok.output
    assert len(list(tmp_path.iterdir())) == 1
    for name in ("r" * 256, "d/" * 3000 + "r.json"):
        result = check("-o", str(tmp_path / name))
        assert result.exit_code == 2
        assert "over the system's limit" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("redirect", "message"),
    [(">&-", "standard output is closed"), (">/dev/full", "No space left on device")],
)
def test_stdout_closed_or_full(tmp_path: Path, redirect: str, message: str) -> None:
    """No standard output, or a full one, is one line and exit 2."""
    done = shell(f'launchcheck check "$S" {redirect}', tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("reader", "fmt", "code"),
    [("head -1", "table", 1), ("true", "json", 1)],
)
def test_broken_pipe_keeps_the_exit_code(
    tmp_path: Path, reader: str, fmt: str, code: int
) -> None:
    """A reader that leaves ('| head -1', '| true') keeps the run's code, no traceback."""
    done = shell(
        f'launchcheck check "$S" -f {fmt} | {reader} >/dev/null; exit ${{PIPESTATUS[0]}}',
        tmp_path,
    )
    assert done.returncode == code
    assert done.stderr == ""
