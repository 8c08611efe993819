"""The date resolver against a fixed publication date: every line of issue 5 point 2, and more.

The article of every case is published on Wednesday 2025-12-10 unless a row says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from pipeline.dates import find_dates, resolve, streak_of
from pipeline.dates.data import check_compiles, load_dates
from pipeline.dates.grammar import grammar
from pipeline.resources import read_text

PUB = dt.date(2025, 12, 10)
D = dt.date

# (text, start, end, granularity, future)
ISSUE_TABLE = [
    ("earlier this year", D(2025, 1, 1), D(2025, 12, 10), "range", False),
    ("this year", D(2025, 1, 1), D(2025, 12, 31), "year", False),
    ("last year", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("in October", D(2025, 10, 1), D(2025, 10, 31), "month", False),
    ("next March", D(2026, 3, 1), D(2026, 3, 31), "month", True),
    ("on Wednesday", D(2025, 12, 10), D(2025, 12, 10), "day", False),
    ("last week", D(2025, 12, 1), D(2025, 12, 7), "week", False),
    ("between 2021 and 2025", D(2021, 1, 1), D(2025, 12, 31), "range", False),
    ("since 2021", D(2021, 1, 1), D(2025, 12, 10), "range", False),
    ("the third quarter", D(2025, 7, 1), D(2025, 9, 30), "quarter", False),
    ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31), "quarter", True),
    ("for the ninth consecutive year in 2025", D(2025, 1, 1), D(2025, 12, 31), "year", False),
    ("by 2030", D(2030, 1, 1), D(2030, 12, 31), "year", True),
    ("two years ago", D(2023, 1, 1), D(2023, 12, 31), "year", False),
    ("in the past decade", D(2015, 12, 11), D(2025, 12, 10), "range", False),
]

MORE = [
    ("FY2025", D(2025, 1, 1), D(2025, 12, 31), "year", False),
    ("fiscal 2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("H1 2025", D(2025, 1, 1), D(2025, 6, 30), "half", False),
    ("mid-2026", D(2026, 5, 1), D(2026, 8, 31), "range", True),
    ("late last year", D(2024, 9, 1), D(2024, 12, 31), "range", False),
    ("early 2025", D(2025, 1, 1), D(2025, 4, 30), "range", False),
    ("the second half of 2026", D(2026, 7, 1), D(2026, 12, 31), "half", True),
    ("the first half", D(2025, 1, 1), D(2025, 6, 30), "half", False),
    ("3Q25", D(2025, 7, 1), D(2025, 9, 30), "quarter", False),
    ("the fourth quarter", D(2025, 10, 1), D(2025, 12, 31), "quarter", False),
    ("last quarter", D(2025, 7, 1), D(2025, 9, 30), "quarter", False),
    ("the December quarter", D(2025, 10, 1), D(2025, 12, 31), "quarter", False),
    ("the quarter ended Sept. 30", D(2025, 7, 1), D(2025, 9, 30), "quarter", False),
    ("the three months to September", D(2025, 7, 1), D(2025, 9, 30), "quarter", False),
    ("the first nine months of 2025", D(2025, 1, 1), D(2025, 9, 30), "range", False),
    ("October 2025", D(2025, 10, 1), D(2025, 10, 31), "month", False),
    ("Oct. 5", D(2025, 10, 5), D(2025, 10, 5), "day", False),
    ("Nov. 18-19", D(2025, 11, 18), D(2025, 11, 19), "range", False),
    ("June 19, 2024", D(2024, 6, 19), D(2024, 6, 19), "day", False),
    ("5 October 2025", D(2025, 10, 5), D(2025, 10, 5), "day", False),
    ("2025-09-30", D(2025, 9, 30), D(2025, 9, 30), "day", False),
    ("the 2010s", D(2010, 1, 1), D(2019, 12, 31), "decade", False),
    ("yesterday", D(2025, 12, 9), D(2025, 12, 9), "day", False),
    ("last Friday", D(2025, 12, 5), D(2025, 12, 5), "day", False),
    ("this month", D(2025, 12, 1), D(2025, 12, 31), "month", False),
    ("next year", D(2026, 1, 1), D(2026, 12, 31), "year", True),
    ("three months ago", D(2025, 9, 1), D(2025, 9, 30), "month", False),
    ("the past three years", D(2022, 12, 11), D(2025, 12, 10), "range", False),
    ("the next five years", D(2025, 12, 10), D(2030, 12, 9), "range", True),
    ("so far this year", D(2025, 1, 1), D(2025, 12, 10), "range", False),
    ("later this year", D(2025, 12, 10), D(2025, 12, 31), "range", True),
    ("from 2021 to 2024", D(2021, 1, 1), D(2024, 12, 31), "range", False),
    ("2024-25", D(2024, 1, 1), D(2025, 12, 31), "range", False),
    ("by the end of 2026", D(2026, 12, 1), D(2026, 12, 31), "month", True),
    ("Black Friday", D(2025, 11, 28), D(2025, 11, 28), "day", False),
]


def _row_id(row: tuple[object, ...]) -> str:
    return re.sub(r"\W+", "-", str(row[0])).strip("-")


@pytest.mark.parametrize(("text", "start", "end", "granularity", "future"), ISSUE_TABLE + MORE,
                         ids=[_row_id(r) for r in ISSUE_TABLE + MORE])
def test_resolve_against_publication_date(text: str, start: dt.date, end: dt.date, granularity: str,
                                          future: bool) -> None:
    date = resolve(text, PUB)
    assert date is not None
    assert (date.start, date.end, date.granularity, date.future) == (start, end, granularity, future)
    assert date.text == text


@pytest.mark.parametrize(
    ("text", "sentence", "start", "end"),
    [
        ("the third quarter", "Nvidia reported record revenue for the third quarter of fiscal 2026.",
         D(2025, 7, 28), D(2025, 10, 26)),
        ("the third quarter", "Nvidia's revenue rose in the third quarter, the company said.", D(2025, 7, 1),
         D(2025, 9, 30)),
        ("fiscal 2025", "Microsoft's cloud revenue grew 20% in fiscal 2025.", D(2024, 7, 1), D(2025, 6, 30)),
        ("in March", "The company will start shipping the chip in March.", D(2026, 3, 1), D(2026, 3, 31)),
        ("in March", "The company started shipping the chip in March.", D(2025, 3, 1), D(2025, 3, 31)),
    ],
    ids=["fiscal-quarter-nvidia", "calendar-quarter-without-fiscal", "fiscal-year-microsoft",
         "future-clause-next-march", "past-clause-last-march"],
)
def test_resolve_uses_the_sentence(text: str, sentence: str, start: dt.date, end: dt.date) -> None:
    date = resolve(text, PUB, sentence)
    assert date is not None
    assert (date.start, date.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("October 2025", D(2025, 10, 1), D(2025, 10, 31)),
        ("Q1 2026", D(2026, 1, 1), D(2026, 3, 31)),
        ("between 2021 and 2025", D(2021, 1, 1), D(2025, 12, 31)),
        ("for the ninth consecutive year in 2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("by 2030", D(2030, 1, 1), D(2030, 12, 31)),
    ],
    ids=["month-year", "quarter-year", "year-range", "streak-with-year", "target-year"],
)
def test_resolve_absolute_without_publication_date(text: str, start: dt.date, end: dt.date) -> None:
    date = resolve(text, None)
    assert date is not None
    assert (date.start, date.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["earlier this year", "in October", "on Wednesday", "last week", "the third quarter", "two years ago",
     "in the past decade", "next March", "late last year"],
)
def test_resolve_relative_without_publication_date_keeps_text_only(text: str) -> None:
    date = resolve(text, None)
    assert date is not None
    assert date.text == text
    assert (date.start, date.end, date.granularity) == (None, None, None)


def test_resolve_since_without_publication_date_keeps_its_start() -> None:
    date = resolve("since 2021", None)
    assert date is not None
    assert (date.start, date.end) == (D(2021, 1, 1), None)


@pytest.mark.parametrize("text", ["three years", "20 years", "a year earlier", "the same period last year",
                                  "the year-ago quarter", "63-year-old", "decades"])
def test_resolve_rejects_durations_and_comparison_baselines(text: str) -> None:
    assert resolve(text, PUB) is None


def test_streak_is_kept() -> None:
    assert streak_of("for the ninth consecutive year in 2025", PUB) == 9
    assert streak_of("the third straight quarter", PUB) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guangdong was China's top innovation hub for the ninth consecutive year in 2025, the official said.",
         [("for the ninth consecutive year in 2025", 9)]),
        ("Revenue rose 27% in the third quarter and the company expects growth in H1 2026.",
         [("the third quarter", None), ("H1 2026", None)]),
        ("Since 2021 the province has granted 600 million yuan, and it will double that by 2030.",
         [("Since 2021", None), ("by 2030", None)]),
        ("The firm may raise prices, analysts said.", []),
        ("It delivered 2000 pieces of equipment to 12 customers.", []),
        ("Shipments of the H100 and H20 fell in May.", [("May", None)]),
    ],
    ids=["streak", "quarter-and-half", "since-and-by", "modal-may", "count-not-year", "chip-names"],
)
def test_find_dates_in_sentences(text: str, expected: list[tuple[str, int | None]]) -> None:
    mentions = find_dates(text, PUB)
    assert [(m.text, m.streak) for m in mentions] == expected
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.pattern.startswith("dates:")


def test_data_files_load_and_every_pattern_matches_its_examples() -> None:
    data = load_dates()
    g = grammar()
    check_compiles(data)  # the patterns compile lazily at run time: every one must compile
    assert len({p.id for p in data.patterns}) == len(data.patterns)
    for pattern in data.patterns:
        for example in pattern.examples:
            assert pattern.regex.fullmatch(example), (pattern.id, example)
    assert {p.handler for p in data.patterns} <= set(g.handlers) | {"ignore"}


def test_data_files_have_no_unknown_keys() -> None:
    vocab = json.loads(read_text("dates/vocabulary.json"))
    assert "_format" in vocab
    patterns = json.loads(read_text("dates/patterns.json"))
    for row in patterns["patterns"]:
        assert set(row) <= {"id", "level", "handler", "regex", "examples", "cues", "operand"}
