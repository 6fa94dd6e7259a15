"""Ingest stage: turn files, folders, URLs and stdin into :class:`~tidings.records.Article` records.

:func:`read_inputs` takes path arguments and yields, in input order, one
:class:`~tidings.records.Article` per article read or one
:class:`~tidings.errors.InputError` per problem (naming the file, line, record
or URL, and the fix); it never raises for a bad input and goes on reading.
A path argument may be:

* ``-`` — stdin (plain text, JSONL, HTML or a feed; :mod:`.text`)
* a ``.txt`` file — one article, first line the title (:mod:`.text`)
* a ``.html``/``.htm`` page — main text and metadata (:mod:`.html`)
* a ``.jsonl``, ``.csv`` or ``.tsv`` table — one article per line/row (:mod:`.tables`)
* an ``.xml``/``.rss``/``.atom`` feed — one article per entry (:mod:`.feeds`)
* a ``.warc``/``.warc.gz`` web archive — one article per HTML page (:mod:`.warc`)
* a folder (walked) or a glob pattern (:mod:`.discover`)
* an ``http(s)://`` URL — a page, a feed or plain text (:mod:`.fetch`)

Files with other suffixes are read as HTML, a feed or a WARC when their
first bytes say so, and as plain text otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from .base import (
    MAX_ARTICLE_BYTES,
    SNIFF_BYTES,
    Item,
    ReadOptions,
    looks_english,
    sniff_kind,
)
from .dates import read_dates
from .discover import expand
from .feeds import read_feed_bytes, read_feed_file
from .fetch import FetchError, Response, fetch, is_url
from .html import article_from_html, read_html_file
from .tables import read_csv_file, read_jsonl_file
from .text import read_stdin, read_text_file, text_article
from .warc import read_warc_file

__all__ = [
    "MAX_ARTICLE_BYTES", "FetchError", "Item", "ReadOptions", "Response", "fetch", "looks_english", "read_dates",
    "read_inputs", "read_url",
]

READERS = {
    "text": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl_file,
    "csv": read_csv_file,
    "feed": read_feed_file,
    "warc": read_warc_file,
}
SUFFIX_KINDS = {
    ".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".warc": "warc",
}


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Articles (or the problem with each input) from path arguments, in order; ``-`` is stdin."""
    options = options or ReadOptions()
    for name in paths:
        if name == "-":
            yield from read_stdin(options)
        elif is_url(name):
            yield from read_url(name, options)
        else:
            for found in expand(name):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from from_file(found, options)


def from_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """The items of one file, read by the reader its suffix (or its first bytes) calls for."""
    yield from READERS[file_kind(path)](path, options)


def file_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind is not None:
        return kind
    try:
        with path.open("rb") as handle:
            return sniff_kind(handle.read(SNIFF_BYTES)) or "text"
    except OSError:
        return "text"  # the text reader reports why it cannot be read


def read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    """The article (or feed entries) at an http(s) URL."""
    try:
        response = fetch(url, timeout=options.timeout)
    except FetchError as exc:
        yield exc
        return
    kind = sniff_kind(response.body) or _kind_of_media_type(response.media_type)
    if kind in ("html", "text") and len(response.body) > MAX_ARTICLE_BYTES:
        yield InputError(url, f"is {len(response.body) / 1e6:.0f} MB, too large for one article")
    elif kind == "feed":
        yield from read_feed_bytes(response.body, url, options, base_url=response.url,
                                   content_type=response.content_type)
    elif kind == "html":
        yield article_from_html(response.body, url, options, url=response.url)
    elif kind == "text":
        yield from text_article(response.body, url, options)
    else:
        yield InputError(url, f"has content type {response.media_type or 'unknown'}, not a page, feed or text",
                         hint="tidings reads HTML pages, RSS/Atom feeds and plain text from URLs")


def _kind_of_media_type(media_type: str) -> str | None:
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if media_type.endswith(("rss+xml", "atom+xml", "rdf+xml")) or media_type in ("application/xml", "text/xml"):
        return "feed"
    if media_type.startswith("text/"):
        return "text"
    return None
