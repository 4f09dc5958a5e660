"""Regressions found by the unit-test pass: scale words, grouping, ranges, steps."""

from __future__ import annotations

import pytest

from launchcheck.model import Article
from launchcheck.normalize.hedges import Hedge
from launchcheck.normalize.numbers import parse_number
from launchcheck.normalize.quantities import to_interval
from launchcheck.pipeline import Options, check_articles, prepare_rules

KM = 1000.0


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("1.5 million km", 1_500_000),
        ("2 million km", 2_000_000),
        ("7 thousand km", 7_000),
    ],
)
def test_digits_with_scale_word_and_unit(text, km):
    """ "1.5 million km" is 1,500,000 km (parse_number reads "1.5 million" fine)."""
    assert to_interval(text, Hedge.EXACT, "[length]")[2] == km * KM


def test_digits_with_scale_word_end_to_end():
    """'1.5 million kilometers' is extracted as 1,500,000 km, not 1,000,000."""
    rs = prepare_rules(Options())
    art = Article(
        "a.txt", "The probe traveled 1.5 million kilometers before the flyby."
    )
    (finding,) = check_articles([art], rs, Options()).findings
    assert finding.facts[0].value.nominal == 1_500_000 * KM


def test_space_grouped_thousands_are_not_zero():
    """ "7 000 km" (space or NBSP as separator) is 7,000 km or refused, never 0 km."""
    for text in ("7 000 km", "7\u00a0000 km"):
        try:
            _low, _high, nominal, *_ = to_interval(text, Hedge.EXACT, "[length]")
        except ValueError:
            continue
        assert nominal == 7_000 * KM, text


def test_space_grouped_thousands_end_to_end():
    """ "an altitude of 7 000 km" must not be reported as −500–500 km."""
    rs = prepare_rules(Options())
    art = Article("a.txt", "It reached an altitude of 7 000 km.")
    report = check_articles([art], rs, Options())
    for finding in report.findings:
        for fact in finding.facts:
            assert fact.value.low > 0, (fact.claim.text, fact.display)


def test_range_with_unit_on_both_ends_is_a_range():
    """ "between 1,000 km and 1,200 km" is 950–1,250 km, not the sum 2,150–2,250 km."""
    low, high, *_ = to_interval(
        "between 1,000 km and 1,200 km", Hedge.EXACT, "[length]"
    )
    assert (low, high) == (950 * KM, 1_250 * KM)


def test_spelled_tens_of_thousands_round_like_digits():
    """'twenty thousand' rounds like '20,000'."""
    assert parse_number("twenty thousand").step == parse_number("20,000").step == 10_000
    assert parse_number("two hundred thousand").step == parse_number("200,000").step


def test_lone_leading_one_with_scale_word():
    """1 million, one million and 1,000,000 round alike (lone leading 1)."""
    assert parse_number("1 million").step == parse_number("one million").step == 100_000
    assert parse_number("1 thousand").step == parse_number("1,000").step == 100


def test_fraction_step_matches_docstring():
    """numbers.py docstring: "2½" → step 0.5 (as "two and a half")."""
    assert parse_number("2½").step == 0.5 == parse_number("two and a half").step


def test_zero_step():
    """ "0" is rounded to the unit, not to ±5."""
    assert parse_number("0").step == 1
