"""Command line: a thin layer over the library (``tidings --help``)."""

from __future__ import annotations

import json
import sys
from typing import Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .api import classify as classify_text
from .api import get_coder
from .api import factuality_values, keep_factuality
from .config import default_actors_file
from .errors import InputError, TidingsError
from .ingest import ReadOptions, read_dates, read_inputs
from .pipeline import check_date
from .records import FACTUALITIES, Article
from .render import Tally, article_table, places_table, quotes_table, summary_line, times_table

err = Console(stderr=True, soft_wrap=True)


def _fail(exc: TidingsError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group()
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """tidings: code news articles into PLOVER/CAMEO political events."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--date", "date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--dates", "dates_file", type=click.Path(dir_okay=False), help="TSV of file<TAB>date for .txt inputs.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one event per line; json: one article object per line; table: readable.")
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
@click.option("--outlets", "outlets_file", type=click.Path(dir_okay=False),
              help="Extra news organisations (TSV: name, aliases, country, state, kind).")
@click.option("--factuality", "factuality", metavar="LIST",
              help=f"Keep only events with these factuality values, comma-separated ({', '.join(FACTUALITIES)}). Default: all, labelled.")
@click.option("--summary", is_flag=True, help="Print counts by event type and the top dyads at the end (stderr).")
@click.option("--quiet", is_flag=True, help="No progress bar or summary on stderr.")
def code(inputs: tuple[str, ...], date: str | None, dates_file: str | None, fmt: str, actors_file: str | None,
         outlets_file: str | None, factuality: str | None, summary: bool, quiet: bool) -> None:
    """Code articles and print their events: files (.txt, .html, .jsonl, .csv, feeds, .warc), folders, globs, URLs, or - for stdin."""
    keep = _factualities(factuality)
    counts = {"articles": 0, "events": 0, "problems": 0}
    tally = Tally()
    out = Console(width=None if sys.stdout.isatty() else 140) if fmt == "table" else None
    with _progress(quiet) as progress:
        task = progress.add_task("coding", total=None)
        for article in _coded(inputs, date, dates_file, actors_file, outlets_file, counts):
            article = keep_factuality(article, keep) if keep else article
            counts["articles"] += 1
            counts["events"] += len(article.events)
            tally.add(article)
            _write(article, fmt, out)
            progress.update(task, advance=1, description=f"coding · {counts['events']} events")
    if summary:
        err.print(tally.tables())
    if not quiet:
        err.print(summary_line(counts), highlight=False)
    if counts["articles"] == 0:
        raise SystemExit(1)


def _factualities(value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    try:
        return factuality_values(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--factuality") from None


def _coded(inputs: tuple[str, ...], date: str | None, dates_file: str | None, actors_file: str | None,
           outlets_file: str | None, counts: dict[str, int]) -> Iterator[Article]:
    """Read and code the inputs: each coded article, with its warnings printed; bad inputs are
    reported on stderr and counted in ``counts["problems"]``, and the batch goes on."""
    try:
        options = ReadOptions(check_date(date), read_dates(dates_file) if dates_file else None)
        coder = get_coder(actors_file or default_actors_file(), outlets_file)
    except TidingsError as exc:
        raise _fail(exc) from exc
    for item in coder.code_stream(read_inputs(inputs, options)):
        if isinstance(item, InputError):
            counts["problems"] += 1
            err.print(f"[yellow]skipped[/] {item}", highlight=False)
            continue
        for warning in item.warnings:
            err.print(f"[yellow]warning[/] {item.source}: {warning}", highlight=False)
        yield item


QUOTE_KINDS = ("direct", "partial", "indirect", "nested", "stance")


def _listing(name: str, inputs: tuple[str, ...], date: str | None, dates_file: str | None, fmt: str,
             actors_file: str | None, outlets_file: str | None, quiet: bool, kinds: str | None = None) -> None:
    """Code the inputs and print one list the coder fills: quotes (of the given ``kinds``), times or places."""
    tables = {"quotes": quotes_table, "times": times_table, "places": places_table}
    wanted = _kinds(kinds)
    counts = {"articles": 0, "found": 0, "problems": 0}
    out = Console(width=None if sys.stdout.isatty() else 160) if fmt == "table" else None
    with _progress(quiet) as progress:
        task = progress.add_task("reading", total=None)
        for item in _coded(inputs, date, dates_file, actors_file, outlets_file, counts):
            if wanted is not None:
                item.quotes = [q for q in item.quotes if q.kind in wanted]
            found = getattr(item, name)
            counts["articles"] += 1
            counts["found"] += len(found)
            if out is not None:
                out.print(tables[name](item))
            else:
                for record in found:
                    sys.stdout.write(json.dumps({"article_id": item.id, "source": item.source, **record.to_dict()},
                                                ensure_ascii=False) + "\n")
                sys.stdout.flush()
            progress.update(task, advance=1, description=f"reading · {counts['found']} {name}")
    if not quiet:
        err.print(f"read {counts['articles']} articles, {counts['found']} {name}"
                  + (f"; skipped {counts['problems']} inputs (see messages above)" if counts["problems"] else ""), highlight=False)
    if counts["articles"] == 0:
        raise SystemExit(1)


def _kinds(value: str | None) -> set[str] | None:
    if not value:
        return None
    kinds = {k.strip().lower() for k in value.split(",") if k.strip()}
    unknown = kinds - set(QUOTE_KINDS)
    if unknown:
        raise click.BadParameter(f"unknown kind {', '.join(sorted(unknown))}; choose from {', '.join(QUOTE_KINDS)}",
                                 param_hint="--kinds")
    return kinds


def _listing_command(name: str, what: str):
    @main.command(name=name, help=what)
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("--date", "date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    @click.option("--dates", "dates_file", type=click.Path(dir_okay=False), help="TSV of file<TAB>date for .txt inputs.")
    @click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
                  help=f"table: readable; jsonl: one of the article's {name} per line with its article id.")
    @click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
    @click.option("--outlets", "outlets_file", type=click.Path(dir_okay=False),
                  help="Extra news organisations (TSV: name, aliases, country, state, kind).")
    @click.option("--quiet", is_flag=True, help="No progress bar or summary on stderr.")
    def command(inputs, date, dates_file, fmt, actors_file, outlets_file, quiet, kinds=None) -> None:
        _listing(name, inputs, date, dates_file, fmt, actors_file, outlets_file, quiet, kinds)
    return command


quotes = _listing_command("quotes", "Print the quotes of articles: what was said (or what attitude is held), by whom, "
                                    "relayed by which outlets.")
quotes.params.insert(-1, click.Option(["--kinds"], default=None, metavar="KIND,...",
                                     help=f"Only these kinds of quote: {', '.join(QUOTE_KINDS)} "
                                          "('direct,partial,indirect,nested' leaves out stances). Default: all."))
times = _listing_command("times", "Print the time expressions of articles, normalised against the publication date.")
places = _listing_command("places", "Print the places named in articles, resolved against the offline gazetteer.")


def _write(article: Article, fmt: str, out: Console | None) -> None:
    if fmt == "jsonl":
        for event in article.events:
            sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    else:
        assert out is not None
        out.print(article_table(article))
    sys.stdout.flush()


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=quiet or not err.is_terminal,
    )


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(allow_dash=True, dir_okay=False),
              help='JSONL: {"id", "text", "actor_span": [s, e], "recipient_span": [s, e] or null}.')
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
@click.option("--rules-only", is_flag=True, help="Use the rule coder alone, without the fallback classifier.")
def classify(input_path: str, actors_file: str | None, rules_only: bool) -> None:
    """Code sentences whose actor and recipient spans are given (one JSON line each)."""
    failed = done = 0
    for number, record in _jsonl(input_path):
        if isinstance(record, InputError):
            failed += 1
            err.print(f"[yellow]skipped[/] {record}", highlight=False)
            continue
        try:
            result = classify_text(record["text"], record.get("actor_span"), record.get("recipient_span"),
                                   record.get("date"), actors_file or default_actors_file(), use_model=not rules_only)
        except (TidingsError, KeyError, TypeError, ValueError) as exc:
            failed += 1
            err.print(f"[yellow]skipped[/] {input_path}:{number}: {exc}", highlight=False)
            continue
        result.id = record.get("id")
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        done += 1
    if done == 0 and failed:
        raise SystemExit(1)


def _jsonl(path: str) -> Iterator[tuple[int, dict | InputError]]:
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(path, f"not valid JSON ({exc.msg})", number)
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield number, InputError(path, "record needs a 'text' string", number)
                continue
            yield number, record


@main.command()
@click.argument("phrase")
@click.option("--date", "date", help="Date (YYYY-MM-DD) to resolve offices on.")
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False), help="Extra actors (YAML or CSV).")
def actor(phrase: str, date: str | None, actors_file: str | None) -> None:
    """Resolve an actor phrase against the KB ("President Trump", "Pyongyang")."""
    try:
        article = get_coder(actors_file or default_actors_file()).resolve_phrase(phrase, check_date(date))
    except TidingsError as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps([a.to_dict() for a in article], ensure_ascii=False))


from . import cli_store  # noqa: E402,F401  (registers ingest, watch, query, dyads, actors, network, export)
from . import cli_web  # noqa: E402,F401  (registers serve)
