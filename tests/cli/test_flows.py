"""The workflow commands through the CLI: drafts against sources, config,
suppression, baseline, formats, and the small usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from launchcheck import report as writers
from launchcheck.cli import app, choose_format
from launchcheck.config import Config

runner = CliRunner()
OCT31 = "North Korea launched an intercontinental ballistic missile on Thursday, October 31, 2024."
NOV1 = "North Korea launched an intercontinental ballistic missile on November 1, 2024."
BIN = Path(sys.executable).parent


def article(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\npublished: 2024-10-31\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A draft that says Nov 1 and three sources that say Oct 31."""
    article(tmp_path / "drafts" / "story.md", NOV1)
    for i in range(3):
        article(tmp_path / "sources" / f"s{i}.md", OCT31)
    return tmp_path


def cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
    """The real console script in a fresh process (for cwd and stdin)."""
    return subprocess.run(
        [str(BIN / "launchcheck"), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
    )


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_version_and_short_help() -> None:
    """--version prints the version; -h is --help."""
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("launchcheck ")
    short = invoke("check", "-h")
    assert short.exit_code == 0
    assert "--against" in short.stdout


def test_against_fails_on_a_contradicted_draft(story: Path) -> None:
    """The draft's Nov 1 against three Oct 31 sources fails; stderr counts them."""
    result = invoke(
        "check",
        str(story / "drafts"),
        "--against",
        str(story / "sources"),
        "--timezone",
        "Asia/Pyongyang",
        "--format",
        "json",
    )
    assert result.exit_code == 1, result.output
    assert "0 sources agree, 3 disagree" in result.stderr
    assert "story.md:5:" in result.stderr


def test_against_ignores_disagreement_among_sources(tmp_path: Path) -> None:
    """Sources that disagree among themselves do not fail a draft that agrees."""
    article(tmp_path / "d.md", OCT31)
    article(tmp_path / "a.md", OCT31)
    article(tmp_path / "b.md", NOV1)
    result = invoke(
        "check",
        str(tmp_path / "d.md"),
        "--against",
        str(tmp_path / "a.md"),
        "--against",
        str(tmp_path / "b.md"),
        "--format",
        "json",
    )
    assert result.exit_code == 1, result.output
    plain = invoke(
        "check",
        str(tmp_path / "a.md"),
        "--against",
        str(tmp_path / "b.md"),
        "--against",
        str(tmp_path / "d.md"),
        "--format",
        "json",
    )
    assert plain.exit_code == 1
    draft_agrees = tmp_path / "agree.md"
    article(draft_agrees, "The missile flew for 86 minutes.")
    quiet = invoke(
        "check",
        str(draft_agrees),
        "--against",
        str(tmp_path / "a.md"),
        "--against",
        str(tmp_path / "b.md"),
        "--format",
        "json",
    )
    assert quiet.exit_code == 0, quiet.output


def test_config_found_upward_and_shown(story: Path) -> None:
    """config show names each value's origin: default, file:line:col, or flag."""
    (story / ".launchcheck.yaml").write_text(
        "timezone: Asia/Pyongyang\nformat: json\n"
        "stories:\n  - drafts: [drafts/*.md]\n    sources: [sources/]\n"
    )
    done = cli("config", "show", "--fail-on", "contradiction", cwd=story / "drafts")
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr
    assert f"config {story / '.launchcheck.yaml'}:1:11" in out
    assert "fail_on     contradiction  [flag --fail-on]" in out
    assert "only        (every rule)  [default]" in out
    assert "stories[1]" in out


def test_config_format_and_zone_apply_to_check(story: Path) -> None:
    """The config's format is used; a bad one is an error at its line."""
    cfg = story / ".launchcheck.yaml"
    cfg.write_text("format: json\n")
    done = cli("check", "drafts", "sources", cwd=story)
    assert done.returncode == 1
    assert json.loads(done.stdout)["version"] == 1
    cfg.write_text("# team settings\nformat: nosuch\n")
    bad = cli("check", "drafts", cwd=story)
    assert bad.returncode == 2
    assert bad.stderr.decode().startswith(f"{cfg}:2:9: unknown format 'nosuch'")
    assert (
        cli("check", "drafts", "--no-config", "-f", "json", cwd=story).returncode == 0
    )


def test_config_error_is_located(tmp_path: Path) -> None:
    """An unknown key in the config stops check with file:line:col and a hint."""
    cfg = tmp_path / "team.yaml"
    cfg.write_text("timezone: Asia/Seoul\nfail-on: [contradiction]\n")
    article(tmp_path / "a.md", OCT31)
    result = invoke("check", str(tmp_path / "a.md"), "--config", str(cfg))
    assert result.exit_code == 2
    assert f"{cfg}:2:1: unknown key 'fail-on'" in result.stderr
    assert "did you mean 'fail_on'?" in result.stderr


def test_exclude_skips_files_in_folders(tmp_path: Path) -> None:
    """exclude globs drop files found in folders, not files named on the line."""
    article(tmp_path / "a.md", OCT31)
    article(tmp_path / "README.md", NOV1)
    cfg = tmp_path / "c.yaml"
    cfg.write_text("exclude: [README.md]\n")
    folder = invoke("check", str(tmp_path), "--config", str(cfg), "-f", "json")
    assert folder.exit_code == 0, folder.output
    named = invoke(
        "check",
        str(tmp_path / "a.md"),
        str(tmp_path / "README.md"),
        "--config",
        str(cfg),
        "-f",
        "json",
    )
    assert named.exit_code == 1


def test_fail_on_flag(tmp_path: Path) -> None:
    """--fail-on narrows what fails; an unknown verdict is a usage error."""
    article(tmp_path / "a.md", OCT31)
    article(tmp_path / "b.md", NOV1)
    base = ["check", str(tmp_path), "-f", "json"]
    assert invoke(*base, "--fail-on", "sources-disagree").exit_code == 0
    bad = invoke(*base, "--fail-on", "contradicton")
    assert bad.exit_code == 2
    assert "--fail-on" in bad.stderr


def test_inline_suppression_and_unused_note(tmp_path: Path) -> None:
    """An ignore comment accepts the finding; one that ignores nothing is noted."""
    article(tmp_path / "a.md", OCT31)
    odd = article(
        tmp_path / "b.md",
        f"{NOV1}\n\n<!-- launchcheck: ignore launch-date desk checked -->",
    )
    assert invoke("check", str(tmp_path), "-f", "json").exit_code == 0
    odd.write_text(odd.read_text().replace("launch-date", "apogee"))
    result = invoke("check", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    assert (
        "b.md:7:1: note: 'launchcheck: ignore apogee' suppresses nothing"
        in result.stderr
    )


def test_baseline_write_then_accept_then_stale(tmp_path: Path) -> None:
    """baseline write records failures; --baseline accepts them; fixed ones go stale."""
    article(tmp_path / "arts" / "a.md", OCT31)
    odd = article(tmp_path / "arts" / "b.md", NOV1)
    base = tmp_path / "accepted.json"
    wrote = invoke("baseline", "write", str(base), str(tmp_path / "arts"))
    assert wrote.exit_code == 0, wrote.output
    assert "1 accepted finding written" in wrote.stdout
    assert json.loads(base.read_text())["accepted"][0]["fact"] == "launch.date"
    arts = str(tmp_path / "arts")
    assert invoke("check", arts, "-f", "json").exit_code == 1
    assert invoke("check", arts, "-f", "json", "--baseline", str(base)).exit_code == 0
    odd.write_text(odd.read_text().replace("November 1", "October 31"))
    stale = invoke("check", arts, "-f", "json", "--baseline", str(base))
    assert stale.exit_code == 0
    assert f"{base}:2: note: stale baseline entry" in stale.stderr
    missing = invoke("check", arts, "--baseline", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2


def test_stdin_is_one_article(tmp_path: Path) -> None:
    """'-' reads one article from standard input, checked with the others."""
    article(tmp_path / "a.md", OCT31)
    body = f"---\npublished: 2024-10-31\n---\n\n{NOV1}\n".encode()
    done = cli("check", str(tmp_path / "a.md"), "-", "-f", "json", stdin=body)
    assert done.returncode == 1, done.stderr
    paths = {a["path"] for a in json.loads(done.stdout)["articles"]}
    assert "<stdin>" in paths
    empty = cli("check", "-", stdin=b"")
    assert empty.returncode == 2
    assert b"<stdin>: empty article" in empty.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", ""], "an empty path was given"),
        (
            ["check", "{a}", "--only", "lanch-date"],
            "--only: 'lanch-date' matches no rule",
        ),
        (["check", "{a}", "--format", "nosuch"], "--format: unknown format 'nosuch'"),
        (["check", "{a}", "--against", ""], "an empty path was given"),
        (["check", "-", "-"], "only once"),
    ],
)
def test_usage_errors(tmp_path: Path, args, message) -> None:
    """Each is one line on stderr with exit 2, never an empty run."""
    a = article(tmp_path / "a.md", OCT31)
    result = invoke(*[x.replace("{a}", str(a)) for x in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_only_suggests_the_near_rule(tmp_path: Path) -> None:
    """A misspelt --only names the rule it probably meant."""
    a = article(tmp_path / "a.md", OCT31)
    assert (
        "did you mean 'launch-date'?"
        in invoke("check", str(a), "--only", "lanch-date").stderr
    )


@pytest.mark.parametrize(
    "name", ["table", "compact", "json", "jsonl", "sarif", "markdown", "html"]
)
def test_every_writer_format(tmp_path: Path, name: str) -> None:
    """Every format writes a report, and the table names them all."""
    assert name in writers.WRITERS
    article(tmp_path / "a.md", OCT31)
    article(tmp_path / "b.md", NOV1)
    result = invoke("check", str(tmp_path), "--format", name)
    assert result.exit_code == 1
    assert result.stdout.strip()


@pytest.mark.parametrize(
    ("tty", "output", "expected"),
    [
        (True, None, "table"),
        (False, None, "compact"),
        (False, "r.json", "json"),
        (True, "r.sarif", "sarif"),
        (True, "r.md", "markdown"),
        (True, "r.html", "html"),
        (True, "r.out", "compact"),
    ],
)
def test_default_format_choice(tmp_path: Path, tty, output, expected) -> None:
    """Terminal: table; pipe or file: compact, unless the file name says the format."""
    out = tmp_path / output if output else None
    assert choose_format(Config(base=tmp_path), out, tty=tty) == expected


def test_format_flag_beats_config(tmp_path: Path) -> None:
    """--format overrides the config's format."""
    config = Config(base=tmp_path).override("format", "json", "--format")
    assert choose_format(config, None, tty=True) == "json"


def test_help_and_hook_fast_path_stay_light(tmp_path: Path) -> None:
    """--help, config show and a hook run with nothing staged import no pipeline."""
    code = (
        "import sys\n"
        "from launchcheck.cli import main\n"
        "sys.argv = ['launchcheck', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pint', 'dateparser', 'rich', 'launchcheck.pipeline')\n"
        "print('LOADED=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for args in (["--help"], ["config", "show"], ["hook", "run"], ["check", "-h"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "HOME": str(tmp_path)},
        )
        assert done.stdout.strip().splitlines()[-1] == "LOADED=", (args, done.stderr)


def test_follow_links_flag_reads_links_out_of_the_folder(tmp_path: Path) -> None:
    """A link out of the folder is skipped unless --follow-links says otherwise."""
    outside = tmp_path / "outside.txt"
    outside.write_text("The missile flew 1,000 km.\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    article(folder / "a.md", OCT31)
    (folder / "link.txt").symlink_to(outside)
    plain = invoke("check", str(folder), "--format", "json")
    followed = invoke("check", str(folder), "--format", "json", "--follow-links")
    paths = lambda r: [a["path"] for a in json.loads(r.stdout)["articles"]]  # noqa: E731
    assert not any(p.endswith("link.txt") for p in paths(plain))
    assert any(p.endswith("link.txt") for p in paths(followed))
