"""Issue 15 point 5, more shapes: years in words, numeric date ranges, a day of the month on its own,
"the Nth day/month of", spans "for two weeks starting May 20", "within nine months", "the week after
next", "before the end of" and "after the beginning of", a year after "later than", "FY25" in running text.

Every row failed before its fix (no date, or another period).  Sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import find_dates

D = dt.date
WED = D(2025, 12, 10)

# (id, sentence, published, expression found, start, end)
SHAPES = [
    ("year-in-words", "The plant opened in nineteen eighty-six, the company said.", WED,
     "nineteen eighty-six", D(1986, 1, 1), D(1986, 12, 31)),
    ("year-in-words-two-thousand-and", "The group was founded in two thousand and five.", WED,
     "two thousand and five", D(2005, 1, 1), D(2005, 12, 31)),
    ("month-and-year-in-words", "The merger closed in October two thousand and fifteen.", WED,
     "October two thousand and fifteen", D(2015, 10, 1), D(2015, 10, 31)),
    ("month-of-two-digit-year", "He joined the company in April of 87.", WED, "April of 87", D(1987, 4, 1),
     D(1987, 4, 30)),
    ("numeric-range-shared-year", "The promotion ran from 5/1-5/7/2024.", WED, "from 5/1-5/7/2024", D(2024, 5, 1),
     D(2024, 5, 7)),
    ("numeric-range-years-each", "The trial ran from 11/15/2024-2/28/2025.", WED, "from 11/15/2024-2/28/2025",
     D(2024, 11, 15), D(2025, 2, 28)),
    ("numeric-range-yearless-future", "Registration will be open between 1/5-1/20.", WED, "between 1/5-1/20",
     D(2026, 1, 5), D(2026, 1, 20)),
    ("day-of-month-future", "The dividend will be paid on the 18th.", WED, "on the 18th", D(2025, 12, 18),
     D(2025, 12, 18)),
    ("day-of-month-past", "The outage began on the 2nd, the operator said.", WED, "on the 2nd", D(2025, 12, 2),
     D(2025, 12, 2)),
    ("nth-day-of-next-month", "Payments fall due on the 15th day of next month.", WED,
     "the 15th day of next month", D(2026, 1, 15), D(2026, 1, 15)),
    ("nth-month-of-year", "Deliveries will start in the third month of 2026.", WED, "the third month of 2026",
     D(2026, 3, 1), D(2026, 3, 31)),
    ("span-starting-a-date", "The exchange will close for two weeks starting May 20.", D(2025, 4, 2),
     "two weeks starting May 20", D(2025, 5, 20), D(2025, 6, 2)),
    ("span-for-days-from-today", "Trading is halted for three days from today.", WED, "for three days from today",
     D(2025, 12, 10), D(2025, 12, 12)),
    ("within-n-months", "The regulator said the rules would take effect within nine months.", D(2025, 3, 23),
     "within nine months", D(2025, 3, 23), D(2025, 12, 23)),
    ("week-after-next", "Shipments are due in the week after next.", WED, "the week after next", D(2025, 12, 22),
     D(2025, 12, 28)),
    ("before-the-end-of", "Orders must be placed before the end of the year.", WED, "before the end of the year",
     None, D(2025, 12, 31)),
    ("after-the-beginning-of", "Output rose steadily after the beginning of March.", WED,
     "after the beginning of March", D(2025, 3, 1), None),
    ("later-than-a-year", "Phones sold later than 2018 carry the chip.", WED, "later than 2018", D(2019, 1, 1), None),
    ("over-n-years-in-a-future-clause", "Alibaba said it would spend at least 380 billion yuan on cloud "
     "infrastructure over three years.", D(2025, 2, 24), "over three years", D(2025, 2, 24), D(2028, 2, 23)),
    ("fy-code-in-text", "Revenue in FY25 rose 12 per cent.", D(2025, 6, 1), "FY25", D(2025, 1, 1), D(2025, 12, 31)),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "start", "end"), [row[1:] for row in SHAPES],
                         ids=[row[0] for row in SHAPES])
def test_more_shapes_in_sentences(sentence: str, published: dt.date, expression: str, start: dt.date | None,
                                  end: dt.date | None) -> None:
    found = [(m.text, m.date.start, m.date.end) for m in find_dates(sentence, published)]
    assert (expression, start, end) in found, found


def test_over_n_years_in_a_past_clause_is_a_duration() -> None:
    """ "The phones had been developed over three years" gives no period (the gold annotates none)."""
    assert find_dates("The phones had been developed over three years at a cost of 1 billion yuan.", WED) == []
