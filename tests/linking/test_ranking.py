"""Ranking frames (pipeline.linking.ranking) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import canon, claims_of, doc_claims
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "subject", "rank", "category", "scope", "streak"),
    [
        ("Guangdong was China's top innovation hub for the ninth consecutive year, the official said.",
         "Guangdong", 1, "innovation hub", "China", 9),
        ("TSMC is the world's largest contract chipmaker by revenue.", "TSMC", 1,
         "contract chipmaker by revenue", "the world", None),
        ("Samsung ranked second in the global smartphone market last quarter.", "Samsung Electronics", 2,
         None, None, None),
        ("Huawei took the top spot in foldable phones last year, according to Counterpoint.", "Huawei", 1,
         "foldable phones", None, None),
        ("Xiaomi took third place with a 14 per cent share.", "Xiaomi", 3, None, None, None),
        ("TSMC held 67 per cent of the foundry market, far ahead of second-placed Samsung Electronics.",
         "Samsung Electronics", 2, None, None, None),
    ],
    ids=["top-hub-streak", "largest-by-revenue", "ranked-second", "took-the-top-spot", "took-third-place",
         "second-placed"],
)
def test_linker_rankings(nlp: Language, text: str, subject: str, rank: int, category: str | None,
                         scope: str | None, streak: int | None) -> None:
    (claim,) = claims_of(nlp, text, "ranking")
    assert (canon(claim.subject), claim.rank) == (subject, rank)
    if category is not None:
        assert claim.category == category
    if scope is not None:
        assert claim.scope == scope
    assert claim.streak == streak


@pytest.mark.parametrize(
    ("text", "subject", "rank", "category", "scope", "pattern"),  # pattern: None where a frame matches first
    [
        ("Taiwan is the world's second-largest chip packaging hub, the ministry said.", "Taiwan", 2,
         "chip packaging hub", "the world", None),
        ("Nvidia briefly became the most valuable listed company on Wednesday.", "Nvidia", 1,
         "most valuable listed company", None, None),
        ("SK Hynix overtook Samsung Electronics to become the largest memory maker by revenue.", "SK Hynix", 1,
         "memory maker by revenue", None, "dep_to_become_superlative"),
        ("SoftBank put in US$22.5 billion, making it OpenAI's largest backer.", "SoftBank", 1, "backer",
         "OpenAI", "dep_makes_it_superlative"),
        ("The round gives Anthropic the biggest valuation of any AI start-up outside the US.", "Anthropic", 1,
         "valuation", None, "dep_gives_superlative"),
    ],
    ids=["copula-ordinal", "most-valuable", "to-become", "making-it", "gives"],
)
def test_linker_rankings_from_the_parse(nlp: Language, text: str, subject: str, rank: int, category: str,
                                        scope: str | None, pattern: str | None) -> None:
    """Parse patterns and masked-sentence frames agree on the fields; ``pattern`` where only the parse finds it."""
    (claim,) = claims_of(nlp, text, "ranking")
    assert (canon(claim.subject), claim.rank, claim.category, claim.scope) == (subject, rank, category, scope)
    if pattern is not None:
        assert claim.pattern == f"ranking:{pattern}"


@pytest.mark.parametrize(
    "text",
    [
        "Apple showed its latest iPhone at the event in Cupertino.",
        "It was the first company to pass a market value of US$4 trillion.",
        "Chief executive Lisa Su said data centres were now the company's main business.",
    ],
    ids=["latest", "first-is-no-superlative", "main"],
)
def test_linker_superlatives_that_rank_nothing(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text, "ranking") == []


def test_linker_several_claims_in_one_sentence(nlp: Language) -> None:
    claims = doc_claims(nlp, "Guangdong has granted 635,800 invention patents and filed 116,900 international "
                              "patent applications since 2019, both the highest totals in the country.")
    counts = [(c.value.amount, c.value.counted) for c in claims if c.type == "count" and c.value]
    assert counts == [(635800, "invention patents"), (116900, "international patent applications")]
    rankings = [(canon(c.subject), c.rank, c.category, c.scope) for c in claims if c.type == "ranking"]
    assert rankings == [("Guangdong", 1, "invention patents", "the country"),
                        ("Guangdong", 1, "international patent applications", "the country")]
    assert all(c.date is not None and str(c.date.start) == "2019-01-01" for c in claims)
