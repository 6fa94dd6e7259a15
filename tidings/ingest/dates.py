"""Publication dates: the ``--dates`` table and turning the dates inputs carry into YYYY-MM-DD.

Accepted: ISO dates and timestamps (``2021-02-03``, ``2021-02-03T10:00:00Z``),
year-first numeric dates (``2021/02/03``), e-mail/RSS dates (``Wed, 03 Feb 2021
10:00:00 GMT``) and dates with a month name and a four-digit year (``3 February
2021``, ``Feb 3, 2021 5:00 PM EST``). Numeric day/month orders (``03/02/2021``)
are ambiguous and refused; so are relative dates (``yesterday``).
"""

from __future__ import annotations

import re
from datetime import date as Date
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import ConfigError, InputError
from ..pipeline import check_date
from .base import ReadOptions

ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
YEAR = re.compile(r"\b\d{4}\b")
MONTH_NAME = re.compile(r"[A-Za-z]{3,}")


def read_dates(path: str) -> dict[str, str]:
    """A ``file<TAB>date`` table (for --dates)."""
    dates = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith(("#", "file\t")):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise InputError(path, "expected 'file<TAB>date'", number)
        dates[parts[0].strip()] = parts[1].strip()
    return dates


def date_for_file(name: str, options: ReadOptions) -> str | None:
    """The date the ``--dates`` table gives this file, else the ``--date`` default."""
    return (options.dates or {}).get(Path(name).name, options.date)


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD from a date an input carries; ``None`` stays ``None``; raises ConfigError."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if ISO_START.match(text):
        return check_date(text)
    day = _year_first(text) or _email_date(text) or _named_month_date(text)
    if day is None:
        raise ConfigError(f"date {text!r} is not a YYYY-MM-DD date (nor an unambiguous date with a month name)")
    return day.isoformat()


def lenient_date(*values: object) -> str | None:
    """The first of ``values`` that is a readable date, for metadata where a bad date is no error."""
    for value in values:
        try:
            day = normalise_date(value)
        except ConfigError:
            continue
        if day:
            return day
    return None


def _year_first(text: str) -> Date | None:
    match = YEAR_FIRST.match(text)
    if match is None:
        return None
    try:
        return Date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _email_date(text: str) -> Date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _named_month_date(text: str) -> Date | None:
    if not (YEAR.search(text) and MONTH_NAME.search(text)):
        return None
    import dateparser  # slow to import; only needed for the odd date format

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
