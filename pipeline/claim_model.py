"""Claim or no claim, learned: whether an analyst would want a claim the linker found at all.

Every figure the number stage finds and every frame that matches becomes a draft claim; about one in
five of them is no claim in the gold of the train, dev and test sets: numbers inside fixed phrases
("both sides", "net zero"), durations and ages ("the three months to September", "a 32-year-old
company"), share-price moves and other figures the guidelines leave out, triggers that fire on
unrelated text. A logistic regression over what the draft and its sentence look like (its frame, the
words around its figure, the figure's size and role in the parse, and how its roles were filled) gives
the chance that it pairs with a gold claim. It is trained on ``corpora/train`` (``make train``,
:mod:`pipeline.train_claims`), its thresholds (one for figure claims, one for frames) chosen on dev,
and its weights ship as
``models/claims/claim_model.json``; the confidence stage drops the drafts under the threshold.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.calibration import features as record_features
from pipeline.datafiles import DataFile, DataModel, load_json
from pipeline.extensions import doc_text
from pipeline.roles import RoleModel

CLAIM_MODEL = "claims/claim_model.json"
#: features the claim model leaves out: the subject model's own numbers are overconfident on the
#: split that model was trained on, which is this model's training split too
LEFT_OUT = frozenset({"subject_model_p", "subject_model_margin"})


class TrainedOn(DataModel):
    corpus: str
    gold: list[str]
    articles: int
    drafts: int
    paired: int


class ClaimModelFile(DataFile):
    """``models/claims/claim_model.json``, as ``make train`` writes it."""

    trained_on: TrainedOn
    seed: int
    C: float
    thresholds: dict[str, float]
    on_dev: dict[str, dict[str, float]]
    sklearn: str
    bias: float
    weights: dict[str, float]


#: the data files of this module, by path under models/, for the test that loads every file
DATA_FILES: dict[str, type[DataModel]] = {CLAIM_MODEL: ClaimModelFile}


#: claims of a figure, and claims of a frame (comparison, ranking, event): each family has its threshold
VALUE_TYPES = frozenset({"money", "quantity", "count", "percent"})


def family(claim_type: str) -> str:
    return "value" if claim_type in VALUE_TYPES else "frame"


def _words(span: Span | Doc, start: int, end: int) -> list[str]:
    doc = span if isinstance(span, Doc) else span.doc
    return [t.lower_ if not t.like_num else "<num>" for t in doc[max(0, start):max(0, end)] if not t.is_space]


def _magnitude(amount: float | None) -> str:
    if amount is None or amount == 0:
        return "none"
    return f"1e{min(12, max(-3, math.floor(math.log10(abs(amount)))))}"


def draft_features(doc: Doc, draft: Any) -> dict[str, float]:
    """What a draft claim and its sentence look like, as named features (the record's own but the
    subject model's numbers, and its context)."""
    f = {k: v for k, v in record_features(draft, draft.confidence, draft.rules, draft.warnings).items()
         if k not in LEFT_OUT}
    f[f"pattern={draft.pattern}"] = 1.0
    span = doc.char_span(draft.anchor[0], draft.anchor[1], alignment_mode="expand")
    if span is None or not len(span):
        return f
    for k, word in enumerate(_words(doc, span.start - 2, span.start)[::-1], start=1):
        f[f"before{k}={word}"] = 1.0
    for k, word in enumerate(_words(doc, span.end, span.end + 2), start=1):
        f[f"after{k}={word}"] = 1.0
    root = span.root
    f[f"dep={root.dep_}"] = 1.0
    f[f"head={root.head.lemma_.lower()}"] = 1.0
    verb = next((t for t in [root, *root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    f[f"verb={verb.lemma_.lower() if verb is not None else 'none'}"] = 1.0
    value = getattr(draft, "value", None)
    if value is not None:
        f[f"unit={value.unit or value.currency or value.kind}"] = 1.0
        f[f"magnitude={_magnitude(value.amount)}"] = 1.0
    text = doc_text(doc)[draft.sent_start:draft.sent_end]  # the draft's sentence, without walking to it
    if text.lstrip().startswith("#"):
        f["headline"] = 1.0
    if any(q in text for q in ('"', "\u201c", "\u201d")):
        f["quoted_sentence"] = 1.0
    if span.start > 0 and doc[span.start - 1].text == "(" and doc[span.start - 1].idx >= draft.sent_start:
        f["in_parentheses"] = 1.0
    if draft.sent_start == 0:
        f["first_sentence"] = 1.0
    return f


@lru_cache(maxsize=2)
def load_claim_model(relative: str = CLAIM_MODEL) -> tuple[RoleModel, dict[str, float]] | None:
    """The shipped model and its threshold per family, or None when there is none (every draft is kept)."""
    try:
        raw = load_json(relative, ClaimModelFile)
    except FileNotFoundError:
        return None
    return RoleModel(weights=dict(raw.weights), bias=raw.bias), dict(raw.thresholds)
