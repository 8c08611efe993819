"""Shared fixtures: the real pipeline is loaded once per test session."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


#: what the wheel is built from; copied so that a stale ``build/`` of the checkout cannot leak into it
WHEEL_SOURCES = ("pyproject.toml", "README.md", "pipeline", "models")


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per session from a fresh copy of its sources."""
    base = tmp_path_factory.mktemp("wheel")
    src, out = base / "src", base / "dist"
    src.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in WHEEL_SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=skip)
        else:
            shutil.copy2(path, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(src)], check=True, cwd=base)
    (wheel,) = out.glob("newsclaims-*.whl")
    return wheel
