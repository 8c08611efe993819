"""US-dollar figures for money stated in other currencies, from the monthly table in ``models/fx/``.

Money keeps its original amount and currency; the US-dollar figure says its basis: ``stated`` when the
article gives it (or the amount is in dollars), ``fx:YYYY-MM`` when it comes from the table's average
rate for that month. A stated equivalent far from the table is kept, with a warning naming both.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import DataFileError
from pipeline.resources import read_text

RATES_FILE = "fx/monthly_usd.csv"
COLUMNS = ["month", "currency", "usd_per_unit"]
TOLERANCE = 0.05  # a stated equivalent this far (relative) from the table's conversion gets a warning
STATED = "stated"

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class RateTable:
    """US dollars per unit, keyed by (``YYYY-MM``, ISO code); USD itself is implicit."""

    rates: dict[tuple[str, str], float]
    first_month: str
    last_month: str

    def currencies(self) -> frozenset[str]:
        return frozenset(code for _, code in self.rates)


@dataclass(frozen=True, slots=True)
class UsdFigure:
    """What a money value gets: the US-dollar amount, its basis, and a warning when the two sources disagree."""

    usd: float | None
    basis: str | None
    warning: str | None = None


def parse_rates(text: str, source: str = RATES_FILE) -> RateTable:
    """Parse the table, rejecting malformed rows and duplicates so a bad rebuild fails loudly."""
    numbered = enumerate(text.splitlines(), start=1)
    lines = [(n, line) for n, line in numbered if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].strip().split(",") != COLUMNS:
        raise DataFileError(f"{source}: the first non-comment line must be {','.join(COLUMNS)}")
    rates: dict[tuple[str, str], float] = {}
    for (number, _), row in zip(lines[1:], csv.reader(line for _, line in lines[1:]), strict=True):
        where = f"{source}:{number}"
        if len(row) != len(COLUMNS):
            raise DataFileError(f"{where}: expected {len(COLUMNS)} fields, got {len(row)}")
        month, code, cell = (field.strip() for field in row)
        if not _MONTH.fullmatch(month):
            raise DataFileError(f"{where}: month {month!r} is not YYYY-MM")
        if not _CODE.fullmatch(code) or code == "USD":
            raise DataFileError(f"{where}: currency {code!r} is not a non-USD ISO 4217 code")
        try:
            rate = float(cell)
        except ValueError:
            raise DataFileError(f"{where}: rate {cell!r} is not a number") from None
        if not math.isfinite(rate) or rate <= 0:
            raise DataFileError(f"{where}: rate {cell!r} must be positive")
        if (month, code) in rates:
            raise DataFileError(f"{where}: duplicate row for {month} {code}")
        rates[(month, code)] = rate
    if not rates:
        raise DataFileError(f"{source}: no rates")
    months = sorted({month for month, _ in rates})
    return RateTable(rates=rates, first_month=months[0], last_month=months[-1])


@lru_cache(maxsize=1)
def load_rates() -> RateTable:
    """The shipped table, read once per process."""
    return parse_rates(read_text(RATES_FILE))


def usd_rate(currency: str, year: int, month: int) -> tuple[float, str] | None:
    """US dollars per unit of ``currency`` in a month, and the basis to record.

    A month after the table's end uses its last month, and the basis names the month actually used.
    USD is 1 with basis ``stated``: the amount is itself the US-dollar figure. None when the table has
    no rate (a currency the ECB does not publish, a month before the table, a discontinued currency).
    """
    code = currency.strip().upper()
    if code == "USD":
        return 1.0, STATED
    table = load_rates()
    wanted = f"{year:04d}-{month:02d}"
    used = min(wanted, table.last_month)
    rate = table.rates.get((used, code))
    return None if rate is None else (rate, f"fx:{used}")


def _rate_at(currency: str, when: dt.date | None) -> tuple[float, str] | None:
    if when is None:
        last = load_rates().last_month
        return usd_rate(currency, int(last[:4]), int(last[5:]))
    return usd_rate(currency, when.year, when.month)


def to_usd(amount: float, currency: str, when: dt.date | None) -> tuple[float, str] | None:
    """``amount`` in US dollars at the month of ``when`` (the latest month when undated), with its basis."""
    found = _rate_at(currency, when)
    if found is None:
        return None
    rate, basis = found
    return amount * rate, basis


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"


def check_stated(amount: float, currency: str, stated_usd: float, when: dt.date | None) -> str | None:
    """A warning naming both figures when a stated US-dollar equivalent is more than 5% off the table's."""
    converted = to_usd(amount, currency, when)
    if converted is None or converted[1] == STATED:
        return None
    usd, basis = converted
    if usd <= 0:
        return None
    gap = abs(stated_usd - usd) / usd
    if gap <= TOLERANCE:
        return None
    code = currency.strip().upper()
    return (
        f"stated US${_fmt(stated_usd)} for {_fmt(amount)} {code} is {gap:.1%} off "
        f"US${_fmt(usd)} at the {basis} rate"
    )


def resolve_usd(amount: float | None, currency: str, stated_usd: float | None, when: dt.date | None) -> UsdFigure:
    """The whole US-dollar rule, used by the number stage for every money value: a stated figure wins
    (checked against the table when the amount and the publication month are known: an undated article's
    month would be a guess), else the table's conversion of the amount (none for a range)."""
    if stated_usd is not None:
        warning = None
        if amount is not None and when is not None:
            warning = check_stated(amount, currency, stated_usd, when)
        return UsdFigure(stated_usd, STATED, warning)
    if amount is None:
        return UsdFigure(None, None)
    converted = to_usd(amount, currency, when)
    if converted is None:
        return UsdFigure(None, None)
    return UsdFigure(*converted)
