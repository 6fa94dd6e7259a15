"""Frames around a trigger that change what kind of event it is.

PLOVER codes intentions and threats as their own types rather than as the
action plus a modality: "will visit", "is willing to provide aid" are AGREE;
"plans to attack" is THREATEN; "will not lift the embargo" is REJECT. The cue
words that open such frames (will, willing, plan, vow, warn, not …) live in
``data/cues.tsv``; the code-level mapping from action type to the intent,
threat or refusal code lives in ``data/frame_codes.tsv``, and the code of demanding an act
("X said Y must lift the sanctions": REQUEST) in ``data/demand_codes.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .datafiles import data_path, read_table
from .ontology import Ontology

COOPERATIVE = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "AGREE"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
FRAME_DEPS = {"xcomp", "ccomp", "advcl"}
NEGATION_LEMMAS = {"not", "never", "no", "n't"}
DOUBLE_NEGATIVES = {"hesitate", "stop", "cease", "fail"}  # "did not hesitate to strike" happened
# "ended" cues that also govern a verb ("stopped jamming"); the others only a noun ("lifted its veto")
STOP_LEMMAS = {"stop", "cease", "halt", "quit", "discontinue", "pause", "suspend", "end"}


@dataclass(frozen=True)
class Frame:
    kind: str | None  # future | intent | threat | request | hypothetical | reject_frame | ended | None
    negated: bool
    cue: Token | None = None


@dataclass(frozen=True)
class FrameTables:
    cues: dict[str, str]
    intent_code: dict[str, str]
    threat_code: dict[str, str]
    refusal_code: dict[str, str]
    ended_code: dict[str, str]
    demand_code: dict[str, str]  # CAMEO code of an act (or its start) → code of demanding it


@lru_cache(maxsize=1)
def load_frames() -> FrameTables:
    cues = {row["cue"].lower(): row["kind"] for row in read_table(data_path("cues.tsv")).rows}
    codes = read_table(data_path("frame_codes.tsv")).rows
    return FrameTables(
        cues,
        {r["type"]: r["intent"] for r in codes if r["intent"]},
        {r["type"]: r["threat"] for r in codes if r["threat"]},
        {r["type"]: r["refusal"] for r in codes if r["refusal"]},
        {r["type"]: r["ended"] for r in codes if r["ended"]},
        {r["act"]: r["demand"] for r in read_table(data_path("demand_codes.tsv")).rows},
    )


DEMAND_ROOT, APPEAL_ROOT = "10", "02"
DEFAULT_DEMAND = "100"


def demand_code(cameo: str, appeal: bool, tables: FrameTables, stop: bool = False, ontology: Ontology | None = None) -> str:
    """The code of demanding (or, with ``appeal``, of appealing for) the act coded ``cameo``: "must lift
    the sanctions" 085 → 1054, "should lift the sanctions" → 0254; an act not in the table → 100 or 020.
    With ``stop``, a demand to stop the act: of an act of conflict, a demand for its ending ("must not
    attack civilians": de-escalation, 087 → 1056; "must stop the arrests": 081 → 1051); of any other,
    a plain demand ("should stop arming Taiwan": 020, not an appeal for arms)."""
    if stop:
        plover = ontology.codes[cameo].plover if ontology is not None and cameo in ontology.codes else None
        cameo = tables.ended_code.get(plover or "", "")
    code = next((tables.demand_code[cameo[:n]] for n in range(len(cameo), 1, -1) if cameo[:n] in tables.demand_code),
                DEFAULT_DEMAND)
    return APPEAL_ROOT + code[len(DEMAND_ROOT):] if appeal else code


def negates(token: Token) -> bool:
    """Is this child a negation of its head? Not "not only … but also"; "no longer" is."""
    doc = token.doc
    if token.lower_ == "longer" and any(c.lower_ == "no" for c in token.children):
        return True
    if not (token.dep_ == "neg" or token.lower_ in NEGATION_LEMMAS):
        return False
    return not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "only")


def frame_of(token: Token, tables: FrameTables) -> Frame:
    """The modal/intent frame of a trigger: its auxiliaries, then the words that govern it."""
    negated = any(negates(c) for c in token.children if c.i < token.i)
    aux = _modal_aux(token, tables)
    if aux is not None:
        return Frame(tables.cues[aux.lemma_.lower()], negated, aux)
    current = token
    for _ in range(2):
        if current.dep_ == "dobj" and tables.cues.get(current.head.lemma_.lower()) == "ended" and current.i == token.i \
                and _own_act(token):
            # "halted the arrests", "lifted its veto": the act is ended; "did not halt the arrests": it goes on
            if _denied(current.head):
                return Frame(None, False)
            return Frame("ended", False, current.head)
        if current.head.i != current.i and _not_yet(current, current.head):
            return Frame(None, True, current.head)  # "has yet to withdraw", "is yet to release", "stopped short of imposing"
        if current.dep_ not in FRAME_DEPS or current.head.i == current.i:
            break
        head = current.head
        denied = _denied(head)
        # "did not hesitate to expel": it did expel
        negated = negated or (denied and head.lemma_.lower() not in DOUBLE_NEGATIVES)
        kind = tables.cues.get(head.lemma_.lower())
        if kind == "ended" and (head.lemma_.lower() not in STOP_LEMMAS or current.i != token.i or token.tag_ != "VBG"
                                or any(c.dep_ == "prt" for c in head.children)):
            kind = None  # "stopped jamming", not "lifted X to allow …", "stopped to talk" nor "ended up shooting"
        if kind == "ended" and denied:
            return Frame(None, False)  # "did not stop shelling the city": the shelling goes on
        if kind == "negation":  # "denied attacking", "refrained from striking"; not "did not fail to strike"
            return Frame(None, not denied, head)
        if kind is not None:
            return Frame(kind, negated, head)
        aux = _modal_aux(head, tables)
        if aux is not None:
            return Frame(tables.cues[aux.lemma_.lower()], negated, aux)
        current = head
    return Frame(None, negated)


def _not_yet(clause: Token, head: Token) -> bool:
    """Is the clause what its head says has not happened: "has yet to …", "is yet to …", "stopped short of …"?"""
    if clause.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children):
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if clause.dep_ == "pcomp" and head.lower_ == "of" and head.head.lower_ == "short":
        return head.head.head.lemma_.lower() == "stop"
    return False


def _denied(verb: Token) -> bool:
    """Does the verb carry its own negation ("did not stop", "never lifted")?"""
    return any(c.dep_ == "neg" and negates(c) for c in verb.children)


def _own_act(noun: Token) -> bool:
    """Is an ended act the ender's own ("lifted its veto", "halted the arrests"), not somebody else's it
    stopped ("halted the Russian advance", "stopped the march by students", "ended Hamas's attacks")?"""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our"):
            return False
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return False
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return False
    return True


def _modal_aux(token: Token, tables: FrameTables) -> Token | None:
    """A future or hypothetical auxiliary before the token ("will", "would", "could")."""
    for child in token.children:
        if child.dep_ == "aux" and child.i < token.i and tables.cues.get(child.lemma_.lower()) in ("future", "hypothetical"):
            if child.lower_ == "would" and any(c.dep_ == "aux" and c.lower_ == "have" and c.i > child.i for c in token.children):
                return None  # "would have struck": a past that did not happen, not a threat
            return child
    return None


def compose(cameo: str, frame: Frame, ontology: Ontology, tables: FrameTables) -> str:
    """The CAMEO code after applying the frame ("will visit" 042 → 036 AGREE)."""
    plover = ontology.codes[cameo].plover
    if frame.kind in ("future", "intent"):
        if frame.negated and plover in COOPERATIVE:
            return tables.refusal_code.get(plover, "120")
        if plover in COOPERATIVE and plover != "AGREE":
            return tables.intent_code.get(plover, "030")
        if plover in MATERIAL_CONFLICT:
            return tables.threat_code.get(plover, "130")
    if frame.kind == "threat" and plover in MATERIAL_CONFLICT:
        return tables.threat_code.get(plover, "130")
    if frame.kind == "ended":  # a denied ending is no frame (``frame_of``)
        # "stopped jamming foreign broadcasts" (081), "halted its offensive" (087): easing, de-escalation
        return tables.ended_code.get(plover, cameo)
    return cameo
