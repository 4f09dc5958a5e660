"""launchcheck.normalize.names: one person across orders and spellings."""

from __future__ import annotations

import datetime as dt

import pytest
from rapidfuzz import fuzz, utils

from launchcheck.model import Article, Verdict
from launchcheck.normalize.names import THRESHOLD, role_note, same_person
from launchcheck.pipeline import Options, check_articles, prepare_rules
from launchcheck.ruleset.schema import Role

# Made-up names in the shapes news writes them; each pair is one person.
SAME = [
    ("Yamada Taro", "Taro Yamada"),  # family name first or last
    ("Park Min-jun", "Min-jun Park"),
    ("Oleksii Moroz", "Oleksiy Moroz"),  # two transliterations
    ("Sergei Volkov", "Sergey Volkov"),
    ("Andrei Sokolov", "Andrey Sokolov"),
    ("Antony Green", "Anthony Green"),
    ("Choi Seo-yeon", "Choi Seo Yeon"),  # a hyphen or not
    ("Choi Seo-yeon", "Choi Seoyeon"),
    ("Mark T. Ellis", "Mark Ellis"),  # a middle initial
    ("Ellis", "Mark Ellis"),  # a surname alone
    ("Yamada", "Yamada Taro"),
    ("Aleksandr Petrov", "Alexander Petrov"),
    ("Dmitry Orlov", "Dmitri Orlov"),
]
# Near misses: two people, often sharing a family name.
DIFFERENT = [
    ("Taro Yamada", "Hanako Yamada"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("Minoru Kihara", "Minoru Kiuchi"),
    ("Park Min-jun", "Park Ji-hoon"),
    ("Joe Biden", "Jill Biden"),
    ("Oleksii Moroz", "Rustam Umarov"),
    ("Ellis", "Mark Ellison"),
    ("Taro", "Hanako Yamada"),
]


# Short names one or two letters apart: two people, though the score is high.
SHORT = [("Park Jin", "Park Jun"), ("Wang Yi", "Wang Yu"), ("Li Wen", "Li Wei")]


@pytest.mark.parametrize(("a", "b"), SHORT)
def test_short_names_a_letter_apart_are_two_people(a, b):
    """Below eight letters no edit is allowed, whatever the score."""
    assert not same_person(a, b)


def score(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(utils.default_process(a), utils.default_process(b))


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_person_across_orders_and_spellings(a, b):
    """Orders, transliterations, hyphens and surnames alone name one person."""
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_near_misses_are_two_people(a, b):
    """Two people who share a family name or a given name stay two."""
    assert not same_person(a, b)
    assert not same_person(b, a)


def test_threshold_sits_in_the_measured_gap():
    """Full-name pairs of one person score above the threshold, of two below, with room."""
    same = [score(a, b) for a, b in SAME if " " in a and " " in b]
    different = [score(a, b) for a, b in DIFFERENT if " " in a and " " in b]
    assert min(same) >= THRESHOLD + 2
    assert max(different) <= THRESHOLD - 3


def test_empty_names_never_match():
    """A name that folds to nothing is nobody."""
    assert not same_person("", "Taro Yamada")
    assert not same_person("--", "")


def test_role_note_accepts_the_holder_in_any_order():
    """The role table's holder written family name first is not a wrong holder."""
    roles = (Role("defense minister", "Taro Yamada", dt.date(2024, 1, 1), None, None),)
    day = dt.date(2024, 6, 1)
    assert role_note("Yamada Taro", "defense minister", day, roles) == ""
    note = role_note("Hanako Yamada", "Defense Minister", day, roles)
    assert "Taro Yamada did" in note
    assert role_note("Hanako Yamada", "defense minister", None, roles) == ""
    assert role_note("Hanako Yamada", "foreign minister", day, roles) == ""


RULES = prepare_rules(Options())


def _check(*texts: str):
    articles = [
        Article(path=f"{i}.txt", text=t, published=dt.date(2024, 6, 1), zone=None)
        for i, t in enumerate(texts)
    ]
    report = check_articles(articles, RULES, Options(timezone="Asia/Tokyo"))
    return [f for f in report.findings if f.rule == "official"]


def test_one_minister_in_two_orders_agrees():
    """ "Yamada Taro" and "Taro Yamada" for one office are one holder, not two."""
    found = _check(
        "Narnian Transport Minister Yamada Taro condemned the launch.",
        "Narnian Transport Minister Taro Yamada told reporters the missile fell at sea.",
    )
    assert found
    assert not [f for f in found if f.verdict.is_conflict]


def test_two_ministers_of_one_office_contradict():
    """Two different holders of one office in one story contradict."""
    found = _check(
        "Narnian Transport Minister Taro Yamada condemned the launch.",
        "Narnian Transport Minister Hanako Yamada told reporters the missile fell at sea.",
    )
    assert any(f.verdict is Verdict.CONTRADICTION for f in found)


def test_one_minister_in_two_transliterations_agrees_and_a_third_person_does_not():
    """ "Oleksii" and "Oleksiy" are one holder; a different person still contradicts."""
    found = _check(
        "Narnian Transport Minister Oleksii Moroz inspected the debris.",
        "Narnian Transport Minister Oleksiy Moroz said rail lines were closed.",
    )
    assert found and not [f for f in found if f.verdict.is_conflict]
    found = _check(
        "Narnian Transport Minister Oleksii Moroz inspected the debris.",
        "Narnian Transport Minister Oleksiy Moroz said rail lines were closed.",
        "Narnian Transport Minister Rustam Umarov said flights resumed.",
    )
    conflicts = [f for f in found if f.verdict is Verdict.CONTRADICTION]
    assert conflicts
    for f in conflicts:
        for i, j in f.conflicts:
            names = {f.facts[i].claim.value, f.facts[j].claim.value}
            assert "Rustam Umarov" in names, "the two spellings never conflict"


def test_two_offices_never_meet():
    """A transport minister and a finance minister of one country are not compared."""
    found = _check(
        "Narnian Transport Minister Oleksii Moroz inspected the debris.",
        "Narnian Finance Minister Rustam Umarov priced the damage.",
    )
    assert not [f for f in found if f.verdict.is_conflict]


@pytest.mark.parametrize("name", ["Gen Nakatani", "Kim Yong-hyun", "A. B.", "Ri 2"])
def test_a_name_written_the_same_is_one_person_as_rapidfuzz_says(name):
    """The shortcut for identical spellings agrees with the folded comparison."""
    from rapidfuzz import utils

    assert same_person(name, name) is bool(utils.default_process(name).split())


def test_identical_punctuation_is_no_name():
    """Identical strings without a letter or digit still go through the folding."""
    assert not same_person("--", "--")
