"""Quotes and the attribution chain: who says so, and who relayed it.

Three passes over an article:

1. **Marks** (:func:`find_marked`): quotation marks are paired paragraph by paragraph
   in the raw text: straight and curly double marks, single marks nested inside them
   (or used as the outer marks), and the news convention of a quotation that runs on
   into the next paragraph, which then opens with a fresh mark. A mark that never
   closes ends its quotation at the paragraph's end, and a quotation stops after
   ``MAX_QUOTE_CHARS``; both add a warning to the article.
2. **Speakers** (:class:`QuoteFinder`, sentence by sentence while the actors stage
   reads the article): a direct quotation gets the nearest reporting verb outside the
   marks ("…," he said / X said: "…" / "…," said X), whose subject is the speaker;
   with none, the speaker of the quotation before it carries on. Indirect speech is
   a reporting verb with a clausal complement ("X said that…", "X warned Y that…"),
   a reporting verb in parenthesis ("Y attacked Z, X said") or "according to X, …".
   Speakers resolve through the actor KB and the article's memory ("he", "the
   spokesperson" → the latest compatible speaker). A **stance** is an attitude held
   toward a noun phrase, an infinitive or a clause ("X endorsed Cruz", "X wants to
   win", "voters who back Sanders"): its holder is the speaker and its object the
   content, unless it lies inside something already attributed (one attribution,
   as PolNeAR annotates them).
3. **Outlets**: news organisations (:mod:`tidings.outlets`) that relayed the quote:
   the speaker itself ("Yonhap reported"), an outlet in the speaker's phrase ("NPR's
   correspondent Anthony Kuhn"), or one the reporting verb reaches through the parse
   ("told CNBC", "according to a translation published in the New York Times").

:func:`attribution` then gives each event inside a quote the chain from the nearest
speaker out to the farthest outlet; a stance does not attribute the events in its object
("X condemned the attack" does not make X the source of the attack).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .actors import ActorResolver, ArticleMemory, doc_text
from .datafiles import data_path, read_table
from .outlets import OutletHit, Outlets
from .records import Actor, Article, Attribution, Outlet, Quote, Span

MAX_QUOTE_CHARS = 4_000
LONG_QUOTE_CHARS = 1_500  # longer than this is kept, with a warning to check the marks
MAX_GAP = 120  # characters of attribution between the two pieces of an interrupted quotation
MAX_QUOTE_PARAGRAPHS = 6
OPEN_DOUBLE, CLOSE_DOUBLE = "“„«", "”»"
STRAIGHT = '"'


@lru_cache(maxsize=1)
def _reporting() -> dict[str, frozenset[str]]:
    """Lemmas by kind from ``data/reporting.tsv``: speech, thought, infinitive, relay."""
    kinds: dict[str, set[str]] = {}
    for row in read_table(data_path("reporting.tsv")).rows:
        kinds.setdefault(row["kind"], set()).add(row["lemma"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


SPEECH_LEMMAS = _reporting()["speech"]
# reported thought and perception: their clausal complement is attributed too ("a poll found that …")
THOUGHT_LEMMAS = _reporting()["thought"]
# speech acts whose content is an infinitive: "vowed to protect …"; not "agreed to", "plans to" (events)
XCOMP_SPEECH = _reporting()["infinitive"]
THOUGHT_OR_XCOMP = THOUGHT_LEMMAS | XCOMP_SPEECH
RELAY_LEMMAS = SPEECH_LEMMAS | _reporting()["relay"]
# attitudes held toward a noun phrase, an infinitive or a clause: "endorsed Cruz", "wants to win"
STANCE_LEMMAS = _reporting()["stance"]
STANCE_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp")  # and a gerund the parser hangs as acl
STANCE_PREPS = {"for", "about", "against", "of", "over"}  # "voted for X", "worries about X"
# and "on" and "with" for verbs whose stance they introduce: "commented on X", "agrees with X" (not "spoke on the radio")
PREP_STANCE = {"on": {"comment", "focus", "insist", "reflect", "elaborate", "weigh", "agree", "disagree", "compromise"},
               "with": {"agree", "disagree", "side", "sympathize", "sympathise"}}
TO_STANCE = {"refer", "point", "object", "oppose", "commit"}  # "referred to X", "is opposed to X"; not "spoke to reporters"
# passives whose subject holds the stance: "senators are opposed to the deal", "voters are worried about …"
HELD_PASSIVES = {"oppose", "worry"}
# nouns that name a stance ("Trump's call for a ban"), and the verbs whose subject holds the noun's stance
STANCE_NOUNS = _reporting()["stance_noun"]
HOLDER_VERBS = {"make", "issue", "express", "voice", "offer", "deliver", "renew", "repeat", "reiterate", "give", "take", "have"}
NOUN_STANCE_PREPS = {"for", "of", "on", "about", "against", "to"}
# adjectives after "be" that hold a stance toward their complement: "opposed to", "confident that", "ready to"
STANCE_ADJECTIVES = _reporting()["stance_adjective"]
ADJECTIVE_PREPS = {"to", "of", "about", "in", "with", "on", "over", "for"}
# speech verbs whose object is no attitude ("added Nebraska", "told reporters")
NOT_STANCE = {"add", "continue", "quote", "tell", "say", "write", "reply", "respond", "answer", "brief", "post"}
# stance verbs that need a second part: "called him a liar", "regards X as Y", "pushed to …", not "called the meeting"
NEEDS_COMPLEMENT = {"call", "push", "label", "describe", "characterize", "portray", "view", "regard", "consider"}
# speech verbs whose bare named object is the one spoken to: "warned Seoul", "urged Iran" (but "urged restraint")
ADDRESSEE_VERBS = {"warn", "urge", "ask", "remind", "assure", "caution", "advise", "inform", "notify", "press", "thank", "implore"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
SPEAKER_ROLES = {"spokesperson", "spokesman", "spokeswoman", "official", "officials", "statement", "source", "sources",
                 "aide", "minister", "ministry", "envoy", "diplomat", "leader", "president"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CUT_DEPS = {"relcl", "acl", "punct", "cc", "conj"}


@dataclass
class Marked:
    """A quotation found by its marks: content offsets into the article text."""

    start: int
    end: int
    nested: bool = False
    open_mark: int = -1


@dataclass
class ArticleQuotes:
    """What the finder keeps while reading one article."""

    article: Article
    marked: list[Marked]
    quotes: list[Quote] = field(default_factory=list)
    done: set[int] = field(default_factory=set)  # marked quotes already given a speaker
    sentences: list[tuple[int, SpacySpan]] = field(default_factory=list)  # (block start, span) read so far
    last: Quote | None = None
    last_paragraph: int = -1
    last_speaker: Actor | None = None
    outlet_doc: object = None
    outlet_hits: list[OutletHit] = field(default_factory=list)


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[Marked], list[str]]:
    """Pair quotation marks paragraph by paragraph; return the quotations and warnings."""
    found: list[Marked] = []
    warnings: list[str] = []
    carry: Marked | None = None  # a quotation running on from the previous paragraph
    carried = 0
    for number, (p_start, p_end) in enumerate(paragraphs):
        opened: Marked | None = None
        single: Marked | None = None
        i = p_start
        if carry is not None:
            lead = text[p_start:p_end].lstrip()
            if lead[:1] in OPEN_DOUBLE + STRAIGHT and carried < MAX_QUOTE_PARAGRAPHS:
                opened, carried = carry, carried + 1
                i = p_start + (len(text[p_start:p_end]) - len(lead)) + 1
            else:
                found.append(carry)
            carry = None
        while i < p_end:
            ch = text[i]
            if opened is None:
                if ch in OPEN_DOUBLE or (ch == STRAIGHT and _opens(text, i)):
                    opened, carried = Marked(i + 1, -1, open_mark=i), 0
                elif ch == "‘" or (ch == "'" and _opens(text, i) and _closing_single(text, i + 1, p_end) is not None):
                    close = _closing_single(text, i + 1, p_end)
                    if close is not None:
                        found.append(Marked(i + 1, close, open_mark=i))
                        i = close
                    elif ch == "‘":
                        warnings.append(f"unclosed quotation mark ‘ at offset {i} (paragraph {number}): ignored")
                elif ch in CLOSE_DOUBLE or ch == STRAIGHT:
                    warnings.append(f"closing quotation mark {ch} at offset {i} (paragraph {number}) has no opening mark: ignored")
            else:
                if ch in CLOSE_DOUBLE or ch == STRAIGHT:
                    if (ch == STRAIGHT) != (text[opened.open_mark] == STRAIGHT):
                        warnings.append(f"mixed quotation marks: {text[opened.open_mark]}…{ch} at offsets {opened.open_mark}-{i}")
                    opened.end = i
                    found.append(opened)
                    opened, single = None, None
                elif ch in OPEN_DOUBLE and opened.open_mark != i:
                    warnings.append(f"quotation opened at offset {opened.open_mark} is opened again at {i}: the first ends there")
                    opened.end = i
                    found.append(opened)
                    opened = Marked(i + 1, -1, open_mark=i)
                elif ch in "‘'" and single is None and _opens(text, i) and (ch == "‘" or _closing_single(text, i + 1, p_end)):
                    single = Marked(i + 1, -1, nested=True, open_mark=i)
                elif ch in "’'" and single is not None and not text[i + 1:i + 2].isalnum():
                    single.end = i
                    found.append(single)
                    single = None
                elif i - opened.start >= MAX_QUOTE_CHARS:
                    warnings.append(f"quotation opened at offset {opened.open_mark} runs past {MAX_QUOTE_CHARS} characters: cut at {i}")
                    opened.end = i
                    found.append(opened)
                    opened, single = None, None
            i += 1
        if opened is not None:
            opened.end = _trim_end(text, opened.start, p_end)
            nxt = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            runs_on = nxt is not None and text[nxt:paragraphs[number + 1][1]].lstrip()[:1] in OPEN_DOUBLE + STRAIGHT
            if runs_on and carried < MAX_QUOTE_PARAGRAPHS and opened.end - opened.start < MAX_QUOTE_CHARS:
                carry = opened
            else:
                warnings.append(f"quotation opened at offset {opened.open_mark} (paragraph {number}) never closes: ended at the paragraph's end")
                found.append(opened)
    if carry is not None:
        found.append(carry)
    out = [m for m in found if m.end > m.start and text[m.start:m.end].strip()]
    warnings += [f"quotation at offset {m.open_mark} is unusually long ({m.end - m.start} characters): check its marks"
                 for m in out if LONG_QUOTE_CHARS < m.end - m.start < MAX_QUOTE_CHARS]
    out.sort(key=lambda m: (m.start, -m.end))
    return out, warnings


def _opens(text: str, i: int) -> bool:
    """Can the mark at ``i`` open a quotation (start of text, or after a space or opening punctuation)?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1:i + 2]
    return (before.isspace() or before in "([{—–-:;,/“‘\"") and bool(after) and not after.isspace()


def _closing_single(text: str, i: int, end: int) -> int | None:
    """The closing single mark of a single-quoted passage starting at ``i`` within the paragraph."""
    for j in range(i, min(end, i + 600)):
        if text[j] in "’'" and j > i and not text[j - 1].isspace() and not text[j + 1:j + 2].isalnum():
            return j
        if text[j] in "\"“”":
            return None
    return None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class QuoteFinder:
    """Finds quotes, their speakers and outlets while an article is read sentence by sentence."""

    def __init__(self, resolver: ActorResolver, outlets: Outlets) -> None:
        self.resolver = resolver
        self.outlets = outlets

    def start(self, article: Article, paragraphs: list[tuple[int, int]]) -> ArticleQuotes:
        marked, warnings = find_marked(article.text, paragraphs)
        article.warnings.extend(warnings)
        return ArticleQuotes(article, marked)

    def finish(self, state: ArticleQuotes) -> list[Quote]:
        for number, mark in enumerate(state.marked):  # a quotation in no parsed sentence (a dropped paragraph)
            if number not in state.done:
                state.quotes.append(Quote(state.article.text[mark.start:mark.end], mark.start, mark.end, "nested" if mark.nested else "direct"))
        state.quotes.sort(key=lambda q: (q.start, -q.end))
        return _join_interrupted(state.article.text, state.quotes)

    # -- per sentence -------------------------------------------------------
    def sentence(self, state: ArticleQuotes, block_start: int, index: int, paragraph: int, span: SpacySpan,
                 memory: ArticleMemory) -> None:
        state.sentences.append((block_start, span))
        s_start, s_end = block_start + span.start_char, block_start + span.end_char
        for number, mark in enumerate(state.marked):
            if number in state.done or not (s_start <= mark.end <= s_end or (mark.end > s_end and mark.start < s_end and _last_of_paragraph(span))):
                continue
            state.done.add(number)
            kind = "nested" if mark.nested else self._kind(state.article.text, mark, span, block_start)
            quote = self._direct(state, mark, kind, block_start, index, paragraph, span, memory)
            state.quotes.append(quote)
            if not mark.nested:
                state.last, state.last_paragraph = quote, paragraph
        for quote in self._indirect(state, block_start, index, span, memory):
            state.quotes.append(quote)
        state.quotes.extend(self._stances(state, block_start, index, span, memory))

    def _kind(self, text: str, mark: Marked, span: SpacySpan, block_start: int) -> str:
        """``partial`` for a quoted phrase inside the reporter's own sentence, else ``direct``."""
        before = text[:mark.open_mark].rstrip()
        if not before or before[-1] in ":,.!?;—–-\n" or mark.open_mark <= block_start + span.start_char:
            return "direct"
        if not before[-1].isalnum():
            return "direct"
        word = before.split()[-1].lower().strip(".,")
        doc = span.doc
        token = doc.char_span(mark.open_mark - len(word) - (len(text[:mark.open_mark]) - len(before)) - block_start,
                              mark.open_mark - (len(text[:mark.open_mark]) - len(before)) - block_start, alignment_mode="expand")
        if token is not None and len(token) and token[-1].lemma_.lower() in SPEECH_LEMMAS | {"read", "say"}:
            return "direct"
        return "partial"

    def _inside(self, state: ArticleQuotes, position: int) -> bool:
        return bool(state.marked) and any(m.start <= position < m.end for m in state.marked)

    def _direct(self, state: ArticleQuotes, mark: Marked, kind: str, block_start: int, index: int, paragraph: int,
                span: SpacySpan, memory: ArticleMemory) -> Quote:
        text = state.article.text
        quote = Quote(text[mark.start:mark.end], mark.start, mark.end, kind, sentence=index)
        if mark.nested:
            return quote
        cue = None
        if kind == "partial":  # "Kim described the talks as “a new starting point” and said …": described
            governing = self._governing_verb(state, mark, span, block_start, with_subject=False)
            if governing is not None and (_is_cue(governing) or governing.lemma_.lower() in THOUGHT_LEMMAS | STANCE_LEMMAS
                                          and not any(_is_cue(a) for a in governing.ancestors)):
                cue = governing  # not "Trump said he wants “a big wall”": Trump said it
        cue = cue or self._cue_near(state, mark, span, block_start)
        if cue is None and kind == "partial":
            cue = self._governing_verb(state, mark, span, block_start)
        if cue is None and mark.open_mark < block_start + span.start_char:
            for earlier_start, earlier in reversed(state.sentences[:-1][-MAX_QUOTE_PARAGRAPHS * 3:]):
                if earlier_start + earlier.start_char <= mark.open_mark:
                    cue = self._cue_near(state, mark, earlier, earlier_start)
                    if cue is not None:
                        block_start, span = earlier_start, earlier
                    break
        if cue is None and len(state.sentences) > 1:  # He said: / the statement read:
            prev_start, prev = state.sentences[-2]
            if prev.text.rstrip().endswith(":"):
                cue = self._cue_near(state, mark, prev, prev_start, before_only=True)
                if cue is not None:
                    block_start, span = prev_start, prev
        if cue is not None:
            self._fill(state, quote, cue, block_start, span, memory)
        elif state.last is not None and state.last.speaker is not None and paragraph - state.last_paragraph <= 2:
            quote.speaker = dataclasses.replace(state.last.speaker)  # the speaker carries on
            quote.outlets = [dataclasses.replace(o) for o in state.last.outlets]
        return quote

    def _cue_near(self, state: ArticleQuotes, mark: Marked, span: SpacySpan, block_start: int,
                  before_only: bool = False) -> Token | None:
        """The reporting verb nearest the quotation's marks, outside every quotation, in this sentence."""
        close = mark.end + 1
        after: list[Token] = []
        before: list[Token] = []
        for tok in span:
            at = block_start + tok.idx
            if self._inside(state, at) or not _is_cue(tok):
                continue
            if at >= close and not before_only:
                after.append(tok)
            elif at < mark.open_mark:
                before.append(tok)
        others = [m.open_mark for m in state.marked if not m.nested and m is not mark]
        for tok in after:  # the nearest after, unless another quotation opens first
            at = block_start + tok.idx
            if not any(close <= o < at for o in others):
                return tok
        for tok in reversed(before):
            at = block_start + tok.idx
            if not any(at < o < mark.open_mark for o in others):
                return tok
        return None

    def _governing_verb(self, state: ArticleQuotes, mark: Marked, span: SpacySpan, block_start: int,
                        with_subject: bool = True) -> Token | None:
        """For a partial quote: the verb that embeds it and has a subject outside the marks (or the
        nearest verb above it outside the marks, ``with_subject=False``)."""
        inside = [t for t in span if mark.start <= block_start + t.idx < mark.end]
        if not inside:
            return None
        node = inside[0]
        for _ in range(8):
            if not (mark.start <= block_start + node.idx < mark.end) and node.pos_ in ("VERB", "AUX"):
                if not with_subject or any(c.dep_ in SUBJECT_DEPS and not self._inside(state, block_start + c.idx)
                                           for c in node.children):
                    return node
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _indirect(self, state: ArticleQuotes, block_start: int, index: int, span: SpacySpan,
                  memory: ArticleMemory) -> list[Quote]:
        out: list[Quote] = []
        text = state.article.text
        for tok in span:
            lemma = tok.lemma_.lower()
            if not (_is_cue(tok) or tok.lower_ == "according" or lemma in THOUGHT_OR_XCOMP) \
                    or self._inside(state, block_start + tok.idx):
                continue
            content: list[Token] | None = None
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                head = tok.head
                if head.i == tok.i or _is_cue(head):
                    continue  # "…," Kim told reporters, according to Yonhap: the outlet of that quote
                skip = {t.i for t in tok.subtree}
                content = [t for t in head.subtree if t.i not in skip and span.start <= t.i < span.end]
            elif tok.pos_ in ("VERB", "AUX") and (_is_cue(tok) or lemma in THOUGHT_OR_XCOMP):
                if lemma in ("seem", "appear") and any(c.dep_ in SUBJECT_DEPS and c.lower_ == "it" for c in tok.children):
                    continue  # "it seems the talks have stalled": the writer's own hedge, no one's claim
                clauses = sorted((c for c in tok.children if c.dep_ == "ccomp" and c.i != tok.i),
                                 key=lambda c: (c.pos_ not in ("VERB", "AUX"), c.i))
                clauses = clauses or _that_clause(tok)
                if not clauses and lemma in XCOMP_SPEECH:
                    clauses = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
                if (tail := _tail_start(tok, span)) is not None:
                    content = list(span.doc[span.start:tail])  # "…, state television reported."
                elif clauses:
                    content = sorted(clauses[0].subtree, key=lambda t: t.i)
                elif tok.dep_ == "parataxis" or (tok.dep_ in ("advcl", "conj") and tok.i > tok.head.i and _comma_between(tok.head, tok)):
                    skip = {t.i for t in tok.subtree}
                    content = [t for t in tok.head.subtree if t.i not in skip and span.start <= t.i < span.end]
            if not content:
                continue
            cut = next((t for t in (_tail_start(c, span) for c in content if c.i != tok.i and _is_cue(c)) if t is not None), None)
            if cut is not None:
                content = [t for t in content if t.i < cut]  # "said Iran would sell oil, state TV reported"
            content = _trim(content)
            if not content:
                continue
            start, end = block_start + content[0].idx, block_start + content[-1].idx + len(content[-1].text)
            if any(m.start < end and start < m.end and not m.nested for m in state.marked):
                continue  # reported in marks: the quote in marks has it
            quote = Quote(text[start:end], start, end, "indirect", sentence=index)
            self._fill(state, quote, tok, block_start, span, memory)
            out.append(quote)
        return out

    def _stances(self, state: ArticleQuotes, block_start: int, index: int, span: SpacySpan,
                 memory: ArticleMemory) -> list[Quote]:
        """Attitudes someone holds: "X endorsed Cruz", "X wants to win", "X criticized the plan"."""
        used = {q.cue.start for q in state.quotes if q.cue is not None}
        out: list[Quote] = []
        for tok in span:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES and tok.dep_ == "acomp":
                quote = self._adjective_stance(state, tok, block_start, index, span, memory, out)
                if quote is not None:
                    out.append(quote)
                continue
            if tok.pos_ == "NOUN" and lemma in STANCE_NOUNS:
                quote = self._noun_stance(state, tok, block_start, index, span, memory, out)
                if quote is not None:
                    out.append(quote)
                continue
            if tok.pos_ != "VERB" or lemma not in STANCE_LEMMAS and (lemma not in SPEECH_LEMMAS or lemma in NOT_STANCE):
                continue
            if any(block_start + t.idx in used for t in _cue_tokens(tok)) or self._attributed(state, tok, block_start, index, out):
                continue
            if tok.dep_ == "xcomp" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children) and _is_stance_head(tok.head):
                continue  # "decided to back Cruz": the attitude is the head's
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            passive = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
            if agent is not None and passive is not None:  # "the plan was criticised by unions"
                subject, parts = agent, [passive]
            elif passive is not None and lemma not in HELD_PASSIVES:
                continue  # "snowstorms were expected to …": the one who expects is not named
            else:
                subject = _subject(tok, lambda t: self._inside(state, block_start + t.idx))
                if subject is not None and subject.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                    subject = tok.head  # "voters who support Sanders"
                parts = _stance_object(tok)
            if subject is None or subject.lower_ in ("it", "there", "that", "this", "which", "who", "what"):
                continue
            preposition = parts[0] if parts and parts[0].dep_ == "prep" else None  # "voted for Sanders": cue "voted for"
            content = _trim(_without_asides([t for c in parts for t in c.subtree if t is not preposition]))
            quote = self._stance(state, tok, subject, content, preposition, block_start, index, span, memory)
            if quote is not None:
                out.append(quote)
        # a passive's content comes before its verb: "X's push for a deal was backed by Egypt" holds one stance, not two
        return [q for q in out if not any(o is not q and o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end)
                                          for o in out)]

    def _attributed(self, state: ArticleQuotes, cue: Token, block_start: int, index: int, found: list[Quote]) -> bool:
        """Is the cue inside quotation marks, or inside what someone else is reported to say or think
        (this sentence's quotes, and the stances ``found`` so far)? Then it is part of that one attribution."""
        at = block_start + cue.idx
        return self._inside(state, at) or any(q.sentence == index and q.start <= at < q.end for q in state.quotes + found)

    def _stance(self, state: ArticleQuotes, cue: Token, holder: Token, content: list[Token], preposition: Token | None,
                block_start: int, index: int, span: SpacySpan, memory: ArticleMemory) -> Quote | None:
        """The stance quote for trimmed ``content`` held by ``holder``; none when the content is empty or
        overlaps a quotation (the quotation has it)."""
        if not content:
            return None
        start, end = block_start + content[0].idx, block_start + content[-1].idx + len(content[-1].text)
        if any(m.start < end and start < m.end for m in state.marked):
            return None
        quote = Quote(state.article.text[start:end], start, end, "stance", sentence=index)
        self._fill(state, quote, cue, block_start, span, memory, subject=holder, cue_end=_next_to(cue, preposition))
        return quote

    def _adjective_stance(self, state: ArticleQuotes, adjective: Token, block_start: int, index: int, span: SpacySpan,
                          memory: ArticleMemory, found: list[Quote]) -> Quote | None:
        """ "X is opposed to the deal", "X is confident that …", "X is ready to back Clinton"."""
        if self._attributed(state, adjective, block_start, index, found):
            return None
        inside = lambda t: self._inside(state, block_start + t.idx)  # noqa: E731
        holder = _subject(adjective.head, inside)
        if holder is None or holder.lower_ in ("it", "there", "this", "that", "which", "what"):
            return None
        if holder.lower_ in ("who",) and adjective.head.dep_ == "relcl":
            holder = adjective.head.head
        parts = [c for c in adjective.children if c.i > adjective.i and (c.dep_ in ("xcomp", "ccomp")
                 or (c.dep_ == "prep" and c.lower_ in ADJECTIVE_PREPS and any(g.dep_ in ("pobj", "pcomp") for g in c.children)))][:1]
        if not parts:
            return None
        preposition = parts[0] if parts[0].dep_ == "prep" else None
        content = _trim([t for t in parts[0].subtree if t is not preposition])
        return self._stance(state, adjective, holder, content, preposition, block_start, index, span, memory)

    def _noun_stance(self, state: ArticleQuotes, noun: Token, block_start: int, index: int, span: SpacySpan,
                     memory: ArticleMemory, found: list[Quote]) -> Quote | None:
        """ "Trump's proposal to ban …", "Clinton made a call for …", "criticism of the plan by unions":
        a stance named by a noun, when the noun says whose it is."""
        if self._attributed(state, noun, block_start, index, found):
            return None
        inside = lambda t: self._inside(state, block_start + t.idx)  # noqa: E731
        holder = next((c for c in noun.children if c.dep_ == "poss" and not inside(c)), None)
        if holder is None:
            holder = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                           if g.dep_ == "pobj" and not inside(g)), None)
        if noun.dep_ == "dobj" and (holder is None and noun.head.lemma_.lower() in HOLDER_VERBS
                                    or holder is not None and holder.lower_ in ("his", "her", "their", "our", "my")):
            holder = _subject(noun.head, inside) or holder  # "made a call for", "the pope renewed his appeal"
        if holder is None or holder.lower_ in ("its", "it", "who", "which", "that", "whose"):
            return None
        preposition = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in NOUN_STANCE_PREPS and c.i > noun.i
                            and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)), None)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i and c.pos_ in ("VERB", "AUX")
                       and any(m.lower_ in ("to", "that") and m.dep_ in ("aux", "mark") for m in c.children)), None)
        if clause is not None:
            content, preposition = _trim(list(clause.subtree)), None
        elif preposition is not None:
            content = _trim([t for t in preposition.subtree if t is not preposition])
        else:
            return None
        return self._stance(state, noun, holder, content, preposition, block_start, index, span, memory)

    # -- speaker, cue and outlets -------------------------------------------
    def _fill(self, state: ArticleQuotes, quote: Quote, cue: Token, block_start: int, span: SpacySpan,
              memory: ArticleMemory, subject: Token | None = None, cue_end: Token | None = None) -> None:
        """Cue, speaker and outlets; ``subject`` when the caller has found the speaker already,
        ``cue_end`` when the cue runs on to a later word ("voted for")."""
        text = state.article.text
        cue_tokens = _cue_tokens(cue) + ([cue_end] if cue_end is not None else [])
        c_start, c_end = block_start + cue_tokens[0].idx, block_start + cue_tokens[-1].idx + len(cue_tokens[-1].text)
        quote.cue = Span(text[c_start:c_end], c_start, c_end)
        subject = subject or _subject(cue, lambda t: self._inside(state, block_start + t.idx))
        hits = [h for h in self._outlets_in(state, span.doc) if span.start_char <= h.start < span.end_char
                and not self._inside(state, block_start + h.start)]
        speaker_outlet: OutletHit | None = None
        if subject is not None:
            phrase = _phrase(subject, lambda t: self._inside(state, block_start + t.idx))
            p_start, p_end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
            speaker_outlet = next((h for h in hits if h.start <= subject.idx < h.end), None)
            if speaker_outlet is not None:
                entry = speaker_outlet.entry
                quote.speaker = Actor(text[block_start + p_start:block_start + p_end], block_start + p_start, block_start + p_end,
                                      entry.country, "MED", entry.name)
            else:
                quote.speaker = self._speaker(state, subject, phrase, block_start, memory)
        if quote.speaker is not None and quote.kind != "stance":
            state.last_speaker = quote.speaker
        ranked: list[tuple[int, OutletHit]] = []
        for hit in hits:
            rank = 0 if hit is speaker_outlet else self._relays(hit, cue, subject, span)
            if rank is not None:
                ranked.append((rank, hit))
        seen: set[str] = set()
        for _, hit in sorted(ranked, key=lambda pair: (pair[0], pair[1].start)):
            if hit.entry.name in seen:
                continue
            seen.add(hit.entry.name)
            quote.outlets.append(Outlet(text[block_start + hit.start:block_start + hit.end], block_start + hit.start,
                                        block_start + hit.end, hit.entry.name, hit.entry.country, hit.entry.state))

    def _outlets_in(self, state: ArticleQuotes, doc) -> list[OutletHit]:
        """The outlets named in a paragraph, found once per paragraph."""
        if state.outlet_doc is not doc:
            state.outlet_doc, state.outlet_hits = doc, self.outlets.find(doc_text(doc))
        return state.outlet_hits

    def _relays(self, hit: OutletHit, cue: Token, subject: Token | None, span: SpacySpan) -> int | None:
        """How far (in parse steps) an outlet is from the reporting verb, if it relays the quote at all."""
        words = span.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if words is None or not len(words):
            return None
        node = words.root
        if subject is not None and subject.left_edge.i <= node.i <= subject.right_edge.i:
            return 1  # "NPR's correspondent Anthony Kuhn"
        for steps in range(1, 8):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.i == cue.i:
                return steps
            if node.lemma_.lower() in RELAY_LEMMAS and node.lemma_.lower() not in SPEECH_LEMMAS - {"report", "cite", "quote"}:
                return steps + 1  # "according to …", "citing …", "published in …"
        return None

    def _speaker(self, state: ArticleQuotes, subject: Token, phrase: list[Token], block_start: int,
                 memory: ArticleMemory) -> Actor:
        text = state.article.text
        p_start, p_end = block_start + phrase[0].idx, block_start + phrase[-1].idx + len(phrase[-1].text)
        speaker = Actor(text[p_start:p_end], p_start, p_end)
        resolved = [a for a in self.resolver.resolve_head(subject, memory) if a.country or a.name or a.sector]
        known = next((a for a in resolved if a.country), resolved[0] if resolved else None)
        last = state.last_speaker
        lemma = subject.lemma_.lower()
        if subject.lower_ in ("he", "she") and last is not None and last.name and last.sector != "MED":
            known = last  # "…," he said: the person quoted last
        elif subject.lower_ in PRONOUNS and last is not None and (known is None or known.country is None):
            known = last
        elif lemma in SPEAKER_ROLES and any(c.lower_ in ("the", "this") for c in subject.children) and (known is None or known.country is None):
            known = next((q.speaker for q in reversed(state.quotes) if q.speaker is not None
                          and lemma in q.speaker.text.lower()), None) or last  # "the spokeswoman"
        elif subject.pos_ == "PROPN" and (known is None or known.country is None) and len(phrase) == 1:
            known = next((q.speaker for q in reversed(state.quotes) if q.speaker is not None and q.speaker.name
                          and q.speaker.name.split()[-1] == subject.text), known)  # "Tarriela" after "Jay Tarriela"
        if known is not None:
            speaker.country, speaker.sector, speaker.kb_id = known.country, known.sector, known.kb_id
            speaker.name = known.name or _proper_name(subject)
        else:
            speaker.name = _proper_name(subject)
        return speaker



def _is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "accord" or tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    if lemma not in SPEECH_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "point":
        return any(c.lower_ == "out" for c in tok.children)
    if lemma == "continue":
        return tok.dep_ in ("ROOT", "parataxis") and not any(c.dep_ in ("xcomp", "dobj") for c in tok.children)
    return True


def _stance_object(verb: Token) -> list[Token]:
    """What a stance is about, after the verb: its clause, infinitive or object ("called him a liar"
    and "regards X as Y" keep both parts), else the object of a preposition ("voted for Sanders")."""
    lemma = verb.lemma_.lower()
    parts = [c for c in verb.children if (c.dep_ in STANCE_DEPS or (c.dep_ == "acl" and c.tag_ == "VBG")) and c.i > verb.i]
    if parts:  # "regards X as Y", "blamed X for Y", "accused X of Y"
        parts += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "for", "of") and c.i > parts[0].i
                  and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)]
    if lemma in NEEDS_COMPLEMENT and not any(c.dep_ in ("oprd", "xcomp", "ccomp") or c.lower_ == "as" for c in parts):
        parts = []  # "called the meeting", "pushed the button": no attitude
    if lemma in ADDRESSEE_VERBS and [c.dep_ for c in parts] == ["dobj"] and (parts[0].pos_ in ("PRON", "PROPN") or parts[0].ent_type_):
        parts = []  # "warns Seoul", "urged Iran": whom it is said to, not what
    if not parts:
        parts = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                 and (c.lower_ in STANCE_PREPS or lemma in PREP_STANCE.get(c.lower_, ()) or (c.lower_ == "to" and lemma in TO_STANCE))
                 and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)][:1]
    return parts


def _next_to(cue: Token, preposition: Token | None) -> Token | None:
    """The preposition, when it is part of the cue: right after it ("voted for"), not "spoke on the radio about"."""
    if preposition is None:
        return None
    between = cue.doc[cue.i + 1:preposition.i]
    return preposition if all(t.dep_ in ("prt", "advmod", "neg") for t in between) else None


def _without_asides(tokens: list[Token]) -> list[Token]:
    """A stance's content without a relative clause set off by a comma ("…, who called them terrorists"):
    that clause is its own statement, and may hold its own stance."""
    cut = {t.i for tok in tokens if tok.dep_ == "relcl" and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","
           for t in tok.subtree}
    return [t for t in tokens if t.i not in cut]


def _is_stance_head(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ in ("VERB", "AUX") and (lemma in STANCE_LEMMAS or lemma in THOUGHT_LEMMAS or lemma in SPEECH_LEMMAS or lemma in XCOMP_SPEECH)


def _cue_tokens(cue: Token) -> list[Token]:
    """The cue with its auxiliaries and particle ("has learned", "pointed out", "according to")."""
    doc = cue.doc
    start = cue.i
    while start > 0 and doc[start - 1].dep_ in ("aux", "auxpass", "neg") and doc[start - 1].head.i == cue.i:
        start -= 1
    end = cue.i + 1
    if end < len(doc) and doc[end].head.i == cue.i and (doc[end].dep_ == "prt" or (cue.lower_ == "according" and doc[end].lower_ == "to")):
        end += 1
    return list(doc[start:end])


def _subject(cue: Token, inside) -> Token | None:
    """Who speaks: the subject of the reporting verb, the noun phrase just before a tail verb
    ("…, state media announced", often misparsed), or the object of "according to"."""
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                return next((p for p in to.children if p.dep_ == "pobj"), None)
        return None
    node = cue
    for _ in range(3):
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS and not inside(c)), None)
        if subject is not None:
            return subject
        agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent
        if node is cue:
            tail = _phrase_before(cue, inside) or _phrase_after(cue, inside)
            if tail is not None:
                return tail
        if node.dep_ not in ("conj", "xcomp") and not (node.dep_ == "advcl" and node.tag_ == "VBG") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _phrase_before(cue: Token, inside) -> Token | None:
    """The head of a bare noun phrase between a comma and the verb: "…, state media of both countries announced"."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == cue.i:
        i -= 1
    end = i
    while i >= 0 and doc[i].text not in (",", ";", ":", "—", "–") and not doc[i].is_sent_start and not inside(doc[i]):
        if doc[i].pos_ in ("VERB",) or doc[i].text in CLOSE_DOUBLE + STRAIGHT:
            return None
        i -= 1
    if i < 0 or end <= i or doc[i].text not in (",", ";", ":", "—", "–"):
        return None
    words = doc[i + 1:end + 1]
    heads = [t for t in words if not (words.start <= t.head.i < words.end) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if len(heads) == 1 else None


def _phrase_after(cue: Token, inside) -> Token | None:
    """ "…," said Kim Eui-kyeom, the spokesman: the noun phrase right after a verb that opens its clause."""
    doc = cue.doc
    before = doc[cue.i - 1] if cue.i > 0 else None
    if before is None or not (before.is_punct or inside(before)):
        return None
    j = cue.i + 1
    while j < len(doc) and not doc[j].is_punct and doc[j].pos_ not in ("VERB", "ADP"):
        j += 1
    words = doc[cue.i + 1:j]
    heads = [t for t in words if not (words.start <= t.head.i < words.end) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if len(heads) == 1 else None


def _phrase(head: Token, inside) -> list[Token]:
    """The speaker's words: the head's subtree without clauses, conjuncts or quoted words, contiguous."""
    keep = {head.i}
    stack = [c for c in head.children if c.dep_ not in CUT_DEPS or _in_word(c)]
    while stack:
        tok = stack.pop()
        if inside(tok) or tok.dep_ in ("relcl", "acl"):
            continue
        keep.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl") and (c.dep_ != "punct" or _in_word(c)))
    doc = head.doc
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    tokens = list(doc[lo:hi + 1])
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s")) and tokens[-1].i != head.i:
        tokens.pop()
    while tokens and tokens[0].is_punct and tokens[0].i != head.i:
        tokens.pop(0)
    return tokens


def _in_word(tok: Token) -> bool:
    """A hyphen or apostrophe inside a name ("Eui-kyeom")."""
    doc = tok.doc
    return tok.is_punct and tok.i > 0 and not doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _proper_name(head: Token) -> str | None:
    """ "Harry Kazianis" from the head of "Harry Kazianis, director of …" (or of "NPR's correspondent Anthony Kuhn")."""
    if head.pos_ != "PROPN":
        head = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if head is None:
            return None
    doc = head.doc
    lo = head.i
    while lo > 0 and (doc[lo - 1].pos_ == "PROPN" or _in_word(doc[lo - 1])) and doc[lo - 1].head.i in (head.i, lo):
        lo -= 1
    return doc[lo:head.i + 1].text


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop the complementiser and the punctuation at the edges of reported content."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if tokens and tokens[-1].i - tokens[0].i + 1 != len(tokens):  # not contiguous: keep the run around the first
        run = [tokens[0]]
        for tok in tokens[1:]:
            if tok.i != run[-1].i + 1:
                break
            run.append(tok)
        tokens = run
        while tokens and tokens[-1].is_punct:
            tokens.pop()
    return tokens


def _tail_start(cue: Token, span: SpacySpan) -> int | None:
    """Where the content ends for a reporting verb that closes its sentence after a comma and its
    subject ("…, state media of both countries announced."): the comma's token index."""
    doc = cue.doc
    if any(not doc[i].is_punct for i in range(cue.i + 1, span.end)) or cue.lemma_.lower() not in SPEECH_LEMMAS:
        return None
    if any(c.dep_ in ("ccomp", "dobj") and c.i > cue.i for c in cue.children):
        return None
    subject = _phrase_before(cue, lambda t: False)
    if subject is None:
        subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
    i = subject.left_edge.i - 1
    while i > span.start and doc[i].text not in (",", "—", "–"):
        i -= 1
    return i if i > span.start else None


def _that_clause(verb: Token) -> list[Token]:
    """ "said in a statement that …", "told a briefing that …": the clause hangs below the verb's phrase."""
    queue = [(c, 1) for c in verb.children if c.dep_ in ("prep", "dobj", "dative", "npadvmod")]
    while queue:
        node, depth = queue.pop(0)
        for child in node.children:
            if child.dep_ in ("ccomp", "acl", "advcl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                return [child]
        if depth < 4:
            queue.extend((c, depth + 1) for c in node.children if c.dep_ in ("prep", "pobj", "acl", "dobj"))
    return []


def _comma_between(a: Token, b: Token) -> bool:
    doc = a.doc
    return any(doc[i].text == "," for i in range(min(a.i, b.i), max(a.i, b.i)))


def _last_of_paragraph(span: SpacySpan) -> bool:
    return span.end == len(span.doc)


def _join_interrupted(text: str, quotes: list[Quote]) -> list[Quote]:
    """One quote for “A,” he said, “B.”: a direct quote that follows another of the same speaker, with
    no reporting verb of its own (or the same one), and only that attribution between them."""
    out: list[Quote] = []
    for quote in quotes:
        last = next((q for q in reversed(out) if q.kind == "direct"), None)
        if (quote.kind == "direct" and last is not None and last.cue is not None and quote.speaker is not None
                and (quote.cue is None or (quote.cue.start, quote.cue.end) == (last.cue.start, last.cue.end))
                and last.end <= last.cue.start < quote.start and quote.start - last.end <= MAX_GAP
                and "\n" not in text[last.end:quote.start]
                and next((q for q in reversed(out) if q.kind != "stance"), None) is last):  # "…," said X, who backs Y, "…"
            pieces = last.parts or [Span(last.text, last.start, last.end)]
            last.parts = pieces + [Span(quote.text, quote.start, quote.end)]
            last.end = quote.end
            last.text = " … ".join(p.text for p in last.parts)
            continue
        out.append(quote)
    return out


def _within(quote: Quote, position: int) -> bool:
    if quote.parts:
        return any(p.start <= position < p.end for p in quote.parts)
    return quote.start <= position < quote.end


def attribution(event_start: int, quotes: list[Quote]) -> list[Attribution]:
    """The chain for an event whose trigger starts at ``event_start``: nearest speaker first, then outlets."""
    holding = sorted((q for q in quotes if q.kind != "stance" and _within(q, event_start)), key=lambda q: q.end - q.start)
    chain: list[Attribution] = []
    seen: set[tuple[str, int]] = set()
    for quote in holding:
        links: list[Attribution] = []
        speaker = quote.speaker
        if speaker is not None:
            role = "outlet" if speaker.sector == "MED" and any(o.start == speaker.start or o.name == speaker.name for o in quote.outlets) else "speaker"
            links.append(Attribution(role, speaker.text, speaker.start, speaker.end, speaker.country, speaker.name))
        links += [Attribution("outlet", o.text, o.start, o.end, o.country, o.name) for o in quote.outlets]
        for link in links:
            key = (link.role, link.start)
            if key not in seen and not (link.role == "outlet" and any(c.name == link.name for c in chain if c.role == "outlet")):
                seen.add(key)
                chain.append(link)
    return chain
