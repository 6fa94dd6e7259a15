"""Time expressions: find them in article text and normalise them TIMEX3-style.

:func:`find_times` returns :class:`~tidings.records.TimeMention` records with article offsets:

- dates: "Jan. 8", "January 8, 2019", "8 January", "2019-01-08", "Monday", "Christmas"
  → ``2019-01-08``; "March 2019", "in March" → ``2019-03``; "in 2018" → ``2018``;
  "the 1990s" → ``199``; "the third quarter" → ``2019-Q3``; "this week" → ``2019-W02``;
- relative to the publication date (``dct``): "yesterday", "last year", "two days ago",
  "earlier this month", "last Friday";
- references: "now", "currently" → ``PRESENT_REF``; "recently" → ``PAST_REF``; "the future" →
  ``FUTURE_REF``;
- durations (type DURATION): "four-day visit" → ``P4D``, "in a year", "the past year" → ``P1Y``,
  "for three weeks" → ``P3W``, "24 hours" → ``PT24H``, "for years" → ``PXY``;
- sets (type SET): "every year", "annually" → ``P1Y``, "every Monday" → ``XXXX-WXX-1``;
- times (type TIME): "Monday morning" → ``2019-01-07TMO``, "last night", "3 p.m." → ``…T15:00``.

Candidates are found with our own precompiled regexes (``dateparser``'s free-text search takes
"may", "second" and "march" the verb for dates); ``dateparser`` only reads numeric dates such as
"1/8/2019" once found. Words live in ``data/time_words.tsv``. Resolution rules, all relative to
the publication date: a bare weekday is the nearest such day within six days, in the past
(the publication day itself included) unless a future cue ("will", "next", "scheduled", … from
the data file) comes shortly before it in the sentence; a day and month without a year is its
nearest occurrence (within six months either side); a bare month is its latest occurrence up to
the publication month, or its next one with a future cue; an ordinal quarter is the latest such
quarter (news reports on quarters past). Without a publication date, relative values keep ``X`` for what is unknown
(``XXXX-WXX-1``) and their precision is ``unknown``; an impossible date ("February 30") is kept
with ``value=None``. Spans follow TimeML: a leading preposition is left out, "the" and modifiers
("early", "the past") are kept.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import data_path, read_table
from .records import TimeMention

__all__ = ["find_times", "is_before"]

Value = tuple[str, str | None]  # (TIMEX3 type, value)


@dataclass(frozen=True)
class _Ctx:
    text: str
    low: str  # text lower-cased, same offsets: the rules run on it (case-insensitive regexes are slow)
    dct: dt.date | None
    lo: int  # start of the search window (future cues are not looked for before it)
    words: _Words


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    handle: Callable[[re.Match[str], _Ctx], Value | None]
    triggers: frozenset[str]  # token keys (see _token_key) of which every match contains one


class _Words:
    """The vocabulary of data/time_words.tsv by kind: ``{kind: {word: value}}``."""

    def __init__(self) -> None:
        table = read_table(data_path("time_words.tsv"))
        self.version = table.version
        self.kinds: dict[str, dict[str, str]] = {}
        for row in table.rows:
            self.kinds.setdefault(row["kind"], {})[row["word"].lower()] = row["value"]

    def get(self, kind: str, word: str) -> str | None:
        key = re.sub(r"\s+", " ", word.lower().replace("’", "'"))
        table = self.kinds[kind]
        return table.get(key) or table.get(key + ".") or table.get(key.rstrip("."))

    def alt(self, *kinds: str) -> str:
        """A regex alternation of the words of these kinds, longest first."""
        words = sorted({w for k in kinds for w in self.kinds[k]}, key=len, reverse=True)
        out = []
        for w in words:
            pat = re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
            out.append(pat[:-2] + r"\.?" if w.endswith(".") else pat)
        return "(?:" + "|".join(out) + ")"

    def number(self, text: str) -> int | None:
        """A count written in digits or words ("24", "twenty-four", "a few" → None = vague)."""
        text = re.sub(r"[\s-]+", " ", text.lower()).strip()
        if re.fullmatch(r"\d[\d,]*", text):
            return int(text.replace(",", ""))
        if text in ("a", "an", "one"):
            return 1
        value = self.kinds["number"].get(text)
        if value is not None:
            return None if value == "X" else int(value)
        tens, _, unit = text.partition(" ")
        if tens in self.kinds["tens"]:
            return int(self.kinds["tens"][tens]) + (int(self.kinds["number"].get(unit, "0")) if unit else 0)
        return None


# ------------------------------------------------------------------------------ value helpers


def _day(d: dt.date) -> str:
    return d.isoformat()


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month(year: int, month: int, shift: int = 0) -> str:
    k = year * 12 + month - 1 + shift
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(c: _Ctx, unit: str, n: int) -> str | None:
    """The publication date moved by ``n`` units, at that unit's precision."""
    d = c.dct
    if d is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(unit, "XXXX")
    if unit in ("D", "TH", "TM", "TS"):
        return _day(d + dt.timedelta(days=n if unit == "D" else 0))
    if unit == "W":
        return _week(d + dt.timedelta(weeks=n))
    if unit == "M":
        return _month(d.year, d.month, n)
    if unit == "Q":
        q = (d.year * 4 + (d.month - 1) // 3) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "DE":
        return f"{(d.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(d.year + 100 * n) // 100:02d}"
    return f"{d.year + n:04d}"


_PRECISION = [(re.compile(r"\d{4}-\d\d-\d\d"), "day"), (re.compile(r"\d{4}-W\d\d"), "week"),
              (re.compile(r"\d{4}-\d\d$"), "month"), (re.compile(r"\d{4}(-(Q\d|H\d|SP|SU|FA|WI))?$"), "year")]


def _precision(kind: str, value: str | None) -> str:
    if value is None or kind in ("DURATION", "SET"):
        return "unknown"
    for regex, name in _PRECISION:
        if regex.match(value):
            return name
    return "unknown"


def _unit_code(c: _Ctx, word: str) -> str:
    return c.words.get("unit", word) or "Y"


def _duration(n: int | None, code: str) -> str:
    if code in ("2W", "Q"):  # ISO 8601 has no fortnight or quarter: weeks and months
        unit, factor = ("W", 2) if code == "2W" else ("M", 3)
        return f"P{factor * n}{unit}" if n is not None else f"PX{unit}"
    count = "X" if n is None else str(n)
    return f"PT{count}{code[1:]}" if code.startswith("T") else f"P{count}{code}"


def _future(c: _Ctx, start: int, end: int) -> bool:
    """Does a future cue come shortly before the expression, in its sentence?"""
    before = c.text[max(c.lo, start - 70):start]
    before = re.split(r"[.!?]\s|\n", before)[-1]
    return _future_regex().search(before) is not None


# ------------------------------------------------------------------------------ rule handlers

_CAPS_ONLY = {"may", "march", "mar", "jan", "sun", "sat", "wed"}
_MONTH_PREV = frozenset(["in", "since", "until", "till", "by", "during", "through", "from", "to", "of", "before", "after", "between", "and", "or", "late", "early", "mid", "last", "next", "this"])
_YEAR_PREV = frozenset(["in", "since", "until", "till", "by", "during", "through", "from", "to", "of", "before", "after", "between", "and", "or", "the", "around", "circa", "early", "late", "mid", "year", "fiscal", "for", "than", "on", "spring", "summer", "fall", "autumn", "winter", "a", "an", "its", "his", "her", "their", "that", "this", "our", "your", "due"])


def _prev_word(c: _Ctx, start: int) -> str:
    m = re.search(r"([A-Za-z']+)[\s,-]*$", c.text[max(0, start - 25):start])
    return m.group(1).lower() if m else ""


def _capital(m: re.Match[str], c: _Ctx, group: str) -> bool:
    """Is the group capitalised in the original text (the rules match lower-cased text)?"""
    return c.text[m.start(group)].isupper()


def _month_num(c: _Ctx, word: str) -> int:
    return int(c.words.get("month", word) or 0)


def _date_parts(m: re.Match[str], c: _Ctx) -> Value | None:
    if not _capital(m, c, "mon"):
        return None
    month, day = _month_num(c, m["mon"]), int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        return "DATE", _day(d) if d else None
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: only impossible dates fail
        return "DATE", None
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    best = None
    for year in (c.dct.year - 1, c.dct.year, c.dct.year + 1):
        d = _safe_date(year, month, day)
        if d and (best is None or abs((d - c.dct).days) < abs((best - c.dct).days)):
            best = d
    return "DATE", _day(best) if best else None


def _iso(m: re.Match[str], c: _Ctx) -> Value | None:
    d = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return "DATE", _day(d) if d else None


def _numeric(m: re.Match[str], c: _Ctx) -> Value | None:
    import dateparser  # only for numeric dates, which are rare: keep the import off the common path

    order = "DMY" if int(m["a"]) > 12 else "MDY"
    parsed = dateparser.parse(m["t"], languages=["en"], settings={"DATE_ORDER": order, "STRICT_PARSING": True})
    return "DATE", parsed.date().isoformat() if parsed else None


def _month_year(m: re.Match[str], c: _Ctx) -> Value | None:
    if not _capital(m, c, "mon"):
        return None
    return "DATE", f"{int(m['year']):04d}-{_month_num(c, m['mon']):02d}"


def _month_rel_year(m: re.Match[str], c: _Ctx) -> Value | None:
    if not _capital(m, c, "mon"):
        return None
    month = _month_num(c, m["mon"])
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    return "DATE", f"{c.dct.year + _REL_SHIFT[m['rel']]:04d}-{month:02d}"


def _spelled_year(m: re.Match[str], c: _Ctx) -> Value | None:
    """ "nineteen ninety-six", "two thousand and eight" (broadcast transcripts spell years out)."""
    if m["hundreds"]:
        rest = c.words.number(m["rest"]) if m["rest"] else 0
        base = c.words.number(m["hundreds"])
        return ("DATE", f"{base * 100 + rest:04d}") if base and rest is not None and rest < 100 else None
    rest = c.words.number(m["rest2"]) if m["rest2"] else 0
    return ("DATE", f"{2000 + rest:04d}") if rest is not None and rest < 100 else None


def _decade_word(m: re.Match[str], c: _Ctx) -> Value | None:
    return "DATE", c.words.get("decade", m["d"])


def _end_of(m: re.Match[str], c: _Ctx) -> Value | None:
    unit = _unit_code(c, m["unit"] or m["unit2"])
    shift = _REL_SHIFT.get((m["rel"] or "this").lower(), 0)
    return "DATE", _shift(c, unit, shift)


def _bare_month(m: re.Match[str], c: _Ctx) -> Value | None:
    word, rel = m["mon"], (m["rel"] or "").lower().split()
    if not _capital(m, c, "mon"):
        return None
    nxt = c.text[m.end():m.end() + 2]
    if not rel and (re.match(r"\s[A-Z]", nxt) or (word.lower().rstrip(".") in _CAPS_ONLY or word.endswith("."))
                    and _prev_word(c, m.start()) not in _MONTH_PREV):
        return None
    month = _month_num(c, word)
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    year = c.dct.year
    if "last" in rel:
        year -= month >= c.dct.month
    elif "next" in rel:
        year += month <= c.dct.month
    elif not rel and _future(c, m.start(), m.end()):
        year += month < c.dct.month
    elif not rel:
        year -= month > c.dct.month  # news tells of months past: "in December", written in February
    return "DATE", f"{year:04d}-{month:02d}"


def _weekday(m: re.Match[str], c: _Ctx) -> Value | None:
    word = m["wd"]
    if not _capital(m, c, "wd") or not (word.endswith(".") or word in c.words.kinds["weekday"]):
        return None  # "Sun" (the company), "Thus": an abbreviated weekday needs its dot
    wd = int(c.words.get("weekday", word) or 1)
    rel = (m["rel"] or "").lower()
    part = c.words.get("daypart", m["part"]) if m["part"] else None
    if m["pl"] or m["pl2"]:
        return "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    if c.dct is None:
        value = f"XXXX-WXX-{wd}"
    else:
        back = (c.dct.isoweekday() - wd) % 7
        if rel in ("next", "coming") or (rel != "last" and rel != "past" and _future(c, m.start(), m.end())):
            ahead = (wd - c.dct.isoweekday()) % 7 or (7 if rel else 0)
            d = c.dct + dt.timedelta(days=ahead)
        elif rel == "this":
            d = c.dct + dt.timedelta(days=wd - c.dct.isoweekday())
        else:
            d = c.dct - dt.timedelta(days=back or (7 if rel in ("last", "past") else 0))
        value = _day(d)
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _deictic(m: re.Match[str], c: _Ctx) -> Value | None:
    word = m["w"].lower()
    part = c.words.get("daypart", m["part"]) if m["part"] else ("NI" if word == "tonight" else None)
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    value = _shift(c, "D", shift)
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _this_part(m: re.Match[str], c: _Ctx) -> Value | None:
    part = c.words.get("daypart", m["part"])
    rel = m["rel"].lower()
    if "last" in rel and part not in ("NI", "EV"):
        return None
    return "TIME", f"{_shift(c, 'D', -1 if 'last' in rel else 0)}T{part}"


_REL_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


def _rel_unit(m: re.Match[str], c: _Ctx) -> Value | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    shift = _REL_SHIFT[rel]
    season = c.words.get("season", unit)
    if season:
        if c.dct is None:
            return "DATE", f"XXXX-{season}"
        year = c.dct.year + shift
        return "DATE", f"{year:04d}-{season}"
    if unit == "weekend":
        return "DATE", (_shift(c, "W", shift) or "XXXX-WXX") + "-WE"
    code = _unit_code(c, unit)
    if m["the"] and rel in ("past", "last", "next", "coming") and not m["mod"]:
        return "DURATION", _duration(1, code)
    return "DATE", _shift(c, code, shift)


_AGE_OR_FRACTION = re.compile(r"[\s-]+old\b|\s+of\b")


def _n_units(m: re.Match[str], c: _Ctx) -> Value | None:
    code = _unit_code(c, m["unit"])
    num_text = m["num"]
    n = c.words.number(num_text)
    if n is None and not re.search(r"few|several|many|some|number", num_text):
        return None
    if n is not None and n >= 1000 and len(num_text) == 4:  # "the 1988 quarter": a year, not a count
        return None
    tail = (m["tail"] or "").strip().lower()
    after = c.low[m.end():m.end() + 5]
    if not tail and (after.startswith(("-old", " old")) or code == "Q" and after.startswith(" of")):
        return None  # an age ("52 years old") or a fraction ("three-quarters of")
    if not tail:
        if n is None and m["rel"]:  # "the past few months", "the coming weeks"
            return "DATE", "PAST_REF" if m["rel"] in ("past", "last", "previous", "recent") else "FUTURE_REF"
        return "DURATION", _duration(n, code)
    sign = -1 if tail in ("ago", "earlier") or tail.startswith("before") else 1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if code == "2W":
        code, n = "W", 2 * n
    if c.dct is not None and code == "D":
        return "DATE", _day(c.dct + dt.timedelta(days=sign * n))
    return "DATE", _shift(c, code, sign * n)


_DUR_PREV = frozenset(["for", "in", "within", "over", "about", "nearly", "almost", "than", "least", "after", "lasting", "past", "only", "just", "entire", "whole", "full"])
_SET_PREV = frozenset(["once", "twice", "thrice", "times", "per"])


def _a_unit(m: re.Match[str], c: _Ctx) -> Value | None:
    code = _unit_code(c, m["unit"])
    tail = (m["tail"] or "").strip().lower()
    if tail:
        sign = -1 if tail in ("ago", "earlier") else 1
        if c.dct is not None and code == "D":
            return "DATE", _day(c.dct + dt.timedelta(days=sign))
        return "DATE", _shift(c, code, sign)
    if code == "Q" and c.low.startswith(" of", m.end()):
        return None  # "a quarter of the vote"
    prev = _prev_word(c, m.start())
    if prev in _SET_PREV:
        return "SET", _duration(1, code)
    if prev in _DUR_PREV:
        return "DURATION", _duration(1, code)
    return None


def _vague_plural(m: re.Match[str], c: _Ctx) -> Value | None:
    rel = m["rel"] or ""
    if rel:  # "in recent years", "in the coming weeks": a vague stretch before or after now
        return "DATE", "FUTURE_REF" if re.search(r"coming|next", rel) else "PAST_REF"
    return "DURATION", _duration(None, _unit_code(c, m["unit"]))


_YEAR_NEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _year(m: re.Match[str], c: _Ctx) -> Value | None:
    if not m["mod"]:
        nxt = c.text[m.end():m.end() + 1]
        prev = _prev_word(c, m.start())
        if prev in ("and", "or") and not _YEAR_NEAR.search(c.text, max(0, m.start() - 16), m.start()):
            return None  # "1990 and 1991" are years; "2000 troops and 1500 police" are not
        if prev not in _YEAR_PREV and not prev.endswith(("'s", "’s")) and nxt not in ("", ".", ",", ";", ":", ")", '"', "'", "\n", "’", "”"):
            return None
    return "DATE", m["year"]


def _decade(m: re.Match[str], c: _Ctx) -> Value | None:
    if m["full"]:
        return "DATE", m["full"][:3]
    base = (c.dct.year if c.dct else 2000) // 100 * 100 + int(m["short"])
    if c.dct and base > c.dct.year:
        base -= 100
    return "DATE", str(base)[:3]


def _century(m: re.Match[str], c: _Ctx) -> Value | None:
    n = int(m["n"])
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter(m: re.Match[str], c: _Ctx) -> Value | None:
    word, unit = m["ord"].lower(), m["unit"].lower()
    year_text = m["y0"] or m["y1"] or m["y2"]
    letter = "H" if unit == "half" else "Q"
    size = 6 if letter == "H" else 3
    if word in _ORD:
        n = _ORD[word] if letter == "Q" else min(_ORD[word], 2)
        if year_text:
            return "DATE", f"{year_text}-{letter}{n}"
        if c.dct is not None and m["ry"]:
            return "DATE", f"{c.dct.year + _REL_SHIFT[m['ry']]:04d}-{letter}{n}"
        if c.dct is None:
            return "DATE", f"XXXX-{letter}{n}"
        current = (c.dct.month - 1) // size + 1
        year = c.dct.year - (n > current)  # the latest such quarter: news reports on quarters past
        return "DATE", f"{year:04d}-{letter}{n}"
    if letter == "H" or c.dct is None:
        return ("DATE", f"XXXX-{letter}X") if letter == "Q" else None
    shift = {"latest": -1, "recent": -1, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(word, 0)
    return "DATE", _shift(c, "Q", shift)


def _q_code(m: re.Match[str], c: _Ctx) -> Value | None:
    if m["y"]:
        return "DATE", f"{m['y']}-Q{m['q']}"
    return "DATE", f"{c.dct.year:04d}-Q{m['q']}" if c.dct else f"XXXX-Q{m['q']}"


def _holiday(m: re.Match[str], c: _Ctx) -> Value | None:
    name = m["h"]
    if not (_capital(m, c, "h") or name.startswith("the ") and c.text[m.start("h") + 4].isupper()):
        return None
    month, day = (int(x) for x in (c.words.get("holiday", name) or "01-01").split("-"))
    if m["year"]:
        return "DATE", f"{m['year']}-{month:02d}-{day:02d}"
    if c.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    rel = (m["rel"] or "").lower()
    options = [dt.date(y, month, day) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)]
    if rel == "last":
        d = max(o for o in options if o < c.dct)
    elif rel == "next":
        d = min(o for o in options if o > c.dct)
    else:
        d = min(options, key=lambda o: abs((o - c.dct).days))  # type: ignore[operator]
    return "DATE", _day(d)


def _season_year(m: re.Match[str], c: _Ctx) -> Value | None:
    return "DATE", f"{m['year']}-{c.words.get('season', m['s'])}"


def _season(m: re.Match[str], c: _Ctx) -> Value | None:
    code = c.words.get("season", m["s"])
    return "DATE", f"{c.dct.year:04d}-{code}" if c.dct else f"XXXX-{code}"


def _ref(m: re.Match[str], c: _Ctx) -> Value | None:
    if re.match(r"\s+of\b", c.text[m.end():m.end() + 4]):
        return None
    return "DATE", c.words.get("ref", m["t"])


def _every(m: re.Match[str], c: _Ctx) -> Value | None:
    word = m["unit"]
    if c.words.get("weekday", word):
        return "SET", f"XXXX-WXX-{c.words.get('weekday', word)}"
    if c.words.get("daypart", word):
        return "SET", f"XXXX-XX-XXT{c.words.get('daypart', word)}"
    if c.words.get("season", word):
        return "SET", f"XXXX-{c.words.get('season', word)}"
    n = c.words.number(m["num"]) if m["num"] else (2 if m["other"] else 1)
    return "SET", _duration(n, _unit_code(c, word))


_ADVERB_NEXT = re.compile(r"\s*(?:[^\w\s]|$|(?:in|on|at|for|from|to|through|since|until|and|or|but)\b)")


def _set_word(m: re.Match[str], c: _Ctx) -> Value | None:
    if _prev_word(c, m.start()) in ("a", "an", "the", "its", "their", "his", "her", "our", "my"):
        return None
    if m["t"] in ("daily", "weekly", "monthly") and not _ADVERB_NEXT.match(c.low, m.end()):
        return None  # "daily flights": an adjective, not how often something happens
    return "SET", c.words.get("set", m["t"])


def _freq(m: re.Match[str], c: _Ctx) -> Value | None:
    return "SET", _duration(1, _unit_code(c, m["unit"]))


def _clock(m: re.Match[str], c: _Ctx) -> Value | None:
    day = _shift(c, "D", 0)
    word = m["t"].lower()
    if word in ("noon", "midday", "midnight"):
        return "TIME", f"{day}T{'24' if word == 'midnight' else '12'}:00"
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if hour > 12 or minute > 59 or hour == 0:
        return None
    pm = m["ap"].lower().startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _weekend(m: re.Match[str], c: _Ctx) -> Value | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or "the").lower())
    if c.dct is None:
        return "DATE", "XXXX-WXX-WE"
    if rel in ("the", "the past"):
        shift = 0 if c.dct.isoweekday() >= 5 else -1
    else:
        shift = {"this": 0, "last": -1, "next": 1, "the coming": 0 if c.dct.isoweekday() < 6 else 1}[rel]
    return "DATE", f"{_shift(c, 'W', shift)}-WE"


# ------------------------------------------------------------------------------ the rules


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


@lru_cache(maxsize=1)
def _future_regex() -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])" + _words().alt("future") + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    w = _words()
    MON, WD, PART, SEASON = w.alt("month"), w.alt("weekday"), w.alt("daypart"), w.alt("season")
    units = {u for u in w.kinds["unit"]}
    UNIT = "(?:" + "|".join(sorted(units, key=len, reverse=True)) + ")"
    UNIT1 = "(?:" + "|".join(sorted((u for u in units if not u.endswith("s") and u != "second"), key=len, reverse=True)) + ")"
    ones = "|".join(sorted((k for k, v in w.kinds["number"].items() if v.isdigit() and int(v) < 10), key=len, reverse=True))
    NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:" + "|".join(w.kinds["tens"]) + r")(?:[\s-]+(?:" + ones + "))?|"
           + w.alt("number")[3:-1] + ")")
    YEAR = r"(?:1[5-9]|20)\d\d"
    L, R = r"(?<![\w])", r"(?!\w)"
    DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\w|[.,:]\d)"
    YEAR_OPT = rf"(?:,?\s+(?P<year>{YEAR}){R})?"
    specs: list[tuple[str, str, Callable[[re.Match[str], _Ctx], Value | None]]] = [
        ("iso", r"(?<![\w-])(?P<t>(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d))(?![\w-])", _iso),
        ("numeric", r"(?<![\w/.])(?P<t>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?:\d{4}|\d\d))(?![\w/])", _numeric),
        ("mdy", rf"{L}(?P<t>(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s*{DAYNUM}{YEAR_OPT})", _date_parts),
        ("dmy", rf"{L}(?P<t>(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?(?P<mon>{MON}){R}{YEAR_OPT})", _date_parts),
        ("month_year", rf"{L}(?P<t>(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of)[\s-]*)?(?P<mon>{MON}),?\s+(?:of\s+)?(?P<year>{YEAR})){R}", _month_year),
        ("quarter", rf"{L}(?P<t>(?:(?P<y0>{YEAR})\s+|(?P<ry>last|this|next)\s+year['’]s\s+)?(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|next|coming|this|recent)[\s-]+(?P<unit>quarter|half)(?:\s+of\s+(?P<y1>{YEAR})|,?\s+(?P<y2>{YEAR})(?!\w))?){R}", _quarter),
        ("q_code", rf"(?<!\w)(?P<t>q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?){R}", _q_code),
        ("season_year", rf"{L}(?P<t>(?:(?:early|late|mid)[\s-]*)?(?:the\s+)?(?P<s>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})){R}", _season_year),
        ("season", rf"{L}(?:in|during|by|until|over)\s+(?P<t>(?:the\s+)?(?:(?:early|late)\s+)?(?P<s>{SEASON})){R}", _season),
        ("holiday", rf"{L}(?P<t>(?:(?P<rel>last|this|next)\s+)?(?P<h>{w.alt('holiday')}){YEAR_OPT}){R}", _holiday),
        ("weekday", rf"{L}(?P<t>(?:(?P<rel>last|this|next|coming|past|early|late)\s+)?(?P<wd>{WD})(?P<pl>s)?(?:\s+(?P<part>{PART})(?P<pl2>s)?)?){R}", _weekday),
        ("deictic", rf"{L}(?P<t>(?:(?:early|late|earlier|later)\s+)?(?P<w>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>{PART}))?){R}", _deictic),
        ("this_part", rf"{L}(?P<t>(?P<rel>this|last|(?:early|late|earlier|later)\s+(?:this|last))\s+(?P<part>{PART})){R}", _this_part),
        ("weekend", rf"{L}(?P<t>(?P<rel>this|last|next|the\s+past|the\s+coming|the)\s+weekend){R}", _weekend),
        ("rel_unit", rf"{L}(?P<t>(?:(?P<mod>early|late|mid|earlier|later)[\s-]*)?(?P<the>the\s+)?(?P<rel>last|this|next|coming|past|previous|current|following)\s+(?:fiscal\s+)?(?P<unit>week|month|year|quarter|decade|century|{SEASON})){R}", _rel_unit),
        ("month_rel_year", rf"{L}(?P<t>(?P<mon>{MON}),?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year){R}", _month_rel_year),
        ("spelled_year", rf"{L}(?P<t>(?:the\s+year\s+)?(?:(?P<hundreds>nineteen|eighteen)(?:\s+hundred)?(?:\s+(?:and\s+)?(?P<rest>{NUM}))?|two\s+thousand(?:\s+(?:and\s+)?(?P<rest2>{NUM}))?)){R}", _spelled_year),
        ("decade_word", rf"{L}(?P<t>the\s+(?:(?:early|late|mid)[\s-]+)?(?P<d>{w.alt('decade')})){R}", _decade_word),
        ("end_of", rf"{L}(?P<t>(?:the\s+)?end\s+of\s+(?:the\s+|(?P<rel>this|last|next)\s+)(?P<unit>year|month|week|quarter)|(?:the\s+)?(?P<unit2>year)['’]?s?[\s-]end){R}", _end_of),
        ("bare_month", rf"{L}(?P<t>(?:(?P<rel>last|this|next|early|late|mid|earlier\s+this|later\s+this)[\s-]+)?(?P<mon>{MON})){R}", _bare_month),
        ("n_units", rf"{L}(?P<t>(?:the\s+)?(?:(?P<rel>past|last|next|coming|first|final|previous|following|latest|other|recent)\s+)?(?:(?:about|nearly|almost|around|roughly|more\s+than|less\s+than|over|under|at\s+least|up\s+to)\s+)?(?P<num>{NUM})(?:-|\s+)(?P<unit>{UNIT})(?P<tail>\s+(?:ago|earlier|later|from\s+now|hence))?){R}", _n_units),
        ("a_unit", rf"{L}(?P<t>(?:a|an|one)\s+(?P<unit>{UNIT1})(?P<tail>\s+(?:ago|earlier|later|from\s+now))?){R}", _a_unit),
        ("long", rf"{L}(?P<t>(?P<unit>{UNIT1})-long){R}", _vague_long),
        ("vague_plural", rf"{L}(?:for|in|over|within|during)\s+(?P<t>(?:(?P<rel>recent|the\s+past|the\s+last|the\s+coming|coming|the\s+next)\s+)?(?P<unit>days|weeks|months|years|decades|centuries)){R}", _vague_plural),
        ("decade", rf"{L}(?P<t>(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<full>(?:1[5-9]|20)\d0)|['’](?P<short>\d0))['’]?s){R}", _decade),
        ("century", rf"{L}(?P<t>(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century){R}", _century),
        ("year", rf"(?<![\w$£€#.,/-])(?P<t>(?:(?P<mod>early|late|mid|fiscal|the\s+end\s+of|the\s+year|calendar)[\s-]+)?(?P<year>{YEAR}))(?![\w%/]|[.,]\d|-\d|\s*(?:%|percent|per\s+cent))", _year),
        ("every", rf"{L}(?P<t>(?:every|each)\s+(?P<other>other\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}|{WD}|{PART}|{SEASON})){R}", _every),
        ("set_word", rf"{L}(?P<t>{w.alt('set')}){R}", _set_word),
        ("freq", rf"{L}(?P<t>(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT1})){R}", _freq),
        ("clock", rf"(?<![\w:.])(?P<t>(?P<h>\d{{1,2}})(?::(?P<m>\d\d))?\s*(?P<ap>[ap]\.m\.|[ap]m){R}|noon|midday|midnight)(?!\w)", _clock),
        ("ref", rf"{L}(?P<t>{w.alt('ref')}){R}", _ref),
    ]
    words = {kind: _trigger_words(w, kind) for kind in w.kinds}
    unit_sg = {u for u in units if not u.endswith("s")}
    plural = units - unit_sg
    triggers: dict[str, set[str]] = {
        "iso": {"#4"}, "numeric": {"#12"}, "mdy": words["month"], "dmy": words["month"],
        "month_year": words["month"], "bare_month": words["month"], "quarter": {"quarter", "half"},
        "q_code": {"q1", "q2", "q3", "q4"}, "season_year": words["season"], "season": words["season"],
        "holiday": words["holiday"], "weekday": words["weekday"] | {d + "s" for d in words["weekday"]},
        "deictic": {"yesterday", "today", "tomorrow", "tonight"}, "this_part": words["daypart"],
        "weekend": {"weekend"}, "rel_unit": words["unit"] | words["season"], "n_units": words["unit"],
        "a_unit": unit_sg, "long": {"long"}, "vague_plural": plural, "decade": {"#s"},
        "century": {"century"}, "year": {"#4"}, "every": {"every", "each"}, "set_word": words["set"],
        "freq": {"once", "twice", "thrice", "times"}, "clock": {"am", "pm", "m", "#mixed", "noon", "midday", "midnight"},
        "ref": words["ref"], "month_rel_year": words["month"], "spelled_year": {"nineteen", "eighteen", "thousand"},
        "decade_word": words["decade"], "end_of": {"end"},
    }
    return tuple(_Rule(name, re.compile(pattern), handle, frozenset(triggers[name]))
                 for name, pattern, handle in specs)


_STOP = frozenset(["the", "a", "an", "at", "in", "of", "on", "these", "those"])


def _trigger_words(w: _Words, kind: str) -> set[str]:
    """Tokens that mark where words of this kind may be: the longest word of each phrase."""
    return {max((t for t in re.findall(r"[a-z]+", phrase) if t not in _STOP), key=len) for phrase in w.kinds[kind]}


def _trie(words: set[str]) -> str:
    """A regex alternation of ``words`` arranged as a trie (Python's re does not do this itself)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return walk(tree)


@lru_cache(maxsize=1)
def _token_regex() -> re.Pattern[str]:
    keys = {k for rule in _rules() for k in rule.triggers if not k.startswith("#")}
    return re.compile(r"\b(?:" + _trie(keys) + r"|\d\w*)\b")


def _token_key(token: str) -> str:
    if not token[0].isdigit():
        return token.lower()
    if token.isdigit():
        return "#4" if len(token) == 4 else "#12" if len(token) <= 2 else "#n"
    return "#s" if token[-1] in "sS" and token[:-1].isdigit() else "#mixed"


@lru_cache(maxsize=1)
def _rules_by_key() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(_rules()):
        for key in rule.triggers:
            index.setdefault(key, []).append(i)
    return {k: tuple(v) for k, v in index.items()}


def _vague_long(m: re.Match[str], c: _Ctx) -> Value | None:
    return "DURATION", _duration(1, _unit_code(c, m["unit"]))


# ------------------------------------------------------------------------------ public API


def _parse_dct(dct: str | None) -> dt.date | None:
    if not dct:
        return None
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


_REACH = 48  # characters a rule's match may extend before or after its trigger token


def _windows(low: str, start: int, end: int) -> dict[int, list[tuple[int, int]]]:
    """For each rule, the merged stretches of text around its trigger tokens: only these are searched.

    Scanning every rule over a whole article costs ~2 ms per 1,000 characters; most of the text
    has no time word, so rules only run near one (about ten times faster).
    """
    by_key = _rules_by_key()
    windows: dict[int, list[tuple[int, int]]] = {}
    for tok in _token_regex().finditer(low, start, end):
        for index in by_key.get(_token_key(tok.group()), ()):
            lo, hi = max(start, tok.start() - _REACH), min(end, tok.end() + _REACH)
            spans = windows.setdefault(index, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return windows


def find_times(text: str, dct: str | None, start: int = 0, end: int | None = None) -> list[TimeMention]:
    """Time expressions in ``text[start:end]``, normalised against the publication date ``dct``.

    ``dct`` is "YYYY-MM-DD" (or None: relative values then keep ``X`` for the unknown parts).
    Offsets are into ``text``. Overlapping candidates: the longest wins, then the earlier rule.
    """
    end = len(text) if end is None else min(end, len(text))
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) grow when lower-cased: keep offsets aligned
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    ctx = _Ctx(text, low, _parse_dct(dct), start, _words())
    found: list[tuple[int, int, int, str, str | None]] = []
    rules = _rules()
    for index, spans in _windows(low, start, end).items():
        regex = rules[index].regex
        for lo, hi in spans:
            for m in regex.finditer(low, lo, hi):
                if m.end() == hi < end:  # the window may have cut the match short: match again in full
                    m = regex.match(low, m.start(), end) or m
                result = rules[index].handle(m, ctx)
                if result is not None:
                    found.append((m.start("t"), m.end("t"), index, *result))
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    taken: list[tuple[int, int, int, str, str | None]] = []  # kept sorted by start
    for cand in found:
        i = bisect.bisect_left(taken, cand[:1])
        if (i == len(taken) or cand[1] <= taken[i][0]) and (i == 0 or taken[i - 1][1] <= cand[0]):
            taken.insert(i, cand)
    mentions = [TimeMention(text[s:e], s, e, kind, value, _precision(kind, value)) for s, e, _, kind, value in taken]
    return _join_clock_and_day(text, mentions)


_CLOCK_GAP = re.compile(r"(?:,?\s+(?:[A-Z]{2,4}|local\s+time|on))?,?\s+$")


def _join_clock_and_day(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """ "10 p.m. Wednesday", "noon Saturday", "5 p.m. EST, Nov. 9": one TIME on that day."""
    out: list[TimeMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "TIME" and prev.value and "T" in prev.value and mention.type == "DATE"
                and mention.precision == "day" and mention.value
                and _CLOCK_GAP.fullmatch(text[prev.end:mention.start])):
            value = f"{mention.value}T{prev.value.split('T', 1)[1]}"
            out[-1] = TimeMention(text[prev.start:mention.end], prev.start, mention.end, "TIME", value, "day")
        else:
            out.append(mention)
    return out


_LEADING_YEAR = re.compile(r"(\d{2,4})")


def is_before(value: str | None, dct: str | None) -> bool | None:
    """Does the TIMEX3 date ``value`` lie wholly in a calendar year before the publication date's?

    True for "2018-05-03", "2018", "199" (the 1990s) or "19" (the 20th century) against a 2019
    date; False when it reaches the publication year or later; None when either is unknown or
    the value is not a date (durations, sets, ``PAST_REF``, ``XXXX-…``).
    """
    published = _parse_dct(dct)
    m = _LEADING_YEAR.match(value or "")
    if published is None or m is None:
        return None
    digits = m.group(1)
    if len(value or "") > len(digits) and not (value or "")[len(digits)] in "-T":
        return None
    last_year = int(digits) * 10 ** (4 - len(digits)) + 10 ** (4 - len(digits)) - 1
    return last_year < published.year
