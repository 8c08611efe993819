from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from pipeline.cli import SCHEMA_PATH, app, claim_schema
from pipeline.records import Claim, claim_id


def test_checked_in_schema_is_fresh() -> None:
    """Regenerate with `newsclaims schema > pipeline/schema/claim.schema.json` after changing records."""
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == claim_schema()


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == claim_schema()


def test_claim_id_is_stable_and_depends_on_the_span() -> None:
    a = claim_id("sample-01", "money", 10, 40)
    assert a == claim_id("sample-01", "money", 10, 40)
    assert a != claim_id("sample-01", "money", 41, 60)
    assert a != claim_id("sample-02", "money", 10, 40)


def test_claim_rejects_unknown_fields_and_bad_types() -> None:
    base = {"id": "x", "article_id": "a", "type": "money", "confidence": 0.5,
            "evidence": {"sentence": "s", "start": 0, "end": 1}}
    Claim.model_validate(base)
    with pytest.raises(ValidationError):
        Claim.model_validate({**base, "colour": "red"})
    with pytest.raises(ValidationError):
        Claim.model_validate({**base, "type": "opinion"})
    with pytest.raises(ValidationError):
        Claim.model_validate({**base, "confidence": 1.5})


MODELS = Path(__file__).resolve().parent.parent / "models"


@pytest.mark.slow
def test_schema_file_is_package_data(built_wheel: Path) -> None:
    """The wheel itself carries the schema and every file under models/ (as pipeline/models/...)."""
    with zipfile.ZipFile(built_wheel) as wheel:
        names = set(wheel.namelist())
        assert "pipeline/schema/claim.schema.json" in names
        assert wheel.read("pipeline/schema/claim.schema.json") == SCHEMA_PATH.read_bytes()
    data = sorted(f"pipeline/models/{path.relative_to(MODELS).as_posix()}" for path in MODELS.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc")
    assert len(data) >= 20
    assert [name for name in data if name not in names] == []
