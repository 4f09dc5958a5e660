"""Start-up cost of the command line, each run a fresh process.

Times (median of N runs, wall clock, output discarded):

* ``launchcheck --help``          the console script: click only, no pint/dateparser
* ``python -m launchcheck --help`` the same through ``-m``
* ``launchcheck check samples/ --timezone Asia/Pyongyang --format json``
                                  a cold process doing the whole job once

plus ``python -c pass`` as the floor, and the CPU time (user + system) of the
child, which a busy machine disturbs less than the wall clock. Run from anywhere:

    .venv/bin/python benchmarks/startup.py [-n 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def commands() -> list[tuple[str, list[str], tuple[int, ...]]]:
    """(label, argv, accepted exit codes) for every timed command."""
    script = BIN / "launchcheck"
    if not script.exists():
        sys.exit(f"{script} not found: install the package into this venv first")
    check = [
        "check",
        str(ROOT / "samples"),
        "--timezone",
        "Asia/Pyongyang",
        "--format",
        "json",
    ]
    return [
        ("python -c pass", [sys.executable, "-c", "pass"], (0,)),
        ("launchcheck --help", [str(script), "--help"], (0,)),
        (
            "python -m launchcheck --help",
            [sys.executable, "-m", "launchcheck", "--help"],
            (0,),
        ),
        # the samples hold two planted contradictions: exit code 1 is success here
        ("launchcheck check samples/ (json)", [str(script), *check], (0, 1)),
    ]


def cpu_of_children() -> float:
    """User + system seconds of every finished child process so far."""
    times = os.times()
    return times.children_user + times.children_system


def time_once(argv: list[str], ok: tuple[int, ...]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``argv``."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr.decode()}")
    return elapsed, cpu_of_children() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=11, help="runs per command")
    args = parser.parse_args()
    rows = []
    for label, argv, ok in commands():
        time_once(argv, ok)  # warm the OS file cache and .pyc files
        runs = [time_once(argv, ok) for _ in range(args.runs)]
        wall = [w for w, _ in runs]
        cpu = statistics.median(c for _, c in runs)
        rows.append((label, statistics.median(wall), min(wall), max(wall), cpu))
    width = max(len(r[0]) for r in rows)
    heads = ("median ms", "min ms", "max ms", "cpu ms")
    print(f"{'command':<{width}}  " + "  ".join(f"{h:>9}" for h in heads))
    print(f"{'-' * width}  " + "  ".join("-" * 9 for _ in heads))
    for label, *seconds in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{s * 1e3:9.0f}" for s in seconds))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"({args.runs} runs each, Python {sys.version.split()[0]}, {sys.platform},"
        f" {os.cpu_count()} CPUs, load average {load:.1f})"
    )


if __name__ == "__main__":
    main()
