"""The trigger lexicon: which verbs and nouns can be events, and with which CAMEO code.

A trigger is a verb or noun whose lemma is in ``data/triggers.tsv``, optionally
with a required child ("hold *talks*", "call *for*", "pull *out*") or a word
class from ``data/classes.tsv`` ("deliver *@weapon*").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from spacy.tokens import Token

from .datafiles import data_path, read_table, split_multi
from .errors import KnowledgeBaseError

NAME_ENTS = {"ORG", "WORK_OF_ART", "LAW", "EVENT", "FAC", "GPE", "PERSON", "PRODUCT", "NORP"}
# a proper noun inside a date is a month or a day, never an act ("PARIS, March 10": no protest march)
DATE_ENTS = {"DATE", "TIME"}
NOT_ACT_ENTS = NAME_ENTS | DATE_ENTS


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    with_: str
    cameo: str


# "to" and "in" mark where or to whom ("flew to Y", "arrived in Y"), not what the act is: an entry that requires
# one yields to an entry that requires the act's object or its word class ("flew a medical team to Manila" is aid,
# not a visit; "gave Y 200 million dollars in budget support" is no giving in); other prepositions keep their
# place ("called on the army to …" is no call-up, "sent troops toward the border" a deployment)
ARGUMENT_PREPOSITIONS = frozenset({"to", "in"})

# a word class told by the parse, not by a word list: a direct object that names a person
PERSON_CLASS = "person"
PLACE_CLASS = "place"  # the verb's direct object is a named place ("struck Gaza", "hit Kyiv")


@dataclass
class Lexicon:
    entries: dict[tuple[str, str], list[Trigger]]
    classes: dict[str, frozenset[str]]
    version: str
    # a name that is a town or a region, where the entity recogniser does not say so ("Goma", tagged a person);
    # the coder sets it from its gazetteer
    is_place: Callable[[str], bool] = field(default=lambda name: False, repr=False)

    def _fits(self, option: Trigger, near: set[str], token: Token) -> bool:
        if option.with_ == "@" + PERSON_CLASS:
            return _person_object(token)
        if option.with_ == "@" + PLACE_CLASS:  # with arms, if with anything ("targeted Canada with tariffs" is no attack)
            armed = self.classes.get("weapon", frozenset())
            return _place_object(token, self.is_place) and all(o.lemma_.lower() in armed for o in _with_objects(token))
        if option.with_.startswith("@"):
            return bool(self.classes.get(option.with_[1:], frozenset()) & near)
        return option.with_ in near

    def __post_init__(self) -> None:
        self._lemmas = frozenset(lemma for lemma, _ in self.entries)  # most words are none: one set lookup

    def match(self, token: Token, without: str | None = None) -> Trigger | None:
        """The trigger the token is, if any: the first entry whose required word fits, else the plain one;
        ``without`` leaves out the entries that require that word or class ("@place")."""
        lemma = token.lemma_.lower()
        if lemma not in self._lemmas:
            return None
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None or (token.pos_ == "PROPN" and token.ent_type_ in NOT_ACT_ENTS):
            return None
        options = self.entries.get((lemma, pos))
        if not options and pos == "NOUN" and _eventive_noun(token):
            options = [t for t in self.entries.get((lemma, "VERB"), []) if not t.with_]
        if not options:
            return None
        near = _near_lemmas(token)
        # a word class before a "to" or "in" entry must be the act's object ("flew a medical team to Manila"), not
        # how or why it went ("flew to Beijing on a presidential jet", "flew to Cairo to help broker a truce")
        aimed = any(option.with_ in ARGUMENT_PREPOSITIONS for option in options)
        objects = _object_lemmas(token) if aimed else near
        bare = None
        for option in options:
            if without is not None and option.with_ == without:
                continue
            if option.with_ and self._fits(option, objects if option.with_.startswith("@") else near, token):
                return option
            if not option.with_ and bare is None:
                bare = option
        return bare


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of the verb's direct objects, their modifiers and what they count ("two planeloads of medicine")."""
    near = set()
    for obj in (c for c in token.children if c.dep_ in ("dobj", "obj", "dative")):
        for word in (obj, *obj.conjuncts):
            near.add(word.lemma_.lower())
            for grand in word.children:
                if grand.dep_ in ("amod", "compound", "nummod", "nmod"):  # "gave them food and medical checks"
                    near.update(g.lemma_.lower() for g in (grand, *grand.conjuncts))
                elif grand.dep_ == "prep" and grand.lower_ == "of":
                    near.update(g.lemma_.lower() for g in grand.children if g.dep_ == "pobj")
    return near


def _with_objects(token: Token) -> list[Token]:
    return [o for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]


def _place_object(token: Token, is_place: Callable[[str], bool]) -> bool:
    """Is the verb's direct object a named place ("Israeli jets struck Gaza", "rebels seized Goma")?"""
    for child in token.children:
        if child.dep_ not in ("dobj", "obj"):
            continue
        if child.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
        if child.pos_ == "PROPN":
            name = [t for t in child.subtree if t.i <= child.i and t.pos_ == "PROPN" and (t.dep_ == "compound" or t is child)]
            if is_place(" ".join(t.text for t in name)):
                return True
    return False


def _person_object(token: Token) -> bool:
    """Does the verb's direct object name a person ("released opposition leader Aung San Suu Kyi")?"""
    return any(c.dep_ in ("dobj", "obj") and any(t.ent_type_ == "PERSON" for t in c.subtree) for c in token.children)


# nouns that name who or what, never the act, even with a possessive ("Kazakhstan's security forces",
# "the rebels' arms", "the UN's supplies")
NOT_EVENT_NOUNS = {"force", "arm", "supply"}


def _eventive_noun(token: Token) -> bool:
    """A noun used as an event ("the release of", "Russia's withdrawal from"): verb entries may apply."""
    if token.lemma_.lower() in NOT_EVENT_NOUNS:
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "with", "from", "to", "by", "between")) or c.dep_ == "poss"
        for c in token.children
    )


DEGREE_NOUNS = {"state", "level", "status", "degree", "footing"}


def _near_lemmas(token: Token) -> set[str]:
    """Lemmas of children, and of objects of child prepositions ("talks WITH", "fire ON")."""
    near = set()
    for child in token.children:
        near.add(child.lemma_.lower())
        if child.dep_ in ("prep", "prt", "dobj", "nsubjpass", "advmod"):
            for grand in child.children:
                near.add(grand.lemma_.lower())
                # what a passive's subject counts: "thousands of reservists were called up"
                if child.dep_ in ("dobj", "nsubjpass") and grand.dep_ == "prep":
                    near.update(g.lemma_.lower() for g in grand.children if g.dep_ == "pobj")
                if child.dep_ == "prep" and grand.dep_ == "pobj" and grand.lemma_.lower() in DEGREE_NOUNS:
                    # "placed bombers on a higher state of readiness", "the highest level of alert"
                    near.update(g.lemma_.lower() for of in grand.children if of.dep_ == "prep" and of.lower_ == "of"
                                for g in of.children if g.dep_ == "pobj")
                if child.dep_ == "prep" and child.lower_ == "for" and grand.dep_ == "pobj":
                    # what it is for: "deployed soldiers for rescue operations"
                    near.update(g.lemma_.lower() for g in grand.children if g.dep_ in ("compound", "amod"))
    return near


@lru_cache(maxsize=1)
def load_classes() -> dict[str, frozenset[str]]:
    """The word classes of ``data/classes.tsv`` by name."""
    return {row["class"]: frozenset(split_multi(row["lemmas"])) for row in read_table(data_path("classes.tsv")).rows}


@lru_cache(maxsize=1)
def load_lexicon(ontology_codes: frozenset[str] | None = None) -> Lexicon:
    table = read_table(data_path("triggers.tsv"))
    entries: dict[tuple[str, str], list[Trigger]] = {}
    for number, row in enumerate(table.rows, start=1):
        if ontology_codes is not None and row["cameo"] not in ontology_codes:
            raise KnowledgeBaseError(table.path, f"unknown CAMEO code {row['cameo']!r}", number)
        trigger = Trigger(row["lemma"].lower(), row["pos"].upper(), row["with"].lower(), row["cameo"])
        entries.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    for options in entries.values():
        # constrained entries first (a required word, then a word class, then "to" or "in"), the bare entry last
        options.sort(key=lambda t: (not t.with_, t.with_ in ARGUMENT_PREPOSITIONS, t.with_.startswith("@")))
    classes = load_classes()
    for options in entries.values():
        for option in options:
            if option.with_.startswith("@") and option.with_[1:] not in classes and option.with_[1:] not in (PERSON_CLASS, PLACE_CLASS):
                raise KnowledgeBaseError(table.path, f"unknown word class {option.with_!r} for {option.lemma!r}")
    return Lexicon(entries, classes, f"{table.version}")
