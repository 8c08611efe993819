"""The built wheel carries the language data: a user without a checkout can extract claims."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import json, pipeline
from pipeline.resources import models_path
from pipeline import Extractor
claims = Extractor().extract(
    "Guangdong was China's top innovation hub for the ninth consecutive year, the official said.",
    published="2025-12-10", article_id="w1")
print(json.dumps({"file": pipeline.__file__, "models": str(models_path()),
                  "types": sorted(c.type for c in claims)}))
"""


@pytest.mark.slow
def test_wheel_installs_and_extracts_without_the_checkout(built_wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(target), str(built_wheel)], check=True, cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], check=True, cwd=tmp_path, env=env,
                         capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["file"].startswith(str(target))
    assert result["models"].startswith(str(target))
    assert "ranking" in result["types"]
