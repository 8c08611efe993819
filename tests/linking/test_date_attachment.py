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


# issue 15 points 2 and 4: (id, sentence, published, the figure's text, its expected period or None)
ATTACHMENT = [
    ("baseline-date-is-the-old-figures", "Anthropic has raised $13 billion in a round that values it at $183 "
     "billion, up from $61.5 billion in March.", dt.date(2025, 9, 3), "$183 billion", None),
    ("keep-the-old-figure-its-date", "Anthropic has raised $13 billion in a round that values it at $183 "
     "billion, up from $61.5 billion in March.", dt.date(2025, 9, 3), "$61.5 billion",
     ("2025-03-01", "2025-03-31")),
    ("keep-each-value-its-own-period", "Its run-rate revenue climbed to more than $5 billion in August, up from roughly "
     "$1 billion in January.", dt.date(2025, 9, 3), "$5 billion", ("2025-08-01", "2025-08-31")),
    ("reporting-period-not-announcement-day", "Taiwan Semiconductor Manufacturing Co posted a 39.1 per cent jump in "
     "third-quarter net profit on Thursday, to NT$452.3 billion.", dt.date(2025, 10, 16), "NT$452.3 billion",
     ("2025-07-01", "2025-09-30")),
    ("a-year-earlier-figure-is-last-years-quarter", "SoftBank reported a net profit of ¥2.5 trillion for the "
     "July-September quarter, more than double the ¥1.18 trillion it earned a year earlier.",
     dt.date(2025, 11, 11), "¥1.18 trillion", ("2024-07-01", "2024-09-30")),
    ("keep-a-change-from-a-year-earlier-is-this-quarters", "SMIC reported second-quarter revenue of US$2.21 "
     "billion, up 16.2 per cent from a year earlier.", dt.date(2025, 8, 7), "16.2 per cent",
     ("2025-04-01", "2025-06-30")),
    # a figure of a relative clause takes its date; one below a governing clause takes that clause's
    ("keep-the-relative-clauses-figure-its-date", "SoftBank owns about 90% of Arm, which it bought for $32 "
     "billion in 2016.", dt.date(2025, 2, 12), "$32 billion", ("2016-01-01", "2016-12-31")),
    ("keep-a-governing-clauses-date", "Nvidia said on Wednesday that revenue in the three months to October 26 "
     "rose 62 per cent.", dt.date(2025, 11, 20), "62 per cent", ("2025-07-28", "2025-10-26")),
    # issue 15: "now", "currently", "at present" in the figure's own clause are the publication day
    ("now-in-its-own-clause", "According to the company, Gemini is now used by 650 million people each month.",
     dt.date(2025, 11, 20), "650 million", ("2025-11-20", "2025-11-20")),
    ("currently-in-its-own-clause", "TSMC currently makes about 90 per cent of the world's most advanced chips.",
     dt.date(2025, 10, 2), "90 per cent", ("2025-10-02", "2025-10-02")),
    ("at-present-in-its-own-clause", "At present, the Arizona plant turns out 20,000 wafers a month.",
     dt.date(2025, 6, 4), "20,000", ("2025-06-04", "2025-06-04")),
    ("now-in-a-relative-clause-is-its-figures", "Mistral AI has raised €1.7 billion in a round led by ASML, which "
     "now holds roughly 11 per cent of the company.", dt.date(2025, 9, 10), "11 per cent",
     ("2025-09-10", "2025-09-10")),
    ("now-of-another-clause-is-not-the-claims", "Mistral AI has raised €1.7 billion in a round led by ASML, which "
     "now holds roughly 11 per cent of the company.", dt.date(2025, 9, 10), "€1.7 billion", None),
    ("now-yields-to-the-period-the-figure-covers", "Alphabet raised its capital spending forecast for this year, "
     "which now stands at $91 billion to $93 billion.", dt.date(2025, 10, 30), "$91 billion",
     ("2025-01-01", "2025-12-31")),
]


@pytest.mark.parametrize(("text", "published", "figure", "period"), [row[1:] for row in ATTACHMENT],
                         ids=[row[0] for row in ATTACHMENT])
def test_date_attachment_of_figures(nlp: Language, text: str, published: dt.date, figure: str,
                                    period: tuple[str, str] | None) -> None:
    claims = [c for c in doc_claims(nlp, text, published) if c.value is not None and c.value.text
              and c.value.text.startswith(figure)]
    assert claims, [c.value.text for c in doc_claims(nlp, text, published) if c.value is not None]
    for claim in claims:
        got = (str(claim.date.start), str(claim.date.end)) if claim.date is not None else None
        assert got == period, claim.rules
