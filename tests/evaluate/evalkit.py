"""Tiny corpora and claim builders for the evaluation tests: hand-made, so every count is known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.records import Claim, claim_id

ARTICLES: dict[str, str] = {
    "t1": (
        "Nvidia posts record quarter\n\n"
        "Nvidia said revenue rose 62% to $57 billion in the third quarter, according to its filing.\n"
        "The company expects around $65 billion in the fourth quarter.\n"
        "The new Blackwell chip carries 192GB of memory and 208 billion transistors."
    ),
    "t2": (
        "Guangdong backs research across the bay\n\n"
        "Guangdong has provided 600 million yuan (US$84.5 million) in research funding to Hong Kong and Macau "
        "since 2019, Wang Yueqin said.\n"
        "Huawei ranked first among Chinese patent filers for the ninth consecutive year."
    ),
}
PUBLISHED = {"t1": "2025-11-20", "t2": "2025-12-10"}


def sentence_of(text: str, needle: str) -> str:
    """The line of ``text`` (one sentence per line here) that contains ``needle``."""
    return next(line for line in text.split("\n") if needle in line)


def gold_claim(article_id: str, claim_type: str, needle: str, **fields: Any) -> dict[str, Any]:
    """A gold line whose evidence is the sentence of the article containing ``needle``."""
    return {"article_id": article_id, "type": claim_type,
            "evidence": {"sentence": sentence_of(ARTICLES[article_id], needle)}, **fields}


def pred_claim(article_id: str, claim_type: str, needle: str, value_text: str | None = None,
               **fields: Any) -> Claim:
    """A predicted record grounded in the article, as ``newsclaims extract`` would write it."""
    text = ARTICLES[article_id]
    sentence = sentence_of(text, needle)
    start = text.index(sentence)
    span = (start, start + len(sentence))
    if value_text is not None:
        at = text.index(value_text, start)
        span = (at, at + len(value_text))
    for role in ("subject", "object"):
        ref = fields.get(role)
        if isinstance(ref, dict):
            at = max(text.find(ref["text"]), 0)
            fields[role] = {"label": "ORG", "start": at, "end": at + len(ref["text"]), **ref}
    if isinstance(fields.get("value"), dict):
        fields["value"] = {"text": value_text or "", **fields["value"]}
    return Claim.model_validate({
        "id": claim_id(article_id, claim_type, *span), "article_id": article_id, "type": claim_type,
        "evidence": {"sentence": sentence, "start": start, "end": start + len(sentence)},
        "value_span": span, "confidence": 0.9, **fields,
    })


def write_corpus(folder: Path, articles: dict[str, str] | None = None) -> Path:
    """The articles as .txt files with sidecar metadata."""
    folder.mkdir(parents=True, exist_ok=True)
    for art_id, text in (articles or ARTICLES).items():
        (folder / f"{art_id}.txt").write_text(text + "\n", encoding="utf-8")
        meta = {"id": art_id, "published": PUBLISHED.get(art_id, "2025-12-01")}
        (folder / f"{art_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    lines = [r.model_dump_json() if isinstance(r, Claim) else json.dumps(r) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


NVIDIA = {"text": "Nvidia", "canonical": "Nvidia"}


def good_gold() -> list[dict[str, Any]]:
    """Gold claims for :data:`ARTICLES` that pass the checker."""
    return [
        gold_claim("t1", "percent", "62%", subject=NVIDIA,
                   value={"amount": 0.62, "unit": "percent", "kind": "change", "text": "62%"},
                   date={"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30",
                         "granularity": "quarter"},
                   source={"text": "Nvidia", "kind": "said"}),
        gold_claim("t1", "money", "$57 billion", subject=NVIDIA,
                   value={"amount": 57e9, "currency": "USD", "usd": 57e9, "usd_basis": "stated", "kind": "amount",
                          "text": "$57 billion"},
                   date={"text": "the third quarter", "start": "2025-07-01", "end": "2025-09-30",
                         "granularity": "quarter"},
                   source={"text": "Nvidia", "kind": "said"}),
        gold_claim("t1", "money", "$65 billion", subject={"text": "The company", "canonical": "Nvidia"},
                   value={"amount": 65e9, "currency": "USD", "usd": 65e9, "usd_basis": "stated", "kind": "amount",
                          "text": "$65 billion"},
                   hedge="around", modality="future",
                   date={"text": "the fourth quarter", "start": "2025-10-01", "end": "2025-12-31",
                         "granularity": "quarter"}),
        gold_claim("t1", "quantity", "192GB", subject={"text": "Blackwell", "canonical": "Nvidia Blackwell"},
                   value={"amount": 192, "unit": "gigabyte", "kind": "measure", "text": "192GB"}),
        gold_claim("t2", "money", "600 million yuan", subject={"text": "Guangdong", "canonical": "Guangdong"},
                   object={"text": "Hong Kong and Macau", "canonical": "Hong Kong and Macau"},
                   value={"amount": 6e8, "currency": "CNY", "usd": 84.5e6, "usd_basis": "stated", "kind": "amount",
                          "text": "600 million yuan (US$84.5 million)"},
                   date={"text": "since 2019", "start": "2019-01-01", "end": "2025-12-10", "granularity": "range"},
                   source={"text": "Wang Yueqin", "kind": "said"}),
        gold_claim("t2", "ranking", "ranked first", subject={"text": "Huawei", "canonical": "Huawei"}, rank=1,
                   category="patent filer", scope="China", streak=9),
    ]


def good_entities() -> list[dict[str, str]]:
    return [
        {"article_id": "t1", "text": "Nvidia", "label": "ORG", "canonical": "Nvidia"},
        {"article_id": "t1", "text": "Blackwell", "label": "PRODUCT", "canonical": "Nvidia Blackwell"},
        {"article_id": "t2", "text": "Guangdong", "label": "GPE", "canonical": "Guangdong"},
        {"article_id": "t2", "text": "Wang Yueqin", "label": "PERSON", "canonical": "Wang Yueqin"},
        {"article_id": "t2", "text": "Huawei", "label": "ORG", "canonical": "Huawei"},
    ]

