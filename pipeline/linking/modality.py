"""Modality and hedges: whether a claim is asserted, negated or looks ahead, and the hedge word
('about', 'roughly') that softens its figure.

Modality is read from the claim's own clause: its verb and the verbs that verb completes ('shed' in
'is preparing to shed', 'turn' in 'will be able to turn'), never from a neighbouring clause ('plans
to close the unit and recorded a charge': the charge is recorded, not planned).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline import extensions
from pipeline.linking.data import LinkingData
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.records import Modality

#: dependents that are clauses of their own: their words do not make the verb's clause future or negated
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "parataxis"})


def clause_of(verb: Token) -> list[Token]:
    """The verb and the words above it whose clause it completes: 'to turn' under 'able' under 'will be',
    'shed' under 'is preparing', 'the curbs to cost' under 'expected'."""
    chain = [verb]
    tok = verb
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            break
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.dep_ == "xcomp" or (tok.dep_ == "acomp" and tok.pos_ == "ADJ") or (tok.dep_ == "ccomp" and infinitive):
            chain.append(head)
            tok = head
        else:
            break
    return chain


def modality(verb: Token | None, sent: Span, lex: Lexicon, value: Span | None = None) -> Modality:
    """``negated``, ``future`` or ``asserted``, from the clause of ``verb`` (the figure ``value``'s)."""
    if verb is None:
        return "asserted"
    data = lex.data
    if value is not None and value.start <= verb.i < value.end:  # '17 trillion won' parsed as a verb
        verb = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX") and not value.start <= t.i < value.end),
                    None)
        if verb is None:
            return "asserted"
    chain = clause_of(verb)
    auxiliaries = [c for tok in chain for c in tok.children if c.dep_ == "aux"]
    if any(c.dep_ == "neg" for tok in chain for c in tok.children):
        return "negated"
    if any(tok.lemma_.lower() in data.negation_verbs for tok in chain[1:]):
        return "negated"  # 'failed to meet'
    rhetorical = any(c.lower_ in data.rhetorical_words for c in verb.children)  # 'why anyone would need'
    perfect = any(c.lemma_ == "have" and c.tag_ == "VBD" for c in auxiliaries)  # 'had planned to': given up
    if not rhetorical and any(c.lower_ in data.future_auxiliaries for c in auxiliaries):
        return "future"
    if not rhetorical and chain[-1].dep_ == "ccomp" and any(c.lower_ in data.reported_future_auxiliaries
                                                              for c in auxiliaries):
        return "future"  # reported speech: 'said it would spend'; elsewhere 'would cost' is no plan
    if not perfect and any(tok.lemma_.lower() in data.intention_verbs for tok in chain[1:]):
        return "future"
    if not perfect and verb.lemma_.lower() in data.forecast_verbs:
        return "future"  # 'expects revenue of $18bn'
    text = extensions.doc_text(sent.doc)
    start = max(sent.start_char, verb.idx - 31, chain[-1].left_edge.idx)
    members = {tok.i for tok in chain}
    for c in (c for tok in chain for c in tok.children):  # a clause of its own before the verb: 'It did not
        if c.dep_ in _OTHER_CLAUSES and c.i < verb.i and c.i not in members:  # take long: the console sold'
            start = max(start, c.right_edge.idx + len(c.right_edge))
    window = " " + text[start: verb.idx].lower()  # at most the 30 characters before, inside the clause
    if not perfect and any(marker in window for marker in lex.future_phrases):
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

