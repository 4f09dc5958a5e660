"""The lexicon: every word list, read once from ``lexicon.yml``.

Pattern blocks, the sentence splitter, the claim-context stage and the
normalizers all take their words from here, so a hedge, unit, zone or month
known to one is known to all (the first round kept 2–4 drifting copies: "CST"
was matched by the time block but read in the event's zone).

Stdlib plus PyYAML; no pint, no dateparser. The file ships as package data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

HEDGE_CLASSES = (
    "exact",
    "approximately",
    "at least",
    "at most",
    "just under",
    "just over",
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit pint knows: its name, definition line, report symbol and spellings."""

    name: str
    dimension: str
    define: str
    short: str
    words: tuple[str, ...]
    # Written before its number ("Mach 10"), not after it.
    before: bool = False
    # A unit whose size is a range, not a constant (Mach): base units per one
    # unit at the low and high end, the unit a reading is shown in, and why.
    spread: tuple[float, float] | None = None
    shown_as: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place as a gazetteer entry: how it is written, what contains it, its zone."""

    name: str
    phrases: tuple[str, ...]
    parent: str = ""
    zone: str = ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All vocabularies, as immutable values.

    ``hedges`` maps a hedge as written to its class (one of ``HEDGE_CLASSES``);
    ``zones`` maps a zone word (lower-cased) to an IANA name; ``months`` maps
    every spelling (lower-cased, no period) to 1–12; ``parts`` maps a part of
    day to ``(start hour, end hour)``; ``moments``, ``sequels`` and
    ``modality`` map a name to the regexes that cue it (``sequels``: the words
    that put a warning or announcement after the launch it speaks of).
    """

    hedges: Mapping[str, str]
    time_hedges: Mapping[str, tuple[int, int]]
    units: tuple[Unit, ...]
    dimensions: tuple[str, ...]
    zones: Mapping[str, str]
    zone_words: tuple[str, ...]
    months: Mapping[str, int]
    month_words: tuple[str, ...]
    weekdays: tuple[str, ...]
    parts: Mapping[str, tuple[float, float]]
    number_words: Mapping[str, int]
    scales: Mapping[str, int]
    abbreviations: frozenset[str]
    moments: tuple[tuple[str, tuple[str, ...]], ...]
    instant: tuple[str, ...]
    sequels: tuple[tuple[str, tuple[str, ...]], ...]
    modality: tuple[tuple[str, tuple[str, ...]], ...]
    places: tuple[Place, ...]
    # Parts of a month ("mid", "end of") → (first day, last day); 31 = the last.
    month_parts: Mapping[str, tuple[int, int]]

    def unit_aliases(self) -> dict[str, str]:
        """Every unit spelling (lower-cased) → pint unit name."""
        return {w.lower(): u.name for u in self.units for w in u.words}

    def unit_words(self, dimension: str) -> tuple[str, ...]:
        """Every spelling of the units of one dimension ("[length]")."""
        return tuple(w for u in self.units if u.dimension == dimension for w in u.words)

    def place(self, name: str) -> Place | None:
        """The gazetteer entry of a canonical place name, if any."""
        for p in self.places:
            if p.name == name:
                return p
        return None

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The places that contain ``name``, nearest first (Okushiri → Hokkaido → Japan)."""
        out: list[str] = []
        entry = self.place(name)
        while entry is not None and entry.parent and entry.parent not in out:
            out.append(entry.parent)
            entry = self.place(entry.parent)
        return tuple(out)


def unit_of(name: str, u: Mapping[str, Any]) -> Unit:
    """A unit from its lexicon (or rule set) entry; KeyError names a missing key."""
    spread = u.get("range")
    return Unit(
        name,
        str(u["dimension"]),
        str(u["define"]),
        str(u["short"]),
        _words(u["words"]),
        before=bool(u.get("before", False)),
        spread=(float(spread[0]), float(spread[1])) if spread else None,
        shown_as=str(u.get("shown_as") or ""),
        why=str(u.get("why") or ""),
    )


def _words(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def package_data(name: str) -> Traversable:
    """A file or folder shipped in the package (``lexicon.yml``, ``rules``).

    A plain path where the package is a folder on disk: asking
    ``importlib.resources`` imports zipfile and tempfile (~6 ms of every
    start) to serve packages inside archives, which it still does here.
    """
    from pathlib import Path

    here = Path(__file__).parent
    if (here / "__init__.py").is_file():
        return here / name
    from importlib import resources

    return resources.files("launchcheck") / name


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, parsed once per process (see ``_data``)."""
    data = _data(package_data("lexicon.yml"))
    hedges = {"": "exact"}
    for cls, words in data["hedges"].items():
        if cls not in HEDGE_CLASSES:
            raise ValueError(f"lexicon.yml: unknown hedge class {cls!r}")
        hedges.update(dict.fromkeys((w.lower() for w in _words(words)), cls))
    zones: dict[str, str] = {}
    zone_words: list[str] = []
    for zone, words in data["zones"].items():
        for w in _words(words):
            zones[w.lower()] = zone
            zone_words.append(w)
    months: dict[str, int] = {}
    month_words: list[str] = []
    for number, words in data["months"].items():
        for w in _words(words):
            months[w.lower()] = int(number)
            month_words.append(w)
    return Lexicon(
        hedges=MappingProxyType(hedges),
        time_hedges=MappingProxyType(
            {k: (int(v[0]), int(v[1])) for k, v in data["time_hedges"].items()}
        ),
        units=tuple(unit_of(name, u) for name, u in data["units"].items()),
        dimensions=_words(data.get("dimensions")),
        zones=MappingProxyType(zones),
        zone_words=tuple(zone_words),
        months=MappingProxyType(months),
        month_words=tuple(month_words),
        weekdays=_words(data["weekdays"]),
        parts=MappingProxyType(
            {k: (float(v[0]), float(v[1])) for k, v in data["parts_of_day"].items()}
        ),
        number_words=MappingProxyType(
            {k: int(v) for k, v in data["number_words"].items()}
        ),
        scales=MappingProxyType({k: int(v) for k, v in data["scales"].items()}),
        abbreviations=frozenset(w.lower() for w in _words(data["abbreviations"])),
        moments=tuple((k, _words(v)) for k, v in data["moments"].items()),
        instant=_words(data.get("instant")),
        sequels=tuple((k, _words(v)) for k, v in (data.get("sequels") or {}).items()),
        modality=tuple((k, _words(v)) for k, v in data["modality"].items()),
        places=tuple(
            Place(
                name,
                _words(p["words"]),
                str(p.get("parent") or ""),
                str(p.get("zone") or ""),
            )
            for name, p in data["places"].items()
        ),
        month_parts=MappingProxyType(
            {k: (int(v[0]), int(v[1])) for k, v in data["parts_of_month"].items()}
        ),
    )


def _data(source: Traversable) -> dict[str, Any]:
    """``lexicon.yml`` as plain data: from the user's cache, else parsed and stored.

    Importing PyYAML and parsing the file cost a warm start ~30 ms; the
    parsed data is kept under a key of the file's content and PyYAML's
    version (``patterncache.files_key``), checked by the file's status.
    """
    import sys
    from importlib.util import find_spec
    from pathlib import Path

    from launchcheck import patterncache

    path = Path(str(source))
    spec = find_spec("yaml")
    key = ""
    if path.is_file() and spec is not None and spec.origin:
        # PyYAML's own code stands in for its version until the file is hashed.
        files = [("lexicon.yml", path), ("yaml", Path(spec.origin))]
        key = patterncache.files_key(files, ["lexicon/1", sys.version], _yaml_version)
    data = patterncache.load_object("lexicon", key) if key else None
    if isinstance(data, dict):
        return data
    data = _parse(source.read_text(encoding="utf-8"))
    if key:
        patterncache.store_object("lexicon", key, data)
    return data


def _yaml_version() -> list[str]:
    import yaml

    return [yaml.__version__]


def _parse(text: str) -> dict[str, Any]:
    """The lexicon file's data, parsed (no located errors: our own file)."""
    import yaml

    # libyaml's safe loader where PyYAML was built with it (10x faster than
    # the pure-Python one).
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError("lexicon.yml: not a mapping")
    return data


def alternation(words: tuple[str, ...] | list[str], *, literal: bool = True) -> str:
    """A regex alternation that tries longer words first, deterministically.

    Same-length words are ordered alphabetically, so the pattern text is the
    same in every process (a compiled-pattern cache keys on it).
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    parts = (re.escape(w).replace(r"\ ", r"\s+") if literal else w for w in ordered)
    return "(?:" + "|".join(parts) + ")"
