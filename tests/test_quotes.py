"""Quotes, speakers, outlets and the attribution chain (all text written for these tests)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import main
from tidings.errors import KnowledgeBaseError
from tidings.outlets import load_outlets
from tidings.quotes import MAX_QUOTE_CHARS, find_marked


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, cursor = [], 0
    for piece in text.split("\n\n"):
        out.append((cursor, cursor + len(piece)))
        cursor += len(piece) + 2
    return out


def contents(text: str) -> list[str]:
    marked, _ = find_marked(text, paragraphs(text))
    return [text[m.start:m.end] for m in marked]


def quote_with(article, words: str):
    found = [q for q in article.quotes if words in q.text]
    assert found, f"no quote with {words!r}: {[q.text for q in article.quotes]}"
    return found[0]


# -- marks ---------------------------------------------------------------------
def test_straight_and_curly_marks():
    assert contents('"We will respond," he said. “This is over,” she said.') == ["We will respond,", "This is over,"]


def test_single_marks_nested_inside_double_ones():
    marked, _ = find_marked("“He told me ‘never again’ and left,” she said.", [(0, 46)])
    assert [(m.nested, m.start) for m in marked] == [(False, 1), (True, 13)]


def test_apostrophes_are_not_quotes():
    assert contents("Kim’s envoy said the country’s position had not changed.") == []


def test_a_quote_that_runs_on_into_the_next_paragraph():
    text = "“We came to talk.\n\n“We leave with nothing,” the envoy said."
    assert contents(text) == ["We came to talk.\n\n“We leave with nothing,"]


def test_an_unclosed_mark_ends_at_its_paragraph_with_a_warning():
    text = "“We will never give up, the minister said.\n\nTalks resumed on Monday."
    marked, warnings = find_marked(text, paragraphs(text))
    assert [text[m.start:m.end] for m in marked] == ["We will never give up, the minister said."]
    assert warnings and "never closes" in warnings[0]


def test_mixed_marks_close_with_a_warning():
    marked, warnings = find_marked("“We are ready,\" he said.", [(0, 24)])
    assert len(marked) == 1 and any("mixed" in w for w in warnings)


def test_a_very_long_quote_is_cut():
    text = "“" + "word " * 2000 + "”"
    marked, warnings = find_marked(text, [(0, len(text))])
    assert marked[0].end - marked[0].start <= MAX_QUOTE_CHARS + 1
    assert any("runs past" in w for w in warnings)


def test_bad_marks_never_crash_the_coder_and_warn_on_the_article():
    text = "Seoul summit\n\n“We hope for peace, Moon said.\n\nNorth Korea fired a missile on Monday.\n\n\"Unbalanced ” marks \" here."
    article = tidings.code(text, date="2019-03-01")
    assert article.warnings
    assert all(q.end - q.start < 200 for q in article.quotes)  # nothing runs across the article


# -- speakers and cues ----------------------------------------------------------
def test_direct_quote_with_a_tail_speaker_and_outlet():
    text = ("North Korea talks\n\n“We hope the talks will resume soon,” Kim Eui-kyeom told reporters, "
            "according to the South Korean news agency Yonhap.")
    quote = quote_with(tidings.code(text, date="2019-03-01"), "We hope")
    assert quote.kind == "direct" and quote.cue.text == "told"
    assert quote.speaker.text == "Kim Eui-kyeom"
    assert [o.name for o in quote.outlets] == ["Yonhap"] and quote.outlets[0].country == "KOR"


def test_pronoun_speakers_resolve_to_the_latest_speaker():
    text = ("Harry Kazianis, director of defense studies at the Center for the National Interest, said the summit mattered.\n\n"
            "“This is a chance for peace,” he said.")
    quote = quote_with(tidings.code(text, date="2019-02-01"), "chance for peace")
    assert quote.speaker.text == "he" and quote.speaker.name == "Harry Kazianis"


def test_a_quote_with_no_cue_carries_the_previous_speaker():
    text = "“We are ready to talk,” Foreign Minister Wang Yi said.\n\n“The door is open.”"
    article = tidings.code(text, date="2019-03-01")
    later = quote_with(article, "door is open")
    assert later.cue is None and later.speaker.country == "CHN"


def test_partial_quote():
    text = "Japan's defence minister called the launch “a grave provocation” on Tuesday."
    quote = quote_with(tidings.code(text, date="2019-03-01"), "grave provocation")
    assert quote.kind == "partial" and quote.speaker is not None and quote.speaker.country == "JPN"


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("Pompeo said that North Korea had agreed to more talks.", "North Korea had agreed to more talks", "Pompeo", "said"),
    ("According to the defence ministry, Russian jets violated Swedish airspace.", "Russian jets violated Swedish airspace",
     "the defence ministry", "According to"),
    ("Russian drones hit the power grid overnight, Ukraine's air force said.", "Russian drones hit the power grid overnight",
     "Ukraine's air force", "said"),
    ("Kim warned Washington that the country might take an alternative path.", "the country might take an alternative path",
     "Kim", "warned"),
])
def test_indirect_speech(text, content, speaker, cue):
    quote = quote_with(tidings.code(text, date="2019-03-01"), content)
    assert quote.kind == "indirect" and quote.text == content
    assert quote.speaker.text == speaker and quote.cue.text == cue


# -- outlets and the attribution chain -----------------------------------------
@pytest.mark.parametrize("text, outlet", [
    ("The Wall Street Journal reports that North Korea has refused to hold talks with the U.S.", "The Wall Street Journal"),
    ("The defence minister told CNBC that Iran attacked the tanker.", "CNBC"),
    ("Beijing will send aid to Nepal, according to the South China Morning Post.", "South China Morning Post"),
    ("NPR's international correspondent Anthony Kuhn reports that Pyongyang has not attacked any ships.", "NPR"),
    ("Russia shelled Kharkiv, according to a translation published in the New York Times.", "The New York Times"),
])
def test_outlets_relaying_a_claim(text, outlet):
    article = tidings.code(text, date="2019-03-01")
    assert any(outlet in [o.name for o in q.outlets] for q in article.quotes), [q.to_dict() for q in article.quotes]


def test_events_in_quotes_carry_the_chain_nearest_first():
    text = ("North Korean leader Kim Jong Un has traveled to China at the request of Chinese president Xi Jinping, "
            "state media of both countries announced.\n\n"
            "NPR's international correspondent Anthony Kuhn reports that Pyongyang has not attacked any ships.")
    article = tidings.code(text, date="2019-01-08")
    visit = next(e for e in article.events if e.trigger.text == "traveled")
    assert [(a.role, a.text) for a in visit.attribution] == [("outlet", "state media of both countries")]
    attack = next(e for e in article.events if e.trigger.text == "attacked")
    assert attack.factuality == "negated"
    assert [(a.role, a.name) for a in attack.attribution] == [("speaker", "Anthony Kuhn"), ("outlet", "NPR")]


def test_state_media_are_marked():
    article = tidings.code("North Korea fired two missiles on Monday, KCNA said.", date="2019-05-06")
    quote = quote_with(article, "fired two missiles")
    assert quote.outlets and quote.outlets[0].state and quote.outlets[0].country == "PRK"


def test_users_extend_the_outlets(tmp_path):
    extra = tmp_path / "outlets.tsv"
    extra.write_text("# my outlets\n# version: 1\n# source: me\n# licence: CC0-1.0\n"
                     "name\taliases\tcountry\tstate\tkind\nThe Daily Ledger\tDaily Ledger\tNZL\tno\tnewspaper\n", encoding="utf-8")
    outlets = load_outlets(str(extra))
    hits = outlets.find("Fiji expelled the envoy, the Daily Ledger reported.")
    assert [(h.entry.name, h.entry.country) for h in hits] == [("The Daily Ledger", "NZL")]
    with pytest.raises(KnowledgeBaseError):
        load_outlets(str(tmp_path / "missing.tsv"))


# -- output ----------------------------------------------------------------------
def test_quotes_round_trip_through_json():
    article = tidings.code("“We hope for peace,” Moon said, according to Yonhap.", date="2019-03-01")
    again = type(article).from_dict(json.loads(json.dumps(article.to_dict())))
    assert again.quotes == article.quotes and again.quotes[0].outlets[0].name == "Yonhap"


def test_cli_quotes_jsonl_and_table(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("“We hope for peace,” Moon said, according to Yonhap.\n\nPompeo said that talks would resume.", encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(path), "--format", "jsonl", "--date", "2019-03-01", "--quiet"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["direct", "indirect"]
    assert rows[0]["speaker"]["text"] == "Moon" and rows[0]["outlets"][0]["name"] == "Yonhap"
    table = CliRunner().invoke(main, ["quotes", str(path), "--date", "2019-03-01", "--quiet"])
    assert table.exit_code == 0 and "Yonhap" in table.stdout and "Moon" in table.stdout


def test_cli_quotes_filters_by_kind(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Jeb Bush endorsed Ted Cruz on Wednesday. “He is the one,” Bush said.", encoding="utf-8")
    every = CliRunner().invoke(main, ["quotes", str(path), "--format", "jsonl", "--date", "2016-01-01", "--quiet"])
    assert [json.loads(line)["kind"] for line in every.stdout.splitlines()] == ["stance", "direct"]
    spoken = CliRunner().invoke(main, ["quotes", str(path), "--format", "jsonl", "--date", "2016-01-01", "--quiet",
                                       "--kinds", "direct,indirect"])
    assert spoken.exit_code == 0 and [json.loads(line)["kind"] for line in spoken.stdout.splitlines()] == ["direct"]
    bad = CliRunner().invoke(main, ["quotes", str(path), "--kinds", "rumour"])
    assert bad.exit_code == 2 and "unknown kind rumour" in bad.output


def test_cli_code_filters_by_factuality(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Russia has not attacked the convoy. Japan imposed sanctions on North Korea.", encoding="utf-8")
    run = CliRunner().invoke(main, ["code", str(path), "--date", "2019-03-01", "--quiet", "--factuality", "negated"])
    assert run.exit_code == 0, run.output
    assert [json.loads(line)["factuality"] for line in run.stdout.splitlines()] == ["negated"]
    bad = CliRunner().invoke(main, ["code", str(path), "--factuality", "maybe"])
    assert bad.exit_code == 2 and "not a factuality value" in bad.output
