"""Handlers of the grammar's atoms: one date, month, weekday, year, quarter, relative unit or holiday."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pipeline.dates import calendar as cal
from pipeline.dates.base import (
    _FISCAL_WORD,
    _SHIFT_GRANULARITY,
    UNDATED_YEAR,
    Ctx,
    HandlerBase,
    Resolution,
    _day_near,
    _distance,
    _month,
    _month_add,
    _month_day_order,
    _norm,
    _number,
    _ordinal,
    _pick,
    _rel,
    _safe,
    _two_digit_year,
    _unit,
    _valid,
    _year_info,
    _year_period,
    _year_text,
)
from pipeline.dates.calendar import ONE_DAY, Period

#: "this", "next", "last" before a yearless date: which occurrence (see ``_pick``)
_MODES = {"this": "this", "last": "last", "past": "last", "next": "next", "coming": "next"}
_CALENDAR_WORD = re.compile(r"(?<![\w])calendar(?![\w])", re.IGNORECASE)


class AtomHandlers(HandlerBase):
    """``_h_<handler>`` for the level-0 patterns of ``models/dates/patterns.json``."""

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
        mode = _MODES.get(_rel(m.groupdict().get("rel"), self.data) or "")
        return _pick(lambda y: _safe(lambda: cal.day_period(dt.date(y, month, day))), ctx, mode=mode, nearest=True)

    def _h_numeric_range(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"10/1-11/7", "5/1-5/7/2020", "from 5/1/2019-5/7/2020": month/day, day/month where the first is
        over 12; a year written once holds for both ends."""
        g = m.groupdict()
        m1, d1 = _month_day_order(int(g["a1"]), int(g["a2"]))
        m2, d2 = _month_day_order(int(g["b1"]), int(g["b2"]))
        end_year = g.get("by") or g.get("yr")
        start_year = g.get("ay") or end_year
        if start_year and end_year:
            start, end = dt.date(int(start_year), m1, d1), dt.date(int(end_year), m2, d2)
            return Period(start, end, "range") if start <= end else None

        def make(y: int) -> Period | None:
            start = _valid(y, m1, d1)
            end = _valid(y if (m2, d2) >= (m1, d1) else y + 1, m2, d2)
            return Period(start, end, "range") if start and end else None

        return _pick(make, ctx, nearest=True)

    def _h_day_of_month(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"On the 18th": that day of the publication month or the one before or after, the latest one
        by publication unless the clause speaks of the future or the present; "the 15th day of next month"
        is that day of the month named."""
        day = _ordinal(m["day"], self.data)
        if not day or not 1 <= day <= 31:
            return None
        if m.groupdict().get("target"):
            target_text = m["target"]
            month = self._target(target_text if _norm(target_text) != "month" else "this month", ctx)
            if month is None or month.granularity != "month" or month.start is None:
                return None
            found = _valid(month.start.year, month.start.month, day)
            return cal.day_period(found) if found else None
        return _day_near(day, ctx)

    def _h_nth_month(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"The third month of 2021", "the 9th month of next year"."""
        nth = _ordinal(m["nth"], self.data)
        year = self._target(m["target"], ctx)
        if not nth or not 1 <= nth <= 12 or year is None or year.granularity != "year" or year.start is None:
            return None
        first = cal.add_months(year.start, nth - 1)
        return cal.month_period(first.year, first.month)

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
        return cal.month_period(_year_text(g["yr"], ctx, self.data), month)

    def _h_month_day(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        month = _month(g["month"], self.data)
        day = _ordinal(g["day"], self.data)
        if day is None or day < 1:
            return None
        if g.get("yr"):
            return cal.day_period(dt.date(_year_text(g["yr"], ctx, self.data), month, day))
        weekday = self.data.weekdays.get(_norm(g["weekday"]).rstrip(".")) if g.get("weekday") else None
        if weekday is not None and ctx.published is not None and ctx.default_year is None:
            fits = [d for y in range(ctx.pub.year - 6, ctx.pub.year + 7)
                    if (d := _valid(y, month, day)) is not None and d.weekday() == weekday]
            if fits:
                return cal.day_period(min(fits, key=lambda d: (abs((d - ctx.pub).days), d > ctx.pub)))
        mode = _MODES.get(_rel(g.get("rel"), self.data) or "")
        return _pick(lambda y: _safe(lambda: cal.day_period(dt.date(y, month, day))), ctx, mode=mode, nearest=True)

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
        return _pick(lambda y: cal.month_period(y, month), ctx, mode=mode, nearest=True, back=2)

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
                   "now": 0, "right now": 0, "as of now": 0, "currently": 0, "at present": 0, "presently": 0,
                   "at the moment": 0}
        offset = offsets[word]
        return cal.day_period(ctx.pub + dt.timedelta(days=offset)).with_(future=offset > 0)

    def _h_year(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        g = m.groupdict()
        year, fiscal = _year_info(g["yr"], ctx, self.data)
        fiscal = fiscal or (g.get("fy") or "").lower() in ("fiscal", "financial")
        return cal.fiscal_year(year, ctx.fiscal) if fiscal else cal.year_period(year)

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
        """Whether a quarter or half is fiscal: it says so, or its sentence or article is on a fiscal
        calendar and it does not say "calendar" ("the fourth quarter of calendar 2024")."""
        if _CALENDAR_WORD.search(m.group(0)):
            return False
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

    def _sub_year(self, m: re.Match[str], ctx: Ctx, make: Callable[[int, cal.FiscalCalendar], Period]) -> Period | None:
        g = m.groupdict()
        fiscal = self._fiscal(m, ctx)
        year_text = g.get("yr") or g.get("yr_of") or g.get("yrpre")
        if year_text:
            year_text = year_text.strip()
            if year_text.startswith("'"):
                year, text_fiscal = _two_digit_year(int(year_text[1:]), ctx), False
            else:
                year, text_fiscal = _year_info(year_text, ctx, self.data)
            end = ctx.fiscal if (fiscal or text_fiscal) else cal.GREGORIAN
            return make(year, end)
        end = ctx.fiscal if fiscal else cal.GREGORIAN
        around = cal.fiscal_year_of(ctx.pub, end) if ctx.default_year is None else None
        return _pick(lambda y: make(y, end), ctx, around=around, back=2)

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
        fiscal = bool(g.get("fy")) and "calendar" not in (g.get("fy") or "").lower() or \
            (not g.get("fy") and unit in ("quarter", "half") and ctx.fiscal_sentence)
        fc = ctx.fiscal if fiscal else cal.GREGORIAN
        pub = ctx.pub
        if unit in ("weekend", "workweek"):
            offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[category or "this"]
            week = cal.week_period(pub + dt.timedelta(days=7 * offset))
            assert week.start is not None
            lo, hi = (5, 6) if unit == "weekend" else (0, 4)
            return Period(week.start + dt.timedelta(days=lo), week.start + dt.timedelta(days=hi), "range",
                          future=offset > 0)
        if category == "past" and unit not in ("quarter", "half"):
            return cal.rolling(pub, -1, unit)
        if unit == "decade" and category in ("next", "coming"):
            return cal.rolling(pub, 1, unit)
        current = cal.unit_period(pub, unit, fc)
        assert current.start is not None and current.end is not None
        if category == "this":
            return current
        if category in ("last", "past"):
            return cal.unit_period(current.start - ONE_DAY, unit, fc)
        return cal.unit_period(current.end + ONE_DAY, unit, fc).with_(future=True)

    def _h_latest_unit(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        unit = _unit(m["unit"], self.data)
        fc = ctx.fiscal if m.groupdict().get("fy") else cal.GREGORIAN
        current = cal.unit_period(ctx.pub, unit, fc)
        assert current.start is not None
        return cal.unit_period(current.start - ONE_DAY, unit, fc)

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
        return cal.rolling(pub, n if forward else -n, unit)

    def _h_shift(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        n = _number(m["n"], self.data)
        unit = _unit(m["unit"], self.data)
        if not n:
            return None
        direction = _norm(m["dir"])
        base = ctx.pub
        if direction.endswith(("tomorrow", "tmrw")):
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

    def _h_business_days(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"The next four business days", "the past 30 trading days": that many weekdays after or before
        publication (an exchange's holidays are not known here)."""
        n = _number(m["n"], self.data)
        if not n:
            return None
        return cal.business_days(ctx.pub, n if _rel(m["dir"], self.data) in ("next", "coming") else -n)

    def _h_within(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"Within nine months": from publication to that long after it."""
        n = _number(m["n"], self.data)
        if not n:
            return None
        return Period(ctx.pub, cal.shift(ctx.pub, n, _unit(m["unit"], self.data)), "range", future=True)

    def _h_over_n(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"Would spend 380 billion yuan over three years": in a future clause, the years from publication
        (as "over the next three years"); elsewhere a duration ("had been developed over three years")."""
        n = _number(m["n"], self.data)
        if not n or not ctx.future:
            return None
        return cal.rolling(ctx.pub, n, _unit(m["unit"], self.data))

    def _h_after_next(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"The week after next": the second calendar unit after the publication's."""
        unit = _unit(m["unit"], self.data)
        current = cal.unit_period(ctx.pub, unit)
        assert current.end is not None
        following = cal.unit_period(current.end + ONE_DAY, unit)
        assert following.end is not None
        return cal.unit_period(following.end + ONE_DAY, unit).with_(future=True)

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
        if h.dates:
            listed = [d for d in h.dates if d.year == year]
            if not listed:
                raise ValueError(f"{h.id}: no date listed for {year}")
            return listed[0]
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
        return self._holiday_period(m, ctx, cal.day_period)

    def _h_holiday_weekend(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"Labor Day weekend", "the weekend of Halloween": the weekend the holiday makes (``cal.weekend_of``)."""
        return self._holiday_period(m, ctx, cal.weekend_of)

    def _holiday_period(self, m: re.Match[str], ctx: Ctx, around: Callable[[dt.date], Period]) -> Period | None:
        g = m.groupdict()
        name = _norm(g["holiday"])
        year = g.get("yr") or g.get("yr2")
        if year:
            return around(self._holiday_on(name, int(year)))
        mode = _MODES.get(_rel(g.get("rel"), self.data) or "")
        return _pick(lambda y: _safe(lambda: around(self._holiday_on(name, y))), ctx, mode=mode)

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
