"""The story's frame (pipeline.linking.frame): a results story's period, named once in the headline or
the lede, for the later figures that name none (issue 15 point 3), on real-shaped stories."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from pipeline.articles import Article
from pipeline.extractor import _prepare
from pipeline.linking.draft import DraftClaim

SMIC = ("Semiconductor Manufacturing International Corp, China's biggest chipmaker, reported second-quarter "
        "revenue of US$2.21 billion on Thursday, up 16.2 per cent from a year earlier.\n\n"
        "Gross margin rose to 20.4 per cent, the company said.\n\n"
        "Net profit fell to US$132.5 million, from US$162.9 million a year earlier.\n\n"
        "Sales to customers in China made up 84 per cent of revenue in the quarter.\n\n"
        "SMIC expects third-quarter revenue to grow between 5 per cent and 7 per cent.\n\n"
        "Analysts had expected revenue of US$2.18 billion.\n\n"
        "Its shares rose 3 per cent in Hong Kong.")
MICRON = ("Demand for memory used in artificial intelligence servers kept climbing, the company said.\n\n"
          "Revenue reached US$11.3 billion, up 46 per cent, while sales of high-bandwidth memory came to "
          "nearly US$2 billion.")
ROADMAP = ("Huawei Technologies unveiled a multi-year road map for its Ascend chips last week, the first time "
           "the company has publicly set out plans for the line.\n\n"
           "The Ascend 950PR will offer 1 petaflop of computing power.")


def _claims(nlp: Language, text: str, published: dt.date, title: str | None = None) -> dict[str, DraftClaim]:
    article = Article(id="f", text=text, published=published, title=title)
    with nlp.select_pipes(disable=["newsclaims_confidence"]):
        doc = nlp(_prepare(nlp, article))
    return {c.value.text: c for c in doc._.claims if c.value is not None}


def _period(claim: DraftClaim) -> tuple[str, str, str] | None:
    d = claim.date
    return None if d is None or d.start is None else (str(d.start), str(d.end), d.basis)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("20.4 per cent", ("2025-04-01", "2025-06-30", "context")),
        ("US$132.5 million", ("2025-04-01", "2025-06-30", "context")),
        ("US$162.9 million", ("2024-04-01", "2024-06-30", "context")),
        ("84 per cent", ("2025-04-01", "2025-06-30", "context")),
        ("US$2.21 billion", ("2025-04-01", "2025-06-30", "stated")),
        ("5 per cent and 7 per cent", ("2025-07-01", "2025-09-30", "stated")),
        ("US$2.18 billion", None),
        ("3 per cent", None),
    ],
    ids=["margin-takes-the-frame", "profit-takes-the-frame", "baseline-a-year-back", "in-the-quarter",
         "lede-keeps-its-own", "guidance-keeps-its-own", "analysts-figure", "share-move"],
)
def test_figures_of_a_results_story_take_the_ledes_period(nlp: Language, figure: str,
                                                          expected: tuple[str, str, str] | None) -> None:
    claims = _claims(nlp, SMIC, dt.date(2025, 8, 7))
    assert _period(claims[figure]) == expected


def test_a_context_date_quotes_its_sentence_and_costs_confidence(nlp: Language) -> None:
    claims = _claims(nlp, SMIC, dt.date(2025, 8, 7))
    margin = claims["20.4 per cent"]
    assert margin.date is not None and margin.date.context is not None
    assert margin.date.context.startswith("Semiconductor Manufacturing International Corp")
    assert margin.date.text == "second-quarter"
    assert any(rule.startswith("date:the story's frame") for rule in margin.rules)


def test_the_headline_frames_a_story_whose_lede_names_no_period(nlp: Language) -> None:
    claims = _claims(nlp, MICRON, dt.date(2025, 9, 24), title="Micron's fourth-quarter sales jump on AI demand")
    assert _period(claims["US$11.3 billion"]) == ("2024-10-01", "2024-12-31", "context")
    assert claims["US$11.3 billion"].date.context == "Micron's fourth-quarter sales jump on AI demand"  # type: ignore[union-attr]
    assert _period(_claims(nlp, MICRON, dt.date(2025, 9, 24))["US$11.3 billion"]) is None


def test_a_story_that_is_no_results_story_has_no_frame(nlp: Language) -> None:
    claims = _claims(nlp, ROADMAP, dt.date(2025, 9, 25), title="Huawei sets out Ascend chip road map for 2026")
    assert all(c.date is None or c.date.basis == "stated" for c in claims.values())


def test_a_moment_in_the_lede_is_no_frame(nlp: Language) -> None:
    """'99,500 at the end of last year ... as it reported second-quarter results': the quarter frames it."""
    text = ("Intel expects to end the year with about 75,000 core employees, down from roughly 99,500 at the end "
            "of last year, the company said on Thursday as it reported second-quarter results.\n\n"
            "Revenue was flat at $12.9 billion, while the net loss widened to $2.9 billion.")
    claims = _claims(nlp, text, dt.date(2025, 7, 25))
    assert _period(claims["$12.9 billion"]) == ("2025-04-01", "2025-06-30", "context")


@pytest.mark.parametrize(
    ("text", "published", "figure", "expected"),
    [
        ("SK Hynix made a record operating profit of 11.4 trillion won in the July-September quarter, as demand "
         "for AI memory soared.\n\nIn the same quarter of 2023, during a slump in memory prices, it posted an "
         "operating loss of 1.79 trillion won.", dt.date(2025, 10, 29), "1.79 trillion won",
         ("2023-07-01", "2023-09-30", "stated")),
        ("Samsung said its chip division earned 3.9 trillion won in the first half of the year.\n\nIn the same "
         "period of 2024 it earned 8.4 trillion won.", dt.date(2025, 7, 31), "8.4 trillion won",
         ("2024-01-01", "2024-06-30", "stated")),
        ("Exports of chips reached a record in 2024, the ministry said.\n\nIn 2023 they fell 24 per cent.",
         dt.date(2025, 1, 2), "24 per cent", ("2023-01-01", "2023-12-31", "stated")),
    ],
    ids=["same-quarter-of-a-year", "same-period-of-a-year", "a-plain-year-stays-a-year"],
)
def test_the_same_period_of_a_year_is_the_storys_period_then(nlp: Language, text: str, published: dt.date,
                                                             figure: str, expected: tuple[str, str, str]) -> None:
    """'In the same quarter of 2023': the quarter the story is about, in 2023, not all of 2023."""
    assert _period(_claims(nlp, text, published)[figure]) == expected
