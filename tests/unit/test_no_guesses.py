"""No silent guesses: publication dates and the event zone are inferred, and said so."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from launchcheck.model import Article, Verdict
from launchcheck.pipeline import Options, check_articles, prepare_rules

RULES = prepare_rules(Options())


def run(*articles, **options):
    return check_articles(list(articles), RULES, Options(**options))


def test_undated_article_takes_its_own_full_date_and_says_so():
    """An article with no date reads "Thursday" against the latest date it states."""
    a = Article(
        path="a.txt", text="On March 7, 2024, the rocket lifted off from the pad."
    )
    b = Article(path="b.txt", text="The rocket lifted off early Thursday from the pad.")
    report = run(a, b, timezone="Asia/Tokyo")
    assert any(
        "2024-03-07" in n.message and "states" in n.message for n in report.notes
    )
    dates = [f for f in report.findings if f.rule == "launch-date"]
    assert dates and not any(f.verdict.is_conflict for f in dates)


def test_undated_article_takes_its_address_date():
    """A date in the page's address is a publication date, and the note says so."""
    a = Article(
        path="a.txt",
        text="The rocket lifted off on Thursday.",
        url="https://news.example/2024/03/07/rocket-story",
    )
    report = run(a, timezone="Asia/Tokyo")
    assert any("address" in n.message for n in report.notes)


def test_nothing_to_infer_leaves_relative_dates_unresolved():
    """With no date anywhere, "Thursday" and "Friday" are not compared."""
    a = Article(path="a.txt", text="The rocket lifted off on Thursday.")
    b = Article(path="b.txt", text="The rocket lifted off on Friday.")
    report = run(a, b, timezone="Asia/Tokyo")
    assert not any(f.verdict is Verdict.CONTRADICTION for f in report.findings)
    assert any("none could be inferred" in n.message for n in report.notes)


def test_event_zone_comes_from_the_launch_place_named():
    """No --timezone: the zone of the place the launch is named with, noted."""
    a = Article(
        path="a.txt",
        text="North Korea launched a missile from near Pyongyang at 7:10 a.m.",
        published=dt.date(2024, 10, 31),
    )
    b = Article(
        path="b.txt",
        text="Pyongyang fired the missile at 7:10 a.m., officials said.",
        published=dt.date(2024, 10, 31),
    )
    report = run(a, b)
    assert any("Asia/Pyongyang" in n.message for n in report.notes)
    times = [f for f in report.findings if f.rule == "launch-time"]
    assert times and all(
        c.value.zone == "Asia/Pyongyang"
        for f in times
        for c in f.facts  # type: ignore[union-attr]
    )


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds/ is not present")
def test_seeds_with_no_flags_report_the_wrong_date_and_nothing_else_wrong():
    """The three seed articles, no flags: Oct 31 vs Nov 1 is flagged, exit 1."""
    out = subprocess.run(
        [sys.executable, "-m", "launchcheck", "check", str(SEEDS), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    import json

    failing = [f for f in json.loads(out.stdout)["findings"] if f["fails"]]
    facts = sorted(f["fact"] for f in failing)
    assert facts == ["election-kind", "launch-date"]
    date = next(f for f in failing if f["fact"] == "launch-date")
    pairs = {
        frozenset((date["claims"][i]["text"], date["claims"][j]["text"]))
        for i, j in date["conflicts"]
    }
    assert all(any("November 1" in t for t in p) for p in pairs)


def test_bare_time_is_read_in_the_zone_the_article_counts_in():
    """A paper writing "8:10 a.m. ET" elsewhere means ET for a bare "8:15 a.m." too."""
    a = Article(
        path="a.txt",
        text=(
            "The rocket lifted off from California shortly after 8:15 a.m.\n\n"
            "Engineers had planned the launch window to open at 8:10 a.m. ET, "
            "and the rocket was launched at 8:16 a.m. ET."
        ),
        published=dt.date(2024, 3, 7),
    )
    b = Article(
        path="b.txt",
        text="The rocket was launched at 5:16 a.m. PT on Thursday.",
        published=dt.date(2024, 3, 7),
    )
    report = run(a, b, timezone="America/Los_Angeles")
    assert any("America/New_York" in n.message for n in report.notes)
    times = [f for f in report.findings if f.rule == "launch-time"]
    assert times and not any(f.verdict.is_conflict for f in times)


def test_the_counted_zone_is_for_clock_times_not_days():
    """A US paper's "11:52 p.m. PT Saturday" and "on Sunday" (Pyongyang's day) agree."""
    a = Article(
        path="a.txt",
        text=(
            "It was launched at 11:52 p.m. PT Saturday, the military said. "
            "North Korea launched the missile on Sunday, officials said."
        ),
        published=dt.date(2024, 10, 12),
    )
    b = Article(
        path="b.txt",
        text="North Korea launched the missile on Sunday, Oct. 13.",
        published=dt.date(2024, 10, 13),
    )
    report = run(a, b, timezone="Asia/Pyongyang")
    dates = [f for f in report.findings if f.rule == "launch-date"]
    assert dates and not any(f.verdict.is_conflict for f in dates)


def test_a_bare_time_is_read_in_the_dateline_city_s_zone():
    """A Washington-datelined "8:15 p.m." is Eastern time: 9:15 a.m. the next day in Tokyo."""
    rules = prepare_rules(Options())
    washington = Article(
        path="w.txt",
        text="WASHINGTON (Agency) -- The rocket lifted off at 8:15 p.m. on Friday.\n",
        published=dt.date(2024, 6, 7),
    )
    tokyo = Article(
        path="t.txt",
        text="The rocket lifted off at 9:15 a.m. JST on Saturday from the island.\n",
        published=dt.date(2024, 6, 8),
    )
    report = check_articles([washington, tokyo], rules, Options(timezone="Asia/Tokyo"))
    assert not any(f.conflicts for f in report.findings if f.rule == "launch-time")
    assert any("dateline city WASHINGTON" in n.message for n in report.notes)


def test_an_ambiguous_dateline_city_names_no_zone():
    from launchcheck.gazetteer import city_zone

    assert city_zone("SEOUL") == "Asia/Seoul"
    assert city_zone("Pasadena, Calif.") == ""  # two Pasadenas of like size
    assert city_zone("NOWHERE-TOWN") == ""
