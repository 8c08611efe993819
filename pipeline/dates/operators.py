"""Handlers of composites and operators: parts, spans, ranges, since/by/until/before/after and offsets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from pipeline.dates import calendar as cal
from pipeline.dates.base import (
    _ANCHORED,
    _BARE_UNIT,
    _EXPLICIT_YEAR,
    _RANGE_END,
    _SHIFT_GRANULARITY,
    _SPAN_MONTHS,
    Ctx,
    HandlerBase,
    NeedsReference,
    _day_near,
    _norm,
    _number,
    _ordinal,
    _pick,
    _unit,
)
from pipeline.dates.calendar import ONE_DAY, Period

_EDGE_END = re.compile(r"^(?:the\s+)?(?:end|close)\s+of\b", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"([12]?\d|3[01])(?:st|nd|rd|th)", re.IGNORECASE)
_EDGE_START = re.compile(r"^(?:the\s+)?(?:beginning|start)\s+of\b", re.IGNORECASE)


class OperatorHandlers(HandlerBase):
    """``_h_<handler>`` for the level-1 and level-2 patterns, which resolve their operands."""

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
        """"The three months to October 26": whole months to a month's end, or whole weeks (13 for a
        quarter, 26, 39, 52) to another day, as 52/53-week fiscal calendars count them (Nvidia's quarter
        to 2025-10-26 began on 07-28).  A yearless month in a forecast ("expects revenue for the three
        months ending in November") is the next one."""
        yearless_month = _norm(m["target"]).rstrip(".") in self.data.months
        end = self._target(m["target"], replace(ctx, future=True) if ctx.forecast and yearless_month else ctx)
        if end is None or end.end is None or end.granularity not in ("day", "month"):
            return None
        months = _SPAN_MONTHS[_norm(m["span"])]
        gran = {3: "quarter", 6: "half", 12: "year"}.get(months, "range")
        if end.granularity == "day" and end.end != cal.month_end(end.end.year, end.end.month):
            first_day = end.end - dt.timedelta(weeks=months * 13 // 3) + ONE_DAY
            return Period(first_day, end.end, gran, calendar=ctx.fiscal.label)  # type: ignore[arg-type]
        first = cal.add_months(end.end.replace(day=1), -(months - 1))
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
        day = _ORDINAL_DAY.fullmatch(m["target"].strip())  # "the week of the 18th"
        target = _day_near(int(day.group(1)), ctx) if day else self._target(m["target"], ctx)
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
        if m.groupdict().get("conn") and _norm(m.group(0)).startswith("from"):
            return None  # "from 2015 and 2016" names two years; "between 2015 and 2016" is a range
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
        """"Before 2015" ends the day before 2015; "before the end of the year" runs to that end."""
        a = self._operand(m["a"], ctx)
        if _EDGE_END.match(m["a"]):
            return Period(None, a.end, "range")
        return Period(None, a.start - ONE_DAY if a.start else None, "range")

    def _h_after(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"After 2020" starts with 2021; "after the beginning of March" with that beginning."""
        a = self._operand(m["a"], ctx)
        if _EDGE_START.match(m["a"]):
            return Period(a.start, None, "range")
        return Period(a.end + ONE_DAY if a.end else None, None, "range")

    def _h_rest_of(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"The rest of the year": from publication to the period's end; a period still ahead is whole, and
        one already over is no date (its rest starts at an event told elsewhere)."""
        target = self._target(m["target"], ctx)
        if target is None or target.start is None or target.end is None or target.end < ctx.pub:
            return None
        if target.start > ctx.pub:
            return target.with_(future=True)
        return Period(ctx.pub, target.end, "range", future=True)

    def _h_span_from(self, m: re.Match[str], ctx: Ctx) -> Period | None:
        """"For three days from today", "two weeks starting May 20": that long from the start of the date."""
        g = m.groupdict()
        n = _number(g.get("n") or g.get("n2") or "", self.data)
        unit = _unit(g.get("unit") or g.get("unit2") or "", self.data)
        a = self._operand(m["a"], ctx)
        if not n or a.start is None:
            return None
        return Period(a.start, cal.shift(a.start, n, unit) - ONE_DAY, "range")

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
