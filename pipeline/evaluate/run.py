"""``newsclaims eval``: run the pipeline (or read predictions), score against gold, write reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from pipeline.errors import NewsclaimsError
from pipeline.evaluate.gold import load_gold, load_gold_entities
from pipeline.evaluate.gold_check import read_corpus
from pipeline.evaluate.report import print_summary, write_html, write_markdown
from pipeline.evaluate.scorer import EvalResult, RunInfo, compare, load_mentions, load_predictions, score
from pipeline.records import Claim, Mention

if TYPE_CHECKING:
    from pipeline.extractor import Extractor

REPORT_FILES = ("report.json", "report.md", "report.html")


def _paths(value: Path | Sequence[Path]) -> list[Path]:
    return [value] if isinstance(value, Path) else list(value)


def _show(value: Path | Sequence[Path] | None) -> str | None:
    if value is None:
        return None
    return ", ".join(str(p) for p in _paths(value))


def run_eval(
    corpus: Path,
    gold: Path | Sequence[Path],
    *,
    pred: Path | None = None,
    out: Path | None = None,
    baseline: Path | None = None,
    entities_gold: Path | Sequence[Path] | None = None,
    pred_mentions: Path | None = None,
    extractor: Extractor | None = None,
) -> EvalResult:
    """Score ``pred`` (or a fresh pipeline run over ``corpus``) against ``gold``.

    With ``out``, writes report.json, report.md and report.html there (and, after a pipeline
    run, the predictions as pred.jsonl and pred.mentions.jsonl).  ``baseline`` is a previous
    report.json (or its folder) to compare with.  Entities are scored when ``entities_gold`` is
    given and mentions exist: from the run, or from ``pred_mentions`` with ``pred``.
    """
    articles, problems = read_corpus(corpus)
    if not articles:
        raise NewsclaimsError(f"{corpus}: no readable articles")
    gold_lines = load_gold(_paths(gold))
    ent_lines = load_gold_entities(_paths(entities_gold)) if entities_gold is not None else None
    info = RunInfo(corpus=str(corpus), gold=_show(gold), pred=str(pred) if pred else None,
                   entities_gold=_show(entities_gold),
                   created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), warnings=list(problems))
    claims: list[Claim]
    mentions: list[Mention] | None
    if pred is not None:
        claims = load_predictions(pred)
        mentions = load_mentions(pred_mentions) if pred_mentions is not None else None
        if ent_lines is not None and mentions is None:
            info.warnings.append("entities not scored: no predicted mentions file given with the predictions")
    else:
        if extractor is None:
            from pipeline.extractor import Extractor

            extractor = Extractor()
        claims, mentions = [], []
        for res in extractor.extract_many(articles.values()):
            claims.extend(res.claims)
            mentions.extend(res.mentions)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "pred.jsonl").write_text("".join(c.model_dump_json() + "\n" for c in claims), encoding="utf-8")
            (out / "pred.mentions.jsonl").write_text("".join(m.model_dump_json() + "\n" for m in mentions),
                                                      encoding="utf-8")
    for what, ids in (("gold claim(s)", [line.item.article_id for line in gold_lines]),
                      ("predicted claim(s)", [c.article_id for c in claims])):
        stray = sorted({i for i in ids if i not in articles})
        if stray:
            n = sum(1 for i in ids if i not in articles)
            info.warnings.append(f"{n} {what} for articles not in the corpus, not scored: {', '.join(stray[:5])}"
                                 + (" ..." if len(stray) > 5 else ""))
    result = score(
        gold_lines, claims, {a.id: a.text for a in articles.values()}, articles=articles.keys(),
        gold_entities=[e.item for e in ent_lines] if ent_lines is not None and mentions is not None else None,
        pred_mentions=mentions, info=info,
    )
    if baseline is not None:
        result.diff = compare(result, EvalResult.load(baseline), str(baseline))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(result.to_json() + "\n", encoding="utf-8")
        write_markdown(result, out / "report.md")
        write_html(result, out / "report.html", articles)
    return result


def eval_command(
    corpus: Path,
    gold: Path | Sequence[Path],
    pred: Path | None = None,
    out: Path | None = None,
    baseline: Path | None = None,
    entities: Path | Sequence[Path] | None = None,
    mentions: Path | None = None,
    console: Console | None = None,
    config: dict[str, dict[str, Any]] | None = None,
) -> EvalResult:
    """What ``newsclaims eval`` does: evaluate, print the summary tables, name the reports written.

    Errors a user can fix (a bad gold line, a missing file) end the command with exit code 2.
    """
    import typer

    console = console or Console()
    err = Console(stderr=True)
    for path in [corpus, *_paths(gold), pred, baseline, *(_paths(entities) if entities else []), mentions]:
        if path is not None and not path.exists():
            err.print(f"error: {path}: no such file or folder", markup=False)
            raise typer.Exit(2)
    try:
        from pipeline.extractor import Extractor

        result = run_eval(corpus, gold, pred=pred, out=out, baseline=baseline, entities_gold=entities,
                          pred_mentions=mentions, extractor=Extractor(config=config) if config else None)
    except NewsclaimsError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    for warning in result.info.warnings:
        err.print(f"warning: {warning}", markup=False)
    print_summary(result, console)
    if out is not None:
        console.print("reports: " + "  ".join(str(out / name) for name in REPORT_FILES), markup=False)
    return result
