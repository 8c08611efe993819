"""Each layer of the scanner read alone: the tokens, the digit numerals, the number-word grammar, a unit."""

from __future__ import annotations

import pytest

from pipeline.numbers.attach import Attachments
from pipeline.numbers.drafts import Core
from pipeline.numbers.grammar import Grammar
from pipeline.numbers.numerals import Numerals
from pipeline.numbers.tokens import tokenize


@pytest.mark.parametrize(("text", "tokens"), [
    ("US$41,287,000", [("w", "US"), ("s", "$"), ("n", "41"), ("s", ","), ("n", "287"), ("s", ","), ("n", "000")]),
    ("3.4m tonnes", [("n", "3"), ("s", "."), ("n", "4"), ("w", "m"), ("w", "tonnes")]),
], ids=["wire-dollars", "glued-m"])
def test_layers_tokens(text: str, tokens: list[tuple[str, str]]) -> None:
    assert [(t.kind, t.text) for t in tokenize(text)] == tokens


@pytest.mark.parametrize(("text", "value", "scaled"), [
    ("41,287,000 shares", 41287000, False),
    ("3.4m tonnes", 3.4e6, True),
    ("1.5e9 operations", 1.5e9, False),
], ids=["groups", "glued-million", "exponent"])
def test_layers_numerals_read_digits(text: str, value: float, scaled: bool) -> None:
    core = Numerals(text, None).digit_item(0)
    assert isinstance(core, Core)
    assert (core.value, core.scaled) == (pytest.approx(value), scaled)


@pytest.mark.parametrize(("text", "value"), [
    ("two hundred and five engineers", 205),
    ("4 thousand units", 4000),
    ("one and a half million users", 1.5e6),
    ("twenty-one days", 21),
    ("a dozen chips", 12),
], ids=["hundred-and", "digits-scale", "and-a-half", "hyphen-tens", "a-dozen"])
def test_layers_grammar_reads_one_numeral(text: str, value: float) -> None:
    core = Grammar(text, None).chain(0)
    assert isinstance(core, Core)
    assert core.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "unit"), [
    ("3 nm process", "nanometer"),
    ("65 m.p.h. limit", "mile / hour"),
    ("12 ksi steel", "kip_per_square_inch"),
], ids=["nm", "mph-dotted", "ksi"])
def test_layers_attach_finds_the_unit(text: str, unit: str) -> None:
    layer = Attachments(text, None)
    core = layer.chain(0)
    assert isinstance(core, Core)
    found = layer.unit_after(core, core.end)
    assert found is not None and found[0] == unit
