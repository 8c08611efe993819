"""Date attachment: each claim takes the date of its own clause where the sentence has one, else
the nearest date of the sentence; the rule that chose it goes to the claim's provenance."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.linking.draft import DraftClaim
from pipeline.linking.parse import governing_verb
from pipeline.records import DateRef


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """A resolved date of the current sentence, with the verb of its clause (read once, used per claim)."""

    start_char: int
    date: DateRef
    streak: int | None
    verb: Token | None


def sentence_dates(dates: list[Span]) -> list[SentenceDate]:
    """The sentence's date spans that resolved to a date, each with the verb of its clause."""
    return [SentenceDate(d.start_char, date, d._.streak, governing_verb(d.root))
            for d in dates if (date := d._.date) is not None]


def date_for(sent: Span, claim: DraftClaim, dates: list[SentenceDate], streak: int | None
             ) -> tuple[DateRef | None, int | None]:
    """The date of the claim's own clause where there is one, else the nearest in the sentence."""
    if not dates:
        return None, streak
    doc = sent.doc
    anchor_tok = doc.char_span(claim.anchor[0], claim.anchor[1], alignment_mode="expand")
    verb = governing_verb(anchor_tok.root) if anchor_tok is not None else None

    def rank(d: SentenceDate) -> tuple[int, int]:
        dverb = d.verb
        if verb is None or dverb is None:
            clause = 1
        elif dverb == verb:
            clause = 0
        elif dverb in verb.ancestors or verb in dverb.ancestors:
            clause = 1
        else:
            clause = 2
        return clause, abs(d.start_char - claim.anchor[0])

    best = min(dates, key=rank)
    claim.rules.append("date:" + ("its own clause", "a clause above or below it", "elsewhere in the sentence",
                                  )[rank(best)[0]])
    return best.date, streak or best.streak
