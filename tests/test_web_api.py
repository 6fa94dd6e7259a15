"""The explorer's JSON API, in-process, on a real store built from the demo corpus."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.corpus import ingest
from tidings.ingest import ReadOptions, read_dates, read_inputs
from tidings.records import FACTUALITIES
from tidings.store import Store
from tidings.web import create_app

DEMO = Path(__file__).parent.parent / "corpus" / "demo"
QUOTED = Path(__file__).parent / "fixtures" / "quotes" / "relayed.jsonl"  # Kim said …, KCNA reported


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, coder) -> str:
    path = str(tmp_path_factory.mktemp("web") / "demo.duckdb")
    inputs = [str(p) for p in sorted(DEMO.glob("*.txt"))] + [str(DEMO / "wire_copies.jsonl"), str(QUOTED)]
    ingest(read_inputs(inputs, ReadOptions(dates=read_dates(str(DEMO / "dates.tsv")))), Store(path), coder)
    return path


@pytest.fixture(scope="module")
def client(demo_db) -> TestClient:
    return TestClient(create_app(demo_db))


def test_facets_describe_the_store(client):
    facets = client.get("/api/facets").json()
    assert facets["events"] > 100 and "CHN" in facets["countries"] and "CONSULT" in facets["event_types"]
    assert facets["date_from"] <= facets["date_to"]


def test_events_filter_sort_and_page(client):
    page = client.get("/api/events", params={"actor": "chn", "limit": 3}).json()
    assert page["total"] >= len(page["rows"]) and all(r["actor_country"] == "CHN" for r in page["rows"])
    dates = [r["date"] for r in page["rows"]]
    assert dates == sorted(dates, reverse=True)
    everything = client.get("/api/events", params={"limit": 500}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert [r["id"] for r in second["rows"]] == [r["id"] for r in everything["rows"][10:20]]
    by_goldstein = client.get("/api/events", params={"order": "goldstein", "desc": False, "limit": 5}).json()["rows"]
    assert [r["goldstein"] for r in by_goldstein] == sorted(r["goldstein"] for r in by_goldstein)
    assert by_goldstein[0]["goldstein"] == -10


def test_dyad_filter_and_detail_with_highlights(client):
    rows = client.get("/api/events", params={"actor": "PRK", "recipient": "CHN"}).json()["rows"]
    assert rows and all((r["actor_country"], r["recipient_country"]) == ("PRK", "CHN") for r in rows)
    detail = client.get(f"/api/events/{rows[0]['id']}").json()
    mention = detail["mentions"][0]
    text = mention["sentence_text"]
    roles = {h["role"] for h in mention["highlights"]}
    assert {"actor", "trigger", "recipient"} <= roles
    for h in mention["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]


def test_detail_shows_the_factuality_cue_and_the_attribution_chain(client):
    rows = client.get("/api/events", params={"recipient": "KOR", "factuality": "negated"}).json()["rows"]
    assert len(rows) == 1 and rows[0]["factuality"] == "negated"
    mention = client.get(f"/api/events/{rows[0]['id']}").json()["mentions"][0]
    assert mention["article_id"] == "relayed-1" and mention["factuality"] == "negated"
    cue = mention["factuality_cue"]
    assert cue["text"] == "not" and cue["end"] - cue["start"] == 3
    text = mention["sentence_text"]
    marks = {h["role"]: h for h in mention["highlights"]}
    assert text[marks["cue"]["start"]:marks["cue"]["end"]] == "not"
    chain = [(link["role"], link["name"]) for link in mention["attribution"]]
    assert chain[:2] == [("speaker", "Kim Jong Un"), ("outlet", "Korean Central News Agency")]
    assert mention["attributed_to"] == "Korean Central News Agency"
    assert text[marks["outlet"]["start"]:marks["outlet"]["end"]] in ("KCNA", "state news agency")
    attributed = client.get("/api/events", params={"attributed": "Korean Central News Agency"}).json()
    assert [r["id"] for r in attributed["rows"]] == [rows[0]["id"]]
    assert "Korean Central News Agency" in client.get("/api/facets").json()["attributed"]


def test_quotes_of_an_article(client):
    quotes = client.get("/api/quotes", params={"article": "relayed-1"}).json()["quotes"]
    assert [q["kind"] for q in quotes] == ["indirect", "direct", "indirect"]
    assert quotes[0]["text"] == "his country would not attack South Korea" and quotes[0]["cue"]["text"] == "said"
    assert quotes[0]["speaker"]["name"] == "Kim Jong Un"
    assert [o["name"] for o in quotes[1]["outlets"]] == ["Yonhap"] and quotes[1]["outlets"][0]["country"] == "KOR"
    assert client.get("/api/quotes", params={"article": "no-such-article"}).json()["quotes"] == []
    assert client.get("/api/quotes").status_code == 422


def test_factuality_filter_knows_all_six_values(client):
    assert client.get("/api/facets").json()["factualities"][:6] == list(FACTUALITIES)
    for value in FACTUALITIES:
        assert client.get("/api/events", params={"factuality": value, "limit": 1}).status_code == 200


def test_merged_event_lists_every_article(client):
    rows = client.get("/api/events", params={"actor": "IDN", "recipient": "MYS", "event_type": "CONSULT"}).json()["rows"]
    assert rows[0]["num_sources"] == 5
    detail = client.get(f"/api/events/{rows[0]['id']}").json()
    assert len({m["article_id"] for m in detail["mentions"]}) == 5
    assert {m["outlet"] for m in detail["mentions"]} >= {"Asia Wire", "Straits Daily"}


def test_timeline_network_places(client):
    timeline = client.get("/api/timeline", params={"by": "year"}).json()["rows"]
    assert timeline and all(r["events"] == sum(r[k] for k in ("verbal_coop", "material_coop", "verbal_conflict",
                                                              "material_conflict")) for r in timeline)
    network = client.get("/api/network").json()
    assert network["edges"] and {e["source"] for e in network["edges"]} <= {n["id"] for n in network["nodes"]}
    places = client.get("/api/places", params={"actor": "RUS"}).json()["rows"]
    assert places and {p["source"] for p in places} <= {"event location", "actor country (capital)"}
    capitals = [p for p in places if p["source"] == "actor country (capital)"]
    assert len(capitals) <= 1 and all(p["country"] == "RUS" and p["place"] == "Moscow" and abs(p["lat"] - 55.75) < 0.1
                                      for p in capitals)
    assert sum(p["events"] for p in places) == client.get("/api/events", params={"actor": "RUS"}).json()["total"]


def test_export_of_the_selection(client):
    answer = client.get("/api/export", params={"format": "csv", "actor": "RUS"})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    total = client.get("/api/events", params={"actor": "RUS"}).json()["total"]
    assert len(rows) == total and all(r["actor_country"] == "RUS" for r in rows)
    gdelt = client.get("/api/export", params={"format": "gdelt", "actor": "RUS"}).text.splitlines()
    assert len(gdelt) == total and all(len(line.split("\t")) == 61 for line in gdelt)
    plover = client.get("/api/export", params={"format": "plover", "recipient": "GBR"}).text.splitlines()
    assert plover and all(json.loads(line)["recipient"][0]["code"] == "GBR" for line in plover)


@pytest.mark.parametrize("path, params, status", [
    ("/api/events", {"actor": "CHINA"}, 422),
    ("/api/events", {"quad_class": 7}, 422),
    ("/api/events", {"order": "id; DROP TABLE events"}, 422),
    ("/api/events", {"factuality": "maybe"}, 422),
    ("/api/events", {"location_country": "Vietnam"}, 422),
    ("/api/events/not-an-id!", {}, 404),
    ("/api/events/0123456789abcdef", {}, 404),
    ("/api/timeline", {"by": "fortnight"}, 422),
    ("/api/export", {"format": "xlsx"}, 422),
    ("/api/events", {"text": " ".join(f"word{i}" for i in range(17))}, 400),  # at most 16 different words
    ("/static/../../store.py", {}, 404),
    ("/static/%2e%2e/%2e%2e/store.py", {}, 404),
])
def test_bad_requests_get_json_errors(client, path, params, status):
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert "error" in answer.json() and "Traceback" not in answer.text


def test_text_filter_is_a_parameter_not_sql(client):
    answer = client.get("/api/events", params={"text": "'; DROP TABLE events; --"})
    assert answer.status_code == 200 and answer.json()["total"] == 0
    assert client.get("/api/facets").json()["events"] > 100


def test_openapi_schema_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/timeline", "/api/network", "/api/places",
            "/api/export", "/api/dyads", "/api/facets", "/api/quotes"} <= set(paths)


def test_a_writer_gets_in_once_the_explorer_is_idle(demo_db, client):
    before = Store(demo_db).query("SELECT count(*) FROM events")[1]
    client.get("/api/events")
    script = (f"from tidings.store import Store; s = Store({demo_db!r}, lock_wait=30)\n"
              "with s.writer() as con: con.execute('SELECT 1')\nprint('wrote')")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "wrote", result.stderr
    assert time.monotonic() - started < 20  # the explorer let go of the file after its idle time
    assert Store(demo_db).query("SELECT count(*) FROM events")[1] == before
    assert client.get("/api/events").status_code == 200  # and opens it again on the next request


# ---- schema 3: event locations and dates ----------------------------------------------------------

@pytest.fixture(scope="module")
def located(tmp_path_factory) -> TestClient:
    from located import located_articles

    path = str(tmp_path_factory.mktemp("located") / "located.duckdb")
    ingest(located_articles(), Store(path), None)
    return TestClient(create_app(path))


def test_places_put_located_events_where_they_happened_and_the_rest_at_capitals(located):
    rows = located.get("/api/places").json()["rows"]
    by_place = {(r["place"], r["source"]): r for r in rows}
    assert by_place[("Hanoi", "event location")]["country"] == "VNM"
    assert by_place[("Hanoi", "event location")]["location_source"] == "clause"
    assert by_place[("Kharkiv", "event location")]["location_source"] == "sentence"
    assert by_place[("Tokyo", "actor country (capital)")]["events"] == 1
    assert by_place[("Tokyo", "actor country (capital)")]["location_source"] is None
    assert sum(r["events"] for r in rows) == located.get("/api/facets").json()["events"]
    only = located.get("/api/places", params={"location_country": "chn"}).json()["rows"]
    assert [(r["place"], r["events"]) for r in only] == [("Beijing", 1)]


def test_location_country_filter_and_facet(located):
    page = located.get("/api/events", params={"location_country": "vnm"}).json()
    assert page["total"] == 1 and page["rows"][0]["location_name"] == "Hanoi"
    assert page["rows"][0]["num_articles"] == 2
    assert located.get("/api/facets").json()["location_countries"] == ["CHN", "UKR", "USA", "VNM"]
    assert located.get("/api/timeline", params={"location_country": "UKR", "by": "year"}).json()["rows"][0]["events"] == 1
    csv_rows = list(csv.DictReader(io.StringIO(
        located.get("/api/export", params={"format": "csv", "location_country": "UKR"}).text)))
    assert [r["location_name"] for r in csv_rows] == ["Kharkiv"]
    gdelt = located.get("/api/export", params={"format": "gdelt", "location_country": "UKR"}).text.split("\t")
    assert gdelt[51:53] == ["4", "Kharkiv, Ukraine"]  # ActionGeo_Type, ActionGeo_FullName


def test_detail_shows_where_and_when_with_the_evidence(located):
    row = located.get("/api/events", params={"location_country": "UKR"}).json()["rows"][0]
    detail = located.get(f"/api/events/{row['id']}").json()
    assert detail["location"] == {"name": "Kharkiv", "country": "UKR", "fips": "UP", "admin1": "07", "lat": 49.98081,
                                  "lon": 36.25272, "geonameid": 706483, "feature": "city", "source": "sentence"}
    assert (detail["date"], detail["date_precision"], detail["date_source"]) == ("2022-03-04", "day", "expression")
    mention = detail["mentions"][0]
    assert mention["date"]["text"] == "on Friday" and mention["date"]["value"] == "2022-03-04"
    assert mention["location"]["text"] == "Kharkiv" and mention["location"]["source"] == "sentence"
    text = mention["sentence_text"]
    marks = {h["role"]: h for h in mention["highlights"]}
    assert text[marks["time"]["start"]:marks["time"]["end"]] == "on Friday"
    assert text[marks["place"]["start"]:marks["place"]["end"]] == "Kharkiv" and marks["place"]["country"] == "UKR"
    japan = located.get("/api/events", params={"actor": "JPN"}).json()["rows"][0]
    detail = located.get(f"/api/events/{japan['id']}").json()
    assert detail["location"] is None and detail["mentions"][0]["location"] is None
    assert detail["mentions"][0]["date"]["source"] == "publication"
    assert {h["role"] for h in detail["mentions"][0]["highlights"]} == {"actor", "recipient", "trigger"}
