"""The language data under models/numbers/ and models/units/: every row loads, bad rows are rejected."""

from __future__ import annotations

import json

import pytest

from pipeline import resources
from pipeline.errors import DataFileError
from pipeline.numbers import registry, to_base
from pipeline.numbers.data import load
from pipeline.numbers.patterns import patterns
from pipeline.records import Value


def test_data_loads_every_file() -> None:
    d = load()
    assert d.units["seven"] == 7 and d.scales["crore"] == 1e7 and d.scale_abbr["bn"] == 1e9
    assert d.names["yuan"] == "CNY" and d.codes["RMB"] == "CNY" and d.symbols["HK$"] == "HKD"
    assert d.ambiguous["¥"][0] == "JPY"
    assert {a.canonical for a in d.unit_aliases} >= {"teraFLOPS", "parameter", "token / second", "gibibyte"}
    assert patterns().currency_prefix.pattern  # every regex compiles


@pytest.mark.parametrize("alias", ["TFLOPS", "PFLOPS", "exaflops", "GB", "GiB", "Gbps", "TB/s", "nm", "kW", "GW",
                                   "GHz", "kWh", "TWh", "inch", "mAh", "°C", "tokens per second", "parameters",
                                   "transistors"],
                         ids=lambda a: a)
def test_data_unit_aliases_the_issue_asks_for(alias: str) -> None:
    lookup = patterns().unit_lookup_cs.get(alias) or patterns().unit_lookup_ci.get(alias.lower())
    assert lookup is not None
    registry().Unit(lookup[1])  # the canonical name parses back in pint


@pytest.mark.parametrize(("unit", "amount", "base", "expected"), [
    ("nanometer", 3, "meter", 3e-9),
    ("teraFLOPS", 2, "FLOP / second", 2e12),
    ("gibibyte", 1, "bit", 8 * 2**30),
    ("gigawatt", 5, "kilogram * meter ** 2 / second ** 3", 5e9),
    ("degree_Celsius", 30, "kelvin", 303.15),
    ("parameter", 7e10, "parameter", 7e10),
], ids=["nm", "tflops", "gib", "gw", "celsius", "parameters"])
def test_to_base_gives_si_base_units(unit: str, amount: float, base: str, expected: float) -> None:
    q = to_base(Value(amount=amount, unit=unit, text="x"))
    assert q is not None
    assert q.magnitude == pytest.approx(expected)
    assert q.units == registry().Unit(base)


@pytest.mark.parametrize("value", [
    Value(amount=5, currency="USD", unit="per chip", text="$5 per chip"),
    Value(amount=0.6, unit="percent", text="60%"),
    Value(amount=None, unit="nanometer", text="nm"),
], ids=["money", "percent", "no-amount"])
def test_to_base_is_none_for_what_is_not_a_quantity(value: Value) -> None:
    assert to_base(value) is None


def test_data_every_unit_is_pints_own_canonical_name() -> None:
    """The loader takes unit names as written (no pint registry at start-up): each must be what pint
    itself calls the unit, or records would carry names pint does not give back."""
    raw = json.loads(resources.read_text("numbers/units.json"))
    for entry in raw["units"]:
        assert str(registry().Unit(entry["pint"])) == entry["pint"], entry["pint"]


def _patched(monkeypatch: pytest.MonkeyPatch, relative: str, mutate: object) -> None:
    original = resources.read_text

    def read_text(path: str) -> str:
        text = original(path)
        if path == relative:
            raw = json.loads(text)
            mutate(raw)  # type: ignore[operator]
            return json.dumps(raw)
        return text

    monkeypatch.setattr(resources, "read_text", read_text)
    load.cache_clear()


@pytest.mark.parametrize(("relative", "mutate", "message"), [
    ("numbers/numbers.json", lambda raw: raw.update({"scal": {}}), "top level: field 'scal': unknown key"),
    ("numbers/currencies.json", lambda raw: raw["currencies"].append(dict(raw["currencies"][0])),
     r"currencies\[39\] \(code 'USD'\): field 'code': duplicate"),
    ("numbers/units.json", lambda raw: raw["units"][0].update({"colour": "red"}), "field 'colour': unknown key"),
], ids=["unknown-key", "duplicate-currency", "unknown-unit-key"])
def test_data_rejects_bad_rows(monkeypatch: pytest.MonkeyPatch, relative: str, mutate: object,
                               message: str) -> None:
    _patched(monkeypatch, relative, mutate)
    try:
        with pytest.raises(DataFileError, match=message):
            load()
    finally:
        monkeypatch.undo()
        load.cache_clear()
