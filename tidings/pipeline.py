"""The pipeline: an :class:`~tidings.records.Article` in, the same article with events out.

Stages run in order on the one ``Article`` record: nlp (sentences and parse)
→ actors (mentions) → events. Models and knowledge files are loaded once per
:class:`Coder` and shared by every article it codes.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass
from datetime import date as Date
from typing import Iterable, Iterator, TypeVar

from . import __version__, headlines
from .actors import ActorResolver, ArticleMemory
from .errors import ConfigError
from .events import EventFinder, Found
from .lexicon import load_classes, load_lexicon
from .kb import load_kb
from .nlp import REWRITTEN, Block, doc_text, load_model, parse_many, sentence_spans
from .ontology import load_ontology
from .outlets import load_outlets, title_tail
from .locate import article_place, event_date, event_location, year_from_text
from .places import load_geocoder
from .quotes import SPEECH_LEMMAS, QuoteFinder, attribution
from .times import find_times, is_before
from .records import Actor, Article, Event, Mention, Place, Quote, Record, Sentence
from .truecase import load_casing


T = TypeVar("T")
VOCABULARY_ALLOWANCE = 50_000  # new strings spaCy may keep before batches are coded in memory zones


@dataclass(frozen=True)
class Options:
    """Settings of a coding run."""

    actors_file: str | None = None
    outlets_file: str | None = None


def check_date(value: str | None) -> str | None:
    """Validate a publication date (YYYY-MM-DD); ``None`` stays ``None``."""
    if value in (None, ""):
        return None
    text = str(value)[:10]
    try:
        return Date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"date {value!r} is not a YYYY-MM-DD date") from None


class Coder:
    """Codes articles into events. Create one and reuse it: loading takes a few seconds."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.nlp = load_model()
        self.kb = load_kb(self.options.actors_file)
        self.ontology = load_ontology()
        self.lexicon = load_lexicon(frozenset(self.ontology.codes))
        self.resolver = ActorResolver(self.kb)
        self.finder = EventFinder(self.lexicon, self.ontology, self.resolver)
        self.outlets = load_outlets(self.options.outlets_file)
        self.quotes = QuoteFinder(self.resolver, self.outlets)
        # the words a headline's verb can be: event triggers and reporting verbs
        self.headline_verbs = frozenset(lemma for lemma, pos in self.lexicon.entries if pos == "VERB") | SPEECH_LEMMAS
        self.geocoder = load_geocoder()
        self.lexicon.is_place = self._town_or_region
        self.casing = load_casing(self.nlp, self.kb, self.geocoder.gaz,
                                  {lemma for lemma, _ in self.lexicon.entries} | set().union(*load_classes().values()))
        self.coder_version = f"tidings-{__version__}+lexicon.{self.lexicon.version}+ontology.{self.ontology.version}"
        self.kb_version = f"{self.kb.version}+outlets.{self.outlets.version}"
        # The model, KB and gazetteer are half a million objects that live as long as the process.
        # Python's full garbage collections would walk them all again and again (a quarter of a
        # second each, measured): set aside what is alive now, so that only new objects are walked.
        gc.collect()
        gc.freeze()
        self.vocabulary_limit = len(self.nlp.vocab.strings) + VOCABULARY_ALLOWANCE

    def read_title(self, article: Article, line: str, body: str, told: dict[int, Told] | None = None) -> tuple[int, str]:
        """A headline as it is parsed: without an outlet's name at its end ("… - Reuters", "… | World
        news | The Guardian": not a party to the event), in a sentence's case, and without the source
        it names ("Zelensky: …", "… - UN", "…: Pentagon"), which goes into ``told`` under the article's
        id. Returns how many characters are left out at the start, and the rest as read."""
        cut = title_tail(self.outlets, line, article.outlet)
        head = self.casing.sentence_case(line if cut is None else line[:cut], body)
        for candidate in headlines.told_by(head):
            phrase = head[candidate.source[0]:candidate.source[1]]
            spoken = head[candidate.cue[0]:candidate.cue[1]].isalpha()  # "…, Seoul says": a capital speaks
            if not spoken and self._place_name(phrase.strip()):
                continue  # "Gaza: Israeli strikes kill 20": where, not who; the place stays in the parse
            speakers = self._sources(phrase, article.date)
            if speakers:
                if told is not None:
                    told[id(article)] = Told(candidate, speakers)
                start, end = candidate.claim
                return start, head[start:end]
        return 0, head

    def _town_or_region(self, name: str) -> bool:
        """Is the name that of a country, a region or a town of 15,000 or more, and no leader's ("Goma",
        "Avdiivka"; not "Jackson" of a KB office holder)? The lexicon asks it of a verb's object."""
        if name in self.kb.surnames or any(e.kind in ("person", "user") for e in self.kb.lookup(name)):
            return False
        return self._gazetteer_place(name, TOWN_POPULATION, every_sense=True)  # "Crimea" is another name of a region

    def _place_name(self, phrase: str) -> bool:
        """Is the phrase the name of a country, a region or a city of 50,000 or more ("Gaza", "Sudan")?"""
        return self._gazetteer_place(phrase, PLACE_LABEL_POPULATION)

    def _gazetteer_place(self, name: str, population: int, every_sense: bool = False) -> bool:
        """Is the name, as the gazetteer's own name of it (with ``every_sense``, also as another name), a
        country, a region, or a town of ``population`` or more (a town only under its own name)?"""
        return any(e.feature not in ("city", "admin2") or primary and e.population >= population
                   for e, primary in self.geocoder.gaz.lookup(name) if primary or every_sense)

    def _sources(self, phrase: str, date: str | None) -> list[Actor]:
        """The parties a headline's source phrase names ("Zelensky", "health ministry", "UN"), when the phrase
        ends with one: not a topic ("Ukraine war"), a place ("Gaza") or a label ("Live", "Analysis")."""
        doc = self.nlp(phrase)
        last = doc[-1]
        named = bool(self.kb.lookup(phrase.strip())) or phrase.strip().lower() in self.kb.roles  # "IDF", "WHO", "state media"
        if not named and (len(doc) == 1 and last.lower_ in HEADLINE_LABELS or not (
                last.pos_ == "PROPN" or last.lemma_.lower() in self.kb.roles or last.text in self.kb.surnames)):
            return []  # a topic ("Ukraine war"), a label ("Live", "Analysis")
        if any(t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or t.pos_ == "ADP" and t.lower_ != "of" for t in doc):
            return []  # a clause ("Iran threatens Israel"), two parties ("Biden and Xi"), "Blinken in Beijing"
        whole = any(t.pos_ == "ADP" for t in doc)  # "Ministry of Defence": only a name that is all of it
        if len(doc) == 1 and last.text in self.kb.surnames:  # "Zelensky: …", a leader known by surname
            entry = self.kb.person_at(self.kb.surnames[last.text], check_date(date))
            if entry is not None:
                return [Actor(last.text, 0, len(last.text), entry.country, entry.sector, entry.name, entry.kb_id)]
        end = len(phrase.rstrip())
        return [a for a in self._resolve_doc(doc, date) if a.end == end and (a.start == 0 or not whole)
                and (a.country or a.kb_id or a.sector) and not (a.kb_id or "").startswith(NOT_SOURCE_KB)]

    def code(self, article: Article) -> Article:
        """Run every stage on the article and return it."""
        return self.code_many([article])[0]

    def code_many(self, articles: list[Article]) -> list[Article]:
        """Code a batch of articles, parsing them in one stream."""
        # spaCy adds every new word of the batch to its vocabulary and string store, which a long
        # ingest would grow without end. Up to VOCABULARY_ALLOWANCE new strings are kept, as bare spaCy
        # keeps them; past that, each batch is coded in a memory zone, which evicts the words it added
        # when the batch is done (a zone costs about 6 % of the parse: its words are made again in the
        # next one). Nothing spaCy made may outlive the block: the records below hold plain strings.
        grown = len(self.nlp.vocab.strings) >= self.vocabulary_limit
        with self.nlp.memory_zone() if grown else contextlib.nullcontext():
            for article in articles:
                article.date = check_date(article.date)
                article.coder_version, article.kb_version = self.coder_version, self.kb_version
                article.events, article.mentions, article.quotes = [], [], []
            told: dict[int, Told] = {}
            parsed = parse_many(articles, self.nlp, headline_verbs=self.headline_verbs,
                                read_title=lambda article, line, body: self.read_title(article, line, body, told))
            for article, blocks in zip(articles, parsed):
                rewritten = blocks[0] if blocks and blocks[0].doc.user_data.get(REWRITTEN) else None
                source = told.get(id(article)) if rewritten is not None else None
                memory = ArticleMemory(article.date)
                if source is not None:  # block-relative offsets, before the block: "Kurti" in "Kurti: EU must …"
                    shift = source.candidate.source[0] - source.candidate.claim[0]
                    memory.told_by = [_shift(a, shift) for a in source.speakers]
                if article.date is None:
                    memory.year = year_from_text(article.text)
                    article.date_source = "text" if memory.year else None
                else:
                    article.date_source = article.date_source or "input"
                article.times = find_times(_as_read(article.text, rewritten), article.date)
                article.places = self.geocoder.article_places([(b.start, b.doc) for b in blocks],
                                                              self.geocoder.context_for(article.url, article.outlet, self.outlets))
                about = article_place(article.places)
                quotes = self.quotes.start(article, [(b.start, b.start + len(doc_text(b.doc))) for b in blocks])
                for block in blocks:
                    memory.block = block.index
                    for sentence, span in sentence_spans(block, article):
                        self._code_sentence(article, block, sentence, span, memory, about)
                        self.quotes.sentence(quotes, block.start, sentence.index, sentence.paragraph, span, memory)
                article.quotes = self.quotes.finish(quotes)
                if source is not None:
                    article.quotes = sorted([*article.quotes, _told_quote(article, rewritten, source)], key=lambda q: (q.start, -q.end))
                for event in article.events:
                    event.attribution = attribution(event.trigger.start, article.quotes)
                if rewritten is not None:
                    _as_written(article, rewritten.start + len(doc_text(rewritten.doc)))
        return articles

    def code_stream(self, items: Iterable[T], batch_size: int = 32) -> Iterator[T]:
        """Code the Articles in a stream in batches, passing anything else through in order."""
        batch: list[T] = []
        articles = 0
        for item in items:
            batch.append(item)
            articles += isinstance(item, Article)
            if articles >= batch_size:
                yield from self._flush(batch)
                batch, articles = [], 0
        yield from self._flush(batch)

    def _flush(self, batch: list[T]) -> list[T]:
        self.code_many([x for x in batch if isinstance(x, Article)])
        return batch

    def resolve_phrase(self, phrase: str, date: str | None = None) -> list[Actor]:
        """Resolve a free-standing actor phrase ("Chinese president Xi Jinping") on a date."""
        return self._resolve_doc(self.nlp(phrase), date)

    def _resolve_doc(self, doc, date: str | None = None) -> list[Actor]:
        memory = ArticleMemory(check_date(date))
        roots = [t for t in doc if t.head.i == t.i]
        if len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN"):
            actors = self.resolver.resolve_head(roots[0], memory)
            if any(a.country for a in actors):
                return actors
        return self.resolver.resolve(list(doc), memory)

    def _code_sentence(self, article: Article, block: Block, sentence: Sentence, span, memory: ArticleMemory,
                       about: Place | None = None) -> None:
        for actor in self.resolver.sentence_mentions(span, memory):
            article.mentions.append(Mention(_shift(actor, block.start), sentence.index))
        for found in self.finder.find(span, memory):
            article.events.append(self._event(article, block, sentence, found, memory.year, about))

    def _event(self, article: Article, block: Block, sentence: Sentence, found: Found, year: str | None = None,
               about: Place | None = None) -> Event:
        code = self.ontology.code(found.cameo)
        tok = found.token
        start = block.start + tok.idx
        factuality = found.factuality.value
        cue = article.span(block.start + found.factuality.cue[0], block.start + found.factuality.cue[1]) if found.factuality.cue else None
        date, time = event_date(tok, block.start, article.times, article.date, year)
        if time is not None and factuality in ("asserted", "reported") and is_before(time.value, article.date):
            factuality, cue = "historical", article.span(time.start, time.end)  # "met in March 2014", before the article
        location = event_location(tok, block.start, article.places, about)
        return Event(
            article_id=article.id,
            event_type=code.plover,
            mode=code.mode,
            cameo=code.code,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            actor=[_shift(a, block.start) for a in found.actor],
            recipient=[_shift(r, block.start) for r in found.recipient],
            trigger=article.span(start, start + len(tok.text)),
            sentence=sentence,
            factuality=factuality,
            factuality_cue=cue,
            date=date,
            location=location,
            confidence=found.confidence,
            coder_version=self.coder_version,
            kb_version=self.kb_version,
        )


@dataclass(frozen=True)
class Told:
    """A headline's source: where the line names it and the claim (offsets in the line), and who it is
    (offsets in the source phrase)."""

    candidate: headlines.Told
    speakers: list[Actor]


NOT_SOURCE_KB = ("kb:region:", "kb:place:", "kb:adjective:")
PLACE_LABEL_POPULATION = 50_000  # a headline's "Gaza: …" is where, not who
TOWN_POPULATION = 15_000  # a town the lexicon may take for a verb's named object ("seized Goma")
# what a headline puts before a colon that is no source ("Live: …", "Analysis: …")
HEADLINE_LABELS = {"live", "analysis", "explainer", "factbox", "exclusive", "opinion", "watch", "video", "videos", "photos",
                   "update", "updates", "breaking", "editorial", "comment", "interview", "timeline", "review", "podcast"}


def _told_quote(article: Article, block: Block, told: Told) -> Quote:
    """The headline's claim as a quote of its source ("Zelensky: Russia attacked …")."""
    line_start = block.start - told.candidate.claim[0]
    s0, (c0, c1), (q0, q1) = told.candidate.source[0], told.candidate.cue, told.candidate.claim
    speaker = told.speakers[0]
    start, end = line_start + s0 + speaker.start, line_start + s0 + speaker.end
    return Quote(article.text[line_start + q0:line_start + q1], line_start + q0, line_start + q1, "indirect",
                 cue=article.span(line_start + c0, line_start + c1),
                 speaker=Actor(article.text[start:end], start, end, speaker.country, speaker.sector, speaker.name, speaker.kb_id),
                 sentence=0)


def _as_read(text: str, rewritten: Block | None) -> str:
    """The article's text with its headline as it was parsed (same length)."""
    if rewritten is None:
        return text
    line = doc_text(rewritten.doc)
    return text[:rewritten.start] + line + text[rewritten.start + len(line):]


def _as_written(article: Article, end: int) -> None:
    """Give every record in a rewritten headline (before ``end``) the article's own text at its offsets."""
    def visit(value) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, Record):
            start, stop = getattr(value, "start", None), getattr(value, "end", None)
            if isinstance(start, int) and isinstance(stop, int) and isinstance(getattr(value, "text", None), str) \
                    and stop <= end:
                value.text = article.text[start:stop]
            for name in value.__dataclass_fields__:
                visit(getattr(value, name))
    for records in (article.events, article.mentions, article.quotes, article.places, article.times):
        visit(records)


def _shift(actor: Actor, offset: int) -> Actor:
    # the constructor, not dataclasses.replace: this runs for every mention, and replace is slow
    return Actor(actor.text, actor.start + offset, actor.end + offset, actor.country, actor.sector, actor.name, actor.kb_id)
