"""Issue 15 point 2, the part the date stage owns: a comparison baseline ("from the previous quarter", "a year
earlier") is the period a figure is compared with, not the claim's own, so neither the patterns nor spaCy's
DATE entities make a date of it, and the claim keeps the period its sentence names.

Every row of BASELINES failed before its fix (only "year"-based baselines were known; spaCy's DATE "the
previous three months" was resolved as a rolling window ending on the publication day).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import baselines, earlier_period, find_dates, resolve

D = dt.date

# (id, sentence, published, baseline, the sentence's own dates)
BASELINES = [
    ("from-the-previous-three-months", "For the current quarter, the company forecast revenue growth of 5 per cent "
     "to 7 per cent from the previous three months.", D(2025, 8, 8), "from the previous three months",
     [("the current quarter", D(2025, 7, 1), D(2025, 9, 30))]),
    ("from-the-previous-quarter", "Combined revenue of the ten largest foundries rose 14.6 per cent from the "
     "previous quarter to US$41.7 billion in the second quarter.", D(2025, 9, 1), "from the previous quarter",
     [("the second quarter", D(2025, 4, 1), D(2025, 6, 30))]),
    ("compared-with-the-prior-quarter", "Shipments rose 9 per cent in the third quarter compared with the prior "
     "quarter.", D(2025, 11, 3), "compared with the prior quarter",
     [("the third quarter", D(2025, 7, 1), D(2025, 9, 30))]),
]


@pytest.mark.parametrize(("sentence", "published", "baseline", "own"), [row[1:] for row in BASELINES],
                         ids=[row[0] for row in BASELINES])
def test_comparison_baselines_are_no_dates(sentence: str, published: dt.date, baseline: str,
                                           own: list[tuple[str, dt.date, dt.date]]) -> None:
    assert [sentence[lo:hi] for lo, hi in baselines(sentence, published)] == [baseline]
    assert [(m.text, m.date.start, m.date.end) for m in find_dates(sentence, published)] == own


# the period a figure is compared with: (id, the claim's period as written, published, calendar's sentence,
# unit, expected start and end)
EARLIER = [
    ("quarter-a-year-earlier", "the July-September quarter", D(2025, 11, 11), None, "year", D(2024, 7, 1),
     D(2024, 9, 30)),
    ("half-a-year-earlier", "the first half of 2025", D(2025, 8, 20), None, "year", D(2024, 1, 1), D(2024, 6, 30)),
    ("quarter-three-months-earlier", "the second quarter", D(2025, 8, 20), None, "quarter", D(2025, 1, 1),
     D(2025, 3, 31)),
    ("fiscal-52-week-quarter", "the third quarter of fiscal 2026", D(2025, 11, 20),
     "Nvidia reported record revenue for the third quarter of fiscal 2026.", "year", D(2024, 7, 29),
     D(2024, 10, 27)),
]


@pytest.mark.parametrize(("text", "published", "sentence", "unit", "start", "end"), [row[1:] for row in EARLIER],
                         ids=[row[0] for row in EARLIER])
def test_earlier_period_matches_the_claims_own(text: str, published: dt.date, sentence: str | None, unit: str,
                                               start: dt.date, end: dt.date) -> None:
    own = resolve(text, published, sentence)
    assert own is not None
    earlier = earlier_period(own, unit)
    assert earlier is not None
    assert (earlier.start, earlier.end, earlier.granularity, earlier.calendar) == (start, end, own.granularity,
                                                                                   own.calendar)
