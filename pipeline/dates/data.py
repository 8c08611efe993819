"""The date language data under ``models/dates/``, validated and compiled once per process."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, Strict, field_validator, model_validator

from pipeline.datafiles import TOP, DataFile, DataModel, expand_macros, fail, load_json, named, unique, unknown_macros
from pipeline.dates.calendar import FiscalCalendar
from pipeline.wordregex import LazyRegex, word_alternation

# a match may not start inside a word, a number or an amount, nor end inside one
_LEFT = r"(?<![\w$£€¥])(?<!\d[-/.,])"
_RIGHT = r"(?![\w])(?![-/.,]\d)"

VOCABULARY_FILE = "dates/vocabulary.json"
PATTERNS_FILE = "dates/patterns.json"
HOLIDAYS_FILE = "dates/holidays.json"
FISCAL_FILE = "dates/fiscal_years.json"
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Part = Literal["early", "mid", "late"]
#: "the start of", "the end of": the first or last sub-unit of a period, not a third of it
Edge = Literal["start", "end"]


class Vocabulary(DataFile):
    """``vocabulary.json``: the word lists behind the finder's macros and the resolver."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    count_words: dict[str, int]
    units: dict[str, str]
    this_words: list[str]
    last_words: list[str]
    past_words: list[str]
    next_words: list[str]
    coming_words: list[str]
    part_words: dict[str, Part | Edge]
    part_ranges: dict[str, dict[Part, Annotated[tuple[int, int], Strict(False)]]]
    decade_words: dict[str, int]
    season_words: dict[str, Annotated[int, Field(ge=1, le=12)]]
    future_markers: list[str]
    forecast_markers: list[str]
    past_markers: list[str]
    present_markers: list[str]
    adjective_before: list[str]
    not_past: list[str]
    month_context: list[str]
    ambiguous_words: list[str]
    year_context: list[str]
    not_year_before: list[str]
    distant_year_before: list[str]


class PatternRow(DataModel):
    id: str
    level: Literal[0, 1, 2]
    handler: str
    regex: str
    examples: list[str]
    cues: list[str]
    operand: bool = True


class PatternsFile(DataFile):
    """``patterns.json``: macros, cue classes and the finder patterns, compiled by :func:`load_dates`."""

    macros: dict[str, str]
    cue_classes: dict[str, str]
    patterns: list[PatternRow]


class Holiday(DataModel):
    """A named day and the one rule that places it in a year; ``names`` are lower-cased."""

    id: str
    names: Annotated[tuple[str, ...], Strict(False)]
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    after: str | None = None
    days: int = 0
    easter: int | None = None
    # a lunar holiday: its day in each year listed ("2022-05-02"); a year not listed has none
    dates: Annotated[tuple[Annotated[dt.date, Strict(False)], ...], Strict(False)] = ()

    @field_validator("names")
    @classmethod
    def _lower(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n.lower() for n in names)

    @model_validator(mode="after")
    def _has_a_rule(self) -> Holiday:
        if not ((self.month is not None and (self.day is not None or self.weekday is not None))
                or self.easter is not None or self.after is not None or self.dates):
            raise ValueError("needs month+day, month+weekday+nth, easter, after or dates")
        return self


class HolidaysFile(DataFile):
    holidays: list[Holiday]


class Organisation(DataModel):
    """One fiscal calendar: who keeps it, the month its year ends in and, for a 52/53-week year, the
    weekday it ends on (``end_rule``: the last such weekday of the month or the one nearest its end)."""

    id: str
    kind: Literal["company", "government"]
    names: list[str]
    end_month: Annotated[int, Field(ge=1, le=12)]
    end_weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] | None = None
    end_rule: Literal["last", "nearest"] = "last"
    named_by: Literal["end", "start"] = "end"  # the calendar year a fiscal year is named after
    long_quarter: Annotated[int, Field(ge=1, le=4)] = 4

    def calendar(self) -> FiscalCalendar:
        weekday = _WEEKDAY_NAMES.index(self.end_weekday) if self.end_weekday else None
        return FiscalCalendar(label=f"fiscal:{self.names[0]}", end_month=self.end_month, weekday=weekday,
                              nearest=self.end_rule == "nearest", named_by_start=self.named_by == "start",
                              long_quarter=self.long_quarter)


class FiscalFile(DataFile):
    organisations: list[Organisation]


@dataclass(frozen=True, slots=True)
class DatePattern:
    """One finder pattern: a compiled regex and the handler that reads its named groups."""

    id: str
    level: int
    handler: str
    regex: LazyRegex  # compiled on first use; check_compiles() compiles every one
    examples: tuple[str, ...]
    cues: tuple[frozenset[str], ...] = ()  # alternatives; each a set of cue classes that must all occur
    anchored: bool = False  # starts with a date: tried only where an atom starts
    operand: bool = True  # false: never read as a composite's or an operator's operand ("until now")


@dataclass(frozen=True, slots=True)
class DatesData:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    count_words: dict[str, int]
    units: dict[str, str]
    rel: dict[str, str]  # word -> this, last, past, next or coming
    parts: dict[str, str]  # word -> early, mid, late, start or end
    part_ranges: dict[str, dict[str, tuple[int, int]]]
    decade_words: dict[str, int]
    seasons: dict[str, int]  # word -> first month
    future_markers: re.Pattern[str]
    forecast_markers: re.Pattern[str]  # guidance words: a yearless period they govern lies ahead
    tense_markers: LazyRegex  # groups future, past, present and ed (a word in -ed that may be a past verb)
    adjective_before: frozenset[str]  # an -ed word after one of these is no verb ("an advanced chip", "be released")
    not_past: frozenset[str]
    month_context: frozenset[str]
    ambiguous_words: frozenset[str]
    year_context: frozenset[str]
    not_year_before: frozenset[str]
    distant_year_before: re.Pattern[str]  # the words that make a year outside 1900-2100 one ("back to 1865")
    holidays: dict[str, Holiday]  # by lower-case name
    holiday_ids: dict[str, Holiday]
    fiscal_names: re.Pattern[str] | None
    fiscal_calendars: dict[str, FiscalCalendar]  # organisation name as written -> its fiscal calendar
    fiscal_companies: frozenset[str]  # the names of companies (a government's calendar frames no article)
    patterns: tuple[DatePattern, ...]
    cue_regexes: dict[str, re.Pattern[str]]


def _expand(template: str, macros: dict[str, str], entry: str, field: str) -> str:
    expanded = expand_macros(template, macros)
    missing = unknown_macros(expanded)
    if missing:
        raise fail(PATTERNS_FILE, entry, field, f"unknown or too deeply nested macro(s) {missing}")
    return expanded


def _word_macros(vocab: Vocabulary, holidays: list[Holiday]) -> dict[str, str]:
    month_abbr = frozenset(w for w in vocab.months if w not in _MONTH_NAMES)
    weekday_abbr = frozenset(w for w in vocab.weekdays if w not in _WEEKDAY_NAMES)
    return {
        "MONTH": word_alternation(vocab.months, dotted=month_abbr),
        "WEEKDAY": word_alternation(vocab.weekdays, dotted=weekday_abbr),
        "NUMW": word_alternation(vocab.numbers),
        # the hundreds of a year said in words ("nineteen" ninety-six) and a day said as a number ("May twenty-nine")
        "CENTW": word_alternation([w for w, v in vocab.numbers.items() if 11 <= v <= 20]),
        "DAYW": word_alternation([w for w, v in vocab.numbers.items() if 13 <= v <= 31]),
        "ORDW": word_alternation(vocab.ordinals),
        "COUNTW": word_alternation(vocab.count_words),
        "THIS": word_alternation(vocab.this_words),
        "LAST": word_alternation(vocab.last_words),
        "PAST": word_alternation(vocab.past_words),
        "NEXT": word_alternation(vocab.next_words),
        "COMING": word_alternation(vocab.coming_words),
        "PART": word_alternation(vocab.part_words),
        "DECADEW": word_alternation(vocab.decade_words),
        "SEASON": word_alternation(vocab.season_words),
        "HOLIDAY": word_alternation([name for h in holidays for name in h.names]),
    }


def _entry(index: int, row: PatternRow) -> str:
    return named(f"patterns[{index}]", "id", row.id)


def _compile_patterns(spec: PatternsFile, word_macros: dict[str, str]) -> tuple[DatePattern, ...]:
    macros = {**word_macros, **spec.macros}
    unique((PATTERNS_FILE, _entry(i, row), row.id) for i, row in enumerate(spec.patterns))
    for i, row in enumerate(spec.patterns):
        unknown = {name for alt in row.cues for name in alt.split("+")} - set(spec.cue_classes)
        if unknown:
            raise fail(PATTERNS_FILE, _entry(i, row), "cues", f"unknown cue class(es) {sorted(unknown)}")
    compiled: list[DatePattern] = []
    for i, row in enumerate(spec.patterns):
        body = _expand(row.regex, macros, _entry(i, row), "regex")
        regex = LazyRegex(_LEFT + "(?:" + body + ")" + _RIGHT, re.IGNORECASE)
        compiled.append(DatePattern(row.id, row.level, row.handler, regex, tuple(row.examples),
                                    tuple(frozenset(alt.split("+")) for alt in row.cues),
                                    row.regex.startswith("(?P<a>{OPERAND}"), row.operand))
    return tuple(compiled)


def _cue_regexes(spec: PatternsFile, word_macros: dict[str, str]) -> dict[str, re.Pattern[str]]:
    out = {}
    for name, template in spec.cue_classes.items():
        try:
            # searched in the lower-cased sentence: case-sensitive matching is faster
            out[name] = re.compile(_expand(template, word_macros, TOP, f"cue_classes.{name}").lower())
        except re.error as exc:
            raise fail(PATTERNS_FILE, TOP, f"cue_classes.{name}", f"regex does not compile: {exc}") from None
    return out


def _holidays(spec: HolidaysFile) -> list[Holiday]:
    entries = [named(f"holidays[{i}]", "id", h.id) for i, h in enumerate(spec.holidays)]
    unique((HOLIDAYS_FILE, entry, h.id) for entry, h in zip(entries, spec.holidays, strict=True))
    ids = {h.id for h in spec.holidays}
    for entry, h in zip(entries, spec.holidays, strict=True):
        if h.after is not None and h.after not in ids:
            raise fail(HOLIDAYS_FILE, entry, "after", f"{h.after!r} is not a holiday id")
    return spec.holidays


def check_compiles(data: DatesData) -> None:
    """Compile every finder pattern (they compile lazily at run time): DataFileError names a bad one."""
    for i, pattern in enumerate(data.patterns):
        try:
            pattern.regex.compile()
        except re.error as exc:
            raise fail(PATTERNS_FILE, named(f"patterns[{i}]", "id", pattern.id), "regex",
                       f"regex does not compile: {exc}") from None


def _phrases(words: list[str]) -> str:
    """An alternation of word phrases, longest first, any run of spaces between their words."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def load_dates() -> DatesData:
    """Read and compile ``models/dates/*.json``; raises DataFileError on a malformed file."""
    vocab = load_json(VOCABULARY_FILE, Vocabulary)
    holidays = _holidays(load_json(HOLIDAYS_FILE, HolidaysFile))
    organisations = load_json(FISCAL_FILE, FiscalFile).organisations
    # "the Pentagon" also opens a sentence as "The Pentagon"
    written = [(org, variant) for org in organisations for name in org.names
               for variant in dict.fromkeys((name, name[:1].upper() + name[1:] if name.startswith("the ") else name))]
    fiscal_calendars = {variant: org.calendar() for org, variant in written}
    fiscal_companies = frozenset(variant for org, variant in written if org.kind == "company")
    names = "|".join(re.escape(n) for n in sorted(fiscal_calendars, key=len, reverse=True))
    fiscal_regex = re.compile(r"(?<![\w])(?:" + names + r")(?![\w])") if fiscal_calendars else None
    rel: dict[str, str] = {}
    for category, words in (("this", vocab.this_words), ("last", vocab.last_words), ("past", vocab.past_words),
                            ("next", vocab.next_words), ("coming", vocab.coming_words)):
        for word in words:
            rel[" ".join(word.lower().split())] = category
    word_macros = _word_macros(vocab, holidays)
    pattern_spec = load_json(PATTERNS_FILE, PatternsFile)
    patterns = _compile_patterns(pattern_spec, word_macros)
    cue_regexes = _cue_regexes(pattern_spec, word_macros)
    markers = sorted(vocab.future_markers, key=len, reverse=True)
    return DatesData(
        months={k.lower(): v for k, v in vocab.months.items()},
        weekdays={k.lower(): v for k, v in vocab.weekdays.items()},
        numbers=vocab.numbers,
        ordinals=vocab.ordinals,
        count_words=vocab.count_words,
        units=vocab.units,
        rel=rel,
        parts=dict(vocab.part_words),
        part_ranges={unit: {part: lo_hi for part, lo_hi in parts.items()} for unit, parts in vocab.part_ranges.items()},
        decade_words=vocab.decade_words,
        seasons=vocab.season_words,
        future_markers=re.compile(r"(?<![\w])(?:" + _phrases(markers) + r")(?![\w])", re.IGNORECASE),
        forecast_markers=re.compile(r"(?<![\w])(?:" + _phrases(vocab.forecast_markers) + r")(?![\w])", re.IGNORECASE),
        tense_markers=LazyRegex(r"(?<![\w])(?:(?P<future>" + _phrases(markers) + r")|(?P<past>"
                                + _phrases(vocab.past_markers) + r")|(?P<present>" + _phrases(vocab.present_markers)
                                + r")|(?P<ed>[a-z]{2,}ed))(?![\w])", re.IGNORECASE),
        adjective_before=frozenset(vocab.adjective_before),
        not_past=frozenset(vocab.not_past),
        month_context=frozenset(vocab.month_context),
        ambiguous_words=frozenset(vocab.ambiguous_words),
        year_context=frozenset(vocab.year_context),
        not_year_before=frozenset(vocab.not_year_before),
        distant_year_before=re.compile(r"(?<![\w])(?:" + _phrases(vocab.distant_year_before) + r")\s+$", re.IGNORECASE),
        holidays={name: h for h in holidays for name in h.names},
        holiday_ids={h.id: h for h in holidays},
        fiscal_names=fiscal_regex,
        fiscal_calendars=fiscal_calendars,
        fiscal_companies=fiscal_companies,
        patterns=patterns,
        cue_regexes=cue_regexes,
    )


#: every file this module reads, with its model (tests/test_datafiles.py loads each one)
DATA_FILES: dict[str, type[DataModel]] = {
    VOCABULARY_FILE: Vocabulary, PATTERNS_FILE: PatternsFile, HOLIDAYS_FILE: HolidaysFile, FISCAL_FILE: FiscalFile,
}
