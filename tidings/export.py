"""Export stage: write the events of a store in formats other tools read.

Formats (``export(store, fmt, out, where)``):

    gdelt           GDELT 2.0 Event table: 61 tab-separated columns, no header, one row
                    per merged event (column list: GDELT 2.0 Event Codebook)
    gdelt-mentions  GDELT 2.0 Mentions table: 16 tab-separated columns, no header, one row
                    per mention (an event found in one article sentence)
    plover          JSON Lines, one PLOVER record per merged event (field names: the PLOVER
                    manual's "Data Fields" chapter, plus named tidings fields)
    parquet         the events table plus first-mention sentence, factuality cue and
                    attribution as a Hive-partitioned Parquet dataset
                    ``out/year=YYYY/month=M/*.parquet``
    csv             the same columns as ``parquet``, with a header row

``where`` is an SQL boolean expression over the columns of the ``events`` table
(``DESCRIBE events``), e.g. ``actor_country = 'CHN' AND date >= '2019-01-01'``;
mentions are exported when their event passes it. Rows stream from DuckDB in
batches, unsorted (in store order), so memory stays flat however large the store.

Choices where the store lacks what a format expects:

* No tone model: GDELT ``AvgTone`` and ``MentionDocTone`` are left empty (null), not 0,
  which would claim a neutral tone.
* Places: ``ActionGeo_*`` is the merged event's location (``events.location_*``: from its
  clause, else its sentence, else its article; see :mod:`tidings.corpus`). ``Type`` is GDELT's
  1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1); ``FullName`` is
  "place, country" (the country alone for a country); ``CountryCode`` FIPS 10-4;
  ``ADM1Code`` FIPS country code + GeoNames admin1 code (``CH22``; the FIPS code alone for a
  country); ``ADM2Code`` empty; ``FeatureID`` the GeoNames id (GDELT uses GNS ids, which GeoNames
  does not carry) or, for a country, its FIPS code as GDELT does. An event with no location
  has ``ActionGeo_Type`` 0 and empty cells. ``Actor1Geo_*``/``Actor2Geo_*`` stay type 0 and
  empty: tidings does not locate actors, and an event's place is not where its actors are based.
* Dates: ``Day`` (SQLDATE) is the event date: the first day of the period the text gives
  ("last week" → its Monday, "in March" → March 1) or the publication date. PLOVER ``date``
  stays a YYYY-MM-DD string as the manual asks; ``date_info`` adds ``{value, precision, source,
  start, end, text}`` of the event's first mention (precision ``day|week|month|year|unknown``,
  source ``expression|publication|unknown``; offsets into the article of the time expression).
  PLOVER ``location`` is ``{text, start, end, name, country, fips, admin1, lat, lon, geonameid,
  feature, confidence, source}`` of the mention that placed the event, or null; each entry of
  ``mentions`` carries its own ``date`` ``{value, precision, source}`` and ``location``
  ``{name, country, source}`` (or null). CSV and Parquet carry the events table's
  ``location_*`` (name, country ISO3, fips, lat, lon, geonameid, admin1, feature, source,
  mention id), ``date_precision`` and ``date_source`` columns, plus the first mention's
  ``date_value`` (as the text gave it: ``2019-W08``) and the placing mention's
  ``location_text``, ``location_start``, ``location_end`` and ``location_article_id``.
* An event with no date takes the date it was added to the store (GDELT needs a Day,
  PLOVER a date); ``DATEADDED``/``coded_date`` always come from ``date_added``.
* ``FractionDate`` follows GDELT's 30-day-month formula: year + ((month-1)*30 + day)/365.
* Actor codes: a country actor is CAMEO-style ``<country><sector>`` (``CHNGOV``) with the
  country code (ISO3) in ``*CountryCode``. An organisation from ``igos.tsv`` has no
  country: its code goes in ``*KnownGroupCode`` and the actor code is ``IGO``/``NGO``
  plus that code (``IGOUNO``); the EU, ``EUR`` in tidings, is CAMEO's ``IGOEUREEC`` /
  ``EEC`` (``EUR`` is Europe in CAMEO). ``*Type1Code`` is the kind (``IGO``) for
  organisations, else the sector; ``*Type2Code`` an organisation member's sector.
* ``MentionType`` is 1 (web) when the mention has an http(s) URL, else 2 (citation only)
  with the file name or article id as ``MentionIdentifier``. ``MentionTimeDate`` is when
  the article was added to the store. ``InRawText`` is 1 when the actor, recipient and
  trigger all lie in the event's own sentence. ``SentenceID`` counts from 1 (the headline).
* PLOVER: actor/recipient entities come from the event's first mention; ``identifier_id``
  is the tidings KB id (``kb:igo:UNO``), not a Wikidata id; ``text_info.sequence`` and
  ``mentions[].sentence`` are the store's sentence index (0 = the headline).
* Factuality and attribution: ``factuality`` is the merged event's (``asserted`` when any
  mention asserts it, else the most common value). In PLOVER, ``factuality_cue``
  (``{text, start, end}``, offsets into the article) and ``attribution`` (the chain of
  ``{role, text, start, end, country, name}``, nearest speaker first, then the outlets
  that relayed it) belong to the first mention, the sentence in ``text``; every entry of
  ``mentions`` carries its own ``factuality``, ``factuality_cue`` and ``attribution``.
  CSV and Parquet add the first mention's ``factuality_cue`` (the words), ``attributed_to``
  (the farthest outlet, else the speaker) and ``attribution`` (the chain as JSON). GDELT
  has no column for any of this, and keeps its 61 (and 16) columns.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import duckdb

from .datafiles import data_path, read_table
from .errors import ConfigError
from .store import EVENT_SELECT, SCHEMA_VERSION, Store, StoreError

BATCH_ROWS = 2000
PLOVER_CODEBOOK = "plover-base-2.0"  # the manual's DRAFT Version 2.0 (openeventdata/PLOVER 5e0c24f)
CAMEO_GROUPS = {"EUR": ("IGOEUREEC", "EEC")}  # tidings code -> (CAMEO actor code, known-group code)

GDELT_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                      "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
GDELT_EVENT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in GDELT_ACTOR_FIELDS]
    + [f"Actor2{f}" for f in GDELT_ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in GDELT_GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
GDELT_MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
MENTION_WEB, MENTION_CITATION = 1, 2


# ---- entry point -------------------------------------------------------------------------------

def export(store: Store, fmt: str, out: str | None, where: str | None = None) -> int:
    """Write the store's events (those passing ``where``) as ``fmt`` to ``out``; return rows written.

    ``out=None`` writes text formats to stdout; ``parquet`` needs an output folder.
    """
    if fmt not in WRITERS and fmt != "parquet":
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not out:
        raise ConfigError("parquet export needs an output folder (--out DIR)")
    with store.reader(files=fmt == "parquet") as con:
        events = filtered_events(con, where)
        try:
            if fmt == "parquet":
                return write_parquet(con, events, out or "")
            with _text_output(out) as stream:
                return WRITERS[fmt](con, events, stream)
        except duckdb.Error as exc:
            raise StoreError(f"{fmt} export failed: {_first_line(exc)}") from None


def export_selection(store: Store, fmt: str, stream: IO[str], where: str, params: list[Any]) -> int:
    """Write the events selected by a checked, parameterised condition (the web page's filters)."""
    if fmt not in WRITERS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    with store.reader() as con:
        con.execute(f"CREATE TEMP TABLE selection AS SELECT {EVENT_SELECT} FROM events WHERE {where}", params)
        try:
            return WRITERS[fmt](con, "SELECT * FROM selection", stream)
        except duckdb.Error as exc:
            raise StoreError(f"{fmt} export failed: {_first_line(exc)}") from None


def filtered_events(con: duckdb.DuckDBPyConnection, where: str | None) -> str:
    """SQL selecting the events that pass ``where``; a bad expression is a StoreError."""
    if not where or not where.strip():
        return f"SELECT {EVENT_SELECT} FROM events"
    condition = f"({where}\n)"  # the line break ends a trailing -- comment
    probe = f"DESCRIBE SELECT {condition} AS passes FROM events"
    try:
        if len(con.extract_statements(probe)) != 1:
            raise StoreError(f"where condition {where!r}: give one boolean expression, not several statements")
        kind = con.execute(probe).fetchall()[0][1]
    except duckdb.Error as exc:
        raise StoreError(f"where condition {where!r} does not fit the events table: {_first_line(exc)}") from None
    if kind != "BOOLEAN":
        raise StoreError(f"where condition {where!r} gives {kind} values, not true/false; compare it with something")
    return f"SELECT {EVENT_SELECT} FROM events WHERE {condition}"


@contextlib.contextmanager
def _text_output(out: str | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as exc:
        raise ConfigError(f"{out}: cannot write the export: {exc.strerror or exc}") from None


def stream_rows(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    """Rows of a query as dicts, fetched a batch at a time."""
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(BATCH_ROWS):
        for row in batch:
            yield dict(zip(names, row))


# ---- GDELT 2.0 events --------------------------------------------------------------------------

def write_gdelt(con: duckdb.DuckDBPyConnection, events: str, stream: IO[str]) -> int:
    """GDELT 2.0 Event rows: 61 tab-separated cells, no header."""
    count = 0
    for event in stream_rows(con, events):
        stream.write("\t".join(gdelt_event_row(event)) + "\n")
        count += 1
    return count


def gdelt_event_row(e: dict[str, Any]) -> list[str]:
    day = event_day(e)
    cameo = e["cameo"] or ""
    row = [str(global_event_id(e["id"])), f"{day:%Y%m%d}", f"{day:%Y%m}", str(day.year), fraction_date(day)]
    row += gdelt_actor(e["actor_country"], e["actor_sector"], e["actor_name"])
    row += gdelt_actor(e["recipient_country"], e["recipient_sector"], e["recipient_name"])
    row += [_flag(e["is_root"]), cameo, cameo[:3], cameo[:2], _cell(e["quad_class"]), _number(e["goldstein"]),
            _cell(e["num_mentions"]), _cell(e["num_sources"]), _cell(e["num_articles"]), ""]  # AvgTone: no tone model
    for prefix in ("actor_location", "recipient_location", "location"):
        row += geo_cells(e, prefix)
    row += [gdelt_timestamp(e["date_added"]), _cell(e["source_url"])]
    return row


def global_event_id(event_id: str) -> int:
    """A positive 60-bit integer from the hex event id (stable across exports)."""
    return int(event_id[:15], 16)


def event_day(e: dict[str, Any]) -> dt.date:
    if e.get("date"):
        return e["date"]
    added = e.get("date_added")
    return added.date() if added else dt.date.today()


def fraction_date(day: dt.date) -> str:
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def gdelt_timestamp(value: dt.datetime | None) -> str:
    return f"{value:%Y%m%d%H%M%S}" if value else ""


def gdelt_actor(country: str | None, sector: str | None, name: str | None) -> list[str]:
    """The ten Actor cells: Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1/2, Type1-3."""
    if not country and not sector:
        return [""] * len(GDELT_ACTOR_FIELDS)
    kind = organisation_kinds().get(country or "")
    sectors = [s for s in _sector_codes(sector) if s != kind]
    if kind:
        code, group = CAMEO_GROUPS.get(country or "", (kind + (country or ""), country or ""))
        types = [kind, *sectors]
        return [code, _text(name), "", group, "", "", "", *_three(types)]
    return [(country or "") + "".join(sectors), _text(name), country or "", "", "", "", "", *_three(sectors)]


def _sector_codes(sector: str | None) -> list[str]:
    return [sector[i:i + 3] for i in range(0, len(sector or ""), 3)] if sector else []


def _three(codes: list[str]) -> list[str]:
    return (codes + ["", "", ""])[:3]


def geo_cells(e: dict[str, Any], prefix: str) -> list[str]:
    """The eight Geo cells of the place in the ``<prefix>_*`` columns (``name``, ``country`` ISO3, ``fips``,
    ``admin1``, ``lat``, ``lon``, ``geonameid``, ``feature``); type 0 and blanks when there is none."""
    lat, lon = e.get(f"{prefix}_lat"), e.get(f"{prefix}_lon")
    name = e.get(f"{prefix}_name")
    if lat is None or lon is None or not name:
        return ["0"] + [""] * (len(GDELT_GEO_FIELDS) - 1)
    country = e.get(f"{prefix}_country") or ""
    fips = e.get(f"{prefix}_fips") or country_fips().get(country, "")
    feature = e.get(f"{prefix}_feature")
    admin1 = e.get(f"{prefix}_admin1")
    us = fips == "US"
    if feature == "country":
        kind, full, adm1, feature_id = GEO_COUNTRY, country_names().get(country, name), fips, fips
    else:
        kind = (GEO_US_STATE if us else GEO_WORLD_STATE) if feature in ("admin1", "area") else (GEO_US_CITY if us else GEO_WORLD_CITY)
        nation = country_names().get(country)
        full = f"{name}, {nation}" if nation and nation != name else name
        adm1 = f"{fips}{admin1}" if admin1 and fips else fips
        feature_id = _cell(e.get(f"{prefix}_geonameid"))
    return [str(kind), _text(full), fips, adm1, "", f"{lat:g}", f"{lon:g}", feature_id]


@lru_cache(maxsize=1)
def organisation_kinds() -> dict[str, str]:
    """IGO/NGO code -> its kind (``IGO`` or ``NGO``), from ``igos.tsv``."""
    return {row["code"]: row["sector"] or "IGO" for row in read_table(data_path("igos.tsv")).rows}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> common English short name, from ``countries.tsv``."""
    return {row["iso3"]: row["name"] for row in read_table(data_path("countries.tsv")).rows}


@lru_cache(maxsize=1)
def country_fips() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code, from ``countries.tsv``."""
    return {row["iso3"]: row["fips"] for row in read_table(data_path("countries.tsv")).rows if row["fips"]}


# ---- GDELT 2.0 mentions ------------------------------------------------------------------------

MENTIONS_SQL = """
WITH ev AS NOT MATERIALIZED ({events})
SELECT m.event_id, ev.date, ev.date_added AS event_added, a.added_at AS mention_added,
       m.url, m.outlet, m.article_id, m.sentence, m.sentence_start, m.sentence_end,
       m.trigger_start, m.trigger_end, m.confidence, length(a.text) AS doc_len,
       act.char_start AS actor_start, act.char_end AS actor_end,
       rec.char_start AS recipient_start, rec.char_end AS recipient_end
FROM mentions m
JOIN ev ON ev.id = m.event_id
LEFT JOIN articles a ON a.id = m.article_id
LEFT JOIN event_actors act ON act.mention_id = m.id AND act.role = 'actor' AND act.position = 0
LEFT JOIN event_actors rec ON rec.mention_id = m.id AND rec.role = 'recipient' AND rec.position = 0
"""


def write_gdelt_mentions(con: duckdb.DuckDBPyConnection, events: str, stream: IO[str]) -> int:
    """GDELT 2.0 Mentions rows: 16 tab-separated cells, no header."""
    count = 0
    for mention in stream_rows(con, MENTIONS_SQL.format(events=events)):
        stream.write("\t".join(gdelt_mention_row(mention)) + "\n")
        count += 1
    return count


def gdelt_mention_row(m: dict[str, Any]) -> list[str]:
    url = m["url"] or ""
    web = url.startswith(("http://", "https://"))
    return [
        str(global_event_id(m["event_id"])), gdelt_timestamp(m["event_added"]),
        gdelt_timestamp(m["mention_added"] or m["event_added"]),
        str(MENTION_WEB if web else MENTION_CITATION), _text(m["outlet"]), _text(url or m["article_id"]),
        str((m["sentence"] or 0) + 1), _offset(m["actor_start"]), _offset(m["recipient_start"]),
        _offset(m["trigger_start"]), _flag(in_sentence(m)), str(confidence_percent(m["confidence"])),
        _cell(m["doc_len"]), "", "", "",  # MentionDocTone (no tone model), TranslationInfo (English), Extras
    ]


def in_sentence(m: dict[str, Any]) -> bool:
    """Do the actor, recipient and trigger spans all lie inside the mention's sentence?"""
    lo, hi = m["sentence_start"], m["sentence_end"]
    if lo is None or hi is None:
        return False
    spans = [(m["trigger_start"], m["trigger_end"]), (m["actor_start"], m["actor_end"]),
             (m["recipient_start"], m["recipient_end"])]
    return all(start is None or (lo <= start and (end or start) <= hi) for start, end in spans)


def confidence_percent(value: float | None) -> int:
    return max(0, min(100, round((value if value is not None else 1.0) * 100)))


def _offset(value: int | None) -> str:
    return str(value) if value is not None else "-1"


# ---- PLOVER JSON lines -------------------------------------------------------------------------

PLOVER_SQL = """
WITH ev AS NOT MATERIALIZED ({events}),
entities AS (
    SELECT mention_id, role,
           list({{'code': country, 'sector': sector, 'entity_text': text, 'identifier_id': kb_id,
                  'identifier_text': name, 'start': char_start, 'end': char_end}} ORDER BY position) AS items
    FROM event_actors WHERE mention_id IN (SELECT first_mention_id FROM ev)
    GROUP BY mention_id, role),
evidence AS (
    SELECT event_id, list({{'article_id': article_id, 'sentence': sentence, 'url': url, 'factuality': factuality,
                           'cue_text': factuality_cue, 'cue_start': factuality_cue_start,
                           'cue_end': factuality_cue_end, 'attribution': attribution,
                           'date': coalesce(date_value, CAST(date AS VARCHAR)), 'date_precision': date_precision,
                           'date_source': date_source, 'location_name': location_name,
                           'location_country': location_country, 'location_source': location_source}}
                          ORDER BY date NULLS LAST, article_id, sentence) AS items
    FROM mentions WHERE event_id IN (SELECT id FROM ev)
    GROUP BY event_id)
SELECT ev.*, m.trigger_text, m.sentence, m.sentence_start, m.sentence_end, m.url,
       m.factuality_cue AS cue_text, m.factuality_cue_start AS cue_start, m.factuality_cue_end AS cue_end,
       m.attribution AS attribution_json,
       coalesce(m.date_value, CAST(m.date AS VARCHAR)) AS m_date_value, m.date_precision AS m_date_precision,
       m.date_source AS m_date_source, m.date_start AS m_date_start, m.date_end AS m_date_end,
       CASE WHEN m.date_start IS NOT NULL THEN substr(a.text, m.date_start + 1, m.date_end - m.date_start)
       END AS m_date_text,
       {{'text': lm.location_text, 'start': lm.location_start, 'end': lm.location_end, 'name': lm.location_name,
         'country': lm.location_country, 'fips': lm.location_fips, 'admin1': lm.location_admin1,
         'lat': lm.location_lat, 'lon': lm.location_lon, 'geonameid': lm.location_geonameid,
         'feature': lm.location_feature, 'confidence': lm.location_confidence,
         'source': lm.location_source}} AS location_struct,
       coalesce(a.outlet, m.outlet) AS publication, a.title, s.text AS sentence_text,
       act.items AS actors, rec.items AS recipients, evidence.items AS evidence
FROM ev
LEFT JOIN mentions m ON m.id = ev.first_mention_id
LEFT JOIN mentions lm ON lm.id = ev.location_mention_id
LEFT JOIN articles a ON a.id = m.article_id
LEFT JOIN sentences s ON s.article_id = m.article_id AND s.sentence = m.sentence
LEFT JOIN entities act ON act.mention_id = ev.first_mention_id AND act.role = 'actor'
LEFT JOIN entities rec ON rec.mention_id = ev.first_mention_id AND rec.role = 'recipient'
LEFT JOIN evidence ON evidence.event_id = ev.id
"""


def write_plover(con: duckdb.DuckDBPyConnection, events: str, stream: IO[str]) -> int:
    """One PLOVER JSON record per line."""
    count = 0
    for event in stream_rows(con, PLOVER_SQL.format(events=events)):
        stream.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    added = e["date_added"]
    return {
        "id": e["id"],
        "date": event_day(e).isoformat(),
        "actor": e["actors"] or [],
        "recipient": e["recipients"] or [],
        "event": [e["event_type"]],
        "mode": [e["mode"]] if e["mode"] else [],
        "quad_code": e["quad_class"],
        "event_scale": e["goldstein"],
        "event_text": [e["trigger_text"]] if e["trigger_text"] else [],
        "text": e["sentence_text"],
        "text_info": {"sequence": e["sentence"], "start": e["sentence_start"], "end": e["sentence_end"]},
        "cite_info": {"url": e["url"], "title": e["title"], "publication": e["publication"],
                      "coder": e["coder_version"], "codebook": PLOVER_CODEBOOK,
                      "version": f"tidings-store-{SCHEMA_VERSION}"},
        "coder": e["coder_version"],
        "coded_date": added.date().isoformat() if added else None,
        # named tidings fields (the manual lets providers add their own)
        "date_info": {"value": e["m_date_value"], "precision": e["m_date_precision"] or "unknown",
                      "source": e["m_date_source"] or "unknown", "start": e["m_date_start"], "end": e["m_date_end"],
                      "text": e["m_date_text"]},
        "location": e["location_struct"] if e["location_mention_id"] else None,
        "factuality": e["factuality"],
        "factuality_cue": _cue(e),
        "attribution": _chain(e["attribution_json"]),
        "confidence": e["confidence"],
        "cameo": e["cameo"],
        "num_mentions": e["num_mentions"],
        "num_sources": e["num_sources"],
        "num_articles": e["num_articles"],
        "num_stories": e["num_stories"],
        "kb_version": e["kb_version"],
        "mentions": [_evidence(m) for m in e["evidence"] or []],
    }


def _cue(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["cue_text"] is None:
        return None
    return {"text": row["cue_text"], "start": row["cue_start"], "end": row["cue_end"]}


def _chain(attribution: str | None) -> list[dict[str, Any]]:
    return json.loads(attribution) if attribution else []


def _evidence(mention: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": mention["article_id"], "sentence": mention["sentence"], "url": mention["url"],
            "factuality": mention["factuality"], "factuality_cue": _cue(mention),
            "attribution": _chain(mention["attribution"]),
            "date": {"value": mention["date"], "precision": mention["date_precision"] or "unknown",
                     "source": mention["date_source"] or "unknown"},
            "location": None if mention["location_name"] is None else {
                "name": mention["location_name"], "country": mention["location_country"],
                "source": mention["location_source"]}}


# ---- tables: Parquet and CSV ------------------------------------------------------------------

FLAT_SQL = """
WITH ev AS NOT MATERIALIZED ({events})
SELECT ev.*, m.article_id, m.trigger_text, s.text AS sentence_text,
       m.factuality_cue, m.attributed_to, m.attribution,
       coalesce(m.date_value, CAST(m.date AS VARCHAR)) AS date_value,
       lm.location_text, lm.location_start, lm.location_end, lm.article_id AS location_article_id{extra}
FROM ev
LEFT JOIN mentions m ON m.id = ev.first_mention_id
LEFT JOIN mentions lm ON lm.id = ev.location_mention_id
LEFT JOIN sentences s ON s.article_id = m.article_id AND s.sentence = m.sentence
"""
PARTITION_COLUMNS = (", year(coalesce(ev.date, CAST(ev.date_added AS DATE))) AS year"
                     ", month(coalesce(ev.date, CAST(ev.date_added AS DATE))) AS month")


def write_parquet(con: duckdb.DuckDBPyConnection, events: str, out: str) -> int:
    """The events (plus first-mention sentence) as Parquet under ``out``, partitioned by year and month."""
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(f"{out}: parquet export needs a new or empty folder")
    sql = FLAT_SQL.format(events=events, extra=PARTITION_COLUMNS)
    target = str(folder).replace("'", "''")
    row = con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet, PARTITION_BY (year, month))").fetchone()
    return int(row[0]) if row else 0


def write_csv(con: duckdb.DuckDBPyConnection, events: str, stream: IO[str]) -> int:
    """The events (plus first-mention sentence) as CSV with a header row."""
    cursor = con.execute(FLAT_SQL.format(events=events, extra=""))
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([d[0] for d in cursor.description])
    count = 0
    while batch := cursor.fetchmany(BATCH_ROWS):
        writer.writerows([[_csv_cell(v) for v in row] for row in batch])
        count += len(batch)
    return count


# ---- cells -------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    return "" if value is None else _text(str(value))


def _text(value: str | None) -> str:
    """A cell of a tab-separated row: no tabs or line breaks inside."""
    return " ".join((value or "").split("\t")).replace("\r", " ").replace("\n", " ")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]


def _flag(value: Any) -> str:
    return "1" if value else "0"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else value


Writer = Callable[[duckdb.DuckDBPyConnection, str, IO[str]], int]
WRITERS: dict[str, Writer] = {
    "gdelt": write_gdelt,
    "gdelt-mentions": write_gdelt_mentions,
    "plover": write_plover,
    "csv": write_csv,
}
FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv")
