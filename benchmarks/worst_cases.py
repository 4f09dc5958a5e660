"""Time of the large-article worst cases of issue 11, one cold run each.

Writes each article into a temporary folder and runs ``launchcheck check`` on
it in a fresh process (start-up included), with a time limit:

* ``figures``: "about 7,000 km " repeated to just under the 1 MB limit
  (69,000 figures);
* ``dates``: "Oct 31 " repeated to just under 1 MB (149,000 short dates);
* ``prose-100k`` / ``prose-400k``: the sample articles repeated to 100 KB and
  400 KB (time should grow no faster than the text);
* ``line-5mb``: one 5 MB line, refused by the size limit (exit 2);
* ``html-slashes``: a page of 500,000 "</" (quadratic in html.parser).

The bad-input tests assert what these runs must do, never how fast: timing
them here keeps the tests steady on a loaded machine.

    .venv/bin/python benchmarks/worst_cases.py [--limit 120] [--only figures]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _prose(size: int) -> str:
    text = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))
    )
    return (text * (size // len(text) + 1))[:size]


CASES = {
    "figures": lambda: "about 7,000 km " * 69_000,
    "dates": lambda: "Oct 31 " * 149_000,
    "prose-100k": lambda: _prose(100_000),
    "prose-400k": lambda: _prose(400_000),
    "line-5mb": lambda: "the officials said on Monday that a report was due " * 100_000,
    "html-slashes": lambda: "<p>" + "</" * 500_000,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="launchcheck-worst-"))
    try:
        for name in args.only or CASES:
            path = folder / f"{name}.{'html' if name.startswith('html') else 'txt'}"
            path.write_text(CASES[name](), encoding="utf-8")
            start = time.perf_counter()
            try:
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "launchcheck",
                        "check",
                        str(path),
                        "-f",
                        "json",
                    ],
                    capture_output=True,
                    timeout=args.limit,
                    check=False,
                )
                took = f"{time.perf_counter() - start:7.1f} s  exit {done.returncode}"
            except subprocess.TimeoutExpired:
                took = f"   over {args.limit:.0f} s (stopped)"
            size = path.stat().st_size / 1024
            print(f"{name:<11} {size:7.0f} KB {took}", flush=True)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
