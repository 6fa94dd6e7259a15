"""Human-readable output (rich tables) for the CLI."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table

from .records import Actor, Article


def actor_label(actors: list[Actor]) -> str:
    if not actors:
        return "—"
    return "; ".join(f"{a.text} [{a.country or '?'}{(' ' + a.sector) if a.sector else ''}]" for a in actors)


def article_table(article: Article) -> Table:
    title = article.title or article.id
    table = Table(title=f"{title} ({article.date or 'undated'}) — {len(article.events)} events", title_justify="left")
    table.add_column("sent", justify="right")
    table.add_column("event (CAMEO, QuadClass)", no_wrap=True)
    table.add_column("actor", ratio=3)
    table.add_column("trigger", no_wrap=True)
    table.add_column("recipient", ratio=3)
    table.add_column("factuality", no_wrap=True)
    for e in article.events:
        kind = e.event_type + (f"/{e.mode}" if e.mode else "")
        table.add_row(
            str(e.sentence.index), f"{kind} {e.cameo} q{e.quad_class}",
            actor_label(e.actor), e.trigger.text, actor_label(e.recipient),
            e.factuality + (f" ({e.factuality_cue.text})" if e.factuality_cue else ""),
        )
    return table


def quotes_table(article: Article) -> Table:
    """The article's quotes: kind, speaker, cue, outlets, and the words."""
    title = article.title or article.source or article.id
    table = Table(title=f"{title} — {len(article.quotes)} quotes", title_justify="left")
    table.add_column("sent", justify="right")
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("cue", no_wrap=True)
    table.add_column("outlets", ratio=1)
    table.add_column("quote", ratio=5)
    for q in article.quotes:
        speaker = "—"
        if q.speaker is not None:
            who = q.speaker.name if q.speaker.name and q.speaker.name != q.speaker.text else None
            code = " ".join(filter(None, [q.speaker.country, q.speaker.sector]))
            speaker = q.speaker.text + (f" (= {who})" if who else "") + (f" [{code}]" if code else "")
        outlets = "; ".join(o.name + (" [state]" if o.state else "") for o in q.outlets) or "—"
        words = q.text if len(q.text) <= 240 else q.text[:237] + "…"
        table.add_row(str(q.sentence), q.kind, speaker, q.cue.text if q.cue else "—", outlets, words)
    return table


def times_table(article: Article) -> Table:
    """The article's time expressions, normalised against its publication date."""
    title = article.title or article.source or article.id
    table = Table(title=f"{title} ({article.date or 'undated'}) — {len(article.times)} time expressions", title_justify="left")
    for column in ("text", "type", "value", "precision", "offsets"):
        table.add_column(column, no_wrap=column != "text")
    for t in article.times:
        table.add_row(t.text, t.type, t.value or "—", t.precision, f"{t.start}-{t.end}")
    return table


def places_table(article: Article) -> Table:
    """The article's toponyms, resolved against the gazetteer."""
    title = article.title or article.source or article.id
    table = Table(title=f"{title} — {len(article.places)} places", title_justify="left")
    for column in ("text", "name", "feature", "country", "fips", "admin1", "lat, lon", "geonameid", "conf.", "source"):
        table.add_column(column, no_wrap=column != "text")
    for p in article.places:
        where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "—"
        table.add_row(p.text, p.name, p.feature or "—", p.country or "—", p.fips or "—", p.admin1 or "—", where,
                      str(p.geonameid or "—"), f"{p.confidence:.2f}", p.source or "—")
    return table


def summary_line(counts: dict[str, int]) -> str:
    text = f"coded {counts['articles']} articles, {counts['events']} events"
    if counts["problems"]:
        text += f"; skipped {counts['problems']} inputs (see messages above)"
    return text


class Tally:
    """Counts over a run: events by type and by dyad, for ``--summary``."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()
        self.dyads: Counter[tuple[str, str, str]] = Counter()

    def add(self, article: Article) -> None:
        for e in article.events:
            self.types[e.event_type] += 1
            if not any(a.country for a in e.actor):
                continue  # dyads need a known actor
            actor = "+".join(sorted({a.country or "?" for a in e.actor}))
            recipient = "+".join(sorted({r.country or "?" for r in e.recipient})) or "—"
            self.dyads[(actor, recipient, e.event_type)] += 1

    def tables(self) -> Group:
        types = Table(title="events by PLOVER type", title_justify="left")
        types.add_column("type")
        types.add_column("events", justify="right")
        for name, count in self.types.most_common():
            types.add_row(name, str(count))
        dyads = Table(title="top dyads (events with a known actor)", title_justify="left")
        for column in ("actor", "recipient", "type", "events"):
            dyads.add_column(column)
        for (actor, recipient, kind), count in self.dyads.most_common(15):
            dyads.add_row(actor, recipient, kind, str(count))
        return Group(types, dyads)
