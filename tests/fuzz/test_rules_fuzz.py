"""Any rule file is accepted, or refused with every error located in it.

A folder holding one generated rule file (and sometimes a generated
``ruleset.yml``) is loaded with ``load_ruleset([dir], replace=True)`` and
validated with ``normalize.validate``. The only allowed failure is
``RuleError``/``RuleErrors`` whose every error names one of those files at a
line >= 1, or the folder itself; no YAML, regex or lookup error may escape.
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from newsgen import count_example

from launchcheck import normalize as norm
from launchcheck.errors import RuleError, RuleErrors
from launchcheck.ruleset.blocks import HEDGES, UNIT_WORDS
from launchcheck.ruleset.loader import MANIFEST_KEYS, RULE_KEYS

QUICK = settings.get_profile("launchcheck")

KINDS = ["quantity", "count", "date", "time", "category", "name", "Quantity", "size"]
DIMENSIONS = [
    "[length]", "[time]", "[mass]", "[speed]", "[length] / [time]", "[length]**2",
    "[foo]", "length", "", "[", "]", "1/0", "[length]**99999999999", "[time] * " * 30,
    "meter", "[currency]", "[length]/[time]", "()",
]  # fmt: skip
UNIT_NAMES = [
    *sorted({u for words in UNIT_WORDS.values() for u in words})[:12],
    "furlong", "KM", "Miles", "", "m/s", "km/h", "parsec", "[length]",
]  # fmt: skip
PATTERN_PIECES = [
    "{quantity}", "{count}", "{date}", "{time}", "{category}", "{number}", "{hedge}",
    "{unit}", "{zone}", "{month}", "{weekday}", "{gap}", "{range}", "{bogus}", "{",
    "}", "{1}", "{2,1}", "(?P<value>x)", "(?P<date>\\d+)", "(?P<time>t)",
    "(?P<scope>[A-Z]\\w+)", "(?P<event>earlier)", "(?P<hedge>about)", "(?P<value>",
    "(", ")", "[", "]", "[^", "\\", "\\k<nope>", "(?P<1x>a)", "(?(1)a|b)",
    "(?P<value>a)(?P<value>b)", "(?<=a+)", "(?<!b*)", "(a+)+$", "(?i)", "(?-i:X)",
    "*", "+?", "a{99999999999}", "\\p{Nonsense}", "\\N{NOPE}", "(?#c)", " ", "  ",
    "altitude of ", "launched ", "\\b", "troops", "[[:alpha:]]", "(?x) # c",
    "(?V1)[[a]--[b]]", "\\G", "(*SKIP)", "(?>a)", "a++", "\\d{1,3}", "é", "\u2028",
]  # fmt: skip
TEXTS = ["It reached an altitude of 7,000 km.", "", "x", "launched on Oct. 31"]


def _weird_scalars() -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.dates().map(str),
        st.just([]),
        st.just({}),
    )


patterns = st.lists(st.sampled_from(PATTERN_PIECES), min_size=1, max_size=6).map(
    "".join
)
expects = st.one_of(
    st.sampled_from(["none", "null", "", "~", "yes", "[1, 2]"]),
    st.dictionaries(
        st.sampled_from(["value", "unit", "hedge", "utc", "label", "zone", "date", 1]),
        _weird_scalars(),
        max_size=3,
    ),
    _weird_scalars(),
)
examples = st.one_of(
    st.fixed_dictionaries(
        {"text": st.one_of(st.sampled_from(TEXTS), _weird_scalars())},
        optional={
            "expect": expects,
            "published": st.one_of(st.dates(), _weird_scalars()),
            "timezone": st.sampled_from(["Asia/Seoul", "Nowhere/X", "", "UTC"]),
            "texts": st.just("typo"),
        },
    ),
    _weird_scalars(),
)
categories = st.one_of(
    st.dictionaries(
        st.one_of(st.text(max_size=10), st.integers(), st.none()),
        st.one_of(
            st.lists(st.one_of(patterns, st.sampled_from(["mid-?term", "general"]))),
            patterns,
            _weird_scalars(),
        ),
        max_size=3,
    ),
    _weird_scalars(),
)
stems = st.sampled_from(["r", "apogee", "Bad_Id", "x-y", "ruleset-2"])
VALUES = {
    "id": st.one_of(
        st.sampled_from(["r", "apogee", "Bad_Id", "r-", "-r", "r--x", "x"]),
        _weird_scalars(),
    ),
    "fact": st.one_of(st.sampled_from(["flight.apogee", "x", ""]), _weird_scalars()),
    "kind": st.one_of(st.sampled_from(KINDS), _weird_scalars()),
    "description": _weird_scalars(),
    "dimension": st.one_of(st.sampled_from(DIMENSIONS), _weird_scalars()),
    "recent": st.one_of(st.sampled_from(["3", "0", "-1", "x", "99999"]), st.integers()),
    "event_cues": st.one_of(st.sampled_from(["true", "no", "maybe"]), _weird_scalars()),
    "modality": st.one_of(st.sampled_from(["true", "no", "maybe"]), _weird_scalars()),
    "ahead": st.one_of(st.sampled_from(["true", "no", "maybe"]), _weird_scalars()),
    "moment": st.one_of(
        st.sampled_from(["launch", "fall", "warning", "stamp", "sometime"]),
        _weird_scalars(),
    ),
    "date_rule": st.one_of(
        st.sampled_from(["r", "launch-date", "x"]), _weird_scalars()
    ),
    "units": st.one_of(
        st.lists(st.sampled_from(UNIT_NAMES), max_size=4), _weird_scalars()
    ),
    "hedges": st.one_of(
        st.lists(st.one_of(st.sampled_from(HEDGES), st.text(max_size=6)), max_size=3),
        _weird_scalars(),
    ),
    "categories": categories,
    "patterns": st.one_of(st.lists(patterns, max_size=4), patterns, _weird_scalars()),
    "examples": st.one_of(st.lists(examples, max_size=3), _weird_scalars()),
}
aliases = st.dictionaries(
    st.text(string.ascii_letters, min_size=1, max_size=8),
    st.one_of(st.lists(patterns, max_size=3), patterns, _weird_scalars()),
    max_size=3,
)
MANIFEST_VALUES = {
    "id": st.one_of(st.just("launch"), _weird_scalars()),
    "description": _weird_scalars(),
    "timezone": st.sampled_from(["Asia/Seoul", "UTC", "Nowhere/X", "", "../x", "Z"]),
    "other_event": st.one_of(st.lists(patterns, max_size=3), _weird_scalars()),
    "future_event": st.one_of(st.lists(patterns, max_size=3), _weird_scalars()),
    "sources": st.one_of(aliases, _weird_scalars()),
    "places": st.one_of(aliases, _weird_scalars()),
    "subjects": st.one_of(st.dictionaries(st.text(max_size=6), aliases, max_size=2),
                          _weird_scalars()),
    "roles": st.one_of(
        st.dictionaries(
            st.text(max_size=8),
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "name": _weird_scalars(),
                        "from": st.one_of(st.dates().map(str), _weird_scalars()),
                        "to": st.one_of(st.dates().map(str), _weird_scalars()),
                        "since": st.just(1),
                    },
                ),
                max_size=2,
            ),
            max_size=2,
        ),
        _weird_scalars(),
    ),
    # Units a rule set defines: name → define, dimension, short, words.
    "units": st.one_of(
        st.dictionaries(
            st.sampled_from(["cable", "Cable", "mile", "x y", ""]),
            st.fixed_dictionaries(
                {},
                optional={
                    "define": st.one_of(
                        st.sampled_from(["cable = 185.2 * meter", "cable = 1 * bogus",
                                         "rope = 2 * meter", "cable = [length]", "="]),
                        _weird_scalars(),
                    ),
                    "dimension": st.one_of(st.sampled_from(DIMENSIONS), _weird_scalars()),
                    "short": st.one_of(st.just("cbl"), _weird_scalars()),
                    "words": st.one_of(
                        st.lists(st.sampled_from(["cables", "km", "", "Mach"]),
                                 max_size=3),
                        _weird_scalars(),
                    ),
                    "range": st.one_of(st.just([1, 2]), st.just([2, 1]), _weird_scalars()),
                    "before": _weird_scalars(),
                    "wrds": st.just(1),
                },
            ),
            max_size=2,
        ),
        _weird_scalars(),
    ),
}  # fmt: skip


def _mapping(values: dict, keys: tuple[str, ...]) -> st.SearchStrategy:
    """A mapping over known keys (each maybe missing) plus stray or misspelt ones."""
    known = st.fixed_dictionaries({}, optional={k: values[k] for k in keys})
    stray = st.dictionaries(
        st.one_of(
            st.sampled_from(["kinds", "pattern", "Id", "exampels", "x-y"]),
            st.integers(),
            st.none(),
        ),
        _weird_scalars(),
        max_size=2,
    )
    return st.builds(lambda a, b: {**a, **b}, known, stray)


@st.composite
def yaml_text(draw: st.DrawFn, values: dict, keys: tuple[str, ...]) -> str:
    """Dump a generated mapping as YAML, then sometimes damage the text."""
    data = draw(st.one_of(_mapping(values, keys), _weird_scalars()))
    try:
        text = yaml.safe_dump(
            data,
            default_flow_style=draw(st.sampled_from([False, True, None])),
            sort_keys=False,
            allow_unicode=draw(st.booleans()),
        )
    except (yaml.YAMLError, ValueError, OverflowError):
        text = ""
    for _ in range(draw(st.integers(0, 3))):
        text = draw(_damaged(text))
    return text


INSERTS = [
    "\n", "\t", ": ", "- ", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
    "!!str ", "!!int ", "!custom ", "? ", "---\n", "...\n", "%YAML 1.1\n", "{", "}",
    "[", "]", "'", '"', "#", "|\n  ", ">-\n  ", "id: r\n", "kind: quantity\n",
    "patterns: ['{quantity}']\n", "\ufeff", "\x00", "\x85", "\u2028", "\\u",
    "[" * 200, "{a: " * 60, "- " * 200,
]  # fmt: skip


@st.composite
def _damaged(draw: st.DrawFn, text: str) -> str:
    pos = draw(st.integers(0, len(text)))
    how = draw(st.integers(0, 3))
    if how == 0 and text:
        end = draw(st.integers(pos, min(len(text), pos + 20)))
        return text[:pos] + text[end:]
    if how == 1 and text:
        # Duplicate a line: duplicate keys are the classic silent YAML bug.
        lines = text.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        return "".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    piece = draw(st.one_of(st.sampled_from(INSERTS), st.text(max_size=5)))
    return text[:pos] + piece + text[pos:]


GOOD_PATTERNS = {
    "quantity": ["altitude of {quantity}", "{quantity} high", "flew {quantity}"],
    "count": ["{count} troops", "deployed {count} (?:soldiers|troops)"],
    "date": ["launched (?:on )?{date}", "{date}'s launch"],
    "time": ["launched at {time}", "at {time},? {gap}fired"],
    "category": ["{category} elections?"],
    "name": ["{category} said"],
}


@st.composite
def valid_ish_rules(draw: st.DrawFn, stem: str) -> dict:
    """A consistent rule for ``stem`` with a few fields then replaced or damaged."""
    kind = draw(st.sampled_from(sorted(GOOD_PATTERNS)))
    rule: dict = {"id": stem, "fact": f"x.{stem}", "kind": kind}
    if kind == "quantity":
        rule["dimension"] = draw(st.sampled_from(sorted(UNIT_WORDS)))
        rule["units"] = list(UNIT_WORDS[rule["dimension"]][:2])
    if kind in ("category", "name"):
        rule["categories"] = {"a": ["alpha", "al?pha"], "b": ["beta"]}
    if kind == "date":
        rule["recent"] = draw(st.sampled_from([3, "3", 0]))
    rule["patterns"] = draw(
        st.lists(st.sampled_from(GOOD_PATTERNS[kind]), min_size=1, max_size=2)
    )
    rule["examples"] = [{"text": t, "expect": "none"} for t in TEXTS[:2]]
    for key in draw(st.lists(st.sampled_from(RULE_KEYS), max_size=3)):
        rule[key] = draw(VALUES[key])
    if draw(st.booleans()) and isinstance(rule.get("patterns"), list):
        rule["patterns"].append(draw(patterns))
    return rule


@st.composite
def rule_files(draw: st.DrawFn, stem: str) -> str:
    """YAML text for a rule file named ``stem``: near-valid, arbitrary or noise."""
    choice = draw(st.integers(0, 5))
    if choice <= 2:
        data = draw(valid_ish_rules(stem))
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=draw(st.booleans()))
        for _ in range(draw(st.integers(0, 1)) if choice else 0):
            text = draw(_damaged(text))
        return text
    if choice == 3:
        return draw(yaml_text(VALUES, RULE_KEYS))
    if choice == 4:
        return draw(st.text(max_size=300))
    pieces = st.one_of(st.sampled_from(INSERTS), st.text(max_size=10))
    return "".join(draw(st.lists(pieces, max_size=30)))


rule_cases = stems.flatmap(lambda stem: st.tuples(st.just(stem), rule_files(stem)))
manifests = st.one_of(
    st.none(),
    st.none(),
    st.sampled_from(
        [
            "id: launch\ntimezone: Asia/Seoul\n",
            "id: launch\n\ntimezone: Nowhere/X\n",
            "timezone: ../etc/passwd\n",
            "timezone: ''\n",
            "places:\n  Kursk: ['(?-i:Kursk)']\nsources:\n  KCNA: [KCNA, '(']\n",
        ]
    ),
    yaml_text(MANIFEST_VALUES, MANIFEST_KEYS),
)


def load_and_validate(stem: str, text: str, suffix: str, manifest: str | None) -> None:
    """Accepted, or refused with every error located in a file of the folder."""
    count_example()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / f"{stem}{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        written = {str(path)}
        if manifest is not None:
            (folder / "ruleset.yml").write_text(manifest, encoding="utf-8")
            written.add(str(folder / "ruleset.yml"))
        try:
            ruleset = norm_loaded(folder)
        except RuleError as err:
            errors = err.errors if isinstance(err, RuleErrors) else (err,)
            assert errors
            for e in errors:
                assert e.location is not None, e
                where = e.location
                if where.path == str(folder):
                    continue  # a whole-folder error ("no rule files")
                assert where.path in written, str(e)
                assert where.line >= 1, str(e)
                assert str(e).startswith(f"{where.path}:{where.line}"), str(e)
            return
        assert ruleset.rules, "an accepted rule set has rules"


def norm_loaded(folder: Path):
    from launchcheck.ruleset.loader import load_ruleset

    ruleset = load_ruleset([folder], replace=True)
    norm.validate(ruleset)
    return ruleset


@settings(QUICK, max_examples=100)
@given(case=rule_cases, manifest=manifests)
def test_rule_file_is_accepted_or_refused_with_locations(case, manifest) -> None:
    """Generated rule files raise only located RuleErrors."""
    load_and_validate(*case, ".yml", manifest)


@pytest.mark.fuzz
@given(case=rule_cases, manifest=manifests)
def test_rule_file_is_accepted_or_refused_with_locations_long(case, manifest) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    load_and_validate(*case, ".yml", manifest)


@settings(QUICK, max_examples=60)
@given(text=st.text(max_size=400), suffix=st.sampled_from([".yml", ".yaml"]))
def test_random_text_rule_file_is_refused_with_locations(text, suffix) -> None:
    """Any text as a rule file raises only located RuleErrors."""
    load_and_validate("r", text, suffix, None)


@pytest.mark.fuzz
@given(text=st.text(), suffix=st.sampled_from([".yml", ".yaml"]))
def test_random_text_rule_file_is_refused_with_locations_long(text, suffix) -> None:
    """The long run of the property above (``pytest -m fuzz``)."""
    load_and_validate("r", text, suffix, None)
