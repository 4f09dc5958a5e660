"""Articles per second, in-process, on one core.

The corpus is synthetic: the five ``samples/`` articles copied N/5 times, each
copy perturbed (figures nudged, hedges swapped, file names changed) so that
memoized normalizations do not hit on every figure. One thread does the work
(``--pin CPU`` also pins it to one CPU). Each copy of the five is
checked as one story, the way the CLI is used; the time covers parsing the
article bytes (front matter, HTML) and the whole check (extract, normalize,
compare), but not reading files from disk or writing a report.

* cold process: a fresh interpreter times importing launchcheck, loading the
  rules and checking the corpus once (interpreter start-up itself excluded);
* warm process: rules loaded and a small different corpus checked first, then
  the median of ``--runs`` runs on corpora it has not seen;
* warm, repeated corpus: the last corpus again, every memo hit (upper bound).

    .venv/bin/python benchmarks/throughput.py [-n 200] [--runs 3] [--cold-runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
STORY = 5
FIGURE = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\b"
    r"|\b\d+(?= (?:minutes|seconds|miles|kilometers|kilometres|km|troops|soldiers)\b)"
)
HEDGES = ("about", "around", "roughly", "approximately", "some", "nearly")
HEDGE = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\b(?= \d)")


def pin_to_one_core(cpu: int | None) -> str:
    """One thread does all the work; ``--pin`` also fixes which CPU runs it."""
    if cpu is None:
        return "one thread, not pinned (--pin CPU to pin)"
    if not hasattr(os, "sched_setaffinity"):
        return "one thread, not pinned (no sched_setaffinity here)"
    os.sched_setaffinity(0, {cpu})
    return f"one thread, pinned to CPU {cpu}"


def perturb(text: str, rng: random.Random) -> str:
    """Nudge every figure by a few percent and swap hedges, keeping the form."""

    def figure(m: re.Match[str]) -> str:
        value = int(m.group().replace(",", ""))
        value = max(1, round(value * rng.uniform(0.9, 1.1)))
        return f"{value:,}" if "," in m.group() else str(value)

    text = FIGURE.sub(figure, text)
    return HEDGE.sub(lambda m: rng.choice(HEDGES), text)


def corpus(size: int, seed: int) -> list[list[tuple[str, bytes]]]:
    """Stories of five perturbed sample articles, ``size`` articles in all."""
    originals = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in originals]
    stories = []
    for k in range((size + STORY - 1) // STORY):
        rng = random.Random(seed * 100_003 + k)
        story = [
            (f"story-{seed}-{k}/{name}", perturb(text, rng).encode("utf-8"))
            for name, text in texts
        ]
        stories.append(story)
    flat = [a for story in stories for a in story][:size]
    return [flat[i : i + STORY] for i in range(0, len(flat), STORY)]


def run(
    stories: list[list[tuple[str, bytes]]], ruleset: object, options: object
) -> int:
    """Parse and check every story; returns the number of findings (kept live)."""
    from launchcheck.load import parse_article
    from launchcheck.pipeline import check_articles

    findings = 0
    for story in stories:
        articles = [parse_article(path, data) for path, data in story]
        report = check_articles(articles, ruleset, options)  # type: ignore[arg-type]
        findings += len(report.findings)
    return findings


def clocks() -> tuple[float, float]:
    """Wall-clock and CPU (this process) seconds, read together."""
    return time.perf_counter(), time.process_time()


def since(mark: tuple[float, float]) -> tuple[float, float]:
    now = clocks()
    return now[0] - mark[0], now[1] - mark[1]


def child_cold(size: int, seed: int, cpu: int | None) -> None:
    """Fresh process: imports, rules and one pass over an unseen corpus."""
    pin_to_one_core(cpu)
    stories = corpus(size, seed)  # stdlib only: not part of the timed work
    mark = clocks()
    from launchcheck.pipeline import Options, prepare_rules

    options = Options(timezone="Asia/Pyongyang")
    ruleset = prepare_rules(options)
    setup = since(mark)
    run(stories, ruleset, options)
    total = since(mark)
    print(json.dumps({"setup": setup, "total": total}))


def cold(size: int, seed: int, cpu: int | None) -> dict[str, list[float]]:
    argv = [sys.executable, __file__, "--child-cold", "-n", str(size)]
    if cpu is not None:
        argv += ["--pin", str(cpu)]
    out = subprocess.run(
        [*argv, "--seed", str(seed)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def median2(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(
        p[1] for p in pairs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median)")
    parser.add_argument("--cold-runs", type=int, default=1, help="fresh processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pin", type=int, metavar="CPU", help="run on this CPU only")
    parser.add_argument("--child-cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_cold:
        child_cold(args.articles, args.seed, args.pin)
        return
    n = args.articles
    pinned = pin_to_one_core(args.pin)

    progress = print if sys.stderr.isatty() else (lambda *_a, **_k: None)
    progress(f"cold process x{args.cold_runs} ...", file=sys.stderr)
    colds = [cold(n, 100 + i, args.pin) for i in range(args.cold_runs)]
    setup = median2([tuple(c["setup"]) for c in colds])
    cold_total = median2([tuple(c["total"]) for c in colds])

    from launchcheck.pipeline import Options, prepare_rules

    options = Options(timezone="Asia/Pyongyang")
    ruleset = prepare_rules(options)
    run(corpus(2 * STORY, 1), ruleset, options)  # warm-up on a corpus not measured
    warm = []
    for seed in range(2, 2 + args.runs):
        progress(f"warm run {seed - 1}/{args.runs} ...", file=sys.stderr)
        stories = corpus(n, seed)
        mark = clocks()
        run(stories, ruleset, options)
        warm.append(since(mark))
    mark = clocks()
    run(stories, ruleset, options)
    repeated = since(mark)

    size_kb = sum(len(d) for s in corpus(n, 2) for _, d in s) / 1024
    print(f"corpus: {n} articles ({size_kb:.0f} KB) in stories of {STORY}; {pinned}")
    heads = ("wall s", "cpu s", "art/s wall", "art/s cpu")
    print(f"{'mode':<36}  " + "  ".join(f"{h:>10}" for h in heads))
    print(f"{'-' * 36}  " + "  ".join("-" * 10 for _ in heads))
    rows = [
        ("cold process (import+rules+check)", cold_total),
        ("  of which import + rule loading", setup),
        ("warm process, unseen corpus", median2(warm)),
        ("warm process, repeated corpus", repeated),
    ]
    for label, (wall, cpu) in rows:
        cells = [f"{wall:10.2f}", f"{cpu:10.2f}"]
        if not label.startswith("  "):
            cells += [f"{n / wall:10.1f}", f"{n / cpu:10.1f}"]
        print(f"{label:<36}  " + "  ".join(cells))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(warm: median of {args.runs}; load average {load:.1f})")


if __name__ == "__main__":
    main()
