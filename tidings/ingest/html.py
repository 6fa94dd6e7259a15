"""HTML pages: the main text and metadata of one article page.

Accepts ``.html``/``.htm`` files, other files and stdin that look like HTML,
and pages from URLs and WARC archives. The article text, title, publication
date, canonical URL and site name come from ``trafilatura`` (dates via
``htmldate``); navigation, footers and other boilerplate are left out. As in a
``.txt`` file, the article text starts with the title line, then a blank line,
then the body with one blank line between paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import lxml.etree
import lxml.html
import trafilatura

from ..errors import ConfigError, InputError
from ..records import Article
from .base import Item, ReadOptions, looks_english, not_english, word_count
from .dates import lenient_date, normalise_date
from .text import read_small_file

BLOCK_TAGS = frozenset("p div li h1 h2 h3 h4 h5 h6 blockquote pre tr section article header footer ul ol table".split())
MIN_PAGE_WORDS = 10
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
NO_TEXT_HINT = ("the page may be an index, a paywall or need JavaScript; "
                "save the article page itself, or pass its text as a .txt file")


@dataclass
class Page:
    """What trafilatura found in a page."""

    text: str  # title line, blank line, body
    body: str
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None


def read_html_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    data = read_small_file(path)
    if isinstance(data, InputError):
        yield data
        return
    listed = (options.dates or {}).get(path.name)
    yield article_from_html(data, str(path), options, date=listed)


def article_from_html(data: bytes, source: str, options: ReadOptions, url: str | None = None,
                      date: str | None = None, fallback_date: str | None = None) -> Item:
    """One article from an HTML page.

    ``date`` overrides the page's own date; ``fallback_date`` (then ``options.date``)
    is used when the page has none. ``url`` is where the page came from.
    """
    if not data.strip():
        return InputError(source, "is empty", hint="give a file with article text")
    page = extract_page(data, url)
    if isinstance(page, str):
        return InputError(source, f"HTML could not be parsed ({page})", hint=NO_TEXT_HINT)
    if page is None or not page.text.strip():
        return InputError(source, "no article text found in the HTML", hint=NO_TEXT_HINT)
    if not looks_english(page.text):
        return not_english(source)
    try:
        given, fallback = normalise_date(date), normalise_date(fallback_date) or normalise_date(options.date)
    except ConfigError as exc:
        return InputError(source, str(exc), hint="use YYYY-MM-DD")
    day = given or page.date or fallback
    origin = "input" if given else "html metadata" if page.date else "option" if fallback else None
    return Article(text=page.text, title=page.title, date=day, url=page.url or url, outlet=page.outlet, source=source,
                   date_source=origin)


def extract_page(data: bytes, url: str | None = None) -> Page | str | None:
    """The article in an HTML page; ``None`` when there is none, a message when parsing failed."""
    try:
        document = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        )
    except (ValueError, TypeError, AttributeError, lxml.etree.LxmlError) as exc:
        return str(exc) or type(exc).__name__
    if document is None:
        return None
    fields = document if isinstance(document, dict) else document.as_dict()
    body = paragraphs_of(fields.get("text") or "")
    title = _clean(fields.get("title"))
    if word_count(body.removeprefix(title or "")) < MIN_PAGE_WORDS:
        return None  # a menu or a caption, not an article
    return Page(
        text=with_title(title, body),
        body=body,
        title=title or body.split("\n", 1)[0],
        date=lenient_date(fields.get("date")),
        url=_clean(fields.get("url")) or url,
        outlet=_clean(fields.get("sitename")) or _clean(fields.get("hostname")),
    )


def with_title(title: str | None, body: str) -> str:
    """The .txt layout: title line, blank line, body (unless the body already starts with the title)."""
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}"


def paragraphs_of(text: str) -> str:
    """Text with one paragraph per non-empty line, blank lines between them."""
    lines = (SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one blank line between blocks."""
    if "<" not in fragment:
        return paragraphs_of(fragment)
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (lxml.etree.LxmlError, ValueError):
        return paragraphs_of(re.sub(r"<[^>]+>", " ", fragment))
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        element.text, element.tail = _flat(element.text), _flat(element.tail)
        if element.tag == "br":
            element.tail = "\n" + element.tail
        elif element.tag in BLOCK_TAGS:
            element.text, element.tail = "\n" + element.text, "\n" + element.tail
    return paragraphs_of(root.text_content())


def _flat(text: str | None) -> str:
    """Source line breaks inside HTML are spaces."""
    return re.sub(r"\s+", " ", text) if text else ""


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = SPACES.sub(" ", value).strip()
    return value or None
