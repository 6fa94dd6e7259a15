"""Ingest stage: turn files and stdin into :class:`~tidings.records.Article` records.

``.txt`` files hold one article (the first line is the title); ``.jsonl`` files
hold one article per line (``id``, ``text``, optional ``date``, ``title``,
``url``, ``outlet``). Every problem with one input is yielded as an
:class:`~tidings.errors.InputError` naming the file (and line) and the fix, and
reading goes on with the next input.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Union

from .errors import ConfigError, InputError
from .pipeline import check_date
from .records import Article

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
SNIFF_BYTES = 8192
ENGLISH_WORDS = frozenset("the an of to and is was for on that with by as at from said has have it be are were".split())
MIN_WORDS_FOR_LANGUAGE_CHECK = 40
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

Item = Union[Article, InputError]


@dataclass(frozen=True)
class ReadOptions:
    date: str | None = None
    dates: dict[str, str] | None = None  # file name -> date, from --dates


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Articles (or the problem with each input) from paths; ``-`` is stdin."""
    options = options or ReadOptions()
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        path = Path(name)
        if path.is_dir():
            yield InputError(name, "is a directory", hint=f"pass the files in it, e.g. {name.rstrip('/')}/*.txt")
        elif not path.exists():
            yield InputError(name, "no such file", hint="check the path")
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl_file(path, options)
        else:
            yield from _read_text_file(path, options)


def _read_stream(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Item]:
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from _jsonl_lines(data.decode("utf-8", "replace").splitlines(), name, options)
    else:
        yield from _text_article(data, name, options)


def _read_text_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            yield InputError(
                str(path), f"is {size / 1e6:.0f} MB, too large for one article",
                hint="split it into articles, one per .txt file, or one per line in a .jsonl file",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")
        return
    yield from _text_article(data, str(path), options)


def _text_article(data: bytes, name: str, options: ReadOptions) -> Iterator[Item]:
    problem = _sniff(data, name)
    if problem is not None:
        yield problem
        return
    text, warning = _decode(data)
    if not text.strip():
        yield InputError(name, "is empty", hint="give a file with article text")
        return
    if not looks_english(text):
        yield InputError(name, "does not look like English text", hint="tidings codes English news only")
        return
    title = text.strip().splitlines()[0].strip()
    date = (options.dates or {}).get(Path(name).name, options.date)
    try:
        article = Article(text=text, title=title, date=check_date(date), source=name)
    except ConfigError as exc:
        yield InputError(name, str(exc), hint="use YYYY-MM-DD")
        return
    if warning:
        article.warnings.append(warning)
    yield article


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            problem = _sniff(head, str(path), allow_empty=False)
            if problem is not None:
                yield problem
                return
            handle.seek(0)
            lines = (raw.decode("utf-8", "replace") for raw in handle)
            yield from _jsonl_lines(lines, str(path), options)
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")


def _jsonl_lines(lines: Iterable[str], name: str, options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"not valid JSON ({exc.msg} at column {exc.colno})", number, "fix or remove this line")
            continue
        yield _article_from_record(record, name, number, options)


def _article_from_record(record: object, name: str, number: int, options: ReadOptions) -> Item:
    if not isinstance(record, dict):
        return InputError(name, "line is not a JSON object", number, 'each line must look like {"id": …, "text": …}')
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(name, "record has no 'text'", number, "add the article text in a 'text' field")
    if not looks_english(text):
        return InputError(name, "text does not look like English", number, "tidings codes English news only")
    meta = {k: str(record[k]) for k in ("title", "url", "outlet") if record.get(k) is not None}
    try:
        date = check_date(record.get("date") or options.date)
    except ConfigError as exc:
        return InputError(name, str(exc), number, "use YYYY-MM-DD")
    return Article(text=text, id=str(record.get("id") or ""), date=date, source=f"{name}:{number}", **meta)


def _sniff(data: bytes, name: str, allow_empty: bool = True) -> InputError | None:
    if not data.strip():
        return InputError(name, "is empty", hint="give a file with article text")
    if b"\x00" in data[:SNIFF_BYTES]:
        return InputError(name, "looks like a binary file, not text", hint="convert it to UTF-8 text or JSONL first")
    return None


def _decode(data: bytes) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", "replace")
        return text, f"not valid UTF-8 (byte {exc.start}); read as Windows-1252 — re-save the file as UTF-8"


def looks_english(text: str) -> bool:
    """A cheap check: common English function words make up a share of the first words."""
    words = [w.lower() for w in WORD.findall(text[:3000])]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return True  # too short to tell; headlines and single sentences are often light on function words
    return sum(w in ENGLISH_WORDS for w in words) / len(words) >= 0.08


def read_dates(path: str) -> dict[str, str]:
    """A ``file<TAB>date`` table (for --dates)."""
    dates = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("file\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise InputError(path, "expected 'file<TAB>date'", number)
        dates[parts[0].strip()] = parts[1].strip()
    return dates
