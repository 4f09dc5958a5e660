"""Cold start of the pre-commit hook, each run a fresh process.

Builds a throw-away git repository (a `.launchcheck.yaml` with one story, two
committed sources, one staged draft) and times `launchcheck hook run` there:

* ``hook run: one draft, two sources``  what a commit of a draft costs
* ``hook run: no draft staged``        what every other commit costs (fast path)

Median, min and max of N runs (wall clock), plus the child's CPU time, which
a busy machine disturbs less. Run from anywhere:

    .venv/bin/python benchmarks/hook_startup.py [-n 11]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SOURCE = (
    "---\npublished: 2024-10-31\noutlet: {name}\n---\n\n"
    "North Korea launched an intercontinental ballistic missile on Thursday,"
    " October 31, 2024. It flew for 86 minutes and climbed to about 7,000"
    " kilometers before falling into the sea.\n"
)
DRAFT = (
    "---\npublished: 2024-10-31\n---\n\n"
    "The missile, launched on Thursday, October 31, 2024, stayed aloft for"
    " 86 minutes and reached an altitude of about 4,350 miles.\n"
)
CONFIG = (
    "timezone: Asia/Pyongyang\n"
    "stories:\n  - drafts: [drafts/*.md]\n    sources: [sources/]\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def make_repo(root: Path) -> Path:
    repo = root / "news"
    (repo / "sources").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / ".launchcheck.yaml").write_text(CONFIG)
    for name in ("wire", "agency"):
        (repo / "sources" / f"{name}.md").write_text(SOURCE.format(name=name))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=b",
        "-c",
        "user.email=b@example.com",
        "commit",
        "-qm",
        "s",
    )
    (repo / "drafts" / "story.md").write_text(DRAFT)
    (repo / "notes.csv").write_text("not an article\n")
    return repo


def cpu_of_children() -> float:
    times = os.times()
    return times.children_user + times.children_system


def time_once(repo: Path) -> tuple[float, float]:
    cpu = cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "launchcheck"), "hook", "run"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"hook run exited {done.returncode}:\n{done.stderr.decode()}")
    return elapsed, cpu_of_children() - cpu


def measure(repo: Path, runs: int) -> tuple[float, float, float, float]:
    time_once(repo)  # warm the OS file cache and .pyc files
    results = [time_once(repo) for _ in range(runs)]
    wall = [w for w, _ in results]
    cpu = statistics.median(c for _, c in results)
    return statistics.median(wall), min(wall), max(wall), cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=11, help="runs per case")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("at least 10 runs: a median of fewer says little")
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_repo(Path(tmp))
        git(repo, "add", "notes.csv")
        rows = [("hook run: no draft staged", measure(repo, args.runs))]
        git(repo, "add", "drafts/story.md")
        rows.insert(0, ("hook run: one draft, two sources", measure(repo, args.runs)))
    width = max(len(label) for label, _ in rows)
    heads = ("median ms", "min ms", "max ms", "cpu ms")
    print(f"{'case':<{width}}  " + "  ".join(f"{h:>9}" for h in heads))
    print(f"{'-' * width}  " + "  ".join("-" * 9 for _ in heads))
    for label, numbers in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{s * 1e3:9.0f}" for s in numbers))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"({args.runs} runs each, Python {sys.version.split()[0]}, {sys.platform},"
        f" {os.cpu_count()} CPUs, load average {load:.1f})"
    )


if __name__ == "__main__":
    main()
