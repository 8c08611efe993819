"""Modality from the claim's own clause (pipeline.linking.modality), on sentences written here."""

from __future__ import annotations

import pytest
from linkkit import doc_claims
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "claim_type", "modality"),
    [
        # regressions: each was wrong before modality came from the clause
        ("Samsung is preparing to shed 2,500 roles at its memory division.", "count", "future"),
        ("The new fab will be able to turn out 40,000 wafers a month.", "count", "future"),
        ("Oracle expects revenue of $18 billion for the current quarter.", "money", "future"),
        ("Kioxia said it would spend 500 billion yen on a new plant.", "money", "future"),
        ("OpenAI is on track to reach 1 billion weekly users.", "count", "future"),
        ("At the time, the company expected the tariffs to cost it about $3 billion in sales.", "money", "future"),
        ("Intel plans to close the unit and recorded a charge of $1.2 billion.", "money", "asserted"),
        ("The chip designer had planned to spend $20 billion on the fab before the project was cancelled.",
         "money", "asserted"),
        ("It did not take long: the console sold 1 million units in its first week.", "count", "asserted"),
        # guards: what the clause rules must leave as it was
        ("It is hard to see why anyone would need 128GB of memory in a laptop.", "quantity", "asserted"),
        ("The training run took 2.8 million GPU hours, which would cost about $5.6 million at rental prices.",
         "money", "asserted"),
        ("Sales did not exceed 2 million units.", "count", "negated"),
        ("Nvidia failed to meet its target of 100,000 units.", "count", "negated"),
    ],
    ids=["preparing-to", "will-be-able-to", "expects-revenue-of", "said-it-would", "on-track-to",
         "expected-x-to-cost", "later-clause-looks-ahead", "had-planned", "other-clause-negated",
         "rhetorical-why-would", "conditional-would", "did-not-exceed", "failed-to"],
)
def test_modality_comes_from_the_claims_own_clause(nlp: Language, text: str, claim_type: str, modality: str) -> None:
    (claim,) = [c for c in doc_claims(nlp, text) if c.type == claim_type]
    assert claim.modality == modality
