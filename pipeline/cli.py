"""The ``newsclaims`` command line: extract, eval, schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.articles import DEFAULT_MAX_BYTES, Article, ReadError
from pipeline.batch import BatchWriter, StreamWriter, Writer, iter_inputs
from pipeline.records import Claim

if TYPE_CHECKING:
    from pipeline.extractor import ArticleResult

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn tech-news articles into validated, grounded JSON claim records.")
SCHEMA_PATH = Path(__file__).parent / "schema" / "claim.schema.json"


def claim_schema() -> dict[str, object]:
    """The JSON Schema of one record, generated from the pydantic model."""
    return Claim.model_json_schema()


@app.command()
def schema() -> None:
    """Print the JSON Schema of a claim record."""
    typer.echo(json.dumps(claim_schema(), indent=2, sort_keys=True))


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


class _Tally:
    def __init__(self) -> None:
        self.read = 0
        self.failed = 0
        self.skipped = 0
        self.claims: Counter[str] = Counter()


def _articles(paths: list[str], published: dt.date | None, max_bytes: int, errors: TextIO,
              tally: _Tally, writer: Writer) -> Iterator[Article]:
    for item in iter_inputs(paths, published=published, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            tally.failed += 1
            errors.write(f"error: {item}\n")
            errors.flush()
        else:
            tally.read += 1
            if writer.skip(item):
                tally.skipped += 1
            else:
                yield item


def _summary(tally: _Tally, console: Console) -> None:
    table = Table(title="newsclaims extract")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(tally.read))
    if tally.skipped:
        table.add_row("articles already done", str(tally.skipped))
    table.add_row("inputs failed", str(tally.failed))
    for kind in ("money", "quantity", "count", "percent", "comparison", "ranking", "event"):
        table.add_row(f"claims: {kind}", str(tally.claims.get(kind, 0)))
    table.add_row("claims: all", str(sum(tally.claims.values())))
    console.print(table)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _extract_local(paths: list[str], writer: Writer, errs: TextIO, tally: _Tally, *, pub: dt.date | None,
                   max_bytes: int, batch_size: int, n_process: int, with_mentions: bool,
                   emit_text: Path | None) -> None:
    from pipeline.extractor import Extractor

    results = Extractor().extract_many(_articles(paths, pub, max_bytes, errs, tally, writer),
                                       batch_size=batch_size, n_process=n_process, mentions=with_mentions)
    with _progress() as progress:
        task = progress.add_task("articles", total=None, claims=0) if progress is not None else None
        for result in results:
            _write_result(result, writer, tally, with_mentions, emit_text)
            if progress is not None and task is not None:
                progress.update(task, advance=1, claims=sum(tally.claims.values()))


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """A live counter on stderr, only for a person watching a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.completed} articles, {task.fields[claims]} claims"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield progress


def _write_result(result: ArticleResult, writer: Writer, tally: _Tally, with_mentions: bool,
                  emit_text: Path | None) -> None:
    records = [claim.model_dump_json(exclude_none=False) for claim in result.claims]
    tally.claims.update(claim.type for claim in result.claims)
    mention_lines = [m.model_dump_json() for m in result.mentions] if with_mentions else []
    writer.add(result.article.id, result.article.content_hash, records, mention_lines)
    if emit_text:
        safe = result.article.id.replace("/", "_").replace(":", "_")
        (emit_text / f"{safe}.txt").write_text(result.article.text, encoding="utf-8")


def _extract_dask(paths: list[str], output: Path | TextIO, mentions: Path | TextIO | bool, errs: TextIO,
                  tally: _Tally, *, scheduler: str | None, pub: dt.date | None, max_bytes: int, batch_size: int,
                  n_process: int, output_dir: str | None, partition_size: int, resume: bool) -> None:
    try:
        from pipeline.distributed import close_client, extract_with_dask, local_client
    except ImportError:
        raise typer.BadParameter("--engine dask needs the extra: pip install 'newsclaims[dask]'") from None
    from distributed import Client

    def on_error(message: str) -> None:
        errs.write(f"error: {message}\n")
        errs.flush()

    client = Client(scheduler) if scheduler else local_client(n_process)
    try:
        run = extract_with_dask(client, paths, output=None if output_dir else output, output_dir=output_dir,
                                mentions=mentions, published=pub, max_bytes=max_bytes, batch_size=batch_size,
                                partition_size=partition_size, resume=resume, on_error=on_error)
    finally:
        if scheduler:
            client.close()
        else:
            close_client(client)
    tally.read, tally.failed, tally.claims = run.read, run.failed, run.claims


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="files and folders (recursive) of articles; fsspec URLs too")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSONL file (default: stdout)")] = None,
    errors_path: Annotated[Path | None, typer.Option("--errors", help="error lines (default: stderr)")] = None,
    published: Annotated[str | None, typer.Option(help="YYYY-MM-DD for articles that carry no date")] = None,
    mentions: Annotated[Path | None, typer.Option(help="also write normalised mentions (JSONL)")] = None,
    emit_text: Annotated[Path | None, typer.Option("--emit-text", help="write each cleaned text here")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="worker processes (Dask: local workers)")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="refuse larger input files")] = DEFAULT_MAX_BYTES,
    resume: Annotated[bool, typer.Option(
        help="skip the articles already in --output (see OUTPUT.done) and append the rest")] = False,
    engine: Annotated[Engine, typer.Option(help="local processes, or a Dask cluster")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (default: a LocalCluster of --n-process workers)")] = None,
    output_dir: Annotated[str | None, typer.Option(
        "--output-dir", help="Dask: one part-NNNNN.jsonl per partition in this folder or URL")] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Dask: input files per partition")] = 16,
    summary: Annotated[bool, typer.Option(help="print a summary table on stderr")] = True,
) -> None:
    """Extract claim records from articles; one JSON record per line.

    With -o, OUTPUT.done beside the output logs the finished articles, so a run that was killed can be
    continued with --resume and ends with exactly the records of an uninterrupted run.
    """
    from pipeline.batch import ResumeError

    pub = _parse_date(published)
    if resume and output is None and output_dir is None:
        raise typer.BadParameter("--resume needs --output (or --output-dir with --engine dask)")
    if output_dir is not None and (engine is not Engine.dask or output is not None):
        raise typer.BadParameter("--output-dir goes with --engine dask, instead of --output")
    if engine is Engine.dask and (emit_text is not None or (resume and output_dir is None)):
        raise typer.BadParameter("with --engine dask, --emit-text is not available and --resume needs --output-dir")
    if output_dir is not None and mentions is not None:
        raise typer.BadParameter("with --output-dir, mentions cannot go to one file: omit --mentions")
    err_console = Console(stderr=True)
    tally = _Tally()
    try:
        with ExitStack() as stack:
            errs: TextIO = (stack.enter_context(errors_path.open("w", encoding="utf-8"))
                            if errors_path else sys.stderr)
            if emit_text:
                emit_text.mkdir(parents=True, exist_ok=True)
            if engine is Engine.dask:
                target: Path | TextIO = output if output is not None else sys.stdout
                ment: Path | TextIO | bool = False
                if mentions is not None:
                    ment = mentions if output is not None else stack.enter_context(mentions.open("w", encoding="utf-8"))
                _extract_dask(paths, target, ment, errs, tally, scheduler=scheduler, pub=pub, max_bytes=max_bytes,
                              batch_size=batch_size, n_process=n_process, output_dir=output_dir,
                              partition_size=partition_size, resume=resume)
            else:
                writer: Writer
                if output is not None:
                    writer = stack.enter_context(BatchWriter(output, mentions, resume=resume,
                                                             commit_every=batch_size))
                else:
                    ment_out = stack.enter_context(mentions.open("w", encoding="utf-8")) if mentions else None
                    writer = StreamWriter(sys.stdout, ment_out)
                _extract_local(paths, writer, errs, tally, pub=pub, max_bytes=max_bytes, batch_size=batch_size,
                               n_process=n_process, with_mentions=mentions is not None, emit_text=emit_text)
    except ResumeError as exc:
        err_console.print(f"error: {exc}")
        raise typer.Exit(2) from None
    if summary:
        _summary(tally, err_console)
    raise typer.Exit(1 if tally.failed else 0)


@app.command("eval")
def eval_(
    corpus: Annotated[Path, typer.Argument(help="folder of articles")],
    gold: Annotated[Path, typer.Option(help="gold claims JSONL")],
    pred: Annotated[Path | None, typer.Option(help="predicted claims JSONL (default: run the pipeline)")] = None,
    out: Annotated[Path | None, typer.Option(help="folder for report.md, report.html, report.json")] = None,
    baseline: Annotated[Path | None, typer.Option(help="report.json of a previous run")] = None,
    entities: Annotated[Path | None, typer.Option(help="gold entities JSONL")] = None,
    mentions: Annotated[Path | None, typer.Option(help="predicted mentions JSONL, with --pred")] = None,
) -> None:
    """Score the pipeline (or a predictions file) against gold claims and write reports."""
    from pipeline.evaluate.run import eval_command

    eval_command(corpus=corpus, gold=gold, pred=pred, out=out, baseline=baseline, entities=entities,
                 mentions=mentions)


def main() -> None:  # pragma: no cover
    app()
