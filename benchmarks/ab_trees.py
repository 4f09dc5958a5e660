"""Two source trees, one archive: articles per CPU second, in alternating runs.

On a machine whose speed drifts within minutes, the same figure measured an
hour apart says little; run back to back, before and after still compare.
Each round checks the same seeded archive (``archivegen.py``) once with each
tree, in a fresh process per tree (rules loaded and a warm-up story checked
first, then the best of two passes, CPU time). Prints every round and the
best; the last line is one JSON object.

    .venv/bin/python benchmarks/ab_trees.py before=/path/to/old/src after=src
    .venv/bin/python benchmarks/ab_trees.py --size 8k --articles 80 old=../base/src new=src

A tree is given as NAME=PATH, PATH being the folder that holds the
``launchcheck`` package (several PATH:PATH for extra import folders).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import archive

JOB = r"""
import json, sys, time
from pathlib import Path
import launchcheck
from launchcheck.batch import StorySettings, check_story
from launchcheck.batch_source import iter_stories
from launchcheck.pipeline import Options, prepare_rules

options = Options()
ruleset = prepare_rules(options)
settings = StorySettings(options)
tasks = list(iter_stories([Path(sys.argv[1])], max_bytes=1 << 20))
check_story(tasks[0], ruleset, settings)
best = float("inf")
for _ in range(2):
    cpu = time.process_time()
    count = sum(check_story(task, ruleset, settings).articles for task in tasks)
    best = min(best, time.process_time() - cpu)
print(json.dumps({"package": launchcheck.__file__, "articles": count, "cpu_s": best}))
"""


def run(tree: str, path: Path) -> float:
    """Articles per CPU second of one fresh process importing from ``tree``."""
    env = dict(os.environ, PYTHONPATH=tree)
    done = subprocess.run(
        [sys.executable, "-c", JOB, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    first = Path(tree.split(os.pathsep)[0]).resolve()
    if not Path(figures["package"]).resolve().is_relative_to(first):
        sys.exit(f"{tree}: launchcheck was imported from {figures['package']}")
    return figures["articles"] / figures["cpu_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs=2, metavar="NAME=PATH")
    parser.add_argument("--size", default="2k", choices=("2k", "8k"))
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    trees = dict(t.split("=", 1) for t in args.trees)
    rates: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        path = archive(Path(tmp) / "a.jsonl", args.articles, args.size, args.seed)
        for round_ in range(1, args.rounds + 1):
            for name, tree in trees.items():
                rates[name].append(run(tree, path))
            shown = ", ".join(f"{n} {r[-1]:.1f}" for n, r in rates.items())
            print(f"round {round_}: {shown} articles per CPU s")
    (a, ra), (b, rb) = rates.items()
    print(f"best: {a} {max(ra):.1f}, {b} {max(rb):.1f}, x{max(rb) / max(ra):.2f}")
    print(json.dumps({"size": args.size, "rates": rates}, sort_keys=True))


if __name__ == "__main__":
    main()
