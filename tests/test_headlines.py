"""Headlines leave out "were": "Opposition leader arrested in Kinshasa" is a passive, and the one
arrested is no actor. The small parser reads such titles as active sentences or as a noun with a
clause. Sentences written for these tests."""

import tidings


def coded(text):
    return [(e.event_type, e.cameo, [a.text for a in e.actor], [r.text for r in e.recipient])
            for e in tidings.code(text, date="2026-11-30").events]


def test_a_headline_passive_has_the_victim_as_recipient():
    assert coded("Activists detained in Istanbul after protest") == [("COERCE", "173", [], ["Activists"])]
    assert coded("Ukrainian pilot captured by Russian forces") == [
        ("ASSAULT", "181", ["Russian forces"], ["Ukrainian pilot"])]


def test_a_headline_expulsion_from_a_country_is_that_countrys_act():
    assert coded("Russian diplomats expelled from Poland") == [("SANCTION", "166", ["Poland"], ["Russian diplomats"])]


def test_the_title_of_an_article_is_read_as_a_headline():
    article = tidings.code("Opposition leader arrested in Kinshasa\n\nCongolese police arrested the opposition leader "
                           "Moise Katumbi on Monday.", date="2026-11-30")
    title = [e for e in article.events if e.sentence.index == 0]
    assert all(not e.actor or e.actor[0].text != "Opposition leader" for e in title)
    body = [e for e in article.events if e.sentence.index == 1]
    assert [(e.event_type, e.actor[0].text) for e in body] == [("COERCE", "Congolese police")]


def test_active_headlines_and_full_sentences_stay_active():
    # active and intransitive readings stay where the sentence is a full one
    assert coded("Rebels attacked the town.") == [("ASSAULT", "190", ["Rebels"], ["town"])]
    assert coded("Hamas released three hostages")[0][2] == ["Hamas"]
    assert coded("Kim Jong Un arrives in Beijing for fourth meeting with Xi")[0][:3] == ("CONSULT", "042", ["Kim Jong Un"])
