"""Shared fixtures: the real pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

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
