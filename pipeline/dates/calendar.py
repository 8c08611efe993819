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
    calendar: str = "gregorian"  # or "fiscal:<organisation>" for a fiscal year, quarter or half

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


def rolling(day: dt.date, amount: int, unit: str) -> Period:
    """``amount`` units up to ``day`` (negative: "the past three years") or after it ("the next decade").

    Years and decades count the publication day once, as the guidelines' gold does ("over the next three
    years" said on 2025-02-25 runs to 2028-02-24, "the past five years" of 2025-04-10 from 2020-04-11);
    days, weeks and months start the day after it or end on it, as Recognizers-Text reads them ("the
    next two days" are tomorrow and the day after).
    """
    whole = unit in ("year", "decade")
    if amount < 0:
        return Period(shift(day, amount, unit) + (ONE_DAY if whole else dt.timedelta(0)), day, "range")
    first = day if whole else day + ONE_DAY
    return Period(first, shift(day, amount, unit) - (ONE_DAY if whole else dt.timedelta(0)), "range", future=True)


def business_days(day: dt.date, amount: int) -> Period:
    """``amount`` weekdays after ``day`` (negative: before it), ``day`` itself not counted; public holidays
    are not known here, so they count."""
    step = ONE_DAY if amount > 0 else -ONE_DAY
    found: list[dt.date] = []
    when = day
    while len(found) < abs(amount):
        when += step
        if when.weekday() < 5:
            found.append(when)
    first, last = min(found), max(found)
    return Period(first, last, "range", future=amount > 0)


def weekend_of(day: dt.date) -> Period:
    """The weekend a holiday makes: Saturday and Sunday, with a Monday or Tuesday holiday after them and a
    Wednesday to Friday one before them ("Thanksgiving weekend" runs Thursday to Sunday)."""
    weekday = day.weekday()
    if weekday >= 5:
        saturday = day - dt.timedelta(days=weekday - 5)
        return Period(saturday, saturday + ONE_DAY, "range")
    if weekday <= 1:
        return Period(day - dt.timedelta(days=weekday + 2), day, "range")
    return Period(day, day + dt.timedelta(days=6 - weekday), "range")


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


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """An organisation's fiscal year: the month it ends in, for 52/53-week years the weekday it ends on
    (the last one in that month, or the one nearest the month's last day), and whether a year is named by
    the calendar year it ends in (Nvidia's fiscal 2025 ended in January 2025) or starts in (Japan's
    fiscal 2030 starts in April 2030)."""

    label: str = "gregorian"  # DateRef.calendar: "gregorian" or "fiscal:Nvidia"
    end_month: int = 12
    weekday: int | None = None  # Monday = 0
    nearest: bool = False
    named_by_start: bool = False
    long_quarter: int = 4  # the quarter that takes the 14th week of a 53-week year

    def year_end(self, name: int) -> dt.date:
        """The last day of fiscal year ``name``."""
        year = name + 1 if self.named_by_start and self.end_month != 12 else name
        last = month_end(year, self.end_month)
        if self.weekday is None:
            return last
        back = (last.weekday() - self.weekday) % 7
        if self.nearest and back > 3:
            return last + dt.timedelta(days=7 - back)
        return last - dt.timedelta(days=back)

    def year(self, name: int) -> Period:
        if self.label == "gregorian":
            return year_period(name)
        return Period(self.year_end(name - 1) + ONE_DAY, self.year_end(name), "year", calendar=self.label)

    def year_of(self, day: dt.date) -> int:
        """The fiscal year (by its name) that holds ``day``."""
        name = day.year - 1
        while self.year_end(name) < day:
            name += 1
        return name

    def sub(self, name: int, index: int, parts: int) -> Period:
        """Quarter (``parts`` 4) or half (2) number ``index`` of fiscal year ``name``: whole months, or
        13-week quarters and 26-week halves in a 52/53-week year, the long quarter taking a 14th week."""
        year = self.year(name)
        assert year.start is not None and year.end is not None
        gran: Granularity = "quarter" if parts == 4 else "half"
        if self.weekday is None:
            first = add_months(year.start, 12 // parts * (index - 1))
            out = months_span(first.year, first.month, 12 // parts, gran)
            return out.with_(calendar=self.label) if self.label != "gregorian" else out
        weeks = [52 // parts] * parts
        if (year.end - year.start).days >= 370:
            weeks[(self.long_quarter - 1) * parts // 4] += 1
        first_day = year.start + dt.timedelta(weeks=sum(weeks[: index - 1]))
        return Period(first_day, first_day + dt.timedelta(weeks=weeks[index - 1]) - ONE_DAY, gran,
                      calendar=self.label)


GREGORIAN = FiscalCalendar()


def fiscal_year(year: int, fc: FiscalCalendar = GREGORIAN) -> Period:
    """Fiscal year ``year`` (by its name) of calendar ``fc``."""
    return fc.year(year)


def quarter_period(year: int, quarter: int, fc: FiscalCalendar = GREGORIAN) -> Period:
    return fc.sub(year, quarter, 4)


def half_period(year: int, half: int, fc: FiscalCalendar = GREGORIAN) -> Period:
    return fc.sub(year, half, 2)


def fiscal_year_of(day: dt.date, fc: FiscalCalendar = GREGORIAN) -> int:
    """The fiscal year (by its name) that contains ``day``."""
    return day.year if fc.label == "gregorian" else fc.year_of(day)


def unit_period(day: dt.date, unit: str, fc: FiscalCalendar = GREGORIAN) -> Period:
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
        fy = fiscal_year_of(day, fc)
        parts = 4 if unit == "quarter" else 2
        for index in range(1, parts + 1):
            period = fc.sub(fy, index, parts)
            assert period.end is not None
            if day <= period.end:
                return period
        return fc.sub(fy, parts, parts)
    if unit == "year":
        return fiscal_year(fiscal_year_of(day, fc), fc)
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


def edge_of(period: Period, edge: str) -> Period | None:
    """The start or end of a half, a year or longer is its first or last month ("the end of 2024" is
    December, "by the end of the decade" December 2029, as the guidelines say); of a shorter period, its
    early or late part ("the end of the month" is its second half)."""
    start, end = period.start, period.end
    if start is None or end is None:
        return None
    if (end - start).days >= 180:
        day = start if edge == "start" else end
        return month_period(day.year, day.month)
    return None


def part_of(period: Period, part: str, bounds: dict[str, dict[str, tuple[int, int]]]) -> Period | None:
    """The early, mid or late part of a year, month, quarter, decade or other period."""
    start, end = period.start, period.end
    if start is None or end is None:
        return None
    if part in ("start", "end"):
        edge = edge_of(period, part)
        if edge is not None:
            return edge
        part = "early" if part == "start" else "late"
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
