"""``run_eval`` and ``eval_command`` end to end on a tiny corpus with a predictions file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from evalkit import NVIDIA, good_entities, good_gold, pred_claim, write_jsonl
from rich.console import Console

from pipeline.evaluate.run import REPORT_FILES, eval_command, run_eval
from pipeline.evaluate.scorer import EvalResult


def _pred(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "pred.jsonl", [
        pred_claim("t1", "money", "$57 billion", "$57 billion", subject=dict(NVIDIA),
                   value={"amount": 57e9, "currency": "USD", "usd": 57e9, "usd_basis": "stated"}),
    ])


def _mentions(tmp_path: Path) -> Path:
    rows = [{"article_id": "t1", "kind": "entity", "text": "Nvidia", "start": 29, "end": 35, "label": "ORG",
             "canonical": "Nvidia"}]
    path = tmp_path / "pred.mentions.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_run_eval_writes_three_reports_and_reads_a_baseline(corpus: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    ents = write_jsonl(tmp_path / "ents.jsonl", good_entities())
    out = tmp_path / "out"
    first = run_eval(corpus, gold, pred=_pred(tmp_path), out=out, entities_gold=ents,
                     pred_mentions=_mentions(tmp_path))
    assert sorted(p.name for p in out.iterdir()) == sorted(REPORT_FILES)
    assert EvalResult.load(out / "report.json") == first
    assert first.types["money"].partial.tp == 1
    assert first.entities is not None and first.entities.exact.tp == 1
    second = run_eval(corpus, gold, pred=_pred(tmp_path), baseline=out)
    assert second.diff is not None and second.diff.baseline == str(out)
    assert "entities not scored" not in " ".join(second.info.warnings)


def test_run_eval_warns_when_entities_cannot_be_scored(corpus: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    ents = write_jsonl(tmp_path / "ents.jsonl", good_entities())
    result = run_eval(corpus, gold, pred=_pred(tmp_path), entities_gold=ents)
    assert result.entities is None
    assert any("entities not scored" in w for w in result.info.warnings)


def test_run_eval_warns_about_claims_of_unknown_articles(corpus: Path, tmp_path: Path) -> None:
    rows = good_gold()
    rows[0]["article_id"] = "t9"
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    result = run_eval(corpus, gold, pred=_pred(tmp_path))
    assert "1 gold claim(s) for articles not in the corpus, not scored: t9" in result.info.warnings
    assert sum(t.gold for t in result.types.values()) == 5


def test_eval_command_prints_the_summary(corpus: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    console = Console(record=True, width=140)
    eval_command(corpus, gold, pred=_pred(tmp_path), out=tmp_path / "out", console=console)
    text = console.export_text()
    assert "claims by type" in text and "reports:" in text


@pytest.mark.parametrize("broken", ["missing-gold", "bad-gold-line"])
def test_eval_command_exits_2_on_user_errors(corpus: Path, tmp_path: Path, broken: str) -> None:
    gold = tmp_path / "gold.jsonl"
    if broken == "bad-gold-line":
        gold.write_text('{"article_id": "t1", "type": "money"}\n', encoding="utf-8")
    with pytest.raises(typer.Exit) as exc:
        eval_command(corpus, gold, pred=_pred(tmp_path), console=Console(record=True))
    assert exc.value.exit_code == 2


@pytest.mark.slow
def test_run_eval_runs_the_pipeline_without_predictions(corpus: Path, tmp_path: Path, extractor: object) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    out = tmp_path / "out"
    result = run_eval(corpus, gold, out=out, extractor=extractor)  # type: ignore[arg-type]
    assert (out / "pred.jsonl").exists() and (out / "pred.mentions.jsonl").exists()
    assert result.types["money"].gold == 3
    assert result.info.pred is None


def test_eval_cli_reads_every_gold_part_it_is_given(corpus: Path, tmp_path: Path) -> None:
    """``--gold`` repeated (the four parts of the train gold) scores all of them: it used to keep only
    the last one, without a word."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    rows = good_gold()
    first = write_jsonl(tmp_path / "part-a.jsonl", rows[:3])
    second = write_jsonl(tmp_path / "part-b.jsonl", rows[3:])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["eval", str(corpus), "--gold", str(first), "--gold", str(second),
                                      "--pred", str(_pred(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    scored = EvalResult.load(out / "report.json")
    assert sum(t.gold for t in scored.types.values()) == len(rows) == 6
