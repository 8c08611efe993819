"""The sample corpus's records as a golden file: any change to them shows as a diff, and is kept only on purpose.

After a change you mean, regenerate it with ``make golden``
(``NEWSCLAIMS_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py``) and commit the file with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
GOLDEN = Path(__file__).resolve().parent / "golden" / "sample.jsonl"
REGENERATE = "NEWSCLAIMS_REGENERATE_GOLDEN"
HOW = f"if the change is meant, regenerate with `make golden` ({REGENERATE}=1 .venv/bin/pytest tests/test_golden.py)"


def _order(record: dict[str, Any]) -> tuple[Any, ...]:
    span = record.get("value_span") or (-1, -1)
    return (record["article_id"], record["evidence"]["start"], tuple(span), record["type"], record["id"])


def sorted_lines(lines: list[str]) -> list[str]:
    """The records' lines in article and text order (ids break ties, so the order is total)."""
    return sorted(lines, key=lambda line: _order(json.loads(line)))


def _flat(obj: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        for key, value in obj.items():
            out.update(_flat(value, f"{prefix}.{key}" if prefix else key))
        return out if out or not prefix else {prefix: obj}
    return {prefix: obj}


def _gist(record: dict[str, Any]) -> str:
    value = record.get("value") or {}
    what = value.get("text") or record.get("predicate") or ""
    return f"{record['type']} {what!r} in {record['evidence']['sentence'][:80]!r}"


def golden_diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Per record id: the fields that changed (old -> new), then the ids removed and added."""
    before, after = {r["id"]: r for r in old}, {r["id"]: r for r in new}
    out: list[str] = []
    for rid in sorted(before.keys() & after.keys()):
        a, b = _flat(before[rid]), _flat(after[rid])
        changed = [f"    {key}: {json.dumps(a.get(key), ensure_ascii=False)} -> "
                   f"{json.dumps(b.get(key), ensure_ascii=False)}"
                   for key in sorted(a.keys() | b.keys()) if a.get(key) != b.get(key)]
        if changed:
            out += [f"changed {rid}:", *changed]
    out += [f"removed {rid}: {_gist(before[rid])}" for rid in sorted(before.keys() - after.keys())]
    out += [f"added {rid}: {_gist(after[rid])}" for rid in sorted(after.keys() - before.keys())]
    return out


def _records(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="corpora/sample is absent")
def test_golden_sample_corpus_records(tmp_path: Path) -> None:
    out = tmp_path / "sample.jsonl"
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(out), "--no-summary"])
    assert result.exit_code == 0, result.output
    lines = sorted_lines(out.read_text(encoding="utf-8").splitlines())
    if os.environ.get(REGENERATE) == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        pytest.skip(f"regenerated {GOLDEN.relative_to(GOLDEN.parents[2])}: {len(lines)} records")
    assert GOLDEN.is_file(), f"no golden file {GOLDEN}; {HOW}"
    diff = golden_diff(_records(GOLDEN.read_text(encoding="utf-8").splitlines()), _records(lines))
    if diff:
        pytest.fail(f"the sample corpus's records differ from {GOLDEN.name}:\n" + "\n".join(diff) + f"\n{HOW}",
                    pytrace=False)


def _record(rid: str, **fields: Any) -> dict[str, Any]:
    return {"id": rid, "article_id": "a", "type": "money", "evidence": {"sentence": "Nvidia made $5bn.", "start": 0,
                                                                          "end": 17}, **fields}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ([_record("a:1")], [_record("a:1")], []),
        ([_record("a:1", value={"amount": 5e9, "text": "$5bn"})], [_record("a:1", value={"amount": 6e9, "text": "$5bn"})],
         ["changed a:1:", "    value.amount: 5000000000.0 -> 6000000000.0"]),
        ([_record("a:1", hedge=None, warnings=[])], [_record("a:1", hedge="about", warnings=["w"])],
         ["changed a:1:", '    hedge: null -> "about"', '    warnings: [] -> ["w"]']),
        ([_record("a:1", subject=None)], [_record("a:1", subject={"text": "Nvidia", "start": 0})],
         ["changed a:1:", "    subject.start: null -> 0", '    subject.text: null -> "Nvidia"']),
        ([_record("a:1")], [_record("a:2", value={"text": "$5bn"})],
         ["removed a:1: money '' in 'Nvidia made $5bn.'", "added a:2: money '$5bn' in 'Nvidia made $5bn.'"]),
    ],
    ids=["same", "nested-field", "fields-set", "object-appears", "id-removed-and-added"],
)
def test_golden_diff_is_per_record_and_field(old: list[dict[str, Any]], new: list[dict[str, Any]],
                                             expected: list[str]) -> None:
    assert golden_diff(old, new) == expected


def test_golden_file_is_sorted() -> None:
    if not GOLDEN.is_file():
        pytest.skip("no golden file yet")
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert lines == sorted_lines(lines)
    assert len({json.loads(line)["id"] for line in lines}) == len(lines)
