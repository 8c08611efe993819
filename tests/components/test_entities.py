from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline import extensions


def _ents(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_, s._.canonical) for s in doc.spans[extensions.ENTITIES]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia shipped fewer H20 chips to China in the quarter.",
         [("Nvidia", "ORG", "Nvidia"), ("H20", "PRODUCT", "Nvidia H20"), ("China", "GPE", "China")]),
        ("Huawei's Ascend 910C accelerator delivers around 60 per cent of the performance of Nvidia's H100.",
         [("Huawei", "ORG", "Huawei"), ("Ascend 910C", "PRODUCT", "Huawei Ascend 910C"),
          ("Nvidia", "ORG", "Nvidia"), ("H100", "PRODUCT", "Nvidia H100")]),
        ("AMD said its MI300X beats the B200 on memory, while Intel pitched Gaudi 3 on price.",
         [("AMD", "ORG", "AMD"), ("MI300X", "PRODUCT", "AMD MI300X"), ("B200", "PRODUCT", "Nvidia B200"),
          ("Intel", "ORG", "Intel"), ("Gaudi 3", "PRODUCT", "Intel Gaudi 3")]),
        ("DeepSeek-R1 and GPT-4o were compared with Llama 3.1 405B by the researchers.",
         [("DeepSeek-R1", "PRODUCT", "DeepSeek-R1"), ("GPT-4o", "PRODUCT", "GPT-4o"),
          ("Llama 3.1 405B", "PRODUCT", "Llama 3.1 405B")]),
    ],
    ids=["nvidia-org-h20", "ascend-vs-h100", "amd-intel", "ai-models"],
)
def test_entities_gazetteer_corrects_the_model(nlp: Language, text: str,
                                               expected: list[tuple[str, str, str]]) -> None:
    assert _ents(nlp, text) == expected


def test_entities_ai_is_not_a_place(nlp: Language) -> None:
    found = _ents(nlp, "AI spending in Guangdong rose sharply as AI start-ups multiplied.")
    assert all(text != "AI" for text, _, _ in found)
    assert ("Guangdong", "GPE", "Guangdong") in found


def test_entities_possessive_is_stripped_from_model_entities(nlp: Language) -> None:
    found = _ents(nlp, "Zhongguancun Labs's new cluster went live in Beijing.")
    canon = {c for _, _, c in found}
    assert all(not c.endswith("'s") for c in canon)
