"""One story of many articles: time to compare its facts, sweep vs all pairs.

Generates ``--articles`` articles about one event (archivegen's writer, seeded),
checks them as one story, and times ``compare.compare_facts`` twice on the
same facts: with the sorted sweep (``compare._conflicting_keys``) and with
the all-pairs test it replaced. Both must give identical findings. Prints the
whole check's time, the two compare times, and peak RSS; the last line is one
JSON object.

    .venv/bin/python benchmarks/big_story.py --articles 1000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archivegen import OUTLETS, SIZES, Writer, make_event

if TYPE_CHECKING:
    from collections.abc import Callable


def records(count: int, seed: int, size: str) -> list[dict[str, str]]:
    """``count`` articles about one event, as archive records."""
    rng = random.Random(seed)
    event = make_event(f"big-{seed}", rng)
    out = []
    for i in range(count):
        outlet = rng.choice(OUTLETS)
        writer = Writer(event, outlet, rng, 0.08)
        out.append(
            {
                "story": "big",
                "path": f"big/{i:05d}.txt",
                "text": writer.article(SIZES[size]),
                "published": writer.published.isoformat(),
                "outlet": outlet.name,
                "event_timezone": event.zone,
            }
        )
    return out


def all_pairs(facts: list) -> list[tuple[int, int]]:
    """The comparison before the sweep: every pair of distinct statements."""
    from launchcheck.compare import conflicts

    return [
        (x, y)
        for x, y in combinations(range(len(facts)), 2)
        if conflicts(facts[x], facts[y])
    ]


def best_of(
    runs: int, fn: Callable[[list], object], facts: list
) -> tuple[object, float]:
    """The result and the fastest of ``runs`` timings of ``fn(facts)``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn(facts)
        times.append(time.perf_counter() - start)
    return result, min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", default="2k", choices=sorted(SIZES))
    parser.add_argument(
        "--skip-all-pairs", action="store_true", help="time only the sweep"
    )
    args = parser.parse_args()

    import tempfile

    from launchcheck import compare, pipeline
    from launchcheck.batch_source import iter_stories, load_story
    from launchcheck.pipeline import Options, check_articles, prepare_rules

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for rec in records(args.articles, args.seed, args.size):
                out.write(json.dumps(rec) + "\n")
        options = Options()
        ruleset = prepare_rules(options)
        (task,) = list(iter_stories([path], max_bytes=1 << 20))
        articles, _ = load_story(task, max_bytes=1 << 20)
        zone = task.event_timezone
        seen: list[list] = []
        real = pipeline.compare_facts

        def keep(facts: object) -> object:
            seen.append(list(facts))  # type: ignore[call-overload]
            return real(seen[-1])

        pipeline.compare_facts = keep  # type: ignore[assignment]
        start = time.perf_counter()
        check_articles(articles, ruleset, Options(timezone=zone or ""))
        whole = time.perf_counter() - start
        pipeline.compare_facts = real
    facts = seen[0]
    swept, sweep_s = best_of(3, compare.compare_facts, facts)
    figures: dict[str, object] = {
        "articles": len(articles),
        "facts": len(facts),
        "check_s": whole,
        "compare_sweep_s": sweep_s,
        "findings": len(swept),
    }
    if not args.skip_all_pairs:
        compare._conflicting_keys = all_pairs  # type: ignore[assignment]
        paired, figures["compare_all_pairs_s"] = best_of(
            3, compare.compare_facts, facts
        )
        figures["identical"] = paired == swept
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{figures['articles']} articles, {figures['facts']} facts: check"
        f" {whole:.1f} s; compare {sweep_s * 1e3:.0f} ms sorted sweep"
        + (
            f", {figures['compare_all_pairs_s'] * 1e3:.0f} ms all pairs"
            f" (identical: {figures['identical']})"
            if "identical" in figures
            else ""
        )
        + f"; peak RSS {figures['peak_rss_mb']:.0f} MB"
    )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
