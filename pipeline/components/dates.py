"""Date stage: every time expression of an article, resolved against its publication date.

Two sources are merged per sentence: the project's patterns (:func:`pipeline.dates.find_dates`),
which know fiscal quarters, halves, "mid-2026" and "for the ninth consecutive year in 2025" as one
expression, and spaCy's DATE/TIME entities for what the patterns miss.  Where both cover the same
words the pattern wins: it repairs spaCy's splits ("the ninth consecutive year" + "2025") and its
over-long entities.  Results go to ``doc.spans[DATES]`` with ``span._.date`` (a DateRef) and
``span._.streak``; relative expressions that cannot be resolved for want of a publication date
are kept with an empty period and a warning in ``doc._.warnings``.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.dates import baselines, find_dates, fiscal_frame, is_fiscal_name, resolve, streak_of
from pipeline.records import DateRef


def publication_date(value: object) -> dt.date | None:
    """``doc._.published`` as a date: it may be a date, a datetime or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class DateStage:
    """Finds, merges and resolves the time expressions of a Doc."""

    def __init__(self, nlp: Language, name: str, spans_key: str, labels: list[str]) -> None:
        self.name = name
        self.spans_key = spans_key
        self.labels = set(labels)

    def __call__(self, doc: Doc) -> Doc:
        published = publication_date(doc._.published)
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        ents = sorted((e for e in doc.ents if e.label_ in self.labels), key=lambda e: e.start)
        full_text = extensions.doc_text(doc)
        group: list[Span] = []
        unresolved: list[str] = []
        frame = fiscal_frame(full_text)
        # a sentence about another organisation does not take the article's fiscal calendar
        others = [e for e in doc.ents if e.label_ == "ORG" and not is_fiscal_name(e.text)] if frame else []
        for sent in sentences:
            sent_ents = extensions.spans_within(ents, sent)
            other = bool(others) and bool(extensions.spans_within(others, sent))
            for span in self._sentence(doc, full_text, sent, sent_ents, published, None if other else frame):
                group.append(span)
                date: DateRef | None = span._.date
                if date is not None and date.start is None and date.end is None:
                    unresolved.append(span.text)
        doc.spans[self.spans_key] = sorted(group, key=lambda s: s.start)
        if unresolved and published is None:
            warnings = doc._.warnings if doc._.warnings is not None else []
            warnings.extend(f"date: no publication date to resolve {text!r}" for text in unresolved)
            doc._.warnings = warnings
        return doc

    def _sentence(self, doc: Doc, full_text: str, sent: Span, sent_ents: list[Span], published: dt.date | None,
                  frame: str | None) -> list[Span]:
        out: list[Span] = []
        text = full_text[sent.start_char: sent.end_char]
        # a comparison baseline ("from the previous three months") is no claim's period: spaCy's DATE
        # inside one is not read either
        taken = [(span.start, span.end) for lo, hi in baselines(text, published, frame)
                 if (span := doc.char_span(sent.start_char + lo, sent.start_char + hi, alignment_mode="expand"))
                 is not None]
        for mention in find_dates(text, published, frame):
            span = doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end, label="DATE",
                                 alignment_mode="expand")
            if span is None or any(span.start < e and s < span.end for s, e in taken):
                continue
            if mention.date.start is None and mention.date.end is None and published is not None:
                if mention.streak is None:
                    continue
                span._.date = None  # a streak of quarters or months: no period of its own
            else:
                span._.date = mention.date.model_copy(update={"text": span.text})
            span._.streak = mention.streak
            span._.provenance = f"{self.name}:{mention.pattern}"
            out.append(span)
            taken.append((span.start, span.end))
        for ent in sent_ents:
            if any(ent.start < e and s < ent.end for s, e in taken):
                continue
            date = resolve(ent.text, published, text, fallback=ent.label_ == "DATE", frame=frame)
            if date is None or (date.start is None and date.end is None and published is not None):
                continue
            span = Span(doc, ent.start, ent.end, label="DATE")
            span._.date = date
            span._.streak = streak_of(ent.text, published)
            span._.provenance = f"{self.name}:ner:{ent.label_}"
            out.append(span)
            taken.append((span.start, span.end))
        return out


@Language.factory(
    "newsclaims_dates",
    default_config={"spans_key": extensions.DATES, "labels": ["DATE", "TIME"]},
    assigns=["doc.spans"],
    requires=["doc.ents", "token.is_sent_start"],
)
def make_date_stage(nlp: Language, name: str, spans_key: str, labels: list[str]) -> DateStage:
    """``labels``: the statistical entities whose text is resolved as a date where the grammar found none
    in the sentence ("For the March quarter", "its 2025 output")."""
    return DateStage(nlp, name, spans_key, labels)
