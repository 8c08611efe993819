from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from pipeline.cli import app, claim_schema

STORY = ("Nvidia, the largest chipmaker by market value, said on Wednesday that Huawei's Ascend 910C "
         "delivers around 60 per cent of the performance of its H100.\n")
PAGE = f"""<!doctype html><html><head><title>Chips</title>
<meta property="article:published_time" content="2025-12-10T08:00:00+00:00"></head>
<body><article><p>{STORY}</p><p>TSMC is the world's largest contract chipmaker by revenue.</p></article></body></html>"""


def _mixed_folder(tmp_path: Path) -> Path:
    """Good articles beside every kind of bad input the issue names."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.json").write_text(json.dumps({"id": "g1", "published": "2025-12-10", "text": STORY}))
    (src / "good.html").write_text(PAGE, encoding="utf-8")
    (src / "latin1.txt").write_bytes(STORY.replace("Huawei's", "Huawei’s").encode("cp1252"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "huge.txt").write_bytes(b"Nvidia sold chips. " * (20 * 1024 * 1024 // 19 + 1))
    (src / "lines.jsonl").write_text(json.dumps({"id": "g2", "text": STORY}) + "\n{oops\n")
    (src / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (src / "style.css").write_text("body { margin: 0 }")  # a scraped site's assets: skipped, not failures
    (src / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    return src


def test_extract_mixed_folder_good_records_one_error_per_bad_input(tmp_path: Path) -> None:
    src = _mixed_folder(tmp_path)
    out, errors, mentions, texts = (tmp_path / "out.jsonl", tmp_path / "err.txt", tmp_path / "m.jsonl",
                                    tmp_path / "texts")
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--errors", str(errors),
                                      "--mentions", str(mentions), "--emit-text", str(texts), "--no-summary"])
    assert result.exit_code == 1, result.output
    lines = errors.read_text().splitlines()
    bad = {"empty.txt", "binary.txt", "huge.txt", "lines.jsonl", "menu.html"}
    assert len(lines) == len(bad)
    for name in bad:
        (line,) = [x for x in lines if f"/{name}" in x]
        assert ": " in line
    assert any("lines.jsonl:2" in x and "malformed JSON" in x for x in lines)
    schema = claim_schema()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["article_id"] for r in records} == {"g1", "g2", "good", "latin1"}
    for record in records:
        jsonschema.validate(record, schema)
        text = (texts / f"{record['article_id']}.txt").read_text(encoding="utf-8")
        ev = record["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
    kinds = {json.loads(line)["kind"] for line in mentions.read_text().splitlines()}
    assert {"entity", "date"} <= kinds


def test_extract_exit_zero_when_everything_reads(tmp_path: Path) -> None:
    src = tmp_path / "ok"
    src.mkdir()
    (src / "a.txt").write_text(STORY)
    result = CliRunner().invoke(app, ["extract", str(src), "--published", "2025-12-10", "--no-summary"])
    assert result.exit_code == 0, result.output
    assert '"type":"ranking"' in result.stdout.replace(" ", "")


def test_extract_usage_errors_exit_two(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--published", "10/12/2025"])
    assert result.exit_code == 2
    assert CliRunner().invoke(app, ["extract"]).exit_code == 2
