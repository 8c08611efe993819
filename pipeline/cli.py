"""The ``newsclaims`` command line: extract, eval, schema.

Exit status of ``extract``: 0 every input read, 1 some inputs failed (the rest done), 2 a usage or
environment error (one ``error:`` line), 3 a crash (a bug; the traceback goes to a file), 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import signal
import sys
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from typer.core import TyperGroup

from pipeline.archives import split_name
from pipeline.articles import DEFAULT_MAX_BYTES, STREAMED_SUFFIXES, Article, ReadError, iter_articles
from pipeline.batch import BatchWriter, StreamWriter, Writer, is_special, read_resumed
from pipeline.cli_output import (
    CLAIM_KINDS,
    ErrorLines,
    Tally,
    TextFiles,
    cause_kind,
    check_writable,
    print_summary,
    progress_display,
)
from pipeline.errors import NewsclaimsError
from pipeline.inputs import DEFAULT_PARTITION_BYTES, expand_inputs, local_path
from pipeline.records import Claim

if TYPE_CHECKING:
    from pipeline.extractor import ArticleResult

EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_CRASH, EXIT_INTERRUPTED = 1, 2, 3, 130
# click's exception root, whether typer raises the click package's or its own copy's
_ClickException: type[Exception] = typer.BadParameter.__mro__[2]


class _Group(TyperGroup):
    """Usage errors as one ``error: ...`` line (exit 2), not a usage box: batch logs stay greppable."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # type: ignore[attr-defined]
            else:
                ctx = getattr(exc, "ctx", None)
                hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
                message = exc.format_message()  # type: ignore[attr-defined]
                typer.echo(f"error: {' '.join(message.split())}{hint}", err=True)
            sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        except Exception as exc:  # anywhere outside a command's own handling (an import, a setting)
            _crash(exc, "--debug" in (args if args is not None else sys.argv))
            sys.exit(EXIT_CRASH)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn tech-news articles into validated, grounded JSON claim records.")
SCHEMA_PATH = Path(__file__).parent / "schema" / "claim.schema.json"


def _show_version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"newsclaims {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True, help="print the version and exit")] = False) -> None:
    """Turn tech-news articles into validated, grounded JSON claim records."""


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
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--published") from None


def _parse_types(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    wanted = {t.strip() for t in value.split(",") if t.strip()}
    unknown = sorted(wanted - set(CLAIM_KINDS))
    if unknown or not wanted:
        raise typer.BadParameter(f"unknown claim type {', '.join(unknown) or repr(value)}; "
                                 f"the types are {', '.join(CLAIM_KINDS)}", param_hint="--type")
    return frozenset(wanted)


def _parse_settings(config_file: Path | None, assignments: list[str]) -> dict[str, dict[str, Any]] | None:
    from pipeline.nlp import read_settings

    try:
        return read_settings(config_file, assignments) or None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _claim_filter(types: frozenset[str] | None, min_confidence: float | None) -> Callable[[Claim], bool]:
    """Filters on the records, so one loaded pipeline serves every choice (the linker's own
    ``min_confidence`` compares the same figure)."""
    def keep(claim: Claim) -> bool:
        return ((types is None or claim.type in types)
                and (min_confidence is None or claim.confidence >= min_confidence))
    return keep


class Engine(StrEnum):
    local = "local"
    dask = "dask"


def _stdin_articles(published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    """One article from stdin, read like a file: JSON when it starts with ``{`` (one object, or JSON
    Lines), else plain text."""
    if sys.stdin.isatty():
        typer.echo("reading one article from stdin; end it with Ctrl-D", err=True)
    data = sys.stdin.buffer.read(max_bytes + 1)
    suffix = ".txt"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        try:
            suffix = ".json" if isinstance(json.loads(data), dict) else ".jsonl"
        except ValueError:
            suffix = ".jsonl"
    with tempfile.TemporaryDirectory(prefix="newsclaims-") as tmp:
        local = Path(tmp) / f"stdin{suffix}"
        local.write_bytes(data)
        for item in iter_articles([local], published=published, max_bytes=max_bytes):
            if isinstance(item, ReadError):
                yield ReadError("<stdin>", item.cause, item.line)
            else:
                yield item.model_copy(update={"source_path": (item.source_path or "").replace(str(local), "<stdin>")})


def _list_inputs(paths: list[str], exclude: list[Path], tally: Tally) -> list[str | ReadError]:
    """Every input file before the first is read, so progress can show a total; '-' stays in place."""
    files: list[str | ReadError] = []
    for path in paths:
        if path == "-":
            files.append(path)
        else:
            files.extend(expand_inputs([path], exclude=exclude, on_skip=tally.skip_unsupported))
    return files


def _articles(files: list[str | ReadError], order: deque[_Pending], *, published: dt.date | None,
              max_bytes: int, tally: Tally, errors: ErrorLines, writer: Writer, texts: TextFiles | None
              ) -> Iterator[Article]:
    """Articles to run; ``order`` gets, per article, the files done once it is written, its input and
    its text file."""

    def skipped_unread(count: int) -> None:  # a resumed dump's done articles, not parsed again
        tally.read += count
        tally.skipped += count

    for index, location in enumerate(files, 1):
        if isinstance(location, ReadError):
            tally.fail(location.cause)
            errors.write(f"error: {location}")
            continue
        many = location == "-" or split_name(location)[1] in STREAMED_SUFFIXES
        items = (_stdin_articles(published, max_bytes) if location == "-"
                 else read_resumed(location, writer, published=published, max_bytes=max_bytes,
                                   on_warning=errors.write, on_skipped=skipped_unread))
        for item in items:
            if isinstance(item, ReadError):
                tally.fail(item.cause)
                errors.write(f"error: {item}")
                continue
            tally.read += 1
            text_path = None
            if texts is not None:
                text_path, warning = texts.assign(item)
                if warning:
                    errors.write(warning)
            if writer.skip(item):
                tally.skipped += 1
                continue
            order.append(_Pending(index - 1 if many else index, location, text_path))
            yield item


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article sent to the pipeline: the inputs done once it is written, its input, its text file."""

    files_done: int
    location: str
    text_path: Path | None


def _write_result(result: ArticleResult, writer: Writer, tally: Tally, keep: Callable[[Claim], bool],
                  with_mentions: bool, pending: _Pending) -> None:
    claims = [claim for claim in result.claims if keep(claim)]
    tally.count_claims(claims)
    mention_lines = [m.model_dump_json() for m in result.mentions] if with_mentions else []
    article = result.article
    writer.add(article.id, article.content_hash, [claim.model_dump_json(exclude_none=False) for claim in claims],
               mention_lines, source=pending.location, position=article.position)
    if pending.text_path is not None:
        pending.text_path.write_text(article.text, encoding="utf-8")


class _StopRequest:
    """The first Ctrl-C stops the run between two articles, so every article written is whole and
    counted; a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None
        self._pid = os.getpid()

    def _handle(self, signum: int, frame: object) -> None:
        if os.getpid() != self._pid:  # a forked worker: the main process decides when to stop
            return
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        typer.echo("stopping after the articles in progress (Ctrl-C again to stop at once)", err=True)

    def __enter__(self) -> _StopRequest:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: Ctrl-C stays Python's KeyboardInterrupt
            self._previous = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _extract_local(files: list[str | ReadError], writer: Writer, errors: ErrorLines, tally: Tally, *,
                   pub: dt.date | None, max_bytes: int, batch_size: int, n_process: int, with_mentions: bool,
                   emit_text: Path | None, keep: Callable[[Claim], bool], show_progress: bool,
                   config: dict[str, dict[str, Any]] | None = None) -> None:
    from pipeline.extractor import Extractor

    order: deque[_Pending] = deque()
    texts = TextFiles(emit_text) if emit_text is not None else None
    articles = _articles(files, order, published=pub, max_bytes=max_bytes, tally=tally, errors=errors,
                         writer=writer, texts=texts)
    results = Extractor(config=config).extract_many(articles, batch_size=batch_size, n_process=n_process,
                                       mentions=with_mentions)
    with progress_display(show_progress, len(files), errors) as progress, _StopRequest() as stop:
        task = progress.add_task("extract", total=len(files) or None, articles=0, claims=0) if progress else None
        for result in results:
            pending = order.popleft()
            if result.error is not None:  # not logged: a --resume tries it again (in a dump, if after the last done)
                tally.fail(result.error)
                errors.write(f"error: {result.article.source_path or result.article.id}: {result.error}")
            else:
                _write_result(result, writer, tally, keep, with_mentions, pending)
                tally.finished += 1
            if stop.requested:
                raise KeyboardInterrupt
            if progress is not None and task is not None:
                progress.update(task, completed=pending.files_done, articles=tally.finished,
                                claims=sum(tally.claims.values()))
        if progress is not None and task is not None:
            progress.update(task, completed=len(files))


def _extract_dask(paths: list[str], output: Path | TextIO, mentions: Path | TextIO | bool, errors: ErrorLines,
                  tally: Tally, *, scheduler: str | None, pub: dt.date | None, max_bytes: int, batch_size: int,
                  n_process: int, output_dir: str | None, partition_size: int, partition_bytes: int, resume: bool,
                  own: list[Path], config: dict[str, dict[str, Any]] | None) -> None:
    try:
        from pipeline.distributed import close_client, extract_with_dask, local_client
    except ImportError:
        raise typer.BadParameter("--engine dask needs the extra: pip install 'newsclaims[dask]'") from None
    from distributed import Client

    def on_error(message: str) -> None:
        tally.failures[cause_kind(message.split(": ", 1)[-1])] += 1
        errors.write(f"error: {message}")

    client = Client(scheduler) if scheduler else local_client(n_process)
    try:
        run = extract_with_dask(client, paths, output=None if output_dir else output, output_dir=output_dir,
                                mentions=mentions, published=pub, max_bytes=max_bytes, batch_size=batch_size,
                                partition_size=partition_size, partition_bytes=partition_bytes, resume=resume,
                                on_error=on_error, exclude=own, on_skip=tally.skip_unsupported, config=config)
    finally:
        if scheduler:
            client.close()
        else:
            close_client(client)
    tally.read, tally.failed, tally.claims = run.read, run.failed, run.claims


def _check_usage(paths: list[str], *, output: Path | None, output_dir: str | None, mentions: Path | None,
                 emit_text: Path | None, resume: bool, engine: Engine, filtered: bool) -> None:
    """Options that do not go together: refused before anything is opened."""
    if resume and output is None and output_dir is None:
        raise typer.BadParameter("--resume needs --output (or --output-dir with --engine dask)")
    if output_dir is not None and (engine is not Engine.dask or output is not None):
        raise typer.BadParameter("--output-dir goes with --engine dask, instead of --output")
    if engine is Engine.dask and (emit_text is not None or (resume and output_dir is None)):
        raise typer.BadParameter("with --engine dask, --emit-text is not available and --resume needs --output-dir")
    if engine is Engine.dask and ("-" in paths or filtered):
        raise typer.BadParameter("with --engine dask, - (stdin), --type and --min-confidence are not available")
    if output_dir is not None and mentions is not None:
        raise typer.BadParameter("with --output-dir, mentions cannot go to one file: omit --mentions")
    if paths.count("-") > 1:
        raise typer.BadParameter("- (stdin) can be given once")


def _resume_command(ctx: typer.Context) -> str:
    """The command line of this run with ``--resume``, rebuilt from what the user gave."""
    words = ["newsclaims", ctx.info_name or "extract"]
    arguments: list[str] = []
    for param in ctx.command.params:
        name = param.name
        source = ctx.get_parameter_source(name) if name else None
        if name is None or name == "resume" or getattr(source, "name", "") not in ("COMMANDLINE", "ENVIRONMENT"):
            continue
        value = ctx.params[name]
        if param.param_type_name == "argument":
            arguments += [str(v) for v in value]
            continue
        opts: list[str] = list(getattr(param, "opts", []))
        flag = max(opts, key=len)
        if getattr(param, "is_flag", False):
            words.append(flag if value else max(getattr(param, "secondary_opts", []) or [flag], key=len))
        else:
            words += [flag, str(value.value if isinstance(value, Enum) else value)]
    dashes = ["--"] if any(a.startswith("-") for a in arguments) else []
    return shlex.join([*words, "--resume", *dashes, *arguments])


def _crash(exc: Exception, debug: bool) -> None:
    """One line for an unexpected exception (a bug), the traceback in a file to attach to a report."""
    trace = traceback.format_exc()
    if debug:
        sys.stderr.write(trace)
    try:
        fd, where = tempfile.mkstemp(prefix="newsclaims-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(trace)
    except OSError:
        sys.stderr.write(trace)
        where = "stderr above"
    message = " ".join(f"{type(exc).__name__}: {exc}".split())
    typer.echo(f"error: newsclaims crashed, which is a bug ({message}); the traceback is in {where}", err=True)


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(
        help="files and folders (searched recursively) of articles, fsspec URLs, or - for one article on stdin")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="JSONL file of claim records (default: stdout); OUTPUT.done beside it logs "
        "the finished articles")] = None,
    errors_path: Annotated[Path | None, typer.Option(
        "--errors", help="one line per input that could not be read (default: stderr)")] = None,
    published: Annotated[str | None, typer.Option(
        help="YYYY-MM-DD for articles that carry no date; relative dates resolve against it")] = None,
    mentions: Annotated[Path | None, typer.Option(
        help="also write the normalised mentions (entities, money, quantities, dates...) to this JSONL file")] = None,
    emit_text: Annotated[Path | None, typer.Option(
        "--emit-text", help="write each article's cleaned text to this folder (record offsets point into it), "
        "as ID.txt; unsafe or long ids get a short hash")] = None,
    claim_types: Annotated[str | None, typer.Option(
        "--type", help=f"only these claim types, comma-separated: {', '.join(CLAIM_KINDS)}")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="drop records with a confidence below this (0-1)")] = None,
    batch_size: Annotated[int, typer.Option(
        min=1, help="articles per nlp.pipe batch, and per commit to OUTPUT.done")] = 32,
    n_process: Annotated[int, typer.Option(min=1, help="worker processes (Dask: local workers)")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help=(
        "refuse an article larger than this: one file, or one line of a JSON Lines file, one record of a "
        "web archive, once decompressed"))] = DEFAULT_MAX_BYTES,
    resume: Annotated[bool, typer.Option(
        help="skip the articles already in --output (see OUTPUT.done) and append the rest")] = False,
    engine: Annotated[Engine, typer.Option(help="local processes, or a Dask cluster")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (default: a LocalCluster of --n-process workers)")] = None,
    output_dir: Annotated[str | None, typer.Option(
        "--output-dir", help="Dask: one part-NNNNN.jsonl per partition in this folder or URL")] = None,
    partition_size: Annotated[int, typer.Option(min=1, help="Dask: input files per partition")] = 16,
    partition_bytes: Annotated[int, typer.Option(min=1, help=(
        "Dask: an uncompressed JSON Lines file larger than this is cut into byte ranges of this size "
        "(aligned to lines), one partition each"))] = DEFAULT_PARTITION_BYTES,
    summary: Annotated[bool, typer.Option(help="print a summary table on stderr")] = True,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="no summary and no progress: only error and warning lines")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="print the traceback of a crash on stderr as well")] = False,
    config_file: Annotated[Path | None, typer.Option(
        "--config", help="stage settings: a spaCy-style config file with one [STAGE] section per stage")] = None,
    assignments: Annotated[list[str] | None, typer.Option(
        "--set", help="one stage setting, STAGE.SETTING=VALUE (repeatable; after --config), "
        "e.g. newsclaims_linker.min_confidence=0.6")] = None,
) -> None:
    """Extract claim records from articles: one JSON record per line.

    \b
    Examples:
      newsclaims extract corpora/sample -o out.jsonl --mentions mentions.jsonl
      newsclaims extract site/ -o out.jsonl --type money --min-confidence 0.6
      newsclaims extract site/ -o out.jsonl --resume    # after a stop
      newsclaims extract - --published 2025-12-10 < story.txt

    \b
    Inputs:
      .txt .md     plain text; its metadata in NAME.meta.json beside it
      .html .htm   a web page: the main text and its metadata
      .json        one article object
      .jsonl       one article object per line
      -            stdin: one article; JSON if it starts with {, else text
    Metadata and JSON fields: id, text (or body, content), title, url,
    published (YYYY-MM-DD). Other files in a folder (.css, .png, .js...)
    are skipped and counted in the summary.

    \b
    Exit status:
      0    every input was read
      1    some inputs failed (the rest were done)
      2    usage or environment error: a bad option, an output that cannot
           be written or is locked, a refused resume
      3    a crash, which is a bug (the traceback goes to a file)
      130  interrupted: what is done is kept, and the --resume command
           to continue is printed

    With -o FILE, FILE.done beside it logs the finished articles: a run that
    was stopped or killed continues with --resume and ends with exactly the
    records of an uninterrupted run.
    """
    started = time.monotonic()
    pub = _parse_date(published)
    types = _parse_types(claim_types)
    config = _parse_settings(config_file, assignments or [])
    _check_usage(paths, output=output, output_dir=output_dir, mentions=mentions, emit_text=emit_text,
                 resume=resume, engine=engine, filtered=types is not None or min_confidence is not None)
    err_console = Console(stderr=True)
    tally = Tally()
    errors = ErrorLines()
    outputs = {"records": str(output_dir or output or "stdout"), "mentions": str(mentions or ""),
               "error lines": str(errors_path or "stderr"), "texts": str(emit_text or "")}
    try:
        for path, what in ((output, "--output"), (mentions, "--mentions"), (errors_path, "--errors")):
            if path is not None:
                check_writable(path, what)
        if emit_text is not None:
            check_writable(emit_text, "--emit-text", folder=True)
        with ExitStack() as stack:
            if errors_path is not None:
                errors.stream = stack.enter_context(errors_path.open("w", encoding="utf-8"))
            if emit_text:
                emit_text.mkdir(parents=True, exist_ok=True)
            own = [p for p in (output, mentions, errors_path, emit_text) if p is not None]
            if output_dir is not None and local_path(output_dir) is not None:
                own.append(Path(output_dir))
            if engine is Engine.dask:
                target: Path | TextIO = output if output is not None else sys.stdout
                ment: Path | TextIO | bool = False
                if mentions is not None:
                    ment = mentions if output is not None else stack.enter_context(mentions.open("w", encoding="utf-8"))
                _extract_dask(paths, target, ment, errors, tally, scheduler=scheduler, pub=pub, max_bytes=max_bytes,
                              batch_size=batch_size, n_process=n_process, output_dir=output_dir,
                              partition_size=partition_size, partition_bytes=partition_bytes, resume=resume,
                              own=own, config=config)
            else:
                files = _list_inputs(paths, own, tally)
                writer: Writer
                if output is not None:  # a special file (/dev/null, a pipe) is written as a stream, no log
                    writer = stack.enter_context(BatchWriter(output, mentions, resume=resume,
                                                             commit_every=batch_size))
                else:
                    ment_out = stack.enter_context(mentions.open("w", encoding="utf-8")) if mentions else None
                    writer = StreamWriter(sys.stdout, ment_out)
                show_progress = (not quiet and sys.stderr.isatty()
                                 and not (output is None and sys.stdout.isatty()))
                _extract_local(files, writer, errors, tally, pub=pub, max_bytes=max_bytes, batch_size=batch_size,
                               n_process=n_process, with_mentions=mentions is not None, emit_text=emit_text,
                               keep=_claim_filter(types, min_confidence), show_progress=show_progress,
                               config=config)
    except KeyboardInterrupt:
        if summary and not quiet:
            print_summary(tally, err_console, time.monotonic() - started, outputs)
        resumable = output_dir is not None if engine is Engine.dask else output is not None and not is_special(output)
        how = (f"continue with: {_resume_command(ctx)}" if resumable
               else "what was written is kept; a run without -o FILE cannot be resumed")
        done = f"{tally.finished} articles finished in this run" if engine is Engine.local else "stopped"
        typer.echo(f"interrupted: {done}; {how}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except NewsclaimsError as exc:
        typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except BrokenPipeError:
        # the reader of stdout went away (| head): stop quietly, as other command-line tools do
        try:  # and keep the interpreter's last flush from a second EPIPE
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise typer.Exit(128 + 13) from None
    except OSError as exc:
        written = ", ".join(str(p) for p in (output, mentions, errors_path, emit_text) if p is not None) or "stdout"
        where = exc.filename or f"writing the outputs ({written})"
        typer.echo(f"error: {where}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except (typer.Exit, typer.Abort, _ClickException):
        raise
    except Exception as exc:
        _crash(exc, debug)
        raise typer.Exit(EXIT_CRASH) from None
    if summary and not quiet:
        print_summary(tally, err_console, time.monotonic() - started, outputs)
    raise typer.Exit(EXIT_FAILED_INPUTS if tally.failed else 0)


@app.command("eval")
def eval_(
    corpus: Annotated[Path, typer.Argument(help="folder of articles")],
    gold: Annotated[list[Path], typer.Option(help="gold claims JSONL (repeatable: the parts of one gold set)")],
    pred: Annotated[Path | None, typer.Option(help="predicted claims JSONL (default: run the pipeline)")] = None,
    out: Annotated[Path | None, typer.Option(help="folder for report.md, report.html, report.json")] = None,
    baseline: Annotated[Path | None, typer.Option(help="report.json of a previous run")] = None,
    entities: Annotated[list[Path] | None, typer.Option(help="gold entities JSONL (repeatable)")] = None,
    mentions: Annotated[Path | None, typer.Option(help="predicted mentions JSONL, with --pred")] = None,
    assignments: Annotated[list[str] | None, typer.Option(
        "--set", help="a stage setting for the pipeline run, STAGE.SETTING=VALUE (repeatable), e.g. "
        "newsclaims_linker.subject_model=false for the rules-only variant")] = None,
) -> None:
    """Score the pipeline (or a predictions file) against gold claims and write reports."""
    from pipeline.evaluate.run import eval_command

    eval_command(corpus=corpus, gold=gold, pred=pred, out=out, baseline=baseline, entities=entities or None,
                 mentions=mentions, config=_parse_settings(None, assignments or []))


def main() -> None:
    """The ``newsclaims`` command: :data:`app`, then an exit without the interpreter's teardown.

    By then every output is closed and every worker joined; what is left is freeing the loaded
    model object by object, which costs about 0.4 s of a one-article run and does nothing for the
    user. Library callers and tests use :data:`app`, which exits normally.
    """
    code: int = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or a stream is closed
        pass
    os._exit(code)
