"""The dev-set floor: the current pipeline must not score below ``evals/floors.json``.

Raise the floors as the stages improve; a change that drops a score below one fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate.run import run_eval
from pipeline.evaluate.scorer import CLAIM_TYPES, EvalResult

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ROOT / "evals" / "floors.json"
GOLD_DIR = ROOT / "evals" / "gold"
DEV = ROOT / "corpora" / "dev"


def dev_gold() -> tuple[list[Path], list[Path]]:
    """The dev gold claim files and entity files: ``dev.jsonl``, else its parts ``dev.part*.jsonl``."""
    claims = [GOLD_DIR / "dev.jsonl"] if (GOLD_DIR / "dev.jsonl").exists() else sorted(GOLD_DIR.glob("dev.part*.jsonl"))
    entities = ([GOLD_DIR / "dev.entities.jsonl"] if (GOLD_DIR / "dev.entities.jsonl").exists()
                else sorted(GOLD_DIR.glob("dev.entities*.jsonl")))
    return claims, entities


def load_floors() -> dict[str, Any]:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    unknown = set(floors) - {"_format", "overall", "types", "entities", "fields"}
    assert not unknown, f"unknown keys in {FLOORS}: {sorted(unknown)}"
    assert set(floors["types"]) <= set(CLAIM_TYPES), f"unknown claim types in {FLOORS}"
    return floors


def below_floor(result: EvalResult, floors: dict[str, Any]) -> list[str]:
    """Every score that falls below its floor, as 'name: score < floor'."""
    o = result.overall
    scores = {
        "overall micro_exact": o.micro_exact.f1, "overall micro_partial": o.micro_partial.f1,
        "overall macro_exact": o.macro_exact_f1, "overall macro_partial": o.macro_partial_f1,
    }
    for t in floors["types"]:
        ts = result.types.get(t)
        scores[f"{t} exact"] = ts.exact.f1 if ts else 0.0
        scores[f"{t} partial"] = ts.partial.f1 if ts else 0.0
    if result.entities is not None:
        scores["entities exact"] = result.entities.exact.f1
        scores["entities partial"] = result.entities.partial.f1
    for name in floors.get("fields", {}):
        fs = result.fields.get(name)
        scores[f"{name} accuracy"] = fs.accuracy if fs else 0.0
    wanted = {f"overall {k}": v for k, v in floors["overall"].items()}
    wanted |= {f"{name} accuracy": v for name, v in floors.get("fields", {}).items()}
    wanted |= {f"{t} {level}": v for t, levels in floors["types"].items() for level, v in levels.items()}
    if result.entities is not None:
        wanted |= {f"entities {k}": v for k, v in floors.get("entities", {}).items()}
    return [f"{name}: F1 {scores[name]:.4f} < floor {floor:.4f}" for name, floor in wanted.items()
            if scores[name] < floor]


def test_floor_file_is_well_formed() -> None:
    floors = load_floors()
    for levels in [floors["overall"], floors["entities"], floors.get("fields", {}), *floors["types"].values()]:
        assert all(isinstance(v, (int, float)) and 0.0 <= v <= 1.0 for v in levels.values())


@pytest.mark.slow
def test_floor_dev_scores_stay_above_the_floors(extractor: Any) -> None:
    claims, entities = dev_gold()
    if not claims or not DEV.is_dir():
        pytest.skip(f"no dev gold: neither {GOLD_DIR / 'dev.jsonl'} nor dev.part*.jsonl (or no {DEV}) exists yet")
    result = run_eval(DEV, claims, entities_gold=entities or None, extractor=extractor)
    failures = below_floor(result, load_floors())
    assert not failures, "dev scores below evals/floors.json:\n" + "\n".join(failures)
