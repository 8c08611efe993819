"""Issue 15 point 1 (conformance): whole classes of news phrasing the finder missed, each row a sentence
of the kind tech news writes, with its publication date and the inclusive period.

Holiday weekends, business and trading days, "the rest of the year", a weekday with its date in
brackets (wire style: "on Tuesday (Jan 6)"), "in two years' time", years outside 1900-2100 after
"in" or "back to", lunar holidays listed by year, "the week of the 18th".  Every row failed before its
fix; the ``keep`` rows passed before and must stay.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import find_dates

D = dt.date
WED = D(2025, 12, 10)

# (id, sentence, published, expression, start, end, granularity)
PHRASES = [
    ("thanksgiving-weekend-thursday-to-sunday", "US shoppers spent $10.8 billion online over the Thanksgiving "
     "weekend, Adobe said.", D(2025, 12, 2), "Thanksgiving weekend", D(2025, 11, 27), D(2025, 11, 30), "range"),
    ("memorial-day-weekend-saturday-to-monday", "The film took $120 million at the box office over the Memorial "
     "Day weekend.", D(2025, 6, 2), "Memorial Day weekend", D(2025, 5, 24), D(2025, 5, 26), "range"),
    ("labor-day-weekend-ahead", "The airline expects to carry 3 million passengers over Labor Day weekend.",
     D(2025, 8, 20), "Labor Day weekend", D(2025, 8, 30), D(2025, 9, 1), "range"),
    ("weekend-of-a-holiday-with-year", "Retailers expect record traffic on the weekend of Black Friday 2025.",
     D(2025, 11, 20), "the weekend of Black Friday 2025", D(2025, 11, 28), D(2025, 11, 30), "range"),
    ("next-business-days-skip-the-weekend", "The company will announce a decision in the next 10 business days.",
     WED, "the next 10 business days", D(2025, 12, 11), D(2025, 12, 24), "range"),
    ("past-trading-days", "Its shares have fallen 12 per cent over the past five trading days.", WED,
     "the past five trading days", D(2025, 12, 3), D(2025, 12, 9), "range"),
    ("rest-of-the-year-from-publication", "Apple expects iPhone demand to stay strong for the rest of the year.",
     D(2025, 10, 31), "the rest of the year", D(2025, 10, 31), D(2025, 12, 31), "range"),
    ("remainder-of-a-later-year-is-all-of-it", "The plant will run at full capacity for the remainder of 2026.",
     WED, "the remainder of 2026", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("weekday-with-its-date-in-brackets", "Shares of Sony rose 4 per cent on Tuesday (Jan 6).", D(2026, 1, 8),
     "Tuesday (Jan 6)", D(2026, 1, 6), D(2026, 1, 6), "day"),
    ("in-two-years-time-without-a-future-verb", "The first chips from the fab arrive in two years' time.", WED,
     "in two years' time", D(2027, 1, 1), D(2027, 12, 31), "year"),
    ("year-before-1900-after-in", "Nintendo, which was founded in 1889, makes the Switch.", D(2025, 6, 5),
     "1889", D(1889, 1, 1), D(1889, 12, 31), "year"),
    ("year-before-1900-after-back-to", "The company's patent archive dates back to 1890.", D(2025, 6, 5),
     "1890", D(1890, 1, 1), D(1890, 12, 31), "year"),
    ("lunar-new-year", "Factories across southern China closed for Lunar New Year.", D(2025, 3, 1),
     "Lunar New Year", D(2025, 1, 29), D(2025, 1, 29), "day"),
    ("eid-al-fitr", "Orders surged ahead of Eid al-Fitr, the retailer said.", D(2025, 4, 15), "Eid al-Fitr",
     D(2025, 3, 30), D(2025, 3, 30), "day"),
    ("week-of-the-18th", "Deliveries will start in the week of the 18th.", WED, "the week of the 18th",
     D(2025, 12, 15), D(2025, 12, 21), "week"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "start", "end", "granularity"),
                         [row[1:] for row in PHRASES], ids=[row[0] for row in PHRASES])
def test_phrases_resolve_in_sentences(sentence: str, published: dt.date, expression: str, start: dt.date,
                                      end: dt.date, granularity: str) -> None:
    found = [(m.date.start, m.date.end, m.date.granularity) for m in find_dates(sentence, published)
             if m.text == expression]
    assert found == [(start, end, granularity)], [m.text for m in find_dates(sentence, published)]


# (id, sentence, the expressions found)
SEPARATE = [
    ("from-one-year-and-another-is-two-years", "Revenue from 2023 and 2024 was restated.", ["2023", "2024"]),
    ("keep-between-is-a-range", "Revenue between 2023 and 2024 doubled.", ["between 2023 and 2024"]),
    ("keep-rest-of-the-world-is-no-date", "Nvidia sells more AI chips than the rest of the world combined.", []),
    ("keep-no-year-before-a-noun", "The chain operates in 1500 stores.", []),
    ("keep-no-far-year-after-to", "The index rose to 1850, its highest close.", []),
]


@pytest.mark.parametrize(("sentence", "expressions"), [row[1:] for row in SEPARATE], ids=[row[0] for row in SEPARATE])
def test_phrases_found_as_written(sentence: str, expressions: list[str]) -> None:
    assert [m.text for m in find_dates(sentence, WED)] == expressions
