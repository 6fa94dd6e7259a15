import numpy as np
import pytest

import tidings
from tidings.embed import _checked, load_embedder
from tidings.errors import ConfigError
from tidings.ontology import PLOVER_TYPES
from tidings.typemodel import BACKOFF_BELOW, load_type_model


def test_model_file_carries_version_source_licence_and_all_types():
    model = load_type_model()
    assert sorted(model.labels) == sorted(PLOVER_TYPES)
    for key in ("version", "source", "licence", "train_sha256"):
        assert model.meta[key]


def test_embeddings_are_unit_vectors_and_similar_sentences_are_close():
    vectors = load_embedder().encode(["Troops shelled the town.", "Soldiers bombarded the village.", "The bank raised interest rates."])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_tampered_model_file_is_refused(tmp_path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(ConfigError, match="sha256"):
        _checked(fake, "0" * 64)


def test_rules_stand_when_their_trigger_links_actor_and_recipient():
    text = "Iran threatened to attack U.S. bases."
    rules = tidings.classify(text, (0, 4), (26, 30), use_model=False)
    assert rules.confidence >= BACKOFF_BELOW
    assert tidings.classify(text, (0, 4), (26, 30)) == rules


def test_classifier_types_a_sentence_without_any_trigger_word():
    text = "Jordanian doctors cared for injured Syrian children at a field clinic near the border."
    actor = (0, len("Jordanian doctors"))
    start = text.index("injured Syrian children")
    recipient = (start, start + len("injured Syrian children"))
    rules = tidings.classify(text, actor, recipient, use_model=False)
    stacked = tidings.classify(text, actor, recipient)
    assert rules.confidence < BACKOFF_BELOW
    assert rules.event_type is None or rules.event_type in PLOVER_TYPES
    assert stacked.event_type in PLOVER_TYPES and 0 < stacked.confidence <= 1


def test_the_window_runs_from_one_party_to_the_other_with_the_parties_masked():
    from tidings.typemodel import window

    text = "Germany delivered air defence systems to Ukraine to help protect its cities from Russian missiles."
    assert window(text, (0, 7), (41, 48)) == "X delivered air defence systems to Y to help protect its cities from Russian missiles."
    assert window(text, (41, 48), (0, 7)).startswith("Y delivered air defence systems to X")
    assert window(text, (0, 7), None) == "X delivered air defence systems to Ukraine to help"
    assert window(text, (0, 7), (0, 7)).startswith("X delivered")  # overlapping spans: the actor alone


def test_classify_gives_the_type_the_coder_gives_after_its_rules_on_the_parties():
    # the trigger "stormed" alone is an assault; with a crowd as actor and a building as object the coder
    # makes it a violent protest, and classify, given the same parties, must agree
    text = "Lebanese protesters stormed the foreign ministry in Beirut."
    event = tidings.code(text).events[0]
    result = tidings.classify(text, [event.actor[0].start, event.actor[0].end],
                              [event.recipient[0].start, event.recipient[0].end])
    assert (event.event_type, event.cameo) == ("PROTEST", "145")
    assert (result.event_type, result.cameo) == ("PROTEST", "145")
    text = "Mali quit ECOWAS on Monday."
    assert tidings.classify(text, [0, 4], [10, 16]).cameo == "160"
