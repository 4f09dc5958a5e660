"""The sorted sweep in ``compare._conflicting_pairs`` finds exactly the pairs all-pairs did."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from launchcheck.compare import _conflicting_keys, _conflicting_pairs, conflicts
from launchcheck.model import (
    Category,
    Claim,
    Fact,
    Interval,
    Kind,
    Location,
    Span,
    Window,
)

UTC = dt.UTC
SEOUL = dt.timezone(dt.timedelta(hours=9))
BASE = dt.datetime(2024, 10, 31, 0, 0, tzinfo=UTC)


def _fact(i: int, value: object, source: str = "", kind: Kind = Kind.QUANTITY) -> Fact:
    article = f"a{i % 4}.txt"
    claim = Claim(
        rule="r",
        fact="test.r",
        kind=kind,
        span=Span(article, i, i + 1),
        location=Location(article, 1, i + 1),
        text=f"t{i}",
        value=f"t{i}",
        source=source,
    )
    return Fact(claim, value, f"t{i}")  # type: ignore[arg-type]


def _all_pairs(facts: list[Fact]) -> list[tuple[int, int]]:
    return [
        (x, y)
        for x, y in combinations(range(len(facts)), 2)
        if conflicts(facts[x], facts[y])
    ]


# Figures on a coarse grid, so equal ends, touching ends and truncations occur.
intervals = st.builds(
    lambda low, width, step: Interval(
        low * 1000.0,
        (low + width) * 1000.0,
        (low + width / 2) * 1000.0,
        "km",
        1000.0,
        "meter",
        "",
        step * 1000.0,
    ),
    st.integers(0, 40),
    st.integers(0, 6),
    st.sampled_from([0.0, 1.0, 10.0, 100.0]),
)
windows = st.builds(
    lambda minutes, length, zone, clock: Window(
        (BASE + dt.timedelta(minutes=minutes)).astimezone(zone),
        (BASE + dt.timedelta(minutes=minutes + length)).astimezone(zone),
        "UTC",
        "minute",
        clock,
    ),
    st.integers(0, 3 * 1440),
    st.sampled_from([0, 1, 2, 60, 720, 1440]),
    st.sampled_from([UTC, SEOUL]),
    st.booleans(),
)
categories = st.builds(Category, st.sampled_from(["solid", "liquid", "hybrid"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(intervals, windows, categories), max_size=40))
def test_sweep_finds_every_conflicting_pair_and_no_other(values):
    facts = [_fact(i, v) for i, v in enumerate(values)]
    assert _conflicting_keys(facts) == _all_pairs(facts)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(intervals, categories), st.sampled_from(["", "KCNA", "JCS"])
        ),
        max_size=30,
    )
)
def test_claim_pairs_expand_every_statement(items):
    """Repeated statements share one test; every claim of a conflicting pair is listed."""
    facts = [_fact(i, v, source) for i, (v, source) in enumerate(items)]
    expected = sorted(
        (x, y)
        for x, y in combinations(range(len(facts)), 2)
        if conflicts(facts[x], facts[y])
        and not (
            facts[x].claim.span.article == facts[y].claim.span.article
            and isinstance(facts[x].value, Category)
        )
    )
    assert _conflicting_pairs(facts) == expected


def test_ill_formed_values_are_tested_pairwise():
    """An interval whose high is below its low still gets the all-pairs answer."""
    odd = Interval(5000.0, 1000.0, 3000.0, "km", 1000.0, "meter")
    values = [odd, Interval(0.0, 500.0, 250.0, "km", 1000.0, "meter"), odd]
    facts = [_fact(i, v) for i, v in enumerate(values)]
    assert _conflicting_keys(facts) == _all_pairs(facts)


def test_a_thousand_agreeing_figures_and_one_outlier():
    values = [
        Interval(1000.0 * (i % 7), 1000.0 * (i % 7 + 10), 0.0, "km")
        for i in range(1000)
    ]
    values.append(Interval(90000.0, 91000.0, 90500.0, "km"))
    facts = [_fact(i, v) for i, v in enumerate(values)]
    pairs = _conflicting_keys(facts)
    assert pairs == [(i, 1000) for i in range(1000)]
