"""The calibrated confidence (pipeline.calibration, components.confidence): its features, its place
after the linker, and the fit that ships in models/calibration/."""

from __future__ import annotations

import json

import pytest

from pipeline.calibration import CALIBRATION, features, load_calibration
from pipeline.extractor import Extractor
from pipeline.nlp import load
from pipeline.resources import models_path

SENTENCES = [
    ("Nvidia reported revenue of $35.1 billion for the third quarter, the company said.", "money"),
    ("Samsung shipped 58 million smartphones in the first quarter, according to Canalys.", "count"),
    ("Its new chip is about twice as fast as the previous generation.", "comparison"),
]


@pytest.fixture(scope="module")
def uncalibrated() -> Extractor:
    return Extractor(load({"newsclaims_confidence": {"calibrated": False}}))


@pytest.mark.parametrize(("text", "claim_type"), SENTENCES)
def test_calibration_replaces_the_linkers_number_and_says_so(extractor: Extractor, uncalibrated: Extractor,
                                                             text: str, claim_type: str) -> None:
    model = load_calibration()
    assert model is not None
    (raw,) = [c for c in uncalibrated.extract(text, published="2025-11-20") if c.type == claim_type]
    (calibrated,) = [c for c in extractor.extract(text, published="2025-11-20") if c.type == claim_type]
    assert calibrated.model_dump(exclude={"confidence", "provenance", "warnings"}) == raw.model_dump(
        exclude={"confidence", "provenance", "warnings"})
    low = [f"low confidence {c.confidence:.2f}: kept so a threshold can trade precision for recall"
           for c in (raw, calibrated)]
    assert [w for w in calibrated.warnings if w.startswith("low")] == ([low[1]] if calibrated.confidence < 0.6 else [])
    assert [w for w in raw.warnings if w.startswith("low")] == ([low[0]] if raw.confidence < 0.6 else [])
    assert calibrated.provenance is not None and raw.provenance is not None
    line = calibrated.provenance.rules[-1]
    assert line == f"confidence: calibrated {calibrated.confidence:.2f} from the linker's {raw.confidence:.2f}"
    expected = model.probability(features(raw, raw.confidence, raw.provenance.rules,
                                          [w for w in raw.warnings if not w.startswith("low")]))
    assert calibrated.confidence == pytest.approx(expected, abs=5e-4)
    assert not any(r.startswith("confidence:") for r in raw.provenance.rules)


def test_calibration_features_say_how_the_claim_was_made(uncalibrated: Extractor) -> None:
    (claim,) = [c for c in uncalibrated.extract(SENTENCES[0][0], published="2025-11-20") if c.type == "money"]
    assert claim.provenance is not None
    f = features(claim, claim.confidence, claim.provenance.rules, claim.warnings)
    assert f["type=money"] == 1.0 and f["raw"] == claim.confidence
    assert "source" in f and "object=none" in f and "modality=asserted" in f
    assert any(name.startswith("date=") and name != "date=none" for name in f)
    assert 0.0 < f["subject_model_p"] <= 1.0  # read from the subject model's provenance line


def test_calibration_confidence_orders_claims_the_way_their_features_say() -> None:
    """A claim without a subject or date is less likely right than the same claim with them."""
    model = load_calibration()
    assert model is not None
    full = {"type=money": 1.0, "raw": 0.8, "date=its own clause": 1.0, "source": 1.0, "subject=parse subject or "
            "possessor": 1.0, "subject_model_p": 0.9, "subject_model_margin": 0.6}
    bare = {"type=money": 1.0, "raw": 0.8, "date=none": 1.0, "source=none": 1.0, "subject=parse subject or "
            "possessor": 1.0, "subject_model_p": 0.2, "subject_model_margin": 0.05}
    assert model.probability(full) > model.probability(bare)


@pytest.mark.slow
def test_calibration_the_shipped_file_is_what_make_calibrate_writes() -> None:
    """Refit with `make calibrate` after a change to what the pipeline finds on corpora/dev."""
    pytest.importorskip("sklearn")
    from pipeline import train_calibration

    xs, ys, articles = train_calibration.examples()
    fresh = json.loads(train_calibration.calibration_file(train_calibration.fit(xs, ys), articles, ys))
    shipped = json.loads(models_path().joinpath(CALIBRATION).read_text(encoding="utf-8"))
    stale = "the dev claims changed since the calibration was fitted: run `make calibrate`"
    assert fresh["fitted_on"] == shipped["fitted_on"], stale
    assert set(fresh["weights"]) == set(shipped["weights"]), stale
    for name, weight in shipped["weights"].items():
        assert fresh["weights"][name] == pytest.approx(weight, abs=1e-4), (name, stale)


@pytest.mark.parametrize("calibrated", [True, False])
def test_calibration_low_confidence_claims_are_kept_with_a_flag(extractor: Extractor, uncalibrated: Extractor,
                                                                calibrated: bool) -> None:
    """The warning (and the threshold) act on the confidence the record carries, calibrated or not."""
    text = ("SK Hynix makes memory chips. Revenue more than doubled to 66.19 trillion won. Huawei unveiled a new "
            "cluster. Samsung shipped 58 million smartphones in the first quarter, according to Canalys.")
    claims = (extractor if calibrated else uncalibrated).extract(text, published="2025-12-10")
    warned = [c for c in claims if any(w.startswith("low confidence") for w in c.warnings)]
    assert warned and len(warned) < len(claims)
    for claim in claims:
        note = f"low confidence {claim.confidence:.2f}: kept so a threshold can trade precision for recall"
        assert (note in claim.warnings) == (claim.confidence < 0.6), claim
