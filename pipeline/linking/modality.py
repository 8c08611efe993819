"""Modality and hedges: whether a claim is asserted, negated or looks ahead, and the hedge word
('about', 'roughly') that softens its figure."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline import extensions
from pipeline.linking.data import LinkingData
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.records import Modality


def modality(verb: Token | None, sent: Span, lex: Lexicon) -> Modality:
    if verb is None:
        return "asserted"
    data = lex.data
    for child in verb.children:
        if child.dep_ == "neg":
            return "negated"
    text = extensions.doc_text(sent.doc)
    window = " " + text[max(sent.start_char, verb.idx - 31): verb.idx].lower()  # the 30 characters before
    if any(c.dep_ == "aux" and c.lower_ in data.future_auxiliaries for c in verb.children):
        return "future"
    if any(marker in window for marker in lex.future_phrases):
        return "future"
    if verb.head.lemma_ in data.intention_verbs and verb.dep_ == "xcomp":
        return "future"
    if any(marker in window for marker in data.negation_markers):
        return "negated"
    return "asserted"


def future_from_date(claim: DraftClaim) -> None:
    """An asserted claim whose date lies ahead looks ahead ('shipments in 2027 of 4 million')."""
    if claim.date is not None and claim.date.future and claim.modality == "asserted":
        claim.modality = "future"
        claim.rules.append("modality:future from its date")


def hedge_before(span: Span, sent: Span, data: LinkingData) -> str | None:
    doc = span.doc
    start = max(span.start - 3, sent.start)
    before = extensions.doc_text(doc)[doc[start].idx: span.start_char].rstrip().lower()
    for hedge in data.hedges:
        if before.endswith(hedge):
            return hedge
    return None


def hedge_in(text: str, hedges: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for hedge in hedges:
        if re.search(rf"\b{re.escape(hedge)}\b", lowered):
            return hedge
    return None
