"""The same extraction on a Dask cluster, for corpora one machine cannot take.

The inputs (local paths or fsspec URLs) are listed on the client and cut into partitions of a few
files; a large uncompressed JSON Lines file is cut into byte ranges of about ``partition_bytes``,
aligned to line starts, one partition each (the client reads it once, at disk speed, to find the
line breaks and number the lines, so ids and sources are those of a local run). Each partition runs
on a worker, which loads the pipeline once (a worker plugin warms a per-process cache) and reads its
files or its range itself. Records come back to the client for one JSONL file,
or each worker writes its partition's file into ``output_dir`` and only counts travel back.

Needs the optional extra: ``pip install newsclaims[dask]``; nothing else in newsclaims imports this
module, so the core runs without Dask.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from distributed import Client, Future, WorkerPlugin
from spacy.language import Language

from pipeline.archives import WHOLE, ReadRange, split_name
from pipeline.articles import DEFAULT_MAX_BYTES, JSONL_SUFFIXES, Article, ReadError
from pipeline.batch import BatchWriter, ResumeError, StreamWriter, Writer
from pipeline.inputs import DEFAULT_PARTITION_BYTES, expand_inputs, local_path, read_location

Config = dict[str, dict[str, Any]]
MANIFEST = "_partitions.json"
DEFAULT_PARTITION_SIZE = 16
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Piece:
    """What one partition reads of one input: the whole file, or a range of a JSON Lines file."""

    location: str
    span: ReadRange = WHOLE

    def to_json(self) -> str | list[Any]:
        return self.location if self.span.whole else [self.location, self.span.start, self.span.number,
                                                      self.span.end]

_PIPELINES: dict[str, tuple[Language, threading.Lock]] = {}
_PIPELINES_LOCK = threading.Lock()


def _config_key(config: Config | None) -> str:
    return json.dumps(config or {}, sort_keys=True)


def worker_pipeline(config: Config | None = None) -> tuple[Language, threading.Lock]:
    """This process's pipeline for ``config``, loaded on first use; the lock serialises its use by threads."""
    key = _config_key(config)
    with _PIPELINES_LOCK:
        if key not in _PIPELINES:
            from pipeline.nlp import load

            _PIPELINES[key] = (load(config), threading.Lock())
        return _PIPELINES[key]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (or joins), so the first partition does not pay for it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config
        self.name = "newsclaims-pipeline-" + hashlib.sha1(_config_key(config).encode()).hexdigest()[:8]

    def setup(self, worker: Any) -> None:
        worker_pipeline(self.config)


@dataclass(frozen=True, slots=True)
class Settings:
    """What every partition task needs, sent once with each task."""

    published: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 32
    config: Config | None = None
    mentions: bool = False
    output_dir: str | None = None


@dataclass(slots=True)
class ArticleLines:
    """One article's output lines, as the client writes them."""

    article_id: str
    content_hash: str
    records: list[str]
    mentions: list[str]


@dataclass(slots=True)
class PartitionResult:
    """What a partition task sends back: its lines (unless it wrote them itself), errors and counts."""

    index: int
    articles: list[ArticleLines] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    written: str | None = None


@dataclass(slots=True)
class DaskRun:
    """The summary of a Dask run."""

    read: int = 0
    failed: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    partitions: int = 0
    partitions_skipped: int = 0
    errors: list[str] = field(default_factory=list)


def line_ranges(handle: IO[bytes], partition_bytes: int) -> list[ReadRange]:
    """Ranges of about ``partition_bytes`` that cover a JSON Lines file, each starting at a line start
    with that line's number: one pass over the file, counting line breaks."""
    ranges: list[ReadRange] = []
    start, number = 0, 1
    offset, breaks = 0, 0  # bytes read so far, and the line breaks among them
    target = partition_bytes
    while chunk := handle.read(_SCAN_CHUNK):
        while target < offset + len(chunk):
            k = chunk.find(b"\n", max(0, target - offset))
            if k < 0:
                target = offset + len(chunk)  # the cut is the first line break of a later chunk
                break
            cut = offset + k + 1
            ranges.append(ReadRange(start, number, cut))
            start, number = cut, breaks + chunk.count(b"\n", 0, k + 1) + 1
            target = cut + partition_bytes
        breaks += chunk.count(b"\n")
        offset += len(chunk)
    if start < offset or not ranges:
        ranges.append(ReadRange(start, number))
    else:  # the file ends with the last cut's line break: no empty range after it
        last = ranges.pop()
        ranges.append(ReadRange(last.start, last.number))
    return ranges


def _open_binary(location: str) -> IO[bytes]:
    path = local_path(location)
    if path is not None:
        return path.open("rb")
    import fsspec

    return fsspec.open(location, "rb").open()  # type: ignore[no-any-return]


def pieces(location: str, partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Piece]:
    """One input as partition pieces: byte ranges for an uncompressed JSON Lines file larger than
    ``partition_bytes`` (of single-byte line breaks: UTF-16 stays whole), else the whole file."""
    _, fmt, compression = split_name(location)
    if fmt not in JSONL_SUFFIXES or compression is not None:
        return [Piece(location)]
    try:
        with _open_binary(location) as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() <= partition_bytes:
                return [Piece(location)]
            handle.seek(0)
            head = handle.read(4096)
            if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
                return [Piece(location)]
            handle.seek(0)
            return [Piece(location, span) for span in line_ranges(handle, partition_bytes)]
    except (OSError, ValueError, ImportError):
        return [Piece(location)]  # the worker reports why it cannot be read


def partitions(inputs: Sequence[str | Piece], size: int = DEFAULT_PARTITION_SIZE) -> list[list[Piece]]:
    """Runs of ``size`` whole files; each byte range is a partition of its own. Stable for the same
    inputs, so a resumed run finds its parts."""
    size = max(1, size)
    parts: list[list[Piece]] = []
    run: list[Piece] = []
    for item in inputs:
        piece = item if isinstance(item, Piece) else Piece(item)
        if not piece.span.whole:
            if run:
                parts.append(run)
                run = []
            parts.append([piece])
            continue
        run.append(piece)
        if len(run) == size:
            parts.append(run)
            run = []
    if run:
        parts.append(run)
    return parts


def part_name(index: int, kind: str = "") -> str:
    """The file one partition writes into ``output_dir``."""
    return f"part-{index:05d}{'.' + kind if kind else ''}.jsonl"


def _articles(part: Iterable[Piece], settings: Settings, result: PartitionResult) -> Iterator[Article]:
    for piece in part:
        for item in read_location(piece.location, published=settings.published, max_bytes=settings.max_bytes,
                                  span=piece.span):
            if isinstance(item, ReadError):
                result.errors.append(str(item))
            else:
                result.read += 1
                yield item


def run_partition(index: int, part: list[Piece], settings: Settings) -> PartitionResult:
    """Extract one partition on a worker (or anywhere): the task Dask runs."""
    from pipeline.extractor import Extractor

    nlp, lock = worker_pipeline(settings.config)
    result = PartitionResult(index)
    with lock:
        for res in Extractor(nlp).extract_many(_articles(part, settings, result),
                                               batch_size=settings.batch_size, mentions=settings.mentions):
            if res.error is not None:
                result.errors.append(f"{res.article.source_path or res.article.id}: {res.error}")
                continue
            records = [c.model_dump_json(exclude_none=False) for c in res.claims]
            mentions = [m.model_dump_json() for m in res.mentions] if settings.mentions else []
            result.claims.update(c.type for c in res.claims)
            result.articles.append(ArticleLines(res.article.id, res.article.content_hash, records, mentions))
    if settings.output_dir is not None:
        _write_part(settings.output_dir, index, result.articles, settings.mentions)
        result.written = _join(settings.output_dir, part_name(index))
        result.articles = []
    return result


def _join(root: str, name: str) -> str:
    return root.rstrip("/") + "/" + name


def _write_text(location: str, text: str) -> None:
    """Write a whole file so that it appears complete or not at all (rename locally; object stores
    publish a file only when it is closed)."""
    path = local_path(location)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return
    import fsspec

    with fsspec.open(location, "w", encoding="utf-8") as handle:
        handle.write(text)


def _exists(location: str) -> bool:
    path = local_path(location)
    if path is not None:
        return path.exists()
    import fsspec

    fs, root = fsspec.core.url_to_fs(location)
    return bool(fs.exists(root))


def _read_text(location: str) -> str:
    path = local_path(location)
    if path is not None:
        return path.read_text(encoding="utf-8")
    import fsspec

    with fsspec.open(location, "r", encoding="utf-8") as handle:
        return str(handle.read())


def _write_part(output_dir: str, index: int, articles: list[ArticleLines], mentions: bool) -> None:
    # mentions first: the records file is the partition's completion mark
    if mentions:
        _write_text(_join(output_dir, part_name(index, "mentions")),
                    "".join(line + "\n" for a in articles for line in a.mentions))
    _write_text(_join(output_dir, part_name(index)), "".join(line + "\n" for a in articles for line in a.records))


def _manifest(output_dir: str, parts: list[list[Piece]], settings: Settings, resume: bool) -> set[int]:
    """Write (or, resuming, check) the partition list; the indices whose files are already complete."""
    location = _join(output_dir, MANIFEST)
    manifest = {"partitions": [[piece.to_json() for piece in part] for part in parts], "mentions": settings.mentions}
    if resume and _exists(location):
        if json.loads(_read_text(location)) != manifest:
            raise ResumeError(f"{location}: the inputs, --partition-size or --partition-bytes differ from the run "
                              "being resumed")
        return {i for i in range(len(parts)) if _exists(_join(output_dir, part_name(i)))}
    _write_text(location, json.dumps(manifest, indent=1) + "\n")
    return set()


def dask_results(client: Client, parts: list[list[Piece]], settings: Settings, *, skip: Iterable[int] = ()
                 ) -> Iterator[PartitionResult]:
    """Run the partitions on the cluster and yield their results in partition order.

    At most two partitions per worker are in flight, so the client never holds much more than that.
    """
    client.register_plugin(PipelinePlugin(settings.config))
    done = set(skip)
    todo = [i for i in range(len(parts)) if i not in done]
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: list[Future] = []
    queue = iter(todo)
    while True:
        while len(pending) < window and (index := next(queue, None)) is not None:
            pending.append(client.submit(run_partition, index, parts[index], settings, pure=False,
                                         key=f"newsclaims-part-{index}-{os.urandom(4).hex()}"))
        if not pending:
            return
        future = pending.pop(0)
        result: PartitionResult = future.result()
        future.release()
        yield result


def extract_with_dask(
    client: Client,
    inputs: Sequence[str | Path],
    *,
    output: Path | IO[str] | None = None,
    output_dir: str | Path | None = None,
    mentions: Path | IO[str] | bool = False,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 32,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    config: Config | None = None,
    resume: bool = False,
    on_error: Callable[[str], None] | None = None,
    exclude: Iterable[Path] = (),
    on_skip: Callable[[Path], None] | None = None,
) -> DaskRun:
    """Extract claim records from ``inputs`` on the cluster behind ``client``.

    Records go to ``output`` (a JSONL file, written here with its commit log, or an open stream) or,
    with ``output_dir`` (a local folder or an fsspec URL), to one ``part-NNNNN.jsonl`` per partition,
    written by the workers. ``mentions`` is a file or stream beside ``output``, or ``True`` for
    ``part-NNNNN.mentions.jsonl`` files. ``resume`` (with ``output_dir``) skips partitions already written.
    ``exclude`` and ``on_skip`` are :func:`pipeline.inputs.expand_inputs`'s: the run's own outputs are
    never read as inputs, and unsupported files in folders are skipped and reported.
    """
    if (output is None) == (output_dir is None):
        raise ValueError("give exactly one of output and output_dir")
    if resume and output_dir is None:
        raise ResumeError("a Dask run resumes by partition: use output_dir")
    run = DaskRun()

    def error(message: str) -> None:
        run.failed += 1
        run.errors.append(message)
        if on_error is not None:
            on_error(message)

    planned: list[Piece] = []
    for item in expand_inputs(inputs, exclude=exclude, on_skip=on_skip):
        if isinstance(item, ReadError):
            error(str(item))
        else:
            planned.extend(pieces(item, partition_bytes))
    parts = partitions(planned, partition_size)
    run.partitions = len(parts)
    out_dir = str(output_dir) if output_dir is not None else None
    settings = Settings(published=published, max_bytes=max_bytes, batch_size=batch_size, config=config,
                        mentions=mentions is not False, output_dir=out_dir)
    skip: set[int] = set()
    if out_dir is not None:
        skip = _manifest(out_dir, parts, settings, resume)
        run.partitions_skipped = len(skip)
    writer = _writer(output, mentions, batch_size)
    try:
        for result in dask_results(client, parts, settings, skip=skip):
            for message in result.errors:
                error(message)
            run.read += result.read
            run.claims.update(result.claims)
            if writer is not None:
                for art in result.articles:
                    writer.add(art.article_id, art.content_hash, art.records, art.mentions)
    finally:
        if writer is not None:
            writer.close()
    return run


def _writer(output: Path | IO[str] | None, mentions: Path | IO[str] | bool, batch_size: int) -> Writer | None:
    if output is None:
        return None
    if isinstance(output, Path):
        if not (mentions is False or isinstance(mentions, Path)):
            raise ValueError("with an output file, mentions must be a file too")
        return BatchWriter(output, mentions or None, commit_every=batch_size)
    if mentions is True or isinstance(mentions, Path):
        raise ValueError("with an output stream, mentions must be a stream too")
    return StreamWriter(output, mentions or None)


def local_client(n_workers: int = 2, *, processes: bool = True) -> Client:
    """A client on a ``LocalCluster`` of this machine: one thread per worker, no dashboard."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                           dashboard_address=None)
    return Client(cluster)


def close_client(client: Client) -> None:
    """Close a client and, for one made by :func:`local_client`, its cluster."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()
