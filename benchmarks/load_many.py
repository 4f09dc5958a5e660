"""Finding and reading many small articles in one folder: is it linear?

Writes N tiny articles into a temporary folder (N = 2,000, 5,000, 20,000 by
default), then times ``find_articles`` and ``load_articles`` on it, in this
process (interpreter start-up excluded). Per-article times that stay flat as
N grows mean linear work.

    .venv/bin/python benchmarks/load_many.py [-n 2000 5000 20000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from launchcheck.load import find_articles, load_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, nargs="+", default=[2000, 5000, 20000])
    args = parser.parse_args()
    print(f"{'articles':>9} {'find s':>8} {'read s':>8} {'µs/article':>11}")
    for count in args.n:
        folder = Path(tempfile.mkdtemp(prefix="launchcheck-many-"))
        try:
            for i in range(count):
                (folder / f"a{i:06d}.txt").write_text(
                    f"The missile flew for {80 + i % 10} minutes, officials said.\n",
                    encoding="utf-8",
                )
            start = time.perf_counter()
            found = find_articles([folder])
            found_at = time.perf_counter()
            articles = load_articles([folder])
            done = time.perf_counter()
            assert len(found) == len(articles) == count
            per = (done - start) / count * 1e6
            print(
                f"{count:>9,} {found_at - start:>8.2f} {done - found_at:>8.2f} {per:>11.0f}"
            )
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
