"""Score the checker against the hand-labelled corpus in tests/corpus/.

Recall counts truth contradictions: one is caught when at least one reported
conflicting pair of claims of that fact joins an article on one side to an
article on the other. Precision counts reported conflicting pairs: a pair is
right when some truth contradiction of the same fact has its two articles on
opposite sides. A trap is sprung when its text lies inside a claim that takes
part in a reported conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from launchcheck.pipeline import Options, check_paths

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Score:
    event: str
    expected: int = 0
    caught: int = 0
    reported_pairs: int = 0
    right_pairs: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right_pairs / self.reported_pairs if self.reported_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.caught / self.expected if self.expected else 1.0


def events() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "truth.yml").is_file())


def score_event(folder: Path) -> Score:
    truth = yaml.safe_load((folder / "truth.yml").read_text(encoding="utf-8"))
    report = check_paths([folder], Options(timezone=truth["timezone"]))
    name = {a.path: Path(a.path).name for a in report.articles}
    text = {a.path: a.text for a in report.articles}
    pairs: list[tuple[str, str, str, str, str]] = []
    sprung: set[tuple[str, int, int]] = set()
    for finding in report.findings:
        if not finding.verdict.is_conflict:
            continue
        for i, j in finding.conflicts:
            a, b = finding.facts[i].claim, finding.facts[j].claim
            x, y = name[a.span.article], name[b.span.article]
            pairs.append((finding.rule, x, y, a.text, b.text))
            for c in (a, b):
                sprung.add((name[c.span.article], c.span.start, c.span.end))
    score = Score(truth["event"])

    def across(fact: str, x: str, y: str, item: dict) -> bool:
        left, right = item["sides"]
        return item["fact"] == fact and (
            (x in left and y in right) or (y in left and x in right)
        )

    contradictions = truth.get("contradictions") or []
    for item in contradictions:
        score.expected += 1
        if any(across(f, x, y, item) for f, x, y, _, _ in pairs):
            score.caught += 1
        else:
            score.missed.append(f"{item['fact']}: {item.get('note', '')}")

    def inside(fact: str, x: str, y: str) -> bool:
        # An article's own check (a wrong conversion, a former office holder)
        # is right when that article is on a side of a truth contradiction.
        return x == y and any(
            item["fact"] == fact and any(x in side for side in item["sides"])
            for item in contradictions
        )

    for fact, x, y, tx, ty in pairs:
        score.reported_pairs += 1
        if inside(fact, x, y) or any(
            across(fact, x, y, item) for item in contradictions
        ):
            score.right_pairs += 1
        else:
            score.wrong.append(f"{fact}: {x} '{tx}' vs {y} '{ty}'")
    by_name = {name[p]: t for p, t in text.items()}
    for trap in truth.get("traps") or []:
        body = by_name[trap["article"]]
        spots = list(_occurrences(body, trap["text"]))
        for article, start, end in sprung:
            if article != trap["article"]:
                continue
            if any(start < m + len(trap["text"]) and m < end for m in spots):
                score.traps.append(f"{trap['fact']}: {article} '{trap['text']}'")
    return score


def _occurrences(body: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``body``, whitespace-insensitively."""
    import re

    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    return [m.start() for m in re.finditer(pattern, body)]
