"""launchcheck.normalize.quantities: "7,000 km" → an interval in base units."""

from __future__ import annotations

import pytest

from launchcheck.normalize.hedges import APPROX, Hedge
from launchcheck.normalize.quantities import dimension_of, short_unit, to_interval

EXACT = Hedge.EXACT
KM = 1000.0
MILE = 1609.344
MINUTE = 60.0
HOUR = 3600.0


def interval(text: str, dimension: str, hedge: Hedge = EXACT) -> tuple[float, float]:
    low, high, *_ = to_interval(text, hedge, dimension)
    return low, high


def nominal(text: str, dimension: str) -> float:
    return to_interval(text, EXACT, dimension)[2]


def test_kilometers_become_meters_with_rounding():
    """ "7,000 km" is 6,500–7,500 km, stored in metres."""
    low, high, nom, unit, per, base = to_interval("7,000 km", EXACT, "[length]")
    assert (low, high, nom) == (6_500 * KM, 7_500 * KM, 7_000 * KM)
    assert (unit, per, base) == ("kilometer", KM, "meter")


def test_miles_keep_their_written_unit_for_display():
    """ "4,350 miles" is ±5 miles, and remembers one mile in metres."""
    low, high, nom, unit, per, _ = to_interval("4,350 miles", EXACT, "[length]")
    assert nom == pytest.approx(4_350 * MILE)
    assert (low, high) == (pytest.approx(4_345 * MILE), pytest.approx(4_355 * MILE))
    assert (unit, per) == ("mile", MILE)


@pytest.mark.parametrize(
    ("text", "meters"),
    [
        ("1,000 kilometers", 1_000 * KM),
        ("1,000 kilometres", 1_000 * KM),
        ("620 miles", 620 * MILE),
        ("7,000-kilometer", 7_000 * KM),
        ("7,000-km", 7_000 * KM),
        ("seven thousand kilometers", 7_000 * KM),
    ],
)
def test_length_forms(text, meters):
    """Spellings, hyphenated adjectives and number words all reach metres."""
    assert nominal(text, "[length]") == pytest.approx(meters)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("86 minutes", 86 * MINUTE),
        ("1.5 hours", 1.5 * HOUR),
        ("2½ hours", 2.5 * HOUR),
        ("1 hour and 26 minutes", 86 * MINUTE),
        ("1 hour 26 minutes", 86 * MINUTE),
        ("1 hour, 26 minutes", 86 * MINUTE),
        ("an hour and a half", 90 * MINUTE),
        ("two hours and 5 minutes", 125 * MINUTE),
        ("4,015 seconds", 4_015.0),
        ("66 minutes and 55 seconds", 4_015.0),
    ],
)
def test_durations_and_compound_durations(text, seconds):
    """Compound durations add up (pint would read "1 hour 26 minutes" as 26 h·min)."""
    assert nominal(text, "[time]") == pytest.approx(seconds)


def test_compound_duration_is_rounded_to_its_last_part():
    """ "1 hour and 26 minutes" is stated to the minute: 85.5–86.5 minutes."""
    assert interval("1 hour and 26 minutes", "[time]") == (85.5 * MINUTE, 86.5 * MINUTE)


def test_an_hour_and_a_half_is_rounded_to_the_half_hour():
    """ "an hour and a half" is 75–105 minutes, wide enough for 86 minutes."""
    low, high = interval("an hour and a half", "[time]")
    assert (low, high) == (75 * MINUTE, 105 * MINUTE)
    assert low <= 86 * MINUTE <= high


def test_seconds_and_minutes_with_seconds_agree():
    """ "4,015 seconds" and "66 minutes and 55 seconds" are the same interval."""
    assert interval("4,015 seconds", "[time]") == interval(
        "66 minutes and 55 seconds", "[time]"
    )


@pytest.mark.parametrize(
    ("text", "low_km", "high_km"),
    [
        ("8,000 to 10,000 km", 7_500, 10_500),
        ("between 1,000 and 1,200 kilometers", 950, 1_250),
        ("1,000-1,200 km", 950, 1_250),
        ("1,000–1,200 km", 950, 1_250),
    ],
)
def test_ranges_with_a_unit_are_their_own_interval(text, low_km, high_km):
    """A stated range spans both ends, each widened by its rounding."""
    assert interval(text, "[length]") == (low_km * KM, high_km * KM)


def test_range_nominal_is_the_midpoint():
    """The figure quoted for a range is its middle."""
    assert nominal("8,000 to 10,000 km", "[length]") == 9_000 * KM


def test_hedges_widen_the_interval():
    """ "approximately 4,350 miles" is ± APPROX of the value, wider than ±5 miles."""
    low, high = interval("4,350 miles", "[length]", Hedge.APPROX)
    assert low == pytest.approx(4_350 * MILE * (1 - APPROX))
    assert high == pytest.approx(4_350 * MILE * (1 + APPROX))
    assert interval("1,000 kilometers", "[length]", Hedge.LOWER) == (
        1_000 * KM,
        3_000 * KM,
    )


def test_7000_km_and_4350_miles_overlap():
    """The README's example: 4,350 mi = 7,000.6 km lies inside "7,000 km"."""
    km = interval("7,000 km", "[length]")
    mi = interval("4,350 miles", "[length]")
    assert km[0] <= mi[1] and mi[0] <= km[1]


def test_1000_km_and_820_miles_do_not_overlap():
    """A wrong conversion (820 mi is 1,320 km) is caught as disjoint intervals."""
    km = interval("1,000 kilometers", "[length]")
    mi = interval("820 miles", "[length]")
    assert km[1] < mi[0]


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("7,000 km", "[time]"),
        ("86 minutes", "[length]"),
        ("8,000 to 10,000 km", "[time]"),
        ("5 tons", "[length]"),
    ],
)
def test_wrong_dimension_raises_value_error(text, dimension):
    """A length where a duration is expected is refused, not converted."""
    with pytest.raises(ValueError, match="not a"):
        to_interval(text, EXACT, dimension)


@pytest.mark.parametrize("text", ["far away", "kilometers", "3 furlongs"])
def test_text_without_a_readable_quantity_raises_value_error(text):
    """No number, an unreadable number or an ambiguous unit is a ValueError."""
    with pytest.raises(ValueError):
        to_interval(text, EXACT, "[length]")


def test_other_dimensions():
    """Speeds and masses convert to SI base units too."""
    assert nominal("100 km/h", "[speed]") == pytest.approx(100 / 3.6)
    assert nominal("5 tons", "[mass]") == 5_000.0


def test_dimension_of_unit_words():
    """Unit words as written map to their pint dimensionality."""
    assert dimension_of("Kilometers") == dimension_of("miles") == "[length]"
    assert dimension_of("minutes") == "[time]"
    with pytest.raises(KeyError):
        dimension_of("parsecs")


def test_short_unit_symbols():
    """Display symbols are compact; an unknown name is shown as itself."""
    assert short_unit("kilometer") == "km"
    assert short_unit("mile") == "mi"
    assert short_unit("minute") == "min"
    assert short_unit("furlong") == "furlong"
