"""Check gold files before anyone trusts a score computed from them.

``python -m pipeline.evaluate.gold_check GOLD.jsonl [MORE.jsonl ...] CORPUS_DIR [--entities ENT.jsonl]``

Every line must parse and fit the gold shape, its values must be well-formed, its article must
exist, and its evidence must be an exact substring of the article as newsclaims reads it (the
cleaned text).  Exits 1 with one ``file:line: problem`` line per problem; warnings do not fail.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.articles import Article, ReadError, iter_articles
from pipeline.errors import InputError
from pipeline.evaluate.gold import (
    ENTITY_LABELS,
    GoldClaim,
    GoldEntity,
    GoldValue,
    parse_lines,
)
from pipeline.records import ClaimType

CLAIM_TYPES: tuple[ClaimType, ...] = ("money", "quantity", "count", "percent", "comparison", "ranking", "event")
VALUE_KINDS = frozenset({"share", "change", "points", "multiple", "rate", "count", "measure", "amount"})
RELATIONS = frozenset({
    "ratio_of", "faster_than", "slower_than", "larger_than", "smaller_than", "more_than", "less_than",
    "outperforms", "matches",
})
EVENT_KINDS = frozenset({
    "launch", "release", "acquisition", "funding", "export_control", "investment", "partnership",
    "appointment", "other",
})
PERCENT_UNITS = frozenset({"percent", "percentage_point"})
#: sane bounds for fractions: a share is within 0..1; a change cannot fall below -100%
PERCENT_BOUNDS: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0), "change": (-1.0, 50.0), "points": (-1.0, 1.0),
}
PERCENT_DEFAULT_BOUNDS = (-1.0, 50.0)
CURRENCY = re.compile(r"[A-Z]{3}")
USD_BASIS = re.compile(r"stated|fx:\d{4}-(0[1-9]|1[0-2])")
SENTENCE_END = tuple(".!?\"'”’)…:;")


@dataclass(slots=True)
class CheckReport:
    """What the checker found: problems fail the check, warnings only inform."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    claims: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    articles_with_gold: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def read_corpus(corpus: Path | Sequence[Path]) -> tuple[dict[str, Article], list[str]]:
    """Articles by id, and one problem line per unreadable file or duplicate id."""
    paths = [corpus] if isinstance(corpus, Path) else list(corpus)
    articles: dict[str, Article] = {}
    problems: list[str] = []
    for item in iter_articles(paths):
        if isinstance(item, ReadError):
            problems.append(f"{item}: corpus file cannot be read")
            continue
        if item.id in articles:
            problems.append(f"{item.source_path}: duplicate article id {item.id!r} "
                            f"(also {articles[item.id].source_path})")
            continue
        articles[item.id] = item
    return articles, problems


def _diverges(sentence: str, text: str) -> str:
    """Where the longest prefix of ``sentence`` found in ``text`` stops, to point at the typo."""
    lo, hi = 0, len(sentence)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sentence[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "no part of it occurs in the article"
    tail = sentence[lo:lo + 20]
    return f"matches up to char {lo}, then {tail!r} differs"


def _finite(name: str, number: float | None, out: list[str]) -> None:
    if number is not None and not math.isfinite(number):
        out.append(f"value.{name} is not a finite number ({number})")


def _value_problems(claim: GoldClaim, value: GoldValue) -> list[str]:
    out: list[str] = []
    for name in ("amount", "low", "high", "usd"):
        _finite(name, getattr(value, name), out)
    if value.low is not None and value.high is not None and value.low > value.high:
        out.append(f"value.low {value.low} is above value.high {value.high}")
    if value.currency is not None and not CURRENCY.fullmatch(value.currency):
        out.append(f"value.currency {value.currency!r} is not a 3-letter ISO 4217 code")
    if value.usd_basis is not None and not USD_BASIS.fullmatch(value.usd_basis):
        out.append(f'value.usd_basis {value.usd_basis!r} is not "stated" or "fx:YYYY-MM"')
    if value.usd is not None and value.usd_basis is None:
        out.append("value.usd is set without value.usd_basis")
    if value.usd is None and value.usd_basis is not None:
        out.append("value.usd_basis is set without value.usd")
    if value.kind is not None and value.kind not in VALUE_KINDS:
        out.append(f"value.kind {value.kind!r} is not one of {sorted(VALUE_KINDS)}")
    numbers = [n for n in (value.amount, value.low, value.high) if n is not None]
    if claim.type in ("money", "quantity", "count", "percent") and not numbers:
        out.append(f"a {claim.type} value needs amount or low/high")
    if claim.type == "money":
        if value.currency is None:
            out.append("a money value needs a currency")
        if value.currency == "USD" and value.usd is not None and value.amount is not None and not math.isclose(
                value.usd, value.amount, rel_tol=1e-9):
            out.append(f"USD amount {value.amount} but usd {value.usd}")
    elif value.currency is not None and claim.type != "comparison":
        out.append(f"a {claim.type} value has a currency")
    if claim.type == "percent":
        if value.unit not in PERCENT_UNITS:
            out.append(f"a percent value needs unit percent or percentage_point, not {value.unit!r}")
        lo, hi = PERCENT_BOUNDS.get(value.kind or "", PERCENT_DEFAULT_BOUNDS)
        for n in numbers:
            if not lo <= n <= hi:
                out.append(f"percent {n} outside {lo}..{hi} for kind {value.kind!r}: write percentages as "
                           "fractions (27% -> 0.27)")
    if claim.type == "quantity" and not value.unit:
        out.append("a quantity value needs a unit")
    if claim.type == "count":
        if value.unit is not None:
            out.append(f"a count value has unit {value.unit!r}; counts have none")
        if not value.counted:
            out.append("a count value needs counted (the noun phrase it counts)")
        for n in numbers:
            if n < 0:
                out.append(f"a count of {n} is negative")
    return out


def _context_date_problems(text: str, context: str | None, sentence: str) -> list[str]:
    """A context date names the sentence it was read from, and its text occurs there (or, for "in the
    quarter", in the claim's own sentence)."""
    if not context:
        return ["a date with basis 'context' needs context (the sentence it was read from)"]
    if text not in context and text not in sentence:
        return [f"date.text {text!r} occurs neither in date.context nor in the evidence sentence"]
    return []


def claim_problems(claim: GoldClaim, text: str) -> tuple[list[str], list[str]]:
    """Problems and warnings of one parsed gold claim against its article text."""
    problems: list[str] = []
    warnings: list[str] = []
    sentence = claim.evidence.sentence
    if not sentence.strip():
        problems.append("evidence.sentence is empty")
    elif sentence not in text:
        problems.append(f"evidence.sentence is not an exact substring of article {claim.article_id!r}: "
                        f"{_diverges(sentence, text)}")
    else:
        if sentence != sentence.strip():
            problems.append("evidence.sentence has leading or trailing whitespace")
        if not sentence.rstrip().endswith(SENTENCE_END):
            warnings.append("evidence.sentence does not end like a whole sentence")
    if claim.value is not None:
        problems.extend(_value_problems(claim, claim.value))
        if claim.value.text and claim.value.text not in sentence:
            problems.append(f"value.text {claim.value.text!r} does not occur in the evidence sentence")
    elif claim.type in ("money", "quantity", "count", "percent"):
        problems.append(f"a {claim.type} claim needs a value")
    if claim.date is not None:
        d = claim.date
        if d.start is not None and d.end is not None and d.start > d.end:
            problems.append(f"date.start {d.start} is after date.end {d.end}")
        if (d.start is None) != (d.end is None):
            problems.append("date needs both start and end, or neither")
        if d.start is not None and d.granularity is None:
            warnings.append("date has a period but no granularity")
        if d.basis == "context":
            problems.extend(_context_date_problems(d.text, d.context, sentence))
            if d.context and d.context not in text:
                warnings.append("date.context is not a sentence of the article text (the headline?)")
        elif d.text not in sentence:
            problems.append(f"date.text {d.text!r} does not occur in the evidence sentence")
    if claim.hedge is not None:
        if claim.hedge != claim.hedge.lower():
            problems.append(f"hedge {claim.hedge!r} is not lower-cased")
        if claim.hedge.lower() not in sentence.lower():
            problems.append(f"hedge {claim.hedge!r} does not occur in the evidence sentence")
    for role in ("subject", "object"):
        ref = getattr(claim, role)
        if ref is not None:
            if not ref.canonical.strip() or not ref.text.strip():
                problems.append(f"{role} needs a non-empty text and canonical")
            elif ref.text not in sentence:
                warnings.append(f"{role}.text {ref.text!r} does not occur in the evidence sentence")
    if claim.type == "comparison":
        if claim.relation not in RELATIONS:
            problems.append(f"comparison relation {claim.relation!r} is not one of {sorted(RELATIONS)}")
    elif claim.type == "ranking":
        if claim.rank is None or claim.rank < 1:
            problems.append(f"a ranking needs rank >= 1, not {claim.rank!r}")
        if claim.streak is not None and claim.streak < 1:
            problems.append(f"streak {claim.streak} is below 1")
    elif claim.type == "event":
        if claim.event_kind not in EVENT_KINDS:
            problems.append(f"event_kind {claim.event_kind!r} is not one of {sorted(EVENT_KINDS)}")
    return problems, warnings


def _claim_key(claim: GoldClaim) -> tuple[object, ...]:
    v = claim.value
    return (claim.article_id, claim.type, claim.evidence.sentence,
            None if v is None else (v.amount, v.low, v.high, v.unit, v.currency),
            claim.subject.canonical if claim.subject else None,
            claim.object.canonical if claim.object else None, claim.rank, claim.event_kind)


def check_gold(gold: Sequence[Path], corpus: Path | Sequence[Path], entities: Sequence[Path] = (),
               ) -> CheckReport:
    """Every problem and warning of the gold claim and entity files against the corpus."""
    report = CheckReport()
    articles, corpus_problems = read_corpus(corpus)
    report.problems.extend(corpus_problems)
    report.articles = len(articles)
    for art in articles.values():
        if art.published is None:
            report.problems.append(f"{art.source_path}: article {art.id!r} has no publication date")
    with_gold: set[str] = set()
    for path in gold:
        seen: dict[tuple[object, ...], int] = {}
        for item in parse_lines(path, GoldClaim):
            if isinstance(item, InputError):
                report.problems.append(str(item))
                continue
            where = f"{item.path}:{item.line}"
            claim: GoldClaim = item.item
            report.claims[claim.type] += 1
            found = articles.get(claim.article_id)
            if found is None:
                report.problems.append(f"{where}: article {claim.article_id!r} is not in the corpus")
                continue
            with_gold.add(claim.article_id)
            problems, warnings = claim_problems(claim, found.text)
            report.problems.extend(f"{where}: {p}" for p in problems)
            report.warnings.extend(f"{where}: warning: {w}" for w in warnings)
            key = _claim_key(claim)
            if key in seen:
                report.warnings.append(f"{where}: warning: same claim as line {seen[key]}")
            else:
                seen[key] = item.line
    report.articles_with_gold = len(with_gold)
    for art_id in sorted(set(articles) - with_gold):
        report.warnings.append(f"{articles[art_id].source_path}: warning: article {art_id!r} has no gold claims")
    for path in entities:
        seen_ent: dict[tuple[str, str, str], int] = {}
        for item in parse_lines(path, GoldEntity):
            if isinstance(item, InputError):
                report.problems.append(str(item))
                continue
            where = f"{item.path}:{item.line}"
            ent: GoldEntity = item.item
            report.entities[ent.label] += 1
            host = articles.get(ent.article_id)
            if host is None:
                report.problems.append(f"{where}: article {ent.article_id!r} is not in the corpus")
                continue
            if not ent.text.strip() or not ent.canonical.strip():
                report.problems.append(f"{where}: entity needs a non-empty text and canonical")
            elif ent.text not in host.text:
                report.problems.append(f"{where}: entity text {ent.text!r} does not occur in article "
                                       f"{ent.article_id!r}")
            ekey = (ent.article_id, ent.text, ent.label)
            if ekey in seen_ent:
                report.problems.append(f"{where}: duplicate entity {ent.text!r} {ent.label} "
                                       f"(line {seen_ent[ekey]})")
            else:
                seen_ent[ekey] = item.line
    return report


def format_counts(report: CheckReport) -> list[str]:
    """The counts per claim type and entity label, as plain lines for the terminal or a README."""
    lines = [f"articles: {report.articles} ({report.articles_with_gold} with gold claims)"]
    lines += [f"  {t:<11} {report.claims.get(t, 0):>5}" for t in CLAIM_TYPES]
    lines.append(f"  {'all':<11} {sum(report.claims.values()):>5}")
    if report.entities:
        lines.append("entities:")
        lines += [f"  {label:<11} {report.entities.get(label, 0):>5}" for label in ENTITY_LABELS]
        lines.append(f"  {'all':<11} {sum(report.entities.values()):>5}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate.gold_check",
                                     description="Validate gold claim (and entity) files against a corpus.")
    parser.add_argument("gold", nargs="+", type=Path, help="gold claims JSONL file(s)")
    parser.add_argument("corpus", type=Path, help="folder of articles")
    parser.add_argument("--entities", action="append", type=Path, default=[], help="gold entities JSONL")
    parser.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)
    for path in [*args.gold, *args.entities, args.corpus]:
        if not path.exists():
            print(f"{path}: no such file or folder", file=sys.stderr)
            return 2
    report = check_gold(args.gold, args.corpus, args.entities)
    for line in report.problems:
        print(line)
    if not args.quiet:
        for line in report.warnings:
            print(line)
    for line in format_counts(report):
        print(line)
    verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"gold check: {verdict}, {len(report.warnings)} warning(s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
