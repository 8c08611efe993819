"""The ``newsclaims`` command line: extract, eval, schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from pipeline.articles import DEFAULT_MAX_BYTES, Article, ReadError, iter_articles
from pipeline.records import Claim

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
        self.claims: Counter[str] = Counter()


def _articles(paths: list[Path], published: dt.date | None, max_bytes: int, errors: TextIO,
              tally: _Tally) -> Iterator[Article]:
    for item in iter_articles(paths, published=published, max_bytes=max_bytes):
        if isinstance(item, ReadError):
            tally.failed += 1
            errors.write(f"error: {item}\n")
            errors.flush()
        else:
            tally.read += 1
            yield item


def _summary(tally: _Tally, console: Console) -> None:
    table = Table(title="newsclaims extract")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(tally.read))
    table.add_row("inputs failed", str(tally.failed))
    for kind in ("money", "quantity", "count", "percent", "comparison", "ranking", "event"):
        table.add_row(f"claims: {kind}", str(tally.claims.get(kind, 0)))
    table.add_row("claims: all", str(sum(tally.claims.values())))
    console.print(table)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="files and folders (recursive) of articles")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSONL file (default: stdout)")] = None,
    errors_path: Annotated[Path | None, typer.Option("--errors", help="error lines (default: stderr)")] = None,
    published: Annotated[str | None, typer.Option(help="YYYY-MM-DD for articles that carry no date")] = None,
    mentions: Annotated[Path | None, typer.Option(help="also write normalised mentions (JSONL)")] = None,
    emit_text: Annotated[Path | None, typer.Option("--emit-text", help="write each cleaned text here")] = None,
    batch_size: Annotated[int, typer.Option(min=1)] = 32,
    n_process: Annotated[int, typer.Option(min=1)] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="refuse larger input files")] = DEFAULT_MAX_BYTES,
    summary: Annotated[bool, typer.Option(help="print a summary table on stderr")] = True,
) -> None:
    """Extract claim records from articles; one JSON record per line."""
    from pipeline.extractor import Extractor

    pub = _parse_date(published)
    err_console = Console(stderr=True)
    tally = _Tally()
    with ExitStack() as stack:
        out: TextIO = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        errs: TextIO = (stack.enter_context(errors_path.open("w", encoding="utf-8"))
                        if errors_path else sys.stderr)
        ment: TextIO | None = stack.enter_context(mentions.open("w", encoding="utf-8")) if mentions else None
        if emit_text:
            emit_text.mkdir(parents=True, exist_ok=True)
        extractor = Extractor()
        results = extractor.extract_many(_articles(paths, pub, max_bytes, errs, tally),
                                         batch_size=batch_size, n_process=n_process)
        for result in results:
            for claim in result.claims:
                out.write(claim.model_dump_json(exclude_none=False) + "\n")
                tally.claims[claim.type] += 1
            out.flush()
            if ment is not None:
                for mention in result.mentions:
                    ment.write(mention.model_dump_json() + "\n")
                ment.flush()
            if emit_text:
                safe = result.article.id.replace("/", "_").replace(":", "_")
                (emit_text / f"{safe}.txt").write_text(result.article.text, encoding="utf-8")
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
) -> None:
    """Score the pipeline (or a predictions file) against gold claims and write reports."""
    from pipeline.evaluate.run import eval_command

    eval_command(corpus=corpus, gold=gold, pred=pred, out=out, baseline=baseline, entities=entities)


def main() -> None:  # pragma: no cover
    app()
