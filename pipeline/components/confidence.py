"""Stage 5: the drafts that are no claim are dropped, each kept claim's confidence becomes the
calibrated chance that it is exactly right, and the claim threshold acts on that confidence.

The claim model (:mod:`pipeline.claim_model`) gives each draft the chance that an analyst would want
it at all; those under its threshold (chosen on dev) are dropped, the others say ``claim model:
p=0.83`` in their provenance.

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
from pipeline.claim_model import draft_features, family, load_claim_model
from pipeline.roles import RoleModel


class Confidence:
    def __init__(self, model: RoleModel | None, claims: tuple[RoleModel, dict[str, float]] | None,
                 min_confidence: float, low_confidence: float) -> None:
        self.model = model
        self.claims = claims
        self.min_confidence = min_confidence
        self.low_confidence = low_confidence

    def __call__(self, doc: Doc) -> Doc:
        drafts: list[Any] = doc._.claims or []
        if self.claims is not None:
            drafts = self._claims_only(doc, drafts, *self.claims)
        for claim in drafts:
            if self.model is not None:
                raw = claim.confidence
                claim.confidence = round(self.model.probability(features(claim, raw, claim.rules, claim.warnings)), 3)
                claim.rules.append(f"confidence: calibrated {claim.confidence:.2f} from the linker's {raw:.2f}")
            if claim.confidence < self.low_confidence:
                claim.warnings.append(f"low confidence {claim.confidence:.2f}: kept so a threshold can trade "
                                      "precision for recall")
        doc._.claims = [c for c in drafts if c.confidence >= self.min_confidence]
        return doc

    @staticmethod
    def _claims_only(doc: Doc, drafts: list[Any], model: RoleModel, thresholds: dict[str, float]) -> list[Any]:
        kept = []
        for draft in drafts:
            p = model.probability(draft_features(doc, draft))
            threshold = thresholds.get(family(draft.type), 0.0)
            if p >= threshold:
                draft.rules.append(f"claim model: p={p:.2f} (threshold {threshold:.2f})")
                kept.append(draft)
        return kept


@Language.factory("newsclaims_confidence", default_config={
    "calibrated": True, "claim_model": True, "min_confidence": 0.0, "low_confidence": 0.6})
def make_confidence(nlp: Language, name: str, calibrated: bool, claim_model: bool, min_confidence: float,
                    low_confidence: float) -> Confidence:
    """``claim_model`` drops the drafts the claim model says are no claim; ``calibrated = false`` keeps
    the linker's numbers (what the calibration is fitted on); claims under ``min_confidence`` are
    dropped, those under ``low_confidence`` kept with a warning."""
    return Confidence(load_calibration() if calibrated else None, load_claim_model() if claim_model else None,
                      min_confidence, low_confidence)
