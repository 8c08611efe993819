"""The reliability table: claims binned by confidence against the share of them that is exactly right."""

from __future__ import annotations

import pytest

from pipeline.evaluate.reliability import calibration_error, reliability, verdict


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        # 20 claims at 0.55, 11 right: within 0.1 -> holds
        ([(0.55, k < 11) for k in range(20)], [(0.5, 0.6, 20, 0.55, 0.55, True)]),
        # 25 claims at 0.85, 10 right: 0.4 is far from 0.85
        ([(0.85, k < 10) for k in range(25)], [(0.8, 0.9, 25, 0.85, 0.4, False)]),
        # too few to judge, and 1.0 falls in the top bin
        ([(1.0, True), (0.95, False)], [(0.9, 1.0, 2, 0.975, 0.5, None)]),
        # bins in order, each on its own
        ([(0.05, False)] * 3 + [(0.72, True)] * 2, [(0.0, 0.1, 3, 0.05, 0.0, None), (0.7, 0.8, 2, 0.72, 1.0, None)]),
    ],
)
def test_reliability_bins(outcomes: list[tuple[float, bool]], expected: list[tuple]) -> None:  # type: ignore[type-arg]
    got = [(b.low, b.high, b.claims, b.mean_confidence, b.exactly_right, b.holds) for b in reliability(outcomes)]
    assert got == expected


def test_reliability_verdict_and_calibration_error() -> None:
    bins = reliability([(0.55, k < 11) for k in range(20)] + [(0.85, k < 10) for k in range(25)])
    assert verdict(bins).startswith("1 of 2 bins with at least 20 claims have an exactly-right share within 0.1")
    assert calibration_error(bins) == pytest.approx((20 * 0.0 + 25 * 0.45) / 45, abs=1e-4)
