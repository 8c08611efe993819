"""A figure's subject and object (pipeline.linking.value, pipeline.linking.assign) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import canon, doc_claims
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "claim_type", "subject", "obj", "hedge", "modality"),
    [
        ("Guangdong has given 600 million yuan (US$84.5 million) of research funding to Hong Kong and Macau.",
         "money", "Guangdong", "Hong Kong and Macau", None, "asserted"),
        ("Huawei shipped more than 27,000 servers to Saudi Arabia last year.", "count", "Huawei", "Saudi Arabia", "more than",
         "asserted"),
        ("Alibaba will invest 380 billion yuan in AI infrastructure over three years.", "money", "Alibaba", None,
         None, "future"),
        ("Intel's Gaudi 3 sales did not exceed $500 million this year.", "money", "Intel Gaudi 3", None, None,
         "negated"),
        ("SMIC aims to lift capacity by nearly 10 per cent by 2030.", "percent", "SMIC", None, "nearly", "future"),
    ],
    ids=["recipient", "hedge-more-than", "plan-will", "negated", "aims-to"],
)
def test_linker_value_claims_subject_object_hedge_modality(nlp: Language, text: str, claim_type: str, subject: str,
                                                           obj: str | None, hedge: str | None, modality: str) -> None:
    (claim,) = [c for c in doc_claims(nlp, text) if c.type == claim_type]
    assert canon(claim.subject) == subject
    assert canon(claim.object) == obj
    assert claim.hedge == hedge
    assert claim.modality == modality


@pytest.mark.parametrize(
    ("text", "claim_type", "subject"),
    [
        ("Cambricon reported revenue of 2.88 billion yuan for the first half. The Beijing-based chip designer "
         "swung to a net profit of 1.04 billion yuan.", "money", "Cambricon"),
        ("Alibaba said on Friday that cloud revenue rose. The Hangzhou-based company employs 124,320 people.",
         "count", "Alibaba"),
        ("Xiaomi unveiled the SU7 Ultra in February. The SU7 Ultra drew 15,000 orders in ten minutes. The company "
         "shipped 42.4 million smartphones.", "count", "Xiaomi"),
    ],
    ids=["place-based-designer", "place-based-company", "the-company-after-a-product"],
)
def test_linker_company_descriptions_refer_back_to_the_company(nlp: Language, text: str, claim_type: str,
                                                               subject: str) -> None:
    """'The Beijing-based chip designer' is the company named before, not Beijing; 'the company' after a
    product's figures is the company, not the product."""
    last = [c for c in doc_claims(nlp, text) if c.type == claim_type][-1]
    assert canon(last.subject) == subject


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("SK Hynix makes memory chips for Nvidia. Its operating profit for 2024 came to 23.47 trillion won.",
         "SK Hynix"),
        ("SK Hynix makes memory chips for Nvidia. In the fourth quarter alone, the company's operating profit "
         "reached 8.08 trillion won.", "SK Hynix"),
    ],
    ids=["its", "the-company's"],
)
def test_linker_a_possessive_pronoun_on_the_figure_refers_back(nlp: Language, text: str, subject: str) -> None:
    (money,) = [c for c in doc_claims(nlp, text) if c.type == "money"]
    assert canon(money.subject) == subject


def test_linker_a_figure_with_no_subject_falls_back_to_the_first_company_with_a_warning(nlp: Language) -> None:
    claims = doc_claims(nlp, "SK Hynix makes memory chips. Revenue more than doubled to 66.19 trillion won.")
    (money,) = [c for c in claims if c.type == "money"]
    assert canon(money.subject) == "SK Hynix"
    assert money.confidence < 0.5 and "subject: the first company the article names" in money.warnings


def test_linker_coordinated_subjects_are_one_subject(nlp: Language) -> None:
    claims = doc_claims(nlp, "Samsung Electronics and SK Hynix have pledged to invest a combined 622 trillion won "
                              "in a chipmaking cluster south of Seoul by 2047.")
    money = [c for c in claims if c.type == "money"]
    assert [(c.subject.text, c.subject.canonical) for c in money if c.subject] == [
        ("Samsung Electronics and SK Hynix", "Samsung Electronics and SK Hynix")]


@pytest.mark.parametrize(
    ("text", "obj"),
    [
        ("Nvidia said it would invest up to US$100 billion in OpenAI.", "OpenAI"),
        ("Microsoft will invest US$3.2 billion in Germany over two years.", None),
    ],
    ids=["funded-company", "a-place-is-not-funded"],
)
def test_linker_what_an_investment_funds_is_its_object(nlp: Language, text: str, obj: str | None) -> None:
    (money,) = [c for c in doc_claims(nlp, text) if c.type == "money"]
    assert canon(money.object) == obj


@pytest.mark.parametrize(
    ("text", "claim_type", "amount", "obj"),
    [
        ("Japan will give Rapidus up to 802.5 billion yen (US$5.4 billion) in additional subsidies in the year to "
         "March 2026, the industry ministry said on Monday.", "money", 802.5e9, "Rapidus"),
        ("Brussels fined Apple €500 million and Meta €200 million on Wednesday.", "money", 200e6, "Meta"),
        ("Nvidia has agreed to pay the US government 15 per cent of its revenue from H20 sales in China.",
         "percent", 0.15, "United States government"),
        ("Micron will build a memory plant in Hiroshima. The government handed the company 46.5 billion yen in 2022.",
         "money", 46.5e9, "Micron"),
        ("Japan will give Rapidus 802.5 billion yen in additional subsidies. That brings the total the government "
         "has committed to the chipmaker to 1.72 trillion yen.", "money", 1.72e12, "Rapidus"),
        ("The increase was flattered by the addition of VMware, which Broadcom acquired for $69 billion in "
         "November 2023.", "money", 69e9, "VMware"),
        ("Other recent awards include up to $1.6 billion for Texas Instruments and $407 million for Amkor "
         "Technology's packaging plant in Arizona.", "money", 1.6e9, "Texas Instruments"),
        ("The models were pretrained on about 36 trillion tokens, twice the amount used for Qwen2.5, and support "
         "119 languages and dialects.", "quantity", 36e12, None),
        ("The South Korean company took 36 per cent of the global DRAM market in the first quarter, against 34 "
         "per cent for Samsung, which had led the market for more than three decades.", "percent", 0.34, None),
        ("Revenue at the chipmaker rose 16.5% to NT$592.64 billion.", "percent", 0.165, None),
        ("Apple shipped 234.6 million iPhones during the year, giving it a 20.1 per cent share of the market, "
         "IDC said.", "percent", 0.201, None),
    ],
    ids=["give-first-object", "fined-coordinated", "name-modifies-the-recipient", "handed-a-description",
         "committed-to-a-description", "relative-clause-acquired-for", "for-on-the-figure",
         "for-in-a-clause-on-the-figure", "a-share-for-a-company-is-its-own", "a-figure-is-no-recipient",
         "giving-it-a-share-is-its-own"],
)
def test_linker_who_a_figure_goes_to_is_its_object(nlp: Language, text: str, claim_type: str, amount: float,
                                                   obj: str | None) -> None:
    (claim,) = [c for c in doc_claims(nlp, text) if c.type == claim_type and c.value is not None
                and c.value.amount == pytest.approx(amount)]
    assert canon(claim.object) == obj
