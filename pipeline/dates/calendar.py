"""Calendar arithmetic for the resolver: inclusive periods, month shifts, fiscal years and ISO weeks."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass, replace

from pipeline.records import Granularity

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive period; ``start``/``end`` None means open on that side."""

    start: dt.date | None
    end: dt.date | None
    granularity: Granularity | None
    future: bool = False
    streak: int | None = None

    def with_(self, **changes: object) -> Period:
        return replace(self, **changes)  # type: ignore[arg-type]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _cal.monthrange(year, month + 1)[1]))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` calendar units (negative goes back)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * amount)
    if unit == "month":
        return add_months(day, amount)
    if unit == "quarter":
        return add_months(day, 3 * amount)
    if unit == "half":
        return add_months(day, 6 * amount)
    if unit == "year":
        return add_months(day, 12 * amount)
    if unit == "decade":
        return add_months(day, 120 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def day_period(day: dt.date) -> Period:
    return Period(day, day, "day")


def week_period(day: dt.date) -> Period:
    """The Monday-to-Sunday week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6), "week")


def month_period(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), month_end(year, month), "month")


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def decade_period(first_year: int) -> Period:
    return Period(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), "decade")


def months_span(year: int, month: int, count: int, granularity: Granularity) -> Period:
    """``count`` whole months starting with (year, month)."""
    start = dt.date(year, month, 1)
    last = add_months(start, count - 1)
    return Period(start, month_end(last.year, last.month), granularity)


def fiscal_year(year: int, end_month: int = 12) -> Period:
    """Fiscal year ``year`` (named after the calendar year it ends in) for a year ending in ``end_month``."""
    if end_month == 12:
        return year_period(year)
    return months_span(year - 1, end_month + 1, 12, "year")


def quarter_period(year: int, quarter: int, end_month: int = 12) -> Period:
    start = fiscal_year(year, end_month).start
    assert start is not None
    first = add_months(start, 3 * (quarter - 1))
    return months_span(first.year, first.month, 3, "quarter")


def half_period(year: int, half: int, end_month: int = 12) -> Period:
    start = fiscal_year(year, end_month).start
    assert start is not None
    first = add_months(start, 6 * (half - 1))
    return months_span(first.year, first.month, 6, "half")


def fiscal_year_of(day: dt.date, end_month: int = 12) -> int:
    """The fiscal year (by its name) that contains ``day``."""
    return day.year + 1 if day.month > end_month else day.year


def unit_period(day: dt.date, unit: str, end_month: int = 12) -> Period:
    """The calendar unit (day, week, month, quarter, half, year, decade) containing ``day``."""
    if unit == "day":
        return day_period(day)
    if unit == "week":
        return week_period(day)
    if unit == "fortnight":
        week = week_period(day)
        assert week.start is not None
        return Period(week.start, week.start + dt.timedelta(days=13), "range")
    if unit == "month":
        return month_period(day.year, day.month)
    if unit in ("quarter", "half"):
        fy = fiscal_year_of(day, end_month)
        start = fiscal_year(fy, end_month).start
        assert start is not None
        months = (day.year - start.year) * 12 + day.month - start.month
        if unit == "quarter":
            return quarter_period(fy, months // 3 + 1, end_month)
        return half_period(fy, months // 6 + 1, end_month)
    if unit == "year":
        return fiscal_year(fiscal_year_of(day, end_month), end_month) if end_month != 12 else year_period(day.year)
    if unit == "decade":
        return decade_period(day.year - day.year % 10)
    raise ValueError(f"unknown unit {unit!r}")


def iso_week(year: int, week: int) -> Period | None:
    """ISO week ``week`` of ``year`` (Monday to Sunday), None when the year has no such week."""
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Period(monday, monday + dt.timedelta(days=6), "week")


def nth_week_of(period: Period, nth: int) -> Period | None:
    """The ``nth`` Monday-to-Sunday week of a month or year (-1 = the last), counting weeks by their Thursday."""
    assert period.start is not None and period.end is not None
    first_thursday = period.start + dt.timedelta(days=(3 - period.start.weekday()) % 7)
    last_thursday = period.end - dt.timedelta(days=(period.end.weekday() - 3) % 7)
    if nth < 0:
        thursday = last_thursday + dt.timedelta(weeks=nth + 1)
    else:
        thursday = first_thursday + dt.timedelta(weeks=nth - 1)
    if not period.start <= thursday <= period.end:
        return None
    return week_period(thursday)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` given weekday of a month; ``nth`` -1 is the last."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = month_end(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def part_of(period: Period, part: str, bounds: dict[str, dict[str, tuple[int, int]]]) -> Period | None:
    """The early, mid or late part of a year, month, quarter, decade or other period."""
    start, end = period.start, period.end
    if start is None or end is None:
        return None
    gran = period.granularity
    if gran == "year" and start.month == 1 and start.day == 1 and end.month == 12:
        lo, hi = bounds["year"][part]
        return Period(dt.date(start.year, lo, 1), month_end(start.year, hi), "range")
    if gran == "month":
        lo, hi = bounds["month"][part]
        last = month_end(start.year, start.month)
        return Period(start.replace(day=lo), start.replace(day=min(hi, last.day)), "range")
    if gran == "decade":
        lo, hi = bounds["decade"][part]
        return Period(dt.date(start.year + lo, 1, 1), dt.date(start.year + hi, 12, 31), "range")
    if gran == "range" and "century" in bounds and end.year - start.year == 99 and start.year % 100 == 0:
        lo, hi = bounds["century"][part]
        return Period(dt.date(start.year + lo, 1, 1), dt.date(start.year + hi, 12, 31), "range")
    if gran in ("quarter", "half", "year") and (end - start).days > 80:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        third = months // 3
        index = {"early": 0, "mid": 1, "late": 2}[part]
        first = add_months(start, index * third)
        return months_span(first.year, first.month, third, "range")
    days = (end - start).days + 1
    third = max(days // 3, 1)
    index = {"early": 0, "mid": 1, "late": 2}[part]
    lo_day = start + dt.timedelta(days=index * third)
    hi_day = end if part == "late" else lo_day + dt.timedelta(days=third - 1)
    return Period(lo_day, hi_day, "range")
