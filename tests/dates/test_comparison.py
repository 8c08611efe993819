"""Issue 15 point 2, the part the date stage owns: a comparison baseline ("from the previous quarter", "a year
earlier") is the period a figure is compared with, not the claim's own, so neither the patterns nor spaCy's
DATE entities make a date of it, and the claim keeps the period its sentence names.

Every row of BASELINES failed before its fix (only "year"-based baselines were known; spaCy's DATE "the
previous three months" was resolved as a rolling window ending on the publication day).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import baselines, find_dates

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
