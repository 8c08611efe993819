"""Issue 15 point 1: fiscal calendars.  A quarter, half or fiscal year resolves through the calendar of
the company or government its sentence (or its results story) is about, and says which calendar it used.

Every row failed before its fix: quarters were whole calendar months shifted by the year-end month
(Nvidia's third quarter of fiscal 2026 was August to October, not 28 July to 26 October), governments
and companies named by the year their fiscal year starts in were a year early, a results story's
"third-quarter" without the word "fiscal" was a calendar quarter, and "calendar 2024" was no date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import find_dates, fiscal_frame, resolve

D = dt.date

# (id, sentence, published, article frame, expression, start, end, calendar)
FISCAL = [
    ("nvidia-quarter-of-fiscal-year", "Nvidia reported record revenue for the third quarter of fiscal 2026.",
     D(2025, 11, 20), None, "the third quarter of fiscal 2026", D(2025, 7, 28), D(2025, 10, 26), "fiscal:Nvidia"),
    ("nvidia-fourth-quarter-fiscal-2025", "Nvidia's data centre revenue in the fourth quarter of fiscal 2025 was "
     "$35.6 billion.", D(2025, 2, 27), None, "the fourth quarter of fiscal 2025", D(2024, 10, 28), D(2025, 1, 26),
     "fiscal:Nvidia"),
    ("results-story-quarter-without-fiscal", "Its third-quarter revenue rose 62 per cent.", D(2025, 11, 20), "Nvidia",
     "third-quarter", D(2025, 7, 28), D(2025, 10, 26), "fiscal:Nvidia"),
    ("results-story-current-quarter", "For the current quarter, the company forecast revenue of $65 billion.",
     D(2025, 11, 20), "Nvidia", "the current quarter", D(2025, 10, 27), D(2026, 1, 25), "fiscal:Nvidia"),
    ("apple-fiscal-fourth-quarter", "Apple's revenue rose 6 per cent in its fiscal fourth quarter.",
     D(2024, 10, 31), None, "its fiscal fourth quarter", D(2024, 6, 30), D(2024, 9, 28), "fiscal:Apple"),
    ("apple-53-week-year-long-first-quarter", "Apple said revenue in its fiscal first quarter of 2023 fell.",
     D(2023, 2, 2), None, "its fiscal first quarter of 2023", D(2022, 9, 25), D(2022, 12, 31), "fiscal:Apple"),
    ("micron-quarter-ended-on-a-day", "Revenue in its fiscal fourth quarter, which ended on August 28, rose 46 per "
     "cent.", D(2025, 9, 24), "Micron", "fiscal fourth quarter", D(2025, 5, 30), D(2025, 8, 28), "fiscal:Micron"),
    ("micron-full-fiscal-year", "For the full fiscal year, Micron's revenue climbed 49 per cent to a record.",
     D(2025, 9, 24), "Micron", "the full fiscal year", D(2024, 8, 30), D(2025, 8, 28), "fiscal:Micron"),
    ("broadcom-53-week-year", "Broadcom's AI revenue reached $12.2 billion in fiscal 2024.", D(2024, 12, 13), None,
     "fiscal 2024", D(2023, 10, 30), D(2024, 11, 3), "fiscal:Broadcom"),
    ("microsoft-month-based-year", "Microsoft's cloud revenue grew 20 per cent in fiscal 2025.", D(2025, 7, 31),
     None, "fiscal 2025", D(2024, 7, 1), D(2025, 6, 30), "fiscal:Microsoft"),
    ("japan-named-by-start-year", "Japan plans to provide more than 10 trillion yen in support by fiscal 2030.",
     D(2024, 11, 12), None, "by fiscal 2030", D(2030, 4, 1), D(2031, 3, 31), "fiscal:Japan"),
    ("india-april-to-march", "India's electronics exports reached $38 billion in fiscal 2025.", D(2025, 5, 2), None,
     "fiscal 2025", D(2024, 4, 1), D(2025, 3, 31), "fiscal:India"),
    ("us-federal-begins-next-month", "The Pentagon asked for $850 billion for fiscal 2026, which begins next month.",
     D(2025, 9, 10), None, "fiscal 2026", D(2025, 10, 1), D(2026, 9, 30), "fiscal:US federal government"),
    ("australia-july-to-june", "Australia expects a budget deficit of A$27.6 billion in fiscal 2025.",
     D(2025, 3, 25), None, "fiscal 2025", D(2024, 7, 1), D(2025, 6, 30), "fiscal:Australia"),
    ("uk-april-to-march", "HM Treasury forecast borrowing of £118 billion in fiscal 2025.", D(2025, 3, 26), None,
     "fiscal 2025", D(2024, 4, 1), D(2025, 3, 31), "fiscal:UK government"),
    ("calendar-year-stays-calendar", "Dell shipped 10 million PCs in the fourth quarter of calendar 2024.",
     D(2025, 1, 15), "Dell", "the fourth quarter of calendar 2024", D(2024, 10, 1), D(2024, 12, 31), "gregorian"),
    ("quarter-to-a-day-is-13-weeks", "Nvidia said revenue in the three months to October 26 reached $57 billion.",
     D(2025, 11, 20), "Nvidia", "the three months to October 26", D(2025, 7, 28), D(2025, 10, 26), "fiscal:Nvidia"),
    ("forecast-quarter-ending-in-a-month-ahead", "For the three months ending in January, Nvidia forecast revenue "
     "of $65 billion.", D(2025, 11, 20), "Nvidia", "the three months ending in January", D(2025, 11, 1),
     D(2026, 1, 31), "gregorian"),
]


@pytest.mark.parametrize(("sentence", "published", "frame", "expression", "start", "end", "calendar"),
                         [row[1:] for row in FISCAL], ids=[row[0] for row in FISCAL])
def test_fiscal_calendars(sentence: str, published: dt.date, frame: str | None, expression: str, start: dt.date,
                          end: dt.date, calendar: str) -> None:
    date = resolve(expression, published, sentence, frame=frame)
    assert date is not None
    assert (date.start, date.end, date.calendar) == (start, end, calendar)
    found = [(m.date.start, m.date.end, m.date.calendar) for m in find_dates(sentence, published, frame)
             if expression in m.text]
    assert found == [(start, end, calendar)]


@pytest.mark.parametrize(
    ("article", "frame"),
    [
        ("Micron's revenue rose 46 per cent. Revenue in its fiscal fourth quarter rose.", "Micron"),
        ("Japan's subsidy covers fiscal 2025. Sony said its profit would rise.", "Sony"),
        ("Apple shipped 58 million iPhones in the fourth quarter, IDC said.", None),
    ],
    ids=["first-company-of-a-fiscal-article", "a-government-frames-no-article", "no-fiscal-word-no-frame"],
)
def test_fiscal_frame_of_an_article(article: str, frame: str | None) -> None:
    assert fiscal_frame(article) == frame
