"""Headlines the small model reads without a verb, parsed again with the verb made plain.

Headline English drops articles and auxiliaries and puts the present tense on past acts:
"Protesters storm parliament in Baghdad", "Ruto hosts Somalia's Mohamud in Nairobi". The
small English model, trained on full sentences, tags "storm" and "hosts" as nouns and parses
the line as one long noun phrase, so the title of most articles yields no event or a wrong one.

When a title has no verb with a subject, the first lower-case word after a noun that our
lexicon knows as a verb (an event trigger or a reporting verb), and before any preposition or
past participle, is taken for the verb. The line
is parsed again with that word replaced by a verb the model never takes for a noun ("attacked"
before an object, "met" before a preposition), and the new parse is put on the original words:
same text, same offsets, the word's own lemma, a present-tense verb tag. A new parse that still
finds no verb with a subject is thrown away. Nothing changes for a title that has a verb already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from .lexicon import load_classes

SUBJECTS = {"nsubj", "nsubjpass"}
# bodies a headline may give a plural verb ("Army storm rebel camp", "Police raid homes")
COLLECTIVE = {"army", "police", "military", "navy", "government", "junta", "team", "cabinet", "parliament", "council",
              "group", "militia", "gang", "mob", "crowd", "family", "community",
              "committee", "opposition", "coalition", "alliance", "public", "party", "regime", "crew", "union", "staff",
              "force", "guard", "court", "congress", "senate", "assembly", "administration", "leadership", "board", "bloc"}
OBJECT_STARTS = {"DET", "NOUN", "PROPN", "NUM", "ADJ", "PRON"}
STAND_IN_TRANSITIVE = "attacked"  # the small model never takes it for a noun and reads an object after it
STAND_IN_PLAIN = "met"  # ... and a preposition or nothing after it
STAND_IN_TO = "will"  # "Egypt will host talks" is parsed as a clause; "Egypt to host talks" often is not
MAX_HEADLINE_CHARS = 200
FINAL_STOPS = ".!?"
NAMES = "ner"  # the pipeline component the second parse leaves out


def is_headline(text: str) -> bool:
    """One short line with no full stop at its end."""
    line = text.strip()
    return bool(line) and "\n" not in line and len(line) <= MAX_HEADLINE_CHARS and \
        line.rstrip("\"'\u201d\u2019)")[-1:] not in FINAL_STOPS


def has_clause(doc: Doc) -> bool:
    """Is the line's root a verb with a subject? ("EU talks freeze" inside a noun phrase does not count,
    nor a name the parse took for a verb: "Mali junta rebuffs ECOWAS demand", ECOWAS a verb)"""
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children)
               and not (t.i > 0 and (t.is_title or t.is_upper)) for t in doc)


def planned_to(doc: Doc) -> Token | None:
    """The "to" of a headline's plan ("Egypt to host Gaza ceasefire talks", "Iran, Saudi Arabia to restore
    ties") when the parse did not make the verb after it the line's root."""
    for token in doc[:-1]:  # up to the first verb: a "to" after one is no headline's plan
        if token.pos_ in ("VERB", "AUX"):
            return None
        after = doc[token.i + 1]
        if token.i > 0 and token.lower_ == "to" and token.tag_ == "TO" and after.tag_ == "VB" and after.dep_ != "ROOT" \
                and _subject_end(doc[token.i - 1]):
            return token
    return None


def coordinating_comma(doc: Doc) -> Token | None:
    """The comma of "Tokayev, Putin hold talks": a headline's "and" between two names before the verb."""
    for token in doc[1:]:
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "ROOT" or token.pos_ == "ADP" or token.lower_ == "to":
            return None
        if token.text == ",":
            before, after = doc[token.i - 1], doc[token.i + 1] if token.i + 1 < len(doc) else None
            if after is not None and before.pos_ in ("PROPN", "NOUN") and (after.pos_ in ("PROPN", "NOUN", "ADJ") or after.is_title):
                return token
            return None
    return None


def verb_lemma(token: Token, verbs: frozenset[str]) -> str | None:
    """The verb a headline word can be ("hosts" → host, "denies" → deny), if the lexicon knows it."""
    word = token.lower_
    forms = [token.lemma_.lower(), word]
    if word.endswith("s"):  # "hosts", "pushes", "denies"; not "barbs" -> "bar"
        forms += [word[:-1]] + ([word[:-2]] if word.endswith("es") else []) + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return next((form for form in forms if form in verbs), None)


def candidate(doc: Doc, verbs: frozenset[str]) -> tuple[Token, str] | None:
    """The word after the subject that is most likely the headline's verb."""
    for token in doc[1:]:
        if token.tag_ in ("VBN", "VBD") or token.lower_.endswith("ed") or token.pos_ == "ADP" and token.lower_ != "of":
            return None  # past the subject: "Ukrainian pilot captured by Russian forces" is a passive (see events)
        before = doc[token.i - 1]
        if not (token.is_lower and token.is_alpha) or not _subject_end(before):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_lower and following.tag_.startswith("VB") and not (
                following.tag_ in ("VBD", "VBN") and following.i + 1 < len(doc)
                and doc[following.i + 1].pos_ in ("ADJ", "NOUN", "PROPN")):
            continue  # "Mass arrests reported", "peace talks resume": the next word is the verb ("hands captured pilot" is not)
        if following is not None and following.is_lower and following.lower_.endswith("s") and verb_lemma(following, verbs) \
                and following.i + 1 < len(doc) and doc[following.i + 1].is_lower:
            continue  # "China trade curbs anger Japan": a chain of nouns, the verb later
        if following is not None and following.lower_ in ("'s", "\u2019s", "of"):
            continue  # "the strike's toll", "storm of protest": a noun after all
        if before.tag_ == "NN" and token.lower_ == token.lemma_.lower() and not token.lower_.endswith("s") \
                and before.lower_ not in COLLECTIVE:
            continue  # "Drone attack on Kyiv": a singular noun takes "attacks", so a noun ("Army storm camp" may be plural)
        lemma = verb_lemma(token, verbs)
        if lemma is not None:
            return token, lemma
    return None


def _bodies(token: Token) -> bool:
    """A word for troops or people ("forces", "police"), which a headline's subject ends with."""
    classes = load_classes()
    lemma = token.lemma_.lower()
    return lemma in COLLECTIVE or any(lemma in classes.get(name, frozenset()) for name in ("troop", "people"))


def _subject_end(token: Token) -> bool:
    """Can a subject end with this word? A noun, a name or a pronoun; a first word in capitals the
    tagger calls an adjective only when it is a plural name ("Houthis"), not "New" or "Major"."""
    if token.pos_ in ("NOUN", "PROPN", "PRON") or token.ent_type_:
        return True
    return token.i == 0 and token.is_title and token.pos_ == "ADJ" and token.text.endswith("s")


@dataclass
class Plan:
    """How to parse a headline again: the text with its stand-ins, and what they stand for."""

    text: str
    stand_ins: dict[int, str]
    verb: tuple[Token, str] | None
    comma: Token | None
    to: Token | None = None  # the "to" of "Egypt to host talks", read for the parse as "will"


def plan(doc: Doc, verbs: frozenset[str]) -> Plan | None:
    """The headline's text with its likely verb replaced by a stand-in and a comma between two names by
    "and", or ``None`` when the first parse has a verb and no such comma."""
    found = candidate(doc, verbs)
    if found is not None and has_clause(doc) and (found[0].dep_ not in SUBJECTS or _bodies(found[0])):
        # the parse has a clause: only the verb it read as that clause's subject is replaced ("Mali junta
        # orders French ambassador to leave", "Pakistan hands captured pilot back"), not a body of people
        # ("Security forces arrested opposition leaders")
        found = None
    comma = coordinating_comma(doc)
    to = planned_to(doc)
    if to is not None and (found is None or found[0].i > to.i):
        found = None  # "Egypt to host Gaza ceasefire talks": the plan's verb, not "talks"
    else:
        to = None
    if found is None and comma is None and to is None:
        return None
    stand_ins: dict[int, str] = {}
    if to is not None:
        stand_ins[to.i] = STAND_IN_TO
    if found is not None:
        verb, _ = found
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        stand_ins[verb.i] = STAND_IN_TRANSITIVE if after is not None and (after.pos_ in OBJECT_STARTS or after.is_title) \
            else STAND_IN_PLAIN
    if comma is not None:  # "Tokayev, Putin" -> "Tokayev and Putin"; "Kenya,Uganda" -> "Kenya and Uganda"
        stand_ins[comma.i] = " and" if comma.whitespace_ else " and "
    text = "".join(stand_ins.get(t.i, t.text) + t.whitespace_ for t in doc)
    return Plan(text, stand_ins, found, comma, to)


def apply(doc: Doc, plan: Plan, again: Doc, nlp: Language) -> Doc:
    """The new parse laid on the headline's own words, or the old doc when the new parse does not fit."""
    if len(again) != len(doc) or any(a.text != b.text for a, b in zip(again, doc) if a.i not in plan.stand_ins):
        return doc  # the stand-ins changed the tokens: the two parses cannot be laid on each other
    if plan.verb is not None:
        verb = again[plan.verb[0].i]  # the stand-in must come out a verb with a subject ("— live updates" may be the root)
        if verb.pos_ != "VERB" or not any(c.dep_ in SUBJECTS for c in verb.children):
            return doc
    elif plan.to is not None:
        verb = again[plan.to.i + 1]  # "Egypt will host …": the verb after the "to" must be the root, with a subject
        if verb.dep_ != "ROOT" or again[plan.to.i].head.i != verb.i or not any(c.dep_ in SUBJECTS for c in verb.children):
            return doc
    elif not has_clause(again):
        return doc
    tags, pos = [t.tag_ for t in again], [t.pos_ for t in again]
    lemmas = [t.lemma_ for t in again]
    if plan.verb is not None:
        verb, lemma = plan.verb
        tags[verb.i] = "VBZ" if verb.lower_.endswith("s") and verb.lower_ != lemma else "VBP"
        pos[verb.i], lemmas[verb.i] = "VERB", lemma
    if plan.comma is not None:
        tags[plan.comma.i], pos[plan.comma.i], lemmas[plan.comma.i] = ",", "PUNCT", ","
    if plan.to is not None:
        tags[plan.to.i], pos[plan.to.i], lemmas[plan.to.i] = "TO", "PART", "to"
    # the names as the first parse found them (the new parse runs without the entity recogniser), less the
    # words replaced: a verb it took for part of a name ("Pakistan hands") is no longer in it
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
    for i in plan.stand_ins:
        ents[i] = "O"
        if i + 1 < len(ents) and ents[i + 1].startswith("I-"):
            ents[i + 1] = "B-" + ents[i + 1][2:]
    return Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags, pos=pos,
               lemmas=lemmas, heads=[t.head.i for t in again], deps=[t.dep_ for t in again], ents=ents)


def repair(doc: Doc, nlp: Language, verbs: frozenset[str]) -> Doc:
    """One headline's doc, parsed again when :func:`plan` finds something to do."""
    todo = plan(doc, verbs)
    return doc if todo is None else apply(doc, todo, nlp(todo.text, disable=[NAMES]), nlp)


def repair_many(docs: list[Doc], nlp: Language, verbs: frozenset[str], batch_size: int = 64) -> list[Doc]:
    """Several headlines at once: the new parses in one spaCy stream, without the entity recogniser
    (half of the model's time; the names come from the first parse)."""
    plans = [plan(doc, verbs) for doc in docs]
    again = iter(nlp.pipe([p.text for p in plans if p is not None], batch_size=batch_size, disable=[NAMES]))
    return [doc if p is None else apply(doc, p, next(again), nlp) for doc, p in zip(docs, plans)]


# -- who a headline is told by ------------------------------------------------------------------
SOURCE_FIRST = re.compile(r"(?P<source>[^\W\d_][^:\n\"\u201c\u201d]{0,40}?)(?P<cue>:)\s+(?=\S)")
SOURCE_LAST = re.compile(r"(?:\s+(?P<dash>[-\u2013\u2014])|(?P<colon>:))\s+(?P<source>[^\W\d_][^\-\u2013\u2014:\n\"\u201c\u201d\d]{0,40}?)\s*$")
# "…, Seoul says", "…, police said", "…, report claims": a source and its speech verb closing the line
SOURCE_SAYS = re.compile(r",\s+(?P<source>[^\W\d_][^,:\n\"\u201c\u201d\d]{0,40}?)\s+(?P<verb>says|said|say|claims|claim|reports|report|confirms)\s*$")
MAX_SOURCE_WORDS = 4
MIN_CLAIM_WORDS = 3


@dataclass(frozen=True)
class Told:
    """A headline's source ("Zelensky: …", "… - UN", "…: Pentagon"), the mark that sets it apart, and the
    claim, as offsets in the line."""

    source: tuple[int, int]
    cue: tuple[int, int]
    claim: tuple[int, int]


def told_by(line: str) -> list[Told]:
    """Where a headline may name its source, before a colon or after a closing dash or colon: a short
    phrase (at most four words, no digits) beside a claim of three words or more. Whether the phrase
    is a source (a person, an organisation, a state; not "Ukraine war" or "Live") is for the caller
    to decide, in the order given. One colon is read one way only: "Middle East crisis: Iran threatens
    Israel" does not also offer "Iran threatens Israel" as a source."""
    found = []
    first = SOURCE_FIRST.match(line)
    if first is not None:
        found.append(Told(first.span("source"), first.span("cue"), (first.end(), len(line.rstrip()))))
    found = [told for told in found if _fits(line, told)]
    says = SOURCE_SAYS.search(line)
    if says is not None:
        told = Told(says.span("source"), says.span("verb"), (0, says.start()))
        if _fits(line, told):
            found.append(told)
    last = SOURCE_LAST.search(line)
    if last is not None:
        cue = last.span("dash" if last.group("dash") else "colon")
        told = Told(last.span("source"), cue, (0, last.start()))
        if _fits(line, told) and not any(f.cue == cue for f in found):
            found.append(told)
    return found


def _fits(line: str, told: Told) -> bool:
    return len(line[told.source[0]:told.source[1]].split()) <= MAX_SOURCE_WORDS \
        and len(line[told.claim[0]:told.claim[1]].split()) >= MIN_CLAIM_WORDS
