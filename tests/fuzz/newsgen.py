"""Hypothesis strategies: news-like text, article files and a run-wide example count.

The grammar mixes the fragments launch coverage is made of (numbers with
separators, units, hedges, month names, weekdays, clock times with zones,
parentheses, dashes, HTML) with the trigger words of the shipped rules, so
that generated text actually reaches extraction and normalization instead of
being ignored by every pattern.
"""

from __future__ import annotations

import datetime as dt
import html

from hypothesis import strategies as st

from launchcheck.errors import LaunchcheckError
from launchcheck.load import parse_article
from launchcheck.pipeline import Options
from launchcheck.ruleset.blocks import HEDGES, UNIT_WORDS, ZONE_NAMES

# How many examples the properties ran in this process (printed by conftest).
EXAMPLES = {"count": 0}


def count_example() -> None:
    """Record one example; the fuzz conftest prints the total."""
    EXAMPLES["count"] += 1


MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
    "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    "Jan", "Sept", "Oct", "june", "OCTOBER", "Octember", "Mayday",
]  # fmt: skip
WEEKDAYS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "thursday", "Thurs.", "Someday", "Funday",
]  # fmt: skip
PARTS = [
    "morning", "afternoon", "evening", "night", "dawn", "before dawn",
    "early morning", "late evening", "late night", "early",
]  # fmt: skip
ZONES = [*ZONE_NAMES, "local time", "KST", "Z", "CST", "XYZ", "UTC+9", "GMT-5"]
UNITS = [
    *sorted({u for words in UNIT_WORDS.values() for u in words}),
    "light years", "furlongs", "km/s", "kmh", "K", "M",
]  # fmt: skip
VAGUE = [
    "thousands of", "tens of thousands of", "hundreds", "dozens of",
    "several thousand", "a few hundred", "scores of", "a dozen",
]  # fmt: skip
SPELLED = [
    "one", "two", "ten", "twelve", "twenty", "ninety", "hundred", "thousand",
    "million", "billion", "dozen", "half", "a", "an", "and", "a half",
]  # fmt: skip
TRIGGERS = [
    "The missile reached an altitude of", "apogee of", "height of", "it climbed to",
    "rose", "soared as high as", "flew", "flew for", "traveled", "covered",
    "a distance of", "flight of", "flight time was", "airborne for", "in the air",
    "launched", "fired", "test-fired", "lifted off", "blasted off", "took off",
    "launched the missile at", "fired it around", "at", "on", "early", "late",
    "troops", "soldiers", "deployed", "sent", "to", "in", "Kursk", "Russia",
    "Ukraine", "North Korea", "election", "elections", "presidential election",
    "midterm elections", "vote", "set for", "east of", "off the coast of", "from",
    "Japan", "high", "in altitude", "journey", "'s launch", "according to",
    "KCNA", "Japan's defense ministry", "the Joint Chiefs of Staff said",
    "officials said", "the previous test", "in December", "last year", "than",
    "theoretical range", "capable of", "which", "including", "but", "while",
    "orbit", "before", "after", "ago", "local time", "a.m.", "p.m.", "Wednesday's",
]  # fmt: skip
PUNCT = [
    " ", " ", " ", ", ", ". ", "; ", ": ", " — ", " – ", " - ", "--", " (", ") ",
    "(", ")", "\n", "\n\n", "\r\n", "\t", "\u00a0", "'s ", "’s ", '"', "“", "”",
    "!", "?", "...", "/", "&", "*", "#", "{", "}", "[", "]",
]  # fmt: skip
TAGS = [
    "<p>", "</p>", "<br>", "<b>", "</b>", "<i>", "</i>", "<div>", "</div>",
    "<script>", "</script>", "<style>", "</style>", "<nav>", "</nav>",
    "<!-- c -->", "<!--", "-->", "<![CDATA[", "]]>", "<span class='x'>", "</span>",
    "<p", "<", ">", "</", "<a href=\"x\">", "</a>", "<svg>", "<title>", "</title>",
    "<td>", "<li>", "<br/>", "<h1>", "</h1>", "<?php ?>", "<!DOCTYPE html>",
    '<meta property="article:published_time" content="2024-10-31T08:00:00+09:00">',
    '<meta name="date" content="not a date">',
    '<meta property="og:site_name" content="Namsan">',
    '<script type="application/ld+json">{"datePublished": "2024-11-01"}</script>',
    '<script type="application/ld+json">[1, {"datePublished": 5}]</script>',
    '<script type="application/ld+json">{broken</script>',
]  # fmt: skip
ENTITIES = [
    "&amp;", "&nbsp;", "&mdash;", "&ndash;", "&#8212;", "&#x2014;", "&#189;",
    "&frac12;", "&lt;", "&gt;", "&quot;", "&#39;", "&#0;", "&#xD800;",
    "&#1114112;", "&#99999999999;", "&bogus;", "&", "&#", "&#x;", "&rsquo;",
]  # fmt: skip


def _join(parts: list[str], seps: list[str]) -> str:
    out = []
    for i, part in enumerate(parts):
        out.append(part)
        if i < len(parts) - 1:
            out.append(seps[i % len(seps)] if seps else " ")
    return "".join(out)


integers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**15).map(lambda n: f"{n:,}"),
    st.from_regex(r"\A\d{1,40}\Z"),
    st.builds(
        lambda d, n: d + "0" * n,
        st.sampled_from(["1", "9", "25"]),
        st.integers(15, 420),
    ),
    st.integers(300, 420).map(lambda n: "9" * n),
    st.from_regex(r"\A\d{1,4}(,\d{1,4}){1,3}\Z"),
    st.sampled_from(["0", "00", "000", "0,000", "1", "10", "10,000", "7,000"]),
)
decimals = st.one_of(
    st.builds(lambda a, b: f"{a}.{b}", integers, st.from_regex(r"\A\d{1,12}\Z")),
    st.from_regex(r"\A\.\d{1,4}\Z"),
    st.from_regex(r"\A\d{1,3}\.\Z"),
    st.from_regex(r"\A\d{1,3}(\.\d{1,3}){2}\Z"),
)
fractions = st.builds(
    lambda n, sep, f: f"{n}{sep}{f}",
    st.sampled_from(["", "2", "10", "1,000"]),
    st.sampled_from(["", " "]),
    st.sampled_from(list("½¼¾⅓⅔")),
)
spelled = st.lists(st.sampled_from(SPELLED), min_size=1, max_size=5).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "-", " and "]), min_size=1, max_size=4
    ).map(lambda seps: _join(words, seps))
)
numbers = st.one_of(
    integers,
    decimals,
    fractions,
    spelled,
    st.builds(
        lambda n, s: f"{n} {s}",
        st.one_of(integers, decimals, fractions),
        st.sampled_from(["million", "billion", "thousand", "hundred"]),
    ),
)
ranges = st.builds(
    lambda a, sep, b: sep.format(a, b),
    numbers,
    st.sampled_from(["{} to {}", "between {} and {}", "{}-{}", "{}–{}", "{} — {}"]),
    numbers,
)
counts = st.one_of(numbers, ranges, st.sampled_from(VAGUE))
hedges = st.one_of(
    st.just(""), st.sampled_from(HEDGES), st.sampled_from(["so-called", "maybe"])
)
amounts = st.builds(
    lambda n, sep, u: f"{n}{sep}{u}",
    st.one_of(numbers, ranges, st.sampled_from(["a", "an"])),
    st.sampled_from([" ", "-", "", "  "]),
    st.sampled_from(UNITS),
)
compound = st.lists(amounts, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from([" and ", ", ", " "]).map(lambda s: s.join(parts))
)
quantities = st.builds(
    lambda h, q, conv: f"{h} {q}{conv}".strip(),
    hedges,
    st.one_of(amounts, compound),
    st.one_of(
        st.just(""),
        st.builds(lambda h, q: f" ({h} {q})", hedges, amounts),
    ),
)
days = st.one_of(
    st.integers(0, 40).map(str),
    st.sampled_from(["1st", "2nd", "3rd", "31st", "00", "99"]),
)
years = st.one_of(
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["2024", "2023", "0000", "1900"]),
)
calendar = st.one_of(
    st.builds(
        lambda wd, m, d, y: f"{wd}{m} {d}{y}",
        st.one_of(st.just(""), st.sampled_from(WEEKDAYS).map(lambda w: f"{w}, ")),
        st.sampled_from(MONTHS),
        days,
        st.one_of(st.just(""), years.map(lambda y: f", {y}")),
    ),
    st.builds(
        lambda d, m, y: f"{d} {m}{y}",
        days,
        st.sampled_from(MONTHS),
        st.one_of(st.just(""), years.map(lambda y: f" {y}")),
    ),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        years,
        st.integers(0, 99),
        st.integers(0, 99),
    ),
)
dates = st.one_of(
    calendar,
    st.builds(lambda p, c: f"the {p} of {c}", st.sampled_from(PARTS), calendar),
    st.builds(
        lambda e, w, p: f"{e}{w}{p}",
        st.sampled_from(["", "early ", "late "]),
        st.one_of(st.sampled_from(WEEKDAYS), calendar),
        st.one_of(st.just(""), st.sampled_from(PARTS).map(lambda p: f" {p}")),
    ),
    st.sampled_from(
        [
            "yesterday",
            "today",
            "last night",
            "this morning",
            "earlier today",
            "last week",
            "this week",
            "two days ago",
            "last Thursday",
            "next month",
        ]
    ),
)
clocks = st.one_of(
    st.builds(
        lambda h, sep, m, ampm: f"{h}{sep}{m:02d}{ampm}",
        st.integers(0, 99),
        st.sampled_from([":", "."]),
        st.integers(0, 99),
        st.sampled_from(["", " a.m.", " p.m.", "am", " PM", " a.m", "p.m."]),
    ),
    st.builds(
        lambda h, ampm: f"{h}{ampm}",
        st.integers(0, 30),
        st.sampled_from([" a.m.", " p.m.", "am", "pm"]),
    ),
    st.builds(lambda h, m: f"{h:02d}{m:02d}", st.integers(0, 29), st.integers(0, 69)),
    st.sampled_from(["noon", "midnight", "12:00:00", "7:10:99"]),
)
times = st.builds(
    lambda c, z, d, z2: f"{c}{z}{d}{z2}",
    clocks,
    st.one_of(st.just(""), st.sampled_from(ZONES).map(lambda z: f" {z}")),
    st.one_of(
        st.just(""), dates.map(lambda d: f" on {d}"), dates.map(lambda d: f", {d}")
    ),
    st.one_of(st.just(""), st.sampled_from(ZONES).map(lambda z: f" {z}")),
)
datelines = st.builds(
    lambda place, d, agency: f"{place}, {d}{agency} -- ",
    st.sampled_from(["SEOUL", "TOKYO", "Washington", "PYONGYANG, North Korea"]),
    calendar,
    st.sampled_from(["", " (Yonhap)", " (AP)", " ((odd))"]),
)
fragments = st.one_of(
    st.sampled_from(TRIGGERS),
    numbers,
    counts,
    quantities,
    dates,
    times,
    st.sampled_from(UNITS),
    st.sampled_from(HEDGES),
    st.sampled_from(MONTHS),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(ZONES),
    st.text(max_size=8),
)
separators = st.sampled_from(PUNCT)
places = st.sampled_from(
    ["Kursk", "Russia", "Russia's Kursk region", "Ukraine", "North Korea", "Japan",
     "the East Sea", "Hokkaido", "Okushiri Island", "X", "A B C D E F"]
)  # fmt: skip
sources = st.sampled_from(
    ["", ", Japan's defense ministry said", ", according to KCNA", ", JCS said",
     " -- officials said", ", Mr. Kim told reporters", ", the Joint Chiefs said"]
)  # fmt: skip
# Sentences the shipped rules are written to read, with fuzzed slots.
TEMPLATES = {
    "The missile reached an altitude of {q}{s}.": quantities,
    "It flew {q} before falling into the sea{s}.": quantities,
    "The flight lasted {q}{s}.": quantities,
    "It climbed to {q} and flew for {q2}.": quantities,
    "It soared {q} high.": quantities,
    "The {q} flight{s}.": quantities,
    "It landed {q} east of {p}.": quantities,
    "North Korea launched the missile {d}{s}.": dates,
    "On {d}, the North fired a missile{s}.": dates,
    "{d}'s launch drew protests.": dates,
    "The launch came days before the {d} presidential election.": dates,
    "The missile was fired at {t}{s}.": times,
    "At {t}, the North launched it.": times,
    "It lifted off at 7:10 a.m. ({t}).": times,
    "About {c} troops were deployed to {p}{s}.": counts,
    "North Korea sent {c} soldiers to {p}.": counts,
    "{c} of them are in {p}.": counts,
    "The {w} elections are near.": st.sampled_from(
        ["midterm", "presidential", "general", "local", "Presidential", "mid-term"]
    ),
}


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence: a rule's template with fuzzed slots, or a fragment soup."""
    if draw(st.integers(0, 2)) == 0:
        parts = draw(st.lists(fragments, min_size=1, max_size=8))
        seps = draw(st.lists(separators, min_size=1, max_size=8))
        return _join(parts, seps)
    template = draw(st.sampled_from(sorted(TEMPLATES)))
    slot = TEMPLATES[template]
    return template.format(
        q=draw(slot),
        q2=draw(quantities),
        d=draw(slot),
        t=draw(slot),
        c=draw(slot),
        w=draw(slot),
        p=draw(places),
        s=draw(sources),
    )


@st.composite
def news_text(draw: st.DrawFn, max_fragments: int = 8) -> str:
    """Sentences joined by punctuation or line breaks, sometimes after a dateline."""
    parts = draw(st.lists(sentences(), min_size=1, max_size=max_fragments))
    seps = draw(st.lists(separators, min_size=1, max_size=max_fragments))
    text = _join(parts, seps)
    if draw(st.booleans()):
        text = draw(datelines) + text
    return text


@st.composite
def html_text(draw: st.DrawFn) -> str:
    """News-like text cut by tags and entities, as a page would carry it."""
    pieces = draw(
        st.lists(
            st.one_of(
                news_text(max_fragments=2),
                news_text(max_fragments=2).map(html.escape),
                st.sampled_from(TAGS),
                st.sampled_from(ENTITIES),
            ),
            min_size=1,
            max_size=16,
        )
    )
    body = "".join(pieces)
    if draw(st.booleans()):
        body = f"<html><head><title>t</title></head><body><article>{body}</article>"
    return body


published_dates = st.one_of(
    st.none(),
    st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 10, 31)]),
)
front_values = st.one_of(
    st.dates(dt.date(1, 1, 2), dt.date(9999, 12, 30)).map(str),
    st.sampled_from(
        [
            "2024-10-31",
            "2024-10-31T08:00:00Z",
            "Oct 31",
            "''",
            "[1, 2]",
            "{a: b}",
            "Asia/Seoul",
            "America/New_York",
            "Mars/Olympus",
            "../etc",
            "",
            "~",
            "null",
            "UTC",
            "Namsan News",
            "!!binary aGk=",
            "*anchor",
            "&a x",
            "'unclosed",
        ]
    ),
    st.text(max_size=12),
)
front_keys = st.sampled_from(
    ["published", "outlet", "url", "timezone", "title", "author", "date", "x", "1"]
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A YAML front matter block, valid or not, closed or (rarely) not."""
    pairs = draw(st.lists(st.tuples(front_keys, front_values), max_size=4))
    lines = [f"{k}: {v}" for k, v in pairs]
    closing = draw(st.sampled_from(["---", "...", "---", "--- ", ""]))
    return "---\n" + "\n".join(lines) + ("\n" if lines else "") + closing + "\n"


NAMES = ["a.txt", "b.md", "c.html", "d.htm", "e.markdown", "F.HTML", "g"]


@st.composite
def article_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A (file name, bytes) pair: text, front matter, HTML, odd encodings or noise."""
    name = draw(st.sampled_from(NAMES))
    is_html = name.lower().endswith((".html", ".htm"))
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return name, draw(st.binary(max_size=200))
    if choice == 1:
        text = draw(st.text(max_size=300))
    elif is_html:
        text = draw(html_text())
    else:
        text = draw(news_text())
        if draw(st.booleans()):
            text = draw(front_matter()) + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16"]))
    data = text.encode(encoding, errors="surrogatepass")
    if draw(st.integers(0, 19)) == 0 and data:
        cut = draw(st.integers(0, len(data) - 1))
        data = data[:cut] + draw(st.binary(min_size=1, max_size=3)) + data[cut + 1 :]
    return name, data


@st.composite
def stories(draw: st.DrawFn) -> list:
    """Several loadable articles with distinct paths: one story."""
    found = []
    for i, (name, data) in enumerate(
        draw(st.lists(article_files(), min_size=1, max_size=4))
    ):
        try:
            found.append(parse_article(f"{i}-{name}", data))
        except LaunchcheckError:
            continue
    return found


story_options = st.builds(
    Options,
    published=published_dates,
    timezone=st.sampled_from(["", "Asia/Pyongyang", "America/New_York", "Nowhere/X"]),
)
