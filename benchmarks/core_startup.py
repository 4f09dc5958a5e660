"""Cold start of a ``check`` below the command line, phase by phase, tree by tree.

Each run is a fresh process that does what ``launchcheck check PATHS --format
json`` does without the command-line layer (config, load, rules, check,
settle, JSON report to /dev/null) and reports the CPU time of each phase
plus the whole process (imports included). Trees are given as NAME=PATH
(the folder holding the ``launchcheck`` package) and run alternately, so a
machine whose speed drifts still compares them back to back:

    .venv/bin/python benchmarks/core_startup.py -n 11 before=/tmp/before/src after=src
    .venv/bin/python benchmarks/core_startup.py --cli -n 11 before=... after=src

Run with ``PYTHONDONTWRITEBYTECODE`` unset, or every start recompiles the
package. The pattern cache is warmed by one run per tree first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

JOB = r"""
import json, os, sys, time
marks = [("start", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
from pathlib import Path
from launchcheck.config import discover
from launchcheck.pipeline import Options, check_articles, load_paths, prepare_rules, settle
from launchcheck import report as writers
mark("import")
config = discover(Path.cwd(), None, disabled=False)
options = Options(rules_dirs=config.rules, timezone=config.timezone, select=config.only)
mark("config")
articles = load_paths(sys.argv[1:])
mark("load")
ruleset = prepare_rules(options)
mark("rules")
report = check_articles(articles, ruleset, options)
mark("check")
report = settle(report, config.fail_on, {}, None)
mark("settle")
with open(os.devnull, "w") as out:
    writers.writer("json")(report, out, verbose=False)
mark("write")
t = os.times()
phases = {b[0]: b[1] - a[1] for a, b in zip(marks, marks[1:])}
phases["process"] = t.user + t.system
phases["modules"] = len(sys.modules)
print(json.dumps(phases))
"""


def run(tree: str, paths: list[str], cli: bool = False) -> dict[str, float]:
    """Phase CPU seconds of one fresh process importing from ``tree``.

    With ``cli``, the whole command (``python -m launchcheck check PATHS
    --format json``) instead, timed as one phase: its CPU time.
    """
    env = dict(os.environ, PYTHONPATH=tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cli:
        argv = [
            sys.executable,
            "-m",
            "launchcheck",
            "check",
            *paths,
            "--format",
            "json",
        ]
    else:
        argv = [sys.executable, "-c", JOB, *paths]
    before = os.times()
    done = subprocess.run(
        argv, env=env, capture_output=True, text=True, check=False, cwd="/"
    )
    after = os.times()
    if done.returncode not in ((0, 1) if cli else (0,)):
        sys.exit(f"{tree}: exit {done.returncode}\n{done.stderr}")
    if cli:
        cpu = (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
        return {"process": cpu}
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    """Alternate the trees, then print the median of every phase per tree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=11)
    parser.add_argument("--paths", nargs="*", default=[str(SEEDS)])
    parser.add_argument(
        "--cli", action="store_true", help="time the whole command instead"
    )
    parser.add_argument("trees", nargs="+", help="NAME=PATH")
    args = parser.parse_args()
    trees = [t.split("=", 1) for t in args.trees]
    trees = [(name, str(Path(path).resolve())) for name, path in trees]
    for _, path in trees:
        run(path, args.paths, args.cli)  # warm the pattern cache and the .pyc files
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    for _ in range(args.runs):
        for name, path in trees:
            results[name].append(run(path, args.paths, args.cli))
    keys = list(results[trees[0][0]][0])
    print(f"{'phase (CPU ms, median)':<24}" + "".join(f"{n:>10}" for n, _ in trees))
    for key in keys:
        cells = [statistics.median(r[key] for r in results[n]) for n, _ in trees]
        scale = 1 if key == "modules" else 1e3
        print(f"{key:<24}" + "".join(f"{c * scale:10.0f}" for c in cells))
    summary = {
        n: {k: statistics.median(r[k] for r in results[n]) for k in keys}
        for n, _ in trees
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
