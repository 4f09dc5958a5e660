"""Precision and recall of contradictions on the hand-labelled corpus."""

from __future__ import annotations

import pytest

from corpus_score import events, score_event

SCORES = {p.name: score_event(p) for p in events()}


def test_corpus_has_two_events_and_twelve_articles() -> None:
    """The corpus is big enough to mean something."""
    assert len(SCORES) >= 2
    articles = [f for p in events() for f in p.iterdir() if f.name != "truth.yml"]
    assert len(articles) >= 12


def test_precision_and_recall() -> None:
    """Over all events: precision and recall of contradictions at least 0.95."""
    expected = sum(s.expected for s in SCORES.values())
    caught = sum(s.caught for s in SCORES.values())
    reported = sum(s.reported_pairs for s in SCORES.values())
    right = sum(s.right_pairs for s in SCORES.values())
    recall = caught / expected
    precision = right / reported if reported else 1.0
    details = "\n".join(
        f"{name}: missed={s.missed} wrong={s.wrong}" for name, s in SCORES.items()
    )
    assert recall >= 0.95, f"recall {recall:.2f}\n{details}"
    assert precision >= 0.95, f"precision {precision:.2f}\n{details}"


@pytest.mark.parametrize("name", sorted(SCORES))
def test_no_trap_reported(name: str) -> None:
    """No figure about another event, place or office appears in a contradiction."""
    assert SCORES[name].traps == []
