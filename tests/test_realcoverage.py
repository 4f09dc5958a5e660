"""Score the real-coverage development corpus (../shared/realcoverage).

Real articles nobody here wrote, with hand-checked truth files. The bars are
those of the launch-facts issue (the real-coverage issue's, tightened):
pooled precision of flags at least 0.90, hard-contradiction recall at least
0.85, recall of all annotated contradictions at least 0.70, and no trap ever
flagged. Skipped where the folder is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "realcoverage"
EVENTS = (
    sorted(p for p in CORPUS.glob("*/") if (p / "zone").is_file())
    if CORPUS.is_dir()
    else []
)


def _score(event: Path, tmp_path: Path) -> dict[str, int]:
    from launchcheck.pipeline import Options, check_paths
    from launchcheck.report.json import report_dict

    zone = (event / "zone").read_text(encoding="utf-8").strip()
    report = check_paths(sorted(event.glob("*.txt")), Options(timezone=zone))
    out = tmp_path / f"{event.name}.json"
    out.write_text(json.dumps(report_dict(report)), encoding="utf-8")
    line = (
        subprocess.run(
            [
                sys.executable,
                str(CORPUS / "score.py"),
                str(event / "truth.yaml"),
                str(event),
                str(out),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    found = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)(?!\.)", line)}
    hard = re.search(r"R_hard=[0-9.]+ \((\d+)/(\d+)\)", line)
    every = re.search(r"R_all=[0-9.]+ \((\d+)/(\d+)\)", line)
    assert hard and every, line
    found["hard_found"], found["hard"] = int(hard[1]), int(hard[2])
    found["all_found"], found["all"] = int(every[1]), int(every[2])
    return found


@pytest.mark.skipif(not EVENTS, reason="../shared/realcoverage/ is not present")
def test_real_coverage_meets_the_bars(tmp_path: Path) -> None:
    """Pooled over every event: P >= 0.90, recall >= 0.85 hard and 0.70 all, no trap."""
    totals = dict.fromkeys(
        ("flagged", "tp", "trapFP", "hard_found", "hard", "all_found", "all"), 0
    )
    for event in EVENTS:
        found = _score(event, tmp_path)
        for key in totals:
            totals[key] += found.get(key, 0)
    precision = totals["tp"] / totals["flagged"] if totals["flagged"] else 0.0
    recall = totals["hard_found"] / totals["hard"] if totals["hard"] else 1.0
    assert totals["trapFP"] == 0, totals
    assert precision >= 0.90, totals
    assert recall >= 0.85, totals
    assert totals["all_found"] >= 0.70 * totals["all"], totals
