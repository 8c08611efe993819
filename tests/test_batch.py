"""Batch runs: the commit log, resuming after SIGKILL, inputs by URL, and workers that agree with one process."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.articles import Article, ReadError, discover
from pipeline.batch import (
    BatchWriter,
    DoneEntry,
    OutputError,
    ResumeError,
    done_path,
    read_done,
    read_resumed,
)
from pipeline.extractor import Extractor
from pipeline.inputs import expand_inputs, iter_inputs

ROOT = Path(__file__).resolve().parent.parent

FIRMS = ["Apple", "Microsoft", "Meta", "Samsung", "Nvidia", "Intel", "Google", "Amazon", "Xiaomi", "Lenovo"]
PRODUCTS = ["iPhone 16", "Surface Pro 11", "Quest 3S", "Galaxy S25", "Pixel 9", "Kindle Scribe", "ThinkPad X1"]
REGIONS = ["Guangdong", "Bavaria", "Ontario", "Catalonia", "Gyeonggi", "Karnataka", "Jalisco"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "ninth"]
MONTHS = ["January", "March", "May", "June", "September", "October"]


def article_text(rng: random.Random, with_claims: bool) -> str:
    """A short tech-news article with varied facts; some carry no claim at all."""
    firm, other, product = rng.choice(FIRMS), rng.choice(FIRMS), rng.choice(PRODUCTS)
    region = rng.choice(REGIONS)
    if not with_claims:
        return f"The weather in {region} was mild on Tuesday, and nobody at {firm} would comment.\n"
    sentences = [
        f"{firm} launched the {product} on {rng.choice(MONTHS)} {rng.randint(1, 28)}, 2024.",
        f"{region} was China's top innovation hub for the {rng.choice(ORDINALS)} consecutive year, "
        "the official said.",
        f"{firm} acquired a start-up for ${rng.randint(2, 90)} million in {rng.choice(MONTHS)}.",
        f"{firm}'s new chip delivers around {rng.randint(40, 95)} per cent of the performance of {other}'s.",
    ]
    return " ".join(sentences[: rng.randint(2, 4)]) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """``n`` article files; every fifth has no claims, so "done" must not mean "has records"."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story-{i:03d}.txt").write_text(article_text(rng, i % 5 != 4), encoding="utf-8")
    return folder


def cli(*args: str | Path) -> list[str]:
    """The newsclaims command, run from the checkout whether or not it is installed."""
    return [sys.executable, "-c", "from pipeline.cli import app; app()", *map(str, args)]


def cli_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def lines(path: Path) -> Counter[str]:
    return Counter(path.read_text(encoding="utf-8").splitlines())


def art(article_id: str, text: str = "x") -> Article:
    return Article(id=article_id, text=text)


def write(writer: BatchWriter, article: Article, n: int) -> None:
    writer.add(article.id, article.content_hash, [f'{{"id": "{article.id}-{k}"}}' for k in range(n)],
               [f'{{"m": "{article.id}"}}'] if writer.mentions else [])


# ---- the commit log -------------------------------------------------------------------------

@pytest.mark.parametrize("cut", ["mid-record", "after-records", "mid-log-line"], ids=str)
def test_batch_resume_cuts_back_to_the_last_committed_article(tmp_path: Path, cut: str) -> None:
    """Whatever a kill left half-written is dropped; committed articles are skipped, the rest redone."""
    out = tmp_path / "out.jsonl"
    a, b, c = art("a", "one"), art("b", "two"), art("c", "three")
    with BatchWriter(out, commit_every=1) as writer:
        write(writer, a, 2)
        write(writer, b, 0)
    committed = out.read_bytes()
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "c-0"}\n{"id": "c-1"' if cut == "mid-record" else '{"id": "c-0"}\n')
    if cut == "mid-log-line":
        with done_path(out).open("a", encoding="utf-8") as handle:
            handle.write("c\tabc")
    writer = BatchWriter(out, resume=True)
    assert out.read_bytes() == committed
    assert [writer.skip(x) for x in (a, b, c)] == [True, True, False]
    write(writer, c, 2)
    writer.close()
    assert lines(out) == Counter(['{"id": "a-0"}', '{"id": "a-1"}', '{"id": "c-0"}', '{"id": "c-1"}'])
    assert [e.article_id for e in read_done(out, None)] == ["a", "b", "c"]


@pytest.mark.parametrize("article_id", ["plain", "tab\there", "new\nline", "back\\slash"], ids=repr)
def test_batch_done_entry_round_trips_any_article_id(article_id: str) -> None:
    """Ids come from file names and JSON fields: the log must not be broken by odd characters."""
    entry = DoneEntry(article_id, "0123456789abcdef", 42, None, "fedcba9876543210")
    assert DoneEntry.parse(entry.line()) == entry
    in_a_dump = DoneEntry(article_id, "0123456789abcdef", 42, 7, "fedcba9876543210", f"dumps/{article_id}.jsonl",
                          (1 << 40, 123_456_789))
    assert DoneEntry.parse(in_a_dump.line()) == in_a_dump


def _dump(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": t.split()[0].lower(), "text": t}) + "\n" for t in texts),
                    encoding="utf-8")
    return path


def _commit_from(feed: Path, out: Path, count: int) -> None:
    """A run that committed the first ``count`` articles of ``feed`` and was then stopped."""
    with BatchWriter(out, commit_every=1) as writer:
        for article in [a for a in read_resumed(str(feed), writer) if isinstance(a, Article)][:count]:
            writer.add(article.id, article.content_hash, [f'{{"of": "{article.id}"}}'], source=str(feed),
                       position=article.position)


DUMP = ["Nvidia sold 3 million chips.", "AMD sold 2 million chips.", "Intel sold 1 million chips.",
        "Arm sold 9 million licences.", "Qualcomm sold 4 million modems."]


def test_batch_resume_reads_a_dump_from_its_last_committed_article(tmp_path: Path) -> None:
    """The articles before it are counted as done without being parsed (a line broken since proves it)."""
    feed, out = _dump(tmp_path / "feed.jsonl", DUMP), tmp_path / "out.jsonl"
    _commit_from(feed, out, 3)
    ends = [k + 1 for k, byte in enumerate(feed.read_bytes()) if byte == ord("\n")]
    assert [e.position for e in read_done(out, None)] == [(0, 1), (ends[0], 2), (ends[1], 3)]
    feed.write_bytes(b"x" * (ends[0] - 1) + feed.read_bytes()[ends[0] - 1:])  # line 1 is no JSON any more
    counted: list[int] = []
    with BatchWriter(out, resume=True) as writer:
        items = list(read_resumed(str(feed), writer, on_skipped=counted.append))
        assert [(a.id if isinstance(a, Article) else str(a)) for a in items] == ["intel", "arm", "qualcomm"]
        assert [writer.skip(a) for a in items if isinstance(a, Article)] == [True, False, False]
    assert counted == [2] and writer.skipped == 3


def test_batch_resume_reads_a_changed_dump_again_from_its_start(tmp_path: Path) -> None:
    """When the last committed article is not where the log says, nothing is skipped unseen."""
    feed, out = _dump(tmp_path / "feed.jsonl", DUMP), tmp_path / "out.jsonl"
    _commit_from(feed, out, 3)
    _dump(feed, ["Samsung sold 5 million phones.", *DUMP])  # a new first line moves every article
    warnings: list[str] = []
    with BatchWriter(out, resume=True) as writer:
        items = [a for a in read_resumed(str(feed), writer, on_warning=warnings.append) if isinstance(a, Article)]
        fresh = [a.text for a in items if not writer.skip(a)]
    assert len(items) == 6 and len(warnings) == 1 and "read again from its start" in warnings[0]
    assert fresh == ["Samsung sold 5 million phones.", "Arm sold 9 million licences.", "Qualcomm sold 4 million modems."]


@pytest.mark.parametrize("copies_done", [1, 2], ids=["one-of-two-done", "both-done"])
def test_batch_resume_counts_duplicate_articles(tmp_path: Path, copies_done: int) -> None:
    """The same article twice in the inputs gives its records twice, resumed or not."""
    out = tmp_path / "out.jsonl"
    dup = art("d", "same text")
    with BatchWriter(out) as writer:
        for _ in range(copies_done):
            write(writer, dup, 1)
    writer = BatchWriter(out, resume=True)
    skipped = [writer.skip(dup), writer.skip(dup)]
    for was_skipped in skipped:
        if not was_skipped:
            write(writer, dup, 1)
    writer.close()
    assert skipped == [True, copies_done == 2]
    assert lines(out) == Counter({'{"id": "d-0"}': 2})


def test_batch_resume_replaces_the_records_of_a_changed_article(tmp_path: Path) -> None:
    """An article whose text changed since the killed run is redone, and its old records go."""
    out, ment = tmp_path / "out.jsonl", tmp_path / "mentions.jsonl"
    with BatchWriter(out, ment) as writer:
        write(writer, art("a", "old"), 1)
        write(writer, art("b", "kept"), 1)
    writer = BatchWriter(out, ment, resume=True)
    assert not writer.skip(art("a", "new"))
    writer.add("a", art("a", "new").content_hash, ['{"id": "a-new"}'], ['{"m": "a-new"}'])
    assert writer.skip(art("b", "kept"))
    writer.close()
    assert lines(out) == Counter(['{"id": "b-0"}', '{"id": "a-new"}'])
    assert lines(ment) == Counter(['{"m": "b"}', '{"m": "a-new"}'])
    assert [(e.article_id, e.content_hash) for e in read_done(out, ment)] == [
        ("b", art("b", "kept").content_hash), ("a", art("a", "new").content_hash)]


@pytest.mark.parametrize("phase", ["before-commit-point", "after-commit-point"], ids=str)
def test_batch_interrupted_compaction_is_rolled_back_or_forward(tmp_path: Path, phase: str) -> None:
    """A kill while dropping stale records leaves either the old state or the new one, never a mix."""
    out = tmp_path / "out.jsonl"
    done = done_path(out)
    with BatchWriter(out) as writer:
        write(writer, art("a"), 1)
    old_out, old_done = out.read_bytes(), done.read_bytes()
    (tmp_path / "out.jsonl.compact").write_text("")
    if phase == "before-commit-point":
        (tmp_path / "out.jsonl.done.compact").write_text("")
        BatchWriter(out, resume=True).close()
        assert (out.read_bytes(), done.read_bytes()) == (old_out, old_done)
    else:
        (tmp_path / "out.jsonl.done.commit").write_text("")
        BatchWriter(out, resume=True).close()
        assert (out.read_bytes(), done.read_bytes()) == (b"", b"")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "out.jsonl.done"]


@pytest.mark.parametrize(
    ("first_mentions", "resume_mentions", "message"),
    [(False, False, "no commit log"), (True, False, "with --mentions"), (False, True, "without --mentions")],
    ids=["output-without-log", "mentions-dropped", "mentions-added"],
)
def test_batch_resume_refuses_what_it_cannot_check(tmp_path: Path, first_mentions: bool, resume_mentions: bool,
                                                   message: str) -> None:
    """Resuming an output the log does not describe would duplicate or lose records: refuse instead."""
    out, ment = tmp_path / "out.jsonl", tmp_path / "m.jsonl"
    with BatchWriter(out, ment if first_mentions else None) as writer:
        write(writer, art("a"), 1)
    if message == "no commit log":
        done_path(out).unlink()
    with pytest.raises(ResumeError, match=message):
        BatchWriter(out, ment if resume_mentions else None, resume=True)


def _three_articles(out: Path, mentions: Path | None = None) -> None:
    with BatchWriter(out, mentions, commit_every=1) as writer:
        for name, n in (("a", 2), ("b", 1), ("c", 3)):
            write(writer, art(name, name * 3), n)


def _swap_log_lines(done: Path) -> None:
    first, second, *rest = done.read_text(encoding="utf-8").splitlines(keepends=True)
    done.write_text("".join([second, first, *rest]), encoding="utf-8")


def _edit_offset(done: Path, line: int, change: int | None) -> None:
    rows = [r.split("\t") for r in done.read_text(encoding="utf-8").splitlines()]
    rows[line][2] = "-5" if change is None else str(int(rows[line][2]) + change)
    done.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def _edit_record(out: Path) -> None:
    out.write_bytes(out.read_bytes().replace(b'"b-0"', b'"B-0"'))


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda out, done: _swap_log_lines(done), "out of order"),
        (lambda out, done: _edit_offset(done, 1, -3), "inside a line"),
        (lambda out, done: done.write_bytes(done.read_bytes()[:20] + b"\xff\xfe" + done.read_bytes()[20:]),
         "invalid UTF-8"),
        (lambda out, done: _edit_offset(done, 1, None), "not a commit-log entry|backwards"),
        (lambda out, done: _edit_record(out), "differ from what was logged"),
        (lambda out, done: done.write_text(done.read_text().replace("\t", "#", 1)), "not a commit-log entry"),
    ],
    ids=["lines-reordered", "offset-mid-line", "invalid-utf8", "negative-offset", "output-edited", "garbled-line"],
)
def test_batch_resume_refuses_a_corrupted_log(tmp_path: Path, corrupt, message: str) -> None:  # type: ignore[no-untyped-def]
    """A log that does not describe its output would drop or duplicate records: refuse it, say what to do."""
    out = tmp_path / "out.jsonl"
    _three_articles(out)
    corrupt(out, done_path(out))
    before = out.read_bytes()
    with pytest.raises(ResumeError, match=message) as raised:
        BatchWriter(out, resume=True)
    assert "without --resume" in str(raised.value)
    assert out.read_bytes() == before  # nothing cut back on the strength of a bad log


def test_batch_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    """Two runs appending to one file would interleave their records: the second waits for nobody, it stops."""
    out = tmp_path / "out.jsonl"
    with BatchWriter(out) as first:
        write(first, art("a"), 1)
        with pytest.raises(OutputError, match="another newsclaims run"):
            BatchWriter(out)
        with pytest.raises(OutputError, match="another newsclaims run"):
            BatchWriter(out, resume=True)
        write(first, art("b"), 1)
    assert lines(out) == Counter(['{"id": "a-0"}', '{"id": "b-0"}'])
    assert [e.article_id for e in read_done(out, None)] == ["a", "b"]
    BatchWriter(out, resume=True).close()  # the lock went with the first run


def test_batch_special_files_are_streams_without_a_log(tmp_path: Path) -> None:
    """``-o /dev/null`` once created /dev/null.done and crashed on fsync; a pipe must work too."""
    devnull = Path(os.devnull)
    with BatchWriter(devnull) as writer:
        write(writer, art("a"), 2)
    assert not done_path(devnull).exists()
    with pytest.raises(ResumeError, match="not a regular file"):
        BatchWriter(devnull, resume=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with BatchWriter(fifo, commit_every=1) as writer:
        write(writer, art("p"), 2)
    assert reader.communicate(timeout=10)[0] == b'{"id": "p-0"}\n{"id": "p-1"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_batch_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    """Not a traceback: an error the command line turns into one line (a folder that is a file here,
    since root may write into read-only folders)."""
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        BatchWriter(tmp_path / "file" / "out.jsonl")


# ---- inputs -----------------------------------------------------------------------------------

def test_batch_file_urls_are_read_like_paths(tmp_path: Path) -> None:
    """``file://`` URLs list and read the same files, in the same order, as plain paths."""
    corpus = write_corpus(tmp_path / "corpus", 6)
    (corpus / "notes.bin").write_bytes(b"\x00\x01")
    assert list(expand_inputs([corpus.as_uri()])) == [str(p) for p in discover([corpus])]
    by_url = [a for a in iter_inputs([corpus.as_uri()]) if isinstance(a, Article)]
    by_path = [a for a in iter_inputs([corpus]) if isinstance(a, Article)]
    assert by_url == by_path and len(by_url) == 6


def test_batch_fsspec_urls_are_read_through_a_local_copy() -> None:
    """A remote file (fsspec's in-memory store here) keeps its id, sidecar and URL as source."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/nc-test/feed/one.txt", b"Apple launched the iPhone 16 on September 9, 2024.\n")
    fs.pipe("/nc-test/feed/one.meta.json", b'{"id": "apple-1", "published": "2024-09-10"}')
    fs.pipe("/nc-test/feed/two.bin", b"\x00")
    try:
        items = list(iter_inputs(["memory://nc-test/feed"]))
    finally:
        fs.rm("/nc-test", recursive=True)
    article = next(a for a in items if isinstance(a, Article))
    error = next(e for e in items if isinstance(e, ReadError))
    assert (article.id, str(article.published), article.source_path) == (
        "apple-1", "2024-09-10", fs.unstrip_protocol("/nc-test/feed/one.txt"))
    assert error.path == fs.unstrip_protocol("/nc-test/feed/two.bin") and "unsupported" in error.cause


# ---- workers and the command line --------------------------------------------------------------

def test_batch_two_processes_give_the_records_of_one(extractor: Extractor) -> None:
    """Batches sent to worker processes come back in order with the same records."""
    rng = random.Random(3)
    articles = [{"id": f"w{i}", "text": article_text(rng, i % 4 != 3), "published": "2024-12-01"}
                for i in range(24)]
    one = [(r.article.id, [c.model_dump_json() for c in r.claims])
           for r in extractor.extract_many(articles, batch_size=4)]
    two = [(r.article.id, [c.model_dump_json() for c in r.claims])
           for r in extractor.extract_many(articles, batch_size=4, n_process=2)]
    assert two == one
    assert sum(len(c) for _, c in one) > 10


def kill_midway(inputs: Path, full: Path, killed: Path, options: list[str], *, at_lines: int) -> None:
    """Run ``extract`` twice at once: to ``full`` uninterrupted, to ``killed`` until it holds
    ``at_lines`` records, where it gets SIGKILL."""
    reference = subprocess.Popen(cli("extract", inputs, "-o", full, *options), env=cli_env(), stderr=subprocess.DEVNULL)
    victim = subprocess.Popen(cli("extract", inputs, "-o", killed, *options), env=cli_env(), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and victim.poll() is None:
        if killed.exists() and killed.read_bytes().count(b"\n") >= at_lines:
            break
        time.sleep(0.01)
    assert victim.poll() is None, "the run ended before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    assert victim.wait() == -signal.SIGKILL
    assert reference.wait(timeout=180) == 0


@pytest.mark.slow
def test_batch_sigkill_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    """Kill ``newsclaims extract`` midway with SIGKILL, resume it: the same records, none twice, none broken."""
    corpus = write_corpus(tmp_path / "corpus", 60)
    full, killed = tmp_path / "full.jsonl", tmp_path / "killed.jsonl"
    common = ["--published", "2024-12-01", "--batch-size", "2", "--no-summary"]
    kill_midway(corpus, full, killed, common, at_lines=15)
    done_before = len(read_done(killed, None))
    assert 0 < done_before < 60
    resumed = subprocess.run(cli("extract", corpus, "-o", killed, "--resume", *common[:-1]), env=cli_env(),
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert "already done" in resumed.stderr
    assert lines(killed) == lines(full)
    assert killed.read_bytes().endswith(b"\n")
    assert sum(lines(full).values()) > 50
    ids = [e.article_id for e in read_done(killed, None)]
    assert sorted(ids) == sorted(f"story-{i:03d}" for i in range(60))


@pytest.mark.slow
def test_batch_sigkill_inside_one_jsonl_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    """One large JSON Lines input killed midway: the resumed run starts at its last committed line (the
    lines before it are not parsed again: one broken since gives no error) and ends with exactly the
    records of an uninterrupted run."""
    rng = random.Random(11)
    feed = tmp_path / "dump.jsonl"
    feed.write_text("".join(json.dumps({"id": f"dump-{i:04d}", "text": article_text(rng, i % 5 != 4)}) + "\n"
                            for i in range(240)), encoding="utf-8")
    full, killed = tmp_path / "full.jsonl", tmp_path / "killed.jsonl"
    common = ["--published", "2024-12-01", "--batch-size", "2", "--no-summary"]
    kill_midway(feed, full, killed, common, at_lines=40)
    done = read_done(killed, None)
    assert 0 < len(done) < 240 and all(e.source == str(feed) and e.position for e in done)
    first_line = feed.read_bytes().index(b"\n")
    feed.write_bytes(b"x" * first_line + feed.read_bytes()[first_line:])
    resumed = subprocess.run(cli("extract", feed, "-o", killed, "--resume", *common[:-1]), env=cli_env(),
                             capture_output=True, text=True, timeout=180)
    assert resumed.returncode == 0, resumed.stderr
    assert "error:" not in resumed.stderr and "malformed" not in resumed.stderr
    assert re.search(rf"articles already done\W+{len(done)}\b", resumed.stderr), resumed.stderr
    assert lines(killed) == lines(full) and sum(lines(full).values()) > 200
    assert [e.article_id for e in read_done(killed, None)] == [f"dump-{i:04d}" for i in range(240)]
