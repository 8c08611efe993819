"""The date grammar's engine: the text-level finder and full-text resolution (handlers: atoms.py, operators.py).

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
from dataclasses import replace
from functools import lru_cache

from pipeline.dates import calendar as cal
from pipeline.dates.atoms import AtomHandlers
from pipeline.dates.base import (
    _ANCHORED,
    _EXPLICIT_YEAR,
    _FISCAL_IN_SENTENCE,
    _LEAD_FILLER,
    _LIST_WORDS,
    _PREV_WORD,
    _RIGHT_EDGE,
    _SENTENCE_END,
    _STRICT,
    _TRAIL,
    Candidate,
    Ctx,
    NeedsReference,
    Resolution,
    _norm,
)
from pipeline.dates.calendar import Period
from pipeline.dates.data import DatePattern, DatesData, load_dates
from pipeline.dates.operators import OperatorHandlers

# ---- the engine -----------------------------------------------------------------------------
_CLAUSE_MARK = re.compile(r"[:;]| [—–-] ")
_PASSIVE = (["be"], ["been"], ["being"])
# what a span ending in a month ("the three months ending in November") needs: a forecast is looked for only then
_SPAN_END = re.compile(r"\b(?:ended|ending|ends|to|through)\s+(?:in\s+|on\s+)?[A-Z]")
_AFTER_WINDOW = 80
# "later than 2018": a year after a comparison of time, not "more than 2000"
# "now" after these is no "as of publication": a comparison, or a span that ends or starts there
_NOT_AS_OF_NOW = frozenset({"the", "a", "an", "than", "until", "till", "til", "from", "to", "since"})
_CLOSES = re.compile(r"\s*(?:[,.;:)!?\"'’”]|$)")
_COMPARATIVE = re.compile(r"(?:later|earlier|sooner|greater)\s+than\s+$", re.IGNORECASE)


class Grammar(AtomHandlers, OperatorHandlers):
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
            "onwards": self._h_onwards, "season": self._h_season, "numeric_range": self._h_numeric_range,
            "day_of_month": self._h_day_of_month, "nth_month": self._h_nth_month, "span_from": self._h_span_from,
            "within": self._h_within, "after_next": self._h_after_next, "over_n": self._h_over_n,
            "holiday_weekend": self._h_holiday_weekend, "business_days": self._h_business_days,
            "rest_of": self._h_rest_of,
        }
        unknown = {p.handler for p in self.data.patterns} - set(self.handlers) - {"ignore"}
        if unknown:
            from pipeline.errors import DataFileError

            raise DataFileError(f"dates/patterns.json: unknown handler(s) {sorted(unknown)}")
        self.by_level = {lvl: tuple(p for p in self.data.patterns if p.level == lvl) for lvl in (0, 1, 2)}
        # "until now" is no period from now to now: "now" is no operand
        self.operand_levels = {lvl: tuple(p for p in ps if p.operand) for lvl, ps in self.by_level.items()}
        # cue classes as bits: a sentence's mask is computed once, and the patterns it admits are
        # worked out once per distinct mask, so a sentence loops only over patterns that can match
        bits = {name: 1 << i for i, name in enumerate(self.data.cue_regexes)}
        self.cue_bits = tuple((bits[name], rx) for name, rx in self.data.cue_regexes.items())
        self.cue_masks = tuple(tuple(sum(bits[name] for name in alt) for alt in p.cues) for p in self.data.patterns)
        self._admitted: dict[int, tuple[tuple[int, DatePattern], ...]] = {}
        # the clause marks of the text being read, by sentence (worked out once per sentence)
        self._marks_text: str | None = None
        self._marks: dict[int, list[tuple[int, int]]] = {}

    # -- context --------------------------------------------------------------------------------
    def context(self, sentence: str, published: dt.date | None, before: str = "", frame: str | None = None) -> Ctx:
        """The context a sentence gives: the fiscal calendar its quarters follow and whether it speaks of
        the future.  A fiscal organisation named in a sentence that names a fiscal year lends its calendar;
        so does one named anywhere when the article's ``frame`` is fiscal (``frame``: the organisation a
        fiscal results story is about, by its name as written), and a sentence naming none takes the
        frame's ("Revenue in its fiscal fourth quarter, which ended on August 28")."""
        fiscal_sentence = bool(_FISCAL_IN_SENTENCE.search(sentence))
        calendars = self.data.fiscal_calendars
        names = self.data.fiscal_names
        found = names.search(sentence) if names is not None and (fiscal_sentence or frame is not None) else None
        fiscal = cal.GREGORIAN
        company = found is not None and found.group(0) in self.data.fiscal_companies
        if found is not None and (fiscal_sentence or (frame is not None and company)):
            fiscal = calendars[found.group(0)]
        elif found is None and frame in calendars:
            fiscal = calendars[frame]
        at = len(before) if sentence.startswith(before) else None
        if at is None:
            tense = self.tense(before, 0, len(before))
        else:
            tense = self.clause_tense(sentence, 0, at, len(sentence))
        return Ctx(published, future=tense == "future", tense=tense, fiscal=fiscal,
                   fiscal_sentence=fiscal_sentence or (frame is not None and fiscal is not cal.GREGORIAN),
                   forecast=self._forecast(sentence))

    def _forecast(self, sentence: str) -> bool:
        """The sentence gives guidance; looked for only where a span can end in a month ("ending in")."""
        return _SPAN_END.search(sentence) is not None and self.data.forecast_markers.search(sentence) is not None

    def frame(self, article: str) -> str | None:
        """See :func:`pipeline.dates.fiscal_frame`."""
        names = self.data.fiscal_names
        if names is None or not _FISCAL_IN_SENTENCE.search(article):
            return None
        return next((m.group(0) for m in names.finditer(article) if m.group(0) in self.data.fiscal_companies), None)

    def clause_tense(self, text: str, lo: int, at: int, hi: int, marks: list[tuple[int, int]] | None = None
                     ) -> str | None:
        """The tense of a date at ``at`` in the sentence ``text[lo:hi]``: the nearest marker before it in
        its own clause (a colon, semicolon or dash ends one, so "is stepping up" in "Seoul is stepping up
        support: in April the government raised" is not the date's), else the first marker after it in
        that clause ("In May, Xiaomi unveiled", "In June, the company will open")."""
        if marks is None:  # (start, end) of the sentence's clause marks
            marks = [(m.start(), m.end()) for m in _CLAUSE_MARK.finditer(text, lo, hi)]
        start = max((end for begin, end in marks if end <= at), default=lo)
        before = self.tense(text, start, at)
        if before is not None:
            return before
        # the verb of a leading date is near it ("In May, Xiaomi unveiled")
        stop = min((begin for begin, _end in marks if begin >= at), default=hi)
        return self.first_tense(text, at, min(stop, hi, at + _AFTER_WINDOW))

    def first_tense(self, text: str, lo: int, hi: int) -> str | None:
        """The tense of the first marker in ``text[lo:hi]``."""
        for m in self.data.tense_markers.finditer(text, lo, hi):
            kind = self._marker_kind(text, lo, m)
            if kind is not None:
                return kind
        return None

    def tense(self, text: str, lo: int, hi: int) -> str | None:
        """The tense of the nearest marker in ``text[lo:hi]`` (the words before a date): the verb closest
        to the date governs it, so a future verb earlier in the sentence does not move a past period
        ("plans to close the unit and recorded a charge in the second quarter")."""
        last: str | None = None
        for m in self.data.tense_markers.finditer(text, lo, hi):
            kind = self._marker_kind(text, lo, m)
            if kind is not None:
                last = kind
        return last

    def _marker_kind(self, text: str, lo: int, m: re.Match[str]) -> str | None:
        """A tense marker's tense, or None for an -ed adjective ("an advanced chip", "the company's
        redesigned phone") and a passive participle ("will be paid", "be released")."""
        data = self.data
        kind = m.lastgroup
        if kind == "ed":
            word = m.group(0).lower()
            prev = text[max(lo, m.start() - 30):m.start()].split()
            prev_word = prev[-1].lower() if prev else ""
            if word in data.not_past or prev_word in data.adjective_before or prev_word.endswith(("'s", "’s")) \
                    or prev_word[:1].isdigit():
                return None
            return "past"
        if kind == "past" and text[max(lo, m.start() - 7):m.start()].split()[-1:] in _PASSIVE:
            return None  # the auxiliary before it says the tense
        return kind

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
    def find(self, text: str, published: dt.date | None, frame: str | None = None
             ) -> list[tuple[Candidate, Resolution]]:
        """Every time expression in ``text``: longest non-overlapping matches that resolve."""
        return self.find_all(text, published, frame)[0]

    def find_all(self, text: str, published: dt.date | None, frame: str | None = None
                 ) -> tuple[list[tuple[Candidate, Resolution]], list[tuple[int, int]]]:
        """:meth:`find`, and the offsets of the comparison baselines ("a year earlier", "from the previous
        quarter"), which are no claim's own period: an entity inside one is not read as a date either."""
        if not text:
            return [], []
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        sent_ctx: dict[tuple[int, int], Ctx] = {}  # by (sentence, offset); (sentence, -1): the sentence's own
        found: list[tuple[int, int, int, DatePattern, re.Match[str]]] = []
        verified: dict[tuple[int, int, int], Resolution] = {}
        for order, p in self.admitted(self.cue_mask(text)):
            if p.level == 2 and not found:
                break
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
                    ctx = self._ctx_at(text, published, starts, ends, index, tries.start(), sent_ctx, frame)
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
        baselines: list[tuple[int, int]] = []
        for start, end, order, p, m in found:
            if any(start < e and s < end for s, e in taken):
                continue
            index = bisect.bisect_right(starts, start) - 1
            ctx = self._ctx_at(text, published, starts, ends, index, start, sent_ctx, frame)
            if p.handler == "in_n" and not ctx.future and not m.groupdict().get("time"):
                continue  # "in two years" is a duration unless the clause is future or says "in two years' time"
            res = verified.get((start, end, order)) or self.run(p, m, ctx)
            if res is None:
                continue
            taken.append((start, end))
            if res.period is None and not res.unresolved and not res.streak:
                baselines.append((start, end))
                continue  # an "ignore" pattern: it only blocks shorter matches
            out.append((Candidate(start, end, p, m, ctx), res))
        out.sort(key=lambda pair: pair[0].start)
        return self._inherit_years(out, starts), baselines

    def _inherit_years(self, found: list[tuple[Candidate, Resolution]], starts: list[int]
                       ) -> list[tuple[Candidate, Resolution]]:
        """A quarter or half without a year of its own takes the year of one named before it in the same
        sentence: "in the first half of next year, and a 512-chip version will follow in the second half",
        "in the first quarter of 2026, followed by the Ascend 950DT in the fourth quarter"."""
        out: list[tuple[Candidate, Resolution]] = []
        year: tuple[int, int] | None = None  # (sentence, fiscal year name)
        for cand, res in found:
            sentence = bisect.bisect_right(starts, cand.start) - 1
            text = cand.match.group(0)
            period = res.period
            if period is not None and period.end is not None and period.granularity in ("quarter", "half", "year") \
                    and (_EXPLICIT_YEAR.search(text) or _ANCHORED.search(text)):
                fc = cand.ctx.fiscal if period.calendar != "gregorian" else cal.GREGORIAN
                year = (sentence, cal.fiscal_year_of(period.end, fc))
            elif year is not None and year[0] == sentence and cand.pattern.handler in ("quarter", "half") \
                    and cand.ctx.default_year is None:
                again = self.run(cand.pattern, cand.match, replace(cand.ctx, default_year=year[1]))
                if again is not None and again.period is not None:
                    cand, res = replace(cand, ctx=replace(cand.ctx, default_year=year[1])), again
            out.append((cand, res))
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
                at: int, cache: dict[tuple[int, int], Ctx], frame: str | None = None) -> Ctx:
        """The context of the sentence ``index``, with the tense of the words before ``at``."""
        ctx = cache.get((index, at))
        if ctx is None:
            sentence = cache.get((index, -1))
            if sentence is None:
                sentence = cache[(index, -1)] = self.context(text[starts[index]:ends[index]], published,
                                                                    frame=frame)
            marks = self._marks.get(index) if self._marks_text == text else None
            if marks is None:
                if self._marks_text != text:
                    self._marks_text, self._marks = text, {}
                marks = self._marks[index] = [(m.start(), m.end()) for m in
                                              _CLAUSE_MARK.finditer(text, starts[index], ends[index])]
            tense = self.clause_tense(text, starts[index], at, ends[index], marks)
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
                # a day said as a number ("May twenty-nine") counts as a digit would
                has_digit = any(ch.isdigit() for ch in m.group(0)) or _norm(groups.get("day") or "") in data.numbers
                capital = word[:1].isupper()
                context = data.month_context if _norm(word) in _STRICT else data.month_context | _LIST_WORDS
                listed = text[max(0, m.start() - 2):m.start()].strip() == "," and _norm(word) not in _STRICT
                anchored = bool(groups.get("rel") or groups.get("week"))  # "next Monday", "next week Mon"
                dated = key == "month" and bool(groups.get("weekday")) and has_digit  # "friday (jun-15)"
                if not ((anchored and capital) or groups.get("yr") or prev_word in context or listed
                        or (has_digit and capital) or word.endswith(".") or dated):
                    return False
        if p.handler == "year" and groups.get("yr") and _norm(groups["yr"]).isdigit():
            year = int(groups["yr"])
            if not 1900 <= year <= 2100 and not self._distant_year(text, m):
                return False
            comparative = _COMPARATIVE.search(text, max(0, m.start() - 20), m.start()) is not None
            if (prev_word in data.not_year_before and not comparative) or \
                    text[max(0, m.start() - 1):m.start()] in "$£€¥#":
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
        if p.id == "year_words":
            return prev_word in data.year_context
        if p.id == "numeric_day_month":
            if groups.get("rel"):
                return True
            return prev_word in ("on", "from", "until", "till", "by", "to", "between", "and", "or", "through") or bool(
                re.search(r"\d{1,2}/\d{1,2},?\s*$", text[max(0, m.start() - 8):m.start()]))
        if p.handler == "to_date_end":
            return prev_word not in ("up", "equals", "equal") and not re.match(r"\s*\d", text[m.end():m.end() + 3])
        if p.id == "present_ref" and prev_word in _NOT_AS_OF_NOW:
            return False  # "the now defunct", "more than now", "until now", "from now on", "compared to now"
        if p.id == "decade_word":
            starts_the = m.group(0).lower().startswith("the ")
            return starts_the or prev_word in ("in", "during", "since", "through", "early", "mid", "late")
        return True


    def _distant_year(self, text: str, m: re.Match[str]) -> bool:
        """A year outside 1900-2100 only after "in", "since", "back to" and before a punctuation mark or the
        text's end ("will end in 2150, right?", "dates back to 1865, and"): not "in 1500 stores"."""
        return self.data.distant_year_before.search(text, max(0, m.start() - 12), m.start()) is not None and \
            _CLOSES.match(text, m.end()) is not None


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
