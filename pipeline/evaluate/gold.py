"""The gold format: a :class:`~pipeline.records.Claim` without the fields only a run produces.

Gold claims carry no ids, offsets or confidences (annotators copy the evidence sentence, and the
scorer finds it in the article): :class:`GoldClaim` is built on the record's own claim fields
(:class:`~pipeline.records.ClaimFields`), with names instead of offset-bearing entity spans and an
optional value text. A bad line is an :class:`~pipeline.errors.InputError`, as a bad article is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import InputError
from pipeline.records import ClaimFields, EntityName, Value

#: fields of :class:`~pipeline.records.Claim` that only a run produces, never written by annotators
RUN_ONLY_FIELDS = frozenset(
    {"id", "schema_version", "confidence", "warnings", "provenance", "value_span", "published", "url"}
)
#: offsets are dropped from the nested models as well
RUN_ONLY_NESTED = frozenset({"start", "end"})

EntityLabel = Literal["ORG", "PRODUCT", "GPE", "PERSON"]
ENTITY_LABELS: tuple[str, ...] = ("ORG", "PRODUCT", "GPE", "PERSON")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldValue(Value):
    """The record's value; ``text`` is optional since comparisons may state no figure text."""

    text: str | None = None  # type: ignore[assignment]


class GoldEvidence(_Strict):
    """The whole sentence, verbatim from the cleaned article text."""

    sentence: str


class GoldClaim(ClaimFields):
    """One gold claim line: the record's claim fields, with names instead of offsets."""

    article_id: str
    subject: EntityName | None = None  # type: ignore[assignment]
    object: EntityName | None = None  # type: ignore[assignment]
    value: GoldValue | None = None  # type: ignore[assignment]
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
        raise InputError(str(path), f"cannot read: {exc}") from None
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


def parse_lines(path: Path, model: type[BaseModel]) -> Iterator[Line | InputError]:
    """Each non-blank line validated against ``model``; a bad line becomes a :class:`InputError`."""
    for number, raw in _raw_lines(path):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", number)
            continue
        if not isinstance(obj, dict):
            yield InputError(str(path), "line does not hold a JSON object", number)
            continue
        try:
            yield Line(str(path), number, model.model_validate(obj))
        except ValidationError as exc:
            yield InputError(str(path), describe_validation_error(exc), number)


def _paths(paths: Path | Sequence[Path]) -> list[Path]:
    return [paths] if isinstance(paths, Path) else list(paths)


def load_gold(paths: Path | Sequence[Path]) -> list[Line]:
    """Every gold claim of one or more files; the first bad line raises :class:`InputError`."""
    out: list[Line] = []
    for path in _paths(paths):
        for item in parse_lines(path, GoldClaim):
            if isinstance(item, InputError):
                raise item
            out.append(item)
    return out


def load_gold_entities(paths: Path | Sequence[Path]) -> list[Line]:
    """Every gold entity of one or more files; the first bad line raises :class:`InputError`."""
    out: list[Line] = []
    for path in _paths(paths):
        for item in parse_lines(path, GoldEntity):
            if isinstance(item, InputError):
                raise item
            out.append(item)
    return out


def read_jsonl_dicts(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """The JSON objects of a predictions file with their line numbers; a bad line raises."""
    for number, raw in _raw_lines(path):
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", number) from None
        if not isinstance(obj, dict):
            raise InputError(str(path), "line does not hold a JSON object", number)
        yield number, obj
