"""Is a claim's confidence the chance that it is right? The reliability table of an evaluation.

Predicted claims are put in bins of width 0.1 by their confidence; in each bin, the share of claims
that are exactly right (paired with a gold claim and right in value, subject and object) should be
close to the bin's mean confidence. A bin with fewer than ``MIN_CLAIMS`` claims is shown but not
judged: its share is too noisy to say.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

MIN_CLAIMS = 20
TOLERANCE = 0.1
WIDTH = 0.1


class ReliabilityBin(BaseModel):
    """One confidence bin: its claims, their mean confidence and how many of them are exactly right."""

    low: float
    high: float
    claims: int
    mean_confidence: float
    exactly_right: float
    holds: bool | None = None  # within TOLERANCE; None when the bin has fewer than MIN_CLAIMS claims


def reliability(outcomes: Iterable[tuple[float, bool]], width: float = WIDTH, min_claims: int = MIN_CLAIMS,
                tolerance: float = TOLERANCE) -> list[ReliabilityBin]:
    """The bins of (confidence, exactly right) outcomes that hold any claim, lowest first."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    steps = round(1 / width)
    for confidence, right in outcomes:
        bins.setdefault(min(steps - 1, int(confidence / width + 1e-9)), []).append((confidence, right))
    out = []
    for k in sorted(bins):
        members = bins[k]
        mean = sum(c for c, _ in members) / len(members)
        share = sum(r for _, r in members) / len(members)
        holds = abs(share - mean) <= tolerance if len(members) >= min_claims else None
        out.append(ReliabilityBin(low=round(k * width, 2), high=round((k + 1) * width, 2), claims=len(members),
                                  mean_confidence=round(mean, 4), exactly_right=round(share, 4), holds=holds))
    return out


def calibration_error(bins: Iterable[ReliabilityBin]) -> float:
    """The expected calibration error: the claims' mean distance between confidence and exactly-right share."""
    bins = list(bins)
    total = sum(b.claims for b in bins)
    return sum(b.claims * abs(b.exactly_right - b.mean_confidence) for b in bins) / total if total else 0.0


def verdict(bins: Iterable[ReliabilityBin]) -> str:
    """One line: how many of the bins that can be judged hold, and the expected calibration error."""
    bins = list(bins)
    judged = [b for b in bins if b.holds is not None]
    held = sum(1 for b in judged if b.holds)
    return (f"{held} of {len(judged)} bins with at least {MIN_CLAIMS} claims have an exactly-right share within "
            f"{TOLERANCE:.1f} of their mean confidence; expected calibration error {calibration_error(bins):.3f}")
