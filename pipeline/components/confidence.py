"""Stage 5: each linked claim's confidence becomes the calibrated chance that it is exactly right,
and the claim threshold acts on that confidence.

Runs after the linker on its draft claims (``doc._.claims``); the linker's own number is kept in the
claim's provenance (``confidence: calibrated 0.62 from the linker's 0.80``) and is one of the
features. With ``calibrated = false`` the linker's numbers stay (``make calibrate`` fits on those).
Claims under ``low_confidence`` get a warning, and those under ``min_confidence`` are dropped (the
linker's settings of these names arrive here: see :data:`pipeline.nlp.THRESHOLD_SETTINGS`).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.calibration import features, load_calibration
from pipeline.roles import RoleModel


class Confidence:
    def __init__(self, model: RoleModel | None, min_confidence: float, low_confidence: float) -> None:
        self.model = model
        self.min_confidence = min_confidence
        self.low_confidence = low_confidence

    def __call__(self, doc: Doc) -> Doc:
        claims: list[Any] = doc._.claims or []
        for claim in claims:
            if self.model is not None:
                raw = claim.confidence
                claim.confidence = round(self.model.probability(features(claim, raw, claim.rules, claim.warnings)), 3)
                claim.rules.append(f"confidence: calibrated {claim.confidence:.2f} from the linker's {raw:.2f}")
            if claim.confidence < self.low_confidence:
                claim.warnings.append(f"low confidence {claim.confidence:.2f}: kept so a threshold can trade "
                                      "precision for recall")
        if self.min_confidence > 0:
            doc._.claims = [c for c in claims if c.confidence >= self.min_confidence]
        return doc


@Language.factory("newsclaims_confidence",
                  default_config={"calibrated": True, "min_confidence": 0.0, "low_confidence": 0.6})
def make_confidence(nlp: Language, name: str, calibrated: bool, min_confidence: float,
                    low_confidence: float) -> Confidence:
    """``calibrated = false`` keeps the linker's numbers (what the calibration is fitted on); claims under
    ``min_confidence`` are dropped, those under ``low_confidence`` kept with a warning."""
    return Confidence(load_calibration() if calibrated else None, min_confidence, low_confidence)
