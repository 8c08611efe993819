"""The language data of the number stage, read once per process from ``models/numbers/``.

Every file is read through its model (:mod:`pipeline.datafiles`): unknown or missing keys, wrong
types, duplicate surface forms and codes that name no currency raise :class:`DataFileError`, so a
bad edit fails at start-up (and in ``tests/numbers/test_data.py``) instead of silently matching nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import Field

from pipeline.datafiles import TOP, DataFile, DataModel, fail, load_json, named, unique

NUMBERS_FILE = "numbers/numbers.json"
CURRENCIES_FILE = "numbers/currencies.json"
UNITS_FILE = "numbers/units.json"


class Multiples(DataModel):
    words: dict[str, float]
    verbs: dict[str, float]
    verb_words: list[str]
    verb_word_objects: list[str]
    verb_modals: list[str]
    verb_hedges: list[str]
    comparatives_after_times: list[str]


class Direction(DataModel):
    up: list[str]
    down: list[str]
    after_change: list[str]
    blockers: list[str]
    change_verbs: list[str]


class MillionM(DataModel):
    determiners_after_of: list[str]
    metre_nouns: list[str]


class CarriedUnits(DataModel):
    cues: list[str]  # "up from", "versus": a bare figure after these takes the unit of the one before
    change_cues: list[str]  # those that also make the two figures the new and the old side of a change
    alone_cues: list[str]  # those that count only with no other word between the figures ("to 130,000 vehicles from")


class ZipCodes(DataModel):
    state_abbreviations: list[str]  # "Calif. 94043": five digits after these are a ZIP code
    words_after: list[str]  # "the 90210 ZIP code"


class VagueMagnitudes(DataModel):
    words: dict[str, list[float]]  # "dozens" -> [the least, the most] the word can mean
    of_scales: dict[str, float]  # "hundreds of millions": the plural scale that multiplies both


class NumbersFile(DataFile):
    """``numbers.json``: number words, scales, fractions, hedges and the context words around numbers."""

    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    hundred: list[str]
    scales: dict[str, float]
    scale_abbreviations: dict[str, float]
    scale_abbreviations_money_only: dict[str, float]
    dozens: dict[str, int]
    ordinals: dict[str, float]
    denominators: dict[str, float]
    vulgar_fractions: dict[str, float]
    percent_words: dict[str, str]
    negative_words: list[str]
    decimal_word: str
    hedges: list[str]
    multiples: Multiples
    direction: Direction
    code_prefixes: list[str]
    capitalised_not_names: list[str]
    months: list[str]
    counted_stop_words: list[str]
    irregular_plurals: list[str]
    million_m: MillionM
    index_names: list[str]
    index_point_words: list[str]
    carried_units: CarriedUnits
    time_zones: list[str]
    street_words: list[str]
    zip_codes: ZipCodes
    age_words_before: list[str]
    vague_magnitudes: VagueMagnitudes


class Currency(DataModel):
    code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    symbols: list[str]
    wire_symbols: list[str] = []
    names: list[str]


class MillionCodes(DataModel):
    prefix: str
    scale: float


class MinorUnit(DataModel):
    currency: str
    factor: float
    of: list[str] = []  # the currencies whose minor unit has this name; the nearest one stated wins


class GluedMinorUnit(DataModel):
    currency: str
    factor: float
    not_after: list[int]  # numbers the letter follows in another sense: 1080p is a video resolution


class AmbiguousSymbol(DataModel):
    default: str
    cues: dict[str, list[str]]


class CurrenciesFile(DataFile):
    """``currencies.json``: currencies with their symbols and names, codes, minor units and cue words."""

    currencies: list[Currency]
    codes: list[str]
    code_aliases: dict[str, str]
    codes_any_case: list[str]
    million_codes: MillionCodes
    minor_units: dict[str, MinorUnit]
    glued_minor_units: dict[str, GluedMinorUnit]
    ambiguous_symbols: dict[str, AmbiguousSymbol]
    pound_weight_cues: list[str]
    pound_money_cues: list[str]


class UnitRow(DataModel):
    pint: str
    aliases: list[str]
    case_sensitive: list[str] = []


class RiskyWhenSpaced(DataModel):
    aliases: list[str]
    allowed_after: list[str]


class UnitsFile(DataFile):
    """``units.json``: unit aliases by pint name, and the words around units."""

    units: list[UnitRow]
    per_words: list[str]
    unit_modifiers: list[str]  # "312 receiving yards", "five business days": a word between a number and its unit
    rate_nouns: list[str]
    article_rate_nouns: list[str]
    risky_when_spaced: RiskyWhenSpaced
    article_units: list[str]
    degree_cues: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class UnitAlias:
    """One surface form of a unit and the unit pint gives it."""

    surface: str
    pint: str
    canonical: str
    case_sensitive: bool


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
    comparatives: frozenset[str]
    up_words: frozenset[str]
    down_words: frozenset[str]
    after_change: frozenset[str]
    blockers: tuple[str, ...]
    change_verbs: frozenset[str]
    code_prefixes: frozenset[str]
    capitalised_ok: frozenset[str]
    months: frozenset[str]
    counted_stop: frozenset[str]
    irregular_plurals: frozenset[str]
    million_m_of: frozenset[str]  # "20m of its phones": a glued m is a million before these
    metre_nouns: frozenset[str]  # "the 100m hurdles": plural nouns after a glued m that keep it a metre
    index_names: tuple[str, ...]  # "the Nikkei rose to 38,210.5": a bare figure after these is in points
    index_point_words: frozenset[str]
    carry_cues: tuple[str, ...]
    change_cues: frozenset[str]
    alone_cues: frozenset[str]
    time_zones: tuple[str, ...]  # "0630 GMT": a time of day
    street_words: frozenset[str]  # "350 Fifth Avenue": a street number
    zip_states: tuple[str, ...]
    zip_words_after: tuple[str, ...]
    age_words_before: frozenset[str]  # "aged 25 to 40": years
    vague_words: dict[str, tuple[float, float]]
    vague_of_scales: dict[str, float]
    # money
    symbols: dict[str, str]
    wire_symbols: dict[str, str]  # wire copy's stand-ins: "PS18,400", "Y=31,450"
    names: dict[str, str]
    codes: dict[str, str]
    codes_any_case: frozenset[str]
    million_prefix: str
    million_scale: float
    minor_units: dict[str, MinorUnit]
    glued_minor: dict[str, GluedMinorUnit]  # "212p": pence written against the digits
    ambiguous: dict[str, tuple[str, dict[str, frozenset[str]]]]
    pound_weight_cues: frozenset[str]
    pound_money_cues: frozenset[str]
    # units
    unit_aliases: list[UnitAlias]
    per_words: tuple[str, ...]
    unit_modifiers: frozenset[str]
    rate_nouns: frozenset[str]
    article_rate_nouns: frozenset[str]  # "$2 an hour", but not "$100 million a unit of SoftBank"
    risky_spaced: frozenset[str]
    risky_allowed_after: frozenset[str]
    article_units: frozenset[str]
    degree_cues: dict[str, tuple[str, ...]]

    @property
    def number_words(self) -> dict[str, int]:
        return {**self.units, **self.teens, **self.tens}


def _unique(relative: str, field: str, items: list[str]) -> list[str]:
    """``items``, refused when one is listed twice."""
    unique(((relative, f"{field}[{i}]", item) for i, item in enumerate(items)), field=field)
    return items


def _lower_set(relative: str, field: str, items: list[str]) -> frozenset[str]:
    return frozenset(s.lower() for s in _unique(relative, field, items))


def _money(c: CurrenciesFile) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Symbols, wire symbols and names to codes, and the codes read before or after a number to their currency."""
    symbols: dict[str, str] = {}
    wire: dict[str, str] = {}
    names: dict[str, str] = {}
    entries = [named(f"currencies[{i}]", "code", entry.code) for i, entry in enumerate(c.currencies)]
    unique(((CURRENCIES_FILE, where, entry.code) for where, entry in zip(entries, c.currencies, strict=True)),
           field="code")
    for where, entry in zip(entries, c.currencies, strict=True):
        for sym in entry.symbols:
            if sym in symbols:
                raise fail(CURRENCIES_FILE, where, "symbols", f"{sym!r} is listed twice")
            symbols[sym] = entry.code
        for sym in entry.wire_symbols:
            if sym in symbols or sym in wire:
                raise fail(CURRENCIES_FILE, where, "wire_symbols", f"{sym!r} is listed twice")
            wire[sym] = entry.code
        for name in entry.names:
            if name.lower() in names:
                raise fail(CURRENCIES_FILE, where, "names", f"{name!r} is listed twice")
            names[name.lower()] = entry.code
    codes = {code: c.code_aliases.get(code, code) for code in _unique(CURRENCIES_FILE, "codes", c.codes)}
    known = {entry.code for entry in c.currencies}
    for code, target in codes.items():
        if target not in known:
            raise fail(CURRENCIES_FILE, TOP, "codes", f"{code} maps to {target}, which is not a currency")
    minor = [(f"minor_units[{w!r}]", u.currency, u.of) for w, u in c.minor_units.items()] + [
        (f"glued_minor_units[{w!r}]", u.currency, []) for w, u in c.glued_minor_units.items()]
    for label, currency, of in minor:
        for code in [currency, *of]:
            if code not in known:
                raise fail(CURRENCIES_FILE, label, "currency", f"{code} is not a currency")
    return symbols, wire, names, codes


def _unit_aliases(u: UnitsFile) -> list[UnitAlias]:
    """Each alias of each unit, case-folded unless case-sensitive; an alias given to two units is refused."""
    out: list[UnitAlias] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(u.units):
        for surface, sensitive in [(a, False) for a in entry.aliases] + [(a, True) for a in entry.case_sensitive]:
            key = surface if sensitive else surface.lower()
            marker = ("cs:" if sensitive else "ci:") + key
            if marker in seen:
                field = "case_sensitive" if sensitive else "aliases"
                raise fail(UNITS_FILE, named(f"units[{i}]", "pint", entry.pint), field,
                           f"{surface!r} is already an alias of {seen[marker]}")
            seen[marker] = entry.pint
            out.append(UnitAlias(key, entry.pint, entry.pint, sensitive))
    return out


def _vague_words(v: VagueMagnitudes) -> dict[str, tuple[float, float]]:
    """The vague magnitudes by lower-case word; a range whose least is above its most is refused."""
    out: dict[str, tuple[float, float]] = {}
    for word, bounds in v.words.items():
        if len(bounds) != 2 or bounds[0] > bounds[1]:
            raise fail(NUMBERS_FILE, f"vague_magnitudes.words[{word!r}]", "words", f"{bounds} is no [least, most]")
        out[word.lower()] = (bounds[0], bounds[1])
    return out


@lru_cache(maxsize=1)
def load() -> NumbersData:
    """The validated data, once per process. Unit names are taken as written: each is pint's own
    canonical name (a data test checks it), so loading needs no pint registry, which costs a fifth of
    a second at start-up and is built only when a quantity is converted."""
    n = load_json(NUMBERS_FILE, NumbersFile)
    c = load_json(CURRENCIES_FILE, CurrenciesFile)
    u = load_json(UNITS_FILE, UnitsFile)
    symbols, wire, names, codes = _money(c)
    mult, direction = n.multiples, n.direction
    return NumbersData(
        units=n.units, teens=n.teens, tens=n.tens,
        hundred=frozenset(n.hundred), percent_words=n.percent_words,
        scales=n.scales, scale_abbr=n.scale_abbreviations, scale_money_only=n.scale_abbreviations_money_only,
        dozens=n.dozens, ordinals=n.ordinals, denominators=n.denominators, vulgar=n.vulgar_fractions,
        negative_words=frozenset(n.negative_words), decimal_word=n.decimal_word,
        hedges=tuple(sorted(_unique(NUMBERS_FILE, "hedges", n.hedges), key=len, reverse=True)),
        multiple_words=mult.words, multiple_verbs=mult.verbs,
        multiple_verb_words=frozenset(mult.verb_words),
        multiple_verb_word_objects=frozenset(mult.verb_word_objects),
        multiple_verb_modals=frozenset(mult.verb_modals), multiple_verb_hedges=frozenset(mult.verb_hedges),
        comparatives=frozenset(mult.comparatives_after_times),
        up_words=frozenset(direction.up), down_words=frozenset(direction.down),
        after_change=frozenset(direction.after_change), blockers=tuple(direction.blockers),
        change_verbs=frozenset(direction.change_verbs),
        code_prefixes=_lower_set(NUMBERS_FILE, "code_prefixes", n.code_prefixes),
        capitalised_ok=frozenset(n.capitalised_not_names),
        months=_lower_set(NUMBERS_FILE, "months", n.months),
        counted_stop=frozenset(n.counted_stop_words), irregular_plurals=frozenset(n.irregular_plurals),
        million_m_of=_lower_set(NUMBERS_FILE, "million_m.determiners_after_of", n.million_m.determiners_after_of),
        metre_nouns=_lower_set(NUMBERS_FILE, "million_m.metre_nouns", n.million_m.metre_nouns),
        index_names=tuple(_unique(NUMBERS_FILE, "index_names", n.index_names)),
        index_point_words=_lower_set(NUMBERS_FILE, "index_point_words", n.index_point_words),
        carry_cues=tuple(_unique(NUMBERS_FILE, "carried_units.cues", n.carried_units.cues)),
        change_cues=_lower_set(NUMBERS_FILE, "carried_units.change_cues", n.carried_units.change_cues),
        alone_cues=_lower_set(NUMBERS_FILE, "carried_units.alone_cues", n.carried_units.alone_cues),
        time_zones=tuple(_unique(NUMBERS_FILE, "time_zones", n.time_zones)),
        street_words=frozenset(_unique(NUMBERS_FILE, "street_words", n.street_words)),
        zip_states=tuple(_unique(NUMBERS_FILE, "zip_codes.state_abbreviations", n.zip_codes.state_abbreviations)),
        zip_words_after=tuple(_unique(NUMBERS_FILE, "zip_codes.words_after", n.zip_codes.words_after)),
        age_words_before=_lower_set(NUMBERS_FILE, "age_words_before", n.age_words_before),
        vague_words=_vague_words(n.vague_magnitudes), vague_of_scales=n.vague_magnitudes.of_scales,
        symbols=symbols, wire_symbols=wire, names=names, codes=codes,
        codes_any_case=frozenset(c.codes_any_case),
        million_prefix=c.million_codes.prefix, million_scale=c.million_codes.scale,
        minor_units={word.lower(): unit for word, unit in c.minor_units.items()},
        glued_minor=c.glued_minor_units,
        ambiguous={sym: (spec.default, {code: frozenset(w.lower() for w in words) for code, words in spec.cues.items()})
                   for sym, spec in c.ambiguous_symbols.items()},
        pound_weight_cues=frozenset(c.pound_weight_cues), pound_money_cues=frozenset(c.pound_money_cues),
        unit_aliases=_unit_aliases(u), per_words=tuple(u.per_words),
        unit_modifiers=_lower_set(UNITS_FILE, "unit_modifiers", u.unit_modifiers), rate_nouns=frozenset(u.rate_nouns),
        article_rate_nouns=_lower_set(UNITS_FILE, "article_rate_nouns", u.article_rate_nouns),
        risky_spaced=frozenset(u.risky_when_spaced.aliases),
        risky_allowed_after=frozenset(u.risky_when_spaced.allowed_after),
        article_units=frozenset(u.article_units),
        degree_cues={k: tuple(v) for k, v in u.degree_cues.items()},
    )


#: every file this module reads, with its model (tests/test_datafiles.py loads each one)
DATA_FILES: dict[str, type[DataModel]] = {
    NUMBERS_FILE: NumbersFile, CURRENCIES_FILE: CurrenciesFile, UNITS_FILE: UnitsFile,
}
