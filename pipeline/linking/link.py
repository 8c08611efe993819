"""The linking of a Doc: per sentence, the frame finders in a fixed order, then the sentence's source,
each claim's date and modality from it, the discourse carried on; at the end the threshold.

The order of :data:`FINDERS` matters: comparisons take their figures before the value frame sees
them, the parse's rankings and comparisons skip what the regex frames found, and shared rankings
attach to the figures found before them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span

from pipeline.extensions import doc_text, spans_within
from pipeline.linking import comparison, event, ranking, value
from pipeline.linking.attribution import attribution
from pipeline.linking.dates import baseline_after, date_for, own_dates, sentence_dates
from pipeline.linking.discourse import Discourse
from pipeline.linking.draft import DraftClaim
from pipeline.linking.frame import frame_date, same_period_of, story_frame
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.modality import future_from_date
from pipeline.linking.parse import ParseMatch
from pipeline.linking.sentence import Sentence

Finder = Callable[[Sentence, list[DraftClaim]], list[DraftClaim]]

#: each gets the sentence and the claims found before it in the sentence
FINDERS: tuple[Finder, ...] = (
    comparison.masked_comparisons, comparison.parse_comparisons, ranking.masked_rankings, ranking.parse_rankings,
    value.value_claims, event.events, ranking.shared_rankings,
)


def link_doc(doc: Doc, ents: list[Span], values: list[Span], dates: list[Span], lex: Lexicon,
             parse_matches: list[ParseMatch]) -> list[DraftClaim]:
    """Every claim of the Doc, in sentence order (spans sorted by start)."""
    ctx = Discourse(frame=story_frame(doc, dates, lex.data))
    claims: list[DraftClaim] = []
    by_first = sorted(((min(t.i for t in m[1].values()), m) for m in parse_matches), key=lambda fm: fm[0])
    firsts = [first for first, _ in by_first]
    cue_ids = cue_tokens(doc, lex)
    for sent in doc.sents:
        ctx.cues = [doc[i] for i in cue_ids[bisect_left(cue_ids, sent.start): bisect_left(cue_ids, sent.end)]]
        s_parse = [m for _, m in by_first[bisect_left(firsts, sent.start): bisect_left(firsts, sent.end)]]
        claims.extend(link_sentence(Sentence(sent, spans_within(ents, sent), spans_within(values, sent),
                                             spans_within(dates, sent), ctx, lex, s_parse)))
    return claims


def link_sentence(s: Sentence) -> list[DraftClaim]:
    ctx = s.ctx
    ctx.begin(s.ents)
    source = attribution(s.sent, s.ents, ctx, s.lex.data)
    claims: list[DraftClaim] = []
    for find in FINDERS:
        claims += find(s, claims)
    resolved = sentence_dates(s.dates) if claims else []
    for claim in claims:
        if claim.source is None and source is not None:
            claim.source = source
            claim.rules.append(f"source:the sentence's attribution ({source.kind})")
        if claim.date is None:
            claim.date, claim.streak = date_for(s.sent, claim, resolved, claim.streak)
        if claim.date is None and ctx.frame is not None:
            back = baseline_after(doc_text(s.sent.doc), claim.anchor[1], s.sent.end_char)
            claim.date = frame_date(ctx.frame, claim, s.sent, bool(own_dates(s.sent, claim, resolved)),
                                    s.lex.data, back)
        claim.date = same_period_of(claim, s.sent, ctx.story_period, s.lex.data)
        future_from_date(claim)
    ctx.end(s.ents, claims)
    return claims


def cue_tokens(doc: Doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens attribution and event finding test ('according', 'report', speech and
    event verbs), read from the Doc's arrays: testing every token's strings in Python is slow."""
    lowers, lemmas = lex.cue_lowers, lex.cue_lemmas
    return [i for i, (low, lemma, pos) in enumerate(doc.to_array([LOWER, LEMMA, POS]).tolist())
            if low in lowers or (pos == VERB and lemma in lemmas)]


def threshold(claims: list[DraftClaim], min_confidence: float, low_confidence: float) -> list[DraftClaim]:
    """Claims under ``low_confidence`` get a warning; those under ``min_confidence`` are dropped."""
    for claim in claims:
        if claim.confidence < low_confidence:
            claim.warnings.append(f"low confidence {claim.confidence:.2f}: kept so a threshold can trade "
                                  "precision for recall")
    return [c for c in claims if c.confidence >= min_confidence]
