"""The command line a person uses: --version, --help, --quiet, filters, the summary, progress and Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.batch import read_done
from pipeline.cli import app
from pipeline.cli_output import ErrorLines, cause_kind, progress_display

ROOT = Path(__file__).resolve().parent.parent
STORIES = [
    "Nvidia said on Wednesday that its revenue rose 20 per cent to $35 billion in the third quarter.",
    "Huawei's Ascend 910C delivers around 60 per cent of the performance of Nvidia's H100, a study said.",
    "Intel will cut 15,000 jobs, and it is the world's second-largest chipmaker by revenue.",
    "TSMC is expected to spend about $40 billion next year, and it shipped 3 million wafers in 2024.",
]


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i, story in enumerate(STORIES):
        (src / f"s{i}.txt").write_text(story + "\n")
    return src


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_cli_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout.strip()) == (0, f"newsclaims {__version__}")


def test_cli_help_has_examples_formats_and_every_option_described() -> None:
    command = typer.main.get_command(app).commands["extract"]  # type: ignore[attr-defined]
    undescribed = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert undescribed == []
    text = CliRunner().invoke(app, ["extract", "--help"]).stdout
    for needle in ("Examples:", ".meta.json", ".html", ".jsonl", "text (or body, content)", "published",
                   "Exit status:", "--min-confidence", "--type", "--quiet"):
        assert needle in text, needle


def test_cli_type_and_min_confidence_filter_the_records(tmp_path: Path) -> None:
    """The filtered run writes exactly the unfiltered records of those types at or above the threshold."""
    src = _corpus(tmp_path)
    base = ["extract", str(src), "--published", "2025-12-10", "--no-summary"]
    everything, filtered = tmp_path / "all.jsonl", tmp_path / "some.jsonl"
    assert CliRunner().invoke(app, [*base, "-o", str(everything)]).exit_code == 0
    records = _records(everything)
    confidences = sorted({float(r["confidence"]) for r in records})  # type: ignore[arg-type]
    types = Counter(str(r["type"]) for r in records)
    assert len(confidences) >= 2 and len(types) >= 3, (confidences, types)
    threshold = confidences[len(confidences) // 2]
    chosen = sorted(types)[:2]
    result = CliRunner().invoke(app, [*base, "-o", str(filtered), "--type", ",".join(chosen),
                                      "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    expected = [r for r in records if r["type"] in chosen and float(r["confidence"]) >= threshold]  # type: ignore[arg-type]
    assert _records(filtered) == expected
    assert 0 < len(expected) < len(records)


def test_cli_summary_counts_outputs_time_and_failures_by_cause(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    for name in ("e1.txt", "e2.txt", "e3.txt"):
        (src / name).write_bytes(b"")
    (src / "bad1.json").write_text("{oops")
    (src / "bad2.jsonl").write_text('{"id": "x"\n')
    out, ment = tmp_path / "out.jsonl", tmp_path / "m.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--mentions", str(ment),
                                      "--published", "2025-12-10"])
    assert result.exit_code == 1
    summary = result.stderr
    records = _records(out)
    warned = sum(1 for r in records if r["warnings"])
    low = sum(1 for r in records if float(r["confidence"]) < 0.6)  # type: ignore[arg-type]
    assert re.search(rf"records with warnings\W+{warned}\b", summary)
    assert re.search(rf"records below confidence 0\.6\W+{low}\b", summary)
    assert re.search(r"inputs failed\W+5\b", summary)
    assert re.search(r"empty file\W+3\b", summary) and re.search(r"malformed JSON\W+2\b", summary)
    assert re.search(r"elapsed\W+\d+\.\d s", summary)
    assert f"records: {out}" in summary and f"mentions: {ment}" in summary and "error lines: stderr" in summary


def test_cli_quiet_prints_only_error_lines(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    (src / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "-q"])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "empty.txt" in line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_progress_shows_a_total_and_errors_print_above_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error line while the progress line is live goes above it, whole, not into it."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    errors = ErrorLines()
    with progress_display(True, 4, errors) as progress:
        assert progress is not None
        task = progress.add_task("extract", total=4, articles=1, claims=2)
        progress.update(task, completed=1)
        progress.refresh()
        errors.write("error: in/bad.json: malformed JSON")
        progress.refresh()
    shown = terminal.getvalue()
    assert "1/4 files" in shown and "ETA" in shown
    before = shown[:shown.index("error: in/bad.json")]
    assert "files" in before  # the progress line was drawn first...
    assert re.search(r"(\n|\x1b\[2K|\r)$", before), repr(before[-40:])  # ...and cleared before the error line


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import app; app()", *map(str, args)]


@pytest.mark.slow
def test_cli_ctrl_c_commits_and_prints_the_resume_command(tmp_path: Path) -> None:
    """SIGINT midway: exit 130, what was finished is committed, and the printed command completes the run."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    firms = ["Apple", "Intel", "Nvidia", "Samsung", "Xiaomi", "Lenovo", "Meta", "Google"]
    for i in range(80):
        (corpus / f"story-{i:03d}.txt").write_text(
            f"{firms[i % 8]} said its revenue rose {i + 1} per cent to ${i + 2} billion in March. "
            f"{firms[(i + 3) % 8]} shipped {i + 5} million phones in 2024.\n")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(_cli("extract", corpus, "-o", out, "--published", "2025-12-10", "--batch-size", "2"),
                           env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 10:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be interrupted"
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr
    (line,) = [x for x in stderr.splitlines() if x.startswith("interrupted: ")]
    finished = int(re.search(r"interrupted: (\d+) articles finished", line).group(1))  # type: ignore[union-attr]
    assert 0 < finished < 80 and len(read_done(out, None)) == finished
    assert "Traceback" not in stderr
    command = shlex.split(line.split("continue with: ", 1)[1])
    assert command[:2] == ["newsclaims", "extract"] and "--resume" in command
    resumed = subprocess.run(_cli(*command[1:]), env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    done = [e.article_id for e in read_done(out, None)]
    assert sorted(done) == sorted(f"story-{i:03d}" for i in range(80))
    ids = [r["id"] for r in _records(out)]
    assert len(ids) == len(set(ids)) and {str(i).split(":")[0] for i in ids} <= set(done)


@pytest.mark.parametrize(("cause", "kind"), [
    ("empty file", "empty file"),
    ("empty file (whitespace only)", "empty file"),
    ("malformed JSON at line 3: Expecting value", "malformed JSON"),
    ("malformed JSON: Expecting ',' delimiter (column 9)", "malformed JSON"),
    ("file too large: 20971520 bytes, the limit is 10485760", "file too large"),
    ("binary file (NUL bytes), not text", "binary file"),
    ("sidecar story.meta.json unreadable: Expecting value", "sidecar unreadable"),
    ("sidecar story.meta.json is not a JSON object", "sidecar is not a JSON object"),
    ("unsupported file type '.css'", "unsupported file type '.css'"),
], ids=["empty", "whitespace", "json-file", "json-line", "too-large", "binary", "sidecar", "sidecar-shape",
        "unsupported"])
def test_cli_failures_are_grouped_by_cause_without_particulars(cause: str, kind: str) -> None:
    assert cause_kind(cause) == kind


WEAK_AND_STRONG = ("Revenue rose 5 per cent to $2 billion. Nvidia reported revenue of $57 billion, up 62 per cent.\n")


@pytest.mark.parametrize(
    "how", [["--set", "newsclaims_linker.min_confidence=0.5", "--set", "newsclaims_linker.subject_model=false"],
            ["--config", "{cfg}"]], ids=["set", "config-file"])
def test_cli_stage_settings_reach_the_pipeline(tmp_path: Path, how: list[str]) -> None:
    """A stage setting given on the command line changes the run: the weak links are dropped."""
    (tmp_path / "cfg.cfg").write_text("[newsclaims_linker]\nmin_confidence = 0.5\nsubject_model = false\n")
    story = tmp_path / "story.txt"
    story.write_text(WEAK_AND_STRONG)
    common = ["extract", str(story), "--published", "2025-12-10", "--quiet"]
    plain = CliRunner().invoke(app, [*common, "--set", "newsclaims_linker.subject_model=false"])
    tuned = CliRunner().invoke(app, [*common, *(a.format(cfg=tmp_path / "cfg.cfg") for a in how)])
    assert plain.exit_code == tuned.exit_code == 0, tuned.output
    confidences = [json.loads(line)["confidence"] for line in plain.stdout.splitlines()]
    kept = [json.loads(line)["confidence"] for line in tuned.stdout.splitlines()]
    assert min(confidences) < 0.5 and kept == [c for c in confidences if c >= 0.5] and kept


@pytest.mark.parametrize(
    ("value", "message"),
    [("newsclaims_linker.min_confidense=0.6", "has no setting min_confidense"),
     ("newsclaims_linkr.min_confidence=0.6", "unknown stage"),
     ("min_confidence=0.6", "expected STAGE.SETTING=VALUE")],
    ids=["misspelt-setting", "misspelt-stage", "no-stage"],
)
def test_cli_bad_stage_settings_are_usage_errors(tmp_path: Path, value: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(WEAK_AND_STRONG)
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--set", value])
    assert result.exit_code == 2 and message in result.output
