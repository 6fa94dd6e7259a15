"""Places stage: find toponyms in a parsed paragraph and resolve them against the gazetteer.

**Finding.** spaCy's GPE, LOC and FAC entities, plus runs of proper nouns the model did not
label that the gazetteer knows (a country, a region, a city of 100,000 or more, or any city
right after "in", "near", "at", "from" …). Names of news outlets ("Yonhap") and of KB
organisations are not places. A GPE or LOC entity the gazetteer does not know ("Harwinton",
"Neches River") gets a best guess, flagged: the region or country the article is about, with
``source="guess"`` and a confidence of 0.1 or less (none when the article gives nothing to go on).
Guesses never become an event's location or the article's place, and are not stored.

**Metonymy.** A country, a region or a capital that is the active subject of a verb ("Beijing
said", "Washington warned", "Russia invaded"), the agent of a passive ("condemned by
Moscow"), or any place name that is the subject of a speech verb ("Chicago announced") stands
for its government: it is an actor, and :meth:`Geocoder.places` leaves it out
(``keep_metonyms=True`` keeps it). Subjects of verbs of being and happening ("Kharkiv saw
heavy fighting", "Texas has 254 counties"), passive subjects ("Aleppo was shelled"),
possessives and prepositional objects ("talks in Beijing") are places.
:func:`is_metonym` exposes the test for the actors stage.

**Resolution.** Every candidate of the name gets a score: its kind (a country name is the
country; a region beats a small town of the same name), its population (log scale), a
capital bonus, and the article's :class:`Context`: the countries and regions named so far
(by places and, through :meth:`Context.add_country`, by actors), neighbouring countries, and
"City, Region" pairs ("Alexandria, La."). A name resolved once keeps its sense for the rest
of the article, and a candidate in a region where another name of the same paragraph can lie
gets a smaller boost ("Georgia's governor … in Atlanta"); a county one name can be and a town
another name can be decide each other ("Paris and Henry County"). The outlet's home country
(:meth:`Geocoder.home_country`) counts as one mention. The confidence grows with the margin between the best and the second
candidate; with no context to go on and rivals in other countries ("Paris" alone) it is
capped at 0.7.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer, GeoEntry, load_gazetteer
from .kb import load_kb
from .nlp import doc_text
from .outlets import OutletHome, Outlets, host_of, letters, load_outlets, site_name
from .records import Place

PLACE_ENTS = {"GPE", "LOC", "FAC"}
GUESS_ENTS = {"GPE", "LOC"}  # a place entity the gazetteer does not know gets a flagged guess
GEO_HEADS = {"River", "Lake", "Creek", "Valley", "Township", "Twp.", "Island", "Islands", "Mountain", "Mountains",
             "Bay", "Sea", "Gulf", "Coast", "Falls", "Canyon", "Peninsula", "Strait", "Desert", "Forest", "Park",
             "Road", "Street", "Avenue", "Highway", "Boulevard", "Heights", "Hills", "Springs", "Village", "City"}
GUESS_PREPS = {"in", "near", "at", "outside", "inside", "from", "into", "toward", "towards", "across", "throughout"}
COMPASS_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                 "Northeast", "Northwest", "Southeast", "Southwest", "Northeastern", "Northwestern", "Southeastern",
                 "Southwestern", "Upper", "Lower"}
COUNTY_WORDS = {"County"}  # the last word of a county's name ("Parish" ends church names too)
CLUB_WORDS = {"Club", "FC", "F.C.", "Cricket", "Football", "Rovers", "Athletic", "Wanderers"}
REGION_KIND_WORDS = {"province", "district", "region", "state", "governorate", "oblast", "prefecture", "county"}
NOT_PLACE_KB_KINDS = {"igo", "institution", "person", "group", "party"}
LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "across", "throughout", "around", "of", "toward",
            "towards", "inside", "within", "via", "through", "between", "and"}
SPEECH = {"say", "tell", "announce", "warn", "deny", "claim", "insist", "urge", "demand", "reject", "accuse",
          "state", "declare", "respond", "reply", "criticize", "criticise", "condemn", "protest", "threaten",
          "vow", "pledge", "promise", "call", "ask", "confirm", "report", "argue", "allege", "dismiss", "blame",
          "welcome", "praise", "note", "add", "stress", "signal", "hint", "suggest", "propose", "agree", "refuse"}
STATIVE = {"be", "have", "lie", "sit", "border", "stretch", "host", "see", "experience", "suffer", "witness",
           "record", "remain", "become", "contain", "include", "cover", "boast", "rank", "face", "get", "receive",
           "feel", "look", "seem", "appear", "lose", "endure", "report"}
METONYM_FEATURES = {"country", "admin1"}
MAX_WORDS = 5
CITY_MIN_POPULATION = 100_000
BIG_CITY_POPULATION = 1_000_000
LANDMARK_POPULATION = 50_000
LOCATIVE_MIN_POPULATION = 5_000  # a town taken without a label after "in", "near" …
NOTABLE_REGION_POPULATION = 1_000_000
PRIME_CONFIDENCE = 0.85
# how a word for a place's people ends, and what the place's name ends with instead
DEMONYM_ENDINGS = (("ian", ("ia", "io", "")), ("an", ("a", "", "as", "o")), ("er", ("",)), ("ite", ("", "e")),
                   ("i", ("",)))
DEMONYM_CITY_POPULATION = 100_000
ABBREVIATED_LAST = {"Co.": "County", "Co": "County", "Cnty.": "County", "Twp.": "Township", "Twp": "Township"}
MASTHEAD_CONFIDENCE = 0.8
MAX_SECTIONS, MAX_SECTION_CHARS = 8, 30  # path segments read for a local edition's name
# a foreign desk's folders: a town named under them is no local edition
WORLD_FOLDERS = {"world", "worldnews", "international", "global", "foreign", "europe", "asia", "africa", "middleeast",
                 "americas", "asiapacific", "latinamerica"}
# what follows a town's name in a local paper's web address
MASTHEAD_WORDS = {"news", "beacon", "times", "herald", "post", "tribune", "journal", "gazette", "courier", "record",
                  "press", "star", "sun", "daily", "register", "leader", "citizen", "chronicle", "observer", "examiner",
                  "independent", "review", "banner", "bulletin", "democrat", "republican", "enterprise", "ledger",
                  "mirror", "telegraph", "express", "today", "online", "now", "voice", "messenger", "dispatch",
                  "sentinel", "standard", "reporter", "eagle", "item", "free", "pilot", "progress", "advocate", "argus",
                  "globe", "guardian", "villager", "weekly", "patch", "local", "mail", "echo", "clarion", "signal",
                  "transcript", "telegram", "union", "informer", "current", "view"}
MASTHEAD_WORDS_LONGEST_FIRST = tuple(sorted(MASTHEAD_WORDS, key=len, reverse=True))  # "newsleader" is news + leader
# two-letter top-level domains that sites everywhere use for their look, not their country
GENERIC_TLDS = {"ai", "am", "ac", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "sh", "so", "st", "tk", "to",
                "tv", "vc", "ws", "eu", "su"}
ALTERNATE_PENALTY = 1.0  # an other name (an old one: "Philadelphia" for Amman, "Berea" for Aleppo) against a place's own
LINKED_BONUS = 1.0  # a county holding a town the article names, or a town in a county it names
SMALL_REGION_PENALTY = 1.0  # a region of under 100,000 people against a city of 100,000 or more of the same name
FEATURE_PRIOR = {"continent": 3.0, "country": 3.0, "area": 3.0, "admin1": 2.2, "admin2": 1.2, "city": 0.0}


@dataclass
class Context:
    """What one article has said so far that helps place the next name."""

    countries: Counter[str] = field(default_factory=Counter)  # ISO3 → mentions
    regions: Counter[str] = field(default_factory=Counter)  # admin1 key ("US.LA") → mentions
    districts: Counter[str] = field(default_factory=Counter)  # admin2 key ("US.LA.079") → mentions
    senses: dict[str, GeoEntry] = field(default_factory=dict)  # name as written → its resolution
    points: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # admin1 → city points seen
    nearby: frozenset[str] = frozenset()  # admin1 keys the paragraph's other names could lie in (set per name)
    others: dict[str, Context] = field(default_factory=dict)  # name → what the rest of the article places (last reading)
    linked: frozenset[str] = frozenset()  # admin2 keys where one name's county holds another name's town
    home: str | None = None  # ISO3 of the outlet's home, counted once in ``countries`` (see Geocoder.context_for)
    home_region: str | None = None  # admin1 key of a local outlet's home town, counted once in ``regions``
    home_district: str | None = None  # its admin2 key, counted once in ``districts``
    site: str = ""  # the web site's own name ("parisbeacon" of www.parisbeacon.com), for its masthead town
    sections: tuple[str, ...] = ()  # its address's local sections ("dublinnews" of /dublin_news/)
    mastheads: dict[str, GeoEntry] = field(default_factory=dict)  # the town a local site is named after

    def add_country(self, iso3: str | None, weight: int = 1) -> None:
        """An actor of this country was named (the actors stage calls this)."""
        if iso3:
            self.countries[iso3] += weight

    def add_place(self, entry: GeoEntry, iso3: str | None) -> None:
        self.add_country(iso3)
        if entry.admin1:
            self.regions[entry.admin1] += 1
            if entry.feature == "city":
                self.points.setdefault(entry.admin1, []).append((entry.lat, entry.lon))
        if entry.admin2:
            self.districts[entry.admin2] += 1

    def counts(self) -> Context:
        """A fresh context with a copy of this one's country, region and district counts."""
        return Context(countries=Counter(self.countries), regions=Counter(self.regions), districts=Counter(self.districts),
                       linked=self.linked, home=self.home, home_region=self.home_region, home_district=self.home_district,
                       site=self.site, sections=self.sections, mastheads=self.mastheads)

    def tally(self, other: Context) -> None:
        """Add another context's counts to this one's."""
        self.countries.update(other.countries)
        self.regions.update(other.regions)
        self.districts.update(other.districts)

    def without(self, other: Context) -> Context:
        """This context's counts less another's (what the rest of an article says, without one name)."""
        return Context(countries=self.countries - other.countries, regions=self.regions - other.regions,
                       districts=self.districts - other.districts, linked=self.linked, home=self.home,
                       home_region=self.home_region, home_district=self.home_district, site=self.site,
                       sections=self.sections, mastheads=self.mastheads)

    @property
    def empty(self) -> bool:
        """Nothing named yet: the outlet's home alone does not count."""
        return not any(n > (1 if key == self.home_region else 0) for key, n in self.regions.items()) \
            and not any(n > (1 if iso3 == self.home else 0) for iso3, n in self.countries.items())


@dataclass(frozen=True)
class Mention:
    """A toponym found in a paragraph: token span, the text as written, the form to look up."""

    span: Span
    form: str


class Geocoder:
    """Finds and resolves toponyms; one per process (:func:`load_geocoder`)."""

    def __init__(self) -> None:
        self.gaz: Gazetteer = load_gazetteer()
        self.outlets = load_outlets()
        self.outlet_forms = set(self.outlets.forms)
        self._towns: dict[OutletHome, GeoEntry | None] = {}
        kb = load_kb()
        self.not_places = {form for form, entries in kb.names.items()
                           if entries and all(e.kind in NOT_PLACE_KB_KINDS for e in entries) and not self.gaz.known(form)}
        self.kb_adjectives = {form: [e.country for e in entries if e.kind == "adjective"]
                              for form, entries in kb.names.items() if any(e.kind == "adjective" for e in entries)}
        self.kb_capitals = {form for form, entries in kb.names.items() if any(e.kind == "capital" for e in entries)}

    # -- the stage --------------------------------------------------------
    def home_country(self, url: str | None = None, outlet: str | None = None, outlets: Outlets | None = None) -> str | None:
        """Where the article's outlet is based (ISO3): the outlet's home country when the outlets
        table (``outlets``, else the built-in ``data/outlets.tsv``) names it, else the country of the
        web address's top-level domain ("www.bbc.co.uk" → GBR, "rg.ru" → RUS; ".com", ".tv", ".io"
        say nothing). A local paper's "Richmond" is its own country's first. A wire agency's home
        says nothing about where its stories happen."""
        entry = (outlets or self.outlets).forms.get(outlet or "")
        if entry is not None and entry.kind in ("agency", "generic"):
            return None
        if entry is not None and entry.country:
            return entry.country
        home = (outlets or self.outlets).homes.find(url, outlet)
        if home is not None:
            return home.country
        site = (outlets or self.outlets).at_site(url)
        if site is not None:
            return site.country if site.kind != "agency" else None
        tld = host_of(url).rpartition(".")[2]
        if len(tld) != 2 or tld in GENERIC_TLDS:
            return None
        return self.gaz.iso3.get("GB" if tld == "uk" else tld.upper())

    def context_for(self, url: str | None = None, outlet: str | None = None, outlets: Outlets | None = None) -> Context:
        """A fresh article context that knows where the outlet is based (counted as one mention, but
        not enough to lift the cap on a lone name's confidence)."""
        home = self.home_country(url, outlet, outlets)
        context = Context(home=home)
        context.add_country(home)
        town = self.home_town(url, outlet, outlets)
        if town is not None and town.admin1:
            _count_home(context, town)
        elif town is None and (outlets or self.outlets).at_site(url) is None:
            # an outlet we know is no town's paper (its folders are desks: RFE/RL's "/moscow-today/")
            context.site, context.sections = site_name(url), local_sections(url)
        return context

    def _masthead(self, context: Context, forms: list[str], peoples: set[str]) -> None:
        """A local site named after its town ("parisbeacon.com", "theparisnews.com", or a folder such
        as "/dublin_news/"): the town is the outlet's home, its state counted once as a listed
        outlet's is, and the name in its stories is that town, not the namesake capital. The town is
        looked for in the site's country (known from the outlet the site is, else its domain
        ending; "USA" for ".com" and the other generic endings: an English-language local site
        there is almost always American); of the towns of that name, the one in a county or state
        the article's other names can be in, else the largest. Not taken when the name is also a
        country's, a state's or an area's ("Jordan", "Washington", "Nevada": a site named after
        it is as likely about it), when another name of the article lies only abroad ("Tondo",
        "Amman"), or when it names another country's people (``peoples``: "Russian police")."""
        if not (context.site or context.sections) or context.mastheads:
            return
        iso2 = self.gaz.iso2.get(context.home or "USA")
        iso3 = self.gaz.iso3.get(iso2 or "")
        foreign = {country for people in peoples for country in self.kb_adjectives.get(people, ())} - {iso3}
        if foreign or any(n > 0 for country, n in context.countries.items() if country != iso3):
            return
        for form in forms:
            compact = letters(form)
            if len(compact) < 4 or not (_named_after(context.site, compact)
                                        or any(_named_after(section, compact) for section in context.sections)):
                continue
            senses = [e for e, primary in self.gaz.lookup(form) if primary]
            towns = [e for e in senses if e.feature == "city" and e.iso2 == iso2]
            if not towns or any(e.feature in ("country", "admin1", "area") for e in senses):
                return
            near: Counter[str] = Counter()
            for other in forms:
                candidates = [e for e, primary in self.gaz.lookup(other) if primary] if other != form else []
                if candidates and all(e.iso2 != iso2 for e in candidates):
                    return  # "Tondo" in the Manila Times: the site's town is no namesake of ours
                near.update({key for e in candidates if e.iso2 == iso2 and e.feature in ("admin1", "admin2")
                             for key in (e.admin1, e.admin2) if key})
            town = max(towns, key=lambda e: (near[e.admin2 or ""], near[e.admin1 or ""], e.population))
            context.mastheads[form] = town
            _count_home(context, town)
            return

    def home_town(self, url: str | None = None, outlet: str | None = None, outlets: Outlets | None = None) -> GeoEntry | None:
        """The home town of a local or regional outlet (``data/outlet_homes.tsv``), by its name or web
        site, as a gazetteer entry; ``None`` for outlets not in that table and for agencies."""
        entry = (outlets or self.outlets).forms.get(outlet or "")
        if entry is not None and entry.kind in ("agency", "generic"):
            return None
        home = (outlets or self.outlets).homes.find(url, outlet)
        if home is None:
            return None
        if home not in self._towns:
            iso2 = self.gaz.iso2.get(home.country)
            region = f"{iso2}.{home.region}" if home.region else None
            towns = [e for e, _ in self.gaz.lookup(home.city) if e.feature == "city" and e.iso2 == iso2
                     and (region is None or e.admin1 == region)]
            self._towns[home] = max(towns, key=lambda e: e.population, default=None)
        return self._towns[home]

    def article_places(self, blocks: list[tuple[int, Doc]], context: Context, keep_metonyms: bool = False) -> list[Place]:
        """Places of a whole article given its paragraphs as (offset, doc), in three readings.
        The first notes the countries and regions named with confidence (≥ 0.85), so that a name
        in the headline is placed knowing what the rest of the article says. The second resolves
        every name in that light. The third resolves each name again against where the second
        put all the *other* names ("Paris" in an article that also names Edgar County and Urbana
        is Paris, Illinois), so a name's own first guess does not vouch for itself."""
        found = [(offset, doc, self.mentions(doc)) for offset, doc in blocks]  # the same in every reading
        self._masthead(context, list(dict.fromkeys(m.form for _, _, mentions in found for m in mentions)),
                       {ent.text for _, doc, _ in found for ent in doc.ents if ent.label_ == "NORP"})
        context.linked = self._linked_districts({m.form for _, _, mentions in found for m in mentions})
        base, scratch = context.counts(), context.counts()
        for offset, doc, mentions in found:
            for place in self.places(doc, offset, scratch, keep_metonyms=True, mentions=mentions):
                if place.confidence >= PRIME_CONFIDENCE:
                    context.add_country(place.country)
                    if place.admin1:
                        context.regions[place.admin1] += 1
                    entry = scratch.senses.get(place.text)
                    if entry is not None and entry.admin2:
                        context.districts[entry.admin2] += 1
        second = context.counts()
        # places only: "U.S. envoys met in Geneva" says nothing about where Geneva is
        read = [(p.text, second.senses.get(p.text)) for offset, doc, mentions in found
                for p in self.places(doc, offset, second, keep_metonyms=False, mentions=mentions)]
        by_name: dict[str, Context] = {}
        for text, entry in read:
            if entry is not None:
                by_name.setdefault(text, Context()).add_place(entry, self.gaz.country_of(entry))
        total = base
        for part in by_name.values():
            total.tally(part)
        for text, part in by_name.items():
            context.others[text] = total.without(part)
        return [p for offset, doc, mentions in found for p in self.places(doc, offset, context, keep_metonyms, mentions)]

    def _linked_districts(self, forms: set[str]) -> frozenset[str]:
        """Districts where a county one name can be and a town another name can be meet: "Paris
        and Henry County" are Paris, Tennessee and the Tennessee county it lies in, of the ten
        Henry Counties and dozens of Parises."""
        counties: dict[str, set[str]] = {}
        towns_in: dict[str, set[str]] = {}  # district → the names with a town there
        for form in forms:
            candidates = self.gaz.lookup(form)
            counties[form] = {e.admin2 for e, primary in candidates if e.feature == "admin2" and primary and e.admin2}
            for entry, _ in candidates:
                if entry.feature == "city" and entry.admin2:
                    towns_in.setdefault(entry.admin2, set()).add(form)
        return frozenset(key for form, keys in counties.items() for key in keys if towns_in.get(key, set()) - {form})

    def places(self, doc: Doc, offset: int, context: Context, keep_metonyms: bool = False,
               mentions: list[Mention] | None = None) -> list[Place]:
        """Resolved toponyms of one paragraph, offsets in the article; updates ``context``.
        ``mentions`` are the paragraph's toponyms when the caller has found them already."""
        mentions = self.mentions(doc) if mentions is None else mentions
        containers = self._containers(mentions)
        out: list[tuple[int, Place]] = []
        # the sure ones first ("City, Region" pairs, names with one candidate), so they inform the rest
        sure = set(containers) | set(containers.values())
        order = sorted(range(len(mentions)), key=lambda i: (i not in sure, len(self.gaz.lookup(mentions[i].form)) > 1, i))
        regions = [{e.admin1 for e, _ in self.gaz.lookup(m.form) if e.admin1 and self._landmark(e)} for m in mentions]
        for i in order:
            mention = mentions[i]
            if not keep_metonyms and self.is_metonym(mention.span.root, mention.form):
                continue
            within = mentions[containers[i]].form if i in containers else None
            context.nearby = frozenset().union(*(r for j, r in enumerate(regions) if mentions[j].form != mention.form))
            place = self.resolve(mention.form, context, within=within, guess=True)
            context.nearby = frozenset()
            if place is not None:
                span = mention.span
                place.text, place.start, place.end = span.text, offset + span.start_char, offset + span.end_char
                out.append((i, place))
        return [p for _, p in sorted(out, key=lambda x: x[0])]

    def mentions(self, doc: Doc) -> list[Mention]:
        """Toponym spans in reading order: place entities, then gazetteer names spaCy left unlabelled."""
        found: list[Mention] = []
        unknown: list[Mention] = []  # place entities to guess, unless a gazetteer name overlaps them ("Ft" of "Ft. Worth")
        taken: set[int] = set()
        for ent in doc.ents:
            county = self._leading_county(ent) if ent.label_ == "ORG" else None
            if county is not None:  # "the Edgar County Community Foundation": Edgar County
                found.append(county)
                taken.update(range(county.span.start, county.span.end))
            elif ent.label_ in PLACE_ENTS or (ent.label_ in ("PERSON", "ORG", "NORP") and self._region_or_country(ent.text)):
                for mention in self._split(ent):
                    if self.gaz.lookup(mention.form):
                        found.append(mention)
                        taken.update(range(mention.span.start, mention.span.end))
                    else:
                        unknown.append(mention)
        scanned: set[int] = set()
        i = 0
        while i < len(doc):
            width = 0 if i in taken else self._unlabelled_at(doc, i)
            if width:
                found.append(Mention(doc[i:i + width], doc[i:i + width].text))
                scanned.update(range(i, i + width))
                i += width
            else:
                i += 1
        found += [m for m in unknown if not scanned.intersection(range(m.span.start, m.span.end))]
        found.sort(key=lambda m: m.span.start)
        return found

    def _leading_county(self, ent: Span) -> Mention | None:
        """An American county that begins an organisation's name ("Edgar County Community
        Foundation", "Orange County Register"); not a state or country ("Washington Post", "New York
        Times" name no place of the story), nor a club ("Essex County Cricket Club", "Derby County":
        English counties have no "County" in GeoNames' names, so a match would be an American one)."""
        span = ent[1:] if len(ent) > 2 and ent[0].lower_ == "the" else ent
        if any(tok.text in CLUB_WORDS for tok in span):
            return None
        for width in range(2, min(len(span), MAX_WORDS) + 1):
            if span[width - 1].text in COUNTY_WORDS and span[0].text[:1].isupper():
                head = span[:width]
                if any(e.feature == "admin2" and e.iso2 == "US" for e, primary in self.gaz.lookup(head.text) if primary):
                    return Mention(head, head.text)
                return None
        return None

    def _split(self, ent: Span) -> list[Mention]:
        """An entity as one or more place mentions: "the United States" → "United States",
        "Alexandria, La." → two, an outlet or organisation → none."""
        span = ent
        while len(span) > 1 and (span[0].lower_ == "the" or span[0].is_punct):
            span = span[1:]
        while len(span) > 1 and (span[-1].lower_ in ("'s", "’s") or span[-1].is_punct and span[-1].text != "."):
            span = span[:-1]
        text = span.text
        if text in self.outlet_forms or text in self.not_places:
            return []
        if self.gaz.lookup(text):
            return [Mention(span, text)]
        base = self._base_form(span)
        if base is not None:  # "North Texas", "Kermanshah province": the known place inside
            return [Mention(span, base)]
        parts: list[Mention] = []
        start = span.start
        for tok in list(span) + [None]:
            if tok is None or tok.text == ",":
                end = tok.i if tok is not None else span.end
                piece = span.doc[start:end]
                if len(piece) and piece.text not in self.outlet_forms and self.gaz.lookup(piece.text):
                    parts.append(Mention(piece, piece.text))
                start = end + 1
        if not parts and ent.label_ in GUESS_ENTS and _worth_a_guess(span):
            return [Mention(span, text)]  # unknown to the gazetteer: to be guessed (see :meth:`mentions`)
        return parts

    def _base_form(self, span: Span) -> str | None:
        """The known country, region or area under a compass word or a region's kind: "North Texas",
        "Southern Sudan", "West Africa", "Kermanshah province", "Ochamchire district"."""
        words = span.text.split()
        if len(words) < 2:
            return None
        if words[0] in COMPASS_WORDS:
            rest = " ".join(words[1:])
        elif words[-1].lower() in REGION_KIND_WORDS:
            rest = " ".join(words[:-1])
            titled = f"{rest} {words[-1].title()}"  # GeoNames' "Kermanshah Province", "Kharkiv Oblast"
            if any(e.feature in ("admin1", "admin2") for e, _ in self.gaz.lookup(titled)):
                return titled
            if not any(e.feature in ("admin1", "admin2") for e, _ in self.gaz.lookup(rest)):
                return None  # "Hama province" is no city, "Georgia county" no country
        else:
            return None
        if any(e.feature in ("country", "admin1", "admin2", "area", "continent") or e.feature == "city" and e.population >= CITY_MIN_POPULATION
               for e, primary in self.gaz.lookup(rest) if primary):
            return rest
        return None

    def _unlabelled_at(self, doc: Doc, i: int) -> int:
        """Width of the longest gazetteer name starting at token ``i`` worth taking without a label."""
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "DATE"):
            return 0
        # the small model tags some city names NOUN ("Kharkiv saw …"); at a sentence start only big places
        common = tok.pos_ == "NOUN" and tok.is_sent_start
        threshold = BIG_CITY_POPULATION if common else CITY_MIN_POPULATION
        after_locative = i > 0 and (doc[i - 1].lower_ in LOCATIVE or doc[i - 1].text == ",")
        text = doc_text(doc)
        for width in range(min(MAX_WORDS, len(doc) - i), 0, -1):
            last = doc[i + width - 1]
            form = text[tok.idx:last.idx + len(last.text)]
            if last.ent_type_ in ("PERSON", "ORG") or form in self.outlet_forms or form in self.not_places:
                continue
            candidates = self.gaz.lookup(form)
            if any(e.feature == "country" or self._notable_region(e) or e.feature == "city" and e.population >= threshold
                   for e, _ in candidates):
                return width
            if after_locative and not common and any(e.feature != "city" or e.population >= LOCATIVE_MIN_POPULATION
                                                     for e, _ in candidates):
                return width
        return 0

    def _landmark(self, entry: GeoEntry) -> bool:
        """A region or a city big enough that naming it hints at its region ("Georgia's governor …
        in Atlanta"); every name has some hamlet in most states, which hints at nothing."""
        return self._notable_region(entry) or entry.feature == "city" and entry.population >= LANDMARK_POPULATION

    def _region_or_country(self, text: str) -> bool:
        return any(primary and (e.feature == "country" or self._notable_region(e)) for e, primary in self.gaz.lookup(text))

    def _notable_region(self, entry: GeoEntry) -> bool:
        """A first-level region worth taking where spaCy did not label the name: one of our own
        list (US states, Canadian provinces …) or one of a million people or more, not the
        Isle of Man's parish "Michael" or Uruguay's department "Flores"."""
        return entry.feature == "area" or entry.feature == "admin1" and (
            entry.admin1 in self.gaz.curated or entry.population >= NOTABLE_REGION_POPULATION)

    def _containers(self, mentions: list[Mention]) -> dict[int, int]:
        """ "Alexandria, La.", "Paris, Texas", "Tbilisi, Georgia": mention index → its container's index."""
        pairs = {}
        for i in range(len(mentions) - 1):
            a, b = mentions[i].span, mentions[i + 1].span
            between = a.doc[a.end:b.start]
            if len(between) == 1 and between[0].text == "," and any(
                e.feature in ("country", "admin1") for e, _ in self.gaz.lookup(mentions[i + 1].form)
            ):
                pairs[i] = i + 1
        return pairs

    # -- metonymy ---------------------------------------------------------
    def is_metonym(self, token: Token, form: str | None = None) -> bool:
        """Does this toponym (``token`` is its head) stand for a government, not a place?
        "Beijing said", "Russia invaded", "condemned by Washington": yes; "talks in Beijing": no."""
        form = form if form is not None else token.text
        modifier = token
        while modifier.dep_ == "conj" and modifier.head is not modifier:  # "Iranian and U.S. envoys"
            modifier = modifier.head
        if modifier.dep_ in ("compound", "amod", "nmod", "poss") and modifier.head.pos_ in ("NOUN", "PROPN") \
                and modifier.head.ent_type_ not in ("GPE", "LOC", "FAC") and self._country_name(form):
            return True  # "U.S. envoys", "Russia's forces": a nationality, not where anything happened
        head, dep = token, token.dep_
        while dep == "conj" and head.head is not head:  # "China and Russia said"
            head = head.head
            dep = head.dep_
        verb = head.head
        if dep == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent":
            dep, verb = "nsubj", verb.head
        lemma = verb.lemma_.lower()
        if dep in ("dobj", "dative") and lemma in SPEECH and lemma not in ("report", "announce", "state", "note"):
            return self._government_name(form)  # "Washington warned Moscow", "urged Beijing"
        if dep != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            return False
        if lemma in SPEECH:
            return True
        if lemma in STATIVE:
            return False
        return self._government_name(form)

    def _country_name(self, form: str) -> bool:
        return any(primary and e.feature == "country" for e, primary in self.gaz.lookup(form))

    def _government_name(self, form: str) -> bool:
        """A country, a region or a capital: names that stand for a government."""
        if form in self.kb_capitals:
            return True
        return any(primary and (e.feature in METONYM_FEATURES or e.capital) for e, primary in self.gaz.lookup(form))

    # -- resolution -------------------------------------------------------
    def resolve(self, form: str, context: Context, within: str | None = None, guess: bool = False) -> Place | None:
        """Resolve one name (as written) in the article's context; ``within`` is a container name
        ("La." in "Alexandria, La."). Unknown names give ``None``, or with ``guess`` a
        low-confidence point from the container or the context (``source="guess"``)."""
        # a country word is its country, not a small town ("Canadian" winters, not Canadian, Texas), but a
        # real region or city of that name stays ("Ethiopia's Somali region", Brits in South Africa)
        masthead = context.mastheads.get(form)
        if masthead is not None and within is None:  # "Paris" in the Paris News
            return self._record(form, masthead, MASTHEAD_CONFIDENCE, context)
        candidates = self.gaz.lookup(form)
        if not any(e.feature in ("country", "admin1", "area") or e.feature == "city" and e.population >= CITY_MIN_POPULATION
                   for e, _ in candidates):
            candidates = self._adjective(form) or candidates
        if not candidates:  # "Ohioans", "South Ossetian", "Loudon Co.", "N.Y"
            candidates = self._demonym(form) or self._abbreviated(form)
        view = context.others.get(form)
        if view is not None:
            view.nearby = context.nearby
        else:
            view = context
        if within is not None:
            inside = self._inside(candidates, within)
            candidates = inside or candidates
        else:
            candidates = self._outranked(candidates, view)
        if not candidates:
            return self._guess(form, context, within) if guess else None
        previous = context.senses.get(form)
        if previous is not None and within is None and any(e == previous for e, _ in candidates):
            entry, confidence = previous, 0.9
        else:
            entry, confidence = self._choose(form, candidates, view)
        return self._record(form, entry, confidence, context)

    def _adjective(self, form: str) -> list[tuple[GeoEntry, bool]]:
        """A country word that is not a name ("Sudanese", "Americans"): its country, for callers
        that pass one (the gold sets mark demonyms; :meth:`mentions` never yields them)."""
        for entry in self.kb_adjectives.get(form, ()):
            country = self.gaz.countries.get(self.gaz.iso2.get(entry, ""))
            if country is not None:
                return [(country, True)]
        return []

    def _demonym(self, form: str) -> list[tuple[GeoEntry, bool]]:
        """The place a word for its people names: "Ohioans" Ohio, "Texan" Texas, "Minnesotans"
        Minnesota, "South Ossetians" South Ossetia, "Ontarians" Ontario, "Londoner" London,
        "Richmondites" Richmond, "Dagestani" Dagestan. Only a country, a region, a named area or a
        city of 100,000 or more counts ("Texan" is no hamlet "Tex")."""
        words = form.split(" ")
        last = words[-1]
        if len(last) < 5 or not last[:1].isupper():
            return []
        singular = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
        for ending, replacements in DEMONYM_ENDINGS:
            if not singular.endswith(ending) or len(singular) - len(ending) < 3:
                continue
            stem = singular[: len(singular) - len(ending)]
            for replacement in replacements:
                name = " ".join(words[:-1] + [stem + replacement])
                found = [(e, primary) for e, primary in self.gaz.lookup(name) if primary and (
                    e.feature in ("country", "admin1", "area") or e.feature == "city" and e.population >= DEMONYM_CITY_POPULATION)]
                if found:
                    return found
        return []

    def _abbreviated(self, form: str) -> list[tuple[GeoEntry, bool]]:
        """A name with a shortened last word ("Loudon Co." Loudon County, "Tewksbury Twp.") or an
        abbreviation missing its last stop ("N.Y", "Calif")."""
        words = form.split(" ")
        full = ABBREVIATED_LAST.get(words[-1])
        if full is not None and len(words) > 1:
            return self.gaz.lookup(" ".join(words[:-1] + [full]))
        if not form.endswith(".") and form[:1].isupper() and len(form) <= 6:
            return [(e, primary) for e, primary in self.gaz.lookup(form + ".") if e.feature in ("country", "admin1")]
        return []

    def _outranked(self, candidates: list[tuple[GeoEntry, bool]], context: Context) -> list[tuple[GeoEntry, bool]]:
        """Drop the senses a news reader would not think of. A region named after its own city is
        the city ("Geneva", "Idlib"; the region's own words, "Idlib province", are another name).
        A country's or a state's own name means it, not a town named after it: "Canada",
        "Lebanon" and "Kansas" are not the hamlets of those names, unless the article is about
        the hamlet's state ("Palestine" in an article on East Texas). Cities of 100,000 or more
        stay in the running ("New York", "Washington")."""
        towns = {key for e, _ in candidates if e.feature == "city" for key in (e.admin1, e.admin2) if key}
        candidates = [(e, p) for e, p in candidates if not (
            e.feature in ("admin1", "admin2") and e.admin1 not in self.gaz.curated
            and (e.admin2 if e.feature == "admin2" else e.admin1) in towns)]
        if not any(primary and (e.feature == "country" or e.feature == "admin1" and e.admin1 in self.gaz.curated)
                   for e, primary in candidates):
            return candidates
        return [(e, p) for e, p in candidates if e.feature in ("country", "admin1", "continent")
                or e.feature == "city" and e.population >= CITY_MIN_POPULATION or context.regions[e.admin1 or ""]]

    def _inside(self, candidates: list[tuple[GeoEntry, bool]], within: str) -> list[tuple[GeoEntry, bool]]:
        outer = [e for e, _ in self.gaz.lookup(within) if e.feature in ("country", "admin1")]
        keep = []
        for entry, primary in candidates:
            for container in outer:
                same = entry.admin1 == container.admin1 if container.feature == "admin1" else entry.iso2 == container.iso2
                if same and entry != container:
                    keep.append((entry, primary))
                    break
        return keep

    def _choose(self, form: str, candidates: list[tuple[GeoEntry, bool]], context: Context) -> tuple[GeoEntry, float]:
        town = max((e.population for e, _ in candidates if e.feature == "city"), default=0)
        scored = sorted(((self._score(e, primary, context, form, town), e) for e, primary in candidates), key=lambda x: -x[0])
        best_score, best = scored[0]
        if len(scored) == 1:
            return best, 0.9
        margin = best_score - scored[1][0]
        confidence = 0.5 + 0.45 * min(margin, 1.5) / 1.5
        rivals_abroad = any(e.iso2 != best.iso2 for _, e in scored[1:])
        if context.empty and rivals_abroad:
            confidence = min(confidence, 0.7)
        return best, round(confidence, 2)

    def _score(self, entry: GeoEntry, primary: bool, context: Context, form: str = "", town: int = 0) -> float:
        """How likely ``entry`` is what the name means here; ``town`` is the population of the
        biggest city among the name's candidates."""
        primary = primary or entry.name.startswith(form + " ")  # "New York" for New York City
        score = FEATURE_PRIOR[entry.feature]
        if entry.feature in ("admin1", "admin2") and entry.population < CITY_MIN_POPULATION <= town:
            score -= SMALL_REGION_PENALTY  # "St. Paul" is Minnesota's capital, not a parish of Antigua
        if entry.feature == "city":
            score += min(math.log10(entry.population + 1) / 3, 2.4) + (0.5 if entry.capital else 0.0)
        if not primary:
            score -= ALTERNATE_PENALTY
        iso3 = self.gaz.iso3.get(entry.iso2)
        if iso3 and context.countries[iso3]:
            score += 1.0 + 0.1 * min(context.countries[iso3], 5)
        elif context.countries and any(self.gaz.iso3.get(n) in context.countries for n in self.gaz.neighbours.get(entry.iso2, ())):
            score += 0.4
        if entry.admin2 and entry.admin2 in context.linked:
            score += LINKED_BONUS
        if entry.admin2 and context.districts[entry.admin2]:
            score += 1.0  # a town in a county named before, or the county of a town named before
        if entry.admin1 and context.regions[entry.admin1]:
            score += 1.5
        elif entry.admin1 in context.nearby:
            score += 1.0  # "Georgia's governor … in Atlanta": another name here can lie in this region
        return score

    def _record(self, form: str, entry: GeoEntry, confidence: float, context: Context) -> Place:
        iso3 = self.gaz.iso3.get(entry.iso2)
        lat, lon = entry.lat, entry.lon
        context.senses[form] = entry
        context.add_place(entry, iso3)
        return Place(
            text=form, start=0, end=0, name=entry.name, country=iso3, fips=self.gaz.fips.get(iso3 or ""),
            admin1=entry.admin1, lat=round(lat, 5), lon=round(lon, 5), geonameid=entry.geonameid,
            feature=entry.feature, confidence=confidence, source="gazetteer",
        )

    def _guess(self, form: str, context: Context, within: str | None = None) -> Place | None:
        """An unknown name: the article's most-mentioned region, else country, at low confidence."""
        for outer in (e for e, _ in self.gaz.lookup(within or "") if e.feature in ("country", "admin1")):
            # "Harwinton, Connecticut": inside the region or country the text names
            return self._guessed(form, self.gaz.iso3.get(outer.iso2), outer.admin1, round(outer.lat, 5), round(outer.lon, 5), 0.1)
        if context.regions:
            key = context.regions.most_common(1)[0][0]
            region = self.gaz.admin1.get(key)
            points = context.points.get(key)
            if region is not None or points:
                lat, lon = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)) if points else (region.lat, region.lon)
                return self._guessed(form, self.gaz.iso3.get(key.split(".")[0]), key, round(lat, 5), round(lon, 5), 0.1)
        if context.countries:
            iso3 = context.countries.most_common(1)[0][0]
            country = self.gaz.countries.get(self.gaz.iso2.get(iso3, ""))
            if country is not None:
                return self._guessed(form, iso3, None, country.lat, country.lon, 0.05)
        return None

    def _guessed(self, form: str, iso3: str | None, admin1: str | None, lat: float, lon: float, confidence: float) -> Place:
        """A flagged guess for ``form``: no GeoNames id, no feature, ``source="guess"``."""
        return Place(form, 0, 0, form, iso3, self.gaz.fips.get(iso3 or ""), admin1, lat, lon, None, None, confidence, "guess")


def _worth_a_guess(span: Span) -> bool:
    """An unknown place entity that is most likely a place: named as a landform, a water, a township
    or a road ("Neches River", "Readington Township"), or right after "in", "near", "from" …
    ("in Harwinton"). spaCy's small model tags many people and firms GPE ("Saakashvili", "United Way")."""
    if len(span) > MAX_WORDS or not span[0].text[:1].isupper() or any(t.like_num for t in span):
        return False
    if len(span) > 1 and span[-1].text in GEO_HEADS:
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in GUESS_PREPS and len(span) == 1 and span[0].pos_ == "PROPN"


def _count_home(context: Context, town: GeoEntry) -> None:
    """A local outlet's home town: its state and county count as named once (a local paper's
    "Richmond" is the one near home)."""
    context.home_region, context.home_district = town.admin1, town.admin2
    context.regions[town.admin1] += 1
    context.points[town.admin1] = [(town.lat, town.lon)]
    if town.admin2:
        context.districts[town.admin2] += 1


def local_sections(url: str | None) -> tuple[str, ...]:
    """The folders of a web address's path (not its last segment, the story's own name) that join
    words with "_" or "-" ("dublin_news"), letters only: a local paper's edition for a town ("dublinnews")."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return ()
    host = parts.hostname or ""
    if not host or ":" in host or host.rpartition(".")[2].isdigit():
        return ()  # no web site: a file, an IP address
    path = parts.path
    segments = [part for part in path.split("/") if part][:-1][:MAX_SECTIONS]
    if any(letters(part) in WORLD_FOLDERS for part in segments):
        return ()  # "/world/paris-news/": a foreign desk's folder
    return tuple(letters(part) for part in segments
                 if ("_" in part or "-" in part) and len(part) <= MAX_SECTION_CHARS)


def _named_after(site: str, town: str) -> bool:
    """Whether a site's name is a town's name followed by newspaper words ("parisbeacon",
    "theparisnews", "jordannews", "athensdailynews")."""
    site = site.removeprefix("the")
    if not site.startswith(town) or site == town:
        return False
    rest = site[len(town):]
    while rest:
        word = next((w for w in MASTHEAD_WORDS_LONGEST_FIRST if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word):]
    return True


@lru_cache(maxsize=1)
def load_geocoder() -> Geocoder:
    """The process's geocoder (the gazetteer is built on first use)."""
    return Geocoder()
