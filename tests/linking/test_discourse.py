"""What carries over between sentences (pipeline.linking.discourse)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.linking.data import load_linking
from pipeline.linking.discourse import company_description


@pytest.mark.parametrize(
    ("text", "head", "describes"),
    [
        ("The company shipped 42.4 million smartphones.", "company", True),
        ("The Beijing-based chip designer swung to a profit.", "designer", True),
        ("The nine companies behind TSMC employ 210,000 people.", "companies", False),  # plural: a group
        ("A chipmaker in Hsinchu hired 300 engineers.", "chipmaker", False),  # indefinite: someone new
    ],
)
def test_linker_which_descriptions_refer_back_to_a_company(nlp: Language, text: str, head: str,
                                                           describes: bool) -> None:
    (tok,) = [t for t in nlp(text) if t.text == head]
    assert company_description(tok, load_linking()) is describes
