"""The source role (pipeline.linking.attribution) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import doc_claims
from spacy.language import Language


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
