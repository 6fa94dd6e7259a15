"""Command line for the store: ingest, watch, query, dyads, actors, network, export.

Registered on the ``tidings`` group by :mod:`tidings.cli`. Exit status: 0 when
everything went through, 1 when some inputs could not be read or coded (the rest
were stored), and 1 with a one-line message when the store cannot be used.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time

import click
from rich.console import Console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.table import Table as RichTable

from . import analytics
from .api import get_coder
from .cli import _fail, err, main
from .cli_scale import DaskSettings, check_engine, ingest_on_dask
from .config import default_actors_file, default_db
from .corpus import IngestReport, estimate_articles, ingest as ingest_items
from .export import FORMATS, export as export_store
from .errors import ConfigError, InputError, TidingsError
from .ingest import ReadOptions, read_dates, read_inputs
from .outlets import load_outlets
from .pipeline import check_date
from .store import Store
from .watch import Watcher, parse_every, read_feed_list

FIELDS = ("text", "id", "date", "title", "url", "outlet")
db_option = click.option("--db", "db", default=None, metavar="FILE",
                         help="The DuckDB store (default: $TIDINGS_DB, the config's db, or tidings.duckdb).")
fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
                          show_default=True, help="Output format.")


def _store(db: str | None) -> Store:
    return Store(db or default_db())


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--date", "date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--dates", "dates_file", type=click.Path(dir_okay=False), help="TSV of file<TAB>date for .txt inputs.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map a field (text, id, date, title, url, outlet) to a JSONL key or CSV column, e.g. text=body.")
@click.option("--no-fetch", is_flag=True, help="Never fetch feed entries' linked pages; code the feed text.")
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
@click.option("--outlets", "outlets_file", type=click.Path(dir_okay=False),
              help="Extra news organisations (TSV: name, aliases, country, state, kind).")
@click.option("--batch-size", type=click.IntRange(min=1), metavar="N",
              help="Articles per store transaction (default 32; 128 with --engine dask, whose articles arrive coded).")
@click.option("--quiet", is_flag=True, help="No progress bar or summary on stderr.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Code in this process, or on a Dask cluster (see the options below).")
@click.option("--address", metavar="URL", help="Dask scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, "
                                "else a local cluster).")
@click.option("--workers", type=int, metavar="N", help="Worker processes of the local Dask cluster (default: one per core).")
@click.option("--partition-size", type=int, metavar="N", help="Articles per Dask task (default 64).")
@click.option("--out", type=click.Path(file_okay=False), metavar="DIR",
              help="With --engine dask: write the coded articles as a Parquet dataset in this new folder, not the store.")
@click.option("--shards", metavar="DIR", help="With --engine dask: a folder (or s3:// URI) that the workers and this machine share, "
                               "for the workers' shards (default: beside the store).")
def ingest(inputs: tuple[str, ...], db: str | None, date: str | None, dates_file: str | None,
           columns: tuple[str, ...], no_fetch: bool, actors_file: str | None, outlets_file: str | None,
           batch_size: int | None, quiet: bool, engine: str, **dask_options: object) -> None:
    """Read, code and store articles: files, directories, globs, URLs, feeds, WARC archives.

    Formats by suffix or content: .txt, .html, .jsonl, .csv/.tsv, RSS/Atom, .warc(.gz).
    Re-running on the same inputs adds nothing. With --engine dask, articles are coded
    on a Dask cluster and stored in input order, with the same result.
    """
    try:
        options = ReadOptions(date=check_date(date), dates=read_dates(dates_file) if dates_file else None,
                              columns=_columns(columns), fetch_links=not no_fetch)
        settings = DaskSettings(**dask_options)
        check_engine(engine, settings)
        if outlets_file:
            load_outlets(outlets_file)  # check it here, not on every worker
            os.environ["TIDINGS_OUTLETS"] = os.path.abspath(outlets_file)  # local workers inherit it
        if engine == "dask":
            report = ingest_on_dask(inputs, options, _store(db), actors_file or default_actors_file(), batch_size,
                                    quiet, settings)
            if report.failed:
                raise SystemExit(1)
            return
        store = _store(db)
        store.create()
        coder = get_coder(actors_file or default_actors_file(), outlets_file)
    except TidingsError as exc:
        raise _fail(exc) from exc
    total = None if quiet else estimate_articles(inputs)
    report = run_ingest(read_inputs(inputs, options), store, coder, batch_size, quiet, total)
    if report.failed:
        raise SystemExit(1)


def run_ingest(items, store: Store, coder, batch_size: int | None = None, quiet: bool = False,
               total: int | None = None) -> IngestReport:
    """Ingest with a progress bar and a closing summary on stderr."""
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[events]} events · {task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=err, transient=True, disable=quiet,
    )
    started = time.monotonic()
    with progress:
        task = progress.add_task("ingesting", total=total, events=0, rate="")

        def on_batch(report: IngestReport, done: int) -> None:
            rate = report.read / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=done, events=report.events, rate=f"{rate:.1f} articles/s")

        def on_problem(problem: InputError) -> None:
            progress.console.print(f"[yellow]skipped[/] {problem}", highlight=False)

        try:
            report = ingest_items(items, store, coder, batch_size, on_batch, on_problem)
        except TidingsError as exc:
            raise _fail(exc) from exc
    if not quiet:
        _summary(report, store, time.monotonic() - started)
    return report


def _summary(report: IngestReport, store: Store, seconds: float) -> None:
    line = (f"read {report.read} articles, coded {report.coded} new ({report.events} events) in {seconds:.1f} s; "
            f"{report.duplicates} already stored, {report.near_duplicates} near-duplicate copies linked to a story")
    if report.problems:
        line += f"; {len(report.problems)} inputs failed"
    err.print(line, highlight=False)
    for reason, count in report.skipped.most_common():
        err.print(f"  skipped {count} × {reason}", highlight=False)
    _, rows = store.query("SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT story_id) FROM articles), "
                          "(SELECT count(*) FROM events), (SELECT count(*) FROM mentions)")
    articles, stories, events, mentions = rows[0]
    err.print(f"store {store.path}: {articles} articles in {stories} stories, {events} events from {mentions} mentions",
              highlight=False)


def _columns(pairs: tuple[str, ...]) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        field, _, name = pair.partition("=")
        if field not in FIELDS or not name:
            raise ConfigError(f"--column {pair!r}: expected FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        mapping[field] = name
    return mapping


@main.command()
@click.argument("feeds_file", metavar="FEEDS.txt", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 1h.")
@click.option("--rounds", type=int, help="Stop after this many polling rounds (default: run until stopped).")
@click.option("--no-fetch", is_flag=True, help="Never fetch entries' linked pages; code the feed text.")
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
@click.option("--outlets", "outlets_file", type=click.Path(dir_okay=False),
              help="Extra news organisations (TSV: name, aliases, country, state, kind).")
def watch(feeds_file: str, db: str | None, every: str, rounds: int | None, no_fetch: bool,
          actors_file: str | None, outlets_file: str | None) -> None:
    """Poll the feeds listed in FEEDS.txt (one URL per line) and ingest new entries, until stopped."""
    try:
        seconds = parse_every(every)
        read_feed_list(feeds_file)
        watcher = Watcher(feeds_file, _store(db), get_coder(actors_file or default_actors_file(), outlets_file), seconds,
                          ReadOptions(fetch_links=not no_fetch),
                          on_event=lambda message: err.print(f"{_clock()} {message}", highlight=False, markup=False))
        err.print(f"watching the feeds in {feeds_file} every {every} into {watcher.store.path} (Ctrl-C stops)",
                  highlight=False)
        done = watcher.run(rounds)
    except TidingsError as exc:
        raise _fail(exc) from exc
    coded = sum(r.report.coded for r in done)
    failed = sum(r.failed for r in done)
    err.print(f"{len(done)} rounds: {coded} new articles coded, {failed} failed polls", highlight=False)
    if failed:
        raise SystemExit(1)


def _clock() -> str:
    return time.strftime("%H:%M:%S")


@main.command()
@click.argument("sql")
@db_option
@fmt_option
def query(sql: str, db: str | None, fmt: str) -> None:
    """Run a read-only SQL query on the store (tables: articles, events, mentions, …)."""
    try:
        table = analytics.query(_store(db), sql)
    except TidingsError as exc:
        raise _fail(exc) from exc
    _emit(table, fmt, title=None)


@main.command()
@db_option
@click.option("--by", type=click.Choice(analytics.PERIODS), default="month", show_default=True)
@click.option("--actor", help="Actor country code, e.g. CHN.")
@click.option("--recipient", help="Recipient country code, e.g. PRK.")
@click.option("--limit", type=int, help="At most this many rows.")
@fmt_option
def dyads(db: str | None, by: str, actor: str | None, recipient: str | None, limit: int | None, fmt: str) -> None:
    """Events per period and country dyad, by QuadClass, with mean Goldstein."""
    try:
        table = analytics.dyads(_store(db), by, actor, recipient, limit)
    except TidingsError as exc:
        raise _fail(exc) from exc
    _emit(table, fmt, title=f"events by {by} and dyad")


@main.command()
@db_option
@click.option("--top", default=20, show_default=True, help="How many actors.")
@fmt_option
def actors(db: str | None, top: int, fmt: str) -> None:
    """The actors (country and sector) in most events."""
    try:
        table = analytics.top_actors(_store(db), top)
    except TidingsError as exc:
        raise _fail(exc) from exc
    _emit(table, fmt, title=f"top {top} actors")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "csv"]), default="graphml", show_default=True)
@click.option("--min-events", default=1, show_default=True, help="Leave out edges with fewer events.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def network(db: str | None, fmt: str, min_events: int, out: str | None) -> None:
    """Country-to-country event network, weighted by count, with mean Goldstein (Gephi-ready)."""
    try:
        edges = analytics.network_edges(_store(db), min_events)
    except TidingsError as exc:
        raise _fail(exc) from exc
    handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "graphml":
            handle.write(analytics.network_graphml(edges))
        else:
            writer = csv.writer(handle)
            writer.writerow(["Source", "Target", "Weight", "MeanGoldstein", "Sources"])
            writer.writerows(edges.rows)
    finally:
        if out:
            handle.close()


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="gdelt: GDELT 2.0 events (61 columns); gdelt-mentions: 16 columns; plover: PLOVER JSONL; "
                   "parquet: a folder partitioned by year/month; csv: the events table.")
@click.option("--where", help="SQL condition on the events table, e.g. \"actor_country = 'CHN' AND date >= '2019-01-01'\".")
@click.option("--out", type=click.Path(), help="Output file (a new folder for parquet); default stdout.")
def export(db: str | None, fmt: str, where: str | None, out: str | None) -> None:
    """Write the store's events in a standard format."""
    try:
        rows = export_store(_store(db), fmt, out, where)
    except TidingsError as exc:
        raise _fail(exc) from exc
    if out:
        err.print(f"wrote {rows} rows to {out}", highlight=False)


def _emit(table: analytics.Table, fmt: str, title: str | None) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(table.columns)
        writer.writerows(table.rows)
    elif fmt == "jsonl":
        for row in table.dicts():
            sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    else:
        rich = RichTable(title=title, title_justify="left")
        for column in table.columns:
            rich.add_column(column)
        for row in table.rows:
            rich.add_row(*("" if v is None else str(v) for v in row))
        Console(width=None if sys.stdout.isatty() else 160).print(rich)
