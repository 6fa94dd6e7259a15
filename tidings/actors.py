"""Actors stage: find actor mentions and resolve noun phrases to country + sector.

Resolution is greedy longest-match of token n-grams against the KB (names are
case-sensitive, role words are not), then a combination rule: a person in
office on the article's date decides country and sector; otherwise a named
organisation or institution; otherwise a country word (name, adjective,
capital) plus a role word for the sector. Bare surnames ("Kim", "Xi") resolve
to the person introduced earlier in the article, or to a KB office holder who
is the only one of that name in office on the article's date. Named actors
the KB does not know are kept with ``country=None``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .kb import ActorKB, Entry, person_surnames
from .nlp import doc_text
from .records import Actor

MAX_NGRAM = 8
WORD = re.compile(r"\w+")
PHRASE_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "conj", "cc", "punct", "prep"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}
PRONOUNS_OTHER = {"it", "they", "them", "its", "their"}
UNKNOWN_ACTOR_ENTS = {"PERSON", "ORG", "NORP"}
PAIR_NOUNS = {"leader", "country", "side", "nation", "government", "president", "minister", "state", "neighbor",
              "neighbour", "capital", "army", "delegation", "party", "rival"}
COUNTRY_KINDS = ("country", "adjective", "capital", "region")
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PARTITIVE = {"thousand", "hundred", "dozen", "dozens", "million", "score", "group", "member", "some", "many",
             "most", "part", "number", "crowd", "team", "unit", "contingent", "all", "both", "each", "one"}


@dataclass
class Hit:
    entry: Entry | None  # None for a role word (see ``role``)
    start: int
    end: int
    role: Entry | None = None


@dataclass(frozen=True)
class Seen:
    """An actor mention in reading order, for pronoun resolution."""

    block: int
    start: int
    actor: Actor
    person: bool


@dataclass
class ArticleMemory:
    """What the actors stage remembers while reading one article."""

    date: str | None
    block: int = 0
    year: str | None = None  # a publication year known only from the text, when there is no date
    people: dict[str, Entry] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    told_by: list[Actor] = field(default_factory=list)  # the headline's source ("Kurti: …"), offsets in its block

    def remember(self, actor: Actor, entry: Entry | None, person: bool | None = None) -> None:
        is_person = person if person is not None else entry is not None and entry.kind in ("person", "user")
        if entry is not None and is_person:
            for surname in person_surnames(entry.name, entry.country):
                self.people[surname] = entry
        self.seen.append(Seen(self.block, actor.start, actor, is_person))

    def current_block_of(self, actor: Actor) -> int | None:
        return next((s.block for s in reversed(self.seen) if s.actor is actor), None)

    def antecedent(self, token: Token) -> Actor | None:
        """The latest earlier mention a pronoun can stand for (he/she: a person; it: not a person)."""
        want = True if token.lower_ in PRONOUNS_PERSON else False if token.lower_ in ("it", "its") else None
        here = (self.block, token.idx)
        for seen in sorted(self.seen, key=lambda s: (s.block, s.start), reverse=True):
            if (seen.block, seen.start) >= here:
                continue
            if want is None or seen.person == want:
                return seen.actor
        return None


class ActorResolver:
    """Turns token spans into :class:`Actor` records using the KB."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        self._reach_index: tuple[tuple[int, int, int], dict[str, int]] | None = None

    def _reach_tables(self) -> tuple[dict[str, int], dict[str, int]]:
        """The longest KB name, role or surname (in characters) by its first word, and by its first
        three letters, both lower-cased (see :meth:`_reach`)."""
        sizes = (len(self.kb.names), len(self.kb.roles), len(self.kb.surnames))
        if self._reach_index is None or self._reach_index[0] != sizes:
            by_word: dict[str, int] = {}
            by_letters: dict[str, int] = {}
            for form in (*self.kb.names, *self.kb.roles, *self.kb.surnames):
                word = WORD.match(form)
                key = word.group().lower() if word else form[:1].lower()
                by_word[key] = max(by_word.get(key, 0), len(form))
                key = form[:3].lower()
                by_letters[key] = max(by_letters.get(key, 0), len(form))
            self._reach_index = (sizes, (by_word, by_letters))
        return self._reach_index[1]

    def _reach(self, tables: tuple[dict[str, int], dict[str, int]], text: str, start: int, end: int,
               memory: ArticleMemory) -> int:
        """How many characters a KB form starting with the token ``text[start:end]`` can span; 0 when
        none starts with it, as for most words (their n-grams are then not looked up). A form that
        starts with the token starts with its first word, unless the token ends inside a word
        ("ca" of "can't"): then only the first three letters are compared."""
        by_word, by_letters = tables
        token = text[start:end]
        word = WORD.match(token)
        if word is None:
            reach = by_word.get(token[:1].lower(), 0)
        elif word.end() < len(token) or not WORD.match(text, end):
            reach = by_word.get(word.group().lower(), 0)
        else:
            head = text[start:start + 3].lower()
            reach = max(by_letters.get(head, 0), by_letters.get(head[:2], 0), by_letters.get(head[:1], 0))
        return max(reach, len(token)) if token in memory.people else reach

    # -- scanning ---------------------------------------------------------
    def hits(self, tokens: list[Token], memory: ArticleMemory) -> list[Hit]:
        """Longest KB matches in a run of tokens, left to right."""
        if not tokens:
            return []
        text = doc_text(tokens[0].doc)
        places = [(t.i, t.idx, t.idx + len(t.text)) for t in tokens]  # read once: spaCy's attributes are slow
        tables = self._reach_tables()
        found: list[Hit] = []
        i = 0
        while i < len(tokens):
            reach = self._reach(tables, text, places[i][1], places[i][2], memory)
            hit, width = self._longest_at(tokens, places, text, i, reach, memory) if reach else (None, 1)
            if hit is not None:
                found.append(hit)
                i += width
            else:
                i += 1
        return found

    def _longest_at(self, tokens: list[Token], places: list[tuple[int, int, int]], text: str, i: int, reach: int,
                    memory: ArticleMemory) -> tuple[Hit | None, int]:
        """The longest KB form starting at token ``i`` and at most ``reach`` characters long."""
        first_i, start, _ = places[i]
        for width in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            last_i, _, end = places[i + width - 1]
            if last_i - first_i != width - 1 or end - start > reach:
                continue
            form = text[start:end]
            entries = self.kb.lookup(form)
            if entries:
                return Hit(self._pick(entries, memory), start, end), width
            role = self.kb.roles.get(form.lower())
            if role is not None and (width > 1 or tokens[i].pos_ in ("NOUN", "PROPN")):
                return Hit(None, start, end, role), width
            if width == 1 and _could_be_surname(tokens[i]) and _bare_name(tokens, i, self.kb):
                person = self._surname(form, memory)
                if person is not None:
                    return Hit(person, start, end), 1
        return None, 1

    def _pick(self, entries: list[Entry], memory: ArticleMemory) -> Entry:
        person = self.kb.person_at(entries, memory.date)
        if person is not None:
            return person
        others = [e for e in entries if e.kind not in ("person", "user")]
        return others[0] if others else entries[0]

    def _surname(self, form: str, memory: ArticleMemory) -> Entry | None:
        """A bare surname: the person introduced earlier in the article, else the only holder in office."""
        terms = self.kb.surnames.get(form, [])
        introduced = memory.people.get(form)
        if introduced is not None:
            same_person = [e for e in terms if e.name == introduced.name]
            return self.kb.person_at(same_person, memory.date) or introduced
        holders = [e for e in terms if e.in_office(memory.date)]
        if len({e.name for e in holders}) == 1:
            return holders[0]
        return None

    # -- phrases ----------------------------------------------------------
    def phrase_tokens(self, head: Token) -> list[Token]:
        """The tokens of the noun phrase headed by ``head``, without clauses and conjuncts."""
        keep: list[Token] = [head]
        stack = [c for c in head.children]
        while stack:
            tok = stack.pop()
            inside_word = tok.dep_ == "punct" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
            in_modifier = tok.dep_ in ("conj", "cc") and tok.head.i != head.i and tok.i < head.i  # "US and British activists"
            keep_of = tok.dep_ == "prep" and tok.lower_ == "of" and tok.i > head.i and not _charge_of(head, tok)
            if tok.dep_ in PHRASE_CUT_DEPS and not (inside_word or in_modifier or keep_of):
                continue
            keep.append(tok)
            stack.extend(tok.children)
        keep.sort(key=lambda t: t.i)
        # keep a contiguous run around the head
        run = [head]
        by_index = {t.i: t for t in keep}
        j = head.i - 1
        while j in by_index:
            run.insert(0, by_index[j])
            j -= 1
        j = head.i + 1
        while j in by_index:
            run.append(by_index[j])
            j += 1
        while run and (run[-1].is_punct or run[-1].lower_ in ("'s", "’s")) and run[-1].i != head.i:
            run.pop()
        while run and (run[0].is_punct or run[0].pos_ == "DET") and run[0].i != head.i:
            run.pop(0)
        return run

    def resolve_head(self, head: Token, memory: ArticleMemory) -> list[Actor]:
        """Actors named by the phrase headed by ``head`` (several for groups like 'the two Koreas')."""
        if head.lower_ in PRONOUNS_PERSON | PRONOUNS_OTHER:
            speaker = _reporting_subject(head)
            if speaker is not None:
                # "Sri Lankan officials in Colombo claimed that they had attacked …": the one who says it, not
                # the last name before the pronoun
                said_by = [a for side in (speaker, *speaker.conjuncts) for a in self.resolve_head(side, memory)
                           if a.country or a.kb_id or a.sector]  # "Russia and China said they would …": both
                if said_by:
                    return said_by  # named in the same sentence: point at the name itself
            pair = _joint_subject(head)
            if pair is not None:  # "Russia and China began their joint exercise": both
                both = [a for side in (pair, *pair.conjuncts) for a in self.resolve_head(side, memory) if a.country or a.kb_id]
                if len(both) > 1:
                    return both
            antecedent = memory.antecedent(head)
            if antecedent is None:
                return []
            if memory.block == memory.current_block_of(antecedent) and antecedent.start >= head.sent.start_char:
                return [antecedent]  # named in the same sentence: point at the name itself
            return [_refer(antecedent, head)]
        pair = self._the_two(head, memory)
        if pair:
            return pair
        if _named_pact(head) and self._named_after_place(head, memory):
            # "the Minsk agreement", "the Abraham Accords": a pact named after a city or a person, not a party
            tokens = self.phrase_tokens(head)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            return [Actor(doc_text(head.doc)[start:end], start, end)]
        if head.ent_type_ in NOT_ACTOR_ENTS and head.lemma_.lower() not in PARTITIVE \
                and not (head.pos_ == "PROPN" and self.kb.lookup(head.text)):  # "March 10 - France" read as one date
            return []
        tokens = self.phrase_tokens(head)
        joint = _misjoined(head)
        if joint is not None:  # "the Colombian government and FARC rebels", parsed as one noun phrase
            sides = [self.resolve([t for t in tokens if t.i < joint.i], memory, joint.head),
                     self.resolve([t for t in tokens if t.i > joint.i], memory, head)]
            if all(len(side) == 1 and (side[0].country or side[0].kb_id) for side in sides) and \
                    len({(side[0].country, side[0].sector) for side in sides}) == 2:
                return [side[0] for side in sides]
        actors = self.resolve(tokens, memory, head)
        if len(actors) == 1 and actors[0].country is None and actors[0].sector is not None:
            place = self._place_of(head, memory)  # "a court in Guyana", "police from Kenya"
            if place is not None:
                actors[0].country = place
        return actors

    def _named_after_place(self, head: Token, memory: ArticleMemory) -> bool:
        """Are the names before the pact word a city or a place ("Minsk", "Camp David"), or nothing the KB knows
        ("Abraham", "Prespa"), rather than its parties ("the Ethiopia-Tigray agreement", "the U.N. pact")?"""
        names = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        tokens = [t for c in names for t in c.subtree]
        return all(hit.entry is None or hit.entry.kind in ("capital", "place", "region") for hit in self.hits(tokens, memory))

    def _the_two(self, head: Token, memory: ArticleMemory) -> list[Actor]:
        """ "the two leaders", "both countries": the last two actors of different countries named before."""
        words = [c.lower_ for c in head.children if c.i < head.i]
        if head.lemma_.lower() not in PAIR_NOUNS or not ("two" in words or "both" in words):
            return []
        pair: list[Actor] = []
        here = (memory.block, head.idx)
        for seen in sorted(memory.seen, key=lambda s: (s.block, s.start), reverse=True):
            if (seen.block, seen.start) < here and seen.actor.country and seen.actor.country not in {a.country for a in pair}:
                pair.append(seen.actor)
            if len(pair) == 2:
                break
        if len(pair) < 2:
            return []
        tokens = [t for t in head.subtree if t.i <= head.i]
        start, end = tokens[0].idx, head.idx + len(head.text)
        text = doc_text(head.doc)[start:end]
        return [Actor(text, start, end, a.country, a.sector, a.name or a.text, a.kb_id) for a in reversed(pair)]

    def _place_of(self, head: Token, memory: ArticleMemory) -> str | None:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "at"):
                for pobj in prep.children:
                    for hit in self.hits(list(pobj.subtree), memory):
                        if hit.entry is not None and hit.entry.kind in COUNTRY_KINDS:
                            return hit.entry.country
        return None

    def resolve(self, tokens: list[Token], memory: ArticleMemory, head: Token | None = None) -> list[Actor]:
        """Resolve a phrase; with ``head`` given, names after an uncovered common-noun head
        ("the request of Xi") do not make the phrase an actor."""
        if not tokens:
            return []
        doc = tokens[0].doc
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc_text(doc)[start:end]
        found = [h for h in self.hits(tokens, memory) if h.entry is None or h.entry.kind != "place"]
        if head is not None and head.pos_ not in ("PROPN", "PRON", "NUM") and head.lemma_.lower() not in PARTITIVE:
            head_end = head.idx + len(head.text)
            if not any(h.start <= head.idx < h.end for h in found):
                found = [h for h in found if h.end <= head_end]
                tokens = [t for t in tokens if t.idx < head_end]
        named = [h for h in found if h.entry is not None]
        roles = [h.role for h in found if h.role is not None]
        phrase = Actor(text, start, end, sector=roles[-1].sector if roles else None)
        return (
            self._as_person_or_body(phrase, named, memory)
            or self._as_group(phrase, named)
            or self._as_countries(phrase, named, memory)
            or self._as_unknown(phrase, tokens, head, memory)
        )

    def _as_person_or_body(self, phrase: Actor, named: list[Hit], memory: ArticleMemory) -> list[Actor]:
        """A person in office, else a named organisation; a country word before a body names its country."""
        for kinds in (("person", "user"), ("institution", "igo")):
            hit = next((h for h in named if h.entry.kind in kinds), None)
            if hit is None:
                continue
            entry = hit.entry
            country, sector = entry.country, entry.sector or phrase.sector
            before = [h for h in named if h.entry.kind in COUNTRY_KINDS and h.start < hit.start]
            if entry.kind in ("institution", "igo") and before:
                # "Chile's Defense Department", "Canadian ambassador to the UN"
                country = before[0].entry.country
                if entry.kind == "igo":
                    sector = phrase.sector or entry.sector
            actor = dataclasses.replace(phrase, country=country, sector=sector, name=entry.name, kb_id=entry.kb_id)
            memory.remember(actor, entry)
            return [actor]
        return []

    def _as_group(self, phrase: Actor, named: list[Hit]) -> list[Actor]:
        """ "the two Koreas": one actor per member country."""
        entry = next((h.entry for h in named if h.entry.kind == "group"), None)
        if entry is None:
            return []
        sector = phrase.sector or "GOV"
        return [dataclasses.replace(phrase, country=code, sector=sector, name=entry.name, kb_id=entry.kb_id) for code in entry.countries]

    def _as_countries(self, phrase: Actor, named: list[Hit], memory: ArticleMemory) -> list[Actor]:
        """Country words (names, adjectives, capitals, regions): one actor per country named."""
        out = []
        places = [h for h in named if h.entry.kind in COUNTRY_KINDS]
        for code in dict.fromkeys(h.entry.country for h in places):
            hit = next(h for h in places if h.entry.country == code)
            sector = phrase.sector or ("GOV" if hit.entry.kind in ("capital", "country") else None)
            actor = dataclasses.replace(phrase, country=code, sector=sector, name=hit.entry.name, kb_id=hit.entry.kb_id)
            memory.remember(actor, hit.entry)
            out.append(actor)
        return out

    def _as_unknown(self, phrase: Actor, tokens: list[Token], head: Token | None, memory: ArticleMemory) -> list[Actor]:
        """No KB match: keep a role ("protesters") or a proper name the KB does not know, with no country."""
        proper = [t for t in tokens if t.pos_ == "PROPN"]
        if phrase.sector is None and not [t for t in proper if not t.is_sent_start or len(tokens) == 1]:
            return []
        actor = dataclasses.replace(phrase, name=phrase.text if proper else None)
        memory.remember(actor, None, person=head is not None and head.ent_type_ == "PERSON")
        return [actor]

    def sentence_mentions(self, sent: SpacySpan, memory: ArticleMemory) -> list[Actor]:
        """Every named actor in a sentence: KB hits, and named entities the KB does not know."""
        out = []
        for hit in self.hits(list(sent), memory):
            if hit.entry is None or hit.entry.kind == "place":
                continue
            entry = hit.entry
            actor = Actor(doc_text(sent.doc)[hit.start:hit.end], hit.start, hit.end, entry.country, entry.sector, entry.name, entry.kb_id)
            memory.remember(actor, entry)
            out.append(actor)
        for ent in sent.ents:
            if ent.label_ not in UNKNOWN_ACTOR_ENTS or any(a.start < ent.end_char and ent.start_char < a.end for a in out):
                continue
            actor = Actor(ent.text, ent.start_char, ent.end_char)
            memory.remember(actor, None, person=ent.label_ == "PERSON")
            out.append(actor)
        out.sort(key=lambda a: a.start)
        return out


def _charge_of(head: Token, of: Token) -> bool:
    """Is the "of" after the object of "accused", "charged", "convicted" … the charge ("accused the ruling
    party of vote rigging"), not part of the name ("accused the Ministry of Defence")?"""
    if not (head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGE_VERBS):
        return False
    # a deed ("of shelling", "of rigging the vote") or a charge word ("of corruption"), not a body ("the head of
    # the army"); the charge comes last: "the head of the army of corruption"
    later_of = any(t.dep_ == "prep" and t.lower_ == "of" and t.i > of.i for t in head.subtree)
    return not later_of and any(c.tag_ == "VBG" or c.pos_ == "VERB" or c.lemma_.lower() in CHARGE_WORDS
                                for c in of.children if c.dep_ in ("pobj", "pcomp"))


def _could_be_surname(token: Token) -> bool:
    """A proper noun, or a capitalised noun standing as a subject or object ("Trump" is often tagged NOUN);
    not "Major powers" or "Rice prices"."""
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "VERB" and token.dep_ == "ROOT" and token.i == token.sent.start and token.text.istitle() \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
        return True  # a verbless headline's name the parse took for a verb: "Modi in Moscow for talks with Putin"
    return token.pos_ == "NOUN" and token.text.istitle() and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def _bare_name(tokens: list[Token], i: int, kb: ActorKB) -> bool:
    """Is tokens[i] a name on its own ("Kim said"), not part of a longer unknown name ("Mohammed Hussein Roble")?"""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens) and tokens[j].pos_ == "PROPN" and abs(tokens[j].i - tokens[i].i) == 1:
            if j == i - 1 and tokens[j].lower_ in kb.roles:
                continue  # a title: "President Trump"
            return False
    return True


CHARGE_VERBS = {"accuse", "charge", "convict", "suspect", "acquit", "indict", "clear"}  # their "of" names the charge
CHARGE_WORDS = {"corruption", "fraud", "bias", "terrorism", "treason", "charge", "crime", "abuse", "execution", "rape",
                "torture", "genocide", "murder", "espionage", "spying", "sabotage", "interference", "meddling", "aggression",
                "violation", "attack", "arson", "incitement", "negligence", "hypocrisy", "lie", "racism", "extremism",
                "embezzlement", "bribery", "hostility", "provocation", "war", "massacre", "killing", "complicity", "rigging"}
REPORTING_LEMMAS = {"say", "claim", "insist", "announce", "state", "declare", "warn", "deny", "confirm", "add", "argue",
                    "believe", "hope", "think", "stress", "vow", "pledge", "promise", "threaten", "assert", "maintain"}
PERSON_HEADS = {"minister", "president", "spokesman", "spokeswoman", "spokesperson", "leader", "premier", "chancellor",
                "king", "queen", "prince", "secretary", "ambassador", "envoy", "general", "commander", "chief", "official",
                "governor", "mayor", "senator", "lawmaker", "candidate", "head"}


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb of saying whose clause the pronoun is the subject of ("X said it would …",
    "officials claimed that they had …"), when it can be what the pronoun stands for: a person for he and
    she, not a person for it, a group or a body for they."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.i < pronoun.i and c.pos_ in ("NOUN", "PROPN")), None)
    if speaker is None:
        return None
    personal = speaker.ent_type_ == "PERSON" or speaker.lemma_.lower() in PERSON_HEADS
    word = pronoun.lower_
    if word in ("he", "she"):
        return speaker if personal and speaker.tag_ in ("NN", "NNP") else None
    if word == "it":
        return speaker if not personal and speaker.tag_ in ("NN", "NNP") else None
    if word == "they":
        return speaker if speaker.tag_ in ("NNS", "NNPS") or not personal else None
    return None


PACT_WORDS = frozenset({"deal", "agreement", "accord", "treaty", "pact", "protocol", "memorandum", "charter", "declaration",
                        "convention"})


def _named_pact(head: Token) -> bool:
    """Is the phrase a pact named by the place it was made in ("the Minsk agreement", "the Oslo Accords")?"""
    lemma = head.lemma_.lower()
    return (lemma in PACT_WORDS or lemma[:-1] in PACT_WORDS) and not any(c.dep_ == "poss" for c in head.children) \
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)


def _misjoined(head: Token) -> Token | None:
    """The "and" of two parties the parse made one noun phrase: the first hangs on the second's head as a
    modifier ("the Colombian government and FARC rebels": government ← rebels)."""
    for child in head.children:
        if child.dep_ in ("nmod", "compound") and child.i < head.i and child.pos_ == "NOUN":
            joint = next((c for c in child.children if c.dep_ == "cc" and c.lower_ == "and"), None)
            if joint is not None and any(c.dep_ == "conj" for c in child.children):
                return joint
    return None


def _joint_subject(pronoun: Token) -> Token | None:
    """The subject of the verb whose object "their" qualifies, when it joins several names ("Russia and China
    began their first joint exercise")."""
    if pronoun.lower_ != "their" or pronoun.dep_ != "poss" or pronoun.head.dep_ not in ("dobj", "obj"):
        return None  # only the verb's own object ("began their joint exercise"), not "in retaliation for their attacks"
    verb = pronoun.head.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i), None)
    if subject is None or not subject.conjuncts or any(s.lower_ in PRONOUNS_OTHER for s in (subject, *subject.conjuncts)):
        return None
    return subject


def _refer(antecedent: Actor, token: Token) -> Actor:
    """A pronoun mention that stands for an earlier actor (``name`` says whom)."""
    name = antecedent.name or antecedent.text
    return Actor(token.text, token.idx, token.idx + len(token.text), antecedent.country, antecedent.sector, name, antecedent.kb_id)
