"""The config file: discovery, validation with positions, origins, globs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from launchcheck.config import (
    Config,
    discover,
    find_config,
    glob_match,
    read_config,
    settings,
)
from launchcheck.errors import LaunchcheckError
from launchcheck.model import Verdict

if TYPE_CHECKING:
    from pathlib import Path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    with pytest.raises(LaunchcheckError) as err:
        read_config(path)
    return str(err.value).splitlines()


def test_found_walking_up(tmp_path) -> None:
    """The nearest .launchcheck.yaml above the start folder is used."""
    cfg = write(tmp_path / ".launchcheck.yaml", "timezone: Asia/Seoul\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == cfg
    assert discover(deep).timezone == "Asia/Seoul"
    assert discover(deep, disabled=True).timezone == ""


def test_explicit_file_wins(tmp_path) -> None:
    """--config names the file; the nearest one is then not read."""
    write(tmp_path / ".launchcheck.yaml", "timezone: Asia/Seoul\n")
    other = write(tmp_path / "other.yaml", "timezone: Asia/Tokyo\n")
    assert discover(tmp_path, other).timezone == "Asia/Tokyo"


def test_all_keys_and_relative_paths(tmp_path) -> None:
    """Paths are relative to the config file; every key lands in Config."""
    (tmp_path / "myrules").mkdir()
    cfg = write(
        tmp_path / ".launchcheck.yaml",
        "timezone: Asia/Pyongyang\n"
        "rules: [myrules]\n"
        "only: [launch]\n"
        "fail_on: [contradiction]\n"
        "format: json\n"
        "exclude: [README.md]\n"
        "stories:\n"
        "  - drafts: [drafts/*.md]\n"
        "    sources: sources/\n"
        "    timezone: Asia/Seoul\n",
    )
    config = read_config(cfg)
    assert config.rules == (tmp_path / "myrules",)
    assert config.only == ("launch",)
    assert config.fail_on == (Verdict.CONTRADICTION,)
    assert config.output_format == "json"
    assert config.excluded(tmp_path / "docs" / "README.md")
    assert not config.excluded(tmp_path / "docs" / "story.md")
    story = config.story_for(tmp_path / "drafts" / "x.md")
    assert story is not None
    assert story.timezone == "Asia/Seoul"
    assert config.story_for(tmp_path / "drafts" / "sub" / "x.md") is None
    assert config.is_source(tmp_path / "sources" / "deep" / "a.html")
    assert str(config.origin("timezone")) == f"config {cfg}:1:11"
    assert str(config.origin("exclude")) == f"config {cfg}:6:10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "timezon: Asia/Seoul\n",
            ":1:1: unknown key 'timezon' in the config (did you mean 'timezone'?",
        ),
        (
            "timezone: [a]\n",
            ":1:11: timezone must be a string, e.g. timezone: Asia/Pyongyang",
        ),
        ("timezone: Mars/Base\n", ":1:11: unknown time zone 'Mars/Base'"),
        ("only: 5\n", ":1:7: only must be a list of strings"),
        (
            "fail_on: [contradicton]\n",
            ":1:10: fail_on: unknown verdict 'contradicton' (did you mean 'contradiction'?",
        ),
        ("rules: [nowhere]\n", ":1:8: rules: no such folder or file 'nowhere'"),
        ("stories: {drafts: x}\n", ":1:10: stories must be a list"),
        ("stories:\n  - drafts: [a]\n", ":2:5: a story needs 'sources'"),
        (
            "stories:\n  - drafts: [a]\n    source: [b]\n",
            ":3:5: unknown key 'source' in a story (did you mean 'sources'?",
        ),
        ("- a\n- b\n", ":1:1: a config file must be 'key: value' lines"),
        ("a: [\n", "malformed YAML"),
        ("timezone: &z Asia/Seoul\nformat: *z\n", "YAML aliases"),
        ("format: 1\nformat: 2\n", ":2:1: duplicate key 'format'"),
    ],
)
def test_bad_config_is_located_with_a_suggestion(tmp_path, text, expected) -> None:
    """Each problem names file:line:col and says what would be right."""
    cfg = write(tmp_path / ".launchcheck.yaml", text)
    found = errors(cfg)
    assert any(line.startswith(str(cfg)) and expected in line for line in found), found


def test_every_error_at_once(tmp_path) -> None:
    """Two bad keys give two lines, not the first only."""
    cfg = write(tmp_path / ".launchcheck.yaml", "timezon: x\nformt: y\n")
    assert len(errors(cfg)) == 2


def test_empty_file_is_defaults(tmp_path) -> None:
    """An empty config changes nothing."""
    config = read_config(write(tmp_path / ".launchcheck.yaml", "# nothing yet\n"))
    assert config.fail_on == (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)
    assert config.path is not None


def test_missing_and_non_utf8(tmp_path) -> None:
    """A missing or undecodable config is one located error."""
    assert "no such config file" in errors(tmp_path / "nope.yaml")[0]
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"timezone: caf\xe9\n")
    assert errors(bad)[0].startswith(f"{bad}:1:")


def test_flags_override_and_say_so(tmp_path) -> None:
    """A flag replaces the file's value and becomes its origin."""
    cfg = write(tmp_path / ".launchcheck.yaml", "timezone: Asia/Seoul\n")
    config = read_config(cfg).override("timezone", "Asia/Tokyo", "--timezone")
    assert config.timezone == "Asia/Tokyo"
    assert str(config.origin("timezone")) == "flag --timezone"
    assert config.override("timezone", None, "--timezone") == config


def test_settings_rows_name_origins(tmp_path) -> None:
    """config show lists every key with where it came from."""
    cfg = write(tmp_path / ".launchcheck.yaml", "format: json\n")
    rows = {k: (v, o) for k, v, o in settings(read_config(cfg))}
    assert rows["format"] == ("json", f"config {cfg}:1:9")
    assert rows["timezone"][1] == "default"
    assert rows["stories"] == ("(none)", "default")


@pytest.mark.parametrize(
    ("pattern", "path", "hit"),
    [
        ("README.md", "README.md", True),
        ("README.md", "docs/README.md", True),
        ("drafts/*.md", "drafts/a.md", True),
        ("drafts/*.md", "drafts/x/a.md", False),
        ("drafts/**/*.md", "drafts/x/y/a.md", True),
        ("drafts/**/*.md", "drafts/a.md", True),
        ("sources/", "sources/a/b.txt", True),
        ("./drafts/a.md", "drafts/a.md", True),
        ("draft?.md", "draft1.md", True),
        ("draft[!0-9].md", "draft1.md", False),
        ("*.md", "a.txt", False),
    ],
)
def test_glob_match(pattern, path, hit) -> None:
    """Globs work like .gitignore: * in one folder, ** across, bare names anywhere."""
    assert glob_match(pattern, path) is hit


def test_default_config_uses_given_base(tmp_path) -> None:
    """Without a file, paths are relative to the folder searched from."""
    config = Config(base=tmp_path)
    assert not config.excluded(tmp_path / "a.md")
    assert config.story_for(tmp_path / "a.md") is None
