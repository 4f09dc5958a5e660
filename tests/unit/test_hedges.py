"""launchcheck.normalize.hedges: what a hedge word does to a rounded figure."""

from __future__ import annotations

import pytest

from launchcheck.normalize.hedges import (
    APPROX,
    NEAR,
    OPEN,
    WORDS,
    Hedge,
    bounds,
    hedge_of,
)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@pytest.mark.parametrize(
    ("word", "hedge"),
    [
        ("", Hedge.EXACT),
        ("a record", Hedge.EXACT),
        ("a total of", Hedge.EXACT),
        ("about", Hedge.APPROX),
        ("around", Hedge.APPROX),
        ("approximately", Hedge.APPROX),
        ("some", Hedge.APPROX),
        ("roughly", Hedge.APPROX),
        ("an estimated", Hedge.APPROX),
        ("over", Hedge.LOWER),
        ("more than", Hedge.LOWER),
        ("at least", Hedge.LOWER),
        ("exceeding", Hedge.LOWER),
        ("under", Hedge.UPPER),
        ("less than", Hedge.UPPER),
        ("up to", Hedge.UPPER),
        ("fewer than", Hedge.UPPER),
        ("nearly", Hedge.NEAR_BELOW),
        ("almost", Hedge.NEAR_BELOW),
        ("just under", Hedge.NEAR_BELOW),
        ("just over", Hedge.NEAR_ABOVE),
        ("slightly more than", Hedge.NEAR_ABOVE),
    ],
)
def test_each_hedge_word_has_its_class(word, hedge):
    """The README's hedge table: approximate, lower and upper bounds, near-misses."""
    assert hedge_of(word) is hedge


def test_hedge_lookup_ignores_case_and_spacing():
    """ "More  than" as written in a sentence is the hedge "more than"."""
    assert hedge_of("More  than") is Hedge.LOWER
    assert hedge_of(" About ") is Hedge.APPROX


def test_unknown_hedge_raises_key_error():
    """An unknown word is an error to report, never silently exact."""
    with pytest.raises(KeyError):
        hedge_of("kinda")


def test_exact_is_plus_minus_half_a_step():
    """An unhedged figure covers its rounding: "7,000" → 6,500–7,500."""
    assert bounds(7000, 1000, Hedge.EXACT) == (6500, 7500)
    assert bounds(86, 1, Hedge.EXACT) == (85.5, 86.5)


def test_approx_uses_rounding_when_it_is_wider():
    """ "about 7,000" (step 1,000) keeps ±500, wider than APPROX of the value."""
    assert bounds(7000, 1000, Hedge.APPROX) == (6500, 7500)


def test_approx_uses_three_percent_when_it_is_wider():
    """ "about 4,350" (step 10) widens to ± APPROX of the value rather than ±5."""
    low, high = bounds(4350, 10, Hedge.APPROX)
    assert low == pytest.approx(4350 * (1 - APPROX))
    assert high == pytest.approx(4350 * (1 + APPROX))


def test_lower_bound_is_closed_at_open_factor():
    """ "more than x" is [x, 3x]."""
    assert bounds(300, 100, Hedge.LOWER) == (300, 300 * OPEN)


def test_upper_bound_is_closed_at_open_factor():
    """ "under x" is [x/3, x]."""
    assert bounds(300, 100, Hedge.UPPER) == (pytest.approx(300 / OPEN), 300)


def test_near_below_is_just_under_the_figure():
    """ "nearly 4,400" (step 100) is [0.9·4,400, 4,400]."""
    low, high = bounds(4400, 100, Hedge.NEAR_BELOW)
    assert (low, high) == (pytest.approx(4400 * NEAR), 4400)


def test_near_below_never_narrower_than_rounding():
    """ "nearly 300" (step 100) reaches down at least half a step: 250."""
    assert bounds(300, 100, Hedge.NEAR_BELOW) == (250, 300)


def test_near_above_is_just_over_the_figure():
    """ "just over 7,000" starts at 7,000 and stays within 7,000/0.9."""
    low, high = bounds(7000, 1000, Hedge.NEAR_ABOVE)
    assert low == 7000
    assert high == pytest.approx(7000 / NEAR)


@pytest.mark.parametrize("hedge", list(Hedge))
@pytest.mark.parametrize(("value", "step"), [(300, 100), (4350, 10), (0.5, 0.1)])
def test_every_interval_holds_the_stated_figure(hedge, value, step):
    """Whatever the hedge, the figure as written is inside its own interval."""
    low, high = bounds(value, step, hedge)
    assert low <= value <= high


def test_more_than_300_is_no_description_of_3000():
    """OPEN closes the end: "more than 300" and "3,000" do not overlap."""
    more_than_300 = bounds(300, 100, Hedge.LOWER)
    exactly_3000 = bounds(3000, 1000, Hedge.EXACT)
    assert not overlap(more_than_300, exactly_3000)


def test_more_than_300_does_describe_800():
    """Within the factor of three an open end still agrees: 800 is "more than 300"."""
    assert overlap(bounds(300, 100, Hedge.LOWER), bounds(800, 100, Hedge.EXACT))


def test_under_3000_is_no_description_of_300():
    """The upper-bound side of OPEN: "under 3,000" and "300" do not overlap."""
    assert not overlap(bounds(3000, 1000, Hedge.UPPER), bounds(300, 100, Hedge.EXACT))


def test_every_listed_word_is_classified():
    """The table has no entry that is not a Hedge (a typo would break lookups)."""
    assert all(isinstance(h, Hedge) for h in WORDS.values())
    assert WORDS[""] is Hedge.EXACT
