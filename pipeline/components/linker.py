"""Claim linking: who claims what about whom, compared with what, according to whom.

The spaCy component only: it reads the span groups the earlier stages left on the Doc (entities,
values, dates) and hands them to :mod:`pipeline.linking`, which runs the frame finders per sentence
(:mod:`pipeline.linking.link`). The result is ``doc._.claims``: a list of :class:`DraftClaim`, turned
into records by :mod:`pipeline.extractor`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon, load_lexicon
from pipeline.linking.link import link_doc, threshold
from pipeline.linking.parse import ParseMatch
from pipeline.linking.parsematch import ParseMatchers

__all__ = ["DraftClaim", "Linker", "make_linker"]


class Linker:
    def __init__(self, nlp: Language, name: str, min_confidence: float, low_confidence: float,
                 entities_key: str, values_key: str, dates_key: str, subject_model: bool,
                 object_model: bool) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.low_confidence = low_confidence
        self.entities_key, self.values_key, self.dates_key = entities_key, values_key, dates_key
        self.lex: Lexicon = load_lexicon(subject_model, object_model)
        self.parse_matchers = ParseMatchers(nlp.vocab, self.lex.dependency)

    @property
    def collect_candidates(self) -> bool:
        """Whether every figure's role candidates are kept on its draft (the training asks for them)."""
        return self.lex.collect_candidates

    @collect_candidates.setter
    def collect_candidates(self, value: bool) -> None:
        self.lex.collect_candidates = value

    def __call__(self, doc: Doc) -> Doc:
        ents, values, dates = (sorted(doc.spans[key] if key in doc.spans else [], key=lambda s: s.start)
                               for key in (self.entities_key, self.values_key, self.dates_key))
        claims = link_doc(doc, ents, values, dates, self.lex, self.parse_matches(doc))
        doc._.claims = threshold(claims, self.min_confidence, self.low_confidence)
        return doc

    def parse_matches(self, doc: Doc) -> list[ParseMatch]:
        """Every DependencyMatcher hit of the Doc, once per Doc."""
        return self.parse_matchers(doc, self.lex)


@Language.factory(
    "newsclaims_linker",
    default_config={"min_confidence": 0.0, "low_confidence": 0.6, "entities_key": extensions.ENTITIES,
                    "values_key": extensions.VALUES, "dates_key": extensions.DATES, "subject_model": True,
                    "object_model": False},
    assigns=["doc._.claims"],
    requires=["doc.spans", "token.dep", "doc.sents"],
)
def make_linker(nlp: Language, name: str, min_confidence: float, low_confidence: float, entities_key: str,
                values_key: str, dates_key: str, subject_model: bool, object_model: bool) -> Linker:
    """``min_confidence`` drops weaker links; those under ``low_confidence`` are kept with a warning.
    The ``*_key`` settings name the span groups the earlier stages write (:func:`pipeline.nlp.load`
    passes their ``spans_key`` on). ``subject_model`` and ``object_model`` rank a figure's subject and
    object candidates with the trained models in ``models/linking/`` (:mod:`pipeline.roles`); False keeps
    the rules' choice. The object model is off by default: it gained under a point on dev and test but
    drops recipients the rules find ("shipped ... servers to Saudi Arabia")."""
    return Linker(nlp, name, min_confidence, low_confidence, entities_key, values_key, dates_key, subject_model,
                  object_model)
