"""What the date grammar's engine and handlers share: the context a date is read in, a handler's
answer, the small word parsers and the rule that picks a yearless period's occurrence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.dates import calendar as cal
from pipeline.dates.calendar import Period
from pipeline.dates.data import DatePattern, DatesData


class NeedsReference(Exception):
    """A relative expression met without a publication date."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A handler's answer: the period, or ``unresolved`` when it needs a publication date."""

    period: Period | None
    unresolved: bool = False
    streak: int | None = None


@dataclass(frozen=True, slots=True)
class Ctx:
    published: dt.date | None
    future: bool = False  # the clause speaks of the future: prefer the next October, not the last
    tense: str | None = None  # the nearest tense marker before the date: "future", "past" or "present"
    fiscal: cal.FiscalCalendar = cal.GREGORIAN  # the calendar of the organisation the sentence is about
    fiscal_sentence: bool = False  # the sentence names a fiscal year, so quarters are fiscal
    forecast: bool = False  # the sentence gives guidance ("expects revenue of", "forecast"): its periods lie ahead
    default_year: int | None = None  # inherited from the other end of a range

    @property
    def pub(self) -> dt.date:
        if self.published is None:
            raise NeedsReference
        return self.published


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    pattern: DatePattern
    match: re.Match[str]
    ctx: Ctx = field(compare=False)


_YR = re.compile(r"^(?:(?P<f>fiscal|financial)\s+(?:year\s+)?|(?P<fy>fy)\s?-?|(?P<cy>cy)\s?|"
                 r"(?:calendar\s+)?(?:year\s+)?)'?(?P<y>\d{4}|\d\d)$", re.IGNORECASE)
_REL_YEAR = re.compile(r"^(?P<rel>.+?)\s+(?:(?P<f>fiscal|financial|calendar)\s+)?year$", re.IGNORECASE)
_THE_YEAR = re.compile(r"^the\s+(?:(?P<f>fiscal|financial|calendar|current)\s+)?year$", re.IGNORECASE)
_BARE_UNIT = re.compile(r"^(?:the\s+)?(?P<unit>month|week|quarter|decade|year|century)$", re.IGNORECASE)
_FISCAL_WORD = re.compile(r"(?<![\w])(?:fiscal|financial\s+year|FY\s?'?\d)", re.IGNORECASE)
_FISCAL_IN_SENTENCE = re.compile(r"(?<![\w])(?:fiscal(?:\s+year)?\s+'?\d{2,4}|FY\s?-?'?\d{2,4}|"
                                 r"fiscal\s+(?:year|quarter|first|second|third|fourth)|financial\s+year)",
                                 re.IGNORECASE)
_EXPLICIT_YEAR = re.compile(r"\d{4}|'\d\d|(?<![\w])(?:FY|CY)\s?\d\d|year", re.IGNORECASE)
_RIGHT_EDGE = re.compile(r"(?![\w])(?![-/.,]\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'(\[])|\n+")
_LEAD_FILLER = re.compile(r"^(?:(?:in|on|at|during|for|of|over|throughout|within|around|about|circa|as\s+of|from|"
                          r"sometime\s+in|sometime|some\s+time\s+in)\s+)+", re.IGNORECASE)
_TRAIL = " \t\n,;:!?)\"'’”"
_RANGE_END = re.compile(r"^(?:now|today|the\s+present(?:\s+day)?|present\s+day|date|current\s+date)$", re.IGNORECASE)
_PREV_WORD = re.compile(r"([\w$£€¥.']+)\W*$")
_UNIT_NORM = {"workweek": "workweek", "working week": "workweek", "weekend": "weekend", "half-year": "half"}
# ordinary English words that are also month names: they need a preposition before them
_STRICT = frozenset({"may", "march", "august"})
_LIST_WORDS = frozenset({"and", "or"})
# "two weeks ago" is a day; "two years ago" is the year
_SHIFT_GRANULARITY = {"week": "day", "fortnight": "day"}
_ANCHORED = re.compile(r"(?<![\w])(?:this|last|next|previous|coming|past|upcoming|following|yesterday|today|tomorrow|"
                       r"ago|now)(?![\w])", re.IGNORECASE)
_SPAN_MONTHS = {"quarter": 3, "three months": 3, "six months": 6, "half": 6, "half-year": 6, "nine months": 9,
                "twelve months": 12, "12 months": 12, "year": 12}


# ---- small parsers ----------------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _number(text: str, data: DatesData) -> int | None:
    t = _norm(text)
    if t.isdigit():
        return int(t)
    if t in data.numbers:
        return data.numbers[t]
    return data.count_words.get(t)


def _ordinal(text: str, data: DatesData) -> int | None:
    t = _norm(text)
    digits = re.match(r"^(\d+)(?:st|nd|rd|th)?$", t)
    if digits:
        return int(digits.group(1))
    if t in ("final", "last"):
        return -1
    return data.ordinals.get(t) or data.numbers.get(t)  # "May twenty-nine"


def _month(text: str, data: DatesData) -> int:
    return data.months[_norm(text).rstrip(".")]


#: the year two-digit years and decades are read against in an undated article: a constant, never the
#: machine's clock, so the same article gives the same output on any day
UNDATED_YEAR = 2025


def _two_digit_year(value: int, ctx: Ctx) -> int:
    ceiling = (ctx.published.year if ctx.published else UNDATED_YEAR) + 10
    return 2000 + value if 2000 + value <= ceiling else 1900 + value


def _unit(text: str, data: DatesData) -> str:
    t = _norm(text)
    return _UNIT_NORM.get(t) or data.units.get(t, t)


def _rel(text: str | None, data: DatesData) -> str | None:
    if not text:
        return None
    return data.rel.get(_norm(text))


def _spelled_year(text: str, data: DatesData) -> int | None:
    """A year said in words: "nineteen ninety-six", "nineteen hundred ninety three", "two thousand and
    fifteen", "twenty twenty" (the ``YEARW`` macro of ``patterns.json``)."""
    words = _norm(text).replace("-", " ").split()
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        rest = words[3:] if words[2:3] == ["and"] else words[2:]
        tail = data.numbers.get(" ".join(rest)) if rest else 0
        return 2000 + tail if tail is not None and tail < 100 else None
    century = data.numbers.get(words[0]) if words else None
    if century is None or not 11 <= century <= 20 or len(words) < 2:
        return None
    rest = words[1:]
    if rest[0] == "hundred":
        rest = rest[2:] if rest[1:2] == ["and"] else rest[1:]
        tail = data.numbers.get(" ".join(rest)) if rest else 0
    elif rest[0] == "oh":
        tail = data.numbers.get(" ".join(rest[1:]))
        tail = tail if tail is not None and tail < 10 else None
    else:
        tail = data.numbers.get(" ".join(rest))
        tail = tail if tail is not None and tail >= 10 else None
    return century * 100 + tail if tail is not None and tail < 100 else None


def _year_text(text: str, ctx: Ctx, data: DatesData) -> int:
    """The year of a date's year part: "2024", "'87", "87" (after "of"), or in words."""
    t = text.strip()
    if t.startswith("'") or (len(t) == 2 and t.isdigit()):
        return _two_digit_year(int(t.lstrip("'")), ctx)
    if t.isdigit():
        return int(t)
    return _year_info(t, ctx, data)[0]


def _year_info(text: str, ctx: Ctx, data: DatesData) -> tuple[int, bool]:
    """(year, fiscal) for a year reference: "2025", "FY25", "fiscal 2024", "last year", "this fiscal year"."""
    t = _norm(text)
    spelled = _spelled_year(t, data) if t[:1].isalpha() else None
    if spelled is not None:
        return spelled, False
    m = _YR.match(t)
    if m:
        y = int(m.group("y"))
        if len(m.group("y")) == 2:
            y = _two_digit_year(y, ctx)
        return y, bool(m.group("f") or m.group("fy"))
    m = _THE_YEAR.match(t)
    delta = 0
    if m is None:
        m = _REL_YEAR.match(t)
        if m is None:
            raise ValueError(text)
        category = _rel(m.group("rel"), data)
        if category is None:
            raise ValueError(text)
        delta = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[category]
    fiscal = (m.group("f") or "").lower() in ("fiscal", "financial")
    end = ctx.fiscal if fiscal else cal.GREGORIAN
    return cal.fiscal_year_of(ctx.pub, end) + delta, fiscal


def _year_period(text: str, ctx: Ctx, data: DatesData) -> Period:
    year, fiscal = _year_info(text, ctx, data)
    return cal.fiscal_year(year, ctx.fiscal) if fiscal else cal.year_period(year)


def _pick(make: Callable[[int], Period | None], ctx: Ctx, around: int | None = None, mode: str | None = None,
          nearest: bool = False, back: int = 8) -> Period | None:
    """The occurrence of a yearless period the context means.

    Default: the latest one that started by the publication date; in a future clause the earliest one
    not yet over; with ``nearest`` in a present-tense clause ("the dividend is payable Jan. 10") the one
    closest to publication.  ``mode`` forces "last" (ended before publication), "next" (starts after it)
    or "this".  ``back``: how many years before publication are tried (a 29 February needs eight; a month
    or a quarter that recurs every year, two).
    """
    if ctx.default_year is not None and mode is None:
        return make(ctx.default_year)
    pub = ctx.pub
    base = around if around is not None else pub.year
    options = [p for p in (make(y) for y in range(base - back, base + 3)) if p is not None and p.start and p.end]
    if not options:
        return None
    if mode == "this":
        same = [p for p in options if p.start and p.start.year == pub.year]
        return same[0] if same else None
    if mode == "last":
        past = [p for p in options if p.end and p.end < pub]
        return past[-1] if past else None
    if mode == "next":
        nxt = [p for p in options if p.start and p.start > pub]
        return nxt[0] if nxt else None
    if ctx.future:
        nxt = [p for p in options if p.end and p.end >= pub]
        if nxt:
            return nxt[0]
    if nearest and ctx.tense == "present":
        return min(options, key=lambda p: _distance(p, pub))
    past = [p for p in options if p.start and p.start <= pub]
    return past[-1] if past else options[0]


def _day_near(day: int, ctx: Ctx) -> Period | None:
    """Day ``day`` of the publication month or the one before or after ("on the 18th"): the latest one by
    publication, the next one in a future clause, the nearest one in a present-tense clause."""
    pub = ctx.pub
    options = [cal.day_period(d) for k in (-1, 0, 1) if (d := _valid(*_month_add(pub.year, pub.month, k), day))]
    if ctx.future:
        later = [p for p in options if p.start and p.start >= pub]
        return later[0] if later else None
    if ctx.tense == "present":
        return min(options, key=lambda p: _distance(p, pub)) if options else None
    earlier = [p for p in options if p.start and p.start <= pub]
    return earlier[-1] if earlier else None


def _distance(period: Period, day: dt.date) -> int:
    """Days from ``day`` to ``period`` (0 inside it); on a tie the earlier period wins through min()."""
    assert period.start is not None and period.end is not None
    if day < period.start:
        return (period.start - day).days
    return max((day - period.end).days, 0)


def _safe(fn: Callable[[], Period]) -> Period | None:
    try:
        return fn()
    except ValueError:
        return None

def _month_add(year: int, month: int, k: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + k, 12)
    return y, m + 1


def _month_day_order(a: int, b: int) -> tuple[int, int]:
    """(month, day) of a numeric date: month first, unless the first number cannot be a month."""
    return (b, a) if a > 12 else (a, b)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None



class HandlerBase:
    """What every handler mixin may use: the language data and the resolution of a sub-expression."""

    data: DatesData

    def inner(self, text: str, ctx: Ctx, max_level: int) -> Resolution | None:
        raise NotImplementedError

    def _target(self, text: str, ctx: Ctx) -> Period | None:
        raise NotImplementedError
