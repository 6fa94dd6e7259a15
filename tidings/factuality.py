"""Factuality: did the event happen, as the sentence tells it?

Every event gets one of :data:`~tidings.records.FACTUALITIES` and the cue that
decided it. The trigger's clause is read upwards through the parse (its
auxiliaries and modifiers, then the words that govern it: "denied *attacking*",
"may be trying to *meet*", "is believed to have *met*", "betting on a second
*summit*"), stopping at a reporting verb, whose own clause is another speaker's.
Cue words and their kinds live in ``data/cues.tsv``; time expressions that place an
event before the article ("last year", "in 2018", "two decades ago", "during the
war") are matched here against the publication date.

When several cues apply the first kind in :data:`PRIORITY` wins: "did not attack
last year" is negated, "reportedly met in 2015" historical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .frames import FrameTables, load_frames, negates

PRIORITY = ("negated", "hypothetical", "future", "historical", "reported")
CLIMB_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acl", "conj", "nsubjpass", "nsubj", "attr", "oprd", "amod", "compound", "npadvmod"}
REPORTING = {"say", "tell", "report", "announce", "state", "add", "claim", "write", "insist", "confirm", "note", "declare"}
NEGATION_WORDS = {"not", "never", "no", "n't", "without", "neither", "nor"}
MODAL = {"could": "hypothetical", "might": "hypothetical", "may": "hypothetical", "would": "hypothetical",
         "must": "hypothetical", "should": "hypothetical",  # demanded or inferred, not told as done
         "will": "future", "shall": "future", "'ll": "future", "wo": "future"}
MODIFIER_KINDS = {  # adjectives and adverbs on the trigger itself
    "possible": "hypothetical", "potential": "hypothetical", "hypothetical": "hypothetical", "prospective": "hypothetical",
    "proposed": "future", "planned": "future", "upcoming": "future", "future": "future", "scheduled": "future", "expected": "future",
    "alleged": "reported", "suspected": "reported", "reported": "reported", "apparent": "reported", "unconfirmed": "reported",
    "purported": "reported", "reportedly": "reported", "allegedly": "reported", "purportedly": "reported",
    "apparently": "reported", "supposedly": "reported", "seemingly": "reported", "rumoured": "reported", "rumored": "reported",
    "perhaps": "hypothetical", "possibly": "hypothetical", "maybe": "hypothetical", "probably": "hypothetical",
    "likely": "hypothetical", "unlikely": "hypothetical",
}
HEDGED_SOURCES = {"report", "reports", "rumour", "rumours", "rumor", "rumors", "speculation", "account", "accounts"}
THINKING = {"believe", "think", "suspect", "assume", "fear", "suggest", "speculate", "bet", "guess", "appear", "seem"}
NUMBER_WORDS = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|many|a few|few)"
PAST_RELATIVE = re.compile(
    r"\b(?:last|previous|past) (?:year|decade|century|summer|winter|spring|autumn|fall)\b"
    r"|\b" + NUMBER_WORDS + r" (?:years|decades|centuries|year|decade|century) (?:ago|earlier|before)\b"
    r"|\b(?:years|decades|centuries|a year|a decade) ago\b"
    r"|\b(?:during|in|after|before) (?:the )?(?:\w+ )?(?:war|cold war|world war \w+|civil war|soviet era|soviet times|colonial era|revolution|occupation)\b"
    r"|\bin the (?:early |late |mid-?)?(?:19|20)?\d0s\b"
    r"|\b(?:in|on|by) (?:the )?(?:early |late |mid-?)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?:\d{1,2},? )?)?(?:19|20)\d\d\b"
    r"|\b(?:back in|as early as|as long ago as)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DECADE = re.compile(r"\b(?:the )?(?:(19|20)?(\d)0s)\b")
FUTURE_TIME = re.compile(r"\b(?:next|coming) (?:week|month|year|days|weeks|months|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
                         r"|\btomorrow\b|\blater this (?:week|month|year)\b|\bin the coming\b", re.IGNORECASE)


@dataclass(frozen=True)
class Judgement:
    """The factuality of one event and the cue (doc character offsets) that decided it."""

    value: str
    cue: tuple[int, int] | None = None


ASSERTED = Judgement("asserted")


def judge(token: Token, negated: bool, date: str | None, tables: FrameTables | None = None) -> Judgement:
    """The factuality of the event whose trigger is ``token``.

    ``negated`` is the events stage's verdict on negation, which already knows that
    "refused to meet" is an asserted refusal rather than a meeting that did not happen.
    """
    tables = tables or load_frames()
    found: dict[str, tuple[int, int]] = {}
    chain = _chain(token)
    if negated:
        found["negated"] = _negation_cue(chain) or _span(token)
    elif (none := _no_object(token)) is not None:
        found["negated"] = none  # "held no talks", "sent no aid"
    own_aux = False
    for depth, node in enumerate(chain):
        # "met X and will attack Y": a verb with its own auxiliary does not take its conjunct's
        own_aux = own_aux or any(c.dep_ in ("aux", "auxpass") for c in chain[depth - 1].children) if depth else False
        shared = depth > 0 and chain[depth - 1].dep_ == "conj" and own_aux
        for kind, cue in _cues_at(node, token, depth, chain, tables, date):
            if shared and kind in ("hypothetical", "future", "negated"):
                continue
            if kind == "negated" and not negated:
                continue  # the events stage decided the negation does not apply (a refusal)
            found.setdefault(kind, cue)
    for kind in PRIORITY:
        if kind in found:
            return Judgement(kind, found[kind])
    return ASSERTED


OBLIGING = {"must", "should"}


def _verbal(chain: list[Token], depth: int) -> bool:
    """Is the trigger the verb at ``depth`` or one it governs as a verb ("must stop attacking"), not a noun in
    its object ("must pay for the attack")?"""
    return all(chain[d].dep_ in ("xcomp", "conj") for d in range(depth))


NEED_VERBS = {"have", "need"}  # "has to", "needs to"


def obliges(head: Token, clause: Token) -> bool:
    """Does ``head`` oblige its ``to``-clause: "has to withdraw", "needs to send", "will have to", "ought to
    allow"; not "has yet to withdraw" (not done) nor "had to withdraw" (done)?"""
    if head.lower_ == "ought":
        return True
    return head.lemma_.lower() in NEED_VERBS and head.tag_ != "VBD" and not any(c.lower_ == "yet" for c in head.children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _chain(token: Token) -> list[Token]:
    """The trigger and the words above it in its own clause, up to a reporting verb."""
    chain = [token]
    node = token
    for _ in range(5):
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            break
        node = node.head
        chain.append(node)
        if node.lemma_.lower() in REPORTING:
            break
    return chain


def _span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _no_object(token: Token) -> tuple[int, int] | None:
    """ "no" on the trigger's direct object or passive subject: "sent no aid", "no Americans were killed"."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            det = next((d for d in child.children if d.dep_ == "det" and d.lower_ == "no"), None)
            if det is not None:
                return _span(det)
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none") or child.lower_ == "no" and child.dep_ == "det":
            return _span(child)
    return None


def _negation_cue(chain: list[Token]) -> tuple[int, int] | None:
    for node in chain:
        for child in node.children:
            if child.lower_ == "longer" and negates(child):
                return child.left_edge.idx, child.idx + len(child.text)  # "no longer"
            if (child.dep_ == "neg" or child.lower_ in NEGATION_WORDS) and negates(child):
                return _span(child)
        if load_frames().cues.get(node.lemma_.lower()) == "negation" and node is not chain[0]:
            return _span(node)
    return None


def _cues_at(node: Token, trigger: Token, depth: int, chain: list[Token], tables: FrameTables, date: str | None):
    """(kind, cue offsets) for the cues on one word of the chain."""
    lemma = node.lemma_.lower()
    reporting = lemma in REPORTING
    if depth > 0 and not reporting:
        kind = tables.cues.get(lemma)
        if kind in ("hypothetical", "future") or (kind == "intent" and _governs_clause(node, chain)):
            yield ("future" if kind == "intent" else kind), _span(node)
        if lemma == "bet":
            yield "hypothetical", _span(node)  # "betting everything on a second summit"
        elif lemma in THINKING and not _first_person(node):
            yield "reported", _span(node)  # "are believed to have met", "officials suspect Russia attacked"
    if reporting and _passive(node) and any(c.dep_ == "xcomp" for c in node.children):
        yield "reported", _span(node)  # "is said to have visited"
    if reporting or depth > 0:
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.lower_ in HEDGED_SOURCES or any(c.lower_ in ("unconfirmed", "unverified") for c in subject.children)):
            yield "reported", (subject.left_edge.idx, subject.idx + len(subject.text))
    if lemma == "be" and depth > 0 and any(c.dep_ == "aux" and c.lower_ == "to" for c in chain[depth - 1].children):
        yield "future", _span(node)  # "are to sign"
    if lemma == "set" and depth > 0 and _passive(node) and chain[depth - 1].dep_ in ("xcomp", "nsubjpass"):
        yield "future", _span(node)  # "talks are set for Sunday", "is set to visit"
    if depth == 0:
        for words in _time_phrases(node):
            past = None if words[0].lower_ == "since" else _past_expression(words.text, date)
            if past is not None:
                yield "historical", (words.start_char + past[0], words.start_char + past[1])
    if depth > 0 and chain[depth - 1].dep_ == "xcomp" and obliges(node, chain[depth - 1]) and _verbal(chain, depth):
        yield "hypothetical", _span(node)  # "has to withdraw", "needs to send", "ought to allow": not done
    for child in node.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass") and low in MODAL and not (reporting and depth > 0):
            kind = MODAL[low]
            if low in OBLIGING and not _verbal(chain, depth):
                continue  # "must pay for the attack": the attack was made
            if low == "should" and any(t.ent_type_ in ("DATE", "TIME") for t in node.subtree):
                kind = "future"  # "talks should resume next week": expected
            if low == "would" and _counterfactual(child):
                kind = "hypothetical"
            elif low == "would" and _reported_future(chain) and not _conditional(chain):
                kind = "future"
            yield kind, _span(child)
        elif child.dep_ == "prep" and low == "according":
            words = child.doc[child.left_edge.i:child.right_edge.i + 1]
            if any(t.lower_ in HEDGED_SOURCES or t.lower_ in ("unconfirmed", "unverified") for t in words):
                yield "reported", (words.start_char, words.end_char)
        elif child.dep_ == "aux" and low == "going" and any(g.lower_ == "to" for g in child.children):
            yield "future", _span(child)
        elif child.dep_ == "aux" and low == "to" and child.i < node.i and _headline_plan(node):
            yield "future", _span(child)  # a headline's plan: "EU to impose new sanctions on Iran"
        elif child.dep_ in ("mark",) and low in ("if", "unless", "whether") and not reporting:
            yield "hypothetical", _span(child)
        elif child.dep_ in ("amod", "advmod", "acomp") and low in MODIFIER_KINDS and (depth == 0 or child.dep_ == "advmod"):
            yield MODIFIER_KINDS[low], _span(child)
        elif child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children if m.dep_ == "mark") and depth == 0:
            yield "hypothetical", _span(next(m for m in child.children if m.dep_ == "mark"))
        elif child.dep_ in ("npadvmod", "tmod", "prep", "advmod", "pobj") and child.i != trigger.i and child not in chain:
            words = child.doc[child.left_edge.i:child.right_edge.i + 1]
            if len(words) > 8:
                continue
            text = words.text
            past = None if (depth == 0 or low == "since") else _past_expression(text, date)
            if past is not None:
                yield "historical", (words.start_char + past[0], words.start_char + past[1])
            elif (future := FUTURE_TIME.search(text)) is not None and not reporting:
                yield "future", (words.start_char + future.start(), words.start_char + future.end())


def _time_phrases(trigger: Token):
    """Short phrases in the trigger's own clause that may date it: "in 2018" (also when the parser hung
    it on the object: "withdrew from the deal in 2018"), "last year", "two decades ago"."""
    stack = list(trigger.children)
    while stack:
        node = stack.pop()
        if node.dep_ in ("ccomp", "advcl", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj"):
            continue
        if node.dep_ in ("prep", "npadvmod", "tmod", "advmod") and node.right_edge.i - node.left_edge.i < 8:
            yield node.doc[node.left_edge.i:node.right_edge.i + 1]
        else:
            stack.extend(node.children)


def _counterfactual(would: Token) -> bool:
    """ "would have struck": a past that did not happen."""
    head = would.head
    return any(c.dep_ == "aux" and c.lower_ == "have" and c.i > would.i for c in head.children)


def _governs_clause(node: Token, chain: list[Token]) -> bool:
    """Does an intent word govern the trigger's clause ("plans to visit"), rather than sit beside it?"""
    below = chain[chain.index(node) - 1]
    return below.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "prep", "dobj")


def _passive(node: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in node.children) or any(c.dep_ == "nsubjpass" for c in node.children)


def _first_person(node: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in node.children)


def _headline_plan(verb: Token) -> bool:
    """Is this infinitive a headline's main verb ("Biden to visit Kyiv", "EU to impose sanctions": the
    parse makes it the root with a subject, or a clause of the root name)?"""
    if verb.dep_ == "ROOT":
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("PROPN", "NOUN") and verb.head.i < verb.i


def _reported_future(chain: list[Token]) -> bool:
    """ "said it would send aid": a future seen from the past, not a condition."""
    return any(node.lemma_.lower() in REPORTING | {"promise", "pledge", "vow", "agree", "announce", "decide", "expect"} for node in chain[1:])


def _conditional(chain: list[Token]) -> bool:
    return any(m.lower_ in ("if", "unless") for node in chain for c in node.children if c.dep_ == "advcl"
               for m in c.children if m.dep_ == "mark")


def _past_expression(text: str, date: str | None) -> tuple[int, int] | None:
    """Offsets of a time expression in ``text`` that lies clearly before the publication date."""
    for match in PAST_RELATIVE.finditer(text):
        found = match.group()
        year = YEAR.search(found)
        decade = DECADE.search(found) if year is None else None
        if year is not None:
            if date is None or int(year.group()) >= int(date[:4]):
                continue  # "in 2019" in a 2019 article is this year's news
        elif decade is not None and re.search(r"\d0s", found):
            century = decade.group(1) or ("19" if int(decade.group(2)) > 2 else "20")
            start_year = int(century + decade.group(2) + "0")
            if date is not None and start_year + 10 > int(date[:4]):
                continue  # "in the 2020s" written in the 2020s
        return match.start(), match.end()
    return None
