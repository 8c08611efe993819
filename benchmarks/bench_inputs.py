"""Reading large inputs: its share of a run, and Dask over one large JSON Lines dump (a script, not a test).

    python benchmarks/bench_inputs.py                                  # both parts, ~15 minutes on 2 cores
    python benchmarks/bench_inputs.py --only reading --articles 2000   # a quick look
    python benchmarks/bench_inputs.py --out benchmarks/INPUTS.md

``reading``: one generated corpus as ``dump.jsonl`` and ``dump.jsonl.zst``; for each, the time of reading
alone (decompressing, splitting lines, JSON decoding, cleaning, building the articles), of JSON decoding
alone with the standard library and with orjson and msgspec where they are installed, and a whole run
(``Extractor.extract_many`` over the reader, one process, every record serialised) in which the time
spent inside the reader is measured, so the share is the reader's part of that same run (issue 17:
under 5 %).

``dask``: one large ``dump.jsonl`` cut by ``--partition-bytes`` into line-aligned byte ranges, on a
``LocalCluster`` of one worker and then of two (each started, its pipeline loaded and warmed before the
clock starts); the ratio of the two (issue 17: at least 1.7).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import json
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_throughput import commit, machine, make_texts  # noqa: E402


def write_dumps(folder: Path, texts: list[str]) -> tuple[Path, Path]:
    import zstandard

    lines = b"".join(json.dumps({"id": f"d{i:06d}", "text": t, "published": "2025-06-30"}).encode() + b"\n"
                     for i, t in enumerate(texts))
    plain, packed = folder / "dump.jsonl", folder / "dump.jsonl.zst"
    plain.write_bytes(lines)
    packed.write_bytes(zstandard.ZstdCompressor(level=3).compress(lines))
    return plain, packed


class TimedReader:
    """An article iterator that adds up the time spent producing each article."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items = items
        self.seconds = 0.0
        self.count = 0

    def __iter__(self) -> TimedReader:
        return self

    def __next__(self) -> Any:
        start = time.perf_counter()
        try:
            item = next(self._items)
        finally:
            self.seconds += time.perf_counter() - start
        self.count += 1
        return item


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def decoders() -> dict[str, Callable[[bytes], Any]]:
    found: dict[str, Callable[[bytes], Any]] = {"json (stdlib)": json.loads}
    for name, attr in (("orjson", "loads"), ("msgspec", "json")):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found[name] = getattr(module, attr) if name == "orjson" else module.json.Decoder().decode
    return found


def _decode_all(decoder: Callable[[bytes], Any], lines: list[bytes]) -> None:
    for line in lines:
        decoder(line)


def _read_all(path: Path) -> None:
    from pipeline.articles import read_file

    for _ in read_file(path):
        pass


def bench_reading(texts: list[str], batch_size: int, repeat: int, report: list[str]) -> None:
    from pipeline.articles import Article, read_file
    from pipeline.extractor import Extractor

    extractor = Extractor()
    extractor.extract_many([{"id": "warm", "text": texts[0]}])
    with tempfile.TemporaryDirectory(prefix="nc-bench-inputs-") as tmp:
        dumps = write_dumps(Path(tmp), texts)
        raw_lines = dumps[0].read_bytes().splitlines()
        decode: dict[str, float] = {}
        for name, decoder in decoders().items():
            decode[name] = best(repeat, functools.partial(_decode_all, decoder, raw_lines))
        rows = []
        for path in dumps:
            read_alone = best(repeat, functools.partial(_read_all, path))
            reader = TimedReader(a for a in read_file(path) if isinstance(a, Article))
            start = time.perf_counter()
            claims = 0
            for result in extractor.extract_many(reader, batch_size=batch_size):
                claims += len([c.model_dump_json() for c in result.claims])  # as the CLI serialises them
            whole = time.perf_counter() - start
            rows.append(f"{path.name:18} {path.stat().st_size / 2**20:7.1f} MiB  read alone {read_alone:6.2f} s "
                        f"({len(texts) / read_alone:7.0f} articles/s)  whole run {whole:7.1f} s, {claims} claims;"
                        f"  reading inside the run {reader.seconds:5.2f} s = {100 * reader.seconds / whole:4.2f} % "
                        "of it   target < 5 %")
    report += [
        "## Reading: its share of a run",
        f"corpus: {len(texts)} articles, {sum(len(t.split()) for t in texts)} words; one process, batch size "
        f"{batch_size}; reading alone is the best of {repeat}, the run is one pass",
        "```",
        *rows,
        "```",
        f"JSON decoding alone of the {len(raw_lines)} lines (best of {repeat}):",
        "```",
        *(f"{name:14} {seconds * 1000:7.1f} ms  ({seconds / decode['json (stdlib)']:.2f} of the standard library)"
          for name, seconds in decode.items()),
        "```",
    ]


def bench_dask(texts: list[str], batch_size: int, partition_bytes: int, report: list[str]) -> None:
    from pipeline import distributed as nc_dask

    with tempfile.TemporaryDirectory(prefix="nc-bench-inputs-dask-") as tmp:
        dump, _ = write_dumps(Path(tmp), texts)
        size = dump.stat().st_size
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:8]), encoding="utf-8")
        seconds: dict[int, float] = {}
        parts = 0
        for workers in (1, 2):
            client = nc_dask.local_client(workers)
            try:
                client.register_plugin(nc_dask.PipelinePlugin(None))
                nc_dask.extract_with_dask(client, [warm], output=Path(tmp) / "warm.out.jsonl", partition_bytes=200)
                start = time.perf_counter()
                run = nc_dask.extract_with_dask(client, [dump], output=Path(tmp) / f"out{workers}.jsonl",
                                                batch_size=batch_size, partition_bytes=partition_bytes)
                seconds[workers] = time.perf_counter() - start
                parts = run.partitions
            finally:
                nc_dask.close_client(client)
        same = (Path(tmp) / "out1.jsonl").read_bytes() == (Path(tmp) / "out2.jsonl").read_bytes()
    report += [
        "## Dask over one large JSON Lines dump",
        f"corpus: one dump.jsonl of {len(texts)} articles ({size} bytes) cut "
        f"by --partition-bytes {partition_bytes} into {parts} byte ranges; LocalCluster, 1 thread per worker, "
        "started and warmed before the clock",
        "```",
        *(f"{w} worker{'s' if w > 1 else ' '}  {len(texts) / s:7.1f} articles/s ({s:6.1f} s)"
          for w, s in seconds.items()),
        f"speed-up 2 over 1: {seconds[1] / seconds[2]:.2f}x   target >= 1.70x; outputs identical: {same}",
        "```",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size of the reading part")
    parser.add_argument("--dask-articles", type=int, default=1_600, help="corpus size of the Dask part")
    parser.add_argument("--partition-bytes", type=int, default=64 * 1024, help="Dask: bytes per range")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="reading,dask", help="parts to run")
    parser.add_argument("--out", type=Path, help="also write the report (markdown) here")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    command = "python benchmarks/bench_inputs.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    report = ["# newsclaims input benchmark", "", f"- command: `{command.strip()}`",
              f"- run: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}, commit {commit()}",
              f"- machine: {machine()}", ""]
    if "reading" in parts:
        bench_reading(make_texts(args.articles), args.batch_size, args.repeat, report)
    if "dask" in parts:
        bench_dask(make_texts(args.dask_articles, seed=7), args.batch_size, args.partition_bytes, report)
    text = "\n".join(report) + "\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
