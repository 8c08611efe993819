"""What extract reads: stdin, scraped folders with stray files, its own outputs, and hostile article ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli_output import text_file_stem

STORY = "Nvidia said on Wednesday that its revenue rose 20 per cent to $35 billion in the third quarter.\n"
OTHER = "Intel said it would cut 15,000 jobs after its revenue fell to $12.8 billion in the second quarter.\n"


def _records(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(("stdin", "ids"), [
    (STORY, {"stdin"}),
    (json.dumps({"id": "s1", "text": STORY}) + "\n" + json.dumps({"id": "s2", "text": OTHER}) + "\n", {"s1", "s2"}),
    (json.dumps({"id": "pretty", "text": STORY}, indent=2), {"pretty"}),
], ids=["plain-text", "jsonl", "one-json-object"])
def test_cli_dash_reads_one_article_from_stdin(stdin: str, ids: set[str]) -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--published", "2025-12-10", "-q"], input=stdin)
    assert result.exit_code == 0, result.output
    assert {r["article_id"] for r in _records(result.stdout)} == ids


def test_cli_scraped_site_folder_skips_unsupported_files_and_exits_zero(tmp_path: Path) -> None:
    """Stylesheets, images and scripts beside the articles are counted, not failures."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "story.txt").write_text(STORY)
    (site / "other.json").write_text(json.dumps({"id": "o1", "text": OTHER}))
    (site / "assets" / "main.css").write_text("body { color: red }")
    (site / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (site / "assets" / "app.js").write_text("console.log(1)")
    (site / "robots").write_text("User-agent: *")
    result = CliRunner().invoke(app, ["extract", str(site), "--published", "2025-12-10"])
    assert result.exit_code == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith(("error:", "warning:"))]
    assert re.search(r"inputs failed\W+0\b", result.stderr)
    assert re.search(r"unsupported files skipped\W+4\b", result.stderr)
    for suffix in (".css", ".js", ".png", "(none)"):
        assert re.search(rf"  {re.escape(suffix)}\W+1\b", result.stderr)
    assert {r["article_id"] for r in _records(result.stdout)} == {"story", "o1"}


def test_cli_unsupported_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body {}")
    (tmp_path / "story.txt").write_text(STORY)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "style.css"), str(tmp_path / "story.txt"),
                                      "--no-summary"])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "style.css" in line and "unsupported file type" in line


def test_cli_second_run_does_not_read_its_own_outputs(tmp_path: Path) -> None:
    """Outputs inside the input folder (records, .done log, mentions, errors, texts) are not inputs."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text(STORY)
    (src / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": OTHER}) + "\n")
    args = ["extract", str(src), "-o", str(src / "out.jsonl"), "--mentions", str(src / "m.jsonl"),
            "--errors", str(src / "err.txt"), "--emit-text", str(src / "texts"), "--published", "2025-12-10",
            "--no-summary"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    before = (src / "out.jsonl").read_text()
    assert (src / "out.jsonl.done").exists() and (src / "texts" / "story.txt").exists()
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, (src / "err.txt").read_text()
    assert (src / "err.txt").read_text() == ""
    assert (src / "out.jsonl").read_text() == before
    assert {r["article_id"] for r in _records(before)} == {"story", "f1"}


@pytest.mark.parametrize(("article_id", "expected"), [
    ("plain-id_1.2", "plain-id_1.2"),
    ("a/b", "a_b-"),
    ("nul\x00byte", "nul_byte-"),
    ("..", "article-"),
    ("x" * 300, "x" * 120 + "-"),
], ids=["plain", "slash", "nul", "dots", "long"])
def test_cli_text_file_names_are_safe_and_readable(article_id: str, expected: str) -> None:
    stem = text_file_stem(article_id)
    assert stem.startswith(expected) and "/" not in stem and "\x00" not in stem
    assert len(stem.encode()) <= 130
    if stem != article_id:
        assert len(stem) == len(expected) + 8  # a short hash of the id keeps two unsafe ids apart


def test_cli_emit_text_with_hostile_and_duplicate_ids(tmp_path: Path) -> None:
    """Long, NUL, slash and duplicate ids: no traceback, one file per article, a warning for the duplicate."""
    rows = [{"id": "L" * 300, "text": STORY}, {"id": "nul\x00and/slash", "text": OTHER},
            {"id": "dup", "text": STORY}, {"id": "dup", "text": OTHER}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    texts, out = tmp_path / "texts", tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(feed), "-o", str(out), "--emit-text", str(texts),
                                      "--published", "2025-12-10", "--no-summary"])
    assert result.exit_code == 0, result.output
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("warning: ") and "feed.jsonl:4" in warning and "'dup'" in warning
    files = {p.name: p.read_text() for p in texts.iterdir()}
    assert len(files) == 4
    assert files["dup.txt"] == STORY.strip() and files["dup-2.txt"] == OTHER.strip()
    assert {text_file_stem("L" * 300) + ".txt", text_file_stem("nul\x00and/slash") + ".txt"} < set(files)
    records = _records(out.read_text())
    assert {r["article_id"] for r in records} == {r["id"] for r in rows}
    assert sum(1 for r in records if r["article_id"] == "dup") >= 2
