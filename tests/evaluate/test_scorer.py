"""The scorer on small hand-made gold and predictions, where every expected count is known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from evalkit import ARTICLES, NVIDIA, gold_claim, good_gold, pred_claim

from pipeline.evaluate.gold import RUN_ONLY_FIELDS, GoldClaim
from pipeline.evaluate.scorer import (
    EvalResult,
    canon,
    compare,
    name_match,
    score,
    score_entities,
    values_agree,
)
from pipeline.records import Claim, Value

MONEY_57 = {"amount": 57e9, "currency": "USD", "usd": 57e9, "usd_basis": "stated", "kind": "amount"}


def _gold_57(**extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"subject": NVIDIA, "value": {**MONEY_57, "text": "$57 billion"}}
    fields.update(extra)
    return gold_claim("t1", "money", "$57 billion", **fields)


def _pred_57(**extra: Any) -> Claim:
    fields: dict[str, Any] = {"subject": dict(NVIDIA), "value": dict(MONEY_57)}
    fields.update(extra)
    return pred_claim("t1", "money", "$57 billion", "$57 billion", **fields)


@pytest.mark.parametrize(
    ("factor", "exact"),
    [(1.004, True), (0.996, True), (1.006, False), (0.994, False)],
    ids=["+0.4%-within", "-0.4%-within", "+0.6%-outside", "-0.6%-outside"],
)
def test_scorer_value_tolerance_is_half_a_percent(factor: float, exact: bool) -> None:
    """A figure 0.6% off is the same mention misread: a partial pair with a wrong value, not a new claim."""
    pred = _pred_57(value={**MONEY_57, "amount": 57e9 * factor})
    result = score([_gold_57()], [pred], ARTICLES)
    assert result.types["money"].partial.tp == 1
    assert result.types["money"].exact.tp == int(exact)
    assert result.fields["value"].correct == int(exact)
    if not exact:
        assert result.mismatches[0].reasons[0].startswith("value ")
        assert "vs gold 57,000,000,000 USD" in result.mismatches[0].reasons[0]


@pytest.mark.parametrize(
    ("gold_unit", "gold_amount", "pred_unit", "pred_amount", "agree"),
    [
        ("gigabyte", 192, "megabyte", 192_000, True),
        ("gigabyte", 192, "GB", 192, True),
        ("gigabyte", 192, "megabyte", 192, False),
        ("gigabyte / second", 8000, "terabyte / second", 8, True),
        ("nanometer", 3, "gigabyte", 3, False),
        ("transistor", 208e9, "transistor", 208e9, True),
        ("transistor", 208e9, "parameter", 208e9, False),
    ],
    ids=["GB-vs-MB-converted", "GB-abbreviation", "GB-vs-MB-wrong-scale", "rate-converted", "other-dimension",
         "unparsed-unit-equal", "unparsed-unit-differs"],
)
def test_scorer_compares_quantities_in_base_units(gold_unit: str, gold_amount: float, pred_unit: str,
                                                  pred_amount: float, agree: bool) -> None:
    gold = Value(amount=gold_amount, unit=gold_unit, text="192GB")
    pred = Value(amount=pred_amount, unit=pred_unit, text="192GB")
    assert values_agree(gold, pred) is agree


def test_scorer_quantity_in_other_unit_is_exact() -> None:
    gold = [gold_claim("t1", "quantity", "192GB", value={"amount": 192, "unit": "gigabyte", "text": "192GB"})]
    pred = [pred_claim("t1", "quantity", "192GB", "192GB", value={"amount": 192_000, "unit": "megabyte"})]
    result = score(gold, pred, ARTICLES)
    assert result.types["quantity"].exact.tp == 1
    assert result.fields["unit"].correct == 1


def test_scorer_type_mismatch_is_a_miss_and_a_false_positive() -> None:
    gold = [gold_claim("t1", "percent", "62%", value={"amount": 0.62, "unit": "percent", "text": "62%"})]
    pred = [pred_claim("t1", "count", "62%", "62", value={"amount": 62, "counted": "revenue"})]
    result = score(gold, pred, ARTICLES)
    assert result.types["percent"].partial.fn == 1
    assert result.types["count"].partial.fp == 1
    assert result.misses[0].reasons == ["predicted as count instead of percent"]
    assert result.false_positives[0].reasons == ["gold as percent instead of count"]


def test_scorer_partial_subject_is_partial_not_exact() -> None:
    pred = _pred_57(subject={"text": "Nvidia Corp", "canonical": "Nvidia Corporation"})
    result = score([_gold_57()], [pred], ARTICLES)
    assert result.types["money"].partial.tp == 1
    assert result.types["money"].exact.tp == 0
    assert result.fields["subject"].correct == 0 and result.fields["subject"].partial == 1
    assert result.mismatches[0].reasons == ["subject 'Nvidia Corporation' vs gold 'Nvidia'"]


def test_scorer_pairs_two_figures_of_one_sentence_by_value() -> None:
    """Two claims of one type in one sentence: each pairs with its own figure, never crossed."""
    gold = good_gold()[:2]
    pred = [
        pred_claim("t1", "money", "$57 billion", "$57 billion", value=dict(MONEY_57), subject=dict(NVIDIA)),
        pred_claim("t1", "percent", "62%", "62%", value={"amount": 0.62, "unit": "percent", "kind": "change"},
                   subject=dict(NVIDIA)),
    ]
    result = score(gold, pred, ARTICLES)
    assert result.overall.micro_exact.tp == 2
    second = [pred_claim("t1", "money", "$57 billion", "62%",
                         value={**MONEY_57, "amount": 62.0, "usd": None, "usd_basis": None})]
    result = score(gold, second, ARTICLES)
    assert result.overall.micro_partial.tp == 0, "a different figure in the same sentence is not a match"


@pytest.mark.parametrize(
    ("pred_fields", "field", "outcome"),
    [
        ({}, "usd", (1, 1, 1)),
        ({"value": {**MONEY_57, "usd": None, "usd_basis": None}}, "usd", (1, 0, 0)),
        ({"hedge": "about"}, "hedge", (1, 1, 0)),
        ({"date": {"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30"}}, "date", (1, 1, 1)),
        ({"date": {"text": "in October", "start": "2025-10-01", "end": "2025-10-31"}}, "date", (1, 1, 0)),
        ({"source": {"text": "Nvidia", "kind": "said"}}, "source", (1, 1, 0)),
    ],
    ids=["usd-right", "usd-missing", "hedge-extra", "date-right", "date-wrong", "source-extra"],
)
def test_scorer_scores_a_field_where_gold_or_pred_has_it(pred_fields: dict[str, Any], field: str,
                                                         outcome: tuple[int, int, int]) -> None:
    """(scored, pred has it, correct) for one field of one matched pair."""
    gold = _gold_57(date={"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30",
                          "granularity": "quarter"})
    result = score([gold], [_pred_57(**pred_fields)], ARTICLES)
    fs = result.fields[field]
    assert (fs.scored, fs.pred, fs.correct) == outcome



Q3 = {"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30", "granularity": "quarter"}
FRAME = {**Q3, "text": "third-quarter", "basis": "context", "context": "Nvidia posts record quarter"}


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "stated", "context"),
    [
        (Q3, Q3, (1, 1), (0, 0)),
        (FRAME, {**FRAME, "text": "record quarter"}, (0, 0), (1, 1)),
        (FRAME, None, (0, 0), (1, 0)),
        (None, FRAME, (0, 0), (1, 0)),
        (FRAME, Q3, (0, 0), (1, 1)),
    ],
    ids=["stated-right", "context-right", "context-missed", "context-not-in-gold", "gold-basis-decides"],
)
def test_scorer_reports_stated_and_context_dates_apart(gold_date: dict[str, Any] | None,
                                                       pred_date: dict[str, Any] | None,
                                                       stated: tuple[int, int], context: tuple[int, int]) -> None:
    """(scored, correct) in each basis row; the gold date's basis decides the row, the prediction's where
    gold has none; the plain date row counts both."""
    result = score([_gold_57(date=gold_date)], [_pred_57(date=pred_date)], ARTICLES)
    rows = result.fields["date (stated)"], result.fields["date (context)"]
    assert ((rows[0].scored, rows[0].correct), (rows[1].scored, rows[1].correct)) == (stated, context)
    assert result.fields["date"].scored == stated[0] + context[0]

def test_scorer_does_not_score_usd_where_gold_has_none() -> None:
    gold = gold_claim("t2", "money", "600 million", value={"amount": 6e8, "currency": "CNY",
                                                             "text": "600 million yuan (US$84.5 million)"})
    pred = pred_claim("t2", "money", "600 million", "600 million yuan (US$84.5 million)",
                      value={"amount": 6e8, "currency": "CNY", "usd": 84.5e6, "usd_basis": "stated"})
    result = score([gold], [pred], ARTICLES)
    assert result.fields["usd"].scored == 0
    assert result.types["money"].exact.tp == 1


def test_scorer_micro_and_macro() -> None:
    gold = good_gold()
    pred = [pred_claim("t1", "money", "$57 billion", "$57 billion", value=dict(MONEY_57), subject=dict(NVIDIA))]
    result = score(gold, pred, ARTICLES)
    assert result.overall.micro_exact.precision == 1.0
    assert result.overall.micro_exact.recall == round(1 / 6, 4)
    money_f1 = result.types["money"].exact.f1
    assert money_f1 == 0.5  # P 1/1, R 1/3
    assert result.overall.macro_exact_f1 == round(money_f1 / 4, 4)  # percent, money, quantity, ranking present


def test_scorer_without_texts_compares_evidence_as_text() -> None:
    result = score([_gold_57()], [_pred_57()], None)
    assert result.overall.micro_exact.tp == 1


def test_scorer_lists_misses_with_reasons_and_lines() -> None:
    from pipeline.evaluate.gold import Line

    lines = [Line("gold.jsonl", n, GoldClaim.model_validate(g)) for n, g in enumerate(good_gold(), start=1)]
    result = score(lines, [], ARTICLES)
    assert len(result.misses) == 6
    assert [m.gold_line for m in result.misses] == [1, 2, 3, 4, 5, 6]
    assert result.misses[0].reasons == ["no predicted percent claim in this sentence"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Nvidia's", "nvidia"), ("The Huawei", "huawei"), ("Huawei’s Ascend 910C", "huawei ascend 910c"),
     ("  SK  hynix ", "sk hynix")],
    ids=["possessive", "leading-the", "curly-possessive", "spaces"],
)
def test_scorer_canon(name: str, expected: str) -> None:
    assert canon(name) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "level"),
    [
        ({"text": "Nvidia's H100", "canonical": "Nvidia H100"}, {"text": "H100", "canonical": "Nvidia H100"}, "exact"),
        ({"text": "Huawei", "canonical": "Huawei"}, {"text": "Huawei Technologies", "canonical": "Huawei Technologies"},
         "partial"),
        ({"text": "AMD", "canonical": "AMD"}, {"text": "Nvidia", "canonical": "Nvidia"}, "none"),
    ],
    ids=["alias-canonical", "contained", "different"],
)
def test_scorer_name_match(gold: dict[str, str], pred: dict[str, str], level: str) -> None:
    from pipeline.records import EntityName

    assert name_match(EntityName(**gold), EntityName(**pred)) == level


def _mention(article_id: str, text: str, label: str) -> dict[str, Any]:
    at = ARTICLES[article_id].index(text)
    return {"article_id": article_id, "kind": "entity", "text": text, "start": at, "end": at + len(text),
            "label": label, "canonical": text}


def test_scorer_entities_exact_partial_and_label() -> None:
    gold = [
        {"article_id": "t2", "text": "Guangdong", "label": "GPE", "canonical": "Guangdong"},
        {"article_id": "t2", "text": "Hong Kong", "label": "GPE", "canonical": "Hong Kong"},
        {"article_id": "t2", "text": "Wang Yueqin", "label": "PERSON", "canonical": "Wang Yueqin"},
        {"article_id": "t2", "text": "Huawei", "label": "ORG", "canonical": "Huawei"},
    ]
    mentions = [
        _mention("t2", "Guangdong", "GPE"), _mention("t2", "Guangdong", "GPE"),  # repeated: counted once
        _mention("t2", "Hong Kong and Macau", "GPE"),  # overlaps Hong Kong
        _mention("t2", "Wang Yueqin", "ORG"),  # wrong label
        _mention("t2", "Chinese", "NORP"),  # a label gold does not annotate: ignored
        {**_mention("t2", "600 million yuan", "MONEY"), "kind": "money"},  # not an entity
    ]
    scores, misses, fps = score_entities(gold, mentions)
    assert (scores.gold, scores.pred) == (4, 3)
    assert scores.exact.tp == 1
    assert scores.partial.tp == 3
    assert scores.labels["PERSON"].fn == 1
    reasons = {m.text: m.reason for m in misses}
    assert reasons == {"Hong Kong": "partial: predicted 'Hong Kong and Macau' GPE", "Wang Yueqin": "predicted as ORG",
                       "Huawei": "not predicted"}
    assert {f.text for f in fps} == {"Hong Kong and Macau", "Wang Yueqin"}


def test_scorer_baseline_diff_names_improvements_regressions_and_errors(tmp_path: Path) -> None:
    gold = good_gold()
    before = score(gold, [_pred_57()], ARTICLES)
    path = tmp_path / "report.json"
    path.write_text(before.to_json(), encoding="utf-8")
    baseline = EvalResult.load(tmp_path)
    assert baseline == before
    q3 = {"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30", "granularity": "quarter"}
    after_pred = [
        pred_claim("t1", "percent", "62%", "62%", value={"amount": 0.62, "unit": "percent", "kind": "change"},
                   subject=dict(NVIDIA), date=q3, source={"text": "Nvidia", "kind": "said"}),
        pred_claim("t1", "quantity", "192GB", "192GB", value={"amount": 192, "unit": "gigabyte"},
                   subject={"text": "Blackwell", "canonical": "Nvidia Blackwell"}),
        pred_claim("t2", "count", "ranked first", "ninth", value={"amount": 9, "counted": "years"}),
    ]
    diff = compare(score(gold, after_pred, ARTICLES), baseline, "previous")
    names = {d.name: d.delta for d in diff.types}
    assert names["percent F1 (partial)"] > 0
    assert names["money F1 (exact)"] < 0
    assert any(d.name == "percent F1 (partial)" for d in diff.improved())
    assert any(d.name == "money F1 (exact)" for d in diff.regressed())
    assert {e.type for e in diff.fixed} == {"percent", "quantity"}
    assert [(e.kind, e.type) for e in diff.broken] == [("false_positive", "count")]
    assert [c.split(":")[0] for c in diff.changed] == ["mismatch -> miss"]  # the $57bn claim, now not found


def test_gold_model_is_the_claim_minus_run_only_fields() -> None:
    """If the record schema gains a field, the gold model must follow (or list it as run-only)."""
    assert set(GoldClaim.model_fields) == set(Claim.model_fields) - RUN_ONLY_FIELDS


@pytest.mark.parametrize(
    "extra",
    [{"id": "t1:money:abc"}, {"confidence": 0.9}, {"colour": "red"}],
    ids=["run-only-id", "run-only-confidence", "unknown"],
)
def test_gold_model_rejects_unknown_and_run_only_keys(extra: dict[str, Any]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        GoldClaim.model_validate({**_gold_57(), **extra})


BAY_600M = {"amount": 6e8, "currency": "CNY", "usd": 84.5e6, "usd_basis": "stated", "kind": "amount"}
BAY_TEXT = "600 million yuan (US$84.5 million)"
GUANGDONG = {"text": "Guangdong", "canonical": "Guangdong"}


def _gold_bay(**extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"subject": GUANGDONG, "object": {"text": "Hong Kong and Macau",
                                                               "canonical": "Hong Kong and Macau"},
                              "value": {**BAY_600M, "text": BAY_TEXT}}
    fields.update(extra)
    return gold_claim("t2", "money", "600 million", **fields)


def _pred_bay(obj: dict[str, str]) -> Claim:
    return pred_claim("t2", "money", "600 million", BAY_TEXT, subject=dict(GUANGDONG), object=dict(obj),
                      value=dict(BAY_600M))


def _gold_192() -> dict[str, Any]:
    return gold_claim("t1", "quantity", "192GB", subject={"text": "Blackwell", "canonical": "Blackwell"},
                      value={"amount": 192, "unit": "gigabyte", "text": "192GB"})


def _pred_192(unit: str) -> Claim:
    return pred_claim("t1", "quantity", "192GB", "192GB", subject={"text": "Blackwell", "canonical": "Blackwell"},
                      value={"amount": 192, "unit": unit})


@pytest.mark.parametrize(
    ("gold", "pred", "outcome"),
    [
        (_gold_57(), _pred_57(), "exact"),
        (_gold_57(), _pred_57(value={**MONEY_57, "amount": 57e9 * 1.006}), "value"),
        (_gold_57(), _pred_57(value={**MONEY_57, "amount": 57e9 * 0.996}), "exact"),
        (_gold_57(), _pred_57(value={**MONEY_57, "currency": "EUR"}), "unit"),
        (_gold_57(), _pred_57(value={**MONEY_57, "currency": "usd"}), "exact"),
        (_gold_192(), _pred_192("gigawatt"), "unit"),
        (_gold_192(), _pred_192("GigaByte"), "exact"),
        (_gold_57(), _pred_57(subject={"text": "AMD", "canonical": "AMD"}), "subject"),
        (_gold_57(), _pred_57(subject={"text": "NVIDIA", "canonical": "NVIDIA"}), "exact"),
        (_gold_bay(), _pred_bay({"text": "Macau", "canonical": "Macau"}), "object"),
        (_gold_bay(), _pred_bay({"text": "Hong Kong and Macau", "canonical": "hong kong and macau"}), "exact"),
        (_gold_57(), pred_claim("t1", "count", "$57 billion", "$57 billion", subject=dict(NVIDIA),
                                value={"amount": 57e9, "kind": "count"}), "unpaired"),
        (_gold_57(), pred_claim("t1", "money", "The company expects", "$65 billion", subject=dict(NVIDIA),
                                value=dict(MONEY_57)), "unpaired"),
    ],
    ids=["identical", "value-0.6%-off", "value-0.4%-within", "currency-other", "currency-lower-case",
         "unit-other-dimension", "unit-in-capitals", "subject-other-canonical", "subject-in-capitals",
         "object-other-canonical", "object-in-lower-case", "type-other", "evidence-other-sentence"],
)
def test_scorer_identical_claim_is_exact_and_one_field_away_is_not(gold: dict[str, Any], pred: Claim,
                                                                   outcome: str) -> None:
    """Each near miss differs from gold in one scored field: "exact", the one field its mismatch names, or
    "unpaired" (another type, or evidence that does not overlap). Within tolerance or in case is no difference."""
    result = score([gold], [pred], ARTICLES)
    assert result.types[gold["type"]].exact.f1 == float(outcome == "exact")
    assert result.overall.micro_partial.tp == int(outcome != "unpaired")
    assert result.overall.micro_exact.tp == int(outcome == "exact")
    if outcome == "unpaired":
        assert (len(result.misses), len(result.false_positives), len(result.mismatches)) == (1, 1, 0)
    elif outcome == "exact":
        assert not result.misses and not result.false_positives and not result.mismatches
    else:
        (mismatch,) = result.mismatches
        assert [reason.split()[0] for reason in mismatch.reasons] == [outcome], mismatch.reasons
