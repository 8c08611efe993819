"""Numbers, money and units: every figure a tech-news text states, normalised.

:func:`find_values` returns one :class:`ValueMention` per figure, with character offsets into the
text, the normalised :class:`pipeline.records.Value` and the id of the rule that produced it.
Conventions (see ``models/numbers/README.md`` for the data):

- money: ``value.amount`` in units of ``value.currency`` (ISO 4217); ``low``/``high`` for ranges
  (then ``amount`` is None); unit prices keep ``value.unit`` = ``"per chip"``; a stated
  equivalent ("600 million yuan (US$84.5 million)") is folded into one mention whose span covers
  both, with ``usd`` = the stated figure and ``usd_basis`` = ``"stated"``; otherwise ``usd`` comes
  from the monthly rate table (``"fx:YYYY-MM"``) when the publication date is known.
- percent: mention kind ``"percent"``; fractions (60% -> 0.6) with ``value.unit`` ``"percent"`` or
  ``"percentage_point"``; plain fractions ("a third", "half") have unit ``"ratio"``; multiples
  ("2x", "three times faster", "doubled") have unit and kind ``"multiple"`` and the factor as amount.
  ``value.kind`` is ``share``, ``change`` (negative for a fall) or ``points``.
- quantity: the magnitude in the stated unit, ``value.unit`` = pint's canonical name.
- count: a number followed by a plural noun, ``value.counted`` the noun phrase (a text-level guess
  that the spaCy component refines from the parse); ``number``: any other number.
- ranges: "between $41 and $47 a share", "from 3 to 6 per cent" are one mention (``low``/``high``) with
  the rate or unit written once; a change stated as two figures ("slid from $1,980 to $1,905",
  "narrowed to 96,410 contracts from 143,220") is two mentions whose ``role`` is ``"old"`` and ``"new"``.
- a bare figure takes the unit of the figure before it across "up from", "versus", "compared with"
  ("4.2 million headsets, up from 3.6 million"); a level of a market index is a quantity in ``"point"``
  ("the Nikkei rose to 38,210.5"), a count of points there a change in points; a signed percentage
  ("+0.4%", "FTSE 100 -0.8%") is a change.
- vague magnitudes ("dozens of engineers", "hundreds of millions of dollars") are ranges from the least to
  the most the words can mean, with pattern ``vague:WORD``; "aged 25 to 40" is in years.
- hedges ("about", "more than", "up to") are *outside* the span and kept in ``hedge``.
- not reported: years used as dates, model and part numbers, versions, list markers, phone numbers,
  dates, times of day (also "0630 GMT"), ordinals, street numbers and ZIP codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pipeline.numbers.engine import Draft, Scanner
from pipeline.numbers.units import registry, to_base
from pipeline.records import Value

__all__ = ["ValueMention", "find_values", "to_base", "registry"]

MentionKind = Literal["money", "quantity", "percent", "count", "number"]


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


def find_values(text: str, *, published: dt.date | None = None) -> list[ValueMention]:
    """Every number ``text`` states, normalised, sorted by start, non-overlapping."""
    if not text:
        return []
    drafts = Scanner(text, published).run()
    return [_mention(text, d) for d in drafts]


def _clean(x: float | None) -> float | None:
    """Drop float noise (0.1 * 3 -> 0.3) keeping 12 significant digits."""
    if x is None or x != x or x in (float("inf"), float("-inf")):
        return None if x is None or x != x else x
    return float(f"{x:.12g}")


def _mention(text: str, d: Draft) -> ValueMention:
    surface = text[d.start:d.end]
    kind: MentionKind = d.kind  # type: ignore[assignment]
    # the fields are built here from checked parts: skip pydantic validation on the hot path
    value = Value.model_construct(
        amount=_clean(d.amount), low=_clean(d.low), high=_clean(d.high), unit=d.unit, currency=d.currency,
        usd=_clean(d.usd), usd_basis=d.usd_basis, kind=d.value_kind, counted=d.counted, text=surface,
    )
    return ValueMention(start=d.start, end=d.end, text=surface, kind=kind, value=value, hedge=d.hedge,
                        pattern=d.pattern, warnings=tuple(d.warnings), role=d.role)
