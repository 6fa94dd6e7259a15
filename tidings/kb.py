"""The actor knowledge base: countries, organisations, institutions, office holders, roles.

Loaded from versioned files in ``tidings/data`` (see each file's header for its
source and licence) plus, optionally, a user file of extra actors (YAML or CSV,
columns ``name, aliases, country, sector, role, start, end``). Lookups are by
exact surface form; names are case-sensitive, role words are lower-cased.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .datafiles import Table, data_path, read_table, split_multi
from .errors import KnowledgeBaseError

SURNAME_FIRST = {"CHN", "PRK", "KOR", "TWN", "VNM", "HKG", "KHM", "MNG"}
USER_COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end")


@dataclass(frozen=True)
class Entry:
    """One thing a surface form can name."""

    kind: str  # country | adjective | capital | region | igo | institution | group | person | user | role | place
    countries: tuple[str, ...]
    sector: str | None
    name: str
    kb_id: str
    role: str | None = None
    start: str | None = None
    end: str | None = None

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    def in_office(self, when: str | None) -> bool:
        """Was the office held on ``when`` (ISO date)? Unknown date: only if still held."""
        if when is None:
            return not self.end
        return (not self.start or self.start <= when) and (not self.end or when < self.end)


@dataclass
class ActorKB:
    """Surface form → entries, plus the version string recorded on every event."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    roles: dict[str, Entry] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def version(self) -> str:
        # the newest of the bundled files: a change to any of them (office holders, parties …) shows on every event
        bundled = [v for name, v in self.versions.items() if name != "user"]
        base = max(bundled, key=_version_key) if bundled else "unknown"
        user = self.versions.get("user")
        return f"{base}+user.{user}" if user else base

    def add(self, form: str, entry: Entry) -> None:
        form = form.strip()
        if form:
            bucket = self.names.setdefault(form, [])
            if entry not in bucket:
                bucket.append(entry)

    def add_person(self, entry: Entry, aliases: list[str]) -> None:
        for form in [entry.name, *aliases]:
            self.add(form, entry)
        for surname in person_surnames(entry.name, entry.country):
            self.surnames.setdefault(surname, []).append(entry)

    def lookup(self, form: str) -> list[Entry]:
        return self.names.get(form, [])

    def person_at(self, candidates: list[Entry], when: str | None) -> Entry | None:
        """Pick the person entry (one per office term) that fits the date best."""
        people = [e for e in candidates if e.kind in ("person", "user")]
        if not people:
            return None
        holding = [e for e in people if e.in_office(when)]
        if holding:
            return holding[0]
        if len({e.name for e in people}) > 1:
            return None
        # same person, out of office on that date: keep the country, drop the office
        latest = max(people, key=lambda e: e.start or "")
        return Entry("person", latest.countries, None, latest.name, latest.kb_id, None, latest.start, latest.end)


# Words that a name's first or last word can be but that are never read alone as a leader's surname: common
# given names ("met Ali in Lahore", "John said") and a place ("Sabah"). Monarchs' numerals ("posted on X",
# "Felipe VI") and one-word names ("Willem-Alexander") give no bare form at all.
NOT_SURNAMES = {"Ali", "John", "Alexander", "Hassan", "Ibrahim", "Tariq", "Khalifa", "Dan", "Mohamed", "Mohammed",
                "Muhammad", "Ahmed", "Abdullah", "Carrie", "Sabah"}
_NUMERAL = re.compile(r"^[IVXL]+$")


def person_surnames(name: str, country: str | None) -> list[str]:
    if " " not in name.strip():
        return []  # "Philippe", "Willem-Alexander"
    parts = [p for p in name.replace("-", " ").split() if p[:1].isupper()]
    while parts and _NUMERAL.match(parts[-1]):
        parts.pop()  # "Benigno Aquino III" is Aquino; "Felipe VI" has no surname
    if len(parts) < 2 or any(_NUMERAL.match(p) for p in parts):
        return []  # "Carl XVI Gustaf"
    forms = [parts[-1]]
    if country in SURNAME_FIRST:
        forms.append(parts[0])
    return [f for f in forms if f not in NOT_SURNAMES and len(f) > 1]


def _kb_id(*parts: str) -> str:
    return "kb:" + ":".join(p.replace(" ", "_") for p in parts if p)


def _load_countries(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        code = row["iso3"]
        name = row["name"]
        kb_id = _kb_id("country", code)
        for form in [name, *split_multi(row["aliases"])]:
            kb.add(form, Entry("country", (code,), None, name, kb_id))
            if not form.startswith("the ") and form[:1].isupper() and " " in form and not form.isupper():
                kb.add("the " + form, Entry("country", (code,), None, name, kb_id))
        for form in split_multi(row["adjectives"]):
            kb.add(form, Entry("adjective", (code,), None, name, kb_id))
        for form in split_multi(row["capitals"]):
            kb.add(form, Entry("capital", (code,), "GOV", name, kb_id))


def _load_igos(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        entry = Entry("igo", (row["code"],), row["sector"] or "IGO", row["name"], _kb_id("igo", row["code"]))
        for form in [row["name"], *split_multi(row["aliases"])]:
            kb.add(form, entry)


def _load_institutions(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        countries = tuple(split_multi(row["country"]))
        entry = Entry("institution", countries, row["sector"] or None, row["name"], _kb_id("inst", row["name"]))
        for form in [row["name"], *split_multi(row["aliases"])]:
            kb.add(form, entry)


def _load_groups(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        countries = tuple(split_multi(row["countries"]))
        entry = Entry("group", countries, None, row["alias"], _kb_id("group", row["alias"]))
        kb.add(row["alias"], entry)
        if row["alias"].lower().startswith("the "):
            kb.add(row["alias"][4:], entry)


def _load_regions(kb: ActorKB, table: Table) -> None:
    """Sub-national places ("Kharkiv governor", "Rakhine rebels"): they give a country, never a sector."""
    for row in table.rows:
        name, code = row["name"], row["country"]
        entry = Entry("region", (code,), None, name, _kb_id("region", name))
        for form in [name, *split_multi(row["aliases"])]:
            kb.add(form, entry)


def _load_parties(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        entry = Entry("institution", (row["country"],), "PTY", row["name"], _kb_id("party", row["name"]))
        for form in [row["name"], *split_multi(row["aliases"])]:
            kb.add(form, entry)


def _load_not_actors(kb: ActorKB, table: Table) -> None:
    """Names like "South China Sea": matched so that the country word inside is not."""
    for row in table.rows:
        kb.add(row["name"], Entry("place", (), None, row["name"], _kb_id("place", row["name"]), row["kind"] or None))


def _load_people(kb: ActorKB, rows: list[dict[str, str]], kind: str, path: str) -> None:
    for number, row in enumerate(rows, start=1):
        name = (row.get("name") or "").strip()
        if not name:
            raise KnowledgeBaseError(path, "row has no name", number)
        country = (row.get("country") or "").strip() or None
        start, end = (row.get("start") or "").strip() or None, (row.get("end") or "").strip() or None
        for value in (start, end):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise KnowledgeBaseError(path, f"{name}: date {value!r} is not YYYY-MM-DD", number) from None
        entry = Entry(
            kind,
            (country,) if country else (),
            (row.get("sector") or "").strip() or None,
            name,
            _kb_id(kind, name),
            (row.get("role") or "").strip() or None,
            start,
            end,
        )
        aliases = row.get("aliases") or ""
        kb.add_person(entry, split_multi(aliases) if isinstance(aliases, str) else list(aliases))


def _load_roles(kb: ActorKB, table: Table) -> None:
    for row in table.rows:
        term = row["term"].lower()
        kb.roles[term] = Entry("role", (), row["sector"], term, _kb_id("role", term), row["role"] or None)


def read_user_actors(path: str | Path) -> list[dict[str, str]]:
    """Rows from a user's YAML (a list of mappings) or CSV file of extra actors."""
    path = Path(path)
    if not path.is_file():
        raise KnowledgeBaseError(str(path), "actor file not found (pass an existing YAML or CSV file to --actors)")
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(str(path), f"not valid YAML: {exc}") from exc
        if isinstance(data, dict):
            data = data.get("actors", [])
        if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
            raise KnowledgeBaseError(str(path), "expected a list of actors, each with name, country, sector, …")
        return [{k: ("|".join(v) if isinstance(v, list) else "" if v is None else str(v)) for k, v in d.items()} for d in data]
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        if rows and "name" not in rows[0]:
            raise KnowledgeBaseError(str(path), f"CSV needs a header with columns {', '.join(USER_COLUMNS)}")
        return rows
    raise KnowledgeBaseError(str(path), "actor file must end in .yaml, .yml or .csv")


@lru_cache(maxsize=8)
def load_kb(user_file: str | None = None) -> ActorKB:
    """Load the shipped KB (and a user's actor file); cached per process."""
    kb = ActorKB()
    loaders = {
        "countries.tsv": _load_countries,
        "igos.tsv": _load_igos,
        "institutions.tsv": _load_institutions,
        "groups.tsv": _load_groups,
        "sectors.tsv": _load_roles,
        "not_actors.tsv": _load_not_actors,
        "regions.tsv": _load_regions,
        "parties.tsv": _load_parties,
    }
    for name, loader in loaders.items():
        table = read_table(data_path(name))
        kb.versions[name] = table.version
        loader(kb, table)
    people = read_table(data_path("officeholders.tsv"))
    kb.versions["officeholders.tsv"] = people.version
    _load_people(kb, people.rows, "person", people.path)
    if user_file:
        rows = read_user_actors(user_file)
        _load_people(kb, rows, "user", str(user_file))
        kb.versions["user"] = hashlib.sha1(Path(user_file).read_bytes()).hexdigest()[:8]
    return kb


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
