"""Every custom attribute newsclaims sets on spaCy objects, declared in one place.

Components write intermediate results here (and in span groups); pydantic records are built
only at the boundary, in :mod:`pipeline.extractor`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span

#: span group keys, one per stage
ENTITIES = "newsclaims_entities"
VALUES = "newsclaims_values"
DATES = "newsclaims_dates"

_DOC_ATTRS: dict[str, object] = {
    "article_id": None,  # str
    "published": None,  # datetime.date | None
    "title": None,  # str | None: the headline, which is not part of the text (the story's frame reads it)
    "claims": None,  # list[dict]: built by the linker, turned into records by the extractor
    "warnings": None,  # list[str]
}
_SPAN_ATTRS: dict[str, object] = {
    "canonical": None,  # str: entity canonical name
    "kind": None,  # str: entity kind from the gazetteer (company, chip, ai_model, agency, ...)
    "value": None,  # pipeline.numbers.ValueMention
    "date": None,  # pipeline.records.DateRef
    "streak": None,  # int: "for the ninth consecutive year"
    "provenance": None,  # str: component/pattern id
}


_TEXT_KEY = ("newsclaims", "text")


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    data: dict[Any, Any] = doc.user_data
    cached = data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = data[_TEXT_KEY] = doc.text
    return cached


def seed_text(doc: Doc, text: str) -> None:
    """Record the text a Doc was made from, so :func:`doc_text` never walks the tokens."""
    data: dict[Any, Any] = doc.user_data
    data[_TEXT_KEY] = text


def register() -> None:
    """Declare the extensions; safe to call more than once."""
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()


def spans_within(spans: Sequence[Span], sent: Span) -> list[Span]:
    """The spans (sorted by start) that lie inside ``sent``, found by bisection: a scan of every
    span per sentence would make an article's time quadratic in its length."""
    lo = bisect_left(spans, sent.start, key=_span_start)
    hi = bisect_left(spans, sent.end, key=_span_start)
    return [s for s in spans[lo:hi] if s.end <= sent.end]


def _span_start(span: Span) -> int:
    return span.start
