"""dateparser, for the forms the project's grammar does not cover, with its answers made honest.

dateparser returns one datetime; its ``period`` tells how precise that is, and a month or a year is
turned back into the whole month or year ("October" must not become 1 October).  Without a
publication date only answers that contain an explicit four-digit year are trusted: dateparser
would otherwise resolve "last week" against today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.dates import calendar as cal
from pipeline.dates.calendar import Period

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")
# dateparser reads bare durations ("three years", "20 years") as a point back in time
_DURATION = re.compile(r"^(?:about\s+|over\s+|nearly\s+|more\s+than\s+|almost\s+)?"
                       r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|thirty|forty|fifty|several|many|a\s+few|few|some|"
                       r"a\s+couple\s+of)(?:[-\s]\w+)?\s+(?:days?|weeks?|months?|quarters?|years?|decades?)(?:-long|-old)?$",
                       re.IGNORECASE)
# only a month, a weekday or a year makes dateparser worth its milliseconds ("Quest 3S" is tagged DATE too)
_CUE = re.compile(r"(?<!\d)(?:1[5-9]|2[01])\d\d(?!\d)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|"
                  r"tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _parser(published: dt.date | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "DATE_ORDER": "MDY",
        "PARSERS": ["relative-time", "absolute-time", "custom-formats"],
    }
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def dateparser_period(text: str, published: dt.date | None) -> Period | None:
    """The period dateparser reads in ``text``, widened to its stated precision; None when unsure."""
    stripped = text.strip()
    if not stripped or _DURATION.match(stripped) or not _CUE.search(stripped):
        return None
    explicit = _YEAR.search(stripped)
    if published is None and explicit is None:
        return None
    try:
        data = _parser(published).get_date_data(stripped)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if explicit is not None and str(day.year) != explicit.group(1):
        return None
    period = data.period or "day"
    if period == "year":
        return cal.year_period(day.year)
    if period == "month":
        return cal.month_period(day.year, day.month)
    if period == "week":
        return cal.week_period(day)
    return cal.day_period(day).with_(future=bool(published and day > published))
