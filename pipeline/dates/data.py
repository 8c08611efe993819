"""The date language data under ``models/dates/``, validated and compiled once per process."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.errors import DataFileError
from pipeline.resources import read_text
from pipeline.wordregex import LazyRegex, word_alternation

LEVELS = (0, 1, 2)
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# a match may not start inside a word, a number or an amount, nor end inside one
_LEFT = r"(?<![\w$£€¥])(?<!\d[-/.,])"
_RIGHT = r"(?![\w])(?![-/.,]\d)"

_VOCAB_KEYS = {
    "_format", "months", "weekdays", "numbers", "ordinals", "count_words", "units", "this_words", "last_words",
    "past_words", "next_words", "coming_words", "part_words", "part_ranges", "decade_words", "future_markers",
    "month_context", "ambiguous_words", "year_context", "not_year_before",
}
_PATTERN_FILE_KEYS = {"_format", "macros", "cue_classes", "patterns"}
_PATTERN_KEYS = {"id", "level", "handler", "regex", "examples", "cues"}

_HOLIDAY_KEYS = {"id", "names", "month", "day", "weekday", "nth", "after", "days", "easter"}
_FISCAL_KEYS = {"id", "names", "end_month"}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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


@dataclass(frozen=True, slots=True)
class Holiday:
    id: str
    names: tuple[str, ...]
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    nth: int | None = None
    after: str | None = None
    days: int = 0
    easter: int | None = None


@dataclass(frozen=True, slots=True)
class DatesData:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    count_words: dict[str, int]
    units: dict[str, str]
    rel: dict[str, str]  # word -> this, last, past, next or coming
    parts: dict[str, str]  # word -> early, mid or late
    part_ranges: dict[str, dict[str, tuple[int, int]]]
    decade_words: dict[str, int]
    future_markers: re.Pattern[str]
    month_context: frozenset[str]
    ambiguous_words: frozenset[str]
    year_context: frozenset[str]
    not_year_before: frozenset[str]
    holidays: dict[str, Holiday]  # by lower-case name
    holiday_ids: dict[str, Holiday]
    fiscal_names: re.Pattern[str] | None
    fiscal_end: dict[str, int]  # organisation name as written -> end month
    patterns: tuple[DatePattern, ...]
    cue_regexes: dict[str, re.Pattern[str]]


def _expand(template: str, macros: dict[str, str], where: str) -> str:
    for _ in range(10):
        missing = [name for name in _MACRO.findall(template) if name not in macros]
        if missing:
            raise DataFileError(f"dates/patterns.json {where}: unknown macro(s) {sorted(set(missing))}")
        expanded = _MACRO.sub(lambda m: macros[m.group(1)], template)
        if expanded == template:
            return expanded
        template = expanded
    raise DataFileError(f"dates/patterns.json {where}: macros nest too deep")


def _check_keys(row: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(row) - allowed
    if unknown:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)}")


def _word_macros(vocab: dict[str, Any], holidays: list[Holiday]) -> dict[str, str]:
    month_abbr = frozenset(w for w in vocab["months"] if w not in _MONTH_NAMES)
    weekday_abbr = frozenset(w for w in vocab["weekdays"] if w not in _WEEKDAY_NAMES)
    return {
        "MONTH": word_alternation(vocab["months"], dotted=month_abbr),
        "WEEKDAY": word_alternation(vocab["weekdays"], dotted=weekday_abbr),
        "NUMW": word_alternation(vocab["numbers"]),
        "ORDW": word_alternation(vocab["ordinals"]),
        "COUNTW": word_alternation(vocab["count_words"]),
        "THIS": word_alternation(vocab["this_words"]),
        "LAST": word_alternation(vocab["last_words"]),
        "PAST": word_alternation(vocab["past_words"]),
        "NEXT": word_alternation(vocab["next_words"]),
        "COMING": word_alternation(vocab["coming_words"]),
        "PART": word_alternation(vocab["part_words"]),
        "DECADEW": word_alternation(vocab["decade_words"]),
        "HOLIDAY": word_alternation([name for h in holidays for name in h.names]),
    }


def _compile_patterns(spec: dict[str, Any], word_macros: dict[str, str]) -> tuple[DatePattern, ...]:
    _check_keys(spec, _PATTERN_FILE_KEYS, "dates/patterns.json")
    macros = {**word_macros, **spec["macros"]}
    seen: set[str] = set()
    rows: list[tuple[dict[str, Any], str]] = []
    for row in spec["patterns"]:
        where = f"dates/patterns.json {row.get('id')!r}"
        _check_keys(row, _PATTERN_KEYS, where)
        if row["id"] in seen:
            raise DataFileError(f"dates/patterns.json: duplicate id {row['id']!r}")
        seen.add(row["id"])
        if row["level"] not in LEVELS:
            raise DataFileError(f"{where}: level must be one of {LEVELS}")
        used = {name for alt in row.get("cues", ()) for name in alt.split("+")}
        if used - set(spec["cue_classes"]):
            raise DataFileError(f"{where}: unknown cue class(es) {sorted(used - set(spec['cue_classes']))}")
        rows.append((row, where))
    compiled: list[DatePattern] = []
    for row, where in rows:
        body = _expand(row["regex"], macros, where)
        regex = LazyRegex(_LEFT + "(?:" + body + ")" + _RIGHT, re.IGNORECASE)
        compiled.append(DatePattern(row["id"], row["level"], row["handler"], regex, tuple(row.get("examples", ())),
                                    tuple(frozenset(alt.split("+")) for alt in row.get("cues", ())),
                                    row["regex"].startswith("(?P<a>{OPERAND}")))
    return tuple(compiled)


def _cue_regexes(spec: dict[str, Any], word_macros: dict[str, str]) -> dict[str, re.Pattern[str]]:
    out = {}
    for name, template in spec["cue_classes"].items():
        try:
            # searched in the lower-cased sentence: case-sensitive matching is faster
            out[name] = re.compile(_expand(template, word_macros, f"cue class {name!r}").lower())
        except re.error as exc:
            raise DataFileError(f"dates/patterns.json cue class {name!r}: {exc}") from None
    return out


def _holidays(spec: dict[str, Any]) -> list[Holiday]:
    out: list[Holiday] = []
    ids: set[str] = set()
    for row in spec["holidays"]:
        where = f"dates/holidays.json {row.get('id')!r}"
        _check_keys(row, _HOLIDAY_KEYS, where)
        if row["id"] in ids:
            raise DataFileError(f"dates/holidays.json: duplicate id {row['id']!r}")
        ids.add(row["id"])
        rule = ("month" in row and ("day" in row or "weekday" in row)) or "easter" in row or "after" in row
        if not rule:
            raise DataFileError(f"{where}: needs month+day, month+weekday+nth, easter or after")
        out.append(Holiday(id=row["id"], names=tuple(n.lower() for n in row["names"]), month=row.get("month"),
                           day=row.get("day"), weekday=row.get("weekday"), nth=row.get("nth"),
                           after=row.get("after"), days=row.get("days", 0), easter=row.get("easter")))
    for h in out:
        if h.after is not None and h.after not in ids:
            raise DataFileError(f"dates/holidays.json {h.id!r}: unknown 'after' {h.after!r}")
    return out


def check_compiles(data: DatesData) -> None:
    """Compile every finder pattern (they compile lazily at run time): DataFileError names a bad one."""
    for pattern in data.patterns:
        try:
            pattern.regex.compile()
        except re.error as exc:
            raise DataFileError(f"dates/patterns.json {pattern.id!r}: {exc}") from None


@lru_cache(maxsize=1)
def load_dates() -> DatesData:
    """Read and compile ``models/dates/*.json``; raises DataFileError on a malformed file."""
    vocab = json.loads(read_text("dates/vocabulary.json"))
    _check_keys(vocab, _VOCAB_KEYS, "dates/vocabulary.json")
    holidays = _holidays(json.loads(read_text("dates/holidays.json")))
    fiscal = json.loads(read_text("dates/fiscal_years.json"))
    _check_keys(fiscal, {"_format", "organisations"}, "dates/fiscal_years.json")
    fiscal_end: dict[str, int] = {}
    for row in fiscal["organisations"]:
        _check_keys(row, _FISCAL_KEYS, f"dates/fiscal_years.json {row.get('id')!r}")
        if not 1 <= row["end_month"] <= 12:
            raise DataFileError(f"dates/fiscal_years.json {row['id']!r}: end_month must be 1..12")
        for name in row["names"]:
            fiscal_end[name] = row["end_month"]
    names = "|".join(re.escape(n) for n in sorted(fiscal_end, key=len, reverse=True))
    fiscal_regex = re.compile(r"(?<![\w])(?:" + names + r")(?![\w])") if fiscal_end else None
    rel: dict[str, str] = {}
    for category in ("this", "last", "past", "next", "coming"):
        for word in vocab[f"{category}_words"]:
            rel[" ".join(word.lower().split())] = category
    word_macros = _word_macros(vocab, holidays)
    pattern_spec = json.loads(read_text("dates/patterns.json"))
    patterns = _compile_patterns(pattern_spec, word_macros)
    cue_regexes = _cue_regexes(pattern_spec, word_macros)
    markers = sorted(vocab["future_markers"], key=len, reverse=True)
    return DatesData(
        months={k.lower(): v for k, v in vocab["months"].items()},
        weekdays={k.lower(): v for k, v in vocab["weekdays"].items()},
        numbers=vocab["numbers"],
        ordinals=vocab["ordinals"],
        count_words=vocab["count_words"],
        units=vocab["units"],
        rel=rel,
        parts=vocab["part_words"],
        part_ranges={unit: {part: (lo_hi[0], lo_hi[1]) for part, lo_hi in parts.items()}
                     for unit, parts in vocab["part_ranges"].items()},
        decade_words=vocab["decade_words"],
        future_markers=re.compile(r"(?<![\w])(?:" + "|".join(r"\s+".join(map(re.escape, m.split())) for m in markers)
                                  + r")(?![\w])", re.IGNORECASE),
        month_context=frozenset(vocab["month_context"]),
        ambiguous_words=frozenset(vocab["ambiguous_words"]),
        year_context=frozenset(vocab["year_context"]),
        not_year_before=frozenset(vocab["not_year_before"]),
        holidays={name: h for h in holidays for name in h.names},
        holiday_ids={h.id: h for h in holidays},
        fiscal_names=fiscal_regex,
        fiscal_end=fiscal_end,
        patterns=patterns,
        cue_regexes=cue_regexes,
    )
