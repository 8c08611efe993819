"""Issue 15 point 5 (modifiers and shapes): the edges of a period, rolling windows and a
year carried to a later quarter of the same sentence, on sentences of
the kind the corpora hold, each with its publication date and the inclusive period the guidelines give.

Every row failed before its fix ("the end of 2024" was September to December; "over the next three
years" started the day after publication).  The ``keep`` rows passed before and must stay.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import find_dates

D = dt.date

# (id, sentence, published, expression, start, end, granularity)
EDGES = [
    ("end-of-year-is-december", "It held more than 150,000 active patents at the end of 2024.", D(2025, 4, 1),
     "the end of 2024", D(2024, 12, 1), D(2024, 12, 31), "month"),
    ("by-end-of-year-future", "Intel expects to have about 75,000 core employees by the end of the year.",
     D(2025, 7, 25), "by the end of the year", D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("end-of-decade", "The ministry wants 100 gigawatts of data centres by the end of the decade.",
     D(2025, 3, 4), "by the end of the decade", D(2029, 12, 1), D(2029, 12, 31), "month"),
    ("start-of-year-is-january", "Output was cut at the beginning of 2024.", D(2025, 6, 2),
     "the beginning of 2024", D(2024, 1, 1), D(2024, 1, 31), "month"),
    ("year-end", "The bank expects the rate to reach 4 per cent at year-end.", D(2025, 3, 4), "year-end",
     D(2025, 12, 1), D(2025, 12, 31), "month"),
    ("keep-late-year-is-a-third", "Shipments slowed in late 2024.", D(2025, 4, 1), "late 2024", D(2024, 9, 1),
     D(2024, 12, 31), "range"),
    ("keep-end-of-month-is-its-second-half", "The offer closes at the end of the month.", D(2025, 6, 2),
     "the end of the month", D(2025, 6, 16), D(2025, 6, 30), "range"),
]

ROLLING = [
    ("next-three-years-from-publication", "Alibaba will spend at least 380 billion yuan on cloud computing over "
     "the next three years, the company said.", D(2025, 2, 25), "the next three years", D(2025, 2, 25),
     D(2028, 2, 24), "range"),
    ("past-five-years-to-publication", "Their consumption has grown by 12 per cent a year over the past five "
     "years.", D(2025, 4, 10), "the past five years", D(2020, 4, 11), D(2025, 4, 10), "range"),
    ("past-decade", "Over the past decade, it has spent more than 1.24 trillion yuan on R&D.", D(2025, 3, 31),
     "the past decade", D(2015, 4, 1), D(2025, 3, 31), "range"),
    ("next-decade", "Xiaomi will invest at least 50 billion yuan in chip design over the next decade.",
     D(2025, 8, 20), "the next decade", D(2025, 8, 20), D(2035, 8, 19), "range"),
    ("previous-three-years", "Tokyo set aside about 3.9 trillion yen for the industry over the previous three "
     "years.", D(2024, 11, 12), "the previous three years", D(2021, 11, 13), D(2024, 11, 12), "range"),
    ("keep-next-two-days-start-tomorrow", "Storms are expected over the next two days.", D(2025, 6, 2),
     "the next two days", D(2025, 6, 3), D(2025, 6, 4), "range"),
    ("keep-last-three-months-end-today", "Orders doubled in the last three months.", D(2025, 6, 2),
     "the last three months", D(2025, 3, 2), D(2025, 6, 2), "range"),
]

# a quarter or half without a year takes the year of one named before it in the sentence
INHERITED = [
    ("second-half-of-next-year", "The Tianchi 256 will be available in the first half of next year, and a "
     "512-chip version will follow in the second half.", D(2025, 9, 25), "the second half", D(2026, 7, 1),
     D(2026, 12, 31), "half"),
    ("fourth-quarter-after-a-dated-first", "Xu said the Ascend 950PR would arrive in the first quarter of 2026, "
     "followed by the Ascend 950DT in the fourth quarter.", D(2025, 9, 25), "the fourth quarter", D(2026, 10, 1),
     D(2026, 12, 31), "quarter"),
    ("past-quarters-of-a-named-year", "Revenue rose 10 per cent in the third quarter of 2023 and 12 per cent in "
     "the fourth quarter.", D(2025, 9, 25), "the fourth quarter", D(2023, 10, 1), D(2023, 12, 31), "quarter"),
]

ALL = EDGES + ROLLING + INHERITED


@pytest.mark.parametrize(("sentence", "published", "expression", "start", "end", "granularity"),
                         [row[1:] for row in ALL], ids=[row[0] for row in ALL])
def test_period_shapes_in_sentences(sentence: str, published: dt.date, expression: str, start: dt.date,
                                    end: dt.date, granularity: str) -> None:
    found = [(m.text, m.date.start, m.date.end, m.date.granularity) for m in find_dates(sentence, published)]
    assert (expression, start, end, granularity) in [
        (text.removeprefix("over ").removeprefix("Over "), s, e, g) for text, s, e, g in found]
