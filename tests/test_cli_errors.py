"""Exit codes and one-line errors: 0 all read, 1 some inputs failed, 2 usage or environment, 3 a crash."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import BatchWriter
from pipeline.cli import app

STORY = "Nvidia said on Wednesday that its revenue rose 20 per cent to $35 billion in the third quarter.\n"


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(STORY)
    return src


def _one_error_line(stderr: str, *needles: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ") and "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@contextmanager
def _immutable(path: Path) -> Iterator[None]:
    """A file or folder not even root may write (chattr +i), to test a read-only output as root."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _unwritable_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    return {
        "output-is-a-folder": (["-o", str(folder)], "is a folder"),
        "errors-under-a-file": (["-o", str(tmp_path / "out.jsonl"), "--errors", str(plain / "err.txt")],
                                "not a folder"),
        "mentions-is-a-folder": (["-o", str(tmp_path / "out.jsonl"), "--mentions", str(folder)], "is a folder"),
        "emit-text-is-a-file": (["-o", str(tmp_path / "out.jsonl"), "--emit-text", str(plain)], "not a folder"),
    }


@pytest.mark.parametrize("case", ["output-is-a-folder", "errors-under-a-file", "mentions-is-a-folder",
                                  "emit-text-is-a-file"])
def test_cli_unwritable_output_is_one_line_and_exit_two(tmp_path: Path, case: str) -> None:
    """Checked before any article is read: nothing is written, no traceback, not the 'inputs failed' code."""
    args, cause = _unwritable_cases(tmp_path)[case]
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), *args])
    assert result.exit_code == 2, result.output
    bad = next(a for a in reversed(args) if not a.startswith("-"))
    _one_error_line(result.stderr, bad, cause)
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("what", ["read-only-file", "read-only-folder"])
def test_cli_read_only_outputs_are_refused_before_the_run(tmp_path: Path, what: str) -> None:
    """A read-only mentions file or output folder: exit 2 and one line, also for root (immutable files)."""
    src = _corpus(tmp_path)
    out, locked = tmp_path / "out.jsonl", tmp_path / "locked"
    if what == "read-only-file":
        locked.write_text("")
        args, bad = ["-o", str(out), "--mentions", str(locked)], str(locked)
    else:
        locked.mkdir()
        args, bad = ["-o", str(locked / "out.jsonl")], str(locked / "out.jsonl")
    if os.geteuid() == 0:
        with _immutable(locked):
            result = CliRunner().invoke(app, ["extract", str(src), *args])
    else:
        locked.chmod(0o444 if what == "read-only-file" else 0o555)
        try:
            result = CliRunner().invoke(app, ["extract", str(src), *args])
        finally:
            locked.chmod(0o755)
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, bad)
    assert not out.exists()


def test_cli_write_failure_during_the_run_is_one_line(tmp_path: Path) -> None:
    """A full disk (/dev/full) while writing records: an environment error, not a traceback."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "-o", "/dev/full", "--published",
                                      "2025-12-10", "-q"])
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, "/dev/full", "No space left on device")


@pytest.mark.parametrize("args", [["--published", "10/12/2025"], ["--batch-size", "0"], ["--no-such-option"],
                                  ["--type", "money,gossip"]], ids=["bad-date", "bad-number", "unknown-option",
                                                                    "unknown-type"])
def test_cli_usage_errors_are_one_line(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path), *args])
    assert result.exit_code == 2
    line = _one_error_line(result.stderr)
    if args[0] == "--type":
        assert "gossip" in line and "money, quantity, count, percent, comparison, ranking, event" in line


def test_cli_special_output_writes_without_a_log_and_refuses_resume(tmp_path: Path) -> None:
    """-o /dev/null works (no /dev/null.done, no fsync); --resume with it is a usage error."""
    src = _corpus(tmp_path)
    result = CliRunner().invoke(app, ["extract", str(src), "-o", os.devnull, "--mentions", str(tmp_path / "m.jsonl"),
                                      "--published", "2025-12-10", "--no-summary"])
    assert result.exit_code == 0, result.output
    assert not Path(os.devnull + ".done").exists()
    assert (tmp_path / "m.jsonl").read_text().count("\n") > 0
    refused = CliRunner().invoke(app, ["extract", str(src), "-o", os.devnull, "--resume"])
    assert refused.exit_code == 2
    _one_error_line(refused.stderr, os.devnull, "cannot be resumed")


def test_cli_pipe_as_output(tmp_path: Path) -> None:
    """A named pipe as -o: the records stream through it."""
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "-o", str(fifo), "--published",
                                      "2025-12-10", "--no-summary"])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert b'"type":"money"' in received[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "records.fifo"]


class _Broken:
    """Stands in for the extractor with a bug: it dies on the first article."""

    def __init__(self, **_: object) -> None:
        pass

    def extract_many(self, articles: Iterator[object], **_: object) -> Iterator[object]:
        next(iter(articles))
        raise ZeroDivisionError("a bug in a stage")
        yield  # pragma: no cover


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_cli_crash_has_its_own_code_and_a_traceback_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         debug: bool) -> None:
    monkeypatch.setattr("pipeline.extractor.Extractor", _Broken)
    crashes = tmp_path / "tmp"
    crashes.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(crashes))
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "-o", str(tmp_path / "out.jsonl"),
                                      *(["--debug"] if debug else [])])
    assert result.exit_code == 3
    (trace,) = crashes.glob("newsclaims-crash-*.txt")
    assert "ZeroDivisionError: a bug in a stage" in trace.read_text()
    last = result.stderr.splitlines()[-1]
    assert last.startswith("error: ") and "bug" in last and str(trace) in last
    assert ("Traceback" in result.stderr) is debug


def test_cli_output_locked_by_another_run_is_one_line(tmp_path: Path) -> None:
    """A second run on an output that a first one still writes is refused (exit 2), and the file kept."""
    out = tmp_path / "out.jsonl"
    with BatchWriter(out) as first:
        first.add("a", "0123456789abcdef", ['{"id": "a-0"}'])
        result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "-o", str(out)])
    assert result.exit_code == 2, result.output
    _one_error_line(result.stderr, str(out), "another newsclaims run")
    assert out.read_text() == '{"id": "a-0"}\n'


def test_cli_crash_outside_the_run_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug met before the run starts (reading the settings, importing a stage) is no traceback either."""
    def broken(*_: object) -> None:
        raise NameError("name 'Literal' is not defined")

    monkeypatch.setattr("pipeline.nlp.read_settings", broken)
    crashes = tmp_path / "tmp"
    crashes.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(crashes))
    result = CliRunner().invoke(app, ["extract", str(_corpus(tmp_path)), "--set", "newsclaims_linker.min_confidence=1"])
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: newsclaims crashed, which is a bug (NameError")
