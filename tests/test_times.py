"""Time expressions: tidings.times.find_times and is_before, on sentences written for these tests."""

import pytest

from tidings.datafiles import data_path, read_table
from tidings.records import TimeMention
from tidings.times import find_times, is_before

DCT = "2019-01-09"  # a Wednesday


def one(text: str, dct: str | None = DCT) -> TimeMention:
    found = find_times(text, dct)
    assert len(found) == 1, found
    return found[0]


def values(text: str, dct: str | None = DCT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_times(text, dct)]


@pytest.mark.parametrize("text, span, value, precision", [
    ("The envoys met on Jan. 8 in the capital.", "Jan. 8", "2019-01-08", "day"),
    ("The accord was signed on January 8, 2017, after long talks.", "January 8, 2017", "2017-01-08", "day"),
    ("Voting ends on 8 March 2020 across the region.", "8 March 2020", "2020-03-08", "day"),
    ("The truce held until Dec. 28 despite shelling.", "Dec. 28", "2018-12-28", "day"),
    ("Rebels entered the town on Monday, Jan. 7.", "Monday, Jan. 7", "2019-01-07", "day"),
    ("The filing is dated 2018-11-30.", "2018-11-30", "2018-11-30", "day"),
    ("The ceasefire began at Christmas.", "Christmas", "2018-12-25", "day"),
    ("Crowds gathered on New Year's Eve.", "New Year's Eve", "2018-12-31", "day"),
    ("Parliament was dissolved in March 2016.", "March 2016", "2016-03", "month"),
    ("The mission ended in 2018.", "2018", "2018", "year"),
    ("The conflict began in the 1990s.", "the 1990s", "199", "unknown"),
    ("Exports fell in the third quarter.", "the third quarter", "2018-Q3", "year"),
    ("The ministry will publish figures in the fourth quarter of 2019.", "the fourth quarter of 2019", "2019-Q4", "year"),
])
def test_explicit_dates(text, span, value, precision):
    t = one(text)
    assert (t.text, t.type, t.value, t.precision) == (span, "DATE", value, precision)
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, span, value", [
    ("The minister resigned yesterday.", "yesterday", "2019-01-08"),
    ("Talks resume today in the capital.", "today", "2019-01-09"),
    ("The delegation arrives tomorrow.", "tomorrow", "2019-01-10"),
    ("Inflation rose sharply last year.", "last year", "2018"),
    ("The envoy is travelling this week.", "this week", "2019-W02"),
    ("Troops withdrew two days ago.", "two days ago", "2019-01-07"),
    ("Elections are due next month.", "next month", "2019-02"),
    ("The court ruled earlier this month.", "earlier this month", "2019-01"),
    ("Protesters marched last Friday.", "last Friday", "2019-01-04"),
    ("The border reopened three weeks ago.", "three weeks ago", "2018-W51"),
    ("The blockade lifted a year ago.", "a year ago", "2018"),
    ("A new cabinet was sworn in last week.", "last week", "2019-W01"),
    ("The plan was unveiled in January last year.", "January last year", "2018-01"),
])
def test_relative_to_publication_date(text, span, value):
    assert values(text) == [(span, "DATE", value)]


@pytest.mark.parametrize("text, value", [
    ("The rebels struck on Monday, officials said.", "2019-01-07"),
    ("The foreign minister spoke on Wednesday.", "2019-01-09"),  # the publication day itself
    ("The general met the envoy on Thursday.", "2019-01-03"),    # past by default
    ("The summit will open on Thursday.", "2019-01-10"),         # a future cue points forward
    ("Negotiators plan to meet again next Tuesday.", "2019-01-15"),
])
def test_weekdays_resolve_to_the_nearest_day(text, value):
    [(_, kind, got)] = values(text)
    assert (kind, got) == ("DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("The president began a four-day visit to Hanoi.", "four-day", "P4D"),
    ("The blockade lasted for three weeks.", "three weeks", "P3W"),
    ("The vote could come in a year.", "a year", "P1Y"),
    ("Attacks rose over the past year.", "the past year", "P1Y"),
    ("Fighting went on for 24 hours.", "24 hours", "PT24H"),
    ("The dispute has simmered for years.", "years", "PXY"),
    ("Growth slowed over the past two quarters.", "the past two quarters", "P6M"),
    ("The ministry signed a decade-long lease.", "decade-long", "P1DE"),
])
def test_durations(text, span, value):
    assert values(text) == [(span, "DURATION", value)]


@pytest.mark.parametrize("text, span, value", [
    ("The council meets every year in Geneva.", "every year", "P1Y"),
    ("The report is updated annually.", "annually", "P1Y"),
    ("Ministers gather every Monday.", "every Monday", "XXXX-WXX-1"),
    ("The board meets twice a month.", "twice a month", "P1M"),
    ("The clinic opens on Tuesdays.", "Tuesdays", "XXXX-WXX-2"),
])
def test_sets(text, span, value):
    assert values(text) == [(span, "SET", value)]


@pytest.mark.parametrize("text, span, value", [
    ("The shelling began on Monday morning.", "Monday morning", "2019-01-07TMO"),
    ("Sirens sounded last night.", "last night", "2019-01-08TNI"),
    ("The statement came this afternoon.", "this afternoon", "2019-01-09TAF"),
    ("The curfew starts at 10 p.m.", "10 p.m.", "2019-01-09T22:00"),
    ("The offer expired at 5 p.m. Monday.", "5 p.m. Monday", "2019-01-07T17:00"),
])
def test_times_of_day(text, span, value):
    t = one(text)
    assert (t.text, t.type, t.value, t.precision) == (span, "TIME", value, "day")


@pytest.mark.parametrize("text, value", [
    ("The agency is now investigating.", "PRESENT_REF"),
    ("Some 200 observers are currently deployed.", "PRESENT_REF"),
    ("The army recently seized the pass.", "PAST_REF"),
    ("Sanctions may be lifted in the future.", "FUTURE_REF"),
    ("Displacement has grown in recent years.", "PAST_REF"),
    ("More arrests are expected in the coming weeks.", "FUTURE_REF"),
])
def test_reference_words(text, value):
    t = one(text)
    assert (t.type, t.value, t.precision) == ("DATE", value, "unknown")


@pytest.mark.parametrize("text", [
    "Officials said the talks may resume, but nothing was agreed.",
    "Veterans march through the capital to demand pensions.",
    "Protesters may march again if the second round is cancelled.",
    "He was the second candidate to withdraw from the race.",
    "Supporters march; others may join them a second time.",
    "Sun Microsystems and Thus Corp. filed reports.",
    "Police said 2000 protesters and 1500 riot officers were present.",
    "The fund pays out $1995 a month.",
    "More than a quarter of the vote went to the opposition.",
    "The 52 years old activist was released.",
    "The daily newspaper printed the decree.",
    "April Ryan asked the first question.",
])
def test_no_false_hits(text):
    assert find_times(text, DCT) == []


def test_capitalised_may_and_march_are_months_in_context():
    assert values("The law took effect in May.") == [("May", "DATE", "2018-05")]
    assert values("The vote was held on March 3.") == [("March 3", "DATE", "2019-03-03")]
    assert values("The law took effect in may.") == []


@pytest.mark.parametrize("text, span", [
    ("Shops closed on February 30 in protest.", "February 30"),
    ("The decree is dated 31 April 2019.", "31 April 2019"),
    ("The file says 2019-02-30.", "2019-02-30"),
    ("It is dated 13/45/2019.", "13/45/2019"),
])
def test_impossible_dates_are_kept_without_a_value(text, span):
    t = one(text)
    assert (t.text, t.value, t.precision) == (span, None, "unknown")


def test_leap_day_is_a_real_date():
    assert values("The accord was signed on February 29, 2020.") == [("February 29, 2020", "DATE", "2020-02-29")]


@pytest.mark.parametrize("text, value", [
    ("The treaty was signed in 1648.", "1648"),
    ("The bonds mature in 2095.", "2095"),
    ("The plan runs to December 31, 2099.", "2099-12-31"),
])
def test_far_past_and_future_years(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text, value, precision", [
    ("Rebels attacked on Monday.", "XXXX-WXX-1", "unknown"),
    ("The minister resigned yesterday.", "XXXX-XX-XX", "unknown"),
    ("Inflation rose last year.", "XXXX", "unknown"),
    ("The truce held until Dec. 28.", "XXXX-12-28", "unknown"),
    ("The accord was signed on January 8, 2017.", "2017-01-08", "day"),
    ("The four-day visit ended.", "P4D", "unknown"),
])
def test_without_a_publication_date(text, value, precision):
    for dct in (None, "", "not a date"):
        t = one(text, dct)
        assert (t.value, t.precision) == (value, precision)


def test_window_restricts_the_search_and_keeps_article_offsets():
    text = "Talks began on Monday.\n\nThe envoy left yesterday after two days."
    second = text.index("The envoy")
    found = find_times(text, DCT, start=second, end=len(text))
    assert [(t.text, t.start, t.end) for t in found] == [
        ("yesterday", text.index("yesterday"), text.index("yesterday") + 9),
        ("two days", text.index("two days"), text.index("two days") + 8),
    ]
    assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.text for t in find_times(text, DCT, 0, second)] == ["Monday"]


def test_window_edge_does_not_cut_an_expression_short():
    text = "The accord was signed on January 8, 2017 in Geneva."
    [t] = find_times(text, DCT, 0, text.index(" in Geneva"))
    assert t.text == "January 8, 2017"


def test_longest_expression_wins_over_its_parts():
    assert values("The blockade began in the past two months.") == [("the past two months", "DURATION", "P2M")]
    assert values("Sales fell in the first half of 2018.") == [("the first half of 2018", "DATE", "2018-H1")]


def test_many_expressions_in_one_article_come_back_in_order():
    text = ("On Monday the president began a four-day visit. Last year he stayed for three weeks; "
            "he now returns every year, most recently in March 2017.")
    found = find_times(text, DCT)
    assert [t.text for t in found] == ["Monday", "four-day", "Last year", "three weeks", "now", "every year",
                                     "recently", "March 2017"]
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_curly_apostrophe_and_long_articles():
    assert values("Fireworks marked New Year’s Day.") == [("New Year’s Day", "DATE", "2019-01-01")]
    text = "Nothing happened here. " * 2000 + "The vote was held on Jan. 3."
    [t] = find_times(text, DCT)
    assert (t.text, t.value) == ("Jan. 3", "2019-01-03")


@pytest.mark.parametrize("value, dct, expected", [
    ("2018-05-03", "2019-01-09", True),
    ("2018", "2019-01-09", True),
    ("2018-W52", "2019-01-09", True),
    ("2018-Q4", "2019-01-09", True),
    ("199", "2019-01-09", True),
    ("19", "2019-01-09", True),
    ("2019-01-02", "2019-01-09", False),
    ("2019", "2019-01-09", False),
    ("201", "2019-01-09", False),
    ("2020-03", "2019-01-09", False),
    ("PAST_REF", "2019-01-09", None),
    ("P1Y", "2019-01-09", None),
    ("XXXX-WXX-1", "2019-01-09", None),
    (None, "2019-01-09", None),
    ("2018", None, None),
])
def test_is_before(value, dct, expected):
    assert is_before(value, dct) is expected


def test_time_words_file_has_a_header_and_every_kind():
    table = read_table(data_path("time_words.tsv"))
    assert table.meta["version"] and table.meta["source"] and table.meta["licence"]
    kinds = {row["kind"] for row in table.rows}
    assert {"month", "weekday", "number", "unit", "holiday", "ref", "set", "future"} <= kinds
