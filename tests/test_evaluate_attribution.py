"""The attribution and factuality scorers in tidings.evaluate, on tiny hand-made inputs."""

import pytest

from tidings.evaluate import (
    greedy_match,
    match_attributions,
    norm_spans,
    score_attribution,
    score_factuality,
    trim_span,
)
from tidings.records import Actor, Event, Outlet, Quote, Sentence, Span

#       0         1         2         3         4         5         6         7         8
#       012345678901234567890123456789012345678901234567890123456789012345678901234567890
TEXT = '"We will not back down," the minister said. Reuters reported that talks had failed.'
# content 1 inside the marks: 1..22 ("We will not back down"); with marks and comma: 0..24
# "the minister" 25..37, "said" 38..42, "Reuters" 44..51, "reported" 52..60,
# "that talks had failed" 61..82, "talks had failed" 66..82


def span(start: int, end: int) -> Span:
    return Span(TEXT[start:end], start, end)


def quote(start: int, end: int, cue=None, speaker=None, outlets=()) -> Quote:
    return Quote(TEXT[start:end], start, end, "direct", cue=cue, speaker=speaker, outlets=list(outlets))


MINISTER = Actor("the minister", 25, 37, "XXX", "GOV")
REUTERS = Outlet("Reuters", 44, 51, "Reuters", "GBR")
GOLD = [
    {"content": [[0, 24]], "source": [[25, 37]], "cue": [[38, 42]]},
    {"content": [[61, 82]], "source": [[44, 51]], "cue": [[52, 60]]},
]


def test_offsets_of_the_example():
    assert TEXT[1:22] == "We will not back down" and TEXT[25:37] == "the minister" and TEXT[38:42] == "said"
    assert TEXT[44:51] == "Reuters" and TEXT[52:60] == "reported" and TEXT[61:82] == "that talks had failed"


def test_trim_drops_marks_spaces_and_punctuation():
    assert trim_span(TEXT, 0, 24) == (1, 22)
    assert trim_span(TEXT, 22, 25) == (25, 25)  # '," ' only: empty
    assert norm_spans(TEXT, [[0, 24], [23, 37]]) == ((1, 22), (25, 37))
    assert norm_spans(TEXT, [[1, 10], [5, 22]]) == ((1, 22),)  # overlapping pieces merge
    assert norm_spans(TEXT, None) == ()
    assert norm_spans(TEXT, [[22, 25]]) == ((22, 25),)  # nothing but punctuation: kept as it is
    assert norm_spans(TEXT, [[22, 25], [25, 37]]) == ((25, 37),)  # ... unless another piece has words


def test_greedy_match_is_one_to_one_largest_overlap_first():
    pred = [((0, 10),), ((5, 30),)]
    gold = [((0, 30),), ((8, 12),)]
    # overlaps: p0-g0 10, p0-g1 2, p1-g0 25, p1-g1 4 -> p1-g0 first, then p0-g1
    assert greedy_match(pred, gold) == [(1, 0, 25), (0, 1, 2)]
    assert greedy_match([((0, 5),)], [((5, 9),)]) == []  # touching is not overlapping


def test_perfect_prediction_with_outlet_fallback():
    quotes = [quote(1, 22, span(38, 42), MINISTER), quote(66, 82, span(52, 60), None, [REUTERS])]
    scores = score_attribution([{"text": TEXT, "attributions": GOLD}], [quotes])
    assert scores.content.prf("overlap") == (1.0, 1.0, 1.0)
    assert scores.content.exact == 1  # "that" is not trimmed: the second content differs
    assert scores.content.strict == 0  # the gold has the quotation marks
    assert scores.source_matched.prf("exact") == (1.0, 1.0, 1.0)
    assert scores.source_joint.f1("overlap") == 1.0
    assert scores.source_all.f1("exact") == 1.0
    assert scores.cue_matched.f1("exact") == 1.0 and scores.cue_all.f1("exact") == 1.0
    # without the fallback the Reuters quote has no predicted source
    assert scores.speaker_matched.pred == 1 and scores.speaker_matched.gold == 2
    plain = score_attribution([{"text": TEXT, "attributions": GOLD}], [quotes], outlet_fallback=False)
    assert plain.source_matched.prf("overlap") == (1.0, 0.5, pytest.approx(2 / 3))


def test_soft_scores_count_shared_characters():
    quotes = [quote(66, 82)]  # 16 chars, gold 21 chars ("that talks had failed")
    scores = score_attribution([{"text": TEXT, "attributions": GOLD[1:]}], [quotes]).content
    assert (scores.shared_chars, scores.pred_chars, scores.gold_chars) == (16, 16, 21)
    p, r, f = scores.prf("soft")
    assert (p, r) == (1.0, 16 / 21) and f == pytest.approx(2 * 16 / 21 / (1 + 16 / 21))


def test_misses_spurious_and_wrong_source():
    wrong_speaker = Actor("Reuters", 44, 51)
    quotes = [quote(1, 22, None, wrong_speaker), quote(38, 42)]  # second: only overlaps nothing gold
    match = match_attributions(TEXT, quotes, GOLD)
    s = match.scores
    assert match.pairs == [(0, 0, 21)] and match.unmatched_pred == [1] and match.unmatched_gold == [1]
    assert s.content.prf("overlap") == (0.5, 0.5, 0.5)
    # matched pair: predicted Reuters vs gold "the minister" -> a source predicted and gold, no hit
    assert (s.source_matched.pred, s.source_matched.gold, s.source_matched.overlap) == (1, 1, 0)
    assert s.source_joint.gold == 2 and s.source_joint.pred == 1
    # all-spans: the predicted Reuters span does exist in the gold (as the second source)
    assert s.source_all.overlap == 1 and s.source_all.gold == 2 and s.source_all.pred == 1
    # cue: the matched quote has none
    assert (s.cue_matched.pred, s.cue_matched.gold, s.cue_matched.overlap) == (0, 1, 0)


def test_discontinuous_gold_and_split_prediction():
    # gold joins two pieces; the coder gives the two pieces as two quotes: one matches, one is spurious
    gold = [{"content": [[1, 10], [61, 82]], "source": [], "cue": []}]
    match = match_attributions(TEXT, [quote(1, 10), quote(61, 82)], gold)
    assert match.pairs == [(1, 0, 21)]
    assert match.scores.content.overlap == 1 and match.scores.content.pred == 2
    # a gold attribution without a source: a predicted speaker counts against precision only
    match = match_attributions(TEXT, [quote(61, 82, None, MINISTER)], gold)
    assert (match.scores.source_matched.pred, match.scores.source_matched.gold) == (1, 0)


def test_gold_without_content_is_ignored_and_empty_article_scores_zero():
    scores = score_attribution([{"text": TEXT, "attributions": [{"source": [[25, 37]]}]}], [[]])
    assert scores.content.gold == 0 and scores.content.f1() == 0.0 and scores.articles == 1


FACT_TEXT = "Officials said Japan may impose sanctions. Japan imposed sanctions in 1998."


def fact_event(start: int, value: str, cue: Span | None = None) -> Event:
    word = FACT_TEXT[start:].split()[0]
    return Event(article_id="a", event_type="SANCTION", mode=None, cameo="163", quad_class=4, goldstein=-8.0,
                 actor=[], recipient=[], trigger=Span(word, start, start + len(word)),
                 sentence=Sentence(0, FACT_TEXT, 0, len(FACT_TEXT)), factuality=value, factuality_cue=cue)


def test_factuality_scores_coverage_macro_and_cues():
    may, imposed = FACT_TEXT.index("impose "), FACT_TEXT.index("imposed")
    records = [
        {"id": "f1", "text": FACT_TEXT, "trigger": "impose", "trigger_start": may, "factuality": "hypothetical", "cue": "may"},
        {"id": "f2", "text": FACT_TEXT, "trigger": "imposed", "trigger_start": imposed, "factuality": "historical",
         "cue": "in 1998"},
        {"id": "f3", "text": FACT_TEXT, "trigger": "imposed", "trigger_start": imposed, "factuality": "asserted", "cue": None},
    ]
    may_cue = Span("may", FACT_TEXT.index("may"), FACT_TEXT.index("may") + 3)
    coded = [
        [fact_event(may, "hypothetical", may_cue)],  # right, cue right
        [fact_event(imposed, "asserted")],  # wrong value, cue missed
        [fact_event(0, "asserted")],  # no event at the trigger: a miss
    ]
    scores = score_factuality(records, coded)
    assert (scores.items, scores.covered) == (3, 2)
    assert scores.pred == ["hypothetical", "asserted", "none"]
    per = scores.per_value(covered_only=True)
    assert per["hypothetical"] == (1.0, 1.0, 1.0, 1)
    assert per["asserted"] == (0.0, 0.0, 0.0, 0) and per["historical"] == (0.0, 0.0, 0.0, 1)
    assert scores.macro_f1(covered_only=True) == pytest.approx(1 / 3)
    assert scores.macro_f1(covered_only=False) == pytest.approx(1 / 3)  # the miss adds asserted support, no hit
    assert scores.per_value(covered_only=False)["asserted"][3] == 1
    assert scores.accuracy(True) == 0.5 and scores.accuracy(False) == pytest.approx(1 / 3)
    assert scores.confusion()["asserted"] == {"none": 1}
    assert (scores.cue_gold, scores.cue_right) == (2, 1) and scores.cue_accuracy == 0.5
    assert scores.no_cue_gold == 0  # f3 was not covered
    assert scores.as_dict()["coverage"] == pytest.approx(0.6667)


def test_factuality_cue_nearest_the_trigger_and_articles_accepted():
    from tidings.records import Article

    text = "Japan imposed sanctions. It did not impose tariffs; it did not sign."
    start = text.index("impose ")
    cue_at = text.index("not impose")
    record = {"id": "x", "text": text, "trigger": "impose", "trigger_start": start, "factuality": "negated", "cue": "not"}
    event = Event(article_id="a", event_type="SANCTION", mode=None, cameo="163", quad_class=4, goldstein=-8.0, actor=[],
                  recipient=[], trigger=Span("impose", start, start + 6), sentence=Sentence(0, text, 0, len(text)),
                  factuality="negated", factuality_cue=Span("not", cue_at, cue_at + 3))
    article = Article(text=text, events=[event])
    scores = score_factuality([record], [article])
    assert scores.cue_right == 1 and scores.macro_f1() == 1.0


def test_factuality_cue_start_wins_over_nearest():
    text = "It did not sign; it did not impose tariffs."
    start = text.index("impose")
    first_not, second_not = text.index("not"), text.rindex("not")
    record = {"id": "y", "text": text, "trigger": "impose", "trigger_start": start, "factuality": "negated", "cue": "not",
              "cue_start": first_not}
    event = Event(article_id="a", event_type="SANCTION", mode=None, cameo="163", quad_class=4, goldstein=-8.0, actor=[],
                  recipient=[], trigger=Span("impose", start, start + 6), sentence=Sentence(0, text, 0, len(text)),
                  factuality="negated", factuality_cue=Span("not", second_not, second_not + 3))
    assert score_factuality([record], [[event]]).cue_right == 0
    del record["cue_start"]
    assert score_factuality([record], [[event]]).cue_right == 1


def test_quotes_sharing_a_cue_merge_into_one_attribution():
    said = span(38, 42)
    gold = [{"content": [[0, 10], [61, 82]], "source": [[25, 37]], "cue": [[38, 42]]}]
    pieces = [quote(1, 10, said, None), quote(61, 82, said, MINISTER), quote(44, 51)]
    plain = match_attributions(TEXT, pieces, gold)
    assert plain.scores.content.prf("overlap")[:2] == (1 / 3, 1.0)
    merged = match_attributions(TEXT, pieces, gold, merge_shared_cue=True)
    assert [g.members for g in merged.pred_items] == [[0, 1], [2]]
    assert merged.pred_items[0].spans == ((1, 10), (61, 82)) and merged.pred_items[0].speaker is MINISTER
    assert merged.scores.content.exact == 1 and merged.scores.content.prf("overlap")[:2] == (0.5, 1.0)
    assert merged.scores.source_matched.exact == 1


def test_quote_parts_are_its_content():
    # one quote in two pieces around its attribution: start/end run across "the minister said."
    gold = [{"content": [[0, 24], [61, 82]], "source": [[25, 37]], "cue": [[38, 42]]}]
    whole = Quote(TEXT[1:22] + " … " + TEXT[61:82], 1, 82, "direct", cue=span(38, 42), speaker=MINISTER,
                  parts=[span(1, 22), span(61, 82)])
    match = match_attributions(TEXT, [whole], gold)
    assert match.pred_content == [((1, 22), (61, 82))]
    assert match.scores.content.exact == 1 and match.scores.content.strict == 0
    assert match.scores.content.shared_chars == 21 + 21
