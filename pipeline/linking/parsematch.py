"""The parse patterns of ``models/patterns/dependency.json`` as spaCy DependencyMatchers, run once per
Doc and only on Docs that hold the words a pattern needs."""

from __future__ import annotations

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.errors import DataFileError
from pipeline.linking.data import DependencyData, DependencyPattern
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.parse import ParseMatch
from pipeline.linking.ranking import superlative_rank

_AMOD = get_string_id("amod")


class ParseMatchers:
    """One matcher per pattern: the DependencyMatcher costs about 0.2 ms a pattern on every Doc, even
    where nothing matches, so each runs only where the words it needs occur."""

    def __init__(self, vocab: Vocab, dependency: DependencyData) -> None:
        self.matchers: list[tuple[DependencyPattern, DependencyMatcher, tuple[frozenset[int], ...]]] = []
        for p in (*dependency.rankings, *dependency.comparisons):
            matcher = DependencyMatcher(vocab)
            try:
                matcher.add(p.id, [list(p.pattern)])
            except ValueError as exc:
                raise DataFileError(f"patterns/dependency.json {p.kind}s/{p.id}: {exc}") from None
            self.matchers.append((p, matcher, tuple(frozenset(get_string_id(w) for w in options)
                                                    for options in _required_words(p))))

    def __call__(self, doc: Doc, lex: Lexicon) -> list[ParseMatch]:
        """Every hit of the Doc, once per Doc."""
        out: list[ParseMatch] = []
        columns = doc.to_array([LOWER, LEMMA, DEP])  # string ids: no Token objects for the whole Doc
        words = set(columns.ravel().tolist())
        superlatives: bool | None = None
        for pattern, matcher, required in self.matchers:
            if not all(options & words for options in required):
                continue
            if pattern.kind == "ranking":
                if superlatives is None:
                    amods = (columns[:, 2] == _AMOD).nonzero()[0].tolist()
                    superlatives = any(superlative_rank(doc[i], lex) is not None for i in amods)
                if not superlatives:
                    continue
            for _, token_ids in matcher(doc):
                out.append((pattern, {node: doc[i] for node, i in zip(pattern.nodes, token_ids, strict=True)}))
        return out


def _required_words(pattern: DependencyPattern) -> tuple[frozenset[str], ...]:
    """For each node of a pattern that names its words (LOWER, LEMMA) or its dependency label, the
    values it accepts: a Doc without one of them cannot match."""
    out = []
    for node in pattern.pattern:
        for key in ("LOWER", "LEMMA", "DEP"):
            spec = node["RIGHT_ATTRS"].get(key)
            if isinstance(spec, str):
                out.append(frozenset([spec]))
            elif isinstance(spec, dict) and "IN" in spec:
                out.append(frozenset(spec["IN"]))
    return tuple(out)
