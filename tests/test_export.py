"""Export formats, each read back by another tool: DuckDB's CSV reader, json, pyarrow."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tidings.corpus import ingest
from tidings.errors import ConfigError
from tidings.export import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    export,
    fraction_date,
    gdelt_actor,
    gdelt_event_row,
    global_event_id,
)
from tidings.records import FACTUALITIES, Article
from tidings.store import Store, StoreError

ARTICLES = [
    Article(text="Xi hosts Kim in Beijing\n\nChinese President Xi Jinping met North Korean leader Kim Jong Un "
                 "in Beijing on Tuesday, state media said.",
            title="Xi hosts Kim in Beijing", date="2019-01-08", url="https://news.example.com/xi-kim",
            outlet="Example News"),
    Article(text="Kim travels to China\n\nChinese President Xi Jinping met North Korean leader Kim Jong Un "
                 "in Beijing on Tuesday, Xinhua news agency reported.",
            title="Kim travels to China", date="2019-01-08", url="https://wire.example.org/kim-china",
            outlet="Example Wire"),
    Article(text="Russia expels diplomats\n\nRussia said on Saturday it would expel 23 British diplomats, "
                 "retaliating for London's decision to throw out Russian envoys.",
            title="Russia expels diplomats", date="2018-03-17", url="https://news.example.com/russia-uk",
            outlet="Example News"),
    Article(text="Japan sends aid to Turkey\n\nJapan sent emergency aid to Turkey after the earthquake, "
                 "the foreign ministry in Tokyo said on Monday.",
            title="Japan sends aid to Turkey", date="2023-02-13", source="japan_aid.txt"),
    Article(text="UN condemns attack\n\nThe United Nations condemned the attack on aid workers in Sudan on Monday.",
            title="UN condemns attack", date="2023-04-17", url="https://news.example.com/un-sudan",
            outlet="Example News"),
]

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}  # PLOVER manual
GDELT_TYPES = {name: "VARCHAR" for name in GDELT_EVENT_COLUMNS} | {
    "GlobalEventID": "BIGINT", "Day": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
    "FractionDate": "DOUBLE", "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER", "NumSources": "INTEGER", "NumArticles": "INTEGER", "AvgTone": "DOUBLE",
    "Actor1Geo_Type": "INTEGER", "Actor2Geo_Type": "INTEGER", "ActionGeo_Type": "INTEGER",
    "DATEADDED": "BIGINT",
}
MENTION_TYPES = {name: "VARCHAR" for name in GDELT_MENTION_COLUMNS} | {
    "GlobalEventID": "BIGINT", "EventTimeDate": "BIGINT", "MentionTimeDate": "BIGINT", "MentionType": "INTEGER",
    "SentenceID": "INTEGER", "Actor1CharOffset": "INTEGER", "Actor2CharOffset": "INTEGER",
    "ActionCharOffset": "INTEGER", "InRawText": "INTEGER", "Confidence": "INTEGER", "MentionDocLen": "INTEGER",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder) -> Store:
    store = Store(str(tmp_path_factory.mktemp("export") / "export.duckdb"))
    ingest(ARTICLES, store, coder)
    return store


@pytest.fixture(scope="module")
def n_events(store) -> int:
    return store.query("SELECT count(*) FROM events")[1][0][0]


def read_tsv(path: Path, types: dict[str, str]) -> list[dict]:
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in types.items())
    con = duckdb.connect()
    cursor = con.execute(f"SELECT * FROM read_csv('{path}', delim='\t', header=false, quote='', "
                         f"columns={{{columns}}})")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def known_event(store: Store) -> dict:
    names, rows = store.query("SELECT * FROM events WHERE actor_key = 'CHNGOV' AND recipient_key = 'PRKGOV'")
    assert len(rows) == 1, "the Xi-Kim meeting should be one merged event"
    return dict(zip(names, rows[0]))


def test_gdelt_events_parse_with_the_61_gdelt_columns(store, n_events, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", str(out)) == n_events
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(set(GDELT_EVENT_COLUMNS)) == 61
    assert all(line.count("\t") == 60 for line in lines)
    rows = read_tsv(out, GDELT_TYPES)
    assert len(rows) == n_events and len(rows[0]) == 61
    cameo = dict(store.query("SELECT id, cameo FROM events")[1])
    by_gid = {r["GlobalEventID"]: r for r in rows}
    for event_id, code in cameo.items():
        row = by_gid[global_event_id(event_id)]
        assert row["EventCode"] == code
        assert row["EventBaseCode"] == code[:3] and row["EventRootCode"] == code[:2]
    assert any(r["EventCode"].startswith("0") for r in rows)  # '040', not 40


def test_gdelt_known_event_has_cameo_actors_and_counts(store, tmp_path):
    event = known_event(store)
    out = tmp_path / "events.tsv"
    export(store, "gdelt", str(out))
    row = {r["GlobalEventID"]: r for r in read_tsv(out, GDELT_TYPES)}[global_event_id(event["id"])]
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("CHNGOV", "CHN", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("PRKGOV", "PRK")
    assert row["EventCode"].startswith("04") and row["QuadClass"] == 1
    assert event["num_sources"] == 2 and row["NumSources"] == 2 and row["NumMentions"] == event["num_mentions"]
    assert (row["Day"], row["MonthYear"], row["Year"]) == (20190108, 201901, 2019)
    assert row["FractionDate"] == pytest.approx(2019.0219)
    assert row["AvgTone"] is None
    # "met … in Beijing": the event's own clause places it (GDELT: world city, FIPS codes)
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (4, "Beijing, China", "CH")
    assert row["ActionGeo_ADM1Code"].startswith("CH") and abs(float(row["ActionGeo_Lat"]) - 39.9) < 0.1
    assert row["ActionGeo_FeatureID"] == str(event["location_geonameid"]) and event["location_source"] == "clause"
    assert row["Actor1Geo_Type"] == 0 and row["Actor2Geo_Type"] == 0 and row["Actor1Geo_Lat"] is None
    assert str(row["DATEADDED"]) == f"{event['date_added']:%Y%m%d%H%M%S}"
    assert row["SOURCEURL"] == event["source_url"]


def test_gdelt_igo_actor_goes_in_known_group(store, tmp_path):
    out = tmp_path / "events.tsv"
    export(store, "gdelt", str(out), where="actor_country = 'UNO'")
    rows = read_tsv(out, GDELT_TYPES)
    assert rows
    for row in rows:
        assert (row["Actor1Code"], row["Actor1KnownGroupCode"], row["Actor1Type1Code"]) == ("IGOUNO", "UNO", "IGO")
        assert row["Actor1CountryCode"] is None


def test_gdelt_mentions_offsets_point_into_the_article(store, tmp_path):
    out = tmp_path / "mentions.tsv"
    n_mentions = store.query("SELECT count(*) FROM mentions")[1][0][0]
    assert export(store, "gdelt-mentions", str(out)) == n_mentions
    rows = read_tsv(out, MENTION_TYPES)
    assert len(rows) == n_mentions and len(rows[0]) == 16
    texts = dict(store.query("SELECT coalesce(url, source, id), text FROM articles")[1])
    triggers = {(r[0], r[1]) for r in store.query("SELECT url, trigger_text FROM mentions")[1]}
    for row in rows:
        text = texts[row["MentionIdentifier"]]
        assert row["MentionDocLen"] == len(text)
        start = row["ActionCharOffset"]
        word = next(t for u, t in triggers if u == row["MentionIdentifier"] and text[start:start + len(t)] == t)
        assert word
        assert row["SentenceID"] >= 1 and 0 <= row["Confidence"] <= 100
        assert row["MentionType"] == (1 if row["MentionIdentifier"].startswith("https://") else 2)
    event = known_event(store)
    mine = [r for r in rows if r["GlobalEventID"] == global_event_id(event["id"])]
    assert len(mine) == 2 and {r["MentionSourceName"] for r in mine} == {"Example News", "Example Wire"}
    for row in mine:
        text = texts[row["MentionIdentifier"]]
        assert text[row["ActionCharOffset"]:].startswith("met")
        assert text[row["Actor1CharOffset"]:].startswith("Chinese President Xi Jinping")
        assert text[row["Actor2CharOffset"]:].startswith("North Korean leader Kim Jong Un")
        assert row["SentenceID"] == 2 and row["InRawText"] == 1  # sentence 1 is the headline


def test_plover_records_carry_the_required_fields(store, n_events, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export(store, "plover", str(out)) == n_events
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n_events
    for record in records:
        assert {"id", "date", "actor", "event"} <= record.keys()
        dt.date.fromisoformat(record["date"])
        assert len(record["event"]) == 1
        assert record["event"][0] in PLOVER_TYPES
        assert record["quad_code"] in (1, 2, 3, 4)
        assert record["cite_info"]["codebook"].startswith("plover-")
        assert sum(1 for _ in record["mentions"]) == record["num_mentions"]
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert end - start == len(record["text"])
    event = known_event(store)
    record = next(r for r in records if r["id"] == event["id"])
    assert record["event"] == ["CONSULT"] and record["date"] == "2019-01-08"
    assert [a["code"] for a in record["actor"]] == ["CHN"] and record["actor"][0]["sector"] == "GOV"
    assert record["actor"][0]["entity_text"] == "Chinese President Xi Jinping"
    assert [a["code"] for a in record["recipient"]] == ["PRK"]
    assert record["event_text"] == ["met"] and "met" in record["text"]
    assert record["num_sources"] == 2 and {m["url"] for m in record["mentions"]} == {
        "https://news.example.com/xi-kim", "https://wire.example.org/kim-china"}


def test_plover_records_carry_factuality_cue_and_attribution(store, tmp_path):
    out = tmp_path / "events.jsonl"
    export(store, "plover", str(out))
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    texts = dict(store.query("SELECT id, text FROM articles")[1])
    for record in records.values():
        assert record["factuality"] in FACTUALITIES and isinstance(record["attribution"], list)
        for mention in record["mentions"]:
            assert {"factuality", "factuality_cue", "attribution"} <= mention.keys()
            cue = mention["factuality_cue"]
            assert cue is None or texts[mention["article_id"]][cue["start"]:cue["end"]] == cue["text"]
    threat = next(r for r in records.values() if r["event"] == ["THREATEN"] and r["actor"][0]["code"] == "RUS")
    assert threat["factuality"] == "future" and threat["factuality_cue"]["text"] == "would"
    assert threat["factuality_cue"]["text"] in threat["text"]
    assert [(a["role"], a["text"]) for a in threat["attribution"]] == [("speaker", "Russia")]
    meeting = records[known_event(store)["id"]]  # two mentions: "state media said", "Xinhua … reported"
    chains = {m["article_id"]: m["attribution"] for m in meeting["mentions"]}
    assert sorted(link["name"] for chain in chains.values() for link in chain) == ["Xinhua", "state media"]
    first = store.query("SELECT m.article_id FROM mentions m JOIN events e ON e.first_mention_id = m.id "
                        "WHERE e.id = ?", [meeting["id"]])[1][0][0]
    assert meeting["attribution"] == chains[first] and meeting["factuality_cue"] is None


def test_parquet_is_partitioned_by_year_and_month(store, n_events, tmp_path):
    out = tmp_path / "events"
    assert export(store, "parquet", str(out)) == n_events
    assert (out / "year=2019" / "month=1").is_dir()
    dataset = ds.dataset(str(out), format="parquet", partitioning="hive")
    assert {"year", "month", "id", "event_type", "sentence_text", "source_url", "factuality", "factuality_cue",
            "attributed_to", "attribution"} <= set(dataset.schema.names)
    table = dataset.to_table()
    assert table.num_rows == n_events
    assert sorted(set(table.column("year").to_pylist())) == [2018, 2019, 2023]


def test_parquet_needs_an_empty_folder(store, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(ConfigError, match="empty folder"):
        export(store, "parquet", str(tmp_path / "full"))
    with pytest.raises(ConfigError, match="output folder"):
        export(store, "parquet", None)


def test_csv_has_a_header_and_one_row_per_event(store, n_events, tmp_path):
    out = tmp_path / "events.csv"
    assert export(store, "csv", str(out)) == n_events
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == n_events
    assert {"id", "event_type", "cameo", "actor_country", "num_sources", "sentence_text"} <= rows[0].keys()
    assert {r["cameo"] for r in rows} == {r[0] for r in store.query("SELECT cameo FROM events")[1]}
    assert {"factuality", "factuality_cue", "attributed_to", "attribution"} <= rows[0].keys()
    threat = next(r for r in rows if r["event_type"] == "THREATEN" and r["actor_country"] == "RUS")
    assert (threat["factuality"], threat["factuality_cue"], threat["attributed_to"]) == ("future", "would", "Russia")
    assert [link["role"] for link in json.loads(threat["attribution"])] == ["speaker"]


def test_gdelt_keeps_its_61_columns_with_factuality_and_attribution_stored(store, tmp_path):
    assert store.query("SELECT count(*) FROM mentions WHERE attributed_to IS NOT NULL")[1][0][0] > 0
    assert GDELT_EVENT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"] and len(GDELT_EVENT_COLUMNS) == 61
    out = tmp_path / "events.tsv"
    export(store, "gdelt", str(out))
    assert {line.count("\t") for line in out.read_text(encoding="utf-8").splitlines()} == {60}
    mentions = tmp_path / "mentions.tsv"
    export(store, "gdelt-mentions", str(mentions))
    assert {line.count("\t") for line in mentions.read_text(encoding="utf-8").splitlines()} == {15}


def test_text_formats_write_to_stdout(store, n_events, capsys):
    assert export(store, "gdelt", None) == n_events
    assert len(capsys.readouterr().out.splitlines()) == n_events


def test_where_filters_events_and_their_mentions(store, n_events, tmp_path):
    where = "actor_country = 'CHN' AND date >= '2019-01-01'"
    expected = store.query(f"SELECT count(*) FROM events WHERE {where}")[1][0][0]
    assert 0 < expected < n_events
    assert export(store, "gdelt", str(tmp_path / "e.tsv"), where=where) == expected
    assert export(store, "plover", str(tmp_path / "e.jsonl"), where=where) == expected
    assert export(store, "csv", str(tmp_path / "e.csv"), where=where) == expected
    assert export(store, "parquet", str(tmp_path / "pq"), where=where) == expected
    mentions = store.query(f"SELECT sum(num_mentions) FROM events WHERE {where}")[1][0][0]
    assert export(store, "gdelt-mentions", str(tmp_path / "m.tsv"), where=where) == mentions
    assert export(store, "gdelt", str(tmp_path / "none.tsv"), where="num_sources > 100") == 0


@pytest.mark.parametrize("where", [
    "no_such_column = 1", "date >=", "1=1); DROP TABLE events; SELECT (1", "1=1) --", "actor_name"])
def test_bad_where_is_a_store_error(store, tmp_path, where):
    with pytest.raises(StoreError, match="where"):
        export(store, "gdelt", str(tmp_path / "e.tsv"), where=where)


def test_unknown_format_is_a_config_error(store):
    with pytest.raises(ConfigError, match="gdelt-mentions"):
        export(store, "xml", None)


def test_row_helpers():
    assert fraction_date(dt.date(2019, 1, 8)) == "2019.0219"
    assert fraction_date(dt.date(2015, 12, 31)) == "2015.9890"  # (11*30 + 31) / 365
    assert gdelt_actor("USA", "MIL", "US troops")[:3] == ["USAMIL", "US troops", "USA"]
    eu = gdelt_actor("EUR", "IGO", "European Union")
    assert (eu[0], eu[2], eu[3], eu[7]) == ("IGOEUREEC", "", "EEC", "IGO")
    assert gdelt_actor(None, None, "someone") == [""] * 10
    assert gdelt_actor(None, "MIL", "gunmen")[0] == "MIL"
    assert global_event_id("ffffffffffffffff") < 2**63


def test_undated_event_takes_the_day_it_was_added():
    added = dt.datetime(2024, 5, 6, 7, 8, 9)
    event = {"id": "0123456789abcdef", "date": None, "date_added": added, "cameo": "0874", "is_root": True,
             "quad_class": 2, "goldstein": 9.0, "num_mentions": 1, "num_sources": 1, "num_articles": 1,
             "source_url": "x\ty", "actor_country": "RUS", "actor_sector": "GOV", "actor_name": "Moscow",
             "recipient_country": None, "recipient_sector": None, "recipient_name": None}
    row = gdelt_event_row(event)
    assert len(row) == 61
    assert row[1:4] == ["20240506", "202405", "2024"]
    assert row[26:29] == ["0874", "087", "08"] and row[30] == "9"
    assert row[59] == "20240506070809" and row[60] == "x y"


def test_unwritable_output_is_a_config_error(store, tmp_path):
    with pytest.raises(ConfigError, match="cannot write"):
        export(store, "csv", str(tmp_path / "no" / "such" / "dir.csv"))


# ---- schema 3: event locations and dates with precision ------------------------------------------

@pytest.fixture(scope="module")
def located(tmp_path_factory) -> Store:
    from located import article, located_articles

    store = Store(str(tmp_path_factory.mktemp("located") / "located.duckdb"))
    week = article("loc-week-1", "Envoys met", "Chinese envoy Liu met South Korean officials last week, aides said.",
                   actor=("Chinese envoy Liu", "CHN", "GOV"), recipient=("South Korean officials", "KOR", "GOV"),
                   when="last week", date="2019-02-27")
    ingest(located_articles() + [week], store, None)
    return store


def located_event(store: Store, article_id: str) -> dict:
    names, rows = store.query("SELECT e.* FROM events e JOIN mentions m ON m.event_id = e.id WHERE m.article_id = ?",
                              [article_id])
    return dict(zip(names, rows[0]))


def test_gdelt_action_geo_comes_from_the_event_location(located, tmp_path):
    out = tmp_path / "events.tsv"
    export(located, "gdelt", str(out))
    assert {line.count("\t") for line in out.read_text(encoding="utf-8").splitlines()} == {60}
    rows = {r["GlobalEventID"]: r for r in read_tsv(out, GDELT_TYPES)}
    hanoi = rows[global_event_id(located_event(located, "loc-hanoi-1")["id"])]
    assert (hanoi["ActionGeo_Type"], hanoi["ActionGeo_FullName"], hanoi["ActionGeo_CountryCode"],
            hanoi["ActionGeo_ADM1Code"], hanoi["ActionGeo_ADM2Code"], hanoi["ActionGeo_Lat"], hanoi["ActionGeo_Long"],
            hanoi["ActionGeo_FeatureID"]) == (4, "Hanoi, Vietnam", "VM", "VM44", None, "21.0245", "105.841", "1581130")
    assert hanoi["Day"] == 20190227 and hanoi["Actor1Geo_Type"] == 0 and hanoi["Actor2Geo_Type"] == 0
    assert hanoi["Actor1Geo_FullName"] is None and hanoi["Actor2Geo_Lat"] is None
    texas = rows[global_event_id(located_event(located, "loc-texas-1")["id"])]
    assert (texas["ActionGeo_Type"], texas["ActionGeo_FullName"], texas["ActionGeo_CountryCode"],
            texas["ActionGeo_ADM1Code"]) == (2, "Texas, United States", "US", "USTX")
    kharkiv = rows[global_event_id(located_event(located, "loc-kharkiv-1")["id"])]
    assert (kharkiv["ActionGeo_Type"], kharkiv["ActionGeo_CountryCode"], kharkiv["Day"]) == (4, "UP", 20220304)
    unplaced = rows[global_event_id(located_event(located, "loc-none-1")["id"])]
    assert unplaced["ActionGeo_Type"] == 0 and unplaced["ActionGeo_Lat"] is None and unplaced["ActionGeo_FullName"] is None
    week = rows[global_event_id(located_event(located, "loc-week-1")["id"])]
    assert week["Day"] == 20190218  # "last week" in an article of 2019-02-27: the Monday of 2019-W08


def test_geo_cells_of_a_country_and_of_nothing():
    from tidings.export import geo_cells

    country = {"location_name": "Vietnam", "location_country": "VNM", "location_fips": "VM", "location_admin1": None,
               "location_lat": 16.16667, "location_lon": 107.83333, "location_geonameid": 1562822,
               "location_feature": "country"}
    assert geo_cells(country, "location") == ["1", "Vietnam", "VM", "VM", "", "16.1667", "107.833", "VM"]
    city = {"location_name": "Austin", "location_country": "USA", "location_fips": None, "location_admin1": "TX",
            "location_lat": 30.26715, "location_lon": -97.74306, "location_geonameid": 4671654, "location_feature": "city"}
    assert geo_cells(city, "location")[:4] == ["3", "Austin, United States", "US", "USTX"]
    assert geo_cells({}, "actor_location") == ["0", "", "", "", "", "", "", ""]


def test_plover_carries_the_location_and_the_date_with_precision_and_source(located, tmp_path):
    out = tmp_path / "events.jsonl"
    export(located, "plover", str(out))
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    texts = dict(located.query("SELECT id, text FROM articles")[1])
    hanoi = records[located_event(located, "loc-hanoi-1")["id"]]
    assert hanoi["date"] == "2019-02-27"
    place = hanoi["location"]
    assert {k: place[k] for k in ("name", "country", "fips", "admin1", "lat", "lon", "geonameid", "feature",
                                  "source")} == {
        "name": "Hanoi", "country": "VNM", "fips": "VM", "admin1": "44", "lat": 21.0245, "lon": 105.84117,
        "geonameid": 1581130, "feature": "city", "source": "clause"}
    placing = located.query("SELECT article_id FROM mentions WHERE id = ?",
                            [located_event(located, "loc-hanoi-1")["location_mention_id"]])[1][0][0]
    assert texts[placing][place["start"]:place["end"]] == place["text"] == "Hanoi"
    assert [(m["article_id"], m["location"]["name"], m["location"]["source"]) for m in
            sorted(hanoi["mentions"], key=lambda m: m["article_id"])] == [
        ("loc-hanoi-1", "Hanoi", "clause"), ("loc-hanoi-2", "Hanoi", "clause")]
    first = located.query("SELECT m.article_id FROM mentions m JOIN events e ON e.first_mention_id = m.id "
                          "WHERE e.id = ?", [hanoi["id"]])[1][0][0]  # both reports are of 2019-02-27
    expected = ("expression", "on Wednesday") if first == "loc-hanoi-1" else ("publication", None)
    assert (hanoi["date_info"]["source"], hanoi["date_info"]["text"]) == expected
    week = records[located_event(located, "loc-week-1")["id"]]
    info = week["date_info"]
    assert (week["date"], info["value"], info["precision"], info["source"], info["text"]) == (
        "2019-02-18", "2019-W08", "week", "expression", "last week")
    assert texts["loc-week-1"][info["start"]:info["end"]] == "last week"
    assert week["location"] is None and week["mentions"][0]["location"] is None
    assert week["mentions"][0]["date"] == {"value": "2019-W08", "precision": "week", "source": "expression"}
    japan = records[located_event(located, "loc-none-1")["id"]]
    assert japan["location"] is None and japan["date_info"]["source"] == "publication"
    assert japan["date_info"]["start"] is None and japan["date_info"]["precision"] == "day"


def test_csv_and_parquet_carry_location_columns(located, tmp_path):
    out = tmp_path / "events.csv"
    export(located, "csv", str(out))
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    columns = {"location_name", "location_country", "location_fips", "location_lat", "location_lon",
               "location_geonameid", "location_admin1", "location_feature", "location_source", "location_text",
               "location_start", "location_end", "date_precision", "date_source", "date_value"}
    assert columns <= rows[0].keys()
    kharkiv = next(r for r in rows if r["event_type"] == "ASSAULT")
    assert (kharkiv["location_name"], kharkiv["location_country"], kharkiv["location_fips"], kharkiv["location_source"],
            kharkiv["location_text"], float(kharkiv["location_lat"])) == (
        "Kharkiv", "UKR", "UP", "sentence", "Kharkiv", 49.98081)
    week = next(r for r in rows if r["actor_country"] == "CHN")
    assert (week["date"], week["date_value"], week["date_precision"], week["date_source"]) == (
        "2019-02-18", "2019-W08", "week", "expression")
    japan = next(r for r in rows if r["actor_country"] == "JPN")
    assert japan["location_name"] == "" and japan["location_text"] == ""
    folder = tmp_path / "pq"
    export(located, "parquet", str(folder))
    table = ds.dataset(str(folder), format="parquet", partitioning="hive").to_table()
    assert columns <= set(table.schema.names)
    assert sorted(v for v in table.column("location_country").to_pylist() if v) == ["CHN", "UKR", "USA", "VNM"]
