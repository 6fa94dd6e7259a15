import json

from tidings.records import Actor, Article, Event, EventDate, Mention, Sentence, Span


def make_event() -> Event:
    sentence = Sentence(0, "China hosted Kim.", 0, 17)
    return Event(
        article_id="a1", event_type="CONSULT", mode="visit", cameo="043", quad_class=1, goldstein=2.8,
        actor=[Actor("China", 0, 5, "CHN", "GOV")], recipient=[Actor("Kim", 13, 16, "PRK", "GOV", "Kim Jong Un")],
        trigger=Span("hosted", 6, 12), sentence=sentence, date=EventDate("2019-01-08", "day", "publication"),
    )


def test_event_round_trips_through_json():
    event = make_event()
    again = Event.from_dict(json.loads(json.dumps(event.to_dict())))
    assert again == event
    assert isinstance(again.actor[0], Actor) and isinstance(again.trigger, Span)


def test_article_round_trips_with_nested_records():
    article = Article(text="China hosted Kim.", date="2019-01-08", title="t")
    article.sentences = [make_event().sentence]
    article.events = [make_event()]
    article.mentions = [Mention(Actor("China", 0, 5, "CHN", "GOV"), 0)]
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article
    assert isinstance(again.mentions[0].actor, Actor)


def test_cameo_code_stays_a_string_with_leading_zero():
    data = make_event().to_dict()
    assert data["cameo"] == "043"
    assert json.loads(json.dumps(data))["cameo"] == "043"


def test_ids_are_content_hashes():
    assert Article(text="same text").id == Article(text="same text").id
    assert Article(text="same text").id != Article(text="other text").id
    assert make_event().id == make_event().id


def test_shifting_an_actor_keeps_every_field():
    """The pipeline moves actor offsets from a paragraph into the article with its own copy code
    (faster than dataclasses.replace): a field added to Actor must not be lost there."""
    import dataclasses

    from tidings.pipeline import _shift

    values = {f.name: f"value-{f.name}" for f in dataclasses.fields(Actor)}
    values.update(start=3, end=9)
    moved = _shift(Actor(**values), 100)
    assert dataclasses.asdict(moved) == {**values, "start": 103, "end": 109}
