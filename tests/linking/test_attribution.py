"""The source role (pipeline.linking.attribution) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import doc_claims
from spacy.language import Language

from pipeline.evaluate.scorer import canon


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
    ("text", "source"),
    [
        ("Xiaomi's revenue rose 30.5 per cent to 116 billion yuan in the second quarter, the Beijing-based "
         "company said.", "Xiaomi"),
        ("SK Hynix makes memory chips for Nvidia. Revenue climbed 39 per cent to 24.45 trillion won, the South "
         "Korean company said.", "SK Hynix"),
    ],
    ids=["named-before-in-the-sentence", "named-in-an-earlier-sentence"],
)
def test_linker_a_company_description_as_speaker_is_the_company(nlp: Language, text: str, source: str) -> None:
    (pct,) = [c for c in doc_claims(nlp, text) if c.type == "percent"]
    assert pct.source is not None and (pct.source.text, pct.source.kind) == (source, "said")


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("SoftBank and OpenAI are each expected to commit about $19 billion to the venture, The Information "
         "reported, citing people familiar with the plans.", "The Information", "report"),
        ("Samsung and SK Hynix together hold about 70% of the market for DRAM, according to estimates from "
         "TrendForce.", "TrendForce", "according_to"),
        ("Xiaomi was the third-largest smartphone vendor with a 14% share, according to data from Canalys.",
         "Canalys", "according_to"),
        ("Gemini 3 Pro scored 37.5 per cent on the test, according to figures published by Google.", "Google",
         "according_to"),
        ("Founder and chief executive Lei Jun wrote on social media that Xiaomi had delivered 30,000 cars in "
         "June.", "Lei Jun", "said"),
        ("Capital spending will reach US$40 billion this year, according to chief financial officer Wendell "
         "Huang.", "Wendell Huang", "according_to"),
        ("Meta's chief global affairs officer, Joel Kaplan, wrote on social media that the fine of €200 million "
         "was unfair.", "Joel Kaplan", "said"),
    ],
    ids=["reported-citing", "estimates-from", "data-from", "figures-published-by", "wrote-on-social-media",
         "role-before-name", "role-in-apposition"],
)
def test_linker_attribution_names_the_maker_or_person(nlp: Language, text: str, source: str, kind: str) -> None:
    claims = doc_claims(nlp, text)
    assert claims
    # compared as the scorer compares names: 'Information' is 'The Information'
    assert {(canon(c.source.text), c.source.kind) if c.source else None for c in claims} == {(canon(source), kind)}


@pytest.mark.parametrize(
    "text",
    [
        "For the fourth quarter, TSMC expects revenue of between US$32.2 billion and US$33.4 billion.",
        "Apple reported a 6% rise in revenue for its fiscal fourth quarter on Thursday.",
        "The Commerce Department added 140 Chinese companies to its Entity List on Monday.",
        "The project is expected to create more than 3,400 jobs.",
    ],
    ids=["expects-revenue", "reported-a-rise", "added-companies", "is-expected-to"],
)
def test_linker_a_speech_verb_without_a_reported_clause_gives_no_source(nlp: Language, text: str) -> None:
    claims = doc_claims(nlp, text)
    assert claims
    assert [c.source for c in claims] == [None] * len(claims)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Jensen Huang opened the conference in San Jose. Huang spoke for two hours. He said the cloud "
         "providers had bought 3.6 million Blackwell GPUs this year.", "Jensen Huang"),
        ("OpenAI raised $40 billion in March. According to the company, ChatGPT is used by 500 million people "
         "each week.", "OpenAI"),
        ("Alibaba released Qwen2.5-Max in January. Net profit rose 5% to 40 billion yuan, it said.", "Alibaba"),
    ],
    ids=["pronoun-full-name", "according-to-the-company", "it-said"],
)
def test_linker_attribution_resolves_a_referring_source(nlp: Language, text: str, source: str) -> None:
    last = doc_claims(nlp, text)[-1]
    assert last.source is not None and last.source.text == source
