"""RSS and Atom feeds: one article per entry.

Accepts ``.xml``/``.rss``/``.atom`` files, other files, stdin and URLs that
look like a feed. An entry's text is its full content when that holds at least
:data:`MIN_ENTRY_WORDS` words; otherwise, when ``ReadOptions.fetch_links`` is
on, the page the entry links to is fetched and its article text extracted;
failing that the summary is used, with a warning on the article. Title, URL
(link, else guid), date (published, else updated) come from the entry; the
outlet is the feed's title. A feed that cannot be parsed at all is one
:class:`InputError`; a malformed feed whose entries could still be read gives
its articles a warning.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Iterator, Mapping

import feedparser

from ..errors import ConfigError, InputError
from ..records import Article
from .base import Item, ReadOptions, looks_english, not_english, sniff_kind, word_count
from .dates import lenient_date, normalise_date
from .fetch import FetchError, fetch, is_url
from .html import extract_page, html_to_text, paragraphs_of, with_title

MIN_ENTRY_WORDS = 60
MAX_FEED_BYTES = 50 * 1024 * 1024
# What feedparser flags that does not affect the entries: a wrong charset or content type in the HTTP answer.
HARMLESS_PROBLEMS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
FEED_HINT = "check that the file or URL is an RSS or Atom feed"


def read_feed_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        size = path.stat().st_size
        if size > MAX_FEED_BYTES:
            yield InputError(str(path), f"is {size / 1e6:.0f} MB, too large for a feed", hint="split the feed")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    yield from read_feed_bytes(data, str(path), options)


def read_feed_bytes(data: bytes, source: str, options: ReadOptions, base_url: str | None = None,
                    content_type: str | None = None) -> Iterator[Item]:
    """The entries of one feed document; ``base_url`` and ``content_type`` come from an HTTP answer."""
    if not data.strip():
        yield InputError(source, "is empty", hint=FEED_HINT)
        return
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if parsed.entries and isinstance(problem, HARMLESS_PROBLEMS):
        problem = None
    if not parsed.entries:
        if problem is not None:
            yield InputError(source, f"is not a readable RSS/Atom feed ({problem})", hint=FEED_HINT)
        elif not parsed.get("version"):
            yield InputError(source, "is not an RSS or Atom feed", hint=FEED_HINT)
        return  # a well-formed feed with no entries has nothing to read
    outlet = _text(parsed.feed.get("title")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        item = article_from_entry(entry, f"{source}#entry-{number}", outlet, options)
        if problem is not None and isinstance(item, Article):
            item.warnings.append(f"the feed is malformed ({problem}); its entries may be incomplete")
        yield item


def article_from_entry(entry: Mapping, source: str, outlet: str | None, options: ReadOptions) -> Item:
    """One article from a feed entry (fetching its page when the feed has only a summary)."""
    title = _text(entry.get("title")) or None
    link = entry.get("link") if is_url(entry.get("link") or "") else None
    url = link or entry.get("id") or None
    date = entry_date(entry)
    warnings: list[str] = []
    body = entry_content(entry)
    if word_count(body) < MIN_ENTRY_WORDS:
        page_body, page_date, why = _linked_page(link, options) if options.fetch_links and link else (None, None, "")
        if page_body:
            body, date = page_body, date or page_date
        else:
            body = max(body, html_to_text(entry.get("summary") or ""), key=word_count)
            warnings.append(_summary_warning(body, why, options.fetch_links))
    if not body.strip():
        return InputError(source, "feed entry has no text", hint="the feed gives neither content nor a summary")
    if not looks_english(body):
        return not_english(source)
    origin = "feed" if date else None
    try:
        date = date or normalise_date(options.date)
    except ConfigError as exc:
        return InputError(source, str(exc), hint="use YYYY-MM-DD")
    text = with_title(title, body)
    return Article(text=text, title=title or text.split("\n", 1)[0], date=date, url=url, outlet=outlet,
                   source=source, warnings=warnings, date_source=origin or ("option" if date else None))


def entry_content(entry: Mapping) -> str:
    """The longest full-content text of an entry, as plain text."""
    texts = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        plain = (content.get("type") or "").lower() == "text/plain"
        texts.append(paragraphs_of(value) if plain else html_to_text(value))
    return max(texts, key=word_count, default="")


def entry_date(entry: Mapping) -> str | None:
    """YYYY-MM-DD of publication (as written, else as feedparser parsed it, in UTC)."""
    # dict.get: FeedParserDict.get maps a missing "updated" to "published", with a warning
    written = lenient_date(dict.get(entry, "published"), dict.get(entry, "updated"))
    if written:
        return written
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _linked_page(link: str, options: ReadOptions) -> tuple[str | None, str | None, str]:
    """(text, date, why not) of the page an entry links to."""
    try:
        response = fetch(link, timeout=options.timeout)
    except FetchError as exc:
        return None, None, f"fetching {link} failed: {exc.message}"
    if "html" not in response.media_type and sniff_kind(response.body) != "html":
        return None, None, f"{link} is {response.media_type or 'not HTML'}"
    page = extract_page(response.body, response.url)
    if page is None or isinstance(page, str):
        return None, None, f"no article text found at {link}"
    return page.body, page.date, ""


def _summary_warning(body: str, why: str, fetch_links: bool) -> str:
    reason = why or ("fetching entry links is off" if not fetch_links else "the entry has no link")
    return f"only the feed's {word_count(body)}-word summary was available ({reason}); events may be missed"


def _text(value: object) -> str:
    return " ".join(html_to_text(value).split()) if isinstance(value, str) else ""
