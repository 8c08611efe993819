"""Time expressions resolved to inclusive ISO periods against the article's publication date.

:func:`resolve` reads one expression ("in October", "the third quarter", "by 2030");
:func:`find_dates` finds every expression in running text.  Both use the project's own grammar
(``models/dates/``) first and dateparser only for what it does not cover, and both are cached by
their arguments: a news article repeats its dates, and dateparser costs milliseconds a call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dates import calendar as cal
from pipeline.dates.calendar import Period
from pipeline.dates.fallback import dateparser_period
from pipeline.dates.grammar import clear_grammar_cache, grammar
from pipeline.records import DateRef

__all__ = ["DateMention", "baselines", "clear_caches", "earlier_period", "find_dates", "fiscal_frame",
           "is_fiscal_name", "is_year", "resolve", "streak_of"]

@dataclass(frozen=True, slots=True)
class DateMention:
    """One time expression found in text: offsets into it, the resolved date and the pattern that matched."""

    start: int
    end: int
    text: str
    date: DateRef
    streak: int | None
    pattern: str


def _dateref(text: str, period: Period | None) -> DateRef:
    if period is None or (period.start is None and period.end is None):
        return DateRef(text=text)
    return DateRef(text=text, start=period.start, end=period.end, granularity=period.granularity, future=period.future,
                   calendar=period.calendar)


def resolve(text: str, published: dt.date | None, sentence: str | None = None, *, fallback: bool = True,
            frame: str | None = None) -> DateRef | None:
    """One time expression as an inclusive period, or None when it is not one.

    ``sentence`` is the expression's sentence: it says whether quarters are fiscal ("fiscal 2026"
    and Nvidia named there) and whether the clause speaks of the future ("will launch in March").
    Relative expressions without a publication date come back with ``start`` and ``end`` None.
    ``fallback=False`` skips dateparser (for TIME entities, which it would turn into days).  ``frame``:
    the fiscal organisation the article's results are about (see :meth:`Grammar.context`).
    """
    return _resolve(text, published, sentence, fallback, frame)


@lru_cache(maxsize=16384)
def _resolve(text: str, published: dt.date | None, sentence: str | None, fallback: bool, frame: str | None
             ) -> DateRef | None:
    g = grammar()
    if sentence:
        where = sentence.find(text)
        before = sentence[:where] if where >= 0 else sentence
        ctx = g.context(sentence, published, before, frame)
    else:
        ctx = g.context(text, published, frame=frame)
    hit = g.full(text, ctx)
    if hit is not None:
        res, _pattern = hit
        if res.period is None and not res.unresolved:
            return None  # a comparison baseline, or a streak without a year
        return _dateref(text, res.period)
    if not fallback:
        return None
    period = dateparser_period(text, published)
    return _dateref(text, period) if period is not None else None


def streak_of(text: str, published: dt.date | None) -> int | None:
    """The streak length in "for the ninth consecutive year", else None."""
    hit = grammar().full(text, grammar().context(text, published))
    return hit[0].streak if hit is not None else None


def find_dates(text: str, published: dt.date | None, frame: str | None = None) -> list[DateMention]:
    """Every time expression in ``text`` (one sentence or many), in text order.

    Only the project's patterns are used here (dateparser's search is slow and finds dates in
    version numbers); the spaCy component adds what the statistical model tags as DATE.  ``frame``: the
    fiscal organisation of the article (see :meth:`Grammar.context`).
    """
    return list(_find_all(text, published, frame)[0])


def baselines(text: str, published: dt.date | None, frame: str | None = None) -> tuple[tuple[int, int], ...]:
    """Offsets of the comparison baselines in ``text`` ("a year earlier", "from the previous quarter"):
    periods a figure is compared with, not its own, so no date is read inside them."""
    return _find_all(text, published, frame)[1]


@lru_cache(maxsize=4096)
def _find_all(text: str, published: dt.date | None, frame: str | None
              ) -> tuple[tuple[DateMention, ...], tuple[tuple[int, int], ...]]:
    found, blocked = grammar().find_all(text, published, frame)
    out = []
    for cand, res in found:
        surface = text[cand.start:cand.end]
        out.append(DateMention(start=cand.start, end=cand.end, text=surface, date=_dateref(surface, res.period),
                               streak=res.streak, pattern=f"dates:{cand.pattern.id}"))
    return tuple(out), tuple(blocked)


def fiscal_frame(article: str) -> str | None:
    """The fiscal organisation an article's results are about, by its name as written: the first one of
    ``models/dates/fiscal_years.json`` the article names, when it speaks of a fiscal year or quarter
    anywhere ("fiscal 2026", "its fiscal fourth quarter").  Its calendar then holds for the article's
    quarters ("first-quarter revenue"), unless a sentence names another organisation."""
    return grammar().frame(article)


def is_fiscal_name(text: str) -> bool:
    """``text`` names an organisation with a fiscal calendar of its own."""
    names = grammar().data.fiscal_names
    return names is not None and names.search(text) is not None


def earlier_period(date: DateRef, unit: str) -> DateRef | None:
    """The period a year or a quarter before ``date``, of the same length, for the figure it is compared
    with ("the ¥1.18 trillion it earned a year earlier" against the July-September quarter of 2025 is that
    quarter of 2024); 52/53-week fiscal periods move by whole weeks.  None for an open or unresolved date."""
    if date.start is None or date.end is None or date.granularity not in ("month", "quarter", "half", "year"):
        return None
    months = 12 if unit == "year" else 3
    if date.calendar != "gregorian" and date.start.day != 1:
        step = dt.timedelta(weeks=52 if unit == "year" else 13)
        start, end = date.start - step, date.end - step
    else:
        start = cal.add_months(date.start, -months)
        last = cal.add_months(date.end.replace(day=1), -months)
        end = cal.month_end(last.year, last.month)
    return date.model_copy(update={"start": start, "end": end, "future": False})


def is_year(text: str) -> bool:
    """A four-digit number that reads as a year (1900 to 2100)."""
    t = text.strip()
    return len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100


def clear_caches() -> None:
    """Forget every cached resolution (benchmarks time the work, not the cache)."""
    clear_grammar_cache()
    _find_all.cache_clear()
    _resolve.cache_clear()
    dateparser_period.cache_clear()
