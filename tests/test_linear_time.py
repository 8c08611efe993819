"""The whole pipeline is linear in the article's length: 10x the text costs about 10x the time.

A ratio of two runs in one process, not a timed threshold: a busy machine slows both. Before the
sentence bound and the bisected span lookups, ``"$1.2bn (€1.1bn) " * n`` grew quadratically (one
sentence of n figures, each searching the whole sentence for its subject).
"""

from __future__ import annotations

import gc
import time

import pytest

from pipeline.extractor import Extractor

#: 10x the input: about 10x the time when linear, about 100x when quadratic (see the numbers' own test)
LINEAR_BOUND = 40

PARAGRAPH = ("Nvidia said on Wednesday that revenue rose 62 per cent to $57 billion in the third quarter, "
             "while Huawei's Ascend 910C delivers around 60 per cent of the performance of the H100. "
             "Samsung Electronics and SK Hynix have pledged to invest 1.2 trillion won in Gyeonggi by 2030.\n\n")


def _seconds(extractor: Extractor, text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        extractor.extract(text, published="2025-11-20")
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize(
    ("unit", "small"),
    [("$1.2bn (€1.1bn) ", 200), (PARAGRAPH, 12)],
    ids=["stated-conversions-without-a-full-stop", "long-article"],
)
def test_pipeline_time_grows_linearly_with_the_text(extractor: Extractor, unit: str, small: int) -> None:
    extractor.extract(unit, published="2025-11-20")  # warm caches and lazy loads
    ratio = _seconds(extractor, unit * small * 10, 1) / max(_seconds(extractor, unit * small, 2), 1e-6)
    assert ratio < LINEAR_BOUND, f"10x the text took {ratio:.1f}x the time"
