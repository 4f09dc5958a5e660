"""The kind table: one object per kind, chosen once."""

import datetime as dt

import pytest

from launchcheck.kinds import KINDS, spec, spec_for
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


def _fact(kind: Kind, value: object) -> Fact:
    claim = Claim("r", "r", kind, Span("a", 0, 1), Location("a", 1, 1), "x", "x")
    return Fact(claim, value, "x")  # type: ignore[arg-type]


def test_every_kind_has_one_object():
    """Each Kind has exactly one entry, and it names itself."""
    assert set(KINDS) == set(Kind)
    for kind, entry in KINDS.items():
        assert entry.kind is kind


def test_every_normalizer_exists():
    """Each kind's normalizer resolves to a function in normalize."""
    import importlib

    for entry in KINDS.values():
        module, _, name = entry.normalizer.partition(":")
        assert callable(getattr(importlib.import_module(module), name))


def test_quantity_blocks_exclude_count_and_date():
    """A quantity rule may not use {count} or {date}; a count rule no {quantity}."""
    assert "quantity" in spec(Kind.QUANTITY).blocks
    assert "count" not in spec(Kind.QUANTITY).blocks
    assert "date" not in spec(Kind.QUANTITY).blocks
    assert "quantity" not in spec(Kind.COUNT).blocks


def test_expect_fields_by_kind():
    """Only a quantity checks 'unit'; only times check 'utc'; all check 'text'."""
    assert "unit" in spec(Kind.QUANTITY).expect_fields
    assert "unit" not in spec(Kind.COUNT).expect_fields
    assert "utc" in spec(Kind.TIME).expect_fields
    assert "utc" not in spec(Kind.DATE).expect_fields
    assert all("text" in k.expect_fields for k in KINDS.values())


def test_intervals_conflict_only_when_disjoint():
    """Overlapping intervals agree; disjoint ones conflict."""
    q = spec(Kind.QUANTITY)
    assert not q.conflicts(Interval(1, 3, 2, ""), Interval(2, 4, 3, ""))
    assert q.conflicts(Interval(1, 2, 1.5, ""), Interval(3, 4, 3.5, ""))


def test_windows_conflict_mod_day_for_clock_times():
    """A clock-only 23:59 and 00:00 next day are a minute apart: no conflict."""
    w = spec(Kind.TIME)
    a = Window(
        dt.datetime(2024, 1, 1, 23, 59, tzinfo=UTC),
        dt.datetime(2024, 1, 2, 0, 0, tzinfo=UTC),
        "UTC",
        "minute",
        True,
    )
    b = Window(
        dt.datetime(2024, 1, 5, 0, 0, tzinfo=UTC),
        dt.datetime(2024, 1, 5, 0, 1, tzinfo=UTC),
        "UTC",
        "minute",
        True,
    )
    c = Window(
        dt.datetime(2024, 1, 5, 3, 0, tzinfo=UTC),
        dt.datetime(2024, 1, 5, 3, 1, tzinfo=UTC),
        "UTC",
        "minute",
        True,
    )
    assert not w.conflicts(a, b)
    assert w.conflicts(a, c)


def test_values_of_different_types_never_conflict():
    """An interval and a category are not comparable: no conflict."""
    assert not spec(Kind.QUANTITY).conflicts(Interval(1, 2, 1, ""), Category("x"))


def test_category_in_one_article_is_two_parts_but_a_name_is_not():
    """Two categories in one article never conflict; two names for one office do."""
    assert not spec(Kind.CATEGORY).conflicts_in_one_article
    assert spec(Kind.NAME).conflicts_in_one_article


def test_spec_for_follows_the_value_when_kinds_disagree():
    """A category value on a quantity claim is judged as a category."""
    assert spec_for(_fact(Kind.QUANTITY, Category("x"))).kind is Kind.CATEGORY
    assert spec_for(_fact(Kind.NAME, Category("x"))).kind is Kind.NAME


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (Interval(1.0, float("inf"), 1.0, "km", base_unit="meter"), "interval"),
        (Category("solid"), "category"),
    ],
)
def test_json_shape(value, kind):
    """Each value writes its type, and an open end is null."""
    out = spec_for(_fact(Kind.QUANTITY, value)).to_json(_fact(Kind.QUANTITY, value))
    assert out["type"] == kind
    if kind == "interval":
        assert out["high"] is None
        assert out["unit"] == "meter"
