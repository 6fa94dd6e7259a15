"""News organisations: who relayed a claim ("told CNBC", "according to Yonhap").

The built-in list is ``data/outlets.tsv`` (name, aliases, home country, state media or
not); users extend it with a file of the same columns passed as ``--outlets FILE``.
Generic relayers ("state media", "state television", "local media") are outlets too,
with no name of their own. Matching is case-sensitive on the written forms, so the
magazine *Time* is not found in "at the time".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .datafiles import data_path, read_table
from .errors import KnowledgeBaseError

COLUMNS = ("name", "aliases", "country", "state", "kind")
GENERIC = {  # text form → (name, state media?)
    "state media": ("state media", True),
    "state-run media": ("state media", True),
    "state television": ("state television", True),
    "state TV": ("state television", True),
    "state-run television": ("state television", True),
    "state broadcaster": ("state television", True),
    "state news agency": ("state news agency", True),
    "official news agency": ("state news agency", True),
    "state-run news agency": ("state news agency", True),
    "local media": ("local media", False),
    "national television": ("national television", False),
    "state radio": ("state radio", True),
    "state-run newspaper": ("state media", True),
    "media reports": ("media reports", False),
    "local reports": ("local media", False),
}


@dataclass(frozen=True)
class OutletEntry:
    name: str
    country: str | None
    state: bool
    kind: str


@dataclass(frozen=True)
class OutletHit:
    start: int
    end: int
    entry: OutletEntry


class Outlets:
    """Finds news organisations in text."""

    def __init__(self, forms: dict[str, OutletEntry], version: str, homes: OutletHomes | None = None) -> None:
        self.forms = forms
        self.version = version
        self.homes = homes if homes is not None else load_outlet_homes()
        self._pattern = re.compile(r"(?<![\w-])" + _trie_pattern(list(forms)) + r"(?![\w-])")
        self._lower: set[str] | None = None
        self._sites: dict[str, OutletEntry] | None = None

    def at_site(self, url: str | None) -> OutletEntry | None:
        """The outlet whose name is the web site's own name ("themoscowtimes.com" The Moscow Times,
        "bangkokpost.com" Bangkok Post, "aljazeera.com" Al Jazeera), letters only and any case."""
        if self._sites is None:
            self._sites = {}
            for form, entry in self.forms.items():
                compact = letters(form)
                if len(compact) >= MIN_SITE_NAME and entry.kind != "generic":
                    self._sites.setdefault(compact, entry)
        site = site_name(url)
        return self._sites.get(site) or self._sites.get(site.removeprefix("the")) if site else None

    def named(self, name: str) -> bool:
        """Is ``name``, in any case ("BBC NEWS"), an outlet we know, by name or home-page name?"""
        if self._lower is None:
            self._lower = {form.lower() for form in [*self.forms, *self.homes.by_name]}
        return name.lower() in self._lower

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[OutletHit]:
        """Outlet names in ``text[start:end]``, longest first at each place, as offsets into ``text``."""
        hits = [OutletHit(m.start(), m.end(), self.forms[m.group()]) for m in self._pattern.finditer(text, start, len(text) if end is None else end)]
        # "the state news agency IRNA": one outlet, named
        return [h for i, h in enumerate(hits) if not (h.entry.kind == "generic" and i + 1 < len(hits)
                and hits[i + 1].entry.kind != "generic" and 0 <= hits[i + 1].start - h.end <= 2)]


TITLE_SEPARATOR = re.compile(r"\s+(?:[-\u2013\u2014|\u00b7\u2022]|::)\s+")
# what a page title puts between the headline and the outlet's name ("… | World news | The Guardian")
SECTION_WORDS = {"news", "world", "politics", "business", "opinion", "live", "latest", "breaking", "international",
                 "us", "uk", "europe", "africa", "asia", "americas", "middle", "east", "latin", "america", "australia",
                 "canada", "india", "asia-pacific", "national", "local", "global", "home", "top", "stories", "video",
                 "videos", "and", "the", "&", "update", "updates"}
MAX_SECTION_WORDS = 4
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "ne", "or"}  # "co.uk", "com.au": the name is the label before
MIN_SITE_NAME = 4  # letters of an outlet's name for its web site to be told by it ("bbc" is too short to trust)


def title_tail(outlets: Outlets, line: str, own: str | None = None) -> int | None:
    """Where a title's closing outlet name starts, with the sections before it (" - Reuters",
    " | CNN", " | World news | The Guardian"), or ``None``. The name is one we know or the article's
    own outlet (``own``); a title that is nothing but the name keeps it."""
    cuts = list(TITLE_SEPARATOR.finditer(line))
    if not cuts:
        return None
    name = line[cuts[-1].end():].strip()
    if not (outlets.named(name) or own and name.lower() == own.strip().lower()):
        return None
    k = len(cuts) - 1
    while k > 0:
        section = line[cuts[k - 1].end():cuts[k].start()].split()
        if not section or len(section) > MAX_SECTION_WORDS or any(w.lower() not in SECTION_WORDS for w in section):
            break
        k -= 1
    return cuts[k].start() if line[:cuts[k].start()].strip() else None


def _trie_pattern(forms: list[str]) -> str:
    """One regular expression for all the names, branching letter by letter, so that a place in the
    text is tried against the names that can start there, not against all 1,500 in turn. Longer
    names are tried first, as the outlet's full name should win ("Bloomberg News", not "Bloomberg")."""
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return pattern(trie)


def _forms(path: str | Path) -> tuple[dict[str, OutletEntry], str]:
    table = read_table(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise KnowledgeBaseError(str(path), f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}")
    forms: dict[str, OutletEntry] = {}
    for row in table.rows:
        entry = OutletEntry(row["name"], row["country"] or None, row["state"].strip().lower() in ("yes", "true", "1"), row["kind"])
        for form in [row["name"], *row["aliases"].split("|")]:
            form = form.strip()
            if not form:
                continue
            forms[form] = entry
            if form.startswith("the "):
                forms["The " + form[4:]] = entry
            elif form.startswith("The "):
                forms["the " + form[4:]] = entry
    return forms, table.version


@lru_cache(maxsize=4)
def load_outlets(extra: str | None = None) -> Outlets:
    """The built-in outlets, plus a user's file of the same columns (its rows win)."""
    forms = {text: OutletEntry(name, None, state, "generic") for text, (name, state) in GENERIC.items()}
    built_in, version = _forms(data_path("outlets.tsv"))
    forms.update(built_in)
    homes = load_outlet_homes()
    if extra:
        if not Path(extra).is_file():
            raise KnowledgeBaseError(extra, "outlets file not found; pass a TSV with columns " + ", ".join(COLUMNS))
        user, user_version = _forms(extra)
        forms.update(user)
        version = f"{version}+{Path(extra).name}.{user_version}"
        homes = homes.with_rows(_home_rows(extra))
    return Outlets(forms, version, homes)


# -- home towns of local outlets ---------------------------------------------------------------
HOME_COLUMNS = ("domain", "name", "city", "region", "country")


@dataclass(frozen=True)
class OutletHome:
    """Where a local or regional outlet is published: its home town tells which "Richmond" it means."""

    domain: str
    name: str
    city: str
    region: str | None  # the USPS state code for the United States, else None
    country: str  # ISO3


@dataclass
class OutletHomes:
    by_domain: dict[str, OutletHome]
    by_name: dict[str, OutletHome]
    version: str

    def with_rows(self, homes: list[OutletHome]) -> OutletHomes:
        """These homes and more (a user's rows win)."""
        by_domain, by_name = dict(self.by_domain), dict(self.by_name)
        for home in homes:
            by_domain[home.domain] = home
            by_name[home.name] = home
        return OutletHomes(by_domain, by_name, self.version)

    def find(self, url: str | None = None, outlet: str | None = None) -> OutletHome | None:
        """The home of the outlet named ``outlet``, else of the web site ``url`` is on (a subdomain
        such as "news.example.com" counts as its site)."""
        if outlet and outlet in self.by_name:
            return self.by_name[outlet]
        host = host_of(url)
        labels = host.split(".")
        for i in range(len(labels) - 1):
            home = self.by_domain.get(".".join(labels[i:]))
            if home is not None:
                return home
        return None


def site_name(url: str | None) -> str:
    """The web site's own name, without "www." and its domain ending: "parisbeacon" for
    www.parisbeacon.com, "lancastercitizen" for lancastercitizen.co.uk; "" without an address."""
    labels = host_of(url).rstrip(".").split(".")
    if len(labels) < 2:
        return ""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def letters(text: str) -> str:
    """The letters of ``text``, lower case: "The Moscow Times" → "themoscowtimes"."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def host_of(url: str | None) -> str:
    """The web address's host, lower case, without "www."; "" when there is none to read."""
    try:
        host = urlsplit(url if url and "//" in url else f"//{url or ''}").hostname or ""
    except ValueError:  # "[none]", a feed entry id with brackets: no host to read
        return ""
    return host.lower().removeprefix("www.")


@lru_cache(maxsize=1)
def load_outlet_homes() -> OutletHomes:
    """The built-in table of local outlets' home towns (``data/outlet_homes.tsv``)."""
    path = data_path("outlet_homes.tsv")
    table = read_table(path)
    missing = [c for c in HOME_COLUMNS if c not in table.columns]
    if missing:
        raise KnowledgeBaseError(str(path), f"missing column(s) {', '.join(missing)}; expected {', '.join(HOME_COLUMNS)}")
    by_domain: dict[str, OutletHome] = {}
    by_name: dict[str, OutletHome] = {}
    for home in _homes_of(table.rows):
        by_domain[home.domain] = home
        by_name.setdefault(home.name, home)
    return OutletHomes(by_domain, by_name, table.version)


def _homes_of(rows: list[dict[str, str]]) -> list[OutletHome]:
    """Rows with a web domain, a home town and a country, as homes."""
    homes = []
    for row in rows:
        domain = (row.get("domain") or "").strip().lower().removeprefix("www.")
        city, country = (row.get("city") or "").strip(), (row.get("country") or "").strip()
        if domain and city and country:
            homes.append(OutletHome(domain, row["name"].strip(), city, (row.get("region") or "").strip() or None, country))
    return homes


def _home_rows(path: str | Path) -> list[OutletHome]:
    """A user's outlets file may also give ``domain``, ``city`` and ``region`` (the USPS state code
    for the United States): its local outlets' home towns."""
    table = read_table(path)
    if not {"domain", "city"} <= set(table.columns):
        return []
    return _homes_of(table.rows)
