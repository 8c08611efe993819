"""End to end: the mission's two examples, from the library and from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app, claim_schema
from pipeline.extractor import Extractor
from pipeline.records import Claim

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
DEV = SAMPLE.parent / "dev"

PAGE = """1. Tech 2. AI

Advertisement

Guangdong steps up chip and AI research spending

Guangdong has given 600 million yuan (US$84.5 million) of research funding to Hong Kong and Macau, the official said.

Advertisement

alt="A technician checks an Ascend server rack"

A technician checks an Ascend server rack. Photo: Handout

According to a DeepSeek study, Huawei's Ascend 910C accelerator delivers around 60 per cent of the performance of Nvidia's H100 on reference tasks.

Do you have questions about the biggest topics and trends from around the world? Get the answers with Orbit Knowledge, our new platform of explainers.

This article originally appeared in the Pearl River Ledger.

Copyright © 2025 Pearl River Ledger. All rights reserved.
"""


def _mission_records(claims: list[Claim]) -> tuple[Claim, Claim]:
    (money,) = [c for c in claims if c.type == "money"]
    (comparison,) = [c for c in claims if c.type == "comparison"]
    return money, comparison


def _check_mission(money: Claim, comparison: Claim) -> None:
    assert money.subject is not None and money.subject.canonical == "Guangdong"
    assert money.value is not None
    assert (money.value.amount, money.value.currency) == (600_000_000, "CNY")
    assert (money.value.usd, money.value.usd_basis) == (84_500_000, "stated")
    assert money.object is not None and money.object.canonical == "Hong Kong and Macau"
    assert comparison.subject is not None and comparison.subject.canonical == "Huawei Ascend 910C"
    assert comparison.object is not None and comparison.object.canonical == "Nvidia H100"
    assert comparison.value is not None
    assert comparison.value.amount == pytest.approx(0.6)
    assert comparison.value.unit == "ratio"
    assert comparison.hedge == "around"
    assert comparison.source is not None and comparison.source.text == "DeepSeek study"
    assert comparison.scope == "on reference tasks"


def test_extractor_mission_examples_from_a_scraped_page(extractor: Extractor) -> None:
    result = extractor.process({"id": "mission", "text": PAGE, "published": "2025-12-10"})
    _check_mission(*_mission_records(result.claims))
    for claim in result.claims:
        ev = claim.evidence
        assert result.article.text[ev.start:ev.end] == ev.sentence
        assert "Advertisement" not in ev.sentence and "Photo" not in ev.sentence


def test_cli_mission_examples(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text(PAGE, encoding="utf-8")
    (src / "page.meta.json").write_text(json.dumps({"id": "mission", "published": "2025-12-10"}))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--no-summary"])
    assert result.exit_code == 0, result.output
    claims = [Claim.model_validate_json(line) for line in out.read_text().splitlines()]
    _check_mission(*_mission_records(claims))


#: a comparison with coordinated objects: the second object's record shares the first one's value, but
#: its value_span is the object's span (so the two records get different ids)
COORDINATED = ("Huawei's Ascend 910C delivers around 60 per cent of the performance of Nvidia's H100 and AMD's "
               "MI300X on reference tasks.\n")


def _check_grounded(record: dict[str, Any], text: str) -> None:
    ev = record["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["sentence"], "evidence"
    span = record["value_span"]
    assert span is not None and ev["start"] <= span[0] < span[1] <= ev["end"], "value_span inside the evidence"
    value, obj = record["value"], record["object"]
    if value is not None:
        if obj is not None and [obj["start"], obj["end"]] == span:
            assert value["text"] in ev["sentence"], "a coordinated object's shared value"
        else:
            assert text[span[0]:span[1]] == value["text"], "value_span gives the value's text"
    for role in ("subject", "object"):
        ref = record[role]
        # named entities and descriptive noun phrases (label "NP") alike carry their own offsets
        if ref is not None and ref["start"] < ref["end"]:
            assert text[ref["start"]:ref["end"]] == ref["text"], role


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="corpora/sample is absent")
def test_corpus_records_validate_and_are_grounded(tmp_path: Path) -> None:
    """Every record of the sample and dev corpora points into its article's text: the evidence, the value
    span (inside the evidence, giving the value's surface), the subject and the object."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "coordinated.txt").write_text(COORDINATED, encoding="utf-8")
    out, texts = tmp_path / "records.jsonl", tmp_path / "texts"
    inputs = [str(SAMPLE), *([str(DEV)] if DEV.is_dir() else []), str(extra)]
    result = CliRunner().invoke(app, ["extract", *inputs, "-o", str(out), "--emit-text", str(texts), "--no-summary"])
    assert result.exit_code == 0, result.output
    schema = claim_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    articles = {r["article_id"]: (texts / f"{r['article_id']}.txt").read_text(encoding="utf-8") for r in records}
    failures = []
    for record in records:
        validator.validate(record)
        try:
            _check_grounded(record, articles[record["article_id"]])
        except AssertionError as exc:
            failures.append(f"{record['id']}: {str(exc).splitlines()[0]}")
    assert failures == []
    assert len({r["id"] for r in records}) == len(records)
    sample = [r for r in records if r["article_id"].startswith("sample-")]
    assert len(sample) >= 30
    assert {"money", "percent", "comparison", "event"} <= {r["type"] for r in sample}
    if DEV.is_dir():
        assert len(records) - len(sample) >= 300
    first, second = [r for r in records if r["article_id"] == "coordinated" and r["type"] == "comparison"]
    assert (first["object"]["text"], second["object"]["text"]) == ("H100", "MI300X")
    assert second["value_span"] == [second["object"]["start"], second["object"]["end"]]
    assert second["value"] == first["value"]


def test_extract_many_without_mentions_keeps_the_claims(extractor: Extractor) -> None:
    """Callers that write only claims (the CLI without --mentions) skip the mention records."""
    article = {"id": "gd-1", "text": PAGE, "published": "2025-12-10"}
    (full,) = extractor.extract_many([article])
    (lean,) = extractor.extract_many([article], mentions=False)
    assert full.mentions and not lean.mentions
    assert [c.model_dump() for c in lean.claims] == [c.model_dump() for c in full.claims]


TENCENT = "Tencent said on Monday it would invest 2 billion yuan in a Guangdong data centre next year."


@pytest.mark.parametrize(
    ("published", "warning"),
    [(None, "has no publication date"), ("9999-12-31", "outside the rate table"), ("2024-05-02", None)],
    ids=["undated", "year-9999", "inside-the-table"],
)
def test_extractor_warns_when_the_rate_month_is_a_guess(extractor: Extractor, published: str | None,
                                                        warning: str | None) -> None:
    """A US-dollar figure taken from the table's last month because the date is missing or absurd says so."""
    result = extractor.process({"id": "t", "text": TENCENT, "published": published, "url": "https://example.com/t"})
    (money,) = [c for c in result.claims if c.type == "money"]
    assert money.value is not None and money.value.usd_basis is not None
    assert money.value.usd_basis.startswith("fx:")
    usd_warnings = [w for w in money.warnings if w.startswith("usd:")]
    assert usd_warnings == [] if warning is None else any(warning in w for w in usd_warnings), money.warnings
    assert (str(money.published) if money.published else None, money.url) == (published, "https://example.com/t")


def test_extractor_undated_article_gives_the_same_output_on_any_day(extractor: Extractor) -> None:
    """Nothing is resolved against the machine's clock: two-digit years and decades use a fixed year."""
    import datetime as dt
    from unittest import mock

    text = "Sales in the nineties and in '08 were lower; in the twenties they rose by $4 billion."

    from pipeline.dates import clear_caches

    def run() -> list[str]:
        clear_caches()
        return [c.model_dump_json() for c in extractor.extract(text)]

    today = run()
    with mock.patch("pipeline.dates.grammar.dt") as fake:
        fake.date = mock.Mock(wraps=dt.date, today=mock.Mock(return_value=dt.date(2001, 6, 1)))
        fake.timedelta = dt.timedelta
        later = run()
    assert later == today


LONG_PARAGRAPHS = [
    "Nvidia said on Wednesday that revenue rose {n} per cent to ${n} billion in the third quarter.",
    "Samsung Electronics will invest {n} trillion won in a packaging plant in Gyeonggi, the company said.",
    "TSMC is the world's largest contract chipmaker, with about {n} per cent of the foundry market.",
    "Huawei's Ascend 910C delivers around {n} per cent of the performance of Nvidia's H100, a study found.",
]


def _grounded(claim: Claim, text: str) -> None:
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.sentence
    for ref in (claim.subject, claim.object):
        if ref is not None and ref.label != "NP" and ref.start < ref.end:
            assert text[ref.start:ref.end] == ref.text
    if claim.value_span is not None:
        assert claim.evidence.start <= claim.value_span[0] < claim.value_span[1] <= claim.evidence.end


@pytest.mark.parametrize("separator", ["\n\n", " "], ids=["paragraphs", "one-line"])
def test_extractor_article_longer_than_max_length_is_processed_in_pieces(nlp, separator: str) -> None:  # type: ignore[no-untyped-def]
    """spaCy refuses texts over nlp.max_length (E088): the article is cut at paragraph (or sentence)
    breaks, and every record still points into the whole text."""
    text = separator.join(LONG_PARAGRAPHS[i % 4].format(n=i + 2) for i in range(120))
    whole = Extractor(nlp).process({"id": "long", "text": text, "published": "2025-11-20"})
    saved = nlp.max_length
    nlp.max_length = 2_000
    try:
        pieces = Extractor(nlp).process({"id": "long", "text": text, "published": "2025-11-20"})
    finally:
        nlp.max_length = saved
    assert pieces.error is None
    assert len(pieces.claims) >= 200
    for claim in pieces.claims:
        _grounded(claim, text)
    assert len({c.id for c in pieces.claims}) == len(pieces.claims)
    money = sorted((c.evidence.start, c.value.amount) for c in pieces.claims if c.type == "money" and c.value)
    assert money == sorted((c.evidence.start, c.value.amount) for c in whole.claims if c.type == "money" and c.value)
    assert [m.text for m in pieces.mentions] == [text[m.start:m.end] for m in pieces.mentions]


def test_extractor_an_article_that_breaks_the_pipeline_fails_alone(extractor: Extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bug on one article gives that article an error result; the others of the batch keep their records."""
    from pipeline.components.numbers import NumberStage

    real = NumberStage.__call__

    def explode(self, doc):  # type: ignore[no-untyped-def]
        if "EXPLODE" in doc.text:
            raise ValueError("boom")
        return real(self, doc)

    monkeypatch.setattr(NumberStage, "__call__", explode)
    articles = [{"id": f"a{i}", "text": LONG_PARAGRAPHS[0].format(n=i + 2) + (" EXPLODE" if i == 2 else "")}
                for i in range(5)]
    results = list(extractor.extract_many(articles, batch_size=8))
    assert [r.article.id for r in results] == ["a0", "a1", "a2", "a3", "a4"]
    assert results[2].error is not None and "boom" in results[2].error and results[2].claims == []
    assert all(r.error is None and r.claims for i, r in enumerate(results) if i != 2)


def test_extractor_provenance_says_how_each_role_was_chosen(extractor: Extractor) -> None:
    """Presidio-style explanations: the frame and the rule behind the subject, object, source and date."""
    text = ("Guangdong has given 600 million yuan (US$84.5 million) of research funding to Hong Kong and Macau "
            "in October, the official said.")
    (money,) = [c for c in extractor.extract(text, published="2025-12-10") if c.type == "money"]
    assert money.provenance is not None and money.provenance.pattern == "value:money:name+stated_usd"
    models = [r for r in money.provenance.rules if " model: p=" in r and not r.startswith("claim model")]
    rules = [r for r in money.provenance.rules if r not in models]
    assert [m.split(":")[0] for m in models] == ["subject model"]
    assert all("margin" in m for m in models)
    assert rules[:-1] == ["subject:parse subject or possessor", "object:parse object of the governing verb",
                          "source:the sentence's attribution (said)", "date:its own clause",
                          next(r for r in rules if r.startswith("claim model: p="))]
    assert rules[-1] == f"confidence: calibrated {money.confidence:.2f} from the linker's 0.80"
    from pipeline.evaluate.scorer import _provenance

    assert "subject:parse subject or possessor" in (_provenance(money) or "")


@pytest.mark.parametrize(
    ("text", "figure", "warned"),
    [
        ("Nvidia reported record revenue on Wednesday, the company said in a statement to investors.\n\n"
         "It now employs 36,000 people across its offices.", "36,000", True),
        ("Nvidia now employs 36,000 people across its offices.", "36,000", False),
    ],
    ids=["antecedent-in-an-earlier-sentence", "subject-in-the-sentence"],
)
def test_a_subject_from_outside_the_sentence_says_so(extractor: Extractor, text: str, figure: str,
                                                     warned: bool) -> None:
    """Issue 14: a record whose subject was read outside its sentence carries a warning that says how far."""
    (claim,) = [c for c in extractor.extract(text, published="2025-11-20")
                if c.value is not None and c.value.text == figure]
    assert claim.subject is not None and claim.subject.canonical == "Nvidia"
    notes = [w for w in claim.warnings if w.startswith("subject from outside the sentence")]
    assert bool(notes) == warned
    if warned:
        assert "92 characters before it" in notes[0]
