"""Score predicted claims against gold claims, article by article.

A predicted and a gold claim can be paired when they come from the same article, have the same
type and overlapping evidence, and (for numeric types, when both state a figure) their values
agree or come from the same words.  Pairs are chosen one-to-one, best match score first.

- **partial** match: a pair as above.
- **exact** match: a pair that also agrees on every key field the gold states: the value
  (within :data:`TOLERANCE` relative, after converting both to base units with pint when both
  units parse, else with equal unit strings) with its unit or currency, and the subject and
  object (canonical names equal, case-insensitively).

Fields (subject, object, value, unit, usd, date, hedge, source, modality) are scored on the
partial pairs, each only where gold or prediction has it (``usd`` only where gold has it).
Every unmatched gold claim is a miss and every unmatched prediction a false positive, each with
the reason the scorer could find.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from pipeline.errors import InputError
from pipeline.evaluate.gold import (
    ENTITY_LABELS,
    GoldClaim,
    GoldEntity,
    Line,
    describe_validation_error,
    read_jsonl_dicts,
)
from pipeline.evaluate.reliability import ReliabilityBin, reliability
from pipeline.numbers.units import registry
from pipeline.records import Claim, Mention

TOLERANCE = 0.005
CLAIM_TYPES: tuple[str, ...] = ("money", "quantity", "count", "percent", "comparison", "ranking", "event")
NUMERIC_TYPES = frozenset({"money", "quantity", "count", "percent"})
FIELDS: tuple[str, ...] = ("subject", "object", "value", "unit", "usd", "date", "hedge", "source", "modality")
#: the date field again, split by the basis of the gold date (the prediction's where gold has none):
#: a period the claim's own sentence states, and one read from the story's frame (GUIDELINES.md)
DATE_BASES: tuple[str, ...] = ("date (stated)", "date (context)")
RESULT_VERSION = "1"

MatchLevel = Literal["exact", "partial", "none"]
Status = Literal["exact", "partial", "miss", "false_positive"]

# ---------------------------------------------------------------------------------------------
# result models: everything serialises to report.json and back, so runs can be diffed


class PRF(BaseModel):
    """Counts and precision, recall, F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(tp=tp, fp=n_pred - tp, fn=n_gold - tp, precision=round(p, 4), recall=round(r, 4), f1=round(f, 4))


class TypeScore(BaseModel):
    """One claim type: how many gold and predicted claims, and exact and partial scores."""

    gold: int = 0
    pred: int = 0
    exact: PRF = Field(default_factory=PRF)
    partial: PRF = Field(default_factory=PRF)


class Overall(BaseModel):
    """Micro (pooled over claims) and macro (mean over types present) scores."""

    micro_exact: PRF = Field(default_factory=PRF)
    micro_partial: PRF = Field(default_factory=PRF)
    macro_exact_f1: float = 0.0
    macro_partial_f1: float = 0.0


class FieldScore(BaseModel):
    """One field over the matched pairs where gold or prediction has it."""

    scored: int = 0
    gold: int = 0
    pred: int = 0
    correct: int = 0
    partial: int = 0
    accuracy: float = 0.0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0


class EntityScores(BaseModel):
    """Entity stage: exact (text and label) and partial (overlapping text) scores."""

    gold: int = 0
    pred: int = 0
    exact: PRF = Field(default_factory=PRF)
    partial: PRF = Field(default_factory=PRF)
    labels: dict[str, PRF] = Field(default_factory=dict)


class ErrorItem(BaseModel):
    """One miss, false positive or mismatched pair, with the reasons the scorer found."""

    kind: Literal["miss", "false_positive", "mismatch"]
    article_id: str
    type: str
    claim: str
    evidence: str
    reasons: list[str] = Field(default_factory=list)
    gold_line: int | None = None
    pred_id: str | None = None
    pattern: str | None = None
    key: str


class EntityError(BaseModel):
    """A gold entity not found, or a predicted one not in gold."""

    kind: Literal["miss", "false_positive"]
    article_id: str
    text: str
    label: str
    reason: str


class ClaimView(BaseModel):
    """Where a gold or predicted claim sits in its article, for highlighting in the HTML report."""

    side: Literal["gold", "pred"]
    article_id: str
    type: str
    status: Status
    label: str
    evidence: tuple[int, int] | None = None
    value: tuple[int, int] | None = None
    pair: int | None = None


class RunInfo(BaseModel):
    """What was scored against what."""

    corpus: str | None = None
    gold: str | None = None
    pred: str | None = None
    entities_gold: str | None = None
    created: str | None = None
    tolerance: float = TOLERANCE
    articles: int = 0
    articles_without_gold: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Delta(BaseModel):
    """A score before (baseline) and after (this run)."""

    name: str
    before: float
    after: float
    delta: float


class BaselineDiff(BaseModel):
    """What changed since a previous run: scores up and down, errors fixed and new."""

    baseline: str
    overall: list[Delta] = Field(default_factory=list)
    types: list[Delta] = Field(default_factory=list)
    fields: list[Delta] = Field(default_factory=list)
    entities: list[Delta] = Field(default_factory=list)
    fixed: list[ErrorItem] = Field(default_factory=list)
    broken: list[ErrorItem] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)

    def improved(self) -> list[Delta]:
        return [d for d in [*self.overall, *self.types, *self.fields, *self.entities] if d.delta > 0]

    def regressed(self) -> list[Delta]:
        return [d for d in [*self.overall, *self.types, *self.fields, *self.entities] if d.delta < 0]


class EvalResult(BaseModel):
    """Everything one evaluation found; ``report.json`` is its JSON."""

    version: str = RESULT_VERSION
    info: RunInfo = Field(default_factory=RunInfo)
    types: dict[str, TypeScore] = Field(default_factory=dict)
    overall: Overall = Field(default_factory=Overall)
    fields: dict[str, FieldScore] = Field(default_factory=dict)
    entities: EntityScores | None = None
    misses: list[ErrorItem] = Field(default_factory=list)
    false_positives: list[ErrorItem] = Field(default_factory=list)
    mismatches: list[ErrorItem] = Field(default_factory=list)
    entity_misses: list[EntityError] = Field(default_factory=list)
    entity_false_positives: list[EntityError] = Field(default_factory=list)
    claims: list[ClaimView] = Field(default_factory=list)
    reliability: list[ReliabilityBin] = Field(default_factory=list)
    diff: BaselineDiff | None = None

    def to_json(self) -> str:
        return self.model_dump_json(indent=1)

    @classmethod
    def load(cls, path: Path) -> EvalResult:
        """A previous run's result; ``path`` is its report.json or the folder holding it."""
        if path.is_dir():
            path = path / "report.json"
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError) as exc:
            cause = describe_validation_error(exc) if isinstance(exc, ValidationError) else str(exc)
            raise InputError(str(path), f"not a newsclaims report.json: {cause}") from None


# ---------------------------------------------------------------------------------------------
# comparing names, numbers, units, dates

_POSSESSIVE = re.compile(r"['’]s?\b")
_NON_WORD = re.compile(r"[^\w&+.\- ]+")
_SPACE = re.compile(r"\s+")
_STOP = frozenset({"the", "a", "an", "of", "and", "its", "their", "inc", "ltd", "co", "corp", "company", "group"})


def canon(name: str | None) -> str:
    """A name reduced for comparison: lower-cased, possessives and punctuation dropped, no leading 'the'."""
    if not name:
        return ""
    s = _POSSESSIVE.sub("", name.casefold())
    s = _NON_WORD.sub(" ", s)
    s = _SPACE.sub(" ", s).strip(" .-")
    if s.startswith("the "):
        s = s[4:]
    return s


def _tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[\w&+]+", canon(name)) if t not in _STOP}


def _names(ref: Any) -> set[str]:
    return {n for n in (canon(getattr(ref, "text", None)), canon(getattr(ref, "canonical", None))) if n}


def name_match(gold: Any, pred: Any) -> MatchLevel:
    """exact: a canonical name equal; partial: one name inside the other or a shared word."""
    if gold is None or pred is None:
        return "none"
    g, p = _names(gold), _names(pred)
    if g & p:
        return "exact"
    if any(a in b or b in a for a in g for b in p):
        return "partial"
    gt = set().union(*(_tokens(n) for n in g)) if g else set()
    pt = set().union(*(_tokens(n) for n in p)) if p else set()
    return "partial" if gt & pt else "none"


@lru_cache(maxsize=512)
def unit_base(unit: str | None) -> tuple[float, str] | None:
    """The factor to base units and the dimensionality of a unit pint can parse, else None."""
    if not unit or not unit.strip():
        return None
    try:
        q = registry().Quantity(1.0, unit.strip()).to_base_units()
    except Exception:  # pint raises many kinds of errors for text that is not a unit
        return None
    return float(q.magnitude), str(q.dimensionality)


def norm_unit(unit: str | None) -> str:
    return _SPACE.sub(" ", (unit or "").replace("_", " ").casefold()).strip()


def close(gold: float, pred: float, tolerance: float = TOLERANCE) -> bool:
    """Equal within ``tolerance`` relative to the gold figure (exact when gold is zero)."""
    if gold == 0:
        return abs(pred) < 1e-12
    return abs(pred - gold) <= tolerance * abs(gold) * (1 + 1e-9)


def units_agree(gold: Any, pred: Any) -> bool:
    """Currency codes equal when either states one; else units equal as strings or by dimension."""
    if gold.currency or pred.currency:
        return (gold.currency or "").upper() == (pred.currency or "").upper()
    if norm_unit(gold.unit) == norm_unit(pred.unit):
        return True
    gb, pb = unit_base(gold.unit), unit_base(pred.unit)
    return gb is not None and pb is not None and gb[1] == pb[1]


def _numbers(value: Any) -> dict[str, float]:
    if value is None:
        return {}
    return {k: float(v) for k in ("amount", "low", "high") if (v := getattr(value, k, None)) is not None}


def numbers_agree(gold: Any, pred: Any, tolerance: float = TOLERANCE) -> bool:
    """The figures both sides state agree, compared in base units when both units parse."""
    g, p = _numbers(gold), _numbers(pred)
    common = set(g) & set(p)
    if not common:
        return False
    gf = pf = 1.0
    gb, pb = unit_base(gold.unit), unit_base(pred.unit)
    if gb is not None and pb is not None and gb[1] == pb[1] and norm_unit(gold.unit) != norm_unit(pred.unit):
        gf, pf = gb[0], pb[0]
    return all(close(g[k] * gf, p[k] * pf, tolerance) for k in common)


def values_agree(gold: Any, pred: Any, tolerance: float = TOLERANCE) -> bool:
    """Figures and unit/currency agree (two absent values agree)."""
    if gold is None and pred is None:
        return True
    if gold is None or pred is None:
        return False
    if not _numbers(gold) and not _numbers(pred):
        return units_agree(gold, pred)
    return numbers_agree(gold, pred, tolerance) and units_agree(gold, pred)


def fmt_number(n: float | None) -> str:
    if n is None:
        return "none"
    if float(n).is_integer() and abs(n) < 1e16:
        return f"{int(n):,}"
    return f"{n:.6g}"


def fmt_value(value: Any) -> str:
    if value is None:
        return "none"
    nums = _numbers(value)
    if "amount" in nums:
        figure = fmt_number(nums["amount"])
    elif nums:
        figure = f"{fmt_number(nums.get('low'))}..{fmt_number(nums.get('high'))}"
    else:
        figure = "(no figure)"
    unit = value.currency or value.unit
    return f"{figure} {unit}" if unit else figure


def fmt_date(date: Any) -> str:
    if date is None:
        return "none"
    if date.start is not None and date.end is not None:
        return f"{date.start}..{date.end}" if date.start != date.end else str(date.start)
    return repr(date.text)


def _period(date: Any) -> tuple[dt.date, dt.date] | None:
    if date is None or date.start is None or date.end is None:
        return None
    return date.start, date.end


# ---------------------------------------------------------------------------------------------
# claims to score


@dataclass(slots=True)
class Item:
    """A gold or predicted claim with its evidence located in the article text."""

    side: Literal["gold", "pred"]
    index: int
    claim: Any  # GoldClaim | Claim: the same field names
    span: tuple[int, int] | None
    value_span: tuple[int, int] | None
    line: int | None = None

    @property
    def article_id(self) -> str:
        return str(self.claim.article_id)

    @property
    def type(self) -> str:
        return str(self.claim.type)

    @property
    def sentence(self) -> str:
        return str(self.claim.evidence.sentence)

    @property
    def value_text(self) -> str | None:
        v = self.claim.value
        return v.text if v is not None and v.text else None


def _gold_item(index: int, claim: GoldClaim, text: str | None, line: int | None) -> Item:
    span = value_span = None
    if text is not None:
        start = text.find(claim.evidence.sentence)
        if start >= 0:
            span = (start, start + len(claim.evidence.sentence))
            vt = claim.value.text if claim.value is not None else None
            if vt:
                at = claim.evidence.sentence.find(vt)
                if at >= 0:
                    value_span = (start + at, start + at + len(vt))
    return Item("gold", index, claim, span, value_span, line)


def _pred_item(index: int, claim: Claim) -> Item:
    span = (claim.evidence.start, claim.evidence.end)
    value_span = tuple(claim.value_span) if claim.value_span is not None else None
    return Item("pred", index, claim, span, value_span)  # type: ignore[arg-type]


def as_gold(items: Iterable[GoldClaim | Line | Mapping[str, Any]]) -> list[tuple[GoldClaim, int | None]]:
    """Gold claims with their line numbers, from models, parsed lines or plain dicts."""
    out: list[tuple[GoldClaim, int | None]] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Line):
            out.append((item.item, item.line))
        elif isinstance(item, GoldClaim):
            out.append((item, None))
        else:
            try:
                out.append((GoldClaim.model_validate(item), None))
            except ValidationError as exc:
                raise InputError("<gold>", describe_validation_error(exc), n) from None
    return out


def as_claims(items: Iterable[Claim | Mapping[str, Any]], where: str = "<pred>") -> list[Claim]:
    """Predicted claims from records or the dicts ``newsclaims extract`` writes."""
    out: list[Claim] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Claim):
            out.append(item)
            continue
        try:
            out.append(Claim.model_validate(item))
        except ValidationError as exc:
            raise InputError(where, describe_validation_error(exc), n) from None
    return out


def load_predictions(path: Path) -> list[Claim]:
    """The claim records of a ``newsclaims extract`` output file."""
    out: list[Claim] = []
    for number, obj in read_jsonl_dicts(path):
        try:
            out.append(Claim.model_validate(obj))
        except ValidationError as exc:
            raise InputError(str(path), describe_validation_error(exc), number) from None
    return out


def load_mentions(path: Path) -> list[Mention]:
    """The mention records of a ``newsclaims extract --mentions`` file."""
    out: list[Mention] = []
    for number, obj in read_jsonl_dicts(path):
        try:
            out.append(Mention.model_validate(obj))
        except ValidationError as exc:
            raise InputError(str(path), describe_validation_error(exc), number) from None
    return out


# ---------------------------------------------------------------------------------------------
# pairing


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _text_overlap(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    x, y = _SPACE.sub(" ", a.casefold()).strip(), _SPACE.sub(" ", b.casefold()).strip()
    return x in y or y in x


def evidence_overlap(g: Item, p: Item) -> bool:
    """Spans intersect; without a located gold sentence, one sentence contains the other."""
    if g.span is not None and p.span is not None:
        return _overlap(g.span, p.span)
    return _text_overlap(g.sentence, p.sentence)


def same_figure_words(g: Item, p: Item) -> bool:
    """The two values come from the same words of the text (a misread figure, not another one)."""
    if g.value_span is not None and p.value_span is not None:
        return _overlap(g.value_span, p.value_span)
    return _text_overlap(g.value_text, p.value_text)


@dataclass(slots=True)
class Pair:
    gold: Item
    pred: Item
    score: float
    exact: bool


def _pair_score(g: Item, p: Item, tolerance: float) -> float | None:
    """How well two claims match, or None when they cannot be paired at all."""
    if g.type != p.type or g.article_id != p.article_id or not evidence_overlap(g, p):
        return None
    gv, pv = g.claim.value, p.claim.value
    score = 1.0
    if _numbers(gv) and _numbers(pv):
        if values_agree(gv, pv, tolerance):
            score += 4.0
        elif numbers_agree(gv, pv, tolerance):
            score += 3.0
        elif same_figure_words(g, p):
            score += 0.5
        elif g.type in NUMERIC_TYPES:
            return None
    if same_figure_words(g, p):
        score += 1.0
    for role in ("subject", "object"):
        level = name_match(getattr(g.claim, role), getattr(p.claim, role))
        score += {"exact": 2.0, "partial": 1.0, "none": 0.0}[level]
    if _period(g.claim.date) is not None and _period(g.claim.date) == _period(p.claim.date):
        score += 0.5
    if g.span is not None and g.span == p.span:
        score += 0.25
    return score


def is_exact(g: Item, p: Item, tolerance: float = TOLERANCE) -> bool:
    """Agrees on every key field the gold states: value with unit/currency, subject, object."""
    if g.claim.value is not None and not values_agree(g.claim.value, p.claim.value, tolerance):
        return False
    for role in ("subject", "object"):
        if getattr(g.claim, role) is not None and name_match(getattr(g.claim, role), getattr(p.claim, role)) != "exact":
            return False
    return True


def match(gold: Sequence[Item], pred: Sequence[Item], tolerance: float = TOLERANCE) -> list[Pair]:
    """One-to-one pairs, best score first (ties: text order), within each article."""
    by_article: dict[str, list[Item]] = defaultdict(list)
    for p in pred:
        by_article[p.article_id].append(p)
    candidates: list[tuple[float, int, int, Item, Item]] = []
    for g in gold:
        for p in by_article.get(g.article_id, []):
            s = _pair_score(g, p, tolerance)
            if s is not None:
                candidates.append((s, g.index, p.index, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[Pair] = []
    for s, gi, pi, g, p in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append(Pair(g, p, s, is_exact(g, p, tolerance)))
    pairs.sort(key=lambda pr: pr.gold.index)
    return pairs


# ---------------------------------------------------------------------------------------------
# fields


@dataclass(slots=True)
class FieldOutcome:
    gold: bool
    pred: bool
    correct: bool
    partial: bool
    reason: str | None


def _q(text: str | None) -> str:
    return repr(text) if text else "none"


def _ref(ref: Any) -> str:
    return repr(getattr(ref, "canonical", None) or ref.text) if ref is not None else "none"


def compare_field(name: str, g: Any, p: Any, tolerance: float = TOLERANCE) -> FieldOutcome | None:
    """One field of a matched pair; None when neither side has it (or, for usd, gold lacks it)."""
    if name in ("subject", "object", "source"):
        gr, pr = getattr(g, name), getattr(p, name)
        if gr is None and pr is None:
            return None
        level = name_match(gr, pr)
        reason = None if level == "exact" else f"{name} {_ref(pr)} vs gold {_ref(gr)}"
        return FieldOutcome(gr is not None, pr is not None, level == "exact", level != "none", reason)
    if name == "value":
        gh, ph = bool(_numbers(g.value)), bool(_numbers(p.value))
        if not gh and not ph:
            return None
        ok = gh and ph and numbers_agree(g.value, p.value, tolerance)
        reason = None if ok else f"value {fmt_value(p.value)} vs gold {fmt_value(g.value)}"
        return FieldOutcome(gh, ph, ok, ok, reason)
    if name == "unit":
        gu = g.value is not None and bool(g.value.currency or g.value.unit)
        pu = p.value is not None and bool(p.value.currency or p.value.unit)
        if not gu and not pu:
            return None
        ok = gu and pu and units_agree(g.value, p.value)
        gs = (g.value.currency or g.value.unit) if gu else "none"
        ps = (p.value.currency or p.value.unit) if pu else "none"
        return FieldOutcome(gu, pu, ok, ok, None if ok else f"unit {ps} vs gold {gs}")
    if name == "usd":
        gusd = g.value.usd if g.value is not None else None
        if gusd is None:
            return None
        pusd = p.value.usd if p.value is not None else None
        ok = pusd is not None and close(gusd, pusd, tolerance)
        return FieldOutcome(True, pusd is not None, ok, ok,
                            None if ok else f"usd {fmt_number(pusd)} vs gold {fmt_number(gusd)}")
    if name == "date":
        gd, pd = g.date, p.date
        if gd is None and pd is None:
            return None
        gp, pp = _period(gd), _period(pd)
        if gp is not None or pp is not None:
            ok = gp == pp
            part = ok or (gp is not None and pp is not None and gp[0] <= pp[1] and pp[0] <= gp[1])
        else:
            ok = part = gd is not None and pd is not None and canon(gd.text) == canon(pd.text)
        return FieldOutcome(gd is not None, pd is not None, ok, part,
                            None if ok else f"date {fmt_date(pd)} vs gold {fmt_date(gd)}")
    if name == "hedge":
        gh_, ph_ = g.hedge, p.hedge
        if gh_ is None and ph_ is None:
            return None
        ok = gh_ is not None and ph_ is not None and gh_.casefold().strip() == ph_.casefold().strip()
        reason = None if ok else f"hedge {_q(ph_)} vs gold {_q(gh_)}"
        return FieldOutcome(gh_ is not None, ph_ is not None, ok, ok, reason)
    if name == "modality":
        ok = g.modality == p.modality
        return FieldOutcome(True, True, ok, ok, None if ok else f"modality {p.modality} vs gold {g.modality}")
    raise ValueError(f"unknown field {name!r}")


def date_basis(g: Any, p: Any) -> str | None:
    """The row of :data:`DATE_BASES` a pair's date counts in: the gold date's basis, else the prediction's."""
    date = g.date if g.date is not None else p.date
    return None if date is None else f"date ({date.basis})"


def _field_scores(pairs: Sequence[Pair], tolerance: float) -> dict[str, FieldScore]:
    out: dict[str, FieldScore] = {}
    for name in (*FIELDS, *DATE_BASES):
        fs = FieldScore()
        for pair in pairs:
            g, p = pair.gold.claim, pair.pred.claim
            if name in DATE_BASES:
                o = compare_field("date", g, p, tolerance) if date_basis(g, p) == name else None
            else:
                o = compare_field(name, g, p, tolerance)
            if o is None:
                continue
            fs.scored += 1
            fs.gold += o.gold
            fs.pred += o.pred
            fs.correct += o.correct
            fs.partial += o.partial
        prf = PRF.of(fs.correct, fs.pred, fs.gold)
        fs.accuracy = round(fs.correct / fs.scored, 4) if fs.scored else 0.0
        fs.precision, fs.recall, fs.f1 = prf.precision, prf.recall, prf.f1
        out[name] = fs
    return out


# ---------------------------------------------------------------------------------------------
# errors


def claim_summary(claim: Any) -> str:
    """A claim in one line: type, value, subject, object, date."""
    parts = [str(claim.type)]
    if claim.value is not None:
        parts.append(fmt_value(claim.value))
    if claim.type == "ranking" and claim.rank is not None:
        parts.append(f"rank {claim.rank}" + (f" in {claim.category}" if claim.category else ""))
    if claim.type == "event" and claim.event_kind:
        parts.append(str(claim.event_kind))
    if claim.type == "comparison" and claim.relation:
        parts.append(str(claim.relation))
    if claim.subject is not None:
        parts.append(f"subject {claim.subject.canonical or claim.subject.text}")
    if claim.object is not None:
        parts.append(f"object {claim.object.canonical or claim.object.text}")
    if claim.date is not None:
        parts.append(f"date {fmt_date(claim.date)}")
    return " · ".join(parts)


def _key(item: Item) -> str:
    c = item.claim
    figure = fmt_value(c.value) if c.value is not None else ""
    who = canon(c.subject.canonical) if c.subject is not None else ""
    return f"{c.article_id}|{c.type}|{_SPACE.sub(' ', item.sentence)[:120]}|{figure}|{who}"


def _why_unmatched(item: Item, others: Sequence[Item], paired: dict[int, Item], tolerance: float) -> list[str]:
    """Why a gold claim found no prediction (or a prediction no gold claim): the nearest candidate."""
    other_side = "gold" if item.side == "pred" else "predicted"
    near = [o for o in others if o.article_id == item.article_id and
            (evidence_overlap(item, o) if item.side == "gold" else evidence_overlap(o, item))]
    same_type = [o for o in near if o.type == item.type]
    reasons: list[str] = []
    for o in same_type:
        g, p = (item, o) if item.side == "gold" else (o, item)
        if o.index in paired:
            reasons.append(f"the {other_side} {o.type} claim here ({fmt_value(o.claim.value)}) "
                           f"is paired with another claim")
        else:
            reasons.append(f"value {fmt_value(p.claim.value)} vs gold {fmt_value(g.claim.value)}")
    if not same_type:
        same_figure = sorted({o.type for o in near if same_figure_words(item, o) or (
            _numbers(item.claim.value) and numbers_agree(item.claim.value, o.claim.value, tolerance))})
        other_types = sorted({o.type for o in near} - set(same_figure))
        if same_figure:
            reasons.append(f"{other_side} as {', '.join(same_figure)} instead of {item.type}")
        else:
            reasons.append(f"no {other_side} {item.type} claim in this sentence"
                           + (f" ({other_side}: {', '.join(other_types)})" if other_types else ""))
    return reasons[:3]


def _provenance(claim: Any) -> str | None:
    prov = getattr(claim, "provenance", None)
    if prov is None:
        return None
    made = f"{prov.component}:{prov.pattern}" if prov.pattern else str(prov.component)
    rules = getattr(prov, "rules", None)
    return f"{made} ({'; '.join(rules)})" if rules else made


def _error(kind: Literal["miss", "false_positive", "mismatch"], item: Item, reasons: list[str],
           other: Item | None = None) -> ErrorItem:
    pred = item if item.side == "pred" else other
    gold = item if item.side == "gold" else other
    return ErrorItem(kind=kind, article_id=item.article_id, type=item.type, claim=claim_summary(item.claim),
                     evidence=item.sentence, reasons=reasons, gold_line=gold.line if gold else None,
                     pred_id=pred.claim.id if pred else None, pattern=_provenance(pred.claim) if pred else None,
                     key=_key(item))


# ---------------------------------------------------------------------------------------------
# entities


def _ent_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def score_entities(gold: Sequence[GoldEntity | Mapping[str, Any]], mentions: Sequence[Mention | Mapping[str, Any]],
                   articles: set[str] | None = None) -> tuple[EntityScores, list[EntityError], list[EntityError]]:
    """Gold entities against predicted entity mentions, once per (article, text, label).

    Predicted mentions with labels the gold does not annotate are ignored.
    """
    gset: dict[tuple[str, str, str], None] = {}
    for g in gold:
        ge = g if isinstance(g, GoldEntity) else GoldEntity.model_validate(g)
        if articles is None or ge.article_id in articles:
            gset[(ge.article_id, _ent_text(ge.text), ge.label)] = None
    pset: dict[tuple[str, str, str], None] = {}
    for m in mentions:
        me = m if isinstance(m, Mention) else Mention.model_validate(m)
        if me.kind != "entity" or me.label not in ENTITY_LABELS:
            continue
        if articles is None or me.article_id in articles:
            pset[(me.article_id, _ent_text(me.text), me.label)] = None
    exact = set(gset) & set(pset)
    # partial: one-to-one on overlapping text, any label; exact pairs first
    pairs: dict[tuple[str, str, str], tuple[str, str, str]] = {k: k for k in exact}
    used = set(exact)
    by_article: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for k in pset:
        if k not in exact:
            by_article[k[0]].append(k)
    for gk in gset:
        if gk in pairs:
            continue
        options = [pk for pk in by_article.get(gk[0], []) if pk not in used and
                   (_text_overlap(gk[1], pk[1]) or _tokens(gk[1]) & _tokens(pk[1]))]
        text, label = gk[1], gk[2]
        options.sort(key=lambda pk: (pk[1].casefold() != text.casefold(), pk[2] != label, abs(len(pk[1]) - len(text))))
        if options:
            pairs[gk] = options[0]
            used.add(options[0])
    labels: dict[str, PRF] = {}
    for label in ENTITY_LABELS:
        g_n = sum(1 for k in gset if k[2] == label)
        p_n = sum(1 for k in pset if k[2] == label)
        if g_n or p_n:
            labels[label] = PRF.of(sum(1 for k in exact if k[2] == label), p_n, g_n)
    scores = EntityScores(gold=len(gset), pred=len(pset), exact=PRF.of(len(exact), len(pset), len(gset)),
                          partial=PRF.of(len(pairs), len(pset), len(gset)), labels=labels)
    paired_pred = {v: k for k, v in pairs.items()}
    misses = []
    for gk in sorted(set(gset) - exact):
        pk = pairs.get(gk)
        if pk is None:
            reason = "not predicted"
        elif pk[1] == gk[1]:
            reason = f"predicted as {pk[2]}"
        else:
            reason = f"partial: predicted {pk[1]!r} {pk[2]}"
        misses.append(EntityError(kind="miss", article_id=gk[0], text=gk[1], label=gk[2], reason=reason))
    fps = []
    for pk in sorted(set(pset) - exact):
        gk2 = paired_pred.get(pk)
        if gk2 is None:
            reason = "not in gold"
        elif pk[1] == gk2[1]:
            reason = f"gold label {gk2[2]}"
        else:
            reason = f"partial: gold {gk2[1]!r} {gk2[2]}"
        fps.append(EntityError(kind="false_positive", article_id=pk[0], text=pk[1], label=pk[2], reason=reason))
    return scores, misses, fps


# ---------------------------------------------------------------------------------------------
# the whole evaluation


def score(
    gold: Iterable[GoldClaim | Line | Mapping[str, Any]],
    pred: Iterable[Claim | Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
    *,
    articles: Iterable[str] | None = None,
    gold_entities: Sequence[GoldEntity | Mapping[str, Any]] | None = None,
    pred_mentions: Sequence[Mention | Mapping[str, Any]] | None = None,
    tolerance: float = TOLERANCE,
    info: RunInfo | None = None,
) -> EvalResult:
    """Score predictions against gold.

    ``texts`` maps article ids to their cleaned text, used to locate the gold evidence (without
    it, evidence is compared as text).  ``articles`` limits scoring to those article ids
    (default: every article that has gold or predicted claims); predictions for other
    articles are ignored.
    """
    texts = texts or {}
    gold_claims = as_gold(gold)
    pred_claims = as_claims(pred)
    scope = set(articles) if articles is not None else (
        {g.article_id for g, _ in gold_claims} | {p.article_id for p in pred_claims})
    g_items = [_gold_item(i, c, texts.get(c.article_id), line)
               for i, (c, line) in enumerate(gc for gc in gold_claims if gc[0].article_id in scope)]
    p_items = [_pred_item(i, c) for i, c in enumerate(c for c in pred_claims if c.article_id in scope)]
    pairs = match(g_items, p_items, tolerance)
    exact = {pr.pred.index for pr in pairs if pr.exact}
    info = info.model_copy() if info is not None else RunInfo()
    info.tolerance = tolerance
    info.articles = len(scope)
    with_gold = {g.article_id for g in g_items}
    info.articles_without_gold = sorted(scope - with_gold)
    if texts:
        lost = sum(1 for g in g_items if g.span is None and g.article_id in texts)
        if lost:
            info.warnings.append(f"{lost} gold evidence sentence(s) not found in their article text")

    result = EvalResult(info=info, reliability=reliability(
        (p.claim.confidence, p.index in exact) for p in p_items))
    types = sorted({*CLAIM_TYPES, *(i.type for i in g_items), *(i.type for i in p_items)},
                   key=lambda t: (CLAIM_TYPES.index(t) if t in CLAIM_TYPES else 99, t))
    for t in types:
        n_g = sum(1 for g in g_items if g.type == t)
        n_p = sum(1 for p in p_items if p.type == t)
        if not n_g and not n_p:
            continue
        tp_p = sum(1 for pr in pairs if pr.gold.type == t)
        tp_e = sum(1 for pr in pairs if pr.gold.type == t and pr.exact)
        result.types[t] = TypeScore(gold=n_g, pred=n_p, exact=PRF.of(tp_e, n_p, n_g), partial=PRF.of(tp_p, n_p, n_g))
    n_g, n_p = len(g_items), len(p_items)
    present = list(result.types.values())
    result.overall = Overall(
        micro_exact=PRF.of(sum(1 for pr in pairs if pr.exact), n_p, n_g),
        micro_partial=PRF.of(len(pairs), n_p, n_g),
        macro_exact_f1=round(sum(s.exact.f1 for s in present) / len(present), 4) if present else 0.0,
        macro_partial_f1=round(sum(s.partial.f1 for s in present) / len(present), 4) if present else 0.0,
    )
    result.fields = _field_scores(pairs, tolerance)

    gold_paired = {pr.gold.index: pr.pred for pr in pairs}
    pred_paired = {pr.pred.index: pr.gold for pr in pairs}
    for g in g_items:
        if g.index not in gold_paired:
            result.misses.append(_error("miss", g, _why_unmatched(g, p_items, pred_paired, tolerance)))
    for p in p_items:
        if p.index not in pred_paired:
            result.false_positives.append(_error("false_positive", p, _why_unmatched(p, g_items, gold_paired,
                                                                                      tolerance)))
    for pr in pairs:
        reasons = [o.reason for f in FIELDS if (o := compare_field(f, pr.gold.claim, pr.pred.claim, tolerance))
                   is not None and o.reason]
        if reasons or not pr.exact:
            result.mismatches.append(_error("mismatch", pr.gold, reasons or ["not exact"], pr.pred))

    for n, pr in enumerate(pairs):
        status: Status = "exact" if pr.exact else "partial"
        for it in (pr.gold, pr.pred):
            result.claims.append(ClaimView(side=it.side, article_id=it.article_id, type=it.type, status=status,
                                           label=claim_summary(it.claim), evidence=it.span, value=it.value_span,
                                           pair=n))
    for g in g_items:
        if g.index not in gold_paired:
            result.claims.append(ClaimView(side="gold", article_id=g.article_id, type=g.type, status="miss",
                                           label=claim_summary(g.claim), evidence=g.span, value=g.value_span))
    for p in p_items:
        if p.index not in pred_paired:
            result.claims.append(ClaimView(side="pred", article_id=p.article_id, type=p.type, status="false_positive",
                                           label=claim_summary(p.claim), evidence=p.span, value=p.value_span))

    if gold_entities is not None:
        scores, e_miss, e_fp = score_entities(gold_entities, pred_mentions or [], scope)
        result.entities = scores
        result.entity_misses = e_miss
        result.entity_false_positives = e_fp
    return result


# ---------------------------------------------------------------------------------------------
# baseline


def _delta(name: str, before: float, after: float) -> Delta:
    return Delta(name=name, before=before, after=after, delta=round(after - before, 4))


def compare(result: EvalResult, baseline: EvalResult, baseline_name: str = "baseline") -> BaselineDiff:
    """What changed from ``baseline`` to ``result``: per-score deltas and errors fixed or new."""
    b, r = baseline, result
    diff = BaselineDiff(baseline=baseline_name)
    diff.overall = [
        _delta("micro F1 (exact)", b.overall.micro_exact.f1, r.overall.micro_exact.f1),
        _delta("micro F1 (partial)", b.overall.micro_partial.f1, r.overall.micro_partial.f1),
        _delta("macro F1 (exact)", b.overall.macro_exact_f1, r.overall.macro_exact_f1),
        _delta("macro F1 (partial)", b.overall.macro_partial_f1, r.overall.macro_partial_f1),
    ]
    for t in sorted(set(b.types) | set(r.types), key=lambda t: (CLAIM_TYPES.index(t) if t in CLAIM_TYPES else 99, t)):
        bt, rt = b.types.get(t, TypeScore()), r.types.get(t, TypeScore())
        diff.types.append(_delta(f"{t} F1 (exact)", bt.exact.f1, rt.exact.f1))
        diff.types.append(_delta(f"{t} F1 (partial)", bt.partial.f1, rt.partial.f1))
    for f in (*FIELDS, *DATE_BASES):
        bf, rf = b.fields.get(f, FieldScore()), r.fields.get(f, FieldScore())
        if bf.scored and rf.scored:  # a field scored on no pair has no accuracy to compare
            diff.fields.append(_delta(f"{f} accuracy", bf.accuracy, rf.accuracy))
    if b.entities is not None and r.entities is not None:
        diff.entities = [
            _delta("entities F1 (exact)", b.entities.exact.f1, r.entities.exact.f1),
            _delta("entities F1 (partial)", b.entities.partial.f1, r.entities.partial.f1),
        ]
    before = {e.key: e for e in [*b.misses, *b.false_positives, *b.mismatches]}
    after = {e.key: e for e in [*r.misses, *r.false_positives, *r.mismatches]}
    diff.fixed = [e for k, e in before.items() if k not in after]
    diff.broken = [e for k, e in after.items() if k not in before]
    diff.changed = [f"{before[k].kind} -> {e.kind}: {e.article_id} {e.claim}"
                    for k, e in after.items() if k in before and before[k].kind != e.kind]
    return diff

