"""The learned subject choice (pipeline.roles): the scorer, its place in the linker, and the training."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from pipeline.extractor import Extractor
from pipeline.nlp import load
from pipeline.records import EntityRef
from pipeline.roles import Candidate, RoleModel


def _ref(name: str) -> EntityRef:
    return EntityRef(text=name, canonical=name, label="ORG", start=0, end=len(name))


def test_roles_model_ranks_by_the_weights_of_the_features() -> None:
    model = RoleModel(weights={"rule_pick": 2.0, "label=NP": -1.0, "in_verb_subject": 1.5}, bias=-1.0)
    a = Candidate(_ref("A"), "sentence", features={"rule_pick": 1.0, "label=NP": 1.0})
    b = Candidate(_ref("B"), "sentence", features={"in_verb_subject": 1.0, "rule_pick": 1.0})
    c = Candidate(_ref("C"), "last subject", features={"unknown_feature": 1.0})
    ranked = model.rank([a, b, c])
    assert [cand.ref.text for _, cand in ranked] == ["B", "A", "C"]
    assert ranked[0][0] == pytest.approx(1 / (1 + 2.718281828 ** -2.5), rel=1e-6)


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    return Extractor(load({"newsclaims_linker": {"subject_model": False}}))


@pytest.mark.parametrize(
    ("text", "claim_type", "learned", "rules"),
    [
        ("The ministry will spend 1.2 trillion won on chip subsidies next year, officials said.", "money",
         "The ministry", None),
        ("The government will provide $500 million in grants to the three memory makers.", "money",
         "The government", None),
        ("India's semiconductor market was worth about $45 billion in 2024.", "money",
         "India's semiconductor market", "India"),
        ("Xiaomi reported quarterly revenue of 93 billion yuan. The smartphone business brought in 46 billion yuan.",
         "money", "The smartphone business", "Xiaomi"),
        ("Samsung Electronics said on Thursday that operating profit rose 20 per cent to 12.1 trillion won.", "money",
         "Samsung Electronics", "Samsung Electronics"),
    ],
    ids=["ministry-not-nothing", "government-not-nothing", "market-not-the-country", "business-not-the-parent",
         "company-kept"],
)
def test_roles_learned_subjects_on_sentences_the_rules_get_wrong(
        extractor: Extractor, rules_only: Extractor, text: str, claim_type: str, learned: str,
        rules: str | None) -> None:
    def subject(e: Extractor) -> str | None:
        claim = [c for c in e.extract(text, published="2025-01-20") if c.type == claim_type][-1]
        return claim.subject.text if claim.subject else None

    assert (subject(extractor), subject(rules_only)) == (learned, rules)


def test_roles_provenance_gives_the_model_and_its_margin(extractor: Extractor) -> None:
    (claim,) = [c for c in extractor.extract("The ministry will spend 1.2 trillion won on chip subsidies.",
                                             published="2025-01-20") if c.type == "money"]
    assert claim.provenance is not None
    assert any(r.startswith("subject model: p=") and "margin" in r for r in claim.provenance.rules)


@pytest.mark.slow
@pytest.mark.parametrize("role", ["subject", "object"])
def test_roles_the_shipped_model_is_what_make_train_writes(nlp: Language, role: str) -> None:
    """Training is deterministic: the same corpus and gold give the checked-in weights (to 1e-4, in case
    another scikit-learn release rounds the last digit differently)."""
    from pipeline import train_roles

    data, counts = train_roles.examples(train_roles.TRAIN_CORPUS, train_roles.TRAIN_GOLD, role)
    fresh = json.loads(train_roles.model_file(train_roles.fit(data), counts, role))
    shipped = json.loads(train_roles.OUTPUTS[role].read_text(encoding="utf-8"))
    assert {k: v for k, v in fresh.items() if k not in ("weights", "bias", "sklearn")} == \
        {k: v for k, v in shipped.items() if k not in ("weights", "bias", "sklearn")}
    assert set(fresh["weights"]) == set(shipped["weights"])
    assert fresh["bias"] == pytest.approx(shipped["bias"], abs=1e-4)
    for name, weight in shipped["weights"].items():
        assert fresh["weights"][name] == pytest.approx(weight, abs=1e-4), name


def test_roles_the_object_model_keeps_a_recipient_and_gives_most_figures_none() -> None:
    """The object model (off by default, newsclaims_linker.object_model): its 'none' candidate."""
    text = ("Guangdong has given 600 million yuan (US$84.5 million) of research funding to Hong Kong and Macau. "
            "Samsung Electronics said operating profit rose 20 per cent to 12.1 trillion won.")
    claims = Extractor(load({"newsclaims_linker": {"object_model": True}})).extract(text, published="2025-12-10")
    objects = {c.value.text: (c.object.canonical if c.object else None) for c in claims if c.value}
    assert objects["600 million yuan (US$84.5 million)"] == "Hong Kong and Macau"
    assert objects["12.1 trillion won"] is None and objects["20 per cent"] is None
