"""Plain text: a ``.txt`` file (or stdin) holds one article whose first line is its title.

Stdin that starts with ``{`` is read as JSONL, and stdin that starts like an
HTML page or an RSS/Atom feed is read as one; anything else is one article.
Files over :data:`MAX_ARTICLE_BYTES` are refused; bytes that are not UTF-8 are
read as Windows-1252 with a warning on the article.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Iterator

from ..errors import ConfigError, InputError
from ..pipeline import check_date
from ..records import Article
from .base import (
    MAX_ARTICLE_BYTES,
    Item,
    ReadOptions,
    decode,
    looks_english,
    not_english,
    sniff_kind,
    sniff_problem,
)
from .dates import date_for_file


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    data = read_small_file(path)
    if isinstance(data, InputError):
        yield data
    else:
        yield from text_article(data, str(path), options)


def read_small_file(path: Path) -> bytes | InputError:
    """The bytes of a single-article file, or why they cannot be had."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return InputError(
                str(path), f"is {size / 1e6:.0f} MB, too large for one article",
                hint="split it into articles, one per .txt file, or one per line in a .jsonl file",
            )
        return path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot be read: {exc.strerror or exc}")


def read_stdin(options: ReadOptions, stream: IO[bytes] | None = None) -> Iterator[Item]:
    from . import (  # the other readers, for stdin that is not plain text
        feeds,
        html,
        tables,
    )

    name = "<stdin>"
    data = (stream or sys.stdin.buffer).read()
    kind = sniff_kind(data)
    if data.lstrip()[:1] == b"{":
        yield from tables.jsonl_lines(data.decode("utf-8", "replace").splitlines(), name, options)
    elif kind == "html":
        yield html.article_from_html(data, name, options)
    elif kind == "feed":
        yield from feeds.read_feed_bytes(data, name, options)
    else:
        yield from text_article(data, name, options)


def text_article(data: bytes, name: str, options: ReadOptions) -> Iterator[Item]:
    """One article from the bytes of a text file: the first line is the title."""
    problem = sniff_problem(data, name)
    if problem is not None:
        yield problem
        return
    text, warning = decode(data)
    if not text.strip():
        yield InputError(name, "is empty", hint="give a file with article text")
        return
    if not looks_english(text):
        yield not_english(name)
        return
    title = text.strip().splitlines()[0].strip()
    try:
        day = check_date(date_for_file(name, options))
        article = Article(text=text, title=title, date=day, source=name, date_source="option" if day else None)
    except ConfigError as exc:
        yield InputError(name, str(exc), hint="use YYYY-MM-DD")
        return
    if warning:
        article.warnings.append(warning)
    yield article
