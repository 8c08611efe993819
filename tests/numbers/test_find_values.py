"""find_values on tech-news sentences: one table per point of issue 4."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.numbers import ValueMention, find_values

PUBLISHED = dt.date(2025, 6, 10)


def only(text: str, **kw: object) -> ValueMention:
    """The single mention a sentence states (fails loudly when there are more or none)."""
    found = find_values(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(m.text, m.kind) for m in found]
    return found[0]


def by_text(text: str) -> dict[str, ValueMention]:
    return {m.text: m for m in find_values(text, published=PUBLISHED)}


# ---------------------------------------------------------------- 1. numbers
@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("The province granted 635,800 invention patents last year.", "635,800", 635800),
    ("The chip's yield improved to 1.25 times the old node.", "1.25 times", 1.25),
    ("Europe's rate was 3,5 per cent in the survey.", "3,5 per cent", 0.035),
    ("Only two EDA vendors were left on the list.", "two", 2),
    ("Some twenty-seven thousand engineers joined the programme.", "twenty-seven thousand", 27000),
    ("The firm shipped a dozen prototypes to partners.", "a dozen", 12),
    ("The fund will deploy half a billion dollars into start-ups.", "half a billion dollars", 5e8),
    ("The app reached 1.2 million users within a week.", "1.2 million", 1.2e6),
    ("Analysts expect 10k orders for the handset.", "10k", 1e4),
    ("India's startups raised 13 lakh crore rupees in total.", "13 lakh crore rupees", 1.3e13),
    ("The census counted 2 crore smartphone owners.", "2 crore", 2e7),
    ("Samsung spent 3.5tn won on the plant.", "3.5tn won", 3.5e12),
    ("The regulator fined the company 1.4bn euros.", "1.4bn euros", 1.4e9),
    ("Users streamed 4 thousand 3 hundred and 21 hours.", "4 thousand 3 hundred and 21 hours", 4321),
], ids=["thousands", "decimal", "comma-decimal", "word", "words-scale", "dozen", "half-a-billion", "scale",
        "k", "lakh-crore", "crore", "tn", "bn", "mixed-chain"])
def test_find_values_numbers(text: str, surface: str, amount: float) -> None:
    found = by_text(text)
    assert surface in found, list(found)
    value = found[surface].value
    assert value.amount == pytest.approx(amount)


@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("About a third of the chips failed inspection.", "a third", 1 / 3),
    ("Three-quarters of respondents use ChatGPT weekly.", "Three-quarters", 0.75),
    ("More than half of the GPUs sat idle.", "half", 0.5),
    ("One in five Americans used an AI assistant.", "One in five", 0.2),
], ids=["a-third", "three-quarters", "half", "one-in-five"])
def test_find_values_fractions_are_ratios(text: str, surface: str, amount: float) -> None:
    m = by_text(text)[surface]
    assert m.kind == "percent" and m.value.unit == "ratio" and m.value.kind == "share"
    assert m.value.amount == pytest.approx(amount)


@pytest.mark.parametrize("text", [
    "Huawei's Ascend 910C is built by SMIC.",
    "Nvidia sold the H100 and the RTX 4090 in China until 2023.",
    "Apple's M4 runs iOS 18.2 and Llama 3.1 locally.",
    "Intel's Gaudi 3 competes with GPT-4o serving clusters.",
    "The update shipped in version 2 of the app.",
    "1. Nvidia\n2. AMD\n3. Intel",
    "Call the press office on +1-415-555-0100 for comment.",
    "The keynote starts at 10:30 am and ends at 6pm.",
    "The results were published on 5/17/2024.",
    "In 2024 the company moved its headquarters.",
    "The chip is TSMC's third design this year.",
    "It was the 21st quarter of growth.",
    "The one you saw on stage was a mock-up.",
    "Wi-Fi 7 and 5G modems are standard.",
    "See the docs at https://example.com/v2/models?id=4090&page=3 for details.",
    "Samsung stayed No. 1 in 5G handsets.",
    "Nvidia reports on Aug. 28 and holds its event in March 2025.",
    "Sales in Q3 and FY2024 beat the 1990s peak.",
], ids=["part-number", "model-numbers-year", "versions", "hyphen-models", "version-word", "list-markers",
        "phone", "times", "date", "year", "ordinal", "ordinal-digits", "pronoun-one", "generations", "url",
        "rank-not-ratio", "month-abbreviation", "quarters-decades"])
def test_find_values_not_numbers(text: str) -> None:
    assert find_values(text) == []


# ---------------------------------------------------------------- 2. money
@pytest.mark.parametrize(("text", "surface", "amount", "currency"), [
    ("Nvidia's revenue rose to $35.1bn in the quarter.", "$35.1bn", 35.1e9, "USD"),
    ("The grant was worth US$84.5 million.", "US$84.5 million", 84.5e6, "USD"),
    ("The MTR budget reached HK$10.05 billion.", "HK$10.05 billion", 10.05e9, "HKD"),
    ("Grab raised S$500 million in bonds.", "S$500 million", 5e8, "SGD"),
    ("Canva is valued at A$39 billion.", "A$39 billion", 39e9, "AUD"),
    ("Shopify set aside C$300 million.", "C$300 million", 3e8, "CAD"),
    ("TSMC posted NT$839.25 billion in revenue.", "NT$839.25 billion", 839.25e9, "TWD"),
    ("Mistral raised €600m in its latest round.", "€600m", 6e8, "EUR"),
    ("Arm booked £2.1bn of licensing income.", "£2.1bn", 2.1e9, "GBP"),
    ("Samsung will invest ₩360 trillion by 2042.", "₩360 trillion", 360e12, "KRW"),
    ("Reliance set aside ₹75,000 crore for 5G.", "₹75,000 crore", 75e10, "INR"),
    ("Xiaomi spent RMB 10 billion on chips.", "RMB 10 billion", 1e10, "CNY"),
    ("The deal was priced at USD 1.2 billion.", "USD 1.2 billion", 1.2e9, "USD"),
    ("Guangdong provided 600 million yuan for labs.", "600 million yuan", 6e8, "CNY"),
    ("The ministry budgeted 2 trillion yen for Rapidus.", "2 trillion yen", 2e12, "JPY"),
    ("Naver paid 1.5 trillion won for the stake.", "1.5 trillion won", 1.5e12, "KRW"),
    ("Infosys earned 40,000 crore rupees.", "40,000 crore rupees", 4e11, "INR"),
    ("The EU fined Apple 1.8 billion euros.", "1.8 billion euros", 1.8e9, "EUR"),
    ("ARM's founders sold 20 million pounds of shares.", "20 million pounds", 2e7, "GBP"),
    ("Logitech earned 4.5 billion Swiss francs.", "4.5 billion Swiss francs", 4.5e9, "CHF"),
    ("The handset costs 8,999 renminbi.", "8,999 renminbi", 8999, "CNY"),
], ids=["usd-bn", "us-dollar", "hkd", "sgd", "aud", "cad", "twd", "eur-m", "gbp-bn", "krw", "inr-crore",
        "rmb-code", "usd-code", "yuan", "yen", "won", "rupees", "euros", "pounds", "swiss-francs", "renminbi"])
def test_find_values_money(text: str, surface: str, amount: float, currency: str) -> None:
    m = by_text(text)[surface]
    assert m.kind == "money"
    assert m.value.currency == currency
    assert m.value.amount == pytest.approx(amount)
    assert m.value.kind == "amount"


@pytest.mark.parametrize(("text", "currency"), [
    ("Alibaba said it would spend ¥380 billion on cloud infrastructure in China.", "CNY"),
    ("Tencent's ¥50 billion buyback lifted its Hong Kong shares; in yuan terms it is its largest.", "CNY"),
    ("Sony will spend ¥1.8 trillion on image sensors in Japan.", "JPY"),
    ("SoftBank booked a ¥1 trillion gain in Tokyo.", "JPY"),
    ("The company paid ¥300 million.", "JPY"),
], ids=["cny-china", "cny-yuan", "jpy-japan", "jpy-tokyo", "default-jpy"])
def test_find_values_yen_or_yuan_from_context(text: str, currency: str) -> None:
    money = [m for m in find_values(text) if m.kind == "money"]
    assert money and money[0].value.currency == currency


@pytest.mark.parametrize(("text", "low", "high", "currency"), [
    ("The plant will cost $1bn-$2bn.", 1e9, 2e9, "USD"),
    ("The fund holds between 5 and 6 billion yuan.", 5e9, 6e9, "CNY"),
    ("Analysts see a $5-6 billion market.", 5e9, 6e9, "USD"),
], ids=["dash", "between", "shared-scale"])
def test_find_values_money_ranges(text: str, low: float, high: float, currency: str) -> None:
    m = [m for m in find_values(text) if m.kind == "money"][0]
    assert (m.value.low, m.value.high, m.value.amount, m.value.currency) == (low, high, None, currency)


@pytest.mark.parametrize(("text", "hedge"), [
    ("OpenAI is raising about $40bn.", "about"),
    ("The cluster cost around $2bn.", "around"),
    ("Revenue reached nearly $10bn.", "nearly"),
    ("The firm spent more than $5bn on GPUs.", "more than"),
    ("Capex will be at least $60bn.", "at least"),
    ("The startup could raise up to $500m.", "up to"),
    ("It costs roughly $30,000.", "roughly"),
    ("Sales hit almost $1bn.", "almost"),
    ("The company has over $20bn in cash.", "over"),
    ("The deal is worth some $4bn.", "some"),
    ("Approximately $3bn was spent.", "approximately"),
], ids=["about", "around", "nearly", "more-than", "at-least", "up-to", "roughly", "almost", "over", "some",
        "approximately"])
def test_find_values_hedges_outside_the_span(text: str, hedge: str) -> None:
    m = only(text)
    assert m.hedge == hedge
    assert m.text.startswith("$") or m.text[0].isdigit()


@pytest.mark.parametrize(("text", "surface", "unit", "amount"), [
    ("Nvidia charges $30,000 per chip for the H100.", "$30,000 per chip", "per chip", 30000),
    ("Renting a GPU costs $2 an hour.", "$2 an hour", "per hour", 2),
    ("ChatGPT Plus costs $20 a month.", "$20 a month", "per month", 20),
], ids=["per-chip", "an-hour", "a-month"])
def test_find_values_unit_prices(text: str, surface: str, unit: str, amount: float) -> None:
    m = by_text(text)[surface]
    assert (m.kind, m.value.unit, m.value.kind, m.value.amount) == ("money", unit, "rate", amount)


@pytest.mark.parametrize(("text", "surface"), [
    ("Revenue rose to $11.3 billion, from $7.75 billion a year earlier.", "$7.75 billion"),
    ("Net profit was 2 billion yuan, against 1.5 billion yuan a year ago.", "1.5 billion yuan"),
    ("Chip sales reached $52bn in May, from $50.6bn a month earlier.", "$50.6bn"),
], ids=["a-year-earlier", "a-year-ago", "a-month-earlier"])
def test_find_values_a_baselines_time_is_no_rate(text: str, surface: str) -> None:
    """'$7.75 billion a year earlier' is the baseline's amount, not $7.75 billion per year."""
    m = by_text(text)[surface]
    assert (m.value.unit, m.value.kind) == (None, "amount")


# ---------------------------------------------------------------- 3. stated equivalents
@pytest.mark.parametrize(("text", "surface", "amount", "currency", "usd"), [
    ("Guangdong has provided 600 million yuan (US$84.5 million) in funding since 2019.",
     "600 million yuan (US$84.5 million)", 6e8, "CNY", 84.5e6),
    ("Brussels pledged €50bn ($54bn) for chip plants.", "€50bn ($54bn)", 50e9, "EUR", 54e9),
    ("The lab received US$84.5 million (600 million yuan) from the province.",
     "US$84.5 million (600 million yuan)", 6e8, "CNY", 84.5e6),
], ids=["yuan-usd", "euro-dollar", "usd-first"])
def test_find_values_stated_equivalent_is_one_mention(text: str, surface: str, amount: float, currency: str,
                                                      usd: float) -> None:
    m = only(text, published=PUBLISHED)
    assert m.text == surface
    assert (m.value.amount, m.value.currency, m.value.usd, m.value.usd_basis) == (amount, currency, usd, "stated")


def test_find_values_stated_equivalent_far_from_the_table_warns() -> None:
    m = only("The province paid 600 million yuan (US$8.45 million) to the lab.", published=PUBLISHED)
    assert m.value.usd == 8.45e6 and m.value.usd_basis == "stated"
    assert m.warnings and "8,450,000" in m.warnings[0]


# ---------------------------------------------------------------- 4. exchange rates
@pytest.mark.parametrize(("text", "currency"), [
    ("Samsung will spend ₩10 trillion.", "KRW"),
    ("Mistral raised €600m.", "EUR"),
    ("Baidu spent 12 billion yuan.", "CNY"),
], ids=["krw", "eur", "cny"])
def test_find_values_usd_from_the_rate_of_the_publication_month(text: str, currency: str) -> None:
    m = only(text, published=PUBLISHED)
    assert m.value.currency == currency
    assert m.value.usd is not None and m.value.usd > 0
    assert m.value.usd_basis == "fx:2025-06"


def test_find_values_usd_amounts_are_stated() -> None:
    m = only("Meta will spend $65bn.", published=PUBLISHED)
    assert (m.value.usd, m.value.usd_basis) == (65e9, "stated")


# ---------------------------------------------------------------- 5. percentages, ratios, multiples
@pytest.mark.parametrize(("text", "surface", "amount", "unit", "kind"), [
    ("The Ascend 910C reaches 60% of the H100's performance.", "60%", 0.6, "percent", "share"),
    ("Huawei holds 60 per cent of the market.", "60 per cent", 0.6, "percent", "share"),
    ("The share rose to 60 percent.", "60 percent", 0.6, "percent", "share"),
    ("Smartphone shipments were 60 pct of the total.", "60 pct", 0.6, "percent", "share"),
    ("Nvidia's revenue rose 27% to $35.1bn.", "27%", 0.27, "percent", "change"),
    ("Intel's shares fell 3% on Friday.", "3%", -0.03, "percent", "change"),
    ("PC shipments were down 3% year on year.", "3%", -0.03, "percent", "change"),
    ("Margins were down 3 percentage points.", "3 percentage points", -0.03, "percentage_point", "points"),
    ("The new chip is 0.6x the size.", "0.6x", 0.6, "multiple", "multiple"),
    ("Blackwell trains models 2x faster.", "2x", 2, "multiple", "multiple"),
    ("The cluster is twice as large.", "twice", 2, "multiple", "multiple"),
    ("Inference is three times faster than on the H100.", "three times", 3, "multiple", "multiple"),
    ("Data-centre revenue doubled in a year.", "doubled", 2, "multiple", "multiple"),
    ("Orders tripled after the launch.", "tripled", 3, "multiple", "multiple"),
    ("A fifth of the wafers were scrapped.", "A fifth", 0.2, "ratio", "share"),
    ("HBM sales are on track to double again in 2026.", "double", 2, "multiple", "multiple"),
    ("Data-centre power demand is set to more than quadruple by 2030.", "quadruple", 4, "multiple", "multiple"),
    ("The start-up wants to halve its inference costs.", "halve", 0.5, "multiple", "multiple"),
], ids=["share", "per-cent", "percent", "pct", "rose", "fell", "down", "points", "0.6x", "2x", "twice",
        "three-times", "doubled", "tripled", "a-fifth", "to-double", "to-more-than-quadruple", "to-halve"])
def test_find_values_percentages_and_multiples(text: str, surface: str, amount: float, unit: str,
                                               kind: str) -> None:
    m = by_text(text)[surface]
    assert m.kind == "percent"
    assert (m.value.unit, m.value.kind) == (unit, kind)
    assert m.value.amount == pytest.approx(amount)


@pytest.mark.parametrize("text", [
    "Revenue grew at a double-digit pace.",
    "The team scored a double in the final round.",
    "Engineers double-check every wafer map.",
], ids=["double-digit", "a-double", "double-check"])
def test_find_values_double_that_is_no_multiple(text: str) -> None:
    assert [m for m in find_values(text) if m.value.unit == "multiple"] == []


def test_find_values_more_than_double_keeps_its_hedge() -> None:
    m = by_text("Electricity use is expected to more than double by 2030.")["double"]
    assert (m.value.amount, m.hedge) == (2, "more than")


# ---------------------------------------------------------------- 6. units through pint
@pytest.mark.parametrize(("text", "surface", "amount", "unit"), [
    ("TSMC will mass-produce 3nm chips.", "3nm", 3, "nanometer"),
    ("SMIC's 3-nanometre process is years away.", "3-nanometre", 3, "nanometer"),
    ("The B200 delivers 20 petaflops of FP4 compute.", "20 petaflops", 20, "petaFLOPS"),
    ("Each GPU reaches 989 TFLOPS.", "989 TFLOPS", 989, "teraFLOPS"),
    ("Frontier passed 1.1 exaflops.", "1.1 exaflops", 1.1, "exaFLOPS"),
    ("The model generates 60 tokens per second.", "60 tokens per second", 60, "token / second"),
    ("Llama 3 was trained on 15 trillion tokens.", "15 trillion tokens", 15e12, "token"),
    ("Meta released a model with 70B parameters.", "70B parameters", 70e9, "parameter"),
    ("DeepSeek built a 671-billion-parameter model.", "671-billion-parameter", 671e9, "parameter"),
    ("The M3 Ultra packs 184 billion transistors.", "184 billion transistors", 184e9, "transistor"),
    ("The card carries 80GB of memory.", "80GB", 80, "gigabyte"),
    ("The drive reports 931 GiB free.", "931 GiB", 931, "gibibyte"),
    ("The port runs at 800 Gbps.", "800 Gbps", 800, "gigabit / second"),
    ("HBM3e moves 8 TB/s.", "8 TB/s", 8, "terabyte / second"),
    ("The rack draws 120 kW.", "120 kW", 120, "kilowatt"),
    ("The campus will need 5 GW of power.", "5 GW", 5, "gigawatt"),
    ("The CPU boosts to 5.7 GHz.", "5.7 GHz", 5.7, "gigahertz"),
    ("Data centres used 415 TWh in 2024.", "415 TWh", 415, "terawatt_hour"),
    ("The phone has a 6.7-inch screen.", "6.7-inch", 6.7, "inch"),
    ("It ships with a 5,000 mAh battery.", "5,000 mAh", 5000, "milliampere_hour"),
    ("The chip throttles at 95°C.", "95°C", 95, "degree_Celsius"),
], ids=["nm", "nanometre", "petaflops", "tflops", "exaflops", "tokens-per-second", "tokens", "parameters",
        "hyphen-parameters", "transistors", "gb", "gib", "gbps", "tb-s", "kw", "gw", "ghz", "twh", "inch",
        "mah", "celsius"])
def test_find_values_units(text: str, surface: str, amount: float, unit: str) -> None:
    m = by_text(text)[surface]
    assert (m.kind, m.value.unit, m.value.kind) == ("quantity", unit, "measure")
    assert m.value.amount == pytest.approx(amount)


# ---------------------------------------------------------------- 7. counts
@pytest.mark.parametrize(("text", "surface", "amount", "counted", "hedge"), [
    ("The city hosts more than 27,000 postdoctoral researchers.", "27,000", 27000, "postdoctoral researchers",
     "more than"),
    ("Guangdong was granted 635,800 invention patents.", "635,800", 635800, "invention patents", None),
    ("The app has 1.2 million users.", "1.2 million", 1.2e6, "users", None),
    ("Huawei replaced two EDA tools.", "two", 2, "EDA tools", None),
], ids=["researchers", "patents", "users", "eda-tools"])
def test_find_values_counts(text: str, surface: str, amount: float, counted: str, hedge: str | None) -> None:
    m = by_text(text)[surface]
    assert (m.kind, m.value.amount, m.value.counted, m.hedge) == ("count", amount, counted, hedge)


# ---------------------------------------------------------------- grounding and order
@pytest.mark.parametrize("text", [
    "Nvidia's revenue rose 27% to $35.1bn, while about 600 million yuan (US$84.5 million) went to 3nm R&D.",
    "Between 5 and 6 billion yuan, 70B parameters, 2x faster and 1.2 million users in 2024.",
], ids=["mixed", "dense"])
def test_find_values_spans_are_grounded_sorted_and_disjoint(text: str) -> None:
    found = find_values(text, published=PUBLISHED)
    assert found
    for m in found:
        assert text[m.start:m.end] == m.text == m.value.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
