"""The project's own date grammar: pattern handlers, the text-level finder and full-text resolution.

Patterns live in ``models/dates/patterns.json``; each names a handler here that turns its named
groups into a :class:`~pipeline.dates.calendar.Period`.  Relative expressions resolve against the
publication date; without one they come back unresolved (``Period.unresolved``) rather than being
guessed against today's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pipeline.dates import calendar as cal
from pipeline.dates.calendar import ONE_DAY, Period
from pipeline.dates.data import DatePattern, DatesData, load_dates


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
    fy_end: int = 12  # month the fiscal year of the organisation in the sentence ends
    fiscal_sentence: bool = False  # the sentence names a fiscal year, so quarters are fiscal
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
    return data.ordinals.get(t)


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


def _year_info(text: str, ctx: Ctx, data: DatesData) -> tuple[int, bool]:
    """(year, fiscal) for a year reference: "2025", "FY25", "fiscal 2024", "last year", "this fiscal year"."""
    t = _norm(text)
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
    end = ctx.fy_end if fiscal else 12
    return cal.fiscal_year_of(ctx.pub, end) + delta, fiscal


def _year_period(text: str, ctx: Ctx, data: DatesData) -> Period:
    year, fiscal = _year_info(text, ctx, data)
    return cal.fiscal_year(year, ctx.fy_end) if fiscal else cal.year_period(year)


def _pick(make: Callable[[int], Period | None], ctx: Ctx, around: int | None = None, mode: str | None = None,
          nearest: bool = False) -> Period | None:
    """The occurrence of a yearless period the context means.

    Default: the latest one that started by the publication date; in a future clause the earliest one
    not yet over; with ``nearest`` in a present-tense clause ("the dividend is payable Jan. 10") the one
    closest to publication.  ``mode`` forces "last" (ended before publication), "next" (starts after it)
    or "this".
    """
    if ctx.default_year is not None and mode is None:
        return make(ctx.default_year)
    pub = ctx.pub
    base = around if around is not None else pub.year
    options = [p for p in (make(y) for y in range(base - 8, base + 3)) if p is not None and p.start and p.end]
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


# ---- the engine -----------------------------------------------------------------------------
class Grammar:
    """Finds and resolves time expressions with the patterns of ``models/dates/patterns.json``."""

    def __init__(self, data: DatesData | None = None) -> None:
        self.data = data or load_dates()
        # the handler a pattern of models/dates/patterns.json names, by its name there
        self.handlers: dict[str, Callable[[re.Match[str], Ctx], Resolution | Period | None]] = {
            "ymd": self._h_ymd, "numeric": self._h_numeric, "year_dash": self._h_year_dash,
            "month_year": self._h_month_year, "month_day": self._h_month_day, "day_range": self._h_day_range,
            "month": self._h_month, "weekday": self._h_weekday, "weekday_week": self._h_weekday_week,
            "weekday_day": self._h_weekday_day, "weekend": self._h_weekend, "deictic": self._h_deictic,
            "year": self._h_year, "year_range": self._h_year_range, "decade": self._h_decade,
            "century": self._h_century, "quarter": self._h_quarter, "half": self._h_half,
            "quarter_month": self._h_quarter_month, "rel_unit": self._h_rel_unit, "latest_unit": self._h_latest_unit,
            "rolling": self._h_rolling, "shift": self._h_shift, "in_n": self._h_in_n, "to_date": self._h_to_date,
            "later_this": self._h_later_this, "to_date_end": self._h_to_date_end, "holiday": self._h_holiday,
            "iso_week": self._h_iso_week, "streak": self._h_streak, "part": self._h_part,
            "period_ending": self._h_period_ending, "first_n": self._h_first_n, "week_of": self._h_week_of,
            "nth_week": self._h_nth_week, "range": self._h_range, "since": self._h_since, "by": self._h_by,
            "until": self._h_until, "before": self._h_before, "after": self._h_after, "offset": self._h_offset,
            "onwards": self._h_onwards, "season": self._h_season,
        }
        unknown = {p.handler for p in self.data.patterns} - set(self.handlers) - {"ignore"}
        if unknown:
            from pipeline.errors import DataFileError

            raise DataFileError(f"dates/patterns.json: unknown handler(s) {sorted(unknown)}")
        self.by_level = {lvl: tuple(p for p in self.data.patterns if p.level == lvl) for lvl in (0, 1, 2)}
        # an operand never is a standalone pattern ("until now" is no period from now to now)
        self.operand_levels = {lvl: tuple(p for p in ps if not p.standalone) for lvl, ps in self.by_level.items()}
        # cue classes as bits: a sentence's mask is computed once, and the patterns it admits are
        # worked out once per distinct mask, so a sentence loops only over patterns that can match
        bits = {name: 1 << i for i, name in enumerate(self.data.cue_regexes)}
        self.cue_bits = tuple((bits[name], rx) for name, rx in self.data.cue_regexes.items())
        self.cue_masks = tuple(tuple(sum(bits[name] for name in alt) for alt in p.cues) for p in self.data.patterns)
        self._admitted: dict[int, tuple[tuple[int, DatePattern], ...]] = {}

    # -- context --------------------------------------------------------------------------------
    def context(self, sentence: str, published: dt.date | None, before: str = "") -> Ctx:
        """The context a sentence gives: its organisation's fiscal year and whether it speaks of the future."""
        fy_end = 12
        fiscal_sentence = bool(_FISCAL_IN_SENTENCE.search(sentence))
        if fiscal_sentence and self.data.fiscal_names is not None:
            found = self.data.fiscal_names.search(sentence)
            if found:
                fy_end = self.data.fiscal_end[found.group(0)]
        tense = self.tense(before, 0, len(before))
        return Ctx(published, future=tense == "future", tense=tense, fy_end=fy_end, fiscal_sentence=fiscal_sentence)

    def tense(self, text: str, lo: int, hi: int) -> str | None:
        """The tense of the nearest marker in ``text[lo:hi]`` (the words before a date): the verb closest
        to the date governs it, so a future verb earlier in the sentence does not move a past period
        ("plans to close the unit and recorded a charge in the second quarter")."""
        data = self.data
        last: str | None = None
        for m in data.tense_markers.finditer(text, lo, hi):
            kind = m.lastgroup
            if kind == "ed":
                word = m.group(0).lower()
                prev = text[max(lo, m.start() - 30):m.start()].split()
                prev_word = prev[-1].lower() if prev else ""
                if word in data.not_past or prev_word in data.adjective_before or prev_word.endswith(("'s", "’s")) \
                        or prev_word[:1].isdigit():
                    continue  # an adjective ("an advanced chip", "the company's redesigned phone") or a passive
                kind = "past"
            last = kind
        return last

    # -- resolution of one expression -------------------------------------------------------------
    def run(self, pattern: DatePattern, m: re.Match[str], ctx: Ctx) -> Resolution | None:
        if pattern.handler == "ignore":
            return Resolution(None)
        try:
            out = self.handlers[pattern.handler](m, ctx)
        except NeedsReference:
            return Resolution(None, unresolved=True)
        except (ValueError, KeyError, OverflowError):
            return None
        if out is None or isinstance(out, Resolution):
            return out
        if not out.future and ctx.published is not None and out.start is not None and out.start > ctx.published:
            out = out.with_(future=True)
        return Resolution(out, streak=out.streak)

    def inner(self, text: str, ctx: Ctx, max_level: int) -> Resolution | None:
        """A sub-expression (a range's end, a part's target) matched whole."""
        return _inner_cached(self, text.strip(), ctx, max_level)

    def _inner(self, text: str, ctx: Ctx, max_level: int) -> Resolution | None:
        for level in range(max_level, -1, -1):
            for p in self.operand_levels[level]:
                m = p.regex.fullmatch(text)
                if m is None:
                    continue
                res = self.run(p, m, ctx)
                if res is not None and (res.period is not None or res.unresolved or res.streak):
                    return res
        return None

    def full(self, text: str, ctx: Ctx) -> tuple[Resolution, DatePattern] | None:
        """The whole text as one expression (leading prepositions such as "in" or "on" allowed)."""
        whole = text.strip().strip(_TRAIL)
        body = _LEAD_FILLER.sub("", whole)
        for candidate in dict.fromkeys((body, body.rstrip("."), whole)):  # whole: "at present"
            for level in (2, 1, 0):
                for p in self.by_level[level]:
                    m = p.regex.fullmatch(candidate)
                    if m is None:
                        continue
                    if p.handler == "ignore":
                        return Resolution(None), p  # a comparison baseline such as "a year earlier"
                    res = self.run(p, m, ctx)
                    if res is not None and (res.period is not None or res.unresolved or res.streak):
                        return res, p
        return None

    # -- finding in running text ------------------------------------------------------------------
    def find(self, text: str, published: dt.date | None) -> list[tuple[Candidate, Resolution]]:
        """Every time expression in ``text``: longest non-overlapping matches that resolve."""
        if not text:
            return []
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        sent_ctx: dict[tuple[int, int], Ctx] = {}  # by (sentence, offset); (sentence, -1): the sentence's own
        found: list[tuple[int, int, int, DatePattern, re.Match[str]]] = []
        verified: dict[tuple[int, int, int], Resolution] = {}
        for order, p in self.admitted(self.cue_mask(text)):
            if p.level == 2 and not found:
                break
            if p.standalone:
                continue
            if p.anchored:
                atom_starts = sorted({f[0] for f in found if f[3].level < 2})
                matches = [m for s in atom_starts if (m := p.regex.match(text, s)) is not None]
            else:
                matches = list(p.regex.finditer(text))
            for m in matches:
                if p.level == 0:
                    if m.end() > m.start() and self._plausible(p, m, text):
                        found.append((m.start(), m.end(), order, p, m))
                    continue
                # composites and operators: resolve now, and on failure retry on a shorter stretch
                tries: re.Match[str] | None = m
                for _ in range(8):
                    if tries is None:
                        break
                    ok = _RIGHT_EDGE.match(text, tries.end()) is not None
                    index = bisect.bisect_right(starts, tries.start()) - 1
                    ctx = self._ctx_at(text, published, starts, ends, index, tries.start(), sent_ctx)
                    res = self.run(p, tries, ctx) if ok and self._plausible(p, tries, text) else None
                    if res is not None and (res.period is not None or res.unresolved or res.streak):
                        found.append((tries.start(), tries.end(), order, p, tries))
                        verified[(tries.start(), tries.end(), order)] = res
                        break
                    cut = max(text.rfind(" ", tries.start(), tries.end() - 1),
                              text.rfind("-", tries.start(), tries.end() - 1))
                    if cut <= tries.start():
                        break
                    tries = p.regex.match(text, tries.start(), cut)
        found.sort(key=lambda f: (-(f[1] - f[0]), f[3].level, f[2], f[0]))
        taken: list[tuple[int, int]] = []
        out: list[tuple[Candidate, Resolution]] = []
        for start, end, order, p, m in found:
            if any(start < e and s < end for s, e in taken):
                continue
            index = bisect.bisect_right(starts, start) - 1
            ctx = self._ctx_at(text, published, starts, ends, index, start, sent_ctx)
            if p.handler == "in_n" and not ctx.future:
                continue
            res = verified.get((start, end, order)) or self.run(p, m, ctx)
            if res is None:
                continue
            taken.append((start, end))
            if res.period is None and not res.unresolved and not res.streak:
                continue  # an "ignore" pattern: it only blocks shorter matches
            out.append((Candidate(start, end, p, m, ctx), res))
        out.sort(key=lambda pair: pair[0].start)
        return out

    def cue_mask(self, text: str) -> int:
        """The cue classes that occur in ``text``, as bits."""
        low = text.lower()
        mask = 0
        for bit, regex in self.cue_bits:
            if regex.search(low):
                mask |= bit
        return mask

    def admitted(self, mask: int) -> tuple[tuple[int, DatePattern], ...]:
        """(order, pattern) of the patterns whose cues a text with cue ``mask`` has, in pattern order."""
        admitted = self._admitted.get(mask)
        if admitted is None:
            admitted = self._admitted[mask] = tuple(
                (order, p) for order, p in enumerate(self.data.patterns)
                if not self.cue_masks[order] or any(mask & alt == alt for alt in self.cue_masks[order]))
        return admitted

    def _ctx_at(self, text: str, published: dt.date | None, starts: list[int], ends: list[int], index: int,
                at: int, cache: dict[tuple[int, int], Ctx]) -> Ctx:
        """The context of the sentence ``index``, with the tense of the words before ``at``."""
        ctx = cache.get((index, at))
        if ctx is None:
            sentence = cache.get((index, -1))
            if sentence is None:
                sentence = cache[(index, -1)] = self.context(text[starts[index]:ends[index]], published)
            tense = self.tense(text, starts[index], at)
            ctx = cache[(index, at)] = replace(sentence, future=tense == "future", tense=tense)
        return ctx

    def _plausible(self, p: DatePattern, m: re.Match[str], text: str) -> bool:
        """Reject bare years and bare month names that running text uses otherwise ("2000 pieces", "may")."""
        data = self.data
        groups = m.groupdict()
        prev = _PREV_WORD.search(text, 0, m.start())
        prev_word = prev.group(1).lower().rstrip(".") if prev else ""
        if prev_word.endswith("'s") and prev_word[:-2] in ("his", "her", "their", "its"):
            prev_word = prev_word[:-2]
        for key in ("month", "weekday"):
            word = groups.get(key)
            if word and _norm(word).rstrip(".") in data.ambiguous_words:
                has_digit = any(ch.isdigit() for ch in m.group(0))
                capital = word[:1].isupper()
                context = data.month_context if _norm(word) in _STRICT else data.month_context | _LIST_WORDS
                listed = text[max(0, m.start() - 2):m.start()].strip() == "," and _norm(word) not in _STRICT
                if not ((groups.get("rel") and capital) or groups.get("yr") or prev_word in context or listed
                        or (has_digit and capital) or word.endswith(".")):
                    return False
        if p.handler == "year" and groups.get("yr") and _norm(groups["yr"]).isdigit():
            year = int(groups["yr"])
            if not 1900 <= year <= 2100:
                return False
            if prev_word in data.not_year_before or text[max(0, m.start() - 1):m.start()] in "$£€¥#":
                return False
            if re.search(r"\d\s*[-/–]\s*$", text[max(0, m.start() - 4):m.start()]) or \
                    re.match(r"\s*[-/–]\s*\d", text[m.end():m.end() + 4]):
                return False
            after = text[m.end():m.end() + 12]
            plural_after = re.match(r"\s*(?:%|percent|per\s?cent|[a-z]+s\b)", after, re.IGNORECASE)
            if plural_after and prev_word not in data.year_context:
                return False
            if prev_word in data.year_context or not after.strip() or re.match(r"\s*(?:[,.;:)!?\"'’”]|'s|’s|$)", after):
                return True
            return bool(re.match(r"\s+(?:and|or|to|through|until|compared|versus|vs\.?|when|as|with|after|"
                                 r"before|amid|on|in|at|from|levels?|figures?|results?)\b", after, re.IGNORECASE))
        if p.id == "numeric_day_month":
            return prev_word in ("on", "from", "until", "till", "by", "to", "between", "and", "or", "through") or bool(
                re.search(r"\d{1,2}/\d{1,2},?\s*$", text[max(0, m.start() - 8):m.start()]))
        if p.handler == "to_date_end":
            return prev_word not in ("up", "equals", "equal") and not re.match(r"\s*\d", text[m.end():m.end() + 3])
        if p.id == "present_ref" and prev_word in ("the", "a", "an", "than"):
            return False  # "the now defunct", "more than now"
        if p.id == "decade_word":
            starts_the = m.group(0).lower().startswith("the ")
            return starts_the or prev_word in ("in", "during", "since", "through", "early", "mid", "late")
        return True

    # -- handlers: atoms --------------------------------------------------------------------------
    def _h_ymd(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        return cal.day_period(dt.date(int(m["year"]), int(m["month"]), int(m["day"])))

    def _h_numeric(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a, b = int(m["a"]), int(m["b"])
        month, day = (b, a) if a > 12 else (a, b)
        if m.groupdict().get("year"):
            y = int(m["year"])
            if len(m["year"]) == 2:
                y = _two_digit_year(y, ctx)
            return cal.day_period(dt.date(y, month, day))
        return _pick(lambda y: _safe(lambda: cal.day_period(dt.date(y, month, day))), ctx, nearest=True)

    def _h_year_dash(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        year, nn = int(m["year"]), m["nn"]
        if len(nn) == 2 and int(nn) == (year + 1) % 100:
            return Period(dt.date(year, 1, 1), dt.date(year + 1, 12, 31), "range")
        if 1 <= int(nn) <= 12 and not (len(nn) == 2 and int(nn) > year % 100 and nn[0] != "0"):
            return cal.month_period(year, int(nn))
        return None

    def _h_month_year(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        month = int(g["mnum"]) if g.get("mnum") else _month(g["month"], self.data)
        text = g["yr"]
        year = _two_digit_year(int(text[1:]), ctx) if text.startswith("'") else _year_info(text, ctx, self.data)[0]
        return cal.month_period(year, month)

    def _h_month_day(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        month = _month(g["month"], self.data)
        day = _ordinal(g["day"], self.data)
        if day is None or day < 1:
            return None
        if g.get("yr"):
            text = g["yr"]
            year = _two_digit_year(int(text[1:]), ctx) if text.startswith("'") else int(text)
            return cal.day_period(dt.date(year, month, day))
        weekday = self.data.weekdays.get(_norm(g["weekday"]).rstrip(".")) if g.get("weekday") else None
        if weekday is not None and ctx.published is not None and ctx.default_year is None:
            fits = [d for y in range(ctx.pub.year - 6, ctx.pub.year + 7)
                    if (d := _valid(y, month, day)) is not None and d.weekday() == weekday]
            if fits:
                return cal.day_period(min(fits, key=lambda d: (abs((d - ctx.pub).days), d > ctx.pub)))
        return _pick(lambda y: _safe(lambda: cal.day_period(dt.date(y, month, day))), ctx, nearest=True)

    def _h_day_range(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        month = _month(g["month"], self.data)
        d1, d2 = _ordinal(g["d1"], self.data), _ordinal(g["d2"], self.data)
        if not d1 or not d2 or d2 <= d1 or (g.get("and") and not g.get("between")):
            return None

        def make(y: int) -> Period | None:
            try:
                return Period(dt.date(y, month, d1), dt.date(y, month, d2), "range")
            except ValueError:
                return None

        if g.get("yr"):
            return make(int(g["yr"]))
        return _pick(make, ctx, nearest=True)

    def _h_month(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        month = _month(g["month"], self.data)
        if g.get("relyear"):
            return cal.month_period(_year_info(g["relyear"], ctx, self.data)[0], month)
        category = _rel(g.get("rel"), self.data)
        mode = {"this": "this", "last": "last", "past": "last", "next": "next", "coming": "next"}.get(category or "")
        return _pick(lambda y: cal.month_period(y, month), ctx, mode=mode, nearest=True)

    def _h_season(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        first = self.data.seasons[_norm(g["season"])]

        def make(y: int) -> Period:
            # three months from the season's first; winter Y is the one holding January of Y
            return cal.months_span(y - 1 if first == 12 else y, first, 3, "range")

        if g.get("yr"):
            return make(int(g["yr"] or 0))
        category = _rel(g.get("rel"), self.data)
        if category == "this":
            pub = ctx.pub
            return min((make(y) for y in range(pub.year - 1, pub.year + 2)), key=lambda p: _distance(p, pub))
        mode = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(category or "")
        return _pick(make, ctx, mode=mode)

    def _weekday_in(self, week: Period, weekday: int) -> Period:
        assert week.start is not None
        return cal.day_period(week.start + dt.timedelta(days=weekday))

    def _h_weekday(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        weekday = self.data.weekdays[_norm(m["weekday"]).rstrip(".")]
        category = _rel(m.groupdict().get("rel"), self.data)
        pub = ctx.pub
        this_week = cal.week_period(pub)
        if category == "this":
            return self._weekday_in(this_week, weekday)
        if category == "last":
            return self._weekday_in(cal.week_period(pub - dt.timedelta(days=7)), weekday)
        if category == "next":
            return self._weekday_in(cal.week_period(pub + dt.timedelta(days=7)), weekday)
        back = (pub.weekday() - weekday) % 7
        ahead = (weekday - pub.weekday()) % 7
        if category == "past":
            return cal.day_period(pub - dt.timedelta(days=back or 7))
        if category == "coming":
            return cal.day_period(pub + dt.timedelta(days=ahead or 7), ).with_(future=True)
        if ctx.future or (ctx.tense == "present" and ahead < back):
            return cal.day_period(pub + dt.timedelta(days=ahead)).with_(future=ahead > 0)
        return cal.day_period(pub - dt.timedelta(days=back))

    def _h_weekday_week(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        weekday = self.data.weekdays[_norm(m["weekday"]).rstrip(".")]
        week_text = _norm(m["week"])
        category = _rel(week_text.rsplit(" ", 1)[0], self.data)
        offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}.get(category or "")
        if offset is None:
            return None
        week = cal.week_period(ctx.pub + dt.timedelta(days=7 * offset))
        return self._weekday_in(week, weekday).with_(future=offset > 0)

    def _h_weekday_day(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        weekday = self.data.weekdays[_norm(m["weekday"]).rstrip(".")]
        day = _ordinal(m["day"], self.data)
        if not day or not 1 <= day <= 31:
            return None
        pub = ctx.pub
        fits = [d for k in range(-14, 15) if (d := _valid(*_month_add(pub.year, pub.month, k), day)) is not None
                and d.weekday() == weekday]
        if not fits:
            return None
        if ctx.future:
            later = [d for d in fits if d >= pub]
            return cal.day_period(later[0]) if later else None
        return cal.day_period(min(fits, key=lambda d: (abs((d - pub).days), d > pub)))

    def _h_weekend(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        pub = ctx.pub
        saturday = pub + dt.timedelta(days=5 - pub.weekday())
        if not ctx.future and pub < saturday:
            saturday -= dt.timedelta(days=7)
        return Period(saturday, saturday + ONE_DAY, "range")

    def _h_deictic(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        word = _norm(m["word"]).removeprefix("the ")
        offsets = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                   "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
                   "tmrw": 1, "day before yesterday": -2, "day after tomorrow": 2,
                   # "now", "currently": the claim holds as of publication
                   "now": 0, "right now": 0, "currently": 0, "at present": 0, "presently": 0}
        offset = offsets[word]
        return cal.day_period(ctx.pub + dt.timedelta(days=offset)).with_(future=offset > 0)

    def _h_year(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        year, fiscal = _year_info(g["yr"], ctx, self.data)
        fiscal = fiscal or (g.get("fy") or "").lower() in ("fiscal", "financial")
        return cal.fiscal_year(year, ctx.fy_end) if fiscal else cal.year_period(year)

    def _h_year_range(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a, b_text = int(m["a"]), m["b"]
        if len(b_text) == 2:
            b = a - a % 100 + int(b_text)
            if not a < b <= a + 10:
                return None
        else:
            b = int(b_text)
        if b <= a or b - a > 100:
            return None
        return Period(dt.date(a, 1, 1), dt.date(b, 12, 31), "range")

    def _decade_start(self, g: dict[str, str | None], ctx: Ctx) -> int:
        if g.get("dec"):
            return int(g["dec"] or 0)
        dec2 = g.get("dec2")
        value = int(dec2) if dec2 else self.data.decade_words[_norm(g["decword"] or "")]
        ceiling = ctx.published.year if ctx.published else UNDATED_YEAR
        return 2000 + value if 2000 + value <= ceiling else 1900 + value

    def _h_decade(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        period = cal.decade_period(self._decade_start(g, ctx))
        if g.get("part"):
            return cal.part_of(period, self.data.parts[_norm(g["part"] or "")], self.data.part_ranges)
        return period

    def _h_century(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _ordinal(m["cent"], self.data)
        if not n or n < 1:
            return None
        first = (n - 1) * 100
        return Period(dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), "range")

    def _fiscal(self, m: re.Match[str], ctx: Ctx) -> bool:
        return bool(_FISCAL_WORD.search(m.group(0))) or ctx.fiscal_sentence

    def _h_quarter(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        q_text = _norm(g["q"])
        q = 4 if q_text in ("final", "last") else (_ordinal(q_text, self.data) or 0)
        if not 1 <= q <= 4:
            return None
        return self._sub_year(m, ctx, lambda y, end: cal.quarter_period(y, q, end))

    def _h_half(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        h_text = _norm(m["h"])
        h = {"first": 1, "1st": 1, "front": 1, "second": 2, "2nd": 2, "latter": 2, "back": 2}.get(h_text)
        h = h or int(h_text)
        return self._sub_year(m, ctx, lambda y, end: cal.half_period(y, h, end))

    def _sub_year(self, m: re.Match[str], ctx: Ctx, make: Callable[[int, int], Period]) -> Period | None:
        g = m.groupdict()
        fiscal = self._fiscal(m, ctx)
        year_text = g.get("yr") or g.get("yr_of") or g.get("yrpre")
        if year_text:
            year_text = year_text.strip()
            if year_text.startswith("'"):
                year, text_fiscal = _two_digit_year(int(year_text[1:]), ctx), False
            else:
                year, text_fiscal = _year_info(year_text, ctx, self.data)
            end = ctx.fy_end if (fiscal or text_fiscal) else 12
            return make(year, end)
        end = ctx.fy_end if fiscal else 12
        around = cal.fiscal_year_of(ctx.pub, end) if ctx.default_year is None else None
        return _pick(lambda y: make(y, end), ctx, around=around)

    def _h_quarter_month(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        last = _month(g["month"], self.data)
        if g.get("m1"):
            first = _month(g["m1"], self.data)
            if (last - first) % 12 != 2:
                return None

        def make(y: int) -> Period:
            first_day = cal.add_months(dt.date(y, last, 1), -2)
            return cal.months_span(first_day.year, first_day.month, 3, "quarter")

        if g.get("yr"):
            return make(_year_info(g["yr"], ctx, self.data)[0])
        return _pick(make, ctx)

    def _h_rel_unit(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        category = _rel(g["rel"], self.data)
        unit = _unit(g["unit"], self.data)
        fiscal = bool(g.get("fy")) and "calendar" not in (g.get("fy") or "").lower()
        end_month = ctx.fy_end if fiscal else 12
        pub = ctx.pub
        if unit in ("weekend", "workweek"):
            offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[category or "this"]
            week = cal.week_period(pub + dt.timedelta(days=7 * offset))
            assert week.start is not None
            lo, hi = (5, 6) if unit == "weekend" else (0, 4)
            return Period(week.start + dt.timedelta(days=lo), week.start + dt.timedelta(days=hi), "range",
                          future=offset > 0)
        if category == "past" and unit not in ("quarter", "half"):
            return Period(cal.shift(pub, -1, unit), pub, "range")
        if unit == "decade" and category in ("next", "coming"):
            return Period(pub + ONE_DAY, cal.shift(pub, 10, "year"), "range", future=True)
        current = cal.unit_period(pub, unit, end_month)
        assert current.start is not None and current.end is not None
        if category == "this":
            return current
        if category in ("last", "past"):
            return cal.unit_period(current.start - ONE_DAY, unit, end_month)
        return cal.unit_period(current.end + ONE_DAY, unit, end_month).with_(future=True)

    def _h_latest_unit(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        unit = _unit(m["unit"], self.data)
        end_month = ctx.fy_end if m.groupdict().get("fy") else 12
        current = cal.unit_period(ctx.pub, unit, end_month)
        assert current.start is not None
        return cal.unit_period(current.start - ONE_DAY, unit, end_month)

    def _h_rolling(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _number(m["n"], self.data)
        unit = _unit(m["unit"], self.data)
        category = _rel(m["dir"], self.data) or {"upcoming": "coming", "prior": "last"}.get(_norm(m["dir"]), "next")
        if not n:
            return None
        pub = ctx.pub
        forward = category in ("next", "coming")
        if unit in ("quarter", "half"):
            current = cal.unit_period(pub, unit)
            assert current.start is not None and current.end is not None
            if forward:
                last = cal.unit_period(cal.shift(current.start, n, unit), unit)
                return Period(current.end + ONE_DAY, last.end, "range", future=True)
            first = cal.unit_period(cal.shift(current.start, -n, unit), unit)
            return Period(first.start, current.start - ONE_DAY, "range")
        if forward:
            return Period(pub + ONE_DAY, cal.shift(pub, n, unit), "range", future=True)
        return Period(cal.shift(pub, -n, unit), pub, "range")

    def _h_shift(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _number(m["n"], self.data)
        unit = _unit(m["unit"], self.data)
        if not n:
            return None
        direction = _norm(m["dir"])
        base = ctx.pub
        if direction.endswith("tomorrow"):
            base += ONE_DAY
        elif direction.endswith("yesterday"):
            base -= ONE_DAY
        sign = -1 if direction in ("ago", "before today", "before yesterday") else 1
        when = cal.shift(base, sign * n, unit)
        return cal.unit_period(when, _SHIFT_GRANULARITY.get(unit, unit)).with_(future=when > ctx.pub)

    def _h_in_n(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _number(m["n"], self.data)
        unit = _unit(m["unit"], self.data)
        if not n:
            return None
        when = cal.shift(ctx.pub, n, unit)
        return cal.unit_period(when, _SHIFT_GRANULARITY.get(unit, unit)).with_(future=True)

    def _h_to_date(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        unit = "year" if g.get("ytd") else _unit(g.get("unit") or g.get("unit2") or g.get("unit3") or "", self.data)
        current = cal.unit_period(ctx.pub, unit)
        return Period(current.start, ctx.pub, "range")

    def _h_later_this(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        current = cal.unit_period(ctx.pub, _unit(m["unit"], self.data))
        return Period(ctx.pub, current.end, "range", future=True)

    def _h_to_date_end(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        return Period(None, ctx.pub, "range")

    def _holiday_on(self, name_or_id: str, year: int) -> dt.date:
        h = self.data.holidays.get(name_or_id) or self.data.holiday_ids[name_or_id]
        if h.easter is not None:
            return cal.easter(year) + dt.timedelta(days=h.easter)
        if h.after is not None:
            return self._holiday_on(h.after, year) + dt.timedelta(days=h.days)
        assert h.month is not None
        if h.day is not None:
            return dt.date(year, h.month, h.day)
        assert h.weekday is not None and h.nth is not None
        return cal.nth_weekday(year, h.month, h.weekday, h.nth)

    def _h_holiday(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        name = _norm(g["holiday"])
        if g.get("yr"):
            return cal.day_period(self._holiday_on(name, int(g["yr"] or 0)))
        category = _rel(g.get("rel"), self.data)
        mode = {"this": "this", "last": "last", "past": "last", "next": "next", "coming": "next"}.get(category or "")
        return _pick(lambda y: cal.day_period(self._holiday_on(name, y)), ctx, mode=mode)

    def _h_iso_week(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = int(m["n"])
        year = _year_info(m["yr"], ctx, self.data)[0] if m.groupdict().get("yr") else ctx.pub.year
        return cal.iso_week(year, n)

    def _h_streak(self, m: re.Match[str], ctx: Ctx) -> Resolution | None:
        g = m.groupdict()
        n = _ordinal(g["streak"], self.data)
        if not n or n < 2:
            return None
        unit = _norm(g.get("unit") or g.get("unit2") or "")
        if g.get("yr"):
            return Resolution(_year_period(g["yr"] or "", ctx, self.data), streak=n)
        if unit != "year":
            return Resolution(None, streak=n)
        if ctx.published is None:
            return Resolution(None, unresolved=True, streak=n)
        return Resolution(cal.year_period(ctx.published.year), streak=n)

    # -- handlers: composites -----------------------------------------------------------------------
    def _target(self, text: str, ctx: Ctx) -> Period | None:
        """A part's or a span's target: a date, a year reference or a bare "the month"."""
        bare = _BARE_UNIT.match(text.strip())
        if bare:
            unit = bare.group("unit").lower()
            if unit == "century":
                first = ctx.pub.year - ctx.pub.year % 100
                return Period(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "range")
            return cal.unit_period(ctx.pub, unit)
        res = self.inner(text, ctx, 0)
        if res is None:
            return None
        if res.unresolved:
            raise NeedsReference
        return res.period

    def _h_part(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        target = m["target"]
        if _norm(target) == "year":
            target = "this year"
        period = self._target(target, ctx)
        if period is None:
            return None
        part = self.data.parts.get(_norm(m["part"]), "late")
        out = cal.part_of(period, part, self.data.part_ranges)
        return out.with_(future=period.future) if out else None

    def _h_period_ending(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        end = self._target(m["target"], ctx)
        if end is None or end.end is None or end.granularity not in ("day", "month"):
            return None
        months = _SPAN_MONTHS[_norm(m["span"])]
        first = cal.add_months(end.end.replace(day=1), -(months - 1))
        gran = {3: "quarter", 6: "half", 12: "year"}.get(months, "range")
        return cal.months_span(first.year, first.month, months, gran)  # type: ignore[arg-type]

    def _h_first_n(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        n = _number(g["n"], self.data)
        unit = _unit(g["unit"], self.data)
        first_side = bool(g.get("side"))
        if not n:
            return None
        if g.get("target"):
            target = self._target(g["target"], ctx)
        else:
            def span(y: int) -> Period:
                return self._span_of(cal.year_period(y), n, unit, first_side)

            return _pick(lambda y: (p if (p := span(y)).end and p.end <= ctx.pub else None), ctx) \
                if ctx.default_year is None else span(ctx.default_year)
        if target is None:
            return None
        return self._span_of(target, n, unit, first_side)

    def _span_of(self, target: Period, n: int, unit: str, first_side: bool) -> Period:
        assert target.start is not None and target.end is not None
        if first_side:
            end = cal.shift(target.start, n, unit) - ONE_DAY
            return Period(target.start, min(end, target.end), "range")
        start = cal.shift(target.end + ONE_DAY, -n, unit)
        return Period(max(start, target.start), target.end, "range")

    def _h_week_of(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        target = self._target(m["target"], ctx)
        if target is None or target.granularity != "day" or target.start is None:
            return None
        return cal.week_period(target.start)

    def _h_nth_week(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        nth = _ordinal(m["nth"], self.data)
        target_text = m["target"]
        if _norm(target_text) in ("month", "year"):
            target_text = "this " + _norm(target_text)
        target = self._target(target_text, ctx)
        if not nth or target is None or target.granularity not in ("month", "year"):
            return None
        return cal.nth_week_of(target, nth)

    # -- handlers: operators --------------------------------------------------------------------------
    def _operand(self, text: str, ctx: Ctx) -> Period:
        res = self.inner(text, ctx, 1)
        if res is None:
            raise ValueError(text)
        if res.unresolved or res.period is None:
            raise NeedsReference
        return res.period

    def _h_range(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a_text, b_text = m["a"], m["b"]
        if _RANGE_END.match(b_text.strip()):
            a = self._operand(a_text, ctx)
            end = ctx.pub
            if a.start is None or a.start > end:
                return None
            return Period(a.start, end, "range")
        if _RANGE_END.match(a_text.strip()):
            b = self._operand(b_text, replace(ctx, future=True))
            if b.end is None or b.end < ctx.pub:
                return None
            return Period(ctx.pub, b.end, "range", future=True)
        a_free = not _EXPLICIT_YEAR.search(a_text) and not _ANCHORED.search(a_text)
        b_free = not _EXPLICIT_YEAR.search(b_text) and not _ANCHORED.search(b_text)
        if a_free and not b_free:
            # "Nov-Feb 2017", "from April to June in 2017": the start is the latest one by the end
            b = self._operand(b_text, ctx)
            assert b.end is not None
            a = self._operand(a_text, replace(ctx, published=b.end, future=False))
        else:
            a = self._operand(a_text, ctx)
            assert a.start is not None
            # "from next Monday to Friday", "May to March": the end is the first one from the start
            b = self._operand(b_text, replace(ctx, published=a.start, future=True)) if b_free else \
                self._operand(b_text, ctx)
        if a.start is None or b.end is None or b.end < a.start:
            return None
        return Period(a.start, b.end, "range", future=bool(ctx.published and a.start > ctx.published))

    def _h_since(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a = self._operand(m["a"], ctx)
        end = ctx.published if ctx.published is not None and a.start is not None and a.start <= ctx.published else None
        return Period(a.start, end, "range")

    def _h_by(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a = self._operand(m["a"], ctx)
        future = ctx.published is None or (a.end is not None and a.end >= ctx.published)
        return a.with_(future=future)

    def _h_until(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        # "a pilot that lasts until May": a present clause runs forward to the next May
        a = self._operand(m["a"], replace(ctx, future=True) if ctx.tense == "present" else ctx)
        pub = ctx.published
        start = pub if pub is not None and a.end is not None and pub <= a.end else None
        return Period(start, a.end, "range", future=bool(pub and a.end and a.end > pub))

    def _h_before(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a = self._operand(m["a"], ctx)
        return Period(None, a.start - ONE_DAY if a.start else None, "range")

    def _h_after(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a = self._operand(m["a"], ctx)
        return Period(a.end + ONE_DAY if a.end else None, None, "range")

    def _h_offset(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _number(m["n"], self.data)
        unit = _unit(m["unit"], self.data)
        anchor = self._operand(m["a"], ctx)
        if not n or anchor.start is None or anchor.end is None:
            return None
        before = _norm(m["dir"]) in ("before", "prior to")
        when = cal.shift(anchor.start if before else anchor.end, -n if before else n, unit)
        gran = "day" if anchor.granularity == "day" else _SHIFT_GRANULARITY.get(unit, unit)
        return cal.unit_period(when, gran)

    def _h_onwards(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        a = self._operand(m["a"], ctx)
        return Period(a.start, None, "range")


def _month_add(year: int, month: int, k: int) -> tuple[int, int]:
    y, m = divmod(year * 12 + month - 1 + k, 12)
    return y, m + 1


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def clear_grammar_cache() -> None:
    """Forget the grammar's cached resolutions (benchmarks time the work, not the cache)."""
    _inner_cached.cache_clear()


@lru_cache(maxsize=8192)
def _inner_cached(grammar: Grammar, text: str, ctx: Ctx, max_level: int) -> Resolution | None:
    return grammar._inner(text, ctx, max_level)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The process-wide grammar, built from the data files on first use."""
    return Grammar()
