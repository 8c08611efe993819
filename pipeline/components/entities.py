"""Entity stage: a gazetteer-fed ruler that corrects the statistical NER on tech news.

The ruler runs after spaCy's ``ner`` and overwrites it where the gazetteer knows better
(Nvidia is an ORG, "Ascend 910C" is one PRODUCT); texts listed in ``not_entities.jsonl``
("AI" as a place) are dropped.  Every entity gets ``span._.canonical``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.gazetteer import Gazetteer, load_gazetteer

_POSSESSIVE = ("'s", "’s", "'", "’")
_RULER_KEY = "newsclaims_gazetteer_matches"
_LEADING = ("the ", "The ")


def canonical_name(span: Span, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """(canonical name, gazetteer kind) for an entity span: alias mapped, possessive stripped."""
    if span.id_ and span.id_ in gazetteer.entries:
        entry = gazetteer.entries[span.id_]
        return entry.canonical, entry.kind
    text = strip_possessive(span.text)
    for lead in _LEADING:
        if text.startswith(lead):
            text = text[len(lead):]
    return text, None


def strip_possessive(text: str) -> str:
    for suffix in _POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


class EntityStage:
    """Gazetteer ruler + clean-up of the statistical entities + canonical names."""

    def __init__(self, nlp: Language, name: str, spans_key: str, drop_labels: list[str]) -> None:
        self.name = name
        self.spans_key = spans_key
        self.drop_labels = set(drop_labels)
        self.gazetteer = load_gazetteer()
        self.ruler = SpanRuler(nlp, name=f"{name}_ruler", annotate_ents=False, overwrite=True,
                               spans_key=_RULER_KEY, phrase_matcher_attr="ORTH")
        patterns: list[dict[str, Any]] = [
            {"label": e.label, "pattern": alias, "id": e.id}
            for e in self.gazetteer.entries.values()
            for alias in e.aliases
        ]
        # the phrase patterns only need their tokens (ORTH): without this, spaCy runs every model
        # component over each of the gazetteer's aliases (a fifth of a second at every start)
        with nlp.select_pipes(disable=nlp.pipe_names):
            self.ruler.add_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        gazetteer_spans = filter_spans(list(doc.spans[_RULER_KEY]))
        del doc.spans[_RULER_KEY]
        taken = {i for span in gazetteer_spans for i in range(span.start, span.end)}
        model_ents = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        kept: list[Span] = list(gazetteer_spans)
        for ent in model_ents:
            bad = self.gazetteer.not_entities.get(ent.text)
            if bad and ent.label_ in bad:
                continue
            kept.append(ent)
        ordered = sorted(kept, key=lambda span: span.start)
        doc.ents = ordered  # reading doc.ents back would rebuild every span from the tokens
        group: list[Span] = []
        for ent in ordered:
            if ent.label_ in self.drop_labels:
                continue
            span = Span(doc, ent.start, ent.end, label=ent.label, span_id=ent.id)
            canonical, kind = canonical_name(ent, self.gazetteer)
            span._.canonical = canonical
            span._.kind = kind
            span._.provenance = f"{self.name}:{'gazetteer:' + ent.id_ if ent.id_ else 'ner'}"
            group.append(span)
        doc.spans[self.spans_key] = group
        return doc


@Language.factory(
    "newsclaims_entities",
    default_config={"spans_key": extensions.ENTITIES, "drop_labels": ["CARDINAL", "ORDINAL", "QUANTITY",
                                                                     "MONEY", "PERCENT", "DATE", "TIME"]},
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents"],
)
def make_entity_stage(nlp: Language, name: str, spans_key: str, drop_labels: list[str]) -> EntityStage:
    return EntityStage(nlp, name, spans_key, drop_labels)
