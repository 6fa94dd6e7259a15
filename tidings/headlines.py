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

from spacy.language import Language
from spacy.tokens import Doc, Token

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECT_STARTS = {"DET", "NOUN", "PROPN", "NUM", "ADJ", "PRON"}
STAND_IN_TRANSITIVE = "attacked"  # the small model never takes it for a noun and reads an object after it
STAND_IN_PLAIN = "met"  # ... and a preposition or nothing after it
MAX_HEADLINE_CHARS = 200
FINAL_STOPS = ".!?"


def is_headline(text: str) -> bool:
    """One short line with no full stop at its end."""
    line = text.strip()
    return bool(line) and "\n" not in line and len(line) <= MAX_HEADLINE_CHARS and \
        line.rstrip("\"'\u201d\u2019)")[-1:] not in FINAL_STOPS


def has_clause(doc: Doc) -> bool:
    """Is the line's root a verb with a subject? ("EU talks freeze" inside a noun phrase does not count)"""
    return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in t.children) for t in doc)


def verb_lemma(token: Token, verbs: frozenset[str]) -> str | None:
    """The verb a headline word can be ("hosts" → host, "denies" → deny), if the lexicon knows it."""
    word = token.lower_
    forms = [token.lemma_.lower(), word]
    if word.endswith("s"):
        forms += [word[:-1], word[:-2]] + ([word[:-3] + "y"] if word.endswith("ies") else [])
    return next((form for form in forms if form in verbs), None)


def candidate(doc: Doc, verbs: frozenset[str]) -> tuple[Token, str] | None:
    """The word after the subject that is most likely the headline's verb."""
    for token in doc[1:]:
        if token.tag_ in ("VBN", "VBD") or token.lower_.endswith("ed") or token.pos_ == "ADP" and token.lower_ != "of":
            return None  # past the subject: "Ukrainian pilot captured by Russian forces" is a passive (see events)
        before = doc[token.i - 1]
        if not (token.is_lower and token.is_alpha) or not (before.pos_ in ("NOUN", "PROPN", "PRON") or before.is_title):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("'s", "\u2019s", "of"):
            continue  # "the strike's toll", "storm of protest": a noun after all
        lemma = verb_lemma(token, verbs)
        if lemma is not None:
            return token, lemma
    return None


def repair(doc: Doc, nlp: Language, verbs: frozenset[str]) -> Doc:
    """The headline's doc, parsed again around its likely verb when the first parse found none."""
    if has_clause(doc):
        return doc
    found = candidate(doc, verbs)
    if found is None:
        return doc
    verb, lemma = found
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    stand_in = STAND_IN_TRANSITIVE if after is not None and (after.pos_ in OBJECT_STARTS or after.is_title) else STAND_IN_PLAIN
    text = doc.text
    again = nlp(text[:verb.idx] + stand_in + text[verb.idx + len(verb.text):])
    if len(again) != len(doc) or any(a.text != b.text for a, b in zip(again, doc) if a.i != verb.i):
        return doc  # the stand-in changed the tokens: the two parses cannot be laid on each other
    if not any(c.dep_ in SUBJECTS for c in again[verb.i].children) or again[verb.i].pos_ != "VERB":
        return doc
    tags, pos = [t.tag_ for t in again], [t.pos_ for t in again]
    lemmas = [t.lemma_ for t in again]
    tags[verb.i] = "VBZ" if verb.lower_.endswith("s") and verb.lower_ != lemma else "VBP"
    pos[verb.i], lemmas[verb.i] = "VERB", lemma
    # the names as the first parse found them, unless it took the verb for part of one ("Pakistan hands")
    ents = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in (again if verb.ent_type_ else doc)]
    ents[verb.i] = "O"
    if verb.i + 1 < len(ents) and ents[verb.i + 1].startswith("I-"):
        ents[verb.i + 1] = "B-" + ents[verb.i + 1][2:]
    return Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags, pos=pos,
               lemmas=lemmas, heads=[t.head.i for t in again], deps=[t.dep_ for t in again], ents=ents)
