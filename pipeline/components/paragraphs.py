"""Paragraph breaks are sentence breaks: a blank line never joins two sentences."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsclaims_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif "\n" in prev.whitespace_ and not prev.is_space:
            tok.is_sent_start = True
    return doc
