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


# ---------------------------------------------------------------- 6. units carried from context
@pytest.mark.parametrize(("text", "surface", "kind", "unit", "counted", "role"), [
    ("The company shipped 4.2 million headsets, up from 3.6 million.", "3.6 million", "count", None, "headsets",
     "old"),
    ("Deliveries reached 466,140 vehicles, down from 484,507.", "484,507", "count", None, "vehicles", "old"),
    ("It signed up 2.1 million subscribers in the quarter versus 1.8 million a year earlier.", "1.8 million",
     "count", None, "subscribers", None),
    ("It aims to sell 10 million cars, compared with 8.5 million last year.", "8.5 million", "count", None, "cars",
     None),
    ("The mine produced 1.2 million tonnes of copper, against 1.1 million in 2023.", "1.1 million", "quantity",
     "metric_ton", None, None),
], ids=["up-from", "down-from", "versus", "compared-with", "against-tonnes"])
def test_business_unit_carried(text: str, surface: str, kind: str, unit: str | None, counted: str | None,
                               role: str | None) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.unit, m.value.counted, m.role) == (kind, unit, counted, role)


@pytest.mark.parametrize(("text", "surface", "amount", "value_kind"), [
    ("The Nikkei rose to 38,210.5 on Tuesday.", "38,210.5", 38210.5, "measure"),
    ("The Kospi closed at 2,855.57.", "2,855.57", 2855.57, "measure"),
    ("The S&P 500 rose 1.2% to 5,304.72.", "5,304.72", 5304.72, "measure"),
    ("The Hang Seng index fell 312.4 points, or 1.8%, to 17,002.", "17,002", 17002, "measure"),
    ("The Hang Seng index fell 312.4 points, or 1.8%, to 17,002.", "312.4 points", -312.4, "change"),
    ("The FTSE 100 closed at 8,120.3 in London.", "8,120.3", 8120.3, "measure"),
], ids=["nikkei-rose-to", "kospi-closed-at", "sp500-after-percent", "hang-seng-level", "hang-seng-points",
        "ftse-closed-at"])
def test_business_index_points(text: str, surface: str, amount: float, value_kind: str) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.unit, m.value.kind) == ("quantity", "point", value_kind)
    assert m.value.amount == pytest.approx(amount)


@pytest.mark.parametrize(("text", "surface", "kind"), [
    ("The striker scored 30 points in the final.", "30", "count"),
    ("Revenue was $5 billion, up from $4 billion.", "$4 billion", "money"),
], ids=["points-no-index", "money-stays-money"])
def test_business_unit_carried_stays(text: str, surface: str, kind: str) -> None:
    m = mention(text, surface)
    assert m.kind == kind and m.value.unit is None


# ---------------------------------------------------------------- 7. units, not counted nouns
@pytest.mark.parametrize(("text", "surface", "amount", "unit"), [
    ("The alloy has a yield strength of 12 ksi.", "12 ksi", 12, "kip_per_square_inch"),
    ("The well was drilled with 9.8 ppg mud.", "9.8 ppg", 9.8, "pound / gallon"),
    ("Greenland lost 84 gigatonnes of ice last year.", "84 gigatonnes", 84, "gigametric_ton"),
    ("The V8 now makes 510bhp.", "510bhp", 510, "horsepower"),
    ("The engine makes 420 lb-ft of torque.", "420 lb-ft", 420, "foot * force_pound"),
    ("The car is limited to 65 m.p.h. on the highway.", "65 m.p.h.", 65, "mile / hour"),
    ("He had 312 receiving yards in the game.", "312 receiving yards", 312, "yard"),
    ("The deal should close within five business days.", "five business days", 5, "day"),
], ids=["ksi", "ppg", "gigatonnes", "bhp-glued", "lb-ft", "mph-dotted", "receiving-yards", "business-days"])
def test_business_units_not_counted(text: str, surface: str, amount: float, unit: str) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.unit, m.value.counted) == ("quantity", unit, None)
    assert m.value.amount == pytest.approx(amount)


# ---------------------------------------------------------------- 8. not numbers
@pytest.mark.parametrize(("text", "digits"), [
    ("Trading resumed at 1430 GMT.", "1430"),
    ("The statement was released at 0630 GMT on Monday.", "0630"),
    ("The exchange reopens at 0900 ET.", "0900"),
    ("Its headquarters is at 1600 Amphitheatre Parkway in Mountain View.", "1600"),
    ("The bank leased 350 Fifth Avenue for a decade.", "350"),
    ("The company is based in Mountain View, Calif. 94043.", "94043"),
    ("Send letters to the office in New York, N.Y. 10017.", "10017"),
    ("Residents of the 90210 ZIP code pay the most.", "90210"),
], ids=["gmt-time", "gmt-leading-zero", "et-time", "street-parkway", "street-avenue", "zip-calif", "zip-ny",
        "zip-code-after"])
def test_business_not_numbers(text: str, digits: str) -> None:
    assert [m.text for m in find_values(text, published=PUBLISHED) if digits in m.text] == []


@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("FTSE 100 -0.8%", "-0.8%", -0.008),
    ("Markets at noon: Euro Stoxx 50 -1.2%, CAC 40 -0.9%.", "-1.2%", -0.012),
], ids=["ftse-minus", "stoxx-minus"])
def test_business_index_then_change(text: str, surface: str, amount: float) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.kind) == ("percent", "change")
    assert m.value.amount == pytest.approx(amount)
    assert [x.text for x in find_values(text, published=PUBLISHED) if x.kind == "percent" and x.text != surface
            and x.start <= m.start < x.end] == []


@pytest.mark.parametrize(("text", "kept"), [
    ("Airbus delivered the A350 jet to the airline.", []),
    ("The S&P 500 rose 1.2%.", ["1.2%"]),
    ("The Euro Stoxx 50 fell 1.1%.", ["1.1%"]),
    ("The deal closed at 11pm on Friday.", []),
    ("The talks ended at 14:30 GMT.", []),
], ids=["a350", "sp500", "euro-stoxx", "11pm", "colon-gmt"])
def test_business_not_numbers_stay(text: str, kept: list[str]) -> None:
    assert [m.text for m in find_values(text, published=PUBLISHED)] == kept


# ---------------------------------------------------------------- 9. signs and vague magnitudes
@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("Gold was +0.4% on the day.", "+0.4%", 0.004),
    ("Markets at noon: DAX +0.4%, CAC 40 -0.3%.", "+0.4%", 0.004),
    ("The yen was -2.1% on the week.", "-2.1%", -0.021),
], ids=["plus", "plus-after-name", "minus-no-verb"])
def test_business_signed_percent(text: str, surface: str, amount: float) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.kind) == ("percent", "change")
    assert m.value.amount == pytest.approx(amount)


@pytest.mark.parametrize(("text", "surface", "kind", "low", "high", "currency", "counted"), [
    ("The company spent hundreds of millions of dollars on the plant.", "hundreds of millions of dollars",
     "money", 2e8, 9.99e8, "USD", None),
    ("Billions of euros were wiped off the market.", "Billions of euros", "money", 2e9, 9999999999, "EUR", None),
    ("It hired dozens of engineers.", "dozens", "count", 24, 99, None, "engineers"),
    ("Thousands of workers walked out.", "Thousands", "count", 2000, 9999, None, "workers"),
    ("The firm laid off tens of thousands of staff.", "tens of thousands", "count", 20000, 99000, None, "staff"),
], ids=["hundreds-of-millions-of-dollars", "billions-of-euros", "dozens", "thousands", "tens-of-thousands"])
def test_business_vague_magnitudes(text: str, surface: str, kind: str, low: float, high: float,
                                   currency: str | None, counted: str | None) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.amount, m.value.currency, m.value.counted) == (kind, None, currency, counted)
    assert (m.value.low, m.value.high) == (pytest.approx(low), pytest.approx(high))
    assert m.pattern.startswith("vague:")


@pytest.mark.parametrize(("text", "surface", "amount", "low", "high", "unit"), [
    ("Temperatures fell to minus-40 degrees Celsius.", "minus-40 degrees Celsius", -40, None, None,
     "degree_Celsius"),
    ("The survey covered adults aged 25 to 40.", "25 to 40", None, 25, 40, "year"),
    ("The survey covered adults aged between 25 and 40.", "25 and 40", None, 25, 40, "year"),
    ("Applicants must be aged 18 or over.", "18", 18, None, None, "year"),
], ids=["minus-hyphen", "aged-range", "aged-between", "aged-single"])
def test_business_signs_and_ages(text: str, surface: str, amount: float | None, low: float | None,
                                 high: float | None, unit: str) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.unit) == ("quantity", unit)
    assert (m.value.amount, m.value.low, m.value.high) == (amount, low, high)


@pytest.mark.parametrize(("text", "surface", "kind", "amount", "unit"), [
    ("A quarter of those surveyed said they would switch.", "A quarter", "percent", 0.25, "ratio"),
    ("A 17-year-old was arrested.", "17-year-old", "quantity", 17, "year"),
    ("Temperatures fell to minus 40 degrees Celsius.", "minus 40 degrees Celsius", "quantity", -40,
     "degree_Celsius"),
    ("The bank hired two hundred engineers.", "two hundred", "count", 200, None),
], ids=["quarter-share", "year-old", "minus-spaced", "two-hundred"])
def test_business_signs_and_magnitudes_stay(text: str, surface: str, kind: str, amount: float,
                                            unit: str | None) -> None:
    m = mention(text, surface)
    assert (m.kind, m.value.amount, m.value.unit) == (kind, pytest.approx(amount), unit)


@pytest.mark.parametrize(("text", "counted"), [
    ("Some of them had planned to buy tens of thousands of the processors.", "processors"),
    ("It would be a drag on thousands of small, friendly deals.", None),
], ids=["of-the", "no-noun"])
def test_business_vague_counts_need_a_noun(text: str, counted: str | None) -> None:
    found = [m for m in find_values(text, published=PUBLISHED) if m.pattern.startswith("vague:")]
    assert [m.value.counted for m in found] == ([counted] if counted else [])
