"""Crashes the fuzz properties found (tests/fuzz), pinned as plain examples."""

from __future__ import annotations

import datetime as dt

import pytest

from launchcheck import normalize as norm
from launchcheck.errors import RuleError
from launchcheck.extract import extract_claims
from launchcheck.load import parse_article
from launchcheck.normalize import dates
from launchcheck.normalize.hedges import Hedge
from launchcheck.normalize.numbers import parse_number
from launchcheck.normalize.quantities import to_interval
from launchcheck.ruleset.loader import load_ruleset

HUGE = "1" + "0" * 400


@pytest.mark.parametrize("text", [HUGE, "9" * 400, "9" * 400 + ".5", f"{HUGE} million"])
def test_number_past_float_range_is_unreadable(text):
    """A 400-digit figure is no number (was OverflowError or inf)."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "9" * 308 + " miles",
        "1" + "0" * 307 + " miles",
        f"1{'0' * 307} to 2{'0' * 307} km",
    ],
)
def test_quantity_past_float_range_is_refused(text):
    """A figure that overflows in base units is refused, not a NaN interval."""
    with pytest.raises(ValueError, match="past any real"):
        to_interval(text, Hedge.EXACT, "[length]")


@pytest.mark.parametrize(
    ("text", "ref", "zone"),
    [
        ("Dec. 31, 9999 night", None, "UTC"),
        ("Jan. 1, 0001", None, "Asia/Pyongyang"),
        ("yesterday", dt.date(1, 1, 1), "UTC"),
        ("Thursday", dt.date(1, 1, 1), "UTC"),
        ("last week", dt.date(1, 1, 1), "UTC"),
    ],
)
def test_day_at_calendar_end_cannot_be_placed(text, ref, zone):
    """Days whose UTC window leaves the calendar give None (was OverflowError)."""
    assert dates.day_window(text, ref, zone) is None


@pytest.mark.parametrize(
    ("ref", "zone", "clock"),
    [
        (dt.date(1, 1, 1), "Asia/Seoul", "7:10 a.m."),
        (dt.date(9999, 12, 31), "America/New_York", "11:10 p.m."),
    ],
)
def test_clock_at_calendar_end_cannot_be_placed(ref, zone, clock):
    """A time on the calendar's first or last day gives None (was OverflowError)."""
    assert dates.clock_window(clock, "", ref, zone) is None


def test_date_at_calendar_end_is_a_note_not_a_crash(ruleset):
    """An article dated 9999-12-31: its "Friday night" is Unusable, not a crash."""
    text = b"---\npublished: 9999-12-31\n---\nNorth Korea launched it Friday night.\n"
    article = parse_article("a.md", text)
    setting = norm.Setting("Asia/Pyongyang", article.published, None, None)
    (claim,) = [c for c in extract_claims(article, ruleset) if c.rule == "launch-date"]
    with pytest.raises(norm.Unusable):
        norm.normalize(claim, ruleset.rule(claim.rule), setting)


def test_long_digit_run_is_read_in_linear_time(ruleset):
    """3,000 digits stay far under the 2 s pattern timeout (was 7 s: RuleError)."""
    text = (
        f"The missile reached an altitude of 1{'0' * 3000} km. It flew {'9' * 3000} mi."
    )
    article = parse_article("a.txt", text.encode())
    claims = extract_claims(article, ruleset)
    assert {c.rule for c in claims} >= {"apogee"}


def _load_folder(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ruleset = load_ruleset([tmp_path], replace=True)
    norm.validate(ruleset)
    return ruleset


RULE = "id: r\nkind: date\npatterns: ['launched {date}']\n"


def test_control_character_in_rule_file_is_located(tmp_path):
    """A control character is reported at its line and column (was no line)."""
    with pytest.raises(RuleError) as caught:
        _load_folder(tmp_path, {"r.yml": RULE + "description: a\x08b\n"})
    assert str(caught.value) == (
        f"{tmp_path / 'r.yml'}:4:15: malformed YAML: character #x0008 is not allowed"
    )


def test_unknown_manifest_time_zone_is_located_in_the_manifest(tmp_path):
    """A bad ``timezone:`` names the given ruleset.yml and line (was rules/...)."""
    with pytest.raises(RuleError) as caught:
        _load_folder(
            tmp_path, {"r.yml": RULE, "ruleset.yml": "id: x\n\ntimezone: Nowhere/X\n"}
        )
    assert str(caught.value).startswith(
        f"{tmp_path / 'ruleset.yml'}:3:11: unknown time zone"
    )
