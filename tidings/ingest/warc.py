"""Web archives: ``.warc`` and ``.warc.gz`` files, read a record at a time.

Each ``response`` record with HTTP status 200 and an HTML content type becomes
an article as in :mod:`tidings.ingest.html`, with ``url`` the record's
WARC-Target-URI and, when the page carries no date, the WARC-Date. Other
records (requests, metadata, redirects, 404s, images …) are skipped without a
word. A malformed or truncated record is one :class:`InputError` naming the
archive, the record number and its byte offset; reading then resumes at the
next record that can be found, if any.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import IO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from ..errors import InputError
from .base import MAX_ARTICLE_BYTES, Item, ReadOptions
from .html import article_from_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
CORRUPT_HINT = "the archive is damaged here; the records that could be read were"
# What warcio raises on damaged input (the last three from its parser on cut-off headers).
WARC_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError,
               ValueError, AttributeError, IndexError)


def read_warc_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    with handle:
        yield from warc_records(handle, str(path), options)


def warc_records(handle: IO[bytes], name: str, options: ReadOptions) -> Iterator[Item]:
    """Articles from an open archive, resuming after damaged records."""
    size = os.fstat(handle.fileno()).st_size
    marker = GZIP_MAGIC if handle.read(2) == GZIP_MAGIC[:2] else WARC_MAGIC
    number = 0
    start: int | None = 0
    while start is not None:
        handle.seek(start)
        iterator = ArchiveIterator(handle)
        records = iter(iterator)
        while True:
            try:
                record = next(records)
            except StopIteration:
                failure = None
                break
            except WARC_ERRORS as exc:
                failure = exc
                break
            number += 1
            yield from _record_items(record, iterator, name, number, options)
        offset = iterator.offset
        if failure is not None:
            yield InputError(name, f"record {number + 1} at byte {offset} cannot be read ({failure})",
                             hint=CORRUPT_HINT)
            number += 1
            start = _next_record_start(handle, offset + 1, marker)
        else:
            if _has_more_data(handle, offset, size):
                yield InputError(name, f"ends with a truncated record {number + 1} at byte {offset}", hint=CORRUPT_HINT)
            start = None


def _record_items(record: ArcWarcRecord, iterator: ArchiveIterator, name: str, number: int,
                  options: ReadOptions) -> Iterator[Item]:
    page = _html_payload(record) if _is_html_page(record) else None
    try:
        truncated = _drain(record)
        offset = iterator.get_record_offset()  # only known once the record has been read
    except WARC_ERRORS as exc:
        yield InputError(name, f"record {number} at byte {iterator.offset} cannot be read ({exc})", hint=CORRUPT_HINT)
        return
    if truncated:
        yield InputError(name, f"record {number} at byte {offset} is truncated", hint=CORRUPT_HINT)
        return
    if page is None:
        return
    source = f"{name}#record-{number}"
    if isinstance(page, Exception):
        yield InputError(source, f"the page cannot be read ({page})", hint=CORRUPT_HINT)
        return
    if len(page) > MAX_ARTICLE_BYTES:
        yield InputError(source, f"page is over {MAX_ARTICLE_BYTES / 1e6:.0f} MB, too large for one article")
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    item = article_from_html(page, source, options, url=url, fallback_date=record.rec_headers.get_header("WARC-Date"))
    if url and not isinstance(item, InputError):
        item.url = url
    yield item


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return record.http_headers.get_statuscode() == "200" and content_type.startswith(HTML_TYPES)


def _html_payload(record: ArcWarcRecord) -> bytes | Exception:
    try:
        return record.content_stream().read(MAX_ARTICLE_BYTES + 1)
    except WARC_ERRORS as exc:
        return exc


def _drain(record: ArcWarcRecord) -> bool:
    """Read the rest of the record; True when the archive ended before the record did."""
    stream = record.raw_stream
    while stream.read(CHUNK):
        pass
    return getattr(stream, "limit", 0) > 0


def _has_more_data(handle: IO[bytes], offset: int, size: int) -> bool:
    if offset >= size:
        return False
    handle.seek(offset)
    return bool(handle.read(CHUNK).strip(b"\r\n\t \x00"))


def _next_record_start(handle: IO[bytes], start: int, marker: bytes) -> int | None:
    """Byte offset of the next record header (or gzip member) at or after ``start``."""
    handle.seek(start)
    position, carry = start, b""
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(carry) + found
        carry = window[-(len(marker) - 1):]
        position += len(chunk)
