"""Issue 15 point 6: no date is resolved against the machine's clock.  Every module of pipeline.dates
gets a ``datetime`` whose ``date.today()`` and ``datetime.now()`` fail; undated and dated texts resolve
the same as before, and relative expressions in an undated text stay unresolved (no start, no end)."""

from __future__ import annotations

import datetime as real_dt
import types

import pytest

import pipeline.dates
from pipeline.dates import atoms, base, calendar, clear_caches, data, fallback, find_dates, grammar, operators

TEXTS = [
    "Sales rose in the nineties and in '08, then fell in the third quarter.",
    "Nvidia reported revenue for the third quarter of fiscal 2026 on Wednesday.",
    "The plant opened in nineteen eighty-six and will close by the end of the decade.",
    "Orders doubled over the past three years, and the dividend will be paid on the 18th.",
]


class _Clock:
    """A stand-in for the datetime module: the classes work, asking for the current date fails."""

    class date(real_dt.date):  # noqa: N801  (the module's own name)
        @classmethod
        def today(cls) -> real_dt.date:
            raise AssertionError("the machine's clock was read")

    class datetime(real_dt.datetime):  # noqa: N801
        @classmethod
        def now(cls, tz: real_dt.tzinfo | None = None) -> real_dt.datetime:
            raise AssertionError("the machine's clock was read")

        @classmethod
        def today(cls) -> real_dt.datetime:
            raise AssertionError("the machine's clock was read")

    timedelta = real_dt.timedelta
    timezone = real_dt.timezone
    tzinfo = real_dt.tzinfo


def _run(published: real_dt.date | None) -> list[list[tuple[str, object, object]]]:
    clear_caches()
    return [[(m.text, m.date.start, m.date.end) for m in find_dates(text, published)] for text in TEXTS]


@pytest.mark.parametrize("published", [None, real_dt.date(2025, 12, 10)], ids=["undated", "dated"])
def test_dates_never_read_the_clock(monkeypatch: pytest.MonkeyPatch, published: real_dt.date | None) -> None:
    expected = _run(published)
    fake = types.SimpleNamespace(**{k: getattr(_Clock, k) for k in ("date", "datetime", "timedelta", "timezone",
                                                                     "tzinfo")})
    for module in (pipeline.dates, atoms, base, calendar, data, fallback, grammar, operators):
        if hasattr(module, "dt"):
            monkeypatch.setattr(module, "dt", fake)
    assert _run(published) == expected
    clear_caches()


def test_relative_dates_of_an_undated_text_stay_unresolved() -> None:
    clear_caches()
    found = {m.text: (m.date.start, m.date.end) for m in find_dates(TEXTS[3], None)}
    assert found["the past three years"] == (None, None)
    assert found["on the 18th"] == (None, None)


@pytest.mark.parametrize("sentence", ["Shares are now trading at $12.", "The unit currently employs 300 people.",
                                      "At present, the plant makes 10,000 cars a year."],
                         ids=["now", "currently", "at-present"])
def test_present_words_of_an_undated_text_stay_unresolved(sentence: str) -> None:
    clear_caches()
    assert [(m.date.start, m.date.end) for m in find_dates(sentence, None)] == [(None, None)]
