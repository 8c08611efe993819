"""Claim linking on real sentences, written here in the style of tech news."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language

from pipeline.articles import Article
from pipeline.components.linker import DraftClaim
from pipeline.extractor import _prepare


def _claims(nlp: Language, text: str, claim_type: str) -> list[DraftClaim]:
    return [c for c in nlp(text)._.claims if c.type == claim_type]


def _canon(ref: Any) -> str | None:
    return ref.canonical if ref is not None else None


@pytest.mark.parametrize(
    ("text", "subject", "obj", "relation", "metric"),
    [
        ("The MI300X matches the H100 on inference, AMD said.", "AMD MI300X", "Nvidia H100", "matches", None),
        ("Guangdong's GDP is larger than South Korea's.", "Guangdong", "South Korea", "larger_than", "GDP"),
        ("In the lab, Huawei's CloudMatrix 384 outperformed Nvidia's GB200 NVL72 on total compute.",
         "Huawei CloudMatrix 384", "Nvidia GB200", "outperforms", None),
    ],
    ids=["matches", "larger-gdp", "outperforms-no-figure"],
)
def test_linker_comparisons_without_figures(nlp: Language, text: str, subject: str, obj: str, relation: str,
                                            metric: str | None) -> None:
    (claim,) = _claims(nlp, text, "comparison")
    assert (_canon(claim.subject), _canon(claim.object), claim.relation) == (subject, obj, relation)
    assert claim.value is None
    if metric is not None:
        assert claim.metric == metric


@pytest.mark.parametrize(
    ("text", "subject", "rank", "category", "scope", "streak"),
    [
        ("Guangdong was China's top innovation hub for the ninth consecutive year, the official said.",
         "Guangdong", 1, "innovation hub", "China", 9),
        ("TSMC is the world's largest contract chipmaker by revenue.", "TSMC", 1,
         "contract chipmaker by revenue", "the world", None),
        ("Samsung ranked second in the global smartphone market last quarter.", "Samsung Electronics", 2,
         None, None, None),
    ],
    ids=["top-hub-streak", "largest-by-revenue", "ranked-second"],
)
def test_linker_rankings(nlp: Language, text: str, subject: str, rank: int, category: str | None,
                         scope: str | None, streak: int | None) -> None:
    (claim,) = _claims(nlp, text, "ranking")
    assert (_canon(claim.subject), claim.rank) == (subject, rank)
    if category is not None:
        assert claim.category == category
    if scope is not None:
        assert claim.scope == scope
    assert claim.streak == streak


@pytest.mark.parametrize(
    ("text", "actor", "thing", "kind"),
    [
        ("Huawei's Ascend 910C chips, rolled out earlier this year, power the new cluster.", "Huawei",
         "Huawei Ascend 910C", "launch"),
        ("Two EDA tools were launched in October by SiCarrier.", "SiCarrier", "EDA tools", "launch"),
        ("Alibaba released Qwen3 in April.", "Alibaba", "Qwen", "release"),
        ("Nvidia acquired Run:ai for about $700 million.", "Nvidia", None, "acquisition"),
    ],
    ids=["rolled-out", "launched-by", "released", "acquired"],
)
def test_linker_events(nlp: Language, text: str, actor: str, thing: str | None, kind: str) -> None:
    events = _claims(nlp, text, "event")
    assert [(_canon(e.subject), e.event_kind) for e in events] == [(actor, kind)]
    if thing is not None:
        assert _canon(events[0].object) == thing


@pytest.mark.parametrize(
    ("text", "source", "kind", "role", "organisation"),
    [
        ("Guangdong was China's top innovation hub for the ninth consecutive year, Wang Yueqin, head of the "
         "Guangdong Provincial Department of Science and Technology, said.", "Wang Yueqin", "said", "head",
         "Guangdong Provincial Department of Science and Technology"),
        ("According to a DeepSeek study, the MI300X matches the H100.", "DeepSeek study", "according_to", None, None),
        ("A report by TrendForce said the MI300X matches the H100.", "TrendForce", "report", None, None),
    ],
    ids=["apposition", "according-to", "report-by"],
)
def test_linker_attribution(nlp: Language, text: str, source: str, kind: str, role: str | None,
                            organisation: str | None) -> None:
    claims = nlp(text)._.claims
    assert claims
    for claim in claims:
        assert claim.source is not None
        assert (claim.source.text, claim.source.kind) == (source, kind)
        assert (claim.source.role, claim.source.organisation) == (role, organisation)


def test_linker_pronoun_and_quote_carry_the_last_speaker(nlp: Language) -> None:
    text = ("Lisa Su spoke in San Jose on Tuesday. She said the MI325X matches the H200.\n\n"
            "“The MI355X outperforms the B200 on memory,” she added.")
    claims = [c for c in nlp(text)._.claims if c.type == "comparison"]
    assert [(c.subject.canonical if c.subject else None, c.source.text if c.source else None)
            for c in claims] == [("AMD MI325X", "Lisa Su"), ("AMD MI355X", "Lisa Su")]


def test_linker_company_anaphora_in_attribution(nlp: Language) -> None:
    (claim,) = nlp("Alibaba released Qwen3 in April, the company said.")._.claims
    assert claim.source is not None and claim.source.text == "Alibaba"


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
    got = [(_canon(c.subject), str(c.date.start) if c.date and c.date.start else None,
            str(c.date.end) if c.date and c.date.end else None) for c in events]
    assert got == expected
