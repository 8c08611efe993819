from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.attributes import IndexedAttributeRuler, UnsupportedPattern, index_model_attribute_ruler
from pipeline.nlp import BASE_MODEL

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    """The model as shipped, and the same model with the indexed ruler in place of its own."""
    plain, indexed = spacy.load(BASE_MODEL), spacy.load(BASE_MODEL)
    assert index_model_attribute_ruler(indexed)
    assert "attribute_ruler" not in indexed.pipe_names and "newsclaims_attribute_ruler" in indexed.pipe_names
    return plain, indexed


def annotations(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.parametrize("text", [
    "Huawei's Ascend 910C delivers around 60 per cent of the performance of Nvidia's H100, a DeepSeek study said.",
    "There's no sign it isn't working, and there are two more chips that'd ship if demand holds.",
    "Y'all ain't gonna believe it: nothin' changed, so let's go, c'mon, we gotta ship it.",
    "She told him to give it to me and you, but he doesn't have it and did not do that.",
    "Whether or not the deal closes, that is what they said they'd have done; I am sure you are too.",
    "Revenue rose 27%  to $35.1bn.\n\n  Shares fell\t3% in late trading.",
])
def test_same_annotations_as_the_models_own_ruler(models: tuple[Language, Language], text: str) -> None:
    plain, indexed = models
    assert annotations(indexed(text)) == annotations(plain(text))


def test_same_annotations_on_every_development_article(models: tuple[Language, Language]) -> None:
    plain, indexed = models
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "dev").glob("*.txt"))]
    assert len(texts) >= 10
    for text, a, b in zip(texts, plain.pipe(texts), indexed.pipe(texts), strict=True):
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), text[:80]
        assert [t.morph for t in a] == [t.morph for t in b]


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "chip", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "LEMMA": "chip"}},  # later wins
    {"patterns": [[{"LOWER": {"IN": ["ships", "shipped"]}}]], "attrs": {"LEMMA": "ship", "POS": "VERB"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "VBZ", ""]}, "LOWER": {"REGEX": "^th"}}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"LEMMA": "percent"}, "index": -1},
    {"patterns": [[{"IS_PUNCT": True}], [{"LOWER": "and"}]], "attrs": {"POS": "PUNCT"}},
]


def tagged(nlp: Language) -> Doc:
    words = ["The", "chip", "ships", "60", "per", "cent", "faster", "and", "that", "model", "."]
    tags = ["DT", "NN", "VBZ", "CD", "IN", "NN", "RBR", "CC", "DT", "NN", "."]
    return Doc(nlp.vocab, words=words, tags=tags)


def test_precedence_sets_regexes_and_negative_indices_as_spacy_does() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    indexed = IndexedAttributeRuler(nlp.vocab)
    indexed.add_patterns(PATTERNS)
    expected, got = ruler(tagged(nlp)), indexed(tagged(nlp))
    assert annotations(got) == annotations(expected)
    assert [(t.pos_, t.lemma_) for t in got][:6] == [
        ("DET", ""), ("PROPN", "chip"), ("VERB", "ship"), ("", ""), ("", ""), ("NOUN", "percent")]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "per", "OP": "+"}],  # an operator
    [{"LENGTH": {">=": 3}}],  # a numeric comparison
    [{"POS": "NOUN"}],  # an enum attribute, not a string hash
])
def test_a_pattern_it_cannot_index_leaves_the_models_ruler_in_place(pattern: list[dict]) -> None:
    with pytest.raises(UnsupportedPattern):
        IndexedAttributeRuler(spacy.blank("en").vocab).add_patterns([{"patterns": [pattern], "attrs": {"TAG": "X"}}])
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns([*PATTERNS, {"patterns": [pattern], "attrs": {"TAG": "X"}}])
    assert not index_model_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
