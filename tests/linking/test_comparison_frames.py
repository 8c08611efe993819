"""Comparison frames (pipeline.linking.comparison) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import canon, claims_of, doc_claims
from spacy.language import Language


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
    (claim,) = claims_of(nlp, text, "comparison")
    assert (canon(claim.subject), canon(claim.object), claim.relation) == (subject, obj, relation)
    assert claim.value is None
    if metric is not None:
        assert claim.metric == metric


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
    claims = [c for c in doc_claims(nlp, text) if c.type == "comparison"]
    assert sorted((canon(c.subject), canon(c.object), c.relation) for c in claims) == sorted(expected)
    assert all(c.value is None for c in claims)
    if pattern is not None:
        assert all(c.pattern == f"comparison:{pattern}" for c in claims)


def test_linker_parse_comparisons_need_a_compared_thing(nlp: Language) -> None:
    text = "Sales exceeded $10 billion for the first time. The new chip beat expectations."
    assert [c for c in doc_claims(nlp, text) if c.type == "comparison"] == []


def test_linker_multiple_is_a_comparison(nlp: Language) -> None:
    (claim,) = [c for c in doc_claims(nlp, "Huawei said the CloudMatrix 384 is three times faster than Nvidia's "
                                            "GB200 NVL72 on inference.") if c.type == "comparison"]
    assert (canon(claim.subject), canon(claim.object), claim.relation) == (
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
    (claim,) = [c for c in doc_claims(nlp, text) if c.type == "comparison"]
    assert (canon(claim.subject), claim.relation, claim.hedge, claim.modality) == (subject, relation, hedge, modality)
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
    flags = ["-S"] if sys.flags.no_site else []  # the interpreter as this run has it (a worktree runs with -S)
    done = subprocess.run([sys.executable, *flags, "-c", code], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
