"""How fast the pipeline could be if a stage cost nothing: the ceiling of a faster scan.

Checks one seeded archive (``archivegen.py``) three ways in one process, each
the best of two passes in articles per CPU second:

* as shipped;
* with every pattern's matches replayed from a first pass ("zero-cost scan":
  what an ideal single-pass matching engine, such as hyperscan, could give at
  best; claim context, normalization, story passes and comparison still run);
* with every article's claims replayed ("zero-cost extraction": patterns and
  claim context free; normalization, story passes, comparison and reading the
  archive still run).

Replaying returns the very objects the first pass produced, so the findings
are the same; the figures bound what speeding up each stage can buy. The
last line is one JSON object.

    .venv/bin/python benchmarks/ceiling.py --size 2k --articles 150
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import archive

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


def rate(run: Callable[[], int]) -> float:
    """Articles per CPU second: the best of two passes."""
    best = 0.0
    for _ in range(2):
        cpu = time.process_time()
        count = run()
        best = max(best, count / (time.process_time() - cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2k", choices=("2k", "8k"))
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    from launchcheck import extract, pipeline
    from launchcheck.batch import StorySettings, check_story
    from launchcheck.batch_source import iter_stories
    from launchcheck.pipeline import Options, prepare_rules

    options = Options()
    ruleset = prepare_rules(options)
    settings = StorySettings(options)
    with tempfile.TemporaryDirectory() as tmp:
        path = archive(Path(tmp) / "a.jsonl", args.articles, args.size, args.seed)
        tasks = list(iter_stories([path], max_bytes=1 << 20))

        def run() -> int:
            return sum(check_story(t, ruleset, settings).articles for t in tasks)

        run()  # warm-up: tables, caches
        figures = {"shipped": rate(run)}

        matches = extract._matches
        seen: dict[tuple[str, str], list[object]] = {}

        def replayed(pattern, article, notes=None, literals=None) -> Iterator[object]:  # type: ignore[no-untyped-def]
            key = (pattern.expanded, article.text)
            if key not in seen:
                seen[key] = list(matches(pattern, article, notes, literals))
            return iter(seen[key])

        extract._matches = replayed  # type: ignore[assignment]
        run()
        figures["zero_cost_scan"] = rate(run)

        claims_of = extract.extract_claims
        kept: dict[str, tuple] = {}

        def replayed_claims(article, ruleset, notes=None):  # type: ignore[no-untyped-def]
            if article.text not in kept:
                kept[article.text] = claims_of(article, ruleset, notes)
            return kept[article.text]

        pipeline.extract_claims = replayed_claims  # type: ignore[assignment]
        run()
        figures["zero_cost_extraction"] = rate(run)
        extract._matches = matches  # type: ignore[assignment]
        pipeline.extract_claims = claims_of

    for name, value in figures.items():
        print(f"{name:<22} {value:8.1f} articles per CPU s")
    print(json.dumps({"size": args.size, "articles_per_cpu_s": figures}))


if __name__ == "__main__":
    main()
