import pytest

from tidings.errors import KnowledgeBaseError
from tidings.kb import load_kb, read_user_actors


def resolve(coder, phrase, date=None):
    return [(a.country, a.sector) for a in coder.resolve_phrase(phrase, date)]


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Pyongyang", [("PRK", "GOV")]),
        ("Washington", [("USA", "GOV")]),
        ("the U.S.", [("USA", "GOV")]),
        ("North Korea", [("PRK", "GOV")]),
        ("Chinese president Xi Jinping", [("CHN", "GOV")]),
        ("South Korean protesters", [("KOR", "CVL")]),
        ("Russian troops", [("RUS", "MIL")]),
        ("the United Nations", [("UNO", "IGO")]),
        ("NATO", [("NAT", "IGO")]),
        ("the two Koreas", [("PRK", "GOV"), ("KOR", "GOV")]),
        ("Iranian Foreign Minister Mohammad Javad Zarif", [("IRN", "GOV")]),
        ("Secretary of State Mike Pompeo", [("USA", "GOV")]),
    ],
)
def test_phrases_resolve_to_country_and_sector(coder, phrase, expected):
    assert resolve(coder, phrase, "2019-01-08") == expected


def test_resolution_is_date_aware(coder):
    in_office = coder.resolve_phrase("Donald Trump", "2019-06-01")[0]
    before = coder.resolve_phrase("Donald Trump", "2016-06-01")[0]
    assert (in_office.country, in_office.sector) == ("USA", "GOV")
    assert (before.country, before.sector) == ("USA", None)


def test_title_and_surname_resolves_to_office_holder(coder):
    actor = coder.resolve_phrase("President Trump", "2019-06-01")[0]
    assert actor.country == "USA" and actor.name == "Donald Trump"


def test_unknown_named_actor_is_kept_with_null_code(coder):
    actors = coder.resolve_phrase("Zorblat Quenhaven", "2019-06-01")
    assert actors and actors[0].country is None and actors[0].text == "Zorblat Quenhaven"


def test_user_actors_from_yaml(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(
        "- name: Ilsa Varnokova\n  aliases: [I. Varnokova]\n  country: UKR\n  sector: GOV\n  role: other\n  start: 2020-01-01\n",
        encoding="utf-8",
    )
    kb = load_kb(str(path))
    entries = kb.lookup("Ilsa Varnokova")
    assert entries[0].country == "UKR" and entries[0].sector == "GOV"
    assert kb.lookup("I. Varnokova")
    assert "+user." in kb.version


def test_user_actors_from_csv(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,country,sector,role,start,end\nBorna Tesik,,HRV,OPP,,,\n", encoding="utf-8")
    assert load_kb(str(path)).lookup("Borna Tesik")[0].country == "HRV"


def test_bad_user_file_names_the_problem(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("name,country,start\nX Y,FRA,yesterday\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="YYYY-MM-DD"):
        load_kb(str(path))
    with pytest.raises(KnowledgeBaseError, match="not found"):
        read_user_actors(tmp_path / "missing.yaml")


def test_kb_covers_every_country_and_current_leaders():
    kb = load_kb()
    countries = {e.country for entries in kb.names.values() for e in entries if e.kind == "country"}
    assert len(countries) >= 195
    people = {e.name for entries in kb.names.values() for e in entries if e.kind == "person"}
    for name in ("Kim Jong Un", "Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky", "Lee Jae-myung", "Donald Trump"):
        assert name in people, name


@pytest.mark.parametrize("phrase", ["the South China Sea", "the Korean Peninsula", "the Taiwan Strait"])
def test_seas_and_straits_are_not_country_actors(coder, phrase):
    assert all(a.country is None for a in coder.resolve_phrase(phrase, "2020-01-01"))


def test_joint_drills_in_a_sea_do_not_target_the_country_in_its_name():
    import tidings
    events = tidings.code("The United States and the Philippines held joint naval drills in the South China Sea.",
                          date="2022-01-01").events
    assert events and all(r.country != "CHN" for e in events for r in e.recipient)


@pytest.mark.parametrize(
    "phrase, date, expected",
    [
        ("Kharkiv governor", "2023-05-01", [("UKR", "GOV")]),
        ("Rakhine rebels", "2023-05-01", [("MMR", "REB")]),
        ("the PRI", "2023-05-01", [("MEX", "PTY")]),
        ("Institutional Revolutionary Party", "2023-05-01", [("MEX", "PTY")]),
        ("Tony Blair", "2003-03-20", [("GBR", "GOV")]),
        # heads of state and government beyond the G20
        ("Donald Tusk", "2016-06-01", [("EUR", "GOV")]),  # European Council president then
        ("Donald Tusk", "2024-06-01", [("POL", "GOV")]),  # Polish prime minister again
        ("Kenyan President William Ruto", "2023-03-01", [("KEN", "GOV")]),
        ("Emmerson Mnangagwa", "2019-01-01", [("ZWE", "GOV")]),
        ("Pedro Sánchez", "2024-05-01", [("ESP", "GOV")]),
        ("Viktor Orbán", "2020-01-01", [("HUN", "GOV")]),
        ("Nayib Bukele", "2024-01-01", [("SLV", "GOV")]),
    ],
)
def test_regions_parties_and_leaders_by_date(coder, phrase, date, expected):
    assert resolve(coder, phrase, date) == expected


def test_a_region_alone_gives_a_country_but_no_sector(coder):
    assert resolve(coder, "Kharkiv", "2023-05-01") == [("UKR", None)]


def test_common_words_that_are_surnames_do_not_become_people():
    import tidings
    article = tidings.code("Major powers met in Geneva. Rice prices rose sharply.", date="1995-06-01")
    assert not [m for m in article.mentions if m.actor.name == "John Major"]


def test_the_kb_version_is_that_of_its_newest_file():
    kb = load_kb()
    assert kb.version == kb.versions["officeholders.tsv"]  # the office holders were the last file changed
    kb.versions["parties.tsv"] = "2026.12.10"  # a change to any bundled file shows on every event
    assert kb.version == "2026.12.10"
    kb.versions["user"] = "3f9c01ab"
    assert kb.version == "2026.12.10+user.3f9c01ab"


@pytest.mark.parametrize("phrase", ["X", "Ali", "John", "Alexander", "Sabah"])
def test_numerals_and_common_given_names_are_no_leaders_surnames(coder, phrase):
    # "posted on X" is not Denmark's Frederik X; "met Ali" is not Guyana's Irfaan Ali
    assert all(a.country is None for a in coder.resolve_phrase(phrase, "2024-06-01"))
