"""launchcheck.context: sentences, clauses, places, sources and datelines."""

from __future__ import annotations

import pytest

from launchcheck.context import (
    canonical,
    clause_at,
    dateline,
    sentence_at,
    sentence_starts,
    source_of,
)


def sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [text[slice(*sentence_at(text, starts, s))].strip() for s in starts]


def clause(sentence: str, figure: str) -> str:
    start, end = clause_at(sentence, sentence.index(figure))
    return sentence[start:end]


def test_sentences_split_at_terminal_punctuation():
    """A period, "!" or "?" before a capital ends a sentence."""
    text = "It flew far. Then it fell! Was it new? Yes."
    assert sentences(text) == ["It flew far.", "Then it fell!", "Was it new?", "Yes."]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army said the missile flew 86 minutes.",
        "North Korea launched it on Oct. 31 from a site near Pyongyang.",
        "It lifted off at 7:10 a.m. Pyongyang time from near the capital.",
        "It lifted off at 7:10 a.m. (2210 GMT Wednesday) near the capital.",
        "Mr. Blinken and Gen. Austin met in Washington.",
        "Lt. Col. Kim said it was the U.N. Security Council's concern.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    """ "U.S.", "Oct.", "a.m." and titles before a capital stay in the sentence."""
    assert sentence_starts(text) == (0,)


def test_sentence_after_abbreviation_sentence_still_splits():
    """An abbreviation inside a sentence does not swallow the next sentence."""
    text = "The U.S. Army said so. It launched on Oct. 31 from Pyongyang. It fell."
    assert sentences(text) == [
        "The U.S. Army said so.",
        "It launched on Oct. 31 from Pyongyang.",
        "It fell.",
    ]


def test_closing_quote_belongs_to_its_sentence():
    """A sentence ending inside quotes splits after the closing quote."""
    text = 'He said "it flew far." Then it fell.'
    assert sentences(text) == ['He said "it flew far."', "Then it fell."]


def test_blank_line_ends_a_sentence():
    """A heading or paragraph without a final period still ends at a blank line."""
    text = "North Korea fires ICBM\n\nThe missile flew 86 minutes."
    assert len(sentence_starts(text)) == 2
    assert sentences(text)[1] == "The missile flew 86 minutes."


def test_sentence_at_finds_the_enclosing_sentence():
    """Any offset maps to the sentence that holds it."""
    text = "First one. Second one here. Third."
    starts = sentence_starts(text)
    start, end = sentence_at(text, starts, text.index("here"))
    assert text[start:end].strip() == "Second one here."


def test_hard_break_cuts_the_clause_on_both_sides():
    """A dash and "than" separate this launch's figure from an earlier test's."""
    sentence = (
        "It reached 4,350 miles — higher than the December test, "
        "which reached 6,518 km."
    )
    assert clause(sentence, "4,350") == "It reached 4,350 miles"
    assert clause(sentence, "6,518").startswith("the December test")


@pytest.mark.parametrize(
    "sentence",
    [
        "It flew 86 minutes, well above the December test's 73.",
        "It flew 86 minutes, but the December test flew 73.",
        "It flew 86 minutes - longer than in the December test.",
        "It flew 86 minutes, compared with 73 in the December test.",
    ],
)
def test_hard_breaks_end_the_clause(sentence):
    """Comparisons, "but" and dashes keep the other event out of the figure's clause."""
    found = clause(sentence, "86")
    assert found.startswith("It flew 86 minutes")
    assert "December" not in found


def test_soft_break_keeps_cues_before_it():
    """Cues before a soft break still apply to the figure after it."""
    sentence = "In the December test, the missile, which flew 73 minutes, fell."
    assert clause(sentence, "73").startswith("In the December test")


def test_soft_break_after_the_figure_ends_its_clause():
    """A relative clause after the figure is not part of the figure's context."""
    sentence = "It flew 86 minutes, which beat the December test."
    assert clause(sentence, "86") == "It flew 86 minutes"


def test_clause_without_breaks_is_the_whole_sentence():
    """No break at all: the clause is the sentence."""
    sentence = "The missile flew for 86 minutes."
    assert clause(sentence, "86") == sentence


def test_canonical_rightmost_alias_is_the_head(ruleset):
    """In "Russia's Kursk region" the head is Kursk, not Russia."""
    assert canonical("Russia's Kursk region", ruleset.places) == "Kursk"
    assert canonical("Russia", ruleset.places) == "Russia"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the Kursk region", "Kursk"),
        ("South Korean", "South Korea"),
        ("North Korean", "North Korea"),
        ("Moscow", "Russia"),
    ],
)
def test_canonical_maps_aliases_and_demonyms(ruleset, phrase, name):
    """Demonyms and capitals map to the place's canonical name."""
    assert canonical(phrase, ruleset.places) == name


@pytest.mark.parametrize(
    ("phrase", "tidy"),
    [
        ("Kherson Oblast", "Kherson"),
        ("  Hokkaido Island. ", "Hokkaido"),
        ("the Donetsk region", "the Donetsk"),
    ],
)
def test_canonical_tidies_unknown_places(ruleset, phrase, tidy):
    """An unknown place loses generic words and stray punctuation."""
    assert canonical(phrase, ruleset.places) == tidy


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Japan's defense ministry said it flew 86 minutes.",
            "Japan's defense ministry",
        ),
        (
            "It flew 86 minutes, according to the Joint Chiefs of Staff.",
            "South Korea's Joint Chiefs of Staff",
        ),
        ("It flew 86 minutes, KCNA reported.", "North Korean state media"),
    ],
)
def test_source_of_known_sources(ruleset, sentence, source):
    """Known sources get their canonical names."""
    assert source_of(sentence, sentence.index("86"), ruleset.sources) == source


def test_source_of_unknown_named_source(ruleset):
    """An unknown source after "according to" keeps its own words."""
    sentence = "It flew 86 minutes, according to the Hanbit Institute."
    assert source_of(sentence, sentence.index("86"), ruleset.sources) == (
        "Hanbit Institute"
    )


def test_source_of_person(ruleset):
    """A named person who "said" the figure is its source."""
    sentence = "Eleanor Vance said it flew 86 minutes."
    assert source_of(sentence, sentence.index("86"), ruleset.sources) == (
        "Eleanor Vance"
    )


def test_source_nearest_to_the_figure_wins(ruleset):
    """With two sources in one sentence, each figure gets the nearer one."""
    sentence = "KCNA reported 86 minutes while the JCS said 73 minutes."
    sources = ruleset.sources
    assert source_of(sentence, sentence.index("86"), sources) == (
        "North Korean state media"
    )
    assert source_of(sentence, sentence.index("73"), sources) == (
        "South Korea's Joint Chiefs of Staff"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "It flew 86 minutes.",
        "The Pentagon is big and it flew 86 minutes.",
        "It said it flew 86 minutes.",
    ],
)
def test_no_attribution_no_source(ruleset, sentence):
    """No attribution verb, or only a pronoun, gives no source."""
    assert source_of(sentence, sentence.index("86"), ruleset.sources) == ""


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("SEOUL, Oct. 31 (Namsan News Agency) -- North Korea fired", "Oct. 31"),
        ("TOKYO, 31 October 2024 — Japan said", "31 October 2024"),
        ("TOKYO, Nov. 1 - The missile", "Nov. 1"),
        ("WASHINGTON, D.C., Oct. 31 (Wire) -- Officials", "Oct. 31"),
    ],
)
def test_dateline_is_found(text, date):
    """A wire dateline's span ends right before the story's first word."""
    start, end, found = dateline(text)
    assert found == date
    assert start == 0
    assert text[end:].split()[0] in ("North", "Japan", "The", "Officials")


@pytest.mark.parametrize(
    "text",
    [
        "North Korea launched a missile on Oct. 31.",
        "WASHINGTON — North Korea fired a new missile.",
        "On Oct. 31 the North fired a missile.",
    ],
)
def test_no_dateline(text):
    """Ordinary openings, and a place without a date, are not datelines."""
    assert dateline(text) == (0, 0, "")
