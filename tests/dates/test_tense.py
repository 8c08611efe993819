"""Tense and direction (issue 15 point 4) and seasons (point 5): yearless dates and weekdays read in
the direction of the clause's own verb, "now" as the publication date.

Every row failed before its fix.  ``found``: the finder reports the expression in running text (the
present-time words "now", "currently", "at present", "as of now", "at the moment" are the publication
day since issue 15's guidelines; before, they resolved only when asked for).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import find_dates, resolve

D = dt.date
WED = D(2025, 12, 10)  # a Wednesday

# (id, sentence, expression, published, start, end, granularity, found)
TENSE = [
    ("present-payable-next-january", "The dividend is payable Jan. 10 to shareholders of record on Dec. 20.",
     "Jan. 10", D(2025, 12, 3), D(2026, 1, 10), D(2026, 1, 10), "day", True),
    ("present-record-date-this-december", "The dividend is payable Jan. 10 to shareholders of record on Dec. 20.",
     "Dec. 20", D(2025, 12, 3), D(2025, 12, 20), D(2025, 12, 20), "day", True),
    ("present-expires-next-january", "The contract with the carrier expires Jan. 31.",
     "Jan. 31", WED, D(2026, 1, 31), D(2026, 1, 31), "day", True),
    ("present-day-range-next-march", "The developer conference takes place March 3-5 in San Jose.",
     "March 3-5", WED, D(2026, 3, 3), D(2026, 3, 5), "range", True),
    ("present-until-month-same-year", "The bank is running a pilot that lasts until May.",
     "until May", D(2025, 2, 12), D(2025, 2, 12), D(2025, 5, 31), "range", True),
    ("present-until-day-next-year", "The promotional offer runs until March 31.",
     "until March 31", WED, WED, D(2026, 3, 31), "range", True),
    ("past-participle-weekday-despite-will", "The company said it will appeal the ruling, issued Tuesday, to a "
     "higher court.", "Tuesday", WED, D(2025, 12, 9), D(2025, 12, 9), "day", True),
    ("present-weekday-ahead", "The chipmaker reports quarterly earnings Thursday.",
     "Thursday", WED, D(2025, 12, 11), D(2025, 12, 11), "day", True),
    ("past-quarter-despite-plans-to", "The company plans to close the unit and recorded a charge of $40 million "
     "in the second quarter.", "the second quarter", WED, D(2025, 4, 1), D(2025, 6, 30), "quarter", True),
    ("past-month-despite-will-earlier", "The company, which will list in Hong Kong, said revenue rose 8% in "
     "October.", "October", WED, D(2025, 10, 1), D(2025, 10, 31), "month", True),
    ("past-ed-month-despite-would", "Microsoft said it would cut jobs after hiring slowed in June.",
     "June", WED, D(2025, 6, 1), D(2025, 6, 30), "month", True),
    ("past-verb-after-the-date-in-its-own-clause", "Seoul is stepping up support for the industry too: in April "
     "the government raised its support package to 33 trillion won.", "April", D(2025, 10, 30), D(2025, 4, 1),
     D(2025, 4, 30), "month", True),
    ("future-verb-after-a-leading-date", "In June, the company will open a second plant in Arizona.", "June", WED,
     D(2026, 6, 1), D(2026, 6, 30), "month", True),
    ("now", "Shares are now trading at $12.", "now", WED, WED, WED, "day", True),
    ("currently", "The unit currently employs 300 people.", "currently", WED, WED, WED, "day", True),
    ("at-present", "At present, the plant makes 10,000 cars a year.", "At present", WED, WED, WED, "day", True),
    ("as-of-now", "As of now, Apple sells the phone in 40 countries.", "As of now", D(2025, 9, 19), D(2025, 9, 19),
     D(2025, 9, 19), "day", True),
    ("at-the-moment", "At the moment, the foundry runs at 85 per cent of capacity.", "At the moment", WED, WED,
     WED, "day", True),
    ("right-now", "Right now, about 30 per cent of its chips go to China.", "Right now", WED, WED, WED, "day", True),
    # point 5: seasons (spring March-May, summer June-August, autumn/fall September-November, winter December-February)
    ("season-last-winter", "Gas prices spiked last winter.", "last winter", WED, D(2024, 12, 1), D(2025, 2, 28),
     "range", True),
    ("season-this-summer", "Sales of air conditioners jumped this summer.", "this summer", WED, D(2025, 6, 1),
     D(2025, 8, 31), "range", True),
    ("season-the-spring-future", "The phone will go on sale in the spring.", "the spring", WED, D(2026, 3, 1),
     D(2026, 5, 31), "range", True),
    ("season-with-year", "The model will launch in spring 2026.", "spring 2026", WED, D(2026, 3, 1),
     D(2026, 5, 31), "range", True),
    ("season-the-fall-of-year", "The company shipped the device in the fall of 2024.", "the fall of 2024", WED,
     D(2024, 9, 1), D(2024, 11, 30), "range", True),
    # point 5: "early/late in", "the early part of"
    ("part-early-in-the-year", "Sales slowed early in the year before recovering.", "early in the year", WED,
     D(2025, 1, 1), D(2025, 4, 30), "range", True),
    ("part-late-in-year", "Shipments began late in 2023.", "late in 2023", WED, D(2023, 9, 1), D(2023, 12, 31),
     "range", True),
    ("part-the-early-part-of", "The plant closed in the early part of 2024.", "the early part of 2024", WED,
     D(2024, 1, 1), D(2024, 4, 30), "range", True),
]


@pytest.mark.parametrize(("sentence", "expression", "published", "start", "end", "granularity", "found"),
                         [row[1:] for row in TENSE], ids=[row[0] for row in TENSE])
def test_tense_resolves_in_the_clause_direction(sentence: str, expression: str, published: dt.date,
                                                start: dt.date, end: dt.date, granularity: str, found: bool) -> None:
    date = resolve(expression, published, sentence)
    assert date is not None
    assert (date.start, date.end, date.granularity) == (start, end, granularity)
    mentions = [m for m in find_dates(sentence, published) if m.text == expression]
    if found:
        assert [(m.date.start, m.date.end, m.date.granularity) for m in mentions] == [(start, end, granularity)]
    else:
        assert mentions == []


NOT_DATES = [
    ("the-fall-in-prices", "The fall in memory prices hurt margins."),
    ("now-defunct", "He founded the now-defunct startup."),
    # "now" that ends or starts a span, or is compared with, is no "as of publication"
    ("until-now", "Until now, Samsung has made the chips in South Korea."),
    ("from-now-on", "From now on, every new iPhone will ship with the modem."),
    ("compared-to-now", "Memory prices were half as high compared to now."),
    ("at-the-moment-of", "At the moment of the listing, the company was worth $6 billion."),
]


@pytest.mark.parametrize("sentence", [row[1] for row in NOT_DATES], ids=[row[0] for row in NOT_DATES])
def test_tense_words_that_are_no_dates(sentence: str) -> None:
    assert find_dates(sentence, WED) == []


# rows that passed before and must stay: a part word that is a verb ("end", "start") takes no "in"
KEEP = [
    ("end-in-month-is-no-part", "The programme will end in June.", "June", D(2026, 6, 1), D(2026, 6, 30), "month"),
    ("start-in-month-is-no-part", "Production will start in March.", "March", D(2026, 3, 1), D(2026, 3, 31), "month"),
]


@pytest.mark.parametrize(("sentence", "expression", "start", "end", "granularity"), [row[1:] for row in KEEP],
                         ids=[row[0] for row in KEEP])
def test_tense_part_words_as_verbs_stay_months(sentence: str, expression: str, start: dt.date, end: dt.date,
                                               granularity: str) -> None:
    assert [(m.text, m.date.start, m.date.end, m.date.granularity) for m in find_dates(sentence, WED)] == [
        (expression, start, end, granularity)]
