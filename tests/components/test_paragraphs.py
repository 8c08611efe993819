from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.components.paragraphs import MAX_RUN_TOKENS


@pytest.mark.parametrize(
    ("text", "longest"),
    [("$1.2bn (€1.1bn) " * 300, MAX_RUN_TOKENS),
     ("Nvidia said revenue rose 62 per cent to $57 billion. TSMC said sales rose 40 per cent.\n\nApple fell.", 12)],
    ids=["no-full-stop-for-1800-tokens", "ordinary-sentences-untouched"],
)
def test_paragraphs_no_sentence_runs_past_the_bound(nlp: Language, text: str, longest: int) -> None:
    doc = nlp(text)
    assert max(len(s) for s in doc.sents) <= longest
