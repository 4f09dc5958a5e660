"""Batch figures in one run, on archives from ``archivegen.py`` (same seed, same bytes).

* pipeline: articles/s and MB/s of the whole check (parse, extract, normalize,
  compare) on one core, in this process, for ~2 KB and ~8 KB articles (wall
  clock and CPU time; rules loaded and a warm-up story checked first);
* anchor scan: articles/s of one pass of a cheap regex for where a figure,
  date or time can start (digits, number words, months, weekdays, hedges)
  over the same texts, and how many times faster it is than the pipeline;
* scaling: ``launchcheck batch -j 1`` vs ``-j 2`` on the same archive
  (fresh processes, wall clock, start-up included);
* peak memory of a whole ``batch -j 2`` run, workers included (RSS and PSS of
  the process tree, sampled every 0.1 s), at each size of ``--rss-sizes``;
* cold start: ``launchcheck --help``, ``launchcheck check`` on three
  articles and the git hook (``hook run`` with and without a staged draft, in
  ``hook_startup.py``'s throw-away repository), medians of ``--runs`` fresh
  processes (wall and CPU);
* pattern cache: compiling the shipped rule set's expanded patterns vs
  loading them from ``launchcheck.patterncache`` (medians).

The last line printed is one JSON object holding every figure.

    .venv/bin/python benchmarks/batch_bench.py                  # small sizes
    .venv/bin/python benchmarks/batch_bench.py --rss-sizes 1000,20000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archivegen import generate

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
THREE = ("wire-oct31.txt", "daily-nov1.md", "agency-seoul.txt")
# "digits": the simplest anchor (where a figure starts); "words": also where a
# number word, month, weekday or hedge starts (every figure, date or time)
ANCHORS = {"digits": r"\d+"}
ANCHORS["words"] = (
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
    r"|thirty|forty|fifty|hundred|thousand|million|dozens?|half"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|about|around|approximately|roughly|some|nearly|almost|over|under|more|less"
    r"|up to|at least|noon|midnight)\b"
)


def archive(path: Path, articles: int, size: str, seed: int) -> Path:
    """Write whole stories until at least ``articles`` articles; returns ``path``."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        story = None
        for record in generate(10**9, seed=seed, size=size):
            if record["story"] != story:
                if count >= articles:
                    break
                story = record["story"]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return path


def stories_of(path: Path) -> list[list[dict[str, str]]]:
    stories: dict[str, list[dict[str, str]]] = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        stories.setdefault(record["story"], []).append(record)
    return list(stories.values())


def pipeline_rate(path: Path) -> dict[str, float]:
    """The whole check over every story, one thread, rules ready and warmed up."""
    from launchcheck.batch import StorySettings, check_story
    from launchcheck.batch_source import iter_stories
    from launchcheck.pipeline import Options, prepare_rules

    options = Options()
    ruleset = prepare_rules(options)
    settings = StorySettings(options)
    tasks = list(iter_stories([path], max_bytes=1 << 20))
    check_story(tasks[0], ruleset, settings)  # warm-up: first use of every pattern
    texts = sum(len(r["text"].encode()) for s in stories_of(path) for r in s)
    wall, cpu = time.perf_counter(), time.process_time()
    count = 0
    for task in tasks:
        result = check_story(task, ruleset, settings)
        if result.failed:
            sys.exit(f"story failed: {result.error}")
        count += result.articles
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "articles": count,
        "mb": texts / 1e6,
        "articles_per_s": count / wall,
        "articles_per_cpu_s": count / cpu,
        "mb_per_s": texts / 1e6 / wall,
    }


def anchor_rate(path: Path, anchor_text: str) -> float:
    """Articles/s of one anchor-regex pass over the same texts (median of 3)."""
    import regex

    anchor = regex.compile(anchor_text, regex.IGNORECASE)
    texts = [r["text"] for s in stories_of(path) for r in s]
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            sum(1 for _ in anchor.finditer(text))
        runs.append(time.perf_counter() - start)
    return len(texts) / statistics.median(runs)


def batch_wall(path: Path, jobs: int, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (workers included) of a fresh ``launchcheck batch``."""
    argv = [str(BIN / "launchcheck"), "batch", str(path), "-j", str(jobs), "-q"]
    cpu = os.times()
    start = time.perf_counter()
    done = subprocess.run([*argv, "-o", str(out)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode not in (0, 1):
        sys.exit(f"batch failed ({done.returncode}): {done.stderr}")
    used = (after.children_user - cpu.children_user) + (
        after.children_system - cpu.children_system
    )
    return wall, used


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; zeros if it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


def peak_memory(path: Path, jobs: int, out: Path) -> dict[str, float]:
    """Peak RSS and PSS (MB) of a batch run's whole process tree, and its time."""
    argv = [str(BIN / "launchcheck"), "batch", str(path), "-j", str(jobs), "-q"]
    proc = subprocess.Popen([*argv, "-o", str(out)], stdout=subprocess.DEVNULL)
    peak = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            sizes = [_memory(p) for p in _tree(proc.pid)]
            peak[0] = max(peak[0], sum(s[0] for s in sizes))
            peak[1] = max(peak[1], sum(s[1] for s in sizes))
            stop.wait(0.1)

    start = time.perf_counter()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    stop.set()
    sampler.join()
    return {
        "rss_mb": peak[0] / 1024,
        "pss_mb": peak[1] / 1024,
        "seconds": time.perf_counter() - start,
    }


def cold(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` fresh processes (after a warm-up)."""
    subprocess.run(argv, capture_output=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(
            after.children_user
            - before.children_user
            + after.children_system
            - before.children_system
        )
    return statistics.median(walls), statistics.median(cpus)


def pattern_cache(runs: int) -> dict[str, float]:
    """Compile vs cache load of the shipped rule set's expanded patterns (medians)."""
    import regex

    from launchcheck.patterncache import compiled_patterns
    from launchcheck.ruleset.loader import load_ruleset

    texts = [p.expanded for r in load_ruleset().rules for p in r.patterns]
    compiles, loads = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            regex.purge()
            start = time.perf_counter()
            for text in texts:
                regex.compile(text, regex.IGNORECASE)
            compiles.append(time.perf_counter() - start)
        compiled_patterns(texts, regex.IGNORECASE, folder=Path(folder))
        for _ in range(runs):
            regex.purge()
            start = time.perf_counter()
            compiled_patterns(texts, regex.IGNORECASE, folder=Path(folder))
            loads.append(time.perf_counter() - start)
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
    compile_s, load_s = statistics.median(compiles), statistics.median(loads)
    return {
        "patterns": len(texts),
        "pattern_kb": sum(len(t) for t in texts) / 1024,
        "cache_kb": size / 1024,
        "compile_ms": compile_s * 1e3,
        "load_ms": load_s * 1e3,
        "speedup": compile_s / load_s,
    }


def bench_pipeline(folder: Path, args: argparse.Namespace) -> dict[str, object]:
    figures: dict[str, object] = {}
    for size, n in (("2k", args.articles), ("8k", max(args.articles // 2, 20))):
        path = archive(folder / f"p{size}.jsonl", n, size, args.seed)
        rate = pipeline_rate(path)
        scans = []
        for name, text in ANCHORS.items():
            scan = anchor_rate(path, text)
            rate[f"anchor_{name}_articles_per_s"] = scan
            rate[f"anchor_{name}_ratio"] = scan / rate["articles_per_s"]
            scans.append(f"{name} {scan:.0f}/s = {scan / rate['articles_per_s']:.0f}x")
        figures[f"pipeline_{size}"] = rate
        print(
            f"pipeline {size}: {rate['articles']} articles ({rate['mb']:.2f} MB),"
            f" {rate['articles_per_s']:.1f} articles/s wall"
            f" ({rate['articles_per_cpu_s']:.1f}/cpu s), {rate['mb_per_s']:.3f} MB/s;"
            f" anchor scan {', '.join(scans)}"
        )
    return figures


def bench_scaling(folder: Path, args: argparse.Namespace) -> dict[str, object]:
    path = archive(folder / "scale.jsonl", args.scale_articles, "2k", args.seed + 1)
    one, one_cpu = batch_wall(path, 1, folder / "one.jsonl")
    two, two_cpu = batch_wall(path, 2, folder / "two.jsonl")
    n = sum(len(s) for s in stories_of(path))
    print(
        f"scaling ({n} articles, 2 KB, start-up included): -j1 {one:.1f} s"
        f" ({n / one:.1f}/s, cpu {one_cpu:.1f} s), -j2 {two:.1f} s"
        f" ({n / two:.1f}/s, cpu {two_cpu:.1f} s), x{one / two:.2f}"
    )
    return {
        "scaling": {
            "articles": n,
            "jobs1_s": one,
            "jobs2_s": two,
            "jobs1_cpu_s": one_cpu,
            "jobs2_cpu_s": two_cpu,
            "jobs1_articles_per_s": n / one,
            "jobs2_articles_per_s": n / two,
            "speedup": one / two,
        }
    }


def bench_memory(folder: Path, args: argparse.Namespace) -> dict[str, object]:
    memory = {}
    for count in (int(c) for c in args.rss_sizes.split(",") if c):
        path = archive(folder / f"rss{count}.jsonl", count, "mixed", args.seed + 2)
        peak = peak_memory(path, 2, folder / "rss.jsonl")
        memory[str(count)] = peak
        path.unlink()
        print(
            f"peak memory, {count} articles, -j2: RSS {peak['rss_mb']:.0f} MB,"
            f" PSS {peak['pss_mb']:.0f} MB ({peak['seconds']:.0f} s)"
        )
    return {"peak_memory": memory}


def bench_cold(folder: Path, args: argparse.Namespace) -> dict[str, object]:
    samples = [str(ROOT / "samples" / name) for name in THREE]
    script = str(BIN / "launchcheck")
    help_s, help_cpu = cold([script, "--help"], args.runs)
    check = [script, "check", *samples, "--timezone", "Asia/Pyongyang", "-f", "json"]
    check_s, check_cpu = cold(check, args.runs)
    hook = hook_path(folder, args.runs)
    print(
        f"cold start (median of {args.runs}): --help {help_s:.3f} s"
        f" (cpu {help_cpu:.3f}), check of 3 {check_s:.3f} s (cpu {check_cpu:.3f}),"
        f" hook run with a draft {hook[0]:.3f} s (cpu {hook[1]:.3f}),"
        f" without {hook[2]:.3f} s (cpu {hook[3]:.3f})"
    )
    return {
        "cold_start": {
            "help_s": help_s,
            "help_cpu_s": help_cpu,
            "check3_s": check_s,
            "check3_cpu_s": check_cpu,
            "hook_draft_s": hook[0],
            "hook_draft_cpu_s": hook[1],
            "hook_no_draft_s": hook[2],
            "hook_no_draft_cpu_s": hook[3],
            "runs": args.runs,
        }
    }


def hook_path(folder: Path, runs: int) -> tuple[float, float, float, float]:
    """``launchcheck hook run`` in a throw-away repository (hook_startup.py's).

    Wall and CPU medians with one staged draft against two sources, then with
    no draft staged (the hook's fast path).
    """
    import hook_startup

    repo = hook_startup.make_repo(folder / "hook")
    hook_startup.git(repo, "add", "notes.csv")
    none_wall, _, _, none_cpu = hook_startup.measure(repo, runs)
    hook_startup.git(repo, "add", "drafts/story.md")
    draft_wall, _, _, draft_cpu = hook_startup.measure(repo, runs)
    return draft_wall, draft_cpu, none_wall, none_cpu


def bench_cache(folder: Path, args: argparse.Namespace) -> dict[str, object]:
    cache = pattern_cache(args.runs)
    print(
        f"pattern cache: {cache['patterns']} patterns ({cache['pattern_kb']:.0f} KB),"
        f" compile {cache['compile_ms']:.0f} ms, load {cache['load_ms']:.1f} ms"
        f" ({cache['speedup']:.0f}x), file {cache['cache_kb']:.0f} KB"
    )
    return {"pattern_cache": cache}


SECTIONS = {
    "pipeline": bench_pipeline,
    "scaling": bench_scaling,
    "memory": bench_memory,
    "cold": bench_cold,
    "cache": bench_cache,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="~2 KB articles")
    parser.add_argument("--scale-articles", type=int, default=300)
    parser.add_argument(
        "--rss-sizes", default="300,1000", help="comma-separated article counts"
    )
    parser.add_argument("--runs", type=int, default=10, help="cold-start runs")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"sections: {','.join(SECTIONS)}"
    )
    args = parser.parse_args()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only.split(","):
            figures.update(SECTIONS[name](Path(tmp), args))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    figures["machine"] = {
        "cpus": os.cpu_count(),
        "load_average": load,
        "python": sys.version.split()[0],
    }
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
