"""What the linking tests share: the claims the real pipeline drafts for a sentence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language

from pipeline.articles import Article
from pipeline.extractor import _prepare
from pipeline.linking.draft import DraftClaim


def claims_of(nlp: Language, text: str, claim_type: str) -> list[DraftClaim]:
    """The claims of one type of a text with no publication date."""
    return [c for c in nlp(text)._.claims if c.type == claim_type]


def doc_claims(nlp: Language, text: str, published: dt.date = dt.date(2025, 12, 10)) -> list[DraftClaim]:
    """Every claim of a text published on ``published``, as the extractor prepares its Doc: the linker's
    drafts as it leaves them, before the confidence stage calibrates them."""
    with nlp.select_pipes(disable=["newsclaims_confidence"]):
        return list(nlp(_prepare(nlp, Article(id="t", text=text, published=published)))._.claims)


def canon(ref: Any) -> str | None:
    return ref.canonical if ref is not None else None
