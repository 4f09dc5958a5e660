"""The pre-publication git hook: what is staged, which story it belongs to.

Git plumbing only (``git diff --cached``, ``git show :path``, ``git rev-parse
--git-path hooks``); the check itself runs in ``cli``. What the hook checks is
the **index**, the content about to be committed, never the working tree: a
fix that is staged passes even when the file on disk is still wrong, and the
reverse is blocked. A renamed draft is checked under its new name.

Nothing here imports the pipeline, so a commit that touches no draft pays
only for Python, click, PyYAML and a few git calls.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from launchcheck.config import glob_match, relative
from launchcheck.errors import LaunchcheckError
from launchcheck.load import ARTICLE_SUFFIXES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from launchcheck.config import Config, Story
    from launchcheck.model import Report

MARKER = "# launchcheck pre-commit hook"
CHECKED_STATUSES = frozenset("AMRCT")  # added, modified, renamed, copied, type


class GitError(LaunchcheckError):
    """A git command failed (not a repository, git missing, bad object)."""


@dataclass(frozen=True, slots=True)
class StoryCheck:
    """One story's staged drafts and the sources they are checked against."""

    story: Story
    drafts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What the hook will check; paths are relative to the repository root."""

    checks: tuple[StoryCheck, ...] = ()
    uncovered: tuple[str, ...] = ()


def git(root: Path, *args: str) -> bytes:
    """Run one git command in ``root``; its standard output, or ``GitError``."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError(None, "git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            None, f"git {args[0]} failed: {message[-1] if message else 'no message'}"
        )
    return done.stdout


def toplevel(cwd: Path) -> Path:
    """The root of the working tree that ``cwd`` is in (a linked worktree too)."""
    out = git(cwd, "rev-parse", "--show-toplevel")
    return Path(out.decode("utf-8", "surrogateescape").rstrip("\n"))


def staged_paths(root: Path) -> tuple[str, ...]:
    """Paths of staged files that exist in the index after this commit.

    Renames and copies give their new name; deletions are left out.
    """
    out = git(root, "diff", "--cached", "--name-status", "-M", "-z", "--no-color")
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    paths, i = [], 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        count = 2 if status in "RC" else 1
        names = fields[i + 1 : i + 1 + count]
        i += 1 + count
        if status in CHECKED_STATUSES and names:
            paths.append(names[-1])
    return tuple(paths)


def index_paths(root: Path) -> tuple[str, ...]:
    """Every path in the index (what the commit will hold)."""
    out = git(root, "ls-files", "-z", "--cached")
    return tuple(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)


def read_staged(root: Path, path: str) -> bytes:
    """The staged content of ``path`` (``git show :path``), not the working tree's."""
    return git(root, "show", f":{path}")


def hooks_dir(root: Path) -> Path:
    """Where git looks for hooks: ``core.hooksPath`` if set, shared by worktrees."""
    out = git(root, "rev-parse", "--git-path", "hooks")
    path = Path(out.decode("utf-8", "surrogateescape").rstrip("\n"))
    return path if path.is_absolute() else root / path


def hook_script(python: str = sys.executable) -> str:
    """The ``pre-commit`` script: this Python if it still exists, else PATH."""
    quoted = shlex.quote(python)
    return (
        "#!/bin/sh\n"
        f"{MARKER} (written by `launchcheck hook install`).\n"
        "# Checks staged drafts against their sources (.launchcheck.yaml stories:).\n"
        f"if [ -x {quoted} ]; then exec {quoted} -m launchcheck hook run; fi\n"
        "exec launchcheck hook run\n"
    )


def install(root: Path, *, force: bool = False) -> tuple[Path, Path | None]:
    """Write ``pre-commit`` into the hooks folder; return it and any backup made.

    A hook that launchcheck did not write is never replaced silently: without
    ``force`` it is an error; with it, the old hook is kept as
    ``pre-commit.launchcheck-backup``.
    """
    folder = hooks_dir(root)
    target = folder / "pre-commit"
    backup = None
    try:
        if target.exists() or target.is_symlink():
            current = _text(target)
            if MARKER not in current:
                if not force:
                    raise LaunchcheckError(
                        str(target),
                        "a pre-commit hook launchcheck did not write is already"
                        " there; add `launchcheck hook run` to it, or use --force"
                        " (the old hook is kept as pre-commit.launchcheck-backup)",
                    )
                backup = folder / "pre-commit.launchcheck-backup"
                target.replace(backup)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / ".pre-commit.launchcheck.tmp"
        tmp.write_text(hook_script(), encoding="utf-8")
        tmp.chmod(0o755)
        tmp.replace(target)
    except OSError as err:
        raise LaunchcheckError(
            str(target), f"cannot write hook: {err.strerror or err}"
        ) from None
    return target, backup


def _text(path: Path) -> str:
    try:
        return path.read_bytes()[:65536].decode("utf-8", "replace")
    except OSError:
        return ""


def is_article(path: str) -> bool:
    """True for file names launchcheck reads as articles."""
    name = path.rsplit("/", 1)[-1]
    return path.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def make_plan(
    root: Path,
    config: Config,
    staged: Iterable[str],
    tracked: Callable[[], Iterable[str]],
) -> Plan:
    """Group staged drafts by story and find each story's sources in the index.

    ``tracked`` lists the index; it is only called when some draft is staged.

    A staged article that is a source, or excluded, is not a draft; one that
    no story's ``drafts`` covers is listed as uncovered (a warning, not a
    failure).
    """
    drafts: dict[int, list[str]] = {}
    uncovered = []
    for path in staged:
        if not is_article(path) or config.excluded(root / path):
            continue
        story = config.story_for(root / path)
        if story is None:
            if not config.is_source(root / path):
                uncovered.append(path)
            continue
        drafts.setdefault(config.stories.index(story), []).append(path)
    if not drafts:
        return Plan((), tuple(uncovered))
    candidates = [
        p for p in tracked() if is_article(p) and not config.excluded(root / p)
    ]
    checks = []
    for index, paths in sorted(drafts.items()):
        story = config.stories[index]
        sources = tuple(
            p
            for p in candidates
            if p not in paths
            and any(
                glob_match(g, relative(root / p, config.base)) for g in story.sources
            )
        )
        checks.append(StoryCheck(story, tuple(paths), sources))
    return Plan(tuple(checks), tuple(uncovered))


def run_checks(
    root: Path, config: Config, plan: Plan
) -> tuple[list[Report], list[str]]:
    """Check each story's staged drafts against its staged sources.

    Returns each settled report with its count of notes before settling
    (later notes are the run's own: unused suppressions), and warnings (a story whose sources match
    nothing in the index is not checked, and says so). Imports the pipeline:
    only called when a draft is staged.
    """
    from dataclasses import replace

    from launchcheck.errors import InputError
    from launchcheck.load import MAX_BYTES, parse_article
    from launchcheck.model import ArticleRole
    from launchcheck.pipeline import Options, check_articles, prepare_rules, settle

    options = Options(rules_dirs=config.rules, select=config.only)
    ruleset = prepare_rules(options)
    reports, warnings = [], []
    for item in plan.checks:
        if not item.sources:
            where = item.story.location or config.path
            warnings.extend(
                f"{draft}: its story ({where}) matches no source in the index;"
                " not checked"
                for draft in item.drafts
            )
            continue
        raw: dict[str, str] = {}
        articles = []
        roles = [(p, ArticleRole.DRAFT) for p in item.drafts]
        roles += [(p, ArticleRole.SOURCE) for p in item.sources]
        for path, role in roles:
            data = read_staged(root, path)
            if len(data) > MAX_BYTES:
                raise InputError(path, "staged file is over the 1 MB article limit")
            raw[path] = data.decode("utf-8", "replace")
            articles.append(replace(parse_article(path, data), role=role))
        zone = item.story.timezone or config.timezone
        report = check_articles(articles, ruleset, replace(options, timezone=zone))
        reports.append((settle(report, config.fail_on, raw), len(report.notes)))
    return reports, warnings
