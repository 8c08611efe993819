"""Value frames: a figure the number stage found ('revenue rose 66 per cent to $35.1bn'), as a claim
of its kind, its roles from the parse (:mod:`pipeline.linking.assign`), its predicate and modality."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.linking.assign import assign_object, assign_subject
from pipeline.linking.draft import VALUE_CLAIM_TYPES, DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.modality import hedge_before, modality
from pipeline.linking.parse import entity_ref, funded_noun, governing_verb
from pipeline.linking.sentence import Sentence


def value_claims(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """A claim per figure no comparison frame has used."""
    out = []
    for span in s.values:
        if span.start in s.used_values:
            continue
        claim = value_claim(s, span)
        if claim is not None:
            out.append(claim)
    return out


def value_claim(s: Sentence, span: Span) -> DraftClaim | None:
    mention = span._.value
    if mention is None:
        return None
    claim_type = VALUE_CLAIM_TYPES.get(mention.kind)
    if claim_type is None:
        return None
    if mention.value.unit == "multiple":
        claim_type = "comparison"
    sent = s.sent
    verb = governing_verb(span.root)
    claim = DraftClaim(
        type=claim_type, sent_start=sent.start_char, sent_end=sent.end_char,
        anchor=(span.start_char, span.end_char), value=mention.value,
        hedge=mention.hedge or hedge_before(span, sent, s.lex.data), pattern=f"value:{mention.pattern}",
    )
    subject_span = assign_subject(claim, s, span, verb)
    obj = assign_object(claim, s, span, verb, subject_span)
    claim.predicate = _predicate(verb, span, obj)
    claim.modality = modality(verb, sent, s.lex, span)
    if claim_type == "comparison":
        _multiple_comparison(claim, span, s.ents, exclude=subject_span, lex=s.lex)
    return claim


def _predicate(verb: Token | None, span: Span, obj: Span | None) -> str | None:
    if verb is None:
        head = span.root.head
        return head.lemma_ if head.i != span.root.i else None
    words = [verb.lemma_ if verb.tag_ not in ("VBN", "VBD", "VBZ", "VBG") else verb.text]
    words += [c.text for c in verb.children if c.dep_ == "prt"]
    noun = funded_noun(span)
    if noun:
        words.append(noun)
    if obj is not None:
        preps = [c for c in verb.subtree if c.dep_ in ("prep", "dative") and c.i < obj.start
                 and any(obj.start <= t.i < obj.end for t in c.subtree)]
        prep = max(preps, key=lambda c: c.i).text if preps else None
        if prep:
            words.append(prep)
    return " ".join(words)


def _multiple_comparison(claim: DraftClaim, span: Span, ents: list[Span], exclude: Span | None, lex: Lexicon
                        ) -> None:
    """A figure that is a multiple: 'three times faster than V2', 'doubled', 'twice the amount used for Qwen2.5'."""
    data = lex.data
    doc = span.doc
    after = doc[span.end: min(span.end + 2, span.sent.end)]
    adjective = next((t.lower_ for t in after if t.lower_ in data.comparison_adjectives), None)
    shrinks = claim.value is not None and claim.value.amount is not None and claim.value.amount < 1
    claim.relation = data.comparison_adjectives.get(adjective or "", "smaller_than" if shrinks else "larger_than")
    claim.object = None
    for tok in doc[span.end: span.sent.end]:
        if tok.lower_ in data.comparison_object_preps and tok.i > span.end - 1:
            found = next((e for e in ents if e.start > tok.i and e != exclude), None)
            if found is not None:
                claim.object = entity_ref(found)
            break
