"""Classification given actors: which event links this actor to this recipient?

Used by ``tidings classify`` for human-in-the-loop coding and to measure the
event typing on its own. The sentence is parsed, the heads of the given spans
are found, and the trigger chosen is the one on the dependency path between
actor and recipient (the outermost, so "threatened to attack" is THREATEN),
else the trigger that governs the actor, else the nearest trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .actors import ArticleMemory
from .embed import load_embedder
from .errors import ConfigError, InputError
from .events import ancestors, governor, inner_trigger
from .pipeline import check_date
from .typemodel import BACKOFF_BELOW, features, load_type_model

if TYPE_CHECKING:
    from .pipeline import Coder


@dataclass
class Classification:
    event_type: str | None
    cameo: str | None
    quad_class: int | None
    confidence: float
    trigger: str | None = None
    id: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "confidence": self.confidence,
            "trigger": self.trigger,
        }


def _head_of(doc: Doc, span: tuple[int, int] | list[int] | None) -> Token | None:
    if not span:
        return None
    start, end = int(span[0]), int(span[1])
    if not 0 <= start < end <= len(doc.text):
        raise InputError("classify", f"span {start}-{end} is outside the text ({len(doc.text)} characters)")
    chars = doc.char_span(start, end, alignment_mode="expand")
    return chars.root if chars is not None and len(chars) else None


def _inside_spans(doc: Doc, spans: list) -> set[int]:
    """Indices of tokens inside the given actor/recipient spans (their words are not the event)."""
    inside: set[int] = set()
    for span in spans:
        if span:
            chars = doc.char_span(int(span[0]), int(span[1]), alignment_mode="expand")
            if chars is not None:
                inside.update(t.i for t in chars)
    return inside


def _in_noun_clause(token: Token) -> bool:
    """Is the token inside a clause that modifies a noun ("members detained in Istanbul")?"""
    current = token
    for _ in range(6):
        if current.dep_ in ("relcl", "acl"):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _path(actor: Token, recipient: Token | None) -> list[Token]:
    """Tokens from the actor up to the lowest common ancestor and down to the recipient."""
    up = ancestors(actor)
    if recipient is None:
        return up
    other = ancestors(recipient)
    up_ids, other_ids = [t.i for t in up], [t.i for t in other]
    common = next((i for i in up_ids if i in other_ids), up_ids[-1])
    down = other[: other_ids.index(common)] if common in other_ids else other
    return up[: up_ids.index(common) + 1] + down


def classify_sentence(coder: "Coder", text: str, actor_span, recipient_span, date: str | None,
                      use_model: bool = True) -> Classification:
    """Rules first; when they found no trigger on the actor-recipient path, the classifier decides."""
    result = classify_by_rules(coder, text, actor_span, recipient_span, date)
    if not use_model or result.confidence >= BACKOFF_BELOW:
        return result
    label, probability = load_type_model().predict(features(load_embedder(), [(text, actor_span, recipient_span)])[0])
    if label == result.event_type:
        return result
    code = coder.ontology.for_type(label)
    return Classification(label, code.code, code.quad_class, probability, None)


def classify_by_rules(coder: "Coder", text: str, actor_span, recipient_span, date: str | None = None) -> Classification:
    """Pick the trigger linking actor and recipient in the parse, and code it."""
    doc = coder.nlp(text)
    actor = _head_of(doc, actor_span)
    recipient = _head_of(doc, recipient_span)
    matched = coder.finder.triggers(doc)
    inside = _inside_spans(doc, [actor_span, recipient_span])
    if any(i not in inside for i in matched):
        matched = {i: t for i, t in matched.items() if i not in inside}
    if not matched:
        return Classification(None, None, None, 0.0)
    choice, confidence = None, 0.0
    if actor is not None:
        on_path = [t for t in _path(actor, recipient) if t.i in matched]
        outer = [t for t in on_path if governor(t, matched) is None]
        if on_path:
            choice = min(outer or on_path, key=lambda t: len(ancestors(t)))
            confidence = 0.9 if choice.i in {t.i for t in ancestors(actor)} else 0.75
    if choice is None:
        free = [doc[i] for i in matched if governor(doc[i], matched) is None] or [doc[i] for i in matched]
        clause = [t for t in free if actor is not None and not _in_noun_clause(t)]
        anchor = actor.i if actor is not None else 0
        choice = min(clause or free, key=lambda t: abs(t.i - anchor))
        confidence = 0.5 if clause else 0.4
    trig = matched[choice.i]
    inner = inner_trigger(choice, matched)
    cameo, _ = coder.finder.combine(choice, trig.cameo, matched[inner.i] if inner is not None else None)
    # the same type ``tidings code`` gives this trigger, after its rules on the parties it finds
    try:
        day = check_date(date)
    except ConfigError:
        day = None  # a date classify cannot read only loses the office holders' terms, as before
    cameo = coder.finder.final_code(choice, trig, matched, ArticleMemory(day), actor.idx if actor is not None else None) or cameo
    code = coder.ontology.code(cameo)
    return Classification(code.plover, code.code, code.quad_class, confidence, choice.text)
