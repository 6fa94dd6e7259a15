"""What every reader shares: the options, the item type, the size cap, sniffing and decoding.

Nothing here reads a file; the readers in the sibling modules do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from ..errors import InputError
from ..records import Article

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
SNIFF_BYTES = 8192
ENGLISH_WORDS = frozenset("the an of to and is was for on that with by as at from said has have it be are were".split())
MIN_WORDS_FOR_LANGUAGE_CHECK = 40
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
RECORD_FIELDS = ("text", "id", "date", "title", "url", "outlet")

Item = Union[Article, InputError]


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs.

    ``date`` is the publication date for inputs that carry none; ``dates`` maps
    file names to dates (``--dates``); ``columns`` maps our record fields
    (``text``, ``id``, ``date``, ``title``, ``url``, ``outlet``) to the column or
    key names of CSV and JSONL inputs; ``fetch_links`` lets feed readers fetch an
    entry's page when the feed holds only a short summary; ``timeout`` is the
    HTTP timeout in seconds.
    """

    date: str | None = None
    dates: dict[str, str] | None = None  # file name -> date, from --dates
    columns: dict[str, str] | None = None  # our field -> input column/key
    fetch_links: bool = True
    timeout: float = 20.0

    def column(self, field: str) -> str:
        """The input's name for one of our record fields (identity unless mapped)."""
        return (self.columns or {}).get(field, field)


def looks_english(text: str) -> bool:
    """A cheap check: common English function words make up a share of the first words."""
    words = [w.lower() for w in WORD.findall(text[:3000])]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return True  # too short to tell; headlines and single sentences are often light on function words
    return sum(w in ENGLISH_WORDS for w in words) / len(words) >= 0.08


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def not_english(source: str, line: int | None = None) -> InputError:
    return InputError(source, "does not look like English text", line, "tidings codes English news only")


def sniff_problem(data: bytes, name: str) -> InputError | None:
    """An empty or binary input, judged from its first bytes."""
    if not data.strip():
        return InputError(name, "is empty", hint="give a file with article text")
    if b"\x00" in data[:SNIFF_BYTES]:
        return InputError(name, "looks like a binary file, not text", hint="convert it to UTF-8 text or JSONL first")
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from UTF-8 bytes, or from Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", "replace")
        return text, f"not valid UTF-8 (byte {exc.start}); read as Windows-1252 — re-save the file as UTF-8"


_XML_PREAMBLE = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)[^>]*>)", re.DOTALL)
_FIRST_TAG = re.compile(r"\s*<([a-z][\w:.-]*)")


def sniff_kind(head: bytes) -> str | None:
    """``"html"``, ``"feed"`` or ``"warc"`` from the first bytes of a document, else ``None``."""
    text = head[:SNIFF_BYTES].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("WARC/"):
        return "warc"
    text = text.lower()
    while True:
        match = _XML_PREAMBLE.match(text)
        if not match or not match.group(0):
            break
        text = text[match.end():]
    text = text.lstrip()
    if text.startswith("<!doctype html"):
        return "html"
    tag = _FIRST_TAG.match(text)
    if tag is None:
        return None
    if tag.group(1) in ("rss", "feed", "rdf:rdf"):
        return "feed"
    if tag.group(1) in ("html", "head", "body"):
        return "html"
    return None
