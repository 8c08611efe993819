"""Date attachment (pipeline.linking.dates) on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from linkkit import canon, doc_claims
from spacy.language import Language

from pipeline.articles import Article
from pipeline.extractor import _prepare


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia launched the H20 in October, and Huawei rolled out the Ascend 910C earlier this year.",
         [("Nvidia", "2025-10-01", "2025-10-31"), ("Huawei", "2025-01-01", "2025-12-10")]),
        ("Nvidia released the B200 in March. AMD launched the MI325X.",
         [("Nvidia", "2025-03-01", "2025-03-31"), ("AMD", None, None)]),
    ],
    ids=["own-clause", "never-borrowed"],
)
def test_linker_claims_carry_the_date_of_their_own_clause(nlp: Language, text: str,
                                                        expected: list[tuple[str, str | None, str | None]]) -> None:
    article = Article(id="d", text=text, published=dt.date(2025, 12, 10))
    doc = nlp(_prepare(nlp, article))
    events = [c for c in doc._.claims if c.type == "event"]
    got = [(canon(c.subject), str(c.date.start) if c.date and c.date.start else None,
            str(c.date.end) if c.date and c.date.end else None) for c in events]
    assert got == expected


def test_linker_change_claims_share_subject_and_period(nlp: Language) -> None:
    claims = doc_claims(nlp, "Nvidia's revenue rose 27% to $35.1bn in the third quarter.")
    (pct,) = [c for c in claims if c.type == "percent"]
    (money,) = [c for c in claims if c.type == "money"]
    assert pct.value is not None and money.value is not None
    assert (pct.value.amount, pct.value.kind) == (pytest.approx(0.27), "change")
    assert (money.value.amount, money.value.currency) == (pytest.approx(35.1e9), "USD")
    assert canon(pct.subject) == canon(money.subject) == "Nvidia"
    assert pct.date is not None and money.date is not None
    assert (str(pct.date.start), str(pct.date.end)) == (str(money.date.start), str(money.date.end)) == (
        "2025-07-01", "2025-09-30")
