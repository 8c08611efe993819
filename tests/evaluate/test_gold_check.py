"""The gold checker on tiny corpora: every problem is reported with its file and line."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from evalkit import good_entities, good_gold, write_jsonl

from pipeline.evaluate.gold_check import check_gold, main


def test_gold_check_passes_good_gold_and_prints_counts(corpus: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    ents = write_jsonl(tmp_path / "gold.entities.jsonl", good_entities())
    assert main([str(gold), str(corpus), "--entities", str(ents)]) == 0
    out = capsys.readouterr().out
    assert "money           3" in out
    assert "ranking         1" in out
    assert "all             6" in out
    assert "PERSON          1" in out
    assert "gold check: ok" in out


def test_gold_check_reports_a_bad_evidence_sentence_with_its_line(corpus: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rows = good_gold()
    rows[1]["evidence"]["sentence"] = rows[1]["evidence"]["sentence"].replace("revenue rose", "revenue grew")
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    assert main([str(gold), str(corpus)]) == 1
    out = capsys.readouterr().out.splitlines()
    problems = [line for line in out if line.startswith(str(gold))]
    assert len(problems) == 1
    assert problems[0].startswith(f"{gold}:2: evidence.sentence is not an exact substring of article 't1'")
    assert "matches up to char 20, then 'grew 62% to" in problems[0]


def _set(row: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for key in parents:
        row = row[key]
    if value is _DELETE:
        del row[leaf]
    else:
        row[leaf] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("line", "path", "value", "message"),
    [
        (2, "value.currency", "usd", "not a 3-letter ISO 4217 code"),
        (4, "value.amount", float("nan"), "not a finite number"),
        (2, "value.usd_basis", _DELETE, "usd is set without value.usd_basis"),
        (2, "value.currency", _DELETE, "a money value needs a currency"),
        (1, "value.amount", 62, "write percentages as fractions"),
        (1, "value.unit", "%", "needs unit percent or percentage_point"),
        (1, "date.start", "2025-10-01", "is after date.end"),
        (1, "date.end", "2025-13-01", "date.end"),
        (1, "date.text", "in the third quarter of 2024", "does not occur in the evidence sentence"),
        (3, "hedge", "Around", "not lower-cased"),
        (3, "hedge", "nearly", "hedge 'nearly' does not occur"),
        (4, "value.unit", None, "a quantity value needs a unit"),
        (5, "value.low", 7e8, "value.low 700000000.0 is above value.high 1.0"),
        (6, "rank", 0, "a ranking needs rank >= 1"),
        (6, "article_id", "t9", "article 't9' is not in the corpus"),
        (6, "id", "t2:ranking:abc", "id: run-only field, not part of gold"),
        (6, "colour", "red", "colour: unknown field"),
        (6, "type", "opinion", "type: Input should be"),
        (2, "value.text", "$75 billion", "value.text '$75 billion' does not occur"),
    ],
    ids=["currency-lower", "nan", "usd-no-basis", "money-no-currency", "percent-not-fraction", "percent-unit",
         "date-reversed", "date-invalid", "date-text-elsewhere", "hedge-case", "hedge-absent", "quantity-no-unit",
         "low-above-high", "rank-zero", "unknown-article", "run-only-field", "unknown-field", "bad-type",
         "value-text-absent"],
)
def test_gold_check_reports_malformed_values(corpus: Path, tmp_path: Path, line: int, path: str, value: Any,
                                             message: str) -> None:
    rows = copy.deepcopy(good_gold())
    if path == "value.low":
        rows[line - 1]["value"]["high"] = 1.0
    _set(rows[line - 1], path, value)
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    report = check_gold([gold], corpus)
    assert len(report.problems) == 1, report.problems
    assert report.problems[0].startswith(f"{gold}:{line}: ")
    assert message in report.problems[0]


def test_gold_check_reports_malformed_json_and_keeps_going(corpus: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [write_jsonl(tmp_path / "one.jsonl", [r]).read_text(encoding="utf-8") for r in good_gold()[:2]]
    gold.write_text(lines[0] + '{"article_id": "t1",\n' + "[1, 2]\n" + lines[1], encoding="utf-8")
    report = check_gold([gold], corpus)
    assert [p.split(": ")[0] for p in report.problems] == [f"{gold}:2", f"{gold}:3"]
    assert "malformed JSON" in report.problems[0]
    assert "not hold a JSON object" in report.problems[1]
    assert sum(report.claims.values()) == 2


def test_gold_check_reports_bad_entities(corpus: Path, tmp_path: Path) -> None:
    ents = good_entities()
    ents.append(dict(ents[0]))
    ents.append({"article_id": "t1", "text": "AMD", "label": "ORG", "canonical": "AMD"})
    ents.append({"article_id": "t1", "text": "Nvidia", "label": "COMPANY", "canonical": "Nvidia"})
    path = write_jsonl(tmp_path / "gold.entities.jsonl", ents)
    gold = write_jsonl(tmp_path / "gold.jsonl", good_gold())
    report = check_gold([gold], corpus, [path])
    assert len(report.problems) == 3
    assert report.problems[0].startswith(f"{path}:6: duplicate entity 'Nvidia' ORG (line 1)")
    assert report.problems[1].startswith(f"{path}:7: entity text 'AMD' does not occur")
    assert report.problems[2].startswith(f"{path}:8: label: Input should be")


def test_gold_check_warns_about_articles_without_gold(corpus: Path, tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [r for r in good_gold() if r["article_id"] == "t1"])
    report = check_gold([gold], corpus)
    assert report.ok
    assert report.articles_with_gold == 1
    assert any("article 't2' has no gold claims" in w for w in report.warnings)


def test_gold_check_reads_several_gold_files(corpus: Path, tmp_path: Path) -> None:
    rows = good_gold()
    one = write_jsonl(tmp_path / "dev.part1.jsonl", rows[:3])
    two = write_jsonl(tmp_path / "dev.part2.jsonl", rows[3:])
    report = check_gold([one, two], corpus)
    assert report.ok and sum(report.claims.values()) == 6


HEADLINE_Q3 = {"text": "record quarter", "start": "2025-07-01", "end": "2025-09-30", "granularity": "quarter",
               "basis": "context", "context": "Nvidia posts record quarter"}


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        (HEADLINE_Q3, None),
        ({**HEADLINE_Q3, "context": None}, "needs context"),
        ({**HEADLINE_Q3, "text": "the second quarter"}, "occurs neither in date.context nor in the evidence"),
    ],
    ids=["text-in-its-context", "no-context", "text-in-neither"],
)
def test_gold_check_reads_a_context_dates_text_in_its_context(corpus: Path, tmp_path: Path,
                                                              date: dict[str, Any], problem: str | None) -> None:
    """A context date's text is in the sentence it was read from, not in the claim's own (GUIDELINES.md)."""
    rows = copy.deepcopy(good_gold())
    rows[3]["date"] = date  # the Blackwell quantity, whose own sentence names no period
    report = check_gold([write_jsonl(tmp_path / "gold.jsonl", rows)], corpus)
    if problem is None:
        assert report.problems == []
    else:
        assert len(report.problems) == 1 and problem in report.problems[0]
