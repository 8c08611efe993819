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
    ("text", "expected", "pattern"),
    [
        ("Google released Gemini 2.5 Pro. In the tests, the model outperformed OpenAI's o3 and Anthropic's "
         "Claude Opus 4.", [("Gemini", "OpenAI o3", "outperforms"), ("Gemini", "Claude", "outperforms")],
         "dep_verb_compares"),
        ("Zhipu said GLM-4.5 delivers results comparable to Claude Sonnet 4 on coding tasks.",
         [("GLM", "Claude", "matches")], None),
        ("Moonshot launched Kimi K2, claiming performance on par with leading US systems.",
         [("Moonshot AI", "leading US systems", "matches")], "dep_on_par_with"),
        ("The funding still leaves xAI well behind rival OpenAI.", [("xAI", "OpenAI", "less_than")], "dep_behind"),
        ("On LiveCodeBench, Qwen3 scored 70.7 per cent, ahead of OpenAI's GPT-4.1.",
         [("Qwen", "GPT-4.1", "outperforms")], "dep_ahead_of"),
    ],
    ids=["model-outperformed-two", "comparable-to", "on-par-with", "behind", "ahead-of"],
)
def test_linker_comparisons_from_the_parse(nlp: Language, text: str, expected: list[tuple[str, str, str]],
                                           pattern: str | None) -> None:
    """Figure-free comparisons the masked-sentence frames miss; ``pattern`` where only the parse finds them."""
    claims = [c for c in _doc_claims(nlp, text) if c.type == "comparison"]
    assert sorted((_canon(c.subject), _canon(c.object), c.relation) for c in claims) == sorted(expected)
    assert all(c.value is None for c in claims)
    if pattern is not None:
        assert all(c.pattern == f"comparison:{pattern}" for c in claims)


def test_linker_parse_comparisons_need_a_compared_thing(nlp: Language) -> None:
    text = "Sales exceeded $10 billion for the first time. The new chip beat expectations."
    assert [c for c in _doc_claims(nlp, text) if c.type == "comparison"] == []


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
    (claim,) = _claims(nlp, text, "ranking")
    assert (_canon(claim.subject), claim.rank, claim.category, claim.scope) == (subject, rank, category, scope)
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
    assert _claims(nlp, text, "ranking") == []


@pytest.mark.parametrize(
    ("text", "actor", "thing", "kind"),
    [
        ("Huawei's Ascend 910C chips, rolled out earlier this year, power the new cluster.", "Huawei",
         "Huawei Ascend 910C", "launch"),
        ("Two EDA tools were launched in October by SiCarrier.", "SiCarrier", "EDA tools", "launch"),
        ("Alibaba released Qwen3 in April.", "Alibaba", "Qwen", "release"),
        ("Nvidia acquired Run:ai for about $700 million.", "Nvidia", None, "acquisition"),
        ("Samsung opened its newest chip plant in Texas on Monday.", "Samsung Electronics", "newest chip plant",
         "launch"),
        ("Micron said it would open a memory packaging plant in Gujarat.", "Micron", "memory packaging plant",
         "launch"),
        ("Kioxia plans to begin mass production of its 332-layer flash in March.", "Kioxia", "mass production",
         "launch"),
    ],
    ids=["rolled-out", "launched-by", "released", "acquired", "opened-a-plant", "it-would-open", "plans-to-begin"],
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


def _doc_claims(nlp: Language, text: str, published: dt.date = dt.date(2025, 12, 10)) -> list[DraftClaim]:
    """The linker's drafts as it leaves them: before the confidence stage calibrates them."""
    with nlp.select_pipes(disable=["newsclaims_confidence"]):
        return list(nlp(_prepare(nlp, Article(id="t", text=text, published=published)))._.claims)


def test_linker_change_claims_share_subject_and_period(nlp: Language) -> None:
    claims = _doc_claims(nlp, "Nvidia's revenue rose 27% to $35.1bn in the third quarter.")
    (pct,) = [c for c in claims if c.type == "percent"]
    (money,) = [c for c in claims if c.type == "money"]
    assert pct.value is not None and money.value is not None
    assert (pct.value.amount, pct.value.kind) == (pytest.approx(0.27), "change")
    assert (money.value.amount, money.value.currency) == (pytest.approx(35.1e9), "USD")
    assert _canon(pct.subject) == _canon(money.subject) == "Nvidia"
    assert pct.date is not None and money.date is not None
    assert (str(pct.date.start), str(pct.date.end)) == (str(money.date.start), str(money.date.end)) == (
        "2025-07-01", "2025-09-30")


def test_linker_several_claims_in_one_sentence(nlp: Language) -> None:
    claims = _doc_claims(nlp, "Guangdong has granted 635,800 invention patents and filed 116,900 international "
                              "patent applications since 2019, both the highest totals in the country.")
    counts = [(c.value.amount, c.value.counted) for c in claims if c.type == "count" and c.value]
    assert counts == [(635800, "invention patents"), (116900, "international patent applications")]
    rankings = [(_canon(c.subject), c.rank, c.category, c.scope) for c in claims if c.type == "ranking"]
    assert rankings == [("Guangdong", 1, "invention patents", "the country"),
                        ("Guangdong", 1, "international patent applications", "the country")]
    assert all(c.date is not None and str(c.date.start) == "2019-01-01" for c in claims)


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
    (claim,) = [c for c in _doc_claims(nlp, text) if c.type == claim_type]
    assert _canon(claim.subject) == subject
    assert _canon(claim.object) == obj
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
    last = [c for c in _doc_claims(nlp, text) if c.type == claim_type][-1]
    assert _canon(last.subject) == subject


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
    (money,) = [c for c in _doc_claims(nlp, text) if c.type == "money"]
    assert _canon(money.subject) == subject


def test_linker_a_figure_with_no_subject_falls_back_to_the_first_company_with_a_warning(nlp: Language) -> None:
    claims = _doc_claims(nlp, "SK Hynix makes memory chips. Revenue more than doubled to 66.19 trillion won.")
    (money,) = [c for c in claims if c.type == "money"]
    assert _canon(money.subject) == "SK Hynix"
    assert money.confidence < 0.5 and "subject: the first company the article names" in money.warnings


def test_linker_coordinated_subjects_are_one_subject(nlp: Language) -> None:
    claims = _doc_claims(nlp, "Samsung Electronics and SK Hynix have pledged to invest a combined 622 trillion won "
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
    (money,) = [c for c in _doc_claims(nlp, text) if c.type == "money"]
    assert _canon(money.object) == obj


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
    (pct,) = [c for c in _doc_claims(nlp, text) if c.type == "percent"]
    assert pct.source is not None and (pct.source.text, pct.source.kind) == (source, "said")


@pytest.mark.parametrize(
    ("text", "head", "describes"),
    [
        ("The company shipped 42.4 million smartphones.", "company", True),
        ("The Beijing-based chip designer swung to a profit.", "designer", True),
        ("The nine companies behind TSMC employ 210,000 people.", "companies", False),  # plural: a group
        ("A chipmaker in Hsinchu hired 300 engineers.", "chipmaker", False),  # indefinite: someone new
    ],
)
def test_linker_which_descriptions_refer_back_to_a_company(nlp: Language, text: str, head: str,
                                                           describes: bool) -> None:
    linker = nlp.get_pipe("newsclaims_linker")
    (tok,) = [t for t in nlp(text) if t.text == head]
    assert linker._company_description(tok) is describes


def test_linker_multiple_is_a_comparison(nlp: Language) -> None:
    (claim,) = [c for c in _doc_claims(nlp, "Huawei said the CloudMatrix 384 is three times faster than Nvidia's "
                                            "GB200 NVL72 on inference.") if c.type == "comparison"]
    assert (_canon(claim.subject), _canon(claim.object), claim.relation) == (
        "Huawei CloudMatrix 384", "Nvidia GB200", "faster_than")
    assert claim.value is not None and (claim.value.amount, claim.value.unit) == (3, "multiple")


@pytest.mark.parametrize(
    ("text", "subject", "amount", "relation", "hedge", "modality"),
    [
        ("SK Hynix expects its HBM sales to roughly double next year.", "SK Hynix", 2, "larger_than", "roughly",
         "future"),
        ("Xiaomi wants to halve the cost of its in-house chips by 2027.", "Xiaomi", 0.5, "smaller_than", None,
         "future"),
    ],
    ids=["to-double", "to-halve"],
)
def test_linker_multiple_verbs_are_comparisons_over_time(nlp: Language, text: str, subject: str, amount: float,
                                                         relation: str, hedge: str | None, modality: str) -> None:
    (claim,) = [c for c in _doc_claims(nlp, text) if c.type == "comparison"]
    assert (_canon(claim.subject), claim.relation, claim.hedge, claim.modality) == (subject, relation, hedge, modality)
    assert claim.value is not None and (claim.value.amount, claim.value.unit) == (amount, "multiple")


@pytest.mark.parametrize("text", ["The new rule, on par with last year's curbs on Huawei and SMIC.",
                                  "A chip on par with Nvidia's H100, according to Huawei."],
                         ids=["noun-root", "noun-root-with-source"])
def test_linker_comparison_under_a_verbless_root_ends(text: str) -> None:
    """The search for the comparison's verb climbed heads with ``is not``, always true for spaCy's
    freshly made Token objects, so a sentence whose root is no verb looped for ever (a training article
    hung a whole batch). In a subprocess, so that a regression fails instead of hanging the suite."""
    import subprocess
    import sys

    code = f"from pipeline import Extractor; print(len(Extractor().extract({text!r}, published='2025-01-01')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
