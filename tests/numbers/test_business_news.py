"""find_values on business and wire news: one table per error class of issue 16.

Every row of the class tables failed before its fix; the ``stays`` tables are the readings the fixes
must not disturb (metres stay metres, 1080p stays a resolution).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.numbers import ValueMention, find_values

PUBLISHED = dt.date(2025, 6, 10)


def mention(text: str, surface: str) -> ValueMention:
    """The mention whose text is ``surface``; fails with every mention found when there is none."""
    found = find_values(text, published=PUBLISHED)
    for m in found:
        if m.text == surface:
            return m
    raise AssertionError([(m.text, m.kind, m.value.amount, m.value.unit, m.value.currency) for m in found])


# ---------------------------------------------------------------- 1. currency prefixes, digit groups
@pytest.mark.parametrize(("text", "surface", "amount", "currency", "usd"), [
    ("The company paid $US41,287,000 ($A63,904,110) for the stake.", "$US41,287,000 ($A63,904,110)",
     63904110, "AUD", 41287000),
    ("The miner raised $US5 million from investors.", "$US5 million", 5e6, "USD", 5e6),
    ("Shares in the bank closed at $A4.56 on Friday.", "$A4.56", 4.56, "AUD", None),
    ("The club was fined $US25,000 (PS18,400) on Monday.", "$US25,000 (PS18,400)", 18400, "GBP", 25000),
    ("Sales were PS1.2 billion ($1.5 billion) in the year.", "PS1.2 billion ($1.5 billion)", 1.2e9, "GBP", 1.5e9),
    ("Exports to the US were worth Y=31,450 million in May.", "Y=31,450 million", 3.145e10, "JPY", None),
    ("The fund bought the stock at Y=2,150 a share.", "Y=2,150 a share", 2150, "JPY", None),
    ("A $1.5bn deal was signed on Tuesday.", "$1.5bn", 1.5e9, "USD", 1.5e9),
], ids=["usd-aud-wire", "dollar-us", "dollar-a", "ps-pound", "ps-stated-usd", "yen-wire", "yen-wire-rate",
        "article-a-not-aud"])
def test_business_currency_prefix(text: str, surface: str, amount: float, currency: str,
                                  usd: float | None) -> None:
    m = mention(text, surface)
    assert m.kind == "money"
    assert m.value.amount == pytest.approx(amount)
    assert m.value.currency == currency
    if usd is not None:
        assert m.value.usd == pytest.approx(usd)


@pytest.mark.parametrize("text", [
    "The company paid $US41,287,000 for the stake.",
    "Revenue rose to Y=1,234,567 in the year.",
    "Profit was $A63,904,110 after tax.",
], ids=["dollar-us", "yen-wire", "dollar-a"])
def test_business_digit_group_never_split(text: str) -> None:
    found = find_values(text, published=PUBLISHED)
    assert len(found) == 1, [m.text for m in found]
    assert found[0].kind == "money"


@pytest.mark.parametrize(("text", "surface"), [
    ("Sony sold 4.2 million PS5 consoles.", "4.2 million"),
    ("The PS4 sold well in Japan.", None),
], ids=["ps5-console", "ps4-console"])
def test_business_currency_prefix_stays(text: str, surface: str | None) -> None:
    found = find_values(text, published=PUBLISHED)
    assert [m.text for m in found if m.kind == "money"] == []
    if surface is not None:
        assert surface in [m.text for m in found]


# ---------------------------------------------------------------- 2. m, bn, k after a number
@pytest.mark.parametrize(("text", "surface", "amount", "kind", "unit"), [
    ("The miner shipped 3.4m tonnes of ore.", "3.4m tonnes", 3.4e6, "quantity", "metric_ton"),
    ("Samsung sold 20m of its phones last year.", "20m", 2e7, "number", None),
    ("The group sold 5m units in the quarter.", "5m", 5e6, "count", None),
    ("The app has 1.2m users.", "1.2m", 1.2e6, "count", None),
    ("The striker earned 31m pounds last year.", "31m pounds", 3.1e7, "money", None),
    ("The field holds 2.5m barrels of oil.", "2.5m barrels", 2.5e6, "quantity", "barrel"),
], ids=["m-tonnes", "m-of-its", "m-units", "m-users", "m-pounds", "m-barrels"])
def test_business_scale_letters(text: str, surface: str, amount: float, kind: str, unit: str | None) -> None:
    m = mention(text, surface)
    assert m.value.amount == pytest.approx(amount)
    if kind != "number":
        assert m.kind == kind
    assert m.value.unit == unit or kind == "number"


@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("The tower is 300m tall.", "300m", 300),
    ("He ran the 100m hurdles in 13 seconds.", "100m", 100),
    ("1m is equal to 10 dm", "1m", 1),
    ("The pipeline is 40m long.", "40m", 40),
], ids=["tall", "hurdles", "is", "long"])
def test_business_scale_letters_stay_metres(text: str, surface: str, amount: float) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.unit, m.value.amount) == ("quantity", "meter", amount)


# ---------------------------------------------------------------- 3. subunits
@pytest.mark.parametrize(("text", "surface", "amount", "currency"), [
    ("Shares in the retailer closed at 212p in London.", "212p", 2.12, "GBP"),
    ("Shares fell 41p to 380p.", "41p", 0.41, "GBP"),
    ("Shares fell 41p to 380p.", "380p", 3.80, "GBP"),
    ("The stock rose 3.5p to 212.5p.", "212.5p", 2.125, "GBP"),
    ("The stock rose 27 cents to $14.10.", "27 cents", 0.27, "USD"),
    ("Shares in BHP rose 27 cents to A$41.10.", "27 cents", 0.27, "AUD"),
    ("The Toronto stock added 48 cents, or 2.1 per cent, to C$23.40.", "48 cents", 0.48, "CAD"),
], ids=["closed-at-212p", "fell-41p", "to-380p", "decimal-pence", "cents-then-level", "cents-aud", "cents-cad"])
def test_business_subunit_money(text: str, surface: str, amount: float, currency: str) -> None:
    m = mention(text, surface)
    assert m.kind == "money"
    assert m.value.amount == pytest.approx(amount)
    assert m.value.currency == currency
    assert m.value.text == surface


@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("The central bank made a 45-basis-point cut.", "45-basis-point", 0.0045),
    ("The spread widened 30bps on Monday.", "30bps", 0.0030),
    ("The bank lifted rates by 45 bps.", "45 bps", 0.0045),
], ids=["hyphenated", "bps-glued", "bps-spaced"])
def test_business_basis_points(text: str, surface: str, amount: float) -> None:
    m = mention(text, surface)
    assert m.kind == "percent"
    assert m.value.unit == "percentage_point"
    assert abs(m.value.amount or 0) == pytest.approx(amount)


@pytest.mark.parametrize(("text", "surface"), [
    ("The phone records 1080p video.", "1080p"),
    ("I'll be back at 7p", None),
], ids=["resolution", "time"])
def test_business_pence_stay(text: str, surface: str | None) -> None:
    assert [m.text for m in find_values(text, published=PUBLISHED) if m.kind == "money"] == []


# ---------------------------------------------------------------- 4. rates
@pytest.mark.parametrize(("text", "surface", "amount", "currency", "unit"), [
    ("Office rents reached $18.40 per square foot.", "$18.40 per square foot", 18.40, "USD", "per square foot"),
    ("Rents rose to $18.40 a square foot.", "$18.40 a square foot", 18.40, "USD", "per square foot"),
    ("Homes sell for $400 per sq ft in the suburb.", "$400 per sq ft", 400, "USD", "per square foot"),
    ("Land sold for €1,200 per square metre.", "€1,200 per square metre", 1200, "EUR", "per square metre"),
    ("Coal fell to $98/t on Friday.", "$98/t", 98, "USD", "per tonne"),
    ("Copper traded at $9,100 a metric ton.", "$9,100 a metric ton", 9100, "USD", "per tonne"),
    ("Wheat fell to $5.60 a bushel.", "$5.60 a bushel", 5.60, "USD", "per bushel"),
    ("Farmland costs $1,500 per acre.", "$1,500 per acre", 1500, "USD", "per acre"),
    ("Farmers got 25 cents a litre for milk.", "25 cents a litre", 0.25, "USD", "per litre"),
    ("Electricity costs 30p per kWh.", "30p per kWh", 0.30, "GBP", "per kilowatt-hour"),
], ids=["per-square-foot", "a-square-foot", "per-sq-ft", "per-square-metre", "slash-t", "a-metric-ton",
        "a-bushel", "per-acre", "cents-a-litre", "pence-per-kwh"])
def test_business_rates(text: str, surface: str, amount: float, currency: str, unit: str) -> None:
    m = mention(text, surface)
    assert m.kind == "money"
    assert (m.value.amount, m.value.currency, m.value.unit, m.value.kind) == (pytest.approx(amount), currency,
                                                                               unit, "rate")


@pytest.mark.parametrize(("text", "surface"), [
    ("SoftBank sold $100 million a unit of its fund.", "$100 million"),
], ids=["a-unit-of"])
def test_business_rates_stay(text: str, surface: str) -> None:
    assert mention(text, surface).value.unit is None


# ---------------------------------------------------------------- 5. ranges and changes
@pytest.mark.parametrize(("text", "surface", "low", "high", "unit"), [
    ("The bank offered between $41 and $47 a share.", "$41 and $47 a share", 41, 47, "per share"),
    ("Shares traded at $41 to $47 a share.", "$41 to $47 a share", 41, 47, "per share"),
    ("Forecasts for growth range from 3 to 6 per cent.", "3 to 6 per cent", 0.03, 0.06, "percent"),
    ("Estimates of the rise span from 2 to 4 per cent.", "2 to 4 per cent", 0.02, 0.04, "percent"),
], ids=["between-a-share", "to-a-share", "growth-range-from", "rise-span-from"])
def test_business_ranges(text: str, surface: str, low: float, high: float, unit: str) -> None:
    m = mention(text, surface)
    assert (m.value.low, m.value.high, m.value.unit) == (pytest.approx(low), pytest.approx(high), unit)
    assert m.role is None


@pytest.mark.parametrize(("text", "old", "new", "unit"), [
    ("Gold slid from $1,980 to $1,905 an ounce.", "$1,980", "$1,905 an ounce", "per ounce"),
    ("Gold slid from $1,980 to $1,905.", "$1,980", "$1,905", None),
    ("Open interest narrowed to 96,410 contracts from 143,220.", "143,220", "96,410", None),
    ("Revenue rose to $5.2 billion from $4.1 billion.", "$4.1 billion", "$5.2 billion", None),
    ("Profit margins fell from 12% to 9%.", "12%", "9%", "percent"),
    ("Revenue rose sharply from $1bn to $2bn.", "$1bn", "$2bn", None),
], ids=["slid-an-ounce", "slid", "narrowed-to-from", "rose-to-from", "fell-percent", "rose-sharply"])
def test_business_changes(text: str, old: str, new: str, unit: str | None) -> None:
    before, after = mention(text, old), mention(text, new)
    assert (before.role, after.role) == ("old", "new")
    assert before.kind == after.kind
    assert before.value.unit == after.value.unit == unit


@pytest.mark.parametrize(("text", "surface"), [
    ("Prices range from $5 to $10.", "$5 to $10"),
], ids=["range-from"])
def test_business_changes_stay_ranges(text: str, surface: str) -> None:
    assert mention(text, surface).role is None
