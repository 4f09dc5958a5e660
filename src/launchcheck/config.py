"""``.launchcheck.yaml``: project settings, found by walking up from a folder.

The file is composed into YAML nodes (like rule files) so every error names
``file:line:col``; unknown keys get a suggestion, wrong types say what was
expected. Paths in the file are relative to the folder holding it. The result
is a frozen ``Config`` that records, for each setting, where it came from
(the default, a line of the file, or a command-line flag), which is what
``launchcheck config show`` prints.

Only PyYAML is imported here (lazily): the git hook reads the config before it
knows whether there is anything to check.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from launchcheck.errors import LaunchcheckError, RuleError, RuleErrors
from launchcheck.load import check_zone
from launchcheck.model import Location, Verdict
from launchcheck.safeyaml import YAML_TAG, guard_events

if TYPE_CHECKING:
    from collections.abc import Iterable

    import yaml

CONFIG_NAMES = (".launchcheck.yaml", ".launchcheck.yml")
KEYS = ("timezone", "rules", "only", "fail_on", "format", "exclude", "stories")
STORY_KEYS = ("drafts", "sources", "timezone")
DEFAULT_FAIL_ON = (Verdict.CONTRADICTION, Verdict.SOURCES_DISAGREE)
MAX_CONFIG_BYTES = 256 * 1024


class ConfigError(RuleError):
    """A config file that is malformed: located at ``file:line:col``."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a setting's value came from: ``default``, a file position, a flag."""

    kind: str = "default"  # "default" | "config" | "flag"
    location: Location | None = None
    flag: str = ""

    def __str__(self) -> str:
        if self.kind == "config" and self.location is not None:
            return f"config {self.location}"
        if self.kind == "flag":
            return f"flag {self.flag}"
        return "default"


@dataclass(frozen=True, slots=True)
class Story:
    """Which drafts are checked against which sources (globs, from the config)."""

    drafts: tuple[str, ...]
    sources: tuple[str, ...]
    timezone: str = ""
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Effective settings of a run; ``base`` is where relative paths start."""

    path: Path | None = None
    base: Path = field(default_factory=Path.cwd)
    timezone: str = ""
    rules: tuple[Path, ...] = ()
    only: tuple[str, ...] = ()
    fail_on: tuple[Verdict, ...] = DEFAULT_FAIL_ON
    output_format: str = ""
    exclude: tuple[str, ...] = ()
    stories: tuple[Story, ...] = ()
    origins: tuple[tuple[str, Origin], ...] = ()

    def origin(self, key: str) -> Origin:
        """Where the setting ``key`` (a config key) came from."""
        return dict(self.origins).get(key, Origin())

    def override(self, key: str, value: object, flag: str) -> Config:
        """This config with ``key`` set from a command-line ``flag``.

        ``None`` (flag not given) keeps the current value. List settings are
        replaced, not extended, as ruff's ``--select`` replaces its config.
        """
        if value is None:
            return self
        name = "output_format" if key == "format" else key
        origins = dict(self.origins)
        origins[key] = Origin("flag", flag=flag)
        return replace(self, **{name: value}, origins=tuple(origins.items()))

    def excluded(self, path: str | Path) -> bool:
        """True when ``path`` matches one of the ``exclude`` globs."""
        return any(glob_match(p, relative(path, self.base)) for p in self.exclude)

    def story_for(self, path: str | Path) -> Story | None:
        """The first story whose ``drafts`` globs match ``path``."""
        rel = relative(path, self.base)
        for story in self.stories:
            if any(glob_match(p, rel) for p in story.drafts):
                return story
        return None

    def is_source(self, path: str | Path) -> bool:
        """True when some story lists ``path`` among its sources."""
        rel = relative(path, self.base)
        return any(glob_match(p, rel) for s in self.stories for p in s.sources)


def relative(path: str | Path, base: Path) -> str:
    """``path`` relative to ``base`` with ``/`` separators (as given if outside)."""
    target = Path(path)
    if not target.is_absolute():
        target = Path.cwd() / target
    try:
        rel = Path(_normpath(target)).relative_to(_normpath(base.absolute()))
    except ValueError:
        return PurePosixPath(Path(path)).as_posix()
    return rel.as_posix()


def _normpath(path: Path) -> str:
    import os

    return os.path.normpath(path)


def glob_match(pattern: str, rel: str) -> bool:
    """Match a gitignore-style glob against a ``/``-separated relative path.

    ``*`` and ``?`` stay inside one folder, ``**`` crosses folders, and a
    pattern without ``/`` matches a file name at any depth (``README.md``).
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):
        pattern += "**"
    if "/" not in pattern:
        pattern = "**/" + pattern
    return _glob_regex(pattern).fullmatch(rel) is not None


@functools.lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob to a regex, once per pattern."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body.startswith("!") else f"[{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def find_config(start: Path) -> Path | None:
    """The nearest ``.launchcheck.yaml`` in ``start`` or any folder above it."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def discover(
    start: Path, explicit: Path | None = None, *, disabled: bool = False
) -> Config:
    """The config a run uses: ``--config``, else the nearest file, else defaults."""
    if disabled:
        return Config(base=start.absolute())
    if explicit is not None:
        return read_config(explicit)
    found = find_config(start)
    return read_config(found) if found else Config(base=start.absolute())


def read_config(path: Path) -> Config:
    """Read and validate one config file; every problem is raised at once."""
    text = _read(path)
    where = str(path)
    root = _compose(where, text)
    config = Config(path=path, base=path.absolute().parent)
    if root is None:
        return config
    import yaml

    errors: list[RuleError] = []
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(
            _loc(where, root),
            f"a config file must be 'key: value' lines (keys: {', '.join(KEYS)})",
        )
    fields = _mapping(where, root, KEYS, "the config", errors)
    values: dict[str, object] = {}
    origins: dict[str, Origin] = {}
    for key, node in fields.items():
        value = _field(key, where, node, config.base, errors)
        if value is not None:
            values["output_format" if key == "format" else key] = value
            origins[key] = Origin("config", _loc(where, node))
    if errors:
        raise RuleErrors(errors)
    return replace(config, **values, origins=tuple(origins.items()))  # type: ignore[arg-type]


def _read(path: Path) -> str:
    where = Location(str(path))
    try:
        if path.is_dir():
            raise ConfigError(where, "is a folder, not a config file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(where, "no such config file") from None
    except OSError as err:
        raise ConfigError(where, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(where, "config file is over 256 KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ConfigError(
            Location(str(path), line), "not UTF-8: config files must be UTF-8"
        ) from None


def _compose(where: str, text: str) -> yaml.Node | None:
    """YAML nodes with positions; aliases, foreign tags and bad syntax refused."""
    import yaml

    try:
        guard_events(
            text,
            lambda mark: Location(where, mark.line + 1, mark.column + 1),
            ConfigError,
            "config files",
        )
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        here = Location(where, mark.line + 1, mark.column + 1) if mark else where
        raise ConfigError(
            here, f"malformed YAML: {err.problem or err.context or 'invalid YAML'}"
        ) from None
    except yaml.YAMLError as err:
        raise ConfigError(where, f"malformed YAML: {err}") from None


def _loc(where: str, node: yaml.Node) -> Location:
    return Location(where, node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(
    where: str,
    node: yaml.Node,
    allowed: tuple[str, ...],
    what: str,
    errors: list[RuleError],
) -> dict[str, yaml.Node]:
    """Keys of a mapping node; duplicate and unknown keys (with a hint) are errors."""
    import yaml

    out: dict[str, yaml.Node] = {}
    if not isinstance(node, yaml.MappingNode):
        errors.append(
            ConfigError(_loc(where, node), f"{what} must be a mapping of {allowed}")
        )
        return out
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        here = _loc(where, key_node)
        if not isinstance(key, str):
            errors.append(ConfigError(here, f"{what}: keys must be plain words"))
        elif key in out:
            errors.append(ConfigError(here, f"duplicate key {key!r}"))
        elif key not in allowed:
            import difflib  # only for a suggestion

            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            errors.append(
                ConfigError(
                    here,
                    f"unknown key {key!r} in {what} ({hint}known: {', '.join(allowed)})",
                )
            )
        else:
            out[key] = value_node
    return out


def _string(
    where: str, node: yaml.Node, key: str, example: str, errors: list[RuleError]
) -> str | None:
    import yaml

    is_text = isinstance(node, yaml.ScalarNode) and node.tag == f"{YAML_TAG}str"
    if is_text and str(node.value).strip():
        return str(node.value)
    errors.append(
        ConfigError(_loc(where, node), f"{key} must be a string, e.g. {example}")
    )
    return None


def _strings(
    where: str, node: yaml.Node, key: str, example: str, errors: list[RuleError]
) -> tuple[str, ...] | None:
    """A list of strings (one string alone is a list of one)."""
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag == f"{YAML_TAG}str":
        return (str(node.value),)
    if not isinstance(node, yaml.SequenceNode):
        errors.append(
            ConfigError(
                _loc(where, node), f"{key} must be a list of strings, e.g. {example}"
            )
        )
        return None
    out = []
    for item in node.value:
        value = _string(where, item, f"each entry of {key}", "quote it", errors)
        if value is not None:
            out.append(value)
    return tuple(out)


def _field(
    key: str, where: str, node: yaml.Node, base: Path, errors: list[RuleError]
) -> object:
    """The validated value of one top-level key, or None after an error."""
    if key == "timezone":
        zone = _string(where, node, key, "timezone: Asia/Pyongyang", errors)
        return _zone(where, node, zone, errors)
    if key == "format":
        return _string(where, node, key, "format: compact", errors)
    if key in ("only", "exclude"):
        example = "only: [launch-date]" if key == "only" else "exclude: [README.md]"
        return _strings(where, node, key, example, errors)
    if key == "rules":
        found = _strings(where, node, key, "rules: [rules/]", errors)
        return None if found is None else _rule_dirs(where, node, found, base, errors)
    if key == "fail_on":
        found = _strings(where, node, key, "fail_on: [contradiction]", errors)
        return None if found is None else _verdicts(where, node, found, errors)
    return _stories(where, node, errors)


def _zone(
    where: str, node: yaml.Node, zone: str | None, errors: list[RuleError]
) -> str | None:
    if zone is None:
        return None
    try:
        return check_zone(_loc(where, node), zone)
    except LaunchcheckError as err:  # an InputError: keep it a config error
        errors.append(ConfigError(_loc(where, node), err.message))
    return None


def _rule_dirs(
    where: str,
    node: yaml.Node,
    names: Iterable[str],
    base: Path,
    errors: list[RuleError],
) -> tuple[Path, ...]:
    out = []
    for name in names:
        path = Path(name) if Path(name).is_absolute() else base / name
        if not path.exists():
            errors.append(
                ConfigError(
                    _loc(where, node), f"rules: no such folder or file {name!r}"
                )
            )
        out.append(path)
    return tuple(out)


def _verdicts(
    where: str, node: yaml.Node, names: Iterable[str], errors: list[RuleError]
) -> tuple[Verdict, ...]:
    known = [v.value for v in Verdict]
    out = []
    for name in names:
        try:
            out.append(Verdict(name))
        except ValueError:
            import difflib  # only for a suggestion

            near = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            errors.append(
                ConfigError(
                    _loc(where, node),
                    f"fail_on: unknown verdict {name!r} ({hint}one of {', '.join(known)})",
                )
            )
    return tuple(out)


def _stories(
    where: str, node: yaml.Node, errors: list[RuleError]
) -> tuple[Story, ...] | None:
    import yaml

    example = "stories: [{drafts: [drafts/*.md], sources: [sources/]}]"
    if not isinstance(node, yaml.SequenceNode):
        errors.append(
            ConfigError(_loc(where, node), f"stories must be a list, e.g. {example}")
        )
        return None
    out = []
    for item in node.value:
        fields = _mapping(where, item, STORY_KEYS, "a story", errors)
        if not fields:
            continue
        for needed in ("drafts", "sources"):
            if needed not in fields:
                errors.append(
                    ConfigError(_loc(where, item), f"a story needs {needed!r}")
                )
        drafts = sources = None
        if "drafts" in fields:
            drafts = _strings(where, fields["drafts"], "drafts", example, errors)
        if "sources" in fields:
            sources = _strings(where, fields["sources"], "sources", example, errors)
        zone = ""
        if "timezone" in fields:
            node_z = fields["timezone"]
            text = _string(where, node_z, "timezone", "timezone: Asia/Seoul", errors)
            zone = _zone(where, node_z, text, errors) or ""
        if drafts is not None and sources is not None:
            out.append(Story(drafts, sources, zone, _loc(where, item)))
    return tuple(out)


def settings(config: Config) -> list[tuple[str, str, str]]:
    """(key, value, origin) rows for ``launchcheck config show``."""

    def shown(values: Iterable[object]) -> str:
        items = [str(v) for v in values]
        return ", ".join(items) if items else "(none)"

    rows = [
        ("timezone", config.timezone or "(rule set's, else UTC)"),
        ("rules", shown(config.rules)),
        ("only", shown(config.only) if config.only else "(every rule)"),
        ("fail_on", shown(v.value for v in config.fail_on)),
        (
            "format",
            config.output_format or "(table on a terminal, compact otherwise)",
        ),
        ("exclude", shown(config.exclude)),
    ]
    out = [(k, v, str(config.origin(k))) for k, v in rows]
    if not config.stories:
        out.append(("stories", "(none)", str(config.origin("stories"))))
    for i, story in enumerate(config.stories, 1):
        zone = f"; timezone {story.timezone}" if story.timezone else ""
        value = f"drafts {shown(story.drafts)}; sources {shown(story.sources)}{zone}"
        where = f"config {story.location}" if story.location else "config"
        out.append((f"stories[{i}]", value, where))
    return out
