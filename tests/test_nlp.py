from tidings.nlp import paragraphs, parse
from tidings.records import Article


def test_headline_is_its_own_paragraph_even_without_a_blank_line():
    text = "Kim arrives in Beijing\nNorth Korean leader Kim Jong Un arrived in Beijing on Tuesday."
    pieces = list(paragraphs(text))
    assert [p for _, p in pieces] == ["Kim arrives in Beijing", "North Korean leader Kim Jong Un arrived in Beijing on Tuesday."]


def test_paragraph_offsets_point_into_the_text():
    text = "Title here\n\n  First para. Second sentence.\n\nThird para."
    for offset, piece in paragraphs(text):
        assert text[offset:offset + len(piece)] == piece


def test_sentences_carry_offsets_and_paragraph_numbers(nlp):
    text = "Talks resume in Geneva\n\nDiplomats met on Monday. They talked for hours.\n\nNo deal was reached."
    article = Article(text=text)
    parse(article, nlp)
    assert [s.paragraph for s in article.sentences] == [0, 1, 1, 2]
    for s in article.sentences:
        assert text[s.start:s.end] == s.text
    assert article.sentences[0].text == "Talks resume in Geneva"


def test_quote_tail_stays_with_its_quote(nlp):
    text = "\u201cWe will not give up,\u201d he said. The talks ended."
    article = Article(text=text)
    parse(article, nlp)
    assert article.sentences[0].text.endswith("he said.")
    assert len(article.sentences) == 2


def test_quotation_spanning_sentences_stays_one_sentence(nlp):
    text = "\u201cWe will respond. This is not over,\u201d the minister said on Tuesday. Talks ended."
    article = Article(text=text)
    parse(article, nlp)
    assert [s.text for s in article.sentences] == [
        "\u201cWe will respond. This is not over,\u201d the minister said on Tuesday.", "Talks ended."]


def test_a_quote_that_never_closes_does_not_swallow_the_paragraph(nlp):
    text = "\u201cWe will respond. This is not over. Never. Ever. Again. And again. Stop."
    article = Article(text=text)
    parse(article, nlp)
    assert len(article.sentences) >= 3
    assert all(text[s.start:s.end] == s.text for s in article.sentences)


def test_the_models_vocabulary_grows_only_to_its_limit(coder):
    """Up to ``vocabulary_limit`` strings spaCy keeps the new words it meets; past it, each batch is
    coded in a spaCy memory zone and the new words are evicted afterwards."""
    limit = coder.vocabulary_limit
    codes = ", ".join(f"ZQ{i}X{i * 7}" for i in range(40))
    article = Article(text=f"Talks\n\nChina's foreign minister met Japan's envoy in Beijing on Monday. "
                           f"The files {codes} were cited.", date="2024-03-04")
    try:
        coder.code_many([Article(text="Warm-up.\n\nChina met Japan.", date="2024-01-01")])
        before = len(coder.nlp.vocab.strings)
        coder.vocabulary_limit = before  # the limit reached: batches are coded in zones
        coded = coder.code_many([article])[0]
        assert len(coder.nlp.vocab.strings) == before
        assert "ZQ7X49" in " ".join(s.text for s in coded.sentences) and coded.events  # the records outlive the zone
        assert coded.events[0].actor[0].country == "CHN"
        coder.vocabulary_limit = before + 10_000  # below the limit: the words are kept, as bare spaCy keeps them
        again = coder.code_many([Article(text=article.text.replace("ZQ", "QZ"), date="2024-03-04")])[0]
        assert len(coder.nlp.vocab.strings) > before
        assert [e.to_dict()["cameo"] for e in again.events] == [e.to_dict()["cameo"] for e in coded.events]
    finally:
        coder.vocabulary_limit = limit


def test_lemmas_the_small_model_gets_wrong_are_fixed():
    from tidings.nlp import load_model

    doc = load_model()("Rebels staged raids on military bases and raped villagers; the EU fined firms and raised taxes.")
    assert {t.text: t.lemma_ for t in doc if t.text in {"staged", "bases", "raped", "fined", "taxes"}} == \
        {"staged": "stage", "bases": "base", "raped": "rape", "fined": "fine", "taxes": "tax"}
