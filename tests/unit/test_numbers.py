"""launchcheck.normalize.numbers: numbers as written → value and rounding step."""

from __future__ import annotations

import pytest

from launchcheck.normalize.numbers import (
    Number,
    parse_number,
    parse_range,
    parse_vague,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7,000", 7000.0),
        ("4,350", 4350.0),
        ("1,000,000", 1_000_000.0),
        ("86", 86.0),
        ("  620  ", 620.0),
    ],
)
def test_thousands_separators_are_read(text, value):
    """Comma-grouped digits are one number, not several."""
    assert parse_number(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [("7,687.5", 7687.5, 0.1), ("0.5", 0.5, 0.1), ("1.25", 1.25, 0.01)],
)
def test_decimals_set_the_step_to_their_last_place(text, value, step):
    """A decimal figure is rounded to its last written decimal place."""
    number = parse_number(text)
    assert number.value == pytest.approx(value)
    assert number.step == pytest.approx(step)


@pytest.mark.parametrize(("text", "value"), [("2½", 2.5), ("2 ½", 2.5), ("½", 0.5)])
def test_vulgar_fractions_add_to_the_integer(text, value):
    """ "2½" is two and a half, never 2 (pint's silent misreading)."""
    assert parse_number(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("1.5 million", 1_500_000.0, 100_000.0),
        ("2.5 million", 2_500_000.0, 100_000.0),
        ("3 million", 3_000_000.0, 1_000_000.0),
        ("1.5 thousand", 1_500.0, 100.0),
        ("1.25 billion", 1_250_000_000.0, 10_000_000.0),
    ],
)
def test_scale_words_after_digits_multiply_value_and_step(text, value, step):
    """ "1.5 million" is rounded to the hundred thousand, like "1,500,000" would be."""
    assert parse_number(text) == Number(pytest.approx(value), pytest.approx(step))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ten", 10.0),
        ("twenty-five", 25.0),
        ("eighty-six", 86.0),
        ("ten thousand", 10_000.0),
        ("seven thousand", 7_000.0),
        ("three hundred", 300.0),
        ("fifteen hundred", 1_500.0),
        ("ten thousand five hundred", 10_500.0),
        ("two thousand and five", 2_005.0),
        ("three million", 3_000_000.0),
        ("a dozen", 12.0),
        ("two dozen", 24.0),
        ("Ten  Thousand", 10_000.0),
    ],
)
def test_spelled_out_numbers(text, value):
    """Number words are read case- and spacing-insensitively, hyphens included."""
    assert parse_number(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [("two and a half", 2.5, 0.5), ("one and a half", 1.5, 0.5), ("half", 0.5, 0.5)],
)
def test_and_a_half_is_half_a_unit(text, value, step):
    """ "two and a half" is 2.5, rounded to the half."""
    assert parse_number(text) == Number(value, step)


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("7,000", 1000.0),
        ("8,000", 1000.0),
        ("4,350", 10.0),
        ("620", 10.0),
        ("86", 1.0),
        ("300", 100.0),
        ("12,000", 1000.0),
        ("14,000", 1000.0),
        ("1,500", 100.0),
    ],
)
def test_step_is_the_place_of_the_last_significant_digit(text, step):
    """ "7,000" was rounded to the thousand, "4,350" to the ten."""
    assert parse_number(text).step == step


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("10", 1.0),
        ("100", 10.0),
        ("1,000", 100.0),
        ("10,000", 1000.0),
        ("100,000", 10_000.0),
        ("1,000,000", 100_000.0),
        ("1", 1.0),
    ],
)
def test_lone_leading_one_is_read_with_two_figures(text, step):
    """ "10,000" covers 9,500–10,500: writers say it for 9,600 but not for 14,000."""
    assert parse_number(text).step == step


@pytest.mark.parametrize(
    ("spelled", "digits"),
    [
        ("ten thousand", "10,000"),
        ("seven thousand", "7,000"),
        ("fifteen thousand", "15,000"),
        ("one thousand", "1,000"),
        ("a thousand", "1,000"),
        ("three hundred", "300"),
        ("one hundred", "100"),
        ("a million", "1,000,000"),
        ("ten million", "10,000,000"),
    ],
)
def test_spelled_and_digit_forms_round_alike(spelled, digits):
    """The same figure written in words or digits commits to the same interval."""
    assert parse_number(spelled) == parse_number(digits)


@pytest.mark.parametrize("text", ["", "   ", "abc", "many", "1,0000", "7 000"])
def test_unreadable_numbers_are_none(text):
    """Anything that is not clearly one number is refused, never guessed."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("8,000 to 10,000", 8_000.0, 10_000.0),
        ("between 8,000 and 10,000", 8_000.0, 10_000.0),
        ("10,000-12,000", 10_000.0, 12_000.0),
        ("10,000–12,000", 10_000.0, 12_000.0),
        ("80 to 100", 80.0, 100.0),
        ("two to three", 2.0, 3.0),
    ],
)
def test_ranges_give_both_ends(text, low, high):
    """A stated range is read as its two ends, each with its own rounding."""
    a, b = parse_range(text)
    assert (a.value, b.value) == (low, high)


def test_range_with_one_scale_word_scales_both_ends():
    """In "8 to 10 thousand" the scale word belongs to both ends."""
    a, b = parse_range("8 to 10 thousand")
    assert (a.value, b.value) == (8_000.0, 10_000.0)
    assert a.step == b.step == 1000.0


@pytest.mark.parametrize("text", ["8,000", "10,000 to 8,000", "abc to def", ""])
def test_non_ranges_are_none(text):
    """A single figure, a reversed pair or words are not ranges."""
    assert parse_range(text) is None


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("thousands", (2_000.0, 99_999.0)),
        ("thousands of", (2_000.0, 99_999.0)),
        ("Thousands  of", (2_000.0, 99_999.0)),
        ("dozens of", (24.0, 144.0)),
        ("a few hundred", (200.0, 500.0)),
        ("several thousand", (2_000.0, 9_999.0)),
        ("tens of thousands of", (20_000.0, 99_999.0)),
        ("hundreds of thousands", (200_000.0, 999_999.0)),
    ],
)
def test_vague_quantities_commit_to_an_order_of_magnitude(text, bounds):
    """ "thousands of" is at least two thousand and less than a hundred thousand."""
    assert parse_vague(text) == bounds


@pytest.mark.parametrize("text", ["many", "10,000", "a lot of", ""])
def test_unknown_vague_phrases_are_none(text):
    """Only listed vague phrases get bounds; a plain figure is not vague."""
    assert parse_vague(text) is None


def test_vague_thousands_exclude_a_few_hundred():
    """ "thousands" and "hundreds" do not overlap: they are different magnitudes."""
    assert parse_vague("hundreds")[1] < parse_vague("thousands")[0]


def test_decimal_comma_is_a_decimal():
    """ "3,5" and "1,00" are European decimals; "1,500" stays fifteen hundred."""
    assert parse_number("3,5") == Number(3.5, 0.1)
    assert parse_number("1,00").value == 1.0
    assert parse_number("1,500").value == 1500
