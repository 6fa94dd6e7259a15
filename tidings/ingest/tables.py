"""Tables of articles: JSONL (one JSON object per line) and CSV/TSV (one row per article).

Each record holds ``text`` and optionally ``id``, ``date``, ``title``, ``url``
and ``outlet``; ``ReadOptions.columns`` maps these field names to the input's
own key or column names. Dates may be ISO timestamps or other unambiguous
formats (see :mod:`tidings.ingest.dates`). Files are read a line or row at a
time; a bad line or row is one :class:`InputError` naming the file and line,
and reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import ConfigError, InputError
from ..records import Article
from .base import (
    MAX_ARTICLE_BYTES,
    RECORD_FIELDS,
    SNIFF_BYTES,
    Item,
    ReadOptions,
    looks_english,
    sniff_problem,
)
from .dates import normalise_date

csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))


def read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        with path.open("rb") as handle:
            problem = sniff_problem(handle.read(SNIFF_BYTES), str(path))
            if problem is not None:
                yield problem
                return
            handle.seek(0)
            lines = (raw.decode("utf-8", "replace") for raw in handle)
            yield from jsonl_lines(lines, str(path), options)
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")


def jsonl_lines(lines: Iterable[str], name: str, options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"not valid JSON ({exc.msg} at column {exc.colno})", number, "fix or remove this line")
            continue
        if not isinstance(record, dict):
            example = f'{{"{options.column("id")}": …, "{options.column("text")}": …}}'
            yield InputError(name, "line is not a JSON object", number, f"each line must look like {example}")
            continue
        yield article_from_record(record, name, number, options)


def read_csv_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        with path.open("rb") as raw:
            head = raw.read(SNIFF_BYTES)
            problem = sniff_problem(head, str(path))
            if problem is not None:
                yield problem
                return
            raw.seek(0)
            with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as handle:
                yield from csv_rows(handle, str(path), _delimiter(path, head), options)
    except OSError as exc:
        yield InputError(str(path), f"cannot be read: {exc.strerror or exc}")


def csv_rows(handle: Iterable[str], name: str, delimiter: str, options: ReadOptions) -> Iterator[Item]:
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield InputError(name, f"has no header row ({exc})" if str(exc) else "has no header row")
        return
    text_column = options.column("text")
    if text_column not in header:
        yield InputError(name, f"has no {text_column!r} column (it has {', '.join(map(repr, header))})", 1,
                         "name the text column 'text', or map it: --column text=NAME")
        return
    while True:
        number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(name, f"not a valid CSV row ({exc})", number, "fix or remove this row")
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield article_from_record(dict(zip(header, row)), name, number, options)


def article_from_record(record: Mapping[str, object], name: str, number: int, options: ReadOptions) -> Item:
    """An article from one JSONL object or CSV row, keyed by the input's own names."""
    fields = {field: record.get(options.column(field)) for field in RECORD_FIELDS}
    text = fields["text"]
    if not isinstance(text, str) or not text.strip():
        key = options.column("text")
        return InputError(name, f"record has no {key!r}", number, f"add the article text in a {key!r} field")
    if not looks_english(text):
        return InputError(name, "text does not look like English", number, "tidings codes English news only")
    try:
        given = normalise_date(fields["date"])
        date = given or normalise_date(options.date)
    except ConfigError as exc:
        return InputError(name, str(exc), number, "use YYYY-MM-DD")
    meta = {k: str(fields[k]) for k in ("title", "url", "outlet") if fields[k] not in (None, "")}
    origin = "input" if given else "option" if date else None
    return Article(text=text, id=str(fields["id"] or ""), date=date, source=f"{name}:{number}", date_source=origin, **meta)


def _delimiter(path: Path, head: bytes) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first_line = head.decode("utf-8", "replace").splitlines()[0] if head.strip() else ""
    return max(",;\t", key=first_line.count) if first_line else ","
