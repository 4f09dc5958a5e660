"""The pre-commit hook with real git in a temporary repository.

The index decides: a staged fix passes even when the working tree is still
wrong, and the reverse is blocked. Also through the `pre-commit` framework.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed"
)

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OCT31 = "North Korea launched an intercontinental ballistic missile on Thursday, October 31, 2024."
NOV1 = "North Korea launched an intercontinental ballistic missile on November 1, 2024."
CONFIG = (
    "timezone: Asia/Pyongyang\n"
    "exclude: [README.md]\n"
    "stories:\n"
    "  - drafts: [drafts/*.md]\n"
    "    sources: [sources/]\n"
)


def body(text: str) -> str:
    return f"---\npublished: 2024-10-31\n---\n\n{text}\n"


def env(home: Path) -> dict[str, str]:
    """Git with no user or system config, and this venv's launchcheck on PATH."""
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Desk",
        "GIT_AUTHOR_EMAIL": "desk@example.com",
        "GIT_COMMITTER_NAME": "Desk",
        "GIT_COMMITTER_EMAIL": "desk@example.com",
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
    }


class Repo:
    def __init__(self, path: Path, home: Path) -> None:
        self.path = path
        self.env = env(home)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            args,
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
            )
        return done

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, check=check)

    def write(self, name: str, text: str) -> None:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        return self.git("commit", "-q", "-m", message, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A newsroom repository: config and two sources committed, no hook yet."""
    home = tmp_path / "home"
    home.mkdir()
    r = Repo(tmp_path / "news", home)
    r.path.mkdir()
    r.git("init", "-q", "-b", "main")
    r.write(".launchcheck.yaml", CONFIG)
    r.write("sources/wire.md", body(OCT31))
    r.write("sources/agency.md", body(OCT31))
    r.write("README.md", "How we work.\n")
    r.git("add", "-A")
    r.git("commit", "-q", "-m", "sources")
    return r


def install(r: Repo, *extra: str) -> subprocess.CompletedProcess[str]:
    return r.run(str(BIN / "launchcheck"), "hook", "install", *extra, check=False)


def test_index_decides(repo: Repo) -> None:
    """Blocked, fixed, staged-fix-with-wrong-tree passes, and the reverse is blocked."""
    assert install(repo).returncode == 0
    repo.write("drafts/story.md", body(NOV1))
    repo.git("add", "drafts/story.md")
    blocked = repo.commit("wrong date")
    assert blocked.returncode != 0
    assert "drafts/story.md:5:" in blocked.stderr
    assert "0 sources agree, 2 disagree" in blocked.stderr
    assert "commit blocked" in blocked.stderr

    repo.write("drafts/story.md", body(OCT31))
    repo.git("add", "drafts/story.md")
    assert repo.commit("fixed").returncode == 0

    repo.write("drafts/story.md", body(OCT31 + " The missile flew for 86 minutes."))
    repo.git("add", "drafts/story.md")
    repo.write("drafts/story.md", body(NOV1))  # the working tree is wrong again
    staged_fix = repo.commit("staged is right")
    assert staged_fix.returncode == 0, staged_fix.stderr

    repo.write("drafts/story.md", body(NOV1))
    repo.git("add", "drafts/story.md")
    repo.write("drafts/story.md", body(OCT31))  # only the working tree is right
    reverse = repo.commit("staged is wrong")
    assert reverse.returncode != 0
    assert "commit blocked" in reverse.stderr


def test_renamed_draft_checked_under_new_name(repo: Repo) -> None:
    """A rename keeps the check and names the new path."""
    repo.write("drafts/old.md", body(OCT31))
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "draft")
    assert install(repo).returncode == 0
    repo.git("mv", "drafts/old.md", "drafts/new.md")
    repo.write("drafts/new.md", body(NOV1 + " It was a long flight."))
    repo.git("add", "-A")
    blocked = repo.commit("rename")
    assert blocked.returncode != 0
    assert "drafts/new.md:5:" in blocked.stderr


def test_uncovered_draft_passes_with_a_warning(repo: Repo) -> None:
    """A staged article no story covers passes and says it was not checked."""
    assert install(repo).returncode == 0
    repo.write("notes/aside.md", body(NOV1))
    repo.write("README.md", "Still how we work.\n")
    repo.git("add", "-A")
    done = repo.commit("aside")
    assert done.returncode == 0
    assert "notes/aside.md: no stories: entry" in done.stderr
    assert "README.md" not in done.stderr


def test_suppressed_in_draft_passes(repo: Repo) -> None:
    """An inline ignore in the staged draft lets the commit through."""
    assert install(repo).returncode == 0
    repo.write(
        "drafts/story.md",
        body(NOV1 + "\n\n<!-- launchcheck: ignore launch-date date is local -->"),
    )
    repo.git("add", "-A")
    assert repo.commit("accepted").returncode == 0


def test_refuses_a_foreign_hook_unless_forced(repo: Repo) -> None:
    """A hook launchcheck did not write is kept unless --force (then backed up)."""
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho theirs\n")
    refused = install(repo)
    assert refused.returncode == 2
    assert "did not write" in refused.stderr
    assert hook.read_text() == "#!/bin/sh\necho theirs\n"
    forced = install(repo, "--force")
    assert forced.returncode == 0
    assert "launchcheck" in hook.read_text()
    assert (
        (hook.parent / "pre-commit.launchcheck-backup").read_text().endswith("theirs\n")
    )
    assert install(repo).returncode == 0  # its own hook is replaced freely
    assert os.access(hook, os.X_OK)


def test_respects_core_hooks_path(repo: Repo) -> None:
    """With core.hooksPath set, the hook goes there and git runs it."""
    repo.git("config", "core.hooksPath", "githooks")
    assert install(repo).returncode == 0
    assert (repo.path / "githooks" / "pre-commit").is_file()
    assert not (repo.path / ".git" / "hooks" / "pre-commit").exists()
    repo.write("drafts/story.md", body(NOV1))
    repo.git("add", "drafts/story.md")
    assert repo.commit("wrong").returncode != 0


def test_works_in_a_linked_worktree(repo: Repo, tmp_path: Path) -> None:
    """Installed from a worktree, the shared hook checks that worktree's index."""
    other = tmp_path / "desk2"
    repo.git("worktree", "add", "-q", str(other), "-b", "desk2")
    wt = Repo(other, Path(repo.env["HOME"]))
    assert install(wt).returncode == 0
    assert (repo.path / ".git" / "hooks" / "pre-commit").is_file()
    wt.write("drafts/story.md", body(NOV1))
    wt.git("add", "drafts/story.md")
    assert wt.commit("wrong").returncode != 0
    wt.write("drafts/story.md", body(OCT31))
    wt.git("add", "drafts/story.md")
    assert wt.commit("right").returncode == 0


def test_hook_run_outside_git_is_one_line(tmp_path: Path) -> None:
    """Not a repository: one line, exit 2."""
    done = subprocess.run(
        [str(BIN / "launchcheck"), "hook", "run"],
        cwd=tmp_path,
        env=env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("launchcheck: git rev-parse failed")
    assert len(done.stderr.strip().splitlines()) == 1


def test_pre_commit_try_repo(repo: Repo, tmp_path: Path) -> None:
    """The real pre-commit framework runs our hook: blocked, then fixed passes."""
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.fail("pre-commit is a dev dependency: pip install -e '.[dev]'")
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout: try-repo needs one")
    repo.env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    # pre-commit builds launchcheck in a fresh virtualenv; building it with the
    # setuptools seeded there (not an isolated build env) halves the install.
    repo.env["PIP_NO_BUILD_ISOLATION"] = "0"
    repo.write("drafts/story.md", body(NOV1))
    repo.git("add", "drafts/story.md")
    blocked = repo.run(
        str(pre_commit), "try-repo", str(ROOT), "launchcheck", check=False
    )
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "0 sources agree, 2 disagree" in blocked.stdout
    repo.write("drafts/story.md", body(OCT31))
    repo.git("add", "drafts/story.md")
    fixed = repo.run(str(pre_commit), "try-repo", str(ROOT), "launchcheck", check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout
