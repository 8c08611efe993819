"""Regular expressions built from the language data, compiled once per process.

Every pattern is either an alternation of literals (built as a trie by :mod:`pipeline.wordregex`)
or is applied to a bounded window of the text (``pattern.match(text, pos, endpos)``), so matching
is linear in the input: no nested quantifiers, nothing that can backtrack over an unbounded run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.numbers.data import NumbersData, load
from pipeline.wordregex import word_alternation

#: one token: a digit run, a letter run, whitespace, or any other single character
TOKEN = re.compile(r"(?P<sp>\s*)(?:(?P<n>[0-9]+)|(?P<w>[^\W\d_¼½¾⅐-⅞²³¹⁰⁴-⁹ªº]+)|(?P<s>\S))")

_WORD_END = r"(?![^\W_])"  # not followed by a letter or digit
#: an alias ending in a letter or digit must not run on into another one ("m2" in "m212")
_ALIAS_END = r"(?:(?<=[^\W_])(?![^\W_])|(?<![^\W_]))"


def _alternation(items: list[str]) -> str:
    """Longest first, regex-escaped, inner spaces matching one or two blanks."""
    return word_alternation(items, space=r"[ \t\u00a0]{1,2}")


def normalise_symbol(surface: str) -> str:
    """The lookup key of a currency prefix as matched: blanks removed, letters upper-cased."""
    return "".join(surface.split()).upper()


@dataclass(frozen=True, slots=True)
class Patterns:
    currency_prefix: re.Pattern[str]
    currency_suffix: re.Pattern[str]
    prefix_codes: dict[str, str]
    percent_suffix: re.Pattern[str]
    unit_suffix: re.Pattern[str]
    unit_divisor: re.Pattern[str]
    rate_unit: re.Pattern[str]
    unit_names: dict[str, str]  # pint name -> the first alias its row lists ("foot ** 2" -> "square foot")
    bracket_unit: re.Pattern[str]
    hedge_before: re.Pattern[str]
    rate_suffix: re.Pattern[str]
    unit_lookup_ci: dict[str, tuple[str, str]]
    unit_lookup_cs: dict[str, tuple[str, str]]
    cue_words: dict[str, re.Pattern[str]]
    equivalent_open: re.Pattern[str]
    range_connector: re.Pattern[str]
    age_suffix: re.Pattern[str]
    time_suffix: re.Pattern[str]
    url: re.Pattern[str]
    prefix_last_chars: frozenset[str]
    wire_symbols: frozenset[str]
    wire_digits: re.Pattern[str]
    index_name: re.Pattern[str]  # "the Nikkei", "FTSE 100": a market index named in the text
    index_before: re.Pattern[str]  # the same, ending where the search stops ("FTSE 100 -0.8%")
    time_zone_after: re.Pattern[str]  # "0630 GMT"
    street_after: re.Pattern[str]  # "350 Fifth Avenue"
    zip_before: re.Pattern[str]  # "Calif. 94043"
    zip_after: re.Pattern[str]  # "the 90210 ZIP code"
    signed_percent: re.Pattern[str]  # "+0.4%": digits after a plus sign that make a percentage


def _last_chars(prefix_codes: dict[str, str], data: NumbersData) -> frozenset[str]:
    """Every character a currency prefix can end with, in both cases: a cheap test before the regex."""
    chars = set()
    for surface in list(prefix_codes) + list(data.symbols) + list(data.codes_any_case):
        chars.add(surface[-1])
        chars.add(surface[-1].lower())
        chars.add(surface[-1].upper())
    return frozenset(chars)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Compile the patterns for the loaded data."""
    return build(load())


def build(data: NumbersData) -> Patterns:
    # --- currency before the number: symbols (US$, HK$, €), codes (USD, RMB), "M" codes (MUSD)
    prefix_codes: dict[str, str] = {}
    letter_ci: list[str] = []
    letter_cs: list[str] = []
    symbol_only: list[str] = []
    for surface, code in data.symbols.items():
        letters = sum("a" <= ch.lower() <= "z" for ch in surface)
        prefix_codes[normalise_symbol(surface)] = code
        if letters and surface.endswith("$"):
            head = re.escape(surface[:-1])
            # "HK $10" but not "A $1.5bn deal": one letter before the symbol is an article or initial
            pattern = head + (r"[ \t]?\$" if letters >= 2 or not surface[-2].isalpha() else r"\$")
            (letter_ci if letters >= 2 else letter_cs).append(pattern)
        elif letters:
            (letter_ci if letters >= 2 else letter_cs).append(re.escape(surface))
        else:
            symbol_only.append(re.escape(surface))
    for surface, code in data.wire_symbols.items():  # glued to the digits only: see Tokens.prefix_before
        prefix_codes[normalise_symbol(surface)] = code
        letter_cs.append(re.escape(surface))
    for surface, (default, _cues) in data.ambiguous.items():
        prefix_codes[normalise_symbol(surface)] = default
        symbol_only.append(re.escape(surface))
    for surface, code in data.codes.items():
        prefix_codes[surface] = code
        prefix_codes[data.million_prefix + surface] = code
        letter_cs.append(re.escape(surface))
        letter_cs.append(re.escape(data.million_prefix + surface))
    for surface in data.codes_any_case:
        letter_ci.append(re.escape(surface))
    prefix_codes["U.S$"] = prefix_codes.get("U.S$", "USD")
    letter_ci.append(r"u\.s\.?[ \t]?\$")
    prefix_codes["U.S.$"] = "USD"

    def by_len(items: list[str]) -> str:
        return "|".join(sorted(set(items), key=len, reverse=True)) or "(?!)"

    currency_prefix = re.compile(
        r"(?P<cur>(?<![^\W\d_])(?:(?i:" + by_len(letter_ci) + r")|" + by_len(letter_cs) + r")"
        r"|" + by_len(symbol_only) + r")[ \t\u00a0]{0,2}$")

    names = list(data.names) + list(data.minor_units)
    currency_suffix = re.compile(
        r"(?P<sep>[ \t\u00a0]{0,2}-?[ \t\u00a0]{0,1})(?:(?P<name>(?i:" + _alternation(names) + r"))"
        r"|(?P<code>(?:" + re.escape(data.million_prefix) + r")?(?:" + _alternation(list(data.codes)) + r")"
        r"|(?i:" + _alternation(sorted(data.codes_any_case)) + r"))"
        r"|(?P<sym>" + by_len(symbol_only) + r"))" + _WORD_END)

    percent_suffix = re.compile(
        r"(?:[ \t\u00a0]{0,2}|-)(?P<p>%|(?i:" + _alternation([w for w in data.percent_words if w != "%"]) + r")"
        + _WORD_END + r")")

    ci = [a.surface for a in data.unit_aliases if not a.case_sensitive]
    cs = [a.surface for a in data.unit_aliases if a.case_sensitive]
    unit_lookup_ci = {a.surface: (a.pint, a.canonical) for a in data.unit_aliases if not a.case_sensitive}
    unit_lookup_cs = {a.surface: (a.pint, a.canonical) for a in data.unit_aliases if a.case_sensitive}
    unit_alt = r"(?P<u>(?i:" + _alternation(ci) + r")|" + _alternation(cs) + r")"
    unit_suffix = re.compile(r"(?P<sep>[ \t\u00a0]{0,2}-?[ \t\u00a0]{0,1})" + unit_alt + _ALIAS_END)
    per = _alternation([w for w in data.per_words if w != "/"])
    rate_unit = re.compile(r"[ \t\u00a0]{0,2}(?P<per>(?i:per|a|an)[ \t\u00a0]{1,2}|/[ \t]?)" + unit_alt + _ALIAS_END)
    unit_names: dict[str, str] = {}
    for a in data.unit_aliases:
        unit_names.setdefault(a.pint, a.surface)
    unit_divisor = re.compile(r"(?:[ \t]{0,2}/[ \t]{0,2}|[ \t]{1,2}(?i:" + per + r")[ \t]{1,2})" + unit_alt
                              + _ALIAS_END)
    bracket_unit = re.compile(r"(?P<sep>[ \t]?)[(\[{<]" + unit_alt + r"[)\]}>]")

    hedge_before = re.compile(
        r"(?:(?<![^\W\d_]))(?P<h>(?i:" + _alternation(list(data.hedges)) + r"))[ \t\u00a0]{0,2}$")
    rate_suffix = re.compile(
        r"(?P<all>[ \t\u00a0]{0,2}(?:-[ \t]?)?(?P<per>(?i:per|a|an|each)[ \t\u00a0]{1,2}(?:-[ \t]?)?|/[ \t]?)"
        r"(?P<noun>(?i:" + _alternation(sorted(data.rate_nouns)) + r")))" + _WORD_END)

    cue_words = {}
    for symbol, (_default, cues) in data.ambiguous.items():
        for code, words in cues.items():
            cue_words[symbol + ":" + code] = re.compile(
                r"(?<![^\W\d_])(?:" + _alternation(sorted(words)) + r")" + _WORD_END, re.I)

    hedges = _alternation([h for h in data.hedges if h[0].isalpha()])
    equivalent_open = re.compile(
        r"[ \t\u00a0]{0,2}(?:[(\[][ \t]{0,2}|,?[ \t]{1,2}or[ \t]{1,2})(?:(?i:" + hedges + r")[ \t]{1,2}|~)?")
    range_connector = re.compile(r"[ \t\u00a0]{0,2}(?:-[ \t]{0,2}to|to|through|and|-|–|—|~)[ \t\u00a0]{0,2}")
    age_suffix = re.compile(r"(?:[ \t]{1,2}|-)(?P<age>old|of[ \t]age)" + _WORD_END, re.I)
    time_suffix = re.compile(
        r"[ \t\u00a0]{0,2}(?P<t>(?i:a\.m\.|p\.m\.|a\.m|p\.m|am|pm|o'clock|o’clock))(?![^\W\d_])")
    indexes = word_alternation(list(data.index_names), space=r"[ \t\u00a0]")
    streets = word_alternation(sorted(data.street_words), space=" ")
    return Patterns(
        index_name=re.compile(r"(?<![^\W\d_])(?:" + indexes + r")(?![^\W_])"),
        index_before=re.compile(r"(?<![^\W\d_])(?:" + indexes + r")$"),
        time_zone_after=re.compile(r"[ \t\u00a0]{1,2}(?:" + _alternation(list(data.time_zones)) + r")" + _WORD_END),
        street_after=re.compile(r"(?:[ \t][A-Z][a-z]+){1,3}[ \t](?:" + streets + r")" + _WORD_END),
        zip_before=re.compile(r"(?<![^\W\d_])(?:" + _alternation(list(data.zip_states)) + r")[ \t]{1,2}$"),
        zip_after=re.compile(r"[ \t]{1,2}(?:" + _alternation(list(data.zip_words_after)) + r")" + _WORD_END),
        signed_percent=re.compile(r"[0-9]{1,3}(?:\.[0-9]+)?[ \t]?(?:%|(?i:per[ \t]?cent|percent|pp|bps?)" + _WORD_END
                                  + ")"),
        currency_prefix=currency_prefix, currency_suffix=currency_suffix, prefix_codes=prefix_codes,
        percent_suffix=percent_suffix, unit_suffix=unit_suffix, unit_divisor=unit_divisor,
        rate_unit=rate_unit, unit_names=unit_names,
        bracket_unit=bracket_unit, hedge_before=hedge_before, rate_suffix=rate_suffix,
        unit_lookup_ci=unit_lookup_ci, unit_lookup_cs=unit_lookup_cs, cue_words=cue_words,
        equivalent_open=equivalent_open, range_connector=range_connector, age_suffix=age_suffix,
        time_suffix=time_suffix, prefix_last_chars=_last_chars(prefix_codes, data),
        wire_symbols=frozenset(data.wire_symbols), wire_digits=re.compile(r"[0-9](?:[0-9]|[.,][0-9])"),
        url=re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I),
    )
