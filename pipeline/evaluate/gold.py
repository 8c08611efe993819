"""The gold format: a :class:`~pipeline.records.Claim` without the fields only a run produces.

Gold claims carry no ids, offsets or confidences (annotators copy the evidence sentence, and the
scorer finds it in the article), so they get their own strict models here.  A test keeps these
models in step with the record schema.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import NewsclaimsError
from pipeline.records import ClaimType, Granularity, Modality, SourceKind

#: fields of :class:`~pipeline.records.Claim` that only a run produces, never written by annotators
RUN_ONLY_FIELDS = frozenset(
    {"id", "schema_version", "confidence", "warnings", "provenance", "value_span", "published", "url"}
)
#: offsets are dropped from the nested models as well
RUN_ONLY_NESTED = frozenset({"start", "end"})

EntityLabel = Literal["ORG", "PRODUCT", "GPE", "PERSON"]
ENTITY_LABELS: tuple[str, ...] = ("ORG", "PRODUCT", "GPE", "PERSON")


class GoldError(NewsclaimsError):
    """A gold or predictions file that cannot be read: names the file, the line and the cause."""

    def __init__(self, path: str, cause: str, line: int | None = None) -> None:
        self.path = path
        self.cause = cause
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {cause}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldEntityRef(_Strict):
    """Who or what a claim is about, as written and as canonical name."""

    text: str
    canonical: str
    label: str | None = None


class GoldValue(_Strict):
    """The normalised number; ``text`` is optional since comparisons may state no figure text."""

    amount: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    usd: float | None = None
    usd_basis: str | None = None
    kind: str | None = None
    counted: str | None = None
    text: str | None = None


class GoldDate(_Strict):
    """A time expression and its inclusive ISO period."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity | None = None
    future: bool = False


class GoldSource(_Strict):
    """Who the sentence attributes the claim to."""

    text: str
    kind: SourceKind = "other"
    role: str | None = None
    organisation: str | None = None


class GoldEvidence(_Strict):
    """The whole sentence, verbatim from the cleaned article text."""

    sentence: str


class GoldClaim(_Strict):
    """One gold claim line."""

    article_id: str
    type: ClaimType
    subject: GoldEntityRef | None = None
    object: GoldEntityRef | None = None
    predicate: str | None = None
    value: GoldValue | None = None
    date: GoldDate | None = None
    hedge: str | None = None
    source: GoldSource | None = None
    relation: str | None = None
    metric: str | None = None
    scope: str | None = None
    rank: int | None = None
    category: str | None = None
    streak: int | None = None
    event_kind: str | None = None
    modality: Modality = "asserted"
    evidence: GoldEvidence


class GoldEntity(_Strict):
    """One gold entity of an article: each distinct (text, label) once."""

    article_id: str
    text: str
    label: EntityLabel
    canonical: str


@dataclass(frozen=True, slots=True)
class Line:
    """A parsed line and where it came from, so every problem can name its file and line."""

    path: str
    line: int
    item: Any


def _raw_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), f"cannot read: {exc}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def describe_validation_error(exc: ValidationError) -> str:
    """One short line for a pydantic error: the first few failing fields and why."""
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err["loc"]) or "(line)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            leaf = str(err["loc"][-1]) if err["loc"] else ""
            msg = "run-only field, not part of gold" if leaf in RUN_ONLY_FIELDS | RUN_ONLY_NESTED else "unknown field"
        parts.append(f"{loc}: {msg}")
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


def parse_lines(path: Path, model: type[BaseModel]) -> Iterator[Line | GoldError]:
    """Each non-blank line validated against ``model``; a bad line becomes a :class:`GoldError`."""
    for number, raw in _raw_lines(path):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield GoldError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", number)
            continue
        if not isinstance(obj, dict):
            yield GoldError(str(path), "line does not hold a JSON object", number)
            continue
        try:
            yield Line(str(path), number, model.model_validate(obj))
        except ValidationError as exc:
            yield GoldError(str(path), describe_validation_error(exc), number)


def _paths(paths: Path | Sequence[Path]) -> list[Path]:
    return [paths] if isinstance(paths, Path) else list(paths)


def load_gold(paths: Path | Sequence[Path]) -> list[Line]:
    """Every gold claim of one or more files; the first bad line raises :class:`GoldError`."""
    out: list[Line] = []
    for path in _paths(paths):
        for item in parse_lines(path, GoldClaim):
            if isinstance(item, GoldError):
                raise item
            out.append(item)
    return out


def load_gold_entities(paths: Path | Sequence[Path]) -> list[Line]:
    """Every gold entity of one or more files; the first bad line raises :class:`GoldError`."""
    out: list[Line] = []
    for path in _paths(paths):
        for item in parse_lines(path, GoldEntity):
            if isinstance(item, GoldError):
                raise item
            out.append(item)
    return out


def read_jsonl_dicts(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """The JSON objects of a predictions file with their line numbers; a bad line raises."""
    for number, raw in _raw_lines(path):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", number) from None
        if not isinstance(obj, dict):
            raise GoldError(str(path), "line does not hold a JSON object", number)
        yield number, obj
