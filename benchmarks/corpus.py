"""Print precision, recall and every miss on the evaluation corpus."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_score import events, score_event


def main() -> None:
    total = {"expected": 0, "caught": 0, "reported": 0, "right": 0}
    for folder in events():
        s = score_event(folder)
        total["expected"] += s.expected
        total["caught"] += s.caught
        total["reported"] += s.reported_pairs
        total["right"] += s.right_pairs
        print(
            f"## {folder.name}: recall {s.caught}/{s.expected}, "
            f"precision {s.right_pairs}/{s.reported_pairs}"
        )
        for line in s.missed:
            print("  MISSED", line)
        for line in s.wrong:
            print("  WRONG ", line)
        for line in s.traps:
            print("  TRAP  ", line)
    recall = total["caught"] / max(total["expected"], 1)
    precision = total["right"] / max(total["reported"], 1)
    print(f"overall recall {recall:.3f} precision {precision:.3f}")


if __name__ == "__main__":
    main()
