"""Score the cleaned text of news pages against their hand-checked bodies.

    python -m evals.cleaning --out evals/cleaning/README.md --before evals/cleaning/before.json

Each ``SPLIT/NAME.html`` is read through the real reading path (:func:`pipeline.articles.iter_articles`,
so trafilatura, ``pipeline/html.py`` and ``pipeline/cleaning.py``) and compared with ``SPLIT/NAME.body``.
Both texts become word tokens (words, numbers with their inner points and commas, currency and percent
signs); :class:`difflib.SequenceMatcher` aligns the two lists *in order*.  Precision is the share of the
cleaned tokens that align with the body, recall the share of the body's tokens that align.  Order matters
on purpose: a body kept three times aligns once, so its two extra copies count against precision, and a
caption that repeats a body sentence cannot stand in for it.  A bag of n-grams would score both as kept.
A line of the cleaned text with more than half its tokens unaligned is listed as surviving boilerplate, a
body paragraph with more than half unaligned as lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from pipeline.articles import Article, iter_articles

ROOT = Path(__file__).resolve().parent
SPLITS = ("dev", "test")
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|[$€£¥%]")


def tokens(text: str) -> list[str]:
    """Word tokens, case-folded: the unit precision and recall count."""
    return [t.casefold() for t in _TOKEN.findall(text)]


def _line_tokens(lines: list[str]) -> list[tuple[str, int, int]]:
    """(line, first token, end token) for each non-empty line."""
    out, pos = [], 0
    for line in lines:
        n = len(tokens(line))
        if n:
            out.append((line, pos, pos + n))
        pos += n
    return out


@dataclass
class PageScore:
    page: str
    cleaned_tokens: int
    body_tokens: int
    matched: int
    error: str | None = None
    survived: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.cleaned_tokens if self.cleaned_tokens else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.body_tokens if self.body_tokens else 0.0


def read_page(path: Path) -> Article | str:
    """The article the pipeline reads from one page, or the reason it could not."""
    (item,) = list(iter_articles([path]))
    return item if isinstance(item, Article) else item.cause


def score_page(path: Path) -> PageScore:
    body = path.with_suffix(".body").read_text(encoding="utf-8")
    article = read_page(path)
    cleaned = article.text if isinstance(article, Article) else ""
    pred, gold = tokens(cleaned), tokens(body)
    blocks = SequenceMatcher(None, pred, gold, autojunk=False).get_matching_blocks()
    pred_hit, gold_hit = [False] * len(pred), [False] * len(gold)
    for a, b, size in blocks:
        pred_hit[a:a + size] = [True] * size
        gold_hit[b:b + size] = [True] * size
    score = PageScore(f"{path.parent.name}/{path.stem}", len(pred), len(gold), sum(b.size for b in blocks),
                      error=None if isinstance(article, Article) else article)
    score.survived = [line.strip() for line, i, j in _line_tokens(cleaned.splitlines())
                      if sum(pred_hit[i:j]) * 2 < j - i]
    score.lost = [line.strip() for line, i, j in _line_tokens(body.splitlines())
                  if sum(gold_hit[i:j]) * 2 < j - i]
    return score


def score_split(split: str, root: Path = ROOT) -> list[PageScore]:
    return [score_page(p) for p in sorted((root / split).glob("*.html"))]


def micro(scores: list[PageScore]) -> tuple[float, float]:
    matched = sum(s.matched for s in scores)
    cleaned = sum(s.cleaned_tokens for s in scores)
    body = sum(s.body_tokens for s in scores)
    return (matched / cleaned if cleaned else 0.0), (matched / body if body else 0.0)


#: the files that decide the cleaned text: a change to one of them makes the figures stale
TEXT_SOURCES = ("pipeline/articles.py", "pipeline/html.py", "pipeline/cleaning.py", "models/cleaning")


def _commit() -> str:
    repo = ROOT.parent.parent
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", *TEXT_SOURCES],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return head.stdout.strip() + (" (with uncommitted changes to the reading code)" if dirty else "")


def _clip(line: str, width: int = 110) -> str:
    line = line.replace("|", "\\|")
    return line if len(line) <= width else line[: width - 1] + "…"


def report(results: dict[str, list[PageScore]], before: dict[str, object] | None, command: str) -> str:
    """The Markdown of README.md: figures per split and page, then what survived and what was lost."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [(ROOT / "README.head.md").read_text(encoding="utf-8").rstrip(), "",
             "## Figures", "", f"Produced on {now} at commit {_commit()} by", "", "```sh", command, "```", "",
             "| split | pages | precision | recall | precision before | recall before |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for split, scores in results.items():
        p, r = micro(scores)
        bp = br = "—"
        if before and split in before:
            b = before[split]
            assert isinstance(b, dict)
            bp, br = f"{100 * b['precision']:.1f}", f"{100 * b['recall']:.1f}"
        lines.append(f"| {split} | {len(scores)} | {100 * p:.1f} | {100 * r:.1f} | {bp} | {br} |")
    if before:
        lines += ["", f"\"Before\" is {before.get('label', 'the earlier run')}."]
    for split, scores in results.items():
        lines += ["", f"### {split}: per page", "", "| page | precision | recall | cleaned tokens | body tokens |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for s in scores:
            note = f" (not read: {s.error})" if s.error else ""
            lines.append(f"| {s.page}{note} | {100 * s.precision:.1f} | {100 * s.recall:.1f} | "
                         f"{s.cleaned_tokens} | {s.body_tokens} |")
        lines += ["", f"### {split}: boilerplate lines that survived", ""]
        lines += [f"- `{s.page}`: {_clip(line)}" for s in scores for line in s.survived] or ["none"]
        lines += ["", f"### {split}: body lines that were lost", ""]
        lines += [f"- `{s.page}`: {_clip(line)}" for s in scores for line in s.lost] or ["none"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.cleaning", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the Markdown report here (else print the figures)")
    parser.add_argument("--before", type=Path, help="JSON of an earlier run (--json) to show beside these figures")
    parser.add_argument("--json", type=Path, help="also write this run's figures as JSON (a later --before)")
    parser.add_argument("--label", default="", help="what this run is, stored in --json")
    parser.add_argument("--splits", default=",".join(SPLITS))
    args = parser.parse_args(argv)
    results = {split: score_split(split) for split in args.splits.split(",")}
    for split, scores in results.items():
        p, r = micro(scores)
        print(f"{split}: {len(scores)} pages, precision {100 * p:.1f}%, recall {100 * r:.1f}%")
    if args.json:
        data: dict[str, object] = {"label": args.label or f"commit {_commit()}"}
        for split, scores in results.items():
            p, r = micro(scores)
            data[split] = {"precision": p, "recall": r, "pages": [asdict(s) for s in scores]}
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.out:
        before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
        command = "python -m evals.cleaning " + " ".join(argv if argv is not None else __import__("sys").argv[1:])
        args.out.write_text(report(results, before, command), encoding="utf-8")
    return 0
