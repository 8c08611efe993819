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

from pipeline.numbers.engine import Scanner
from pipeline.numbers.units import registry, to_base
from pipeline.numbers.values import MentionKind, ValueMention, mention_of, value_of

__all__ = ["MentionKind", "ValueMention", "find_values", "value_of", "to_base", "registry"]


def find_values(text: str, *, published: dt.date | None = None) -> list[ValueMention]:
    """Every number ``text`` states, normalised, sorted by start, non-overlapping."""
    if not text:
        return []
    drafts = Scanner(text, published).run()
    return [mention_of(text, d) for d in drafts]
