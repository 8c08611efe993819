"""The Dask engine: a two-worker LocalCluster writes the records a local run writes."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_batch import cli, cli_env, lines, write_corpus

from pipeline.articles import Article
from pipeline.batch import read_done
from pipeline.extractor import Extractor
from pipeline.inputs import iter_inputs

pytest.importorskip("distributed")

from distributed import Client  # noqa: E402

from pipeline import distributed as nc_dask  # noqa: E402

PUBLISHED = "2024-12-01"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dask") / "corpus", 40, seed=11)


@pytest.fixture(scope="module")
def local_records(corpus: Path, extractor: Extractor) -> Counter[str]:
    """The records of a local, single-process run over the corpus."""
    import datetime as dt

    articles = (a for a in iter_inputs([corpus], published=dt.date.fromisoformat(PUBLISHED))
                if isinstance(a, Article))
    return Counter(c.model_dump_json(exclude_none=False) for r in extractor.extract_many(articles) for c in r.claims)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    client = nc_dask.local_client(2, processes=True)
    yield client
    nc_dask.close_client(client)


@pytest.mark.parametrize("partition_bytes", [1, 40, 97, 500, 10_000])
def test_distributed_line_ranges_cover_the_file_once_at_line_starts(tmp_path: Path, partition_bytes: int) -> None:
    content = b"".join(json.dumps({"text": f"Chipmaker {k} shipped {k * 7} wafers."}).encode() + b"\n" * (1 + k % 2)
                       for k in range(30))
    path = tmp_path / "dump.jsonl"
    path.write_bytes(content)
    with path.open("rb") as handle:
        ranges = nc_dask.line_ranges(handle, partition_bytes)
    assert ranges[0].start == 0 and ranges[-1].end is None
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:], strict=False))
    for span in ranges:
        assert span.start == 0 or content[span.start - 1:span.start] == b"\n"
        assert span.number == content[:span.start].count(b"\n") + 1
        assert span.end is None or span.end - span.start > partition_bytes
    assert (len(ranges) > 1) == (partition_bytes < len(content) - 60)


def test_distributed_only_large_plain_jsonl_is_cut(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_bytes(b'{"text": "Arm sold 9 million licences."}\n' * 100)
    packed = tmp_path / "big.jsonl.gz"
    packed.write_bytes(b"\x1f\x8b" + b"\x00" * 5000)
    assert len(nc_dask.pieces(str(big), 1000)) == 4  # 4,100 bytes: ranges just past each 1,000
    assert nc_dask.pieces(str(big), 10_000) == [nc_dask.Piece(str(big))]
    assert nc_dask.pieces(str(packed), 1000) == [nc_dask.Piece(str(packed))]
    parts = nc_dask.partitions([*nc_dask.pieces(str(big), 1000), "a.txt", "b.txt", "c.txt"], size=2)
    assert [len(p) for p in parts] == [1, 1, 1, 1, 2, 1]


@pytest.mark.slow
def test_distributed_one_large_jsonl_runs_as_byte_ranges_with_the_records_of_a_local_run(
        client: Client, tmp_path: Path, extractor: Extractor) -> None:
    """One dump, cut into line-aligned byte ranges on both workers: the records (and their order) and
    the errors of a local run."""
    import datetime as dt
    import random

    from test_batch import article_text

    rng = random.Random(5)
    rows = [json.dumps({"text": article_text(rng, k % 4 != 3)}) for k in range(60)]
    rows[17] = "{broken"
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    published = dt.date.fromisoformat(PUBLISHED)
    local = [c.model_dump_json(exclude_none=False) for r in extractor.extract_many(
        a for a in iter_inputs([dump], published=published) if isinstance(a, Article)) for c in r.claims]
    out = tmp_path / "dask.jsonl"
    errors: list[str] = []
    run = nc_dask.extract_with_dask(client, [dump], output=out, published=published, partition_bytes=2_000,
                                    on_error=errors.append)
    assert run.partitions >= 4
    assert out.read_text(encoding="utf-8").splitlines() == local and len(local) > 60
    assert (run.read, run.failed) == (59, 1) and errors == [f"{dump}:18: malformed JSON: Expecting property name "
                                                            "enclosed in double quotes (column 2)"]
    assert sorted({e.article_id for e in read_done(out, None)}) == sorted(f"dump-{k}" for k in range(1, 61) if k != 18)


@pytest.mark.slow
def test_distributed_single_output_equals_a_local_run(client: Client, corpus: Path, local_records: Counter[str],
                                                      tmp_path: Path) -> None:
    """Partitions run on both workers, each loading the pipeline once; the records are those of a local run."""
    import datetime as dt

    out = tmp_path / "dask.jsonl"
    run = nc_dask.extract_with_dask(client, [corpus.as_uri()], output=out, partition_size=6,
                                    published=dt.date.fromisoformat(PUBLISHED))
    assert lines(out) == local_records
    assert sum(local_records.values()) > 30
    assert (run.read, run.failed, run.partitions) == (40, 0, 7)
    assert sum(run.claims.values()) == sum(local_records.values())
    assert len(read_done(out, None)) == 40
    loaded = client.run(lambda: len(nc_dask._PIPELINES))
    assert list(loaded.values()) == [1, 1]


@pytest.mark.slow
def test_distributed_cli_output_dir_and_partition_resume(client: Client, corpus: Path, local_records: Counter[str],
                                                         tmp_path: Path) -> None:
    """``--engine dask --output-dir`` writes one file per partition; resuming redoes only missing parts."""
    out_dir = tmp_path / "parts"
    args = ["extract", corpus, "--engine", "dask", "--scheduler", client.scheduler.address, "--output-dir",
            out_dir, "--partition-size", "10", "--published", PUBLISHED, "--no-summary"]
    first = subprocess.run(cli(*args), env=cli_env(), capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    parts = sorted(out_dir.glob("part-*.jsonl"))
    assert [p.name for p in parts] == [f"part-{i:05d}.jsonl" for i in range(4)]
    assert sum((lines(p) for p in parts), Counter()) == local_records
    manifest = json.loads((out_dir / nc_dask.MANIFEST).read_text())
    assert [len(p) for p in manifest["partitions"]] == [10, 10, 10, 10]

    parts[1].unlink()
    before = parts[0].stat().st_mtime_ns
    again = subprocess.run(cli(*args, "--resume"), env=cli_env(), capture_output=True, text=True, timeout=180)
    assert again.returncode == 0, again.stderr
    assert parts[0].stat().st_mtime_ns == before
    assert sum((lines(p) for p in sorted(out_dir.glob("part-*.jsonl"))), Counter()) == local_records
