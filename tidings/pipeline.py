"""The pipeline: an :class:`~tidings.records.Article` in, the same article with events out.

Stages run in order on the one ``Article`` record: nlp (sentences and parse)
→ actors (mentions) → events. Models and knowledge files are loaded once per
:class:`Coder` and shared by every article it codes.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date as Date
from typing import Iterable, Iterator, TypeVar

from . import __version__
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
from .records import Actor, Article, Event, Mention, Place, Record, Sentence
from .truecase import load_casing


T = TypeVar("T")


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
        self.casing = load_casing(self.nlp, self.kb, self.geocoder.gaz,
                                  {lemma for lemma, _ in self.lexicon.entries} | set().union(*load_classes().values()))
        self.coder_version = f"tidings-{__version__}+lexicon.{self.lexicon.version}+ontology.{self.ontology.version}"
        self.kb_version = f"{self.kb.version}+outlets.{self.outlets.version}"
        # The model, KB and gazetteer are half a million objects that live as long as the process.
        # Python's full garbage collections would walk them all again and again (a quarter of a
        # second each, measured): set aside what is alive now, so that only new objects are walked.
        gc.collect()
        gc.freeze()

    def read_title(self, article: Article, line: str, body: str) -> str:
        """A headline as it is parsed: without an outlet's name at its end ("… - Reuters", "… | World
        news | The Guardian": not a party to the event), and in a sentence's case."""
        cut = title_tail(self.outlets, line, article.outlet)
        return self.casing.sentence_case(line if cut is None else line[:cut], body)

    def code(self, article: Article) -> Article:
        """Run every stage on the article and return it."""
        return self.code_many([article])[0]

    def code_many(self, articles: list[Article]) -> list[Article]:
        """Code a batch of articles, parsing them in one stream."""
        # spaCy adds every new word of the batch to its vocabulary and string store, which a long
        # ingest would grow without end; the memory zone evicts them when the batch is done. Nothing
        # spaCy made may outlive the block: the records below hold plain strings and offsets.
        with self.nlp.memory_zone():
            for article in articles:
                article.date = check_date(article.date)
                article.coder_version, article.kb_version = self.coder_version, self.kb_version
                article.events, article.mentions, article.quotes = [], [], []
            for article, blocks in zip(articles, parse_many(articles, self.nlp, headline_verbs=self.headline_verbs,
                                                            read_title=self.read_title)):
                rewritten = blocks[0] if blocks and blocks[0].doc.user_data.get(REWRITTEN) else None
                memory = ArticleMemory(article.date)
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
        doc = self.nlp(phrase)
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
