"""The value builder: a finished draft becomes a :class:`ValueMention` with a validated :class:`Value`.

This is the boundary of the number stage: every value it hands on is checked here, once, by the
record's own pydantic model, so a wrong type ("not a number" as an amount) fails where it was made
instead of reaching a record. Validating a dict costs less than ``model_construct`` (measured in the
commit that added this module), so the check is free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pipeline.numbers.drafts import Draft
from pipeline.records import Value

MentionKind = Literal["money", "quantity", "percent", "count", "number"]

_validate = Value.__pydantic_validator__.validate_python


@dataclass(frozen=True, slots=True)
class ValueMention:
    """One figure stated by a text, grounded: ``text[start:end] == mention.text``."""

    start: int
    end: int
    text: str
    kind: MentionKind
    value: Value
    hedge: str | None
    pattern: str
    warnings: tuple[str, ...] = ()
    role: str | None = None  # "old" or "new": one side of a change stated as two figures


def clean(x: object) -> object:
    """Drop float noise (0.1 * 3 -> 0.3) keeping 12 significant digits; NaN is no figure. Anything but a
    number is passed on as it is, for the validation to refuse."""
    if not isinstance(x, float | int) or isinstance(x, bool):
        return x
    if math.isnan(x):
        return None
    if math.isinf(x):
        return float(x)
    return float(f"{x:.12g}")


def value_of(fields: dict[str, object]) -> Value:
    """A :class:`Value` from its fields, validated (pydantic's ValidationError when one is wrong)."""
    value: Value = _validate(fields)
    return value


def mention_of(text: str, d: Draft) -> ValueMention:
    """The mention a finished draft states, its value validated."""
    surface = text[d.start:d.end]
    value = value_of({
        "amount": clean(d.amount), "low": clean(d.low), "high": clean(d.high), "unit": d.unit,
        "currency": d.currency, "usd": clean(d.usd), "usd_basis": d.usd_basis, "kind": d.value_kind,
        "counted": d.counted, "text": surface,
    })
    kind: MentionKind = d.kind  # type: ignore[assignment]
    return ValueMention(start=d.start, end=d.end, text=surface, kind=kind, value=value, hedge=d.hedge,
                        pattern=d.pattern, warnings=tuple(d.warnings), role=d.role)
