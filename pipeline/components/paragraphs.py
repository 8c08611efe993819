"""Sentence breaks set before the parse: a blank line never joins two sentences, and no run of text
without a sentence end becomes one giant sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: a run of this many tokens with no sentence-final punctuation is cut: real news sentences are far
#: shorter, and the linker's work per figure grows with the sentence, so an unbounded one (a scraped
#: table, ``"$1.2bn (€1.1bn) " * 2000``) would make an article's time quadratic in its length
MAX_RUN_TOKENS = 150
_SENTENCE_END = frozenset({".", "!", "?", "…", ";"})


@Language.component("newsclaims_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    run = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        run = 0 if prev.text in _SENTENCE_END else run + 1
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_ and not prev.is_space:
            tok.is_sent_start = True
            run = 0
        elif run >= MAX_RUN_TOKENS:
            tok.is_sent_start = True
            run = 0
    return doc
