"""Questions analysts ask of a store: dyads over time, top actors, the actor network.

Every function reads merged events (``events``), so a story reported by five
outlets counts once. Filters are passed as query parameters, never pasted into
SQL; ``by`` and ``fmt`` are checked against fixed lists.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Callable

import pyarrow as pa

from . import search
from .errors import ConfigError
from .records import FACTUALITIES
from .store import EVENT_SELECT, Store

PERIODS = ("day", "week", "month", "year")


@dataclass
class Table:
    """Rows with their column names; big results stay columnar (``arrow``) until rows are asked for."""

    columns: list[str]
    _rows: list[tuple] | None = None
    arrow: pa.Table | None = None

    @property
    def rows(self) -> list[tuple]:
        if self._rows is None:
            self._rows = list(zip(*(column.to_pylist() for column in self.arrow.columns))) if self.arrow else []
        return self._rows

    def __len__(self) -> int:
        return self.arrow.num_rows if self._rows is None and self.arrow is not None else len(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# filters a caller may set on the events table: name -> SQL with one parameter, or (the text filter,
# whose SQL depends on how many words it has) a function of the value giving SQL and parameters
EVENT_FILTERS: dict[str, str | Callable[[str], tuple[str, list]]] = {
    "date_from": "date >= ?", "date_to": "date <= ?",
    "actor": "actor_country = ?", "recipient": "recipient_country = ?",
    "actor_sector": "actor_sector = ?", "recipient_sector": "recipient_sector = ?",
    "event_type": "event_type = ?", "cameo": "cameo = ?", "quad_class": "quad_class = ?",
    "factuality": "factuality = ?", "location_country": "location_country = ?",
    "outlet": "event_key IN (SELECT event_key FROM mentions WHERE outlet = ?)",
    "attributed": "event_key IN (SELECT event_key FROM mentions WHERE attributed_to = ?)",
    "text": search.text_filter,  # every word of the value in one sentence reporting the event
}
# filters answered from the mentions, not the events row (events_view finds their ids once)
MENTION_FILTERS = ("outlet", "attributed", "text")
EVENT_ORDERS = ("date", "goldstein", "num_mentions", "num_sources", "event_type", "actor_country", "recipient_country")


def events_page(store: Store, filters: dict[str, Any] | None = None, order: str = "date", descending: bool = True,
                limit: int = 50, offset: int = 0) -> Table:
    """One page of merged events matching the filters (names from :data:`EVENT_FILTERS`)."""
    sql, params = _page_sql(filters or {}, order, descending, limit, offset, total=False)
    columns, rows = store.query(sql, params)
    return Table(columns, rows)


def events_view(store: Store, filters: dict[str, Any] | None = None, order: str = "date", descending: bool = True,
                limit: int = 50, offset: int = 0) -> tuple[Table, int]:
    """A page of events and how many match in all: what the explorer's table shows.

    A filter that looks into the mentions (outlet, attributed to, text) is costly to evaluate,
    so the matching ids are found once for both the page and the count; for the others two
    plain queries are quicker (on 1M events, an outlet page with its count: 172 -> 96 ms).
    """
    filters = filters or {}
    if not any(filters.get(name) not in (None, "") for name in MENTION_FILTERS):
        return events_page(store, filters, order, descending, limit, offset), count_events(store, filters)
    sql, params = _page_sql(filters, order, descending, limit, offset, total=True)
    columns, rows = store.query(sql, params)
    total = rows[0][-1] if rows else count_events(store, filters)
    return Table(columns[:-1], [row[:-1] for row in rows]), int(total)


def _page_sql(filters: dict[str, Any], order: str, descending: bool, limit: int, offset: int,
              total: bool) -> tuple[str, list[Any]]:
    where, params = event_filter(filters)
    if order not in EVENT_ORDERS:
        raise ConfigError(f"cannot sort by {order!r}; choose one of {', '.join(EVENT_ORDERS)}")
    # ties go by the 64-bit event key, not the id string: sorting reads the tie-break column, and 1M
    # integers cost less than 1M strings (1M events, no filter: held p50 79 -> 45 ms, per call 204 -> 192 ms;
    # filtered pages unchanged; docs/benchmarks.md)
    ordering = f"ORDER BY {order} {'DESC' if descending else 'ASC'} NULLS LAST, event_key"
    window = f"LIMIT {max(1, min(int(limit), 1000))} OFFSET {max(0, int(offset))}"
    # the page's rows are found reading only the filter and sort columns; the other columns are read
    # for those rows alone, fetched by row id (on 1M events, each call opening the file: an outlet page
    # 245 ms with one plain query, 213 ms through the ids, 165 ms through the row ids)
    if not total:
        return (f"WITH page AS (SELECT rowid AS row FROM events WHERE {where} {ordering} {window}) "
                f"SELECT {EVENT_SELECT} FROM events WHERE rowid IN (SELECT row FROM page) {ordering}"), params
    return (f"WITH hits AS MATERIALIZED (SELECT id, event_key, {order} FROM events WHERE {where}), "
            f"page AS (SELECT id FROM hits {ordering} {window}) "
            f"SELECT {EVENT_SELECT}, (SELECT count(*) FROM hits) AS total FROM events "
            f"WHERE id IN (SELECT id FROM page) {ordering}"), params


def event_filter(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause (fixed SQL per known filter) and its parameters; unknown filters are an error."""
    clauses, params = ["TRUE"], []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        if name not in EVENT_FILTERS:
            raise ConfigError(f"unknown filter {name!r}; known filters: {', '.join(EVENT_FILTERS)}")
        sql = EVENT_FILTERS[name]
        if callable(sql):
            sql, values = sql(str(value))
        else:
            values = [value.upper() if name in ("actor", "recipient", "location_country") else value]
        clauses.append(sql)
        params += values
    return " AND ".join(clauses), params


def query(store: Store, sql: str) -> Table:
    """Run one read-only SQL statement."""
    columns, rows = store.query(sql)
    return Table(columns, rows)


def dyads(store: Store, by: str = "month", actor: str | None = None, recipient: str | None = None,
          limit: int | None = None) -> Table:
    """Events per period and (actor country, recipient country): counts by QuadClass, mean Goldstein, sources."""
    if by not in PERIODS:
        raise ConfigError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    filters, params = _country_filters(actor, recipient)
    sql = f"""
        SELECT date_trunc('{by}', date)::DATE AS period, actor_country AS actor, recipient_country AS recipient,
               count(*) AS events,
               count(*) FILTER (quad_class = 1) AS verbal_coop, count(*) FILTER (quad_class = 2) AS material_coop,
               count(*) FILTER (quad_class = 3) AS verbal_conflict, count(*) FILTER (quad_class = 4) AS material_conflict,
               round(avg(goldstein), 2) AS mean_goldstein, sum(num_sources)::BIGINT AS sources,
               sum(num_articles)::BIGINT AS articles
        FROM events WHERE date IS NOT NULL AND actor_country IS NOT NULL {filters}
        GROUP BY ALL ORDER BY period, events DESC, actor, recipient
    """
    if limit:
        sql += f" LIMIT {int(limit)}"
    arrow = store.query_arrow(sql, params)  # a month of dyads over a big store is a big result: keep it columnar
    return Table(arrow.column_names, arrow=arrow)


def top_actors(store: Store, top: int = 20) -> Table:
    """The actors (country + sector) taking part in most events, as actor or recipient."""
    sql = """
        WITH sides AS (
            SELECT actor_country AS country, actor_sector AS sector, 'actor' AS role, goldstein FROM events
            UNION ALL
            SELECT recipient_country, recipient_sector, 'recipient', goldstein FROM events)
        SELECT country, sector, count(*) AS events, count(*) FILTER (role = 'actor') AS as_actor,
               count(*) FILTER (role = 'recipient') AS as_recipient, round(avg(goldstein), 2) AS mean_goldstein
        FROM sides WHERE country IS NOT NULL
        GROUP BY country, sector ORDER BY events DESC, country, sector LIMIT ?
    """
    columns, rows = store.query(sql, [int(top)])
    return Table(columns, rows)


def network_edges(store: Store, min_events: int = 1, filters: dict[str, Any] | None = None,
                  limit: int | None = None) -> Table:
    """Directed country-to-country edges: event count and mean Goldstein."""
    where, params = event_filter(filters or {})
    sql = f"""
        SELECT actor_country AS source, recipient_country AS target, count(*) AS weight,
               round(avg(goldstein), 3) AS mean_goldstein, sum(num_sources)::BIGINT AS sources
        FROM events
        WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND actor_country <> recipient_country
          AND {where}
        GROUP BY ALL HAVING count(*) >= ? ORDER BY weight DESC, source, target
    """
    if limit:
        sql += f" LIMIT {int(limit)}"
    columns, rows = store.query(sql, [*params, int(min_events)])
    return Table(columns, rows)


def count_events(store: Store, filters: dict[str, Any] | None = None) -> int:
    """How many merged events match the filters."""
    where, params = event_filter(filters or {})
    return int(store.query(f"SELECT count(*) FROM events WHERE {where}", params)[1][0][0])


def timeline(store: Store, filters: dict[str, Any] | None = None, by: str = "month") -> Table:
    """Events per period, by QuadClass, with mean Goldstein."""
    if by not in PERIODS:
        raise ConfigError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    where, params = event_filter(filters or {})
    sql = f"""
        SELECT date_trunc('{by}', date)::DATE AS period, count(*) AS events,
               count(*) FILTER (quad_class = 1) AS verbal_coop, count(*) FILTER (quad_class = 2) AS material_coop,
               count(*) FILTER (quad_class = 3) AS verbal_conflict, count(*) FILTER (quad_class = 4) AS material_conflict,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE date IS NOT NULL AND {where} GROUP BY ALL ORDER BY period
    """
    columns, rows = store.query(sql, params)
    return Table(columns, rows)


PLACE_SOURCES = {"location": "event location", "capital": "actor country (capital)"}


def places(store: Store, filters: dict[str, Any] | None = None) -> Table:
    """Events per place with mean Goldstein, for the map.

    An event with a geocoded location (``events.location_*``: from the text, its sentence or its
    article) sits there; one without sits at its actor country's capital. The ``source`` column
    says which (:data:`PLACE_SOURCES`), and ``location_source`` how the located events were placed
    (``clause``, ``sentence``, ``article``: the most common among the place's events).
    """
    where, params = event_filter(filters or {})
    located = f"""
        SELECT location_country AS country, location_name AS place, location_lat AS lat, location_lon AS lon,
               count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein, mode(location_source) AS how
        FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY events DESC, place, country
    """
    out = [(c, p, lat, lon, n, g, PLACE_SOURCES["location"], how) for c, p, lat, lon, n, g, how
           in store.query(located, params)[1]]
    unlocated = f"""
        SELECT actor_country AS country, count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE (location_lat IS NULL OR location_lon IS NULL) AND actor_country IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY events DESC, country
    """
    from .gazetteer import country_point

    for country, events, goldstein in store.query(unlocated, params)[1]:
        point = country_point(country)
        if point is not None:
            out.append((country, point.name, point.lat, point.lon, events, goldstein, PLACE_SOURCES["capital"], None))
    return Table(["country", "place", "lat", "lon", "events", "mean_goldstein", "source", "location_source"], out)


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One merged event with every mention: article, sentence, the spans to highlight in it (actors,
    trigger, factuality cue, the time expression that dates it and the toponym that places it, and the
    speaker and outlets of the attribution chain, each when it lies in the sentence), the mention's own
    factuality and cue, date and location, and its attribution chain (nearest first).

    The event itself gains ``location`` (the merged event's, see :mod:`tidings.corpus`; null when none)."""
    columns, rows = store.query(f"SELECT {EVENT_SELECT} FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    event = dict(zip(columns, rows[0]))
    event["location"] = None if event["location_name"] is None else {
        name: event[f"location_{name}"] for name in ("name", "country", "fips", "admin1", "lat", "lon", "geonameid",
                                                     "feature", "source")}
    columns, rows = store.query(f"""
        SELECT m.id, m.article_id, a.title, a.url, a.outlet, a.date AS article_date, a.date_source AS article_date_source,
               a.source, m.sentence,
               m.sentence_start, s.text AS sentence_text, m.trigger_text, m.trigger_start, m.trigger_end,
               m.factuality, m.confidence, m.cameo, m.event_type, m.mode,
               m.factuality_cue AS cue_text, m.factuality_cue_start AS cue_start, m.factuality_cue_end AS cue_end,
               m.attribution AS attribution_json, m.attributed_to,
               coalesce(m.date_value, CAST(m.date AS VARCHAR)) AS date_value, m.date_precision, m.date_source,
               m.date_start, m.date_end,
               CASE WHEN m.date_start IS NOT NULL THEN substr(a.text, m.date_start + 1, m.date_end - m.date_start)
               END AS date_text, {", ".join("m.location_" + f for f in LOCATION_FIELDS)}
        FROM mentions m JOIN articles a ON a.id = m.article_id
        LEFT JOIN sentences s ON s.article_id = m.article_id AND s.sentence = m.sentence
        WHERE m.event_id = ? ORDER BY a.date NULLS LAST, m.article_id, m.sentence""", [event_id])
    mentions = [dict(zip(columns, row)) for row in rows]
    ids = [m["id"] for m in mentions]
    columns, rows = store.query(
        "SELECT mention_id, role, text, char_start, char_end, country, sector, name FROM event_actors "
        "WHERE mention_id IN (SELECT unnest(?)) ORDER BY mention_id, role, position", [ids])
    actors: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        actors.setdefault(row[0], []).append(dict(zip(columns[1:], row[1:])))
    for mention in mentions:
        base = mention["sentence_start"] or 0
        length = len(mention["sentence_text"] or "")
        spans = [{"role": "trigger", "start": mention["trigger_start"] - base, "end": mention["trigger_end"] - base,
                  "text": mention["trigger_text"]}]
        for actor in actors.get(mention["id"], []):
            spans.append({"role": actor["role"], "start": actor["char_start"] - base, "end": actor["char_end"] - base,
                          "text": actor["text"], "country": actor["country"], "sector": actor["sector"],
                          "name": actor["name"]})
        text, start, end = mention.pop("cue_text"), mention.pop("cue_start"), mention.pop("cue_end")
        mention["factuality_cue"] = None if text is None else {"text": text, "start": start, "end": end}
        if text is not None and start is not None:
            spans.append({"role": "cue", "start": start - base, "end": end - base, "text": text,
                          "factuality": mention["factuality"]})
        chain = json.loads(mention.pop("attribution_json") or "[]")  # NULL: stored before schema 2
        mention["attribution"] = chain
        for link in chain:
            if 0 <= link["start"] - base and link["end"] - base <= length:
                spans.append({"role": link["role"], "start": link["start"] - base, "end": link["end"] - base,
                              "text": link["text"], "country": link.get("country"), "name": link.get("name")})
        mention["date"] = {"value": mention.pop("date_value"), "precision": mention.pop("date_precision"),
                           "source": mention.pop("date_source"), "start": mention.pop("date_start"),
                           "end": mention.pop("date_end"), "text": mention.pop("date_text")}
        place = {name: mention.pop(f"location_{name}") for name in LOCATION_FIELDS}
        mention["location"] = place if place["name"] is not None else None
        when = mention["date"]
        if when["start"] is not None and 0 <= when["start"] - base and when["end"] - base <= length:
            spans.append({"role": "time", "start": when["start"] - base, "end": when["end"] - base,
                          "text": when["text"], "value": when["value"], "precision": when["precision"]})
        if place["start"] is not None and 0 <= place["start"] - base and place["end"] - base <= length:
            spans.append({"role": "place", "start": place["start"] - base, "end": place["end"] - base,
                          "text": place["text"], "name": place["name"], "country": place["country"],
                          "source": place["source"]})
        mention["highlights"] = sorted(spans, key=lambda h: h["start"])  # stable: actors win ties with speakers
    event["mentions"] = mentions
    return event


LOCATION_FIELDS = ("text", "start", "end", "name", "country", "fips", "admin1", "lat", "lon", "geonameid", "feature",
                   "confidence", "source")

QUOTE_COLUMNS = ("id, article_id, sentence, kind, text, char_start, char_end, cue, cue_start, cue_end, speaker_text, "
                 "speaker_start, speaker_end, speaker_country, speaker_sector, speaker_name, speaker_kb_id, "
                 "outlets_json")


def article_quotes(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The quotes of one article in text order: content, cue, speaker and the outlets that relayed it."""
    columns, rows = store.query(f"SELECT {QUOTE_COLUMNS} FROM quotes WHERE article_id = ? "
                                "ORDER BY char_start, char_end", [article_id])
    quotes = []
    for row in rows:
        q = dict(zip(columns, row))
        quotes.append({
            "id": q["id"], "article_id": q["article_id"], "sentence": q["sentence"], "kind": q["kind"],
            "text": q["text"], "start": q["char_start"], "end": q["char_end"],
            "cue": None if q["cue"] is None else {"text": q["cue"], "start": q["cue_start"], "end": q["cue_end"]},
            "speaker": None if q["speaker_text"] is None else {
                "text": q["speaker_text"], "start": q["speaker_start"], "end": q["speaker_end"],
                "country": q["speaker_country"], "sector": q["speaker_sector"], "name": q["speaker_name"],
                "kb_id": q["speaker_kb_id"]},
            "outlets": json.loads(q["outlets_json"] or "[]"),
        })
    return quotes


def facets(store: Store) -> dict[str, Any]:
    """What the filters can choose from: date range, types, countries, sectors, factualities (all of them,
    present or not), outlets, and the sources events are most often attributed to."""
    def values(sql: str) -> list:
        return [r[0] for r in store.query(sql)[1]]

    first, last = store.query("SELECT min(date), max(date) FROM events")[1][0]
    return {
        "date_from": first, "date_to": last,
        "event_types": values("SELECT DISTINCT event_type FROM events ORDER BY 1"),
        "countries": values("SELECT country FROM (SELECT actor_country AS country FROM events UNION "
                            "SELECT recipient_country FROM events) WHERE country IS NOT NULL ORDER BY 1"),
        "location_countries": values("SELECT DISTINCT location_country FROM events "
                                     "WHERE location_country IS NOT NULL ORDER BY 1"),
        "sectors": values("SELECT sector FROM (SELECT actor_sector AS sector FROM events UNION "
                          "SELECT recipient_sector FROM events) WHERE sector IS NOT NULL ORDER BY 1"),
        "factualities": [*FACTUALITIES, *(v for v in values(
            "SELECT DISTINCT factuality FROM events WHERE factuality IS NOT NULL ORDER BY 1") if v not in FACTUALITIES)],
        "outlets": values("SELECT outlet FROM mentions WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
                          "LIMIT 200"),
        "attributed": values("SELECT attributed_to FROM mentions WHERE attributed_to IS NOT NULL GROUP BY 1 "
                             "ORDER BY count(*) DESC, 1 LIMIT 200"),
        "events": values("SELECT count(*) FROM events")[0],
    }


def network_graphml(edges: Table) -> str:
    """The edges as GraphML (Gephi, Cytoscape, networkx read it)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    for key, kind in (("weight", "int"), ("mean_goldstein", "double"), ("sources", "int")):
        ET.SubElement(root, f"{{{ns}}}key", {"id": key, "for": "edge", "attr.name": key, "attr.type": kind})
    ET.SubElement(root, f"{{{ns}}}key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"})
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"id": "tidings", "edgedefault": "directed"})
    nodes = sorted({r[0] for r in edges.rows} | {r[1] for r in edges.rows})
    for node in nodes:
        element = ET.SubElement(graph, f"{{{ns}}}node", {"id": node})
        ET.SubElement(element, f"{{{ns}}}data", {"key": "label"}).text = node
    for number, (source, target, weight, goldstein, sources) in enumerate(edges.rows):
        edge = ET.SubElement(graph, f"{{{ns}}}edge", {"id": f"e{number}", "source": source, "target": target})
        for key, value in (("weight", weight), ("mean_goldstein", goldstein), ("sources", sources)):
            ET.SubElement(edge, f"{{{ns}}}data", {"key": key}).text = str(value)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _country_filters(actor: str | None, recipient: str | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    for column, value in (("actor_country", actor), ("recipient_country", recipient)):
        if value:
            clauses.append(f"AND {column} = ?")
            params.append(value.upper())
    return " ".join(clauses), params
