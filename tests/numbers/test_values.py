"""The value builder at the number stage's boundary: every value is validated once, where it is made."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pipeline.numbers import find_values, value_of
from pipeline.numbers.drafts import Core, Draft
from pipeline.numbers.values import mention_of

TEXT = "Revenue was $5 billion."


def _draft(**fields: object) -> Draft:
    draft = Draft(start=12, end=22, kind="money", amount=5e9, core=Core(12, 22, 5e9, 5), currency="USD",
                  value_kind="amount", pattern="money:symbol")
    for name, bad in fields.items():
        setattr(draft, name, bad)
    return draft


@pytest.mark.parametrize(("field", "bad"), [
    ("amount", "not a number"),
    ("currency", 42),
    ("usd_basis", ["stated"]),
    ("counted", 3.5),
], ids=["amount-text", "currency-int", "basis-list", "counted-float"])
def test_values_a_bad_field_is_refused(field: str, bad: object) -> None:
    with pytest.raises(ValidationError):
        mention_of(TEXT, _draft(**{field: bad}))


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("amount", 0.1 * 3, 0.3),
    ("amount", float("nan"), None),
    ("low", 7, 7.0),
], ids=["float-noise", "nan", "int"])
def test_values_numbers_are_cleaned_then_kept(field: str, value: float, stored: float | None) -> None:
    assert getattr(mention_of(TEXT, _draft(**{field: value})).value, field) == stored


@pytest.mark.parametrize("fields", [
    {"amount": "five", "text": "five"},
    {"text": None},
], ids=["amount-string", "no-text"])
def test_values_value_of_refuses_what_the_record_refuses(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        value_of(fields)


@pytest.mark.parametrize("text", ["Revenue rose 27% to $35.1bn, and it shipped 4.2 million headsets."],
                         ids=["mixed"])
def test_values_found_values_round_trip_through_the_record(text: str) -> None:
    for m in find_values(text):
        assert type(m.value).model_validate(m.value.model_dump()) == m.value
