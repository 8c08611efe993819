"""Shared fixtures: the real pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from spacy.language import Language

# property tests draw the same examples on every machine and run: a test suite that passes here passes in CI
settings.register_profile("newsclaims", derandomize=True, database=None)
settings.load_profile("newsclaims")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from pipeline.nlp import load

    return load()


@pytest.fixture(scope="session")
def extractor(nlp: Language):  # type: ignore[no-untyped-def]
    from pipeline.extractor import Extractor

    return Extractor(nlp)
