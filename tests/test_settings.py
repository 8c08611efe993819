"""Every stage setting does what it says, end to end: each row changes one and checks its effect."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pytest

from pipeline.extractor import ArticleResult, Extractor
from pipeline.nlp import load, stage_settings

NVIDIA = "Nvidia reported revenue of $57 billion, up 62 per cent."
AZURE = "For the March quarter, Microsoft expects Azure growth of between 31% and 32% in constant currency."
OFFICES = "The firm has 12 new and refurbished offices, and 7 of them opened this year."
WEAK = "Revenue rose 5 per cent to $2 billion."


@lru_cache(maxsize=16)
def _extractor(config: str) -> Extractor:
    import json

    return Extractor(load(json.loads(config) or None))


def _run(config: dict[str, dict[str, Any]], text: str) -> ArticleResult:
    import json

    return _extractor(json.dumps(config, sort_keys=True)).process(
        {"id": "s", "text": text, "published": "2025-01-29"})


def _claims(r: ArticleResult) -> list[tuple[str, str | None, float | None]]:
    return sorted((c.type, c.subject.canonical if c.subject else None, c.value.amount if c.value else None)
                  for c in r.claims)


def _mentions(r: ArticleResult) -> list[tuple[str, str, str | None]]:
    return [(m.kind, m.text, m.label) for m in r.mentions]


@pytest.mark.parametrize(
    ("config", "text", "check"),
    [
        # renaming a stage's span group must not lose what the later stages read from it
        ({"newsclaims_numbers": {"spans_key": "my_values"}}, NVIDIA,
         lambda base, r: _claims(r) == _claims(base) == [("money", "Nvidia", 57e9), ("percent", "Nvidia", 0.62)]
         and _mentions(r) == _mentions(base)),
        ({"newsclaims_entities": {"spans_key": "my_ents"}}, NVIDIA,
         lambda base, r: _claims(r) == _claims(base) and ("entity", "Nvidia", "ORG") in _mentions(r)),
        ({"newsclaims_dates": {"spans_key": "my_dates"}}, AZURE,
         lambda base, r: [c.date for c in r.claims] == [c.date for c in base.claims]
         and any(m[0] == "date" for m in _mentions(r))),
        ({"newsclaims_entities": {"drop_labels": []}}, NVIDIA,
         lambda base, r: ("entity", "$57 billion", "MONEY") in _mentions(r)
         and ("entity", "$57 billion", "MONEY") not in _mentions(base)),
        ({"newsclaims_linker": {"subject_model": False}}, "The ministry will spend 1.2 trillion won on chips.",
         lambda base, r: [c.subject.text for c in base.claims if c.subject] == ["The ministry"]
         and not any(c.subject for c in r.claims)),
        ({"newsclaims_dates": {"labels": []}}, AZURE,
         lambda base, r: any(m[:2] == ("date", "the March quarter") for m in _mentions(base))
         and not any(m[0] == "date" for m in _mentions(r))),
        ({"newsclaims_numbers": {"emit_numbers": False}}, OFFICES,
         lambda base, r: ("number", "7", None) in _mentions(base) and ("number", "7", None) not in _mentions(r)),
        ({"newsclaims_numbers": {"refine_counts": False}}, OFFICES,
         lambda base, r: ("count", "12", "count") in _mentions(base) and ("number", "12", None) in _mentions(r)),
        # the threshold acts on the confidence the records carry (the calibrated one)
        ({"newsclaims_linker": {"min_confidence": 0.5, "subject_model": False}}, WEAK + " " + NVIDIA,
         lambda base, r: min(c.confidence for c in base.claims) < 0.5 <= min(c.confidence for c in r.claims)
         and len(r.claims) == sum(c.confidence >= 0.5 for c in base.claims)),
        ({"newsclaims_linker": {"low_confidence": 0.3, "subject_model": False}}, WEAK,
         lambda base, r: all(any("low confidence" in w for w in c.warnings) for c in base.claims)
         and not any("low confidence" in w for c in r.claims for w in c.warnings)),
    ],
    ids=["numbers-spans_key", "entities-spans_key", "dates-spans_key", "entities-drop_labels", "linker-subject_model",
         "dates-labels",
         "numbers-emit_numbers", "numbers-refine_counts", "linker-min_confidence", "linker-low_confidence"],
)
def test_settings_change_what_they_name(config: dict[str, dict[str, Any]], text: str,
                                        check: Callable[[ArticleResult, ArticleResult], bool]) -> None:
    # the linker rows compare with the same linker less the setting under test (its subject model off)
    settings = config.get("newsclaims_linker", {})
    linker = {k: v for k, v in settings.items() if k == "subject_model"} if len(settings) > 1 else {}
    base, changed = _run({"newsclaims_linker": linker} if linker else {}, text), _run(config, text)
    assert check(base, changed), (_claims(base), _mentions(base), _claims(changed), _mentions(changed))


def test_settings_unknown_stage_is_an_error_not_ignored() -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        stage_settings({"newsclaims_number": {"spans_key": "x"}})


def test_settings_a_stage_span_group_travels_to_the_linker() -> None:
    settings = stage_settings({"newsclaims_numbers": {"spans_key": "v"}, "newsclaims_dates": {"spans_key": "d"}})
    assert (settings["newsclaims_linker"]["values_key"], settings["newsclaims_linker"]["dates_key"]) == ("v", "d")
