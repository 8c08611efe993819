"""Fixtures of the evaluation tests; the builders live in ``evalkit``."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit import write_corpus


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The two hand-made articles as a corpus folder."""
    return write_corpus(tmp_path / "corpus")
