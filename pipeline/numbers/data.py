"""The language data of the number stage, read once per process from ``models/numbers/``.

Every file is validated when it is loaded: unknown keys, duplicate surface forms and unit
expressions that pint cannot parse raise :class:`NumbersDataError`, so a bad edit fails at
start-up (and in ``tests/numbers/test_data.py``) instead of silently matching nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline import resources
from pipeline.errors import DataFileError


class NumbersDataError(DataFileError):
    """A data file under ``models/numbers/`` is malformed."""


_NUMBER_KEYS = {
    "units", "teens", "tens", "hundred", "percent_words", "scales", "scale_abbreviations",
    "scale_abbreviations_money_only",
    "dozens", "ordinals", "denominators", "vulgar_fractions", "negative_words", "decimal_word",
    "fraction_joiners", "hedges", "multiples", "direction", "one_not_a_number", "code_prefixes",
    "capitalised_not_names", "months", "time_markers", "counted_stop_words", "irregular_plurals",
}
_CURRENCY_KEYS = {
    "currencies", "codes", "code_aliases", "codes_any_case", "million_codes", "minor_units",
    "ambiguous_symbols", "pound_weight_cues", "pound_money_cues",
}
_UNIT_KEYS = {"units", "per_words", "rate_nouns", "risky_when_spaced", "article_units", "degree_cues"}


@dataclass(frozen=True, slots=True)
class UnitAlias:
    """One surface form of a unit and the unit pint gives it."""

    surface: str
    pint: str
    canonical: str
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class MinorUnit:
    currency: str
    factor: float


@dataclass(slots=True)
class NumbersData:
    """Everything the normaliser knows about English numbers, money and units."""

    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    hundred: frozenset[str]
    percent_words: dict[str, str]
    scales: dict[str, float]
    scale_abbr: dict[str, float]
    scale_money_only: dict[str, float]
    dozens: dict[str, int]
    ordinals: dict[str, float]
    denominators: dict[str, float]
    vulgar: dict[str, float]
    negative_words: frozenset[str]
    decimal_word: str
    hedges: tuple[str, ...]
    multiple_words: dict[str, float]
    multiple_verbs: dict[str, float]
    multiple_verb_words: frozenset[str]  # 'double': a multiple only in context
    multiple_verb_word_objects: frozenset[str]  # 'double the amount'
    multiple_verb_modals: frozenset[str]  # 'to'/'will' before 'double' as a verb
    multiple_verb_hedges: frozenset[str]  # words skipped between them: 'to more than double'
    times_words: frozenset[str]
    comparatives: frozenset[str]
    up_words: frozenset[str]
    down_words: frozenset[str]
    after_change: frozenset[str]
    blockers: tuple[str, ...]
    range_verbs: frozenset[str]
    change_verbs: frozenset[str]
    one_before: frozenset[str]
    one_after: frozenset[str]
    code_prefixes: frozenset[str]
    capitalised_ok: frozenset[str]
    months: frozenset[str]
    time_markers: frozenset[str]
    counted_stop: frozenset[str]
    irregular_plurals: frozenset[str]
    # money
    symbols: dict[str, str]
    names: dict[str, str]
    codes: dict[str, str]
    codes_any_case: frozenset[str]
    million_prefix: str
    million_scale: float
    minor_units: dict[str, MinorUnit]
    ambiguous: dict[str, tuple[str, dict[str, frozenset[str]]]]
    pound_weight_cues: frozenset[str]
    pound_money_cues: frozenset[str]
    # units
    unit_aliases: list[UnitAlias]
    per_words: tuple[str, ...]
    rate_nouns: frozenset[str]
    risky_spaced: frozenset[str]
    risky_allowed_after: frozenset[str]
    article_units: frozenset[str]
    degree_cues: dict[str, tuple[str, ...]]

    @property
    def number_words(self) -> dict[str, int]:
        return {**self.units, **self.teens, **self.tens}


def _load_json(relative: str, allowed: set[str]) -> dict[str, Any]:
    try:
        raw = json.loads(resources.read_text(relative))
    except (OSError, json.JSONDecodeError) as exc:
        raise NumbersDataError(f"{relative}: {exc}") from exc
    if not isinstance(raw, dict):
        raise NumbersDataError(f"{relative}: top level must be an object")
    data = {k: v for k, v in raw.items() if not k.startswith("_")}
    unknown = set(data) - allowed
    if unknown:
        raise NumbersDataError(f"{relative}: unknown keys {sorted(unknown)}")
    missing = allowed - set(data)
    if missing:
        raise NumbersDataError(f"{relative}: missing keys {sorted(missing)}")
    return data


def _strip_comments(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


def _unique(where: str, items: list[str]) -> list[str]:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise NumbersDataError(f"{where}: duplicate entry {item!r}")
        seen.add(item)
    return items


def _lower_set(where: str, items: list[str]) -> frozenset[str]:
    return frozenset(s.lower() for s in _unique(where, list(items)))


@lru_cache(maxsize=1)
def load() -> NumbersData:
    """The validated data, once per process. Unit names are taken as written: each is pint's own
    canonical name (a data test checks it), so loading needs no pint registry, which costs a fifth of
    a second at start-up and is built only when a quantity is converted."""
    n = _load_json("numbers/numbers.json", _NUMBER_KEYS)
    c = _load_json("numbers/currencies.json", _CURRENCY_KEYS)
    u = _load_json("numbers/units.json", _UNIT_KEYS)

    symbols: dict[str, str] = {}
    names: dict[str, str] = {}
    seen_codes: set[str] = set()
    for entry in c["currencies"]:
        extra = set(entry) - {"code", "symbols", "names"}
        if extra:
            raise NumbersDataError(f"currencies.json: unknown keys {sorted(extra)} in {entry.get('code')}")
        code = entry["code"]
        if not re.fullmatch(r"[A-Z]{3}", code) or code in seen_codes:
            raise NumbersDataError(f"currencies.json: bad or duplicate code {code!r}")
        seen_codes.add(code)
        for sym in entry["symbols"]:
            if sym in symbols:
                raise NumbersDataError(f"currencies.json: symbol {sym!r} listed twice")
            symbols[sym] = code
        for name in entry["names"]:
            if name.lower() in names:
                raise NumbersDataError(f"currencies.json: name {name!r} listed twice")
            names[name.lower()] = code
    aliases = dict(c["code_aliases"])
    codes = {code: aliases.get(code, code) for code in _unique("currencies.json codes", c["codes"])}
    for code, target in codes.items():
        if target not in seen_codes:
            raise NumbersDataError(f"currencies.json: code {code} maps to unknown currency {target}")
    minor = {}
    for word, spec in _strip_comments(c["minor_units"]).items():
        if set(spec) != {"currency", "factor"}:
            raise NumbersDataError(f"currencies.json: minor unit {word!r} needs exactly currency and factor")
        minor[word.lower()] = MinorUnit(spec["currency"], float(spec["factor"]))
    ambiguous = {}
    for sym, spec in c["ambiguous_symbols"].items():
        if set(spec) != {"default", "cues"}:
            raise NumbersDataError(f"currencies.json: ambiguous symbol {sym!r} needs default and cues")
        ambiguous[sym] = (spec["default"], {code: frozenset(w.lower() for w in words)
                                            for code, words in spec["cues"].items()})
    million = _strip_comments(c["million_codes"])

    unit_aliases: list[UnitAlias] = []
    seen_alias: dict[str, str] = {}
    for entry in u["units"]:
        extra = set(entry) - {"pint", "aliases", "case_sensitive"}
        if extra:
            raise NumbersDataError(f"units.json: unknown keys {sorted(extra)} in {entry.get('pint')}")
        expr = entry["pint"]
        canonical = expr
        for surface, sensitive in [(a, False) for a in entry["aliases"]] + [
                (a, True) for a in entry.get("case_sensitive", [])]:
            key = surface if sensitive else surface.lower()
            marker = ("cs:" if sensitive else "ci:") + key
            if marker in seen_alias:
                raise NumbersDataError(f"units.json: alias {surface!r} given to {seen_alias[marker]} and {expr}")
            seen_alias[marker] = expr
            unit_aliases.append(UnitAlias(key, expr, canonical, sensitive))
    risky = _strip_comments(u["risky_when_spaced"])

    mult = n["multiples"]
    direction = n["direction"]
    one = n["one_not_a_number"]
    return NumbersData(
        units=dict(n["units"]), teens=dict(n["teens"]), tens=dict(n["tens"]),
        hundred=frozenset(n["hundred"]), percent_words=_strip_comments(n["percent_words"]),
        scales={k: float(v) for k, v in n["scales"].items()},
        scale_abbr={k: float(v) for k, v in _strip_comments(n["scale_abbreviations"]).items()},
        scale_money_only={k: float(v) for k, v in n["scale_abbreviations_money_only"].items()},
        dozens=dict(n["dozens"]), ordinals={k: float(v) for k, v in n["ordinals"].items()},
        denominators={k: float(v) for k, v in n["denominators"].items()},
        vulgar={k: float(v) for k, v in n["vulgar_fractions"].items()},
        negative_words=frozenset(n["negative_words"]), decimal_word=n["decimal_word"],
        hedges=tuple(sorted(_unique("hedges", n["hedges"]), key=len, reverse=True)),
        multiple_words={k: float(v) for k, v in mult["words"].items()},
        multiple_verbs={k: float(v) for k, v in mult["verbs"].items()},
        multiple_verb_words=frozenset(mult["verb_words"]),
        multiple_verb_word_objects=frozenset(mult["verb_word_objects"]),
        multiple_verb_modals=frozenset(mult["verb_modals"]), multiple_verb_hedges=frozenset(mult["verb_hedges"]),
        times_words=frozenset(mult["times"]), comparatives=frozenset(mult["comparatives_after_times"]),
        up_words=frozenset(direction["up"]), down_words=frozenset(direction["down"]),
        after_change=frozenset(direction["after_change"]), blockers=tuple(direction["blockers"]),
        range_verbs=frozenset(direction["range_verbs"]), change_verbs=frozenset(direction["change_verbs"]),
        one_before=frozenset(one["before"]), one_after=frozenset(one["after"]),
        code_prefixes=_lower_set("code_prefixes", n["code_prefixes"]),
        capitalised_ok=frozenset(n["capitalised_not_names"]),
        months=_lower_set("months", n["months"]), time_markers=frozenset(n["time_markers"]),
        counted_stop=frozenset(n["counted_stop_words"]), irregular_plurals=frozenset(n["irregular_plurals"]),
        symbols=symbols, names=names, codes=codes,
        codes_any_case=frozenset(c["codes_any_case"]),
        million_prefix=million["prefix"], million_scale=float(million["scale"]), minor_units=minor,
        ambiguous=ambiguous, pound_weight_cues=frozenset(c["pound_weight_cues"]),
        pound_money_cues=frozenset(c["pound_money_cues"]),
        unit_aliases=unit_aliases, per_words=tuple(u["per_words"]), rate_nouns=frozenset(u["rate_nouns"]),
        risky_spaced=frozenset(risky["aliases"]), risky_allowed_after=frozenset(risky["allowed_after"]),
        article_units=frozenset(u["article_units"]),
        degree_cues={k: tuple(v) for k, v in _strip_comments(u["degree_cues"]).items()},
    )
