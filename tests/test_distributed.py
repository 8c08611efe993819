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
from pipeline.batch import iter_inputs, read_done
from pipeline.extractor import Extractor

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
