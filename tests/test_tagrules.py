"""The indexed attribute rules give the same annotations as spaCy's Matcher did."""

import pickle
from pathlib import Path

import spacy
from spacy.pipeline import AttributeRuler

from tidings import tagrules
from tidings.nlp import LEMMA_FIXES, MODEL, load_model, paragraphs

ROOT = Path(__file__).resolve().parents[1]
# words the model's rules single out, spaces, contractions, dependency-conditioned rules
ODD_TEXTS = [
    "I ai n't going, we're gon na win, let's go. Y'all gotta see it, nothin' more.",
    "She ain't here.  \t  There is a problem, there's two more; it's what it is.",
    "Did you do it? He has had enough, and they did. That which was, was.",
    "\n\n  Lemme gimme wanna   ",
    "",
    "a",
]


def _texts() -> list[str]:
    texts = list(ODD_TEXTS)
    for path in sorted((ROOT / "corpus" / "demo").glob("*.txt")):
        texts.extend(piece for _, piece in paragraphs(path.read_text(encoding="utf-8")))
    return texts


def test_same_matches_as_spacy_matcher():
    ruler = load_model().get_pipe("attribute_ruler")
    assert isinstance(ruler, tagrules.IndexedAttributeRuler)
    for doc in load_model().pipe(_texts()):
        assert isinstance(ruler.__dict__["_index"], tagrules.IndexedMatch)
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text


def test_same_annotations_as_the_stock_model():
    stock = spacy.load(MODEL, exclude=["senter"])
    ours = load_model()
    texts = _texts()
    assert len(texts) > 100
    for theirs, mine in zip(stock.pipe(texts), ours.pipe(texts)):
        assert [(t.tag_, t.pos_, str(t.morph), t.dep_) for t in theirs] == \
            [(t.tag_, t.pos_, str(t.morph), t.dep_) for t in mine], mine.text
        assert [t.lemma_ for t in theirs if t.lower_ not in LEMMA_FIXES] == \
            [t.lemma_ for t in mine if t.lower_ not in LEMMA_FIXES]


def test_a_ruler_with_patterns_the_index_cannot_read_is_left_alone():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}, {"LOWER": "big", "OP": "?"}]], {"TAG": "DT"})
    assert tagrules.speed_up(nlp) is False
    assert type(ruler) is AttributeRuler


def test_index_on_a_blank_pipeline_sets_what_the_rules_say():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["gon", "wan"]}}, {"LOWER": "na"}]], {"LEMMA": "going"})
    ruler.add([[{"LOWER": {"REGEX": "^x+$"}}]], {"TAG": "XX"})
    ruler.add([[{"LOWER": "xx"}]], {"TAG": "YY"})  # later rules win
    assert tagrules.speed_up(nlp) is True
    doc = nlp("We gon na see x xx xxx")
    assert [t.lemma_ for t in doc][1] == "going"
    assert [t.tag_ for t in doc][-3:] == ["XX", "YY", "XX"]
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)


def test_patterns_added_later_are_matched_and_the_pipeline_pickles():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "xx"}]], {"TAG": "YY"})
    assert tagrules.speed_up(nlp) is True
    assert [t.tag_ for t in nlp("a xx zebra")] == ["", "YY", ""]
    ruler.add([[{"LOWER": "zebra"}]], {"TAG": "ZZ"})
    assert [t.tag_ for t in nlp("a xx zebra")] == ["", "YY", "ZZ"]
    ruler.add([[{"LOWER": "a"}, {"LOWER": "big", "OP": "?"}]], {"TAG": "DT"})  # spaCy matches this one
    assert [t.tag_ for t in nlp("a xx zebra")] == ["DT", "YY", "ZZ"]
    copy = pickle.loads(pickle.dumps(nlp))
    assert [t.tag_ for t in copy("a xx zebra")] == ["DT", "YY", "ZZ"]
    assert pickle.loads(pickle.dumps(load_model().get_pipe("attribute_ruler"))).match is not None
