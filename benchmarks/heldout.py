"""Score the checker on a labelled corpus folder under tests/.

    benchmarks/heldout.py heldout3     # a held-out set (default: heldout)
    benchmarks/heldout.py corpus       # the development corpus

The development corpus (tests/corpus/) was used to tune rules and semantics;
each held-out set was written without seeing the rules, so its first run is
the honest estimate of how the checker does on coverage nobody tuned for.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import corpus_score  # noqa: E402


def main(name: str = "") -> None:
    folder = (
        ROOT / "tests" / (name or (sys.argv[1] if len(sys.argv) > 1 else "heldout"))
    )
    expected = caught = reported = right = 0
    for event in sorted(p for p in folder.iterdir() if (p / "truth.yml").is_file()):
        s = corpus_score.score_event(event)
        expected += s.expected
        caught += s.caught
        reported += s.reported_pairs
        right += s.right_pairs
        print(
            f"## {event.name}: recall {s.caught}/{s.expected}, "
            f"precision {s.right_pairs}/{s.reported_pairs}, traps {len(s.traps)}"
        )
        for line in s.missed:
            print("  MISSED", line)
        for line in s.wrong:
            print("  WRONG ", line)
        for line in s.traps:
            print("  TRAP  ", line)
    print(
        f"{folder.name}: recall {caught / max(expected, 1):.3f} "
        f"precision {right / max(reported, 1):.3f}"
    )


if __name__ == "__main__":
    main()
