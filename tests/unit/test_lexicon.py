"""One lexicon: every word the pattern blocks match, the normalizers understand."""

import os
import subprocess
import sys

import regex

from launchcheck.lexicon import lexicon
from launchcheck.normalize.dates import clock_window, zone_name
from launchcheck.normalize.hedges import WORDS
from launchcheck.normalize.quantities import ALIASES
from launchcheck.ruleset import blocks


def test_every_zone_word_is_matched_and_read_as_its_zone():
    """A zone the {time} block matches is read in that zone, never the event's."""
    for word, zone in lexicon().zones.items():
        written = next(w for w in lexicon().zone_words if w.lower() == word)
        m = regex.fullmatch(blocks.ZONE, written, regex.IGNORECASE)
        assert m, written
        assert zone_name(written, None, "Antarctica/Troll") == zone, written


def test_central_time_is_not_the_event_zone():
    """The first round matched "CST" but read it in the event's zone."""
    m = regex.search(
        blocks.blocks("time", "", "")["time"], "at 7:10 p.m. CST", regex.IGNORECASE
    )
    assert m and m.group("zone") == "CST"
    start, _end, *_ = clock_window("7:10 p.m.", "", None, zone_name("CST", None, "UTC"))
    assert (start.hour, start.minute) == (1, 10)  # 19:10 CST = 01:10 UTC


def test_every_hedge_is_matched_and_understood():
    """The {hedge} block and the hedge classes come from one list."""
    for word in blocks.HEDGES:
        assert word in WORDS
        assert regex.fullmatch(blocks.HEDGE, word, regex.IGNORECASE), word


def test_every_unit_word_is_matched_and_has_a_pint_unit():
    """Unit spellings in the blocks are exactly the normalizer's aliases."""
    block_words = {w.lower() for words in blocks.UNIT_WORDS.values() for w in words}
    # Units written before their number ("Mach 10") are matched by {quantity}.
    before = {w.lower() for u in lexicon().units if u.before for w in u.words}
    assert block_words | before == set(ALIASES)
    assert not block_words & before


def test_zone_abbreviations_match_only_in_capitals():
    """ "ET" is a zone; "et" in running text is not."""
    assert regex.fullmatch(blocks.ZONE, "ET", regex.IGNORECASE)
    assert not regex.fullmatch(blocks.ZONE, "et", regex.IGNORECASE)


def test_places_know_their_parents():
    """Okushiri Island is part of Hokkaido, which is part of Japan."""
    assert lexicon().ancestors("Okushiri Island") == ("Hokkaido", "Japan")
    assert lexicon().ancestors("Kursk") == ("Russia",)


def test_pattern_text_is_the_same_in_every_process():
    """Alternatives are ordered by length, then alphabetically (never by hash)."""
    code = (
        "import hashlib; from launchcheck.ruleset.loader import load_ruleset;"
        "print(hashlib.sha256(repr([p.expanded for r in load_ruleset().rules"
        " for p in r.patterns]).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_package_data_is_where_importlib_resources_finds_it():
    """The plain path for a package on disk is the one importlib.resources gives."""
    from importlib import resources

    from launchcheck.lexicon import package_data

    for name in ("lexicon.yml", "rules"):
        assert str(package_data(name)) == str(resources.files("launchcheck") / name)


def test_the_lexicon_from_the_cache_equals_the_parsed_file(tmp_path, monkeypatch):
    """A second read comes from the user's cache, without PyYAML, and is the same."""
    from launchcheck import lexicon as lexicon_module
    from launchcheck import patterncache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = lexicon_module.package_data("lexicon.yml")
    parsed = lexicon_module._data(source)
    stored = list((tmp_path / "launchcheck").glob("lexicon-*.pickle"))
    assert len(stored) == 1
    monkeypatch.setattr(lexicon_module, "_parse", lambda text: {"not": "read"})
    assert lexicon_module._data(source) == parsed
    patterncache.store_object("lexicon", stored[0].stem.split("-", 1)[1], "garbage")
    assert lexicon_module._data(source) == {"not": "read"}  # parsed again
