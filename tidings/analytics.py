"""Questions analysts ask of a store: dyads over time, top actors, the actor network.

Every function reads merged events (``events``), so a story reported by five
outlets counts once. Filters are passed as query parameters, never pasted into
SQL; ``by`` and ``fmt`` are checked against fixed lists.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError
from .store import Store

PERIODS = ("day", "week", "month", "year")


@dataclass
class Table:
    """Rows with their column names."""

    columns: list[str]
    rows: list[tuple]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# filters a caller may set on the events table: name -> SQL with one parameter
EVENT_FILTERS = {
    "date_from": "date >= ?", "date_to": "date <= ?",
    "actor": "actor_country = ?", "recipient": "recipient_country = ?",
    "actor_sector": "actor_sector = ?", "recipient_sector": "recipient_sector = ?",
    "event_type": "event_type = ?", "cameo": "cameo = ?", "quad_class": "quad_class = ?",
    "factuality": "factuality = ?",
    "outlet": "id IN (SELECT event_id FROM mentions WHERE outlet = ?)",
    "text": "id IN (SELECT m.event_id FROM mentions m JOIN sentences s ON s.article_id = m.article_id "
            "AND s.sentence = m.sentence WHERE s.text ILIKE '%' || ? || '%')",
}
EVENT_ORDERS = ("date", "goldstein", "num_mentions", "num_sources", "event_type", "actor_country", "recipient_country")


def events_page(store: Store, filters: dict[str, Any] | None = None, order: str = "date", descending: bool = True,
                limit: int = 50, offset: int = 0) -> Table:
    """One page of merged events matching the filters (names from :data:`EVENT_FILTERS`)."""
    where, params = event_filter(filters or {})
    if order not in EVENT_ORDERS:
        raise ConfigError(f"cannot sort by {order!r}; choose one of {', '.join(EVENT_ORDERS)}")
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT * FROM events WHERE {where} ORDER BY {order} {direction} NULLS LAST, id "
           f"LIMIT {max(1, min(int(limit), 1000))} OFFSET {max(0, int(offset))}")
    columns, rows = store.query(sql, params)
    return Table(columns, rows)


def event_filter(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """A WHERE clause (fixed SQL per known filter) and its parameters; unknown filters are an error."""
    clauses, params = ["TRUE"], []
    for name, value in filters.items():
        if value in (None, ""):
            continue
        if name not in EVENT_FILTERS:
            raise ConfigError(f"unknown filter {name!r}; known filters: {', '.join(EVENT_FILTERS)}")
        clauses.append(EVENT_FILTERS[name])
        params.append(value.upper() if name in ("actor", "recipient") else value)
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
               round(avg(goldstein), 2) AS mean_goldstein, sum(num_sources) AS sources, sum(num_articles) AS articles
        FROM events WHERE date IS NOT NULL AND actor_country IS NOT NULL {filters}
        GROUP BY ALL ORDER BY period, events DESC, actor, recipient
    """
    if limit:
        sql += f" LIMIT {int(limit)}"
    columns, rows = store.query(sql, params)
    return Table(columns, rows)


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


def network_edges(store: Store, min_events: int = 1) -> Table:
    """Directed country-to-country edges: event count and mean Goldstein."""
    sql = """
        SELECT actor_country AS source, recipient_country AS target, count(*) AS weight,
               round(avg(goldstein), 3) AS mean_goldstein, sum(num_sources) AS sources
        FROM events
        WHERE actor_country IS NOT NULL AND recipient_country IS NOT NULL AND actor_country <> recipient_country
        GROUP BY ALL HAVING count(*) >= ? ORDER BY weight DESC, source, target
    """
    columns, rows = store.query(sql, [int(min_events)])
    return Table(columns, rows)


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
