"""The numbers stage's intermediate records: tokens, numerals read from them, and mentions being built.

They live apart from the scanner so that the parts reading a figure's context (:mod:`pipeline.numbers.context`,
:mod:`pipeline.numbers.vague`) build and change them without importing the scanner.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Tok:
    kind: str  # "n" digits, "w" letters, "s" other symbol
    start: int
    end: int
    text: str
    low: str
    space: bool  # whitespace right before it


@dataclass(slots=True)
class Core:
    """A numeral read from the tokens, before its context is known."""

    start: int  # char offsets
    end: int
    value: float
    end_tok: int  # first token after the numeral
    is_int: bool = True
    plain_digits: str | None = None  # the digit run when the numeral is one bare integer (years, codes)
    words: bool = False
    scaled: bool = False
    fraction: bool = False  # a pure fraction: "a third", "3/4"
    negative: bool = False
    single_word: str | None = None  # "one", "half" alone
    sign: str | None = None  # "+" or "-" written against the digits: "+0.4%", "-2.1%"


@dataclass(slots=True)
class Skip:
    """Tokens that look numeric but are not numbers to report (codes, dates, times)."""

    end_tok: int


@dataclass(slots=True)
class Draft:
    """A mention under construction."""

    start: int
    end: int
    kind: str
    amount: float | None
    core: Core
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    value_kind: str | None = None
    counted: str | None = None
    hedge: str | None = None
    pattern: str = "number"
    usd: float | None = None
    usd_basis: str | None = None
    warnings: list[str] = field(default_factory=list)
    minor_factor: float | None = None
    end_tok: int = 0
    role: str | None = None  # "old" or "new": one side of a change ("slid from $1,980 to $1,905")
