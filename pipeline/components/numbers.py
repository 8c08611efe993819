"""Number stage: every figure in the text as a span in ``doc.spans[VALUES]`` with ``span._.value``.

The normalising is done on the text by :func:`pipeline.numbers.find_values` (no parse needed); the
parse only refines counts: a number whose token is a ``nummod`` of a noun becomes a ``count`` of
that noun with its compound and adjective modifiers ("635,800 invention patents"). Vague magnitudes
("hundreds of millions of dollars", pattern ``vague:``) state no figure: find_values reports them, the
stage leaves them out unless ``emit_vague`` is set, so that they make no claims (the annotation
guidelines give them none: on dev both were false positives).
"""

from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import extensions
from pipeline.numbers import ValueMention, find_values, value_of
from pipeline.numbers.vague import VAGUE

_NOUN_POS = ("NOUN", "PROPN")
_MODIFIERS = ("compound", "amod", "nmod")


def counted_phrase(token: Token) -> tuple[int, int] | None:
    """Char offsets of the noun a number counts, with its compound/adjective modifiers; None if it counts nothing."""
    if token.dep_ != "nummod" or token.head.pos_ not in _NOUN_POS or token.head.i < token.i:
        return None
    noun = token.head
    start = noun.i
    for child in noun.lefts:
        if child.i > token.i and child.dep_ in _MODIFIERS:
            start = min(start, child.i)
    doc = noun.doc
    return doc[start].idx, noun.idx + len(noun.text)


class NumberStage:
    """Finds and normalises figures; stores them as a span group."""

    def __init__(self, name: str, spans_key: str, emit_numbers: bool, refine_counts: bool,
                 emit_vague: bool = False) -> None:
        self.name = name
        self.spans_key = spans_key
        self.emit_numbers = emit_numbers
        self.refine_counts = refine_counts
        self.emit_vague = emit_vague

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published if Doc.has_extension("published") else None
        spans: list[Span] = []
        parsed = self.refine_counts and doc.has_annotation("DEP")
        text = extensions.doc_text(doc)  # Doc.text joins every token: built once per Doc
        for mention in find_values(text, published=published):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if parsed and mention.kind in ("number", "count"):
                mention = self.refine(span, mention, text)
            if mention.kind == "number" and not self.emit_numbers or \
                    not self.emit_vague and mention.pattern.startswith(VAGUE):
                continue
            span._.value = mention
            span._.provenance = f"{self.name}:{mention.pattern}"
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    @staticmethod
    def refine(span: Span, mention: ValueMention, text: str) -> ValueMention:
        """Use the parse to find what a bare number counts."""
        number = span[-1]
        found = counted_phrase(number)
        if found is None:
            return mention
        start, end = found
        counted = text[start:end]
        value = value_of({**dict(mention.value), "counted": counted, "kind": "count"})  # a new value: validated
        return dataclasses.replace(mention, kind="count", value=value, pattern=mention.pattern + "+parse")


@Language.factory(
    "newsclaims_numbers",
    default_config={"spans_key": extensions.VALUES, "emit_numbers": True, "refine_counts": True, "emit_vague": False},
    assigns=["doc.spans"],
    requires=[],
)
def make_number_stage(nlp: Language, name: str, spans_key: str, emit_numbers: bool, refine_counts: bool,
                      emit_vague: bool) -> NumberStage:
    return NumberStage(name, spans_key, emit_numbers, refine_counts, emit_vague)
