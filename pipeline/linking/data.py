"""Language data for claim linking, read from ``models/patterns/`` once per process.

Each file's model is the data the linker reads: ``linking.json``'s sections are the fields of
:class:`LinkingData`, listed once, and ``dependency.json``'s those of :class:`DependencyData`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from pydantic import Strict, field_validator, model_validator

from pipeline.datafiles import (
    DataFile,
    DataModel,
    IRegex,
    MacroRegex,
    Phrases,
    Words,
    expand_macros,
    load_json,
    named,
    unique,
)
from pipeline.records import SourceKind

LINKING_FILE = "patterns/linking.json"
DEPENDENCY_FILE = "patterns/dependency.json"


class Pattern(DataModel):
    """A regex over the masked sentence, with the cheap pre-filter that decides whether to run it."""

    id: str
    regex: MacroRegex
    relation: str | None = None
    keywords: Phrases = ()
    requires: Phrases = ()

    def may_match(self, lowered: str) -> bool:
        """Cheap pre-filter: skip the regex unless every required string and one keyword occur."""
        if not all(r in lowered for r in self.requires):
            return False
        return not self.keywords or any(k in lowered for k in self.keywords)


def hedge_macro(hedges: list[str]) -> str:
    """``{HEDGE}``: an optional hedge from the ``hedges`` list and the space after it."""
    return r"(?:(?:" + "|".join(re.escape(h) for h in hedges) + r")\s+)?"


def both_cases(phrases: frozenset[str]) -> frozenset[str]:
    """Each phrase as written (lower case) and with a capital first letter ("it" and "It")."""
    return frozenset(p for phrase in phrases for p in (phrase, phrase[:1].upper() + phrase[1:]))


class LinkingData(DataFile):
    """``linking.json``: the regexes (macros expanded, ``{HEDGE}`` built from ``hedges``) and word lists."""

    macros: dict[str, str]
    comparisons: Annotated[tuple[Pattern, ...], Strict(False)]
    rankings: Annotated[tuple[Pattern, ...], Strict(False)]
    rank_words: dict[str, int]
    ordinals: dict[str, int]
    event_triggers: dict[str, str]
    event_particles: dict[str, str]
    event_needs_money: Words
    event_not_objects: Words  # 'raised its dividend': a trigger acting on these is no event
    speech_verbs: Words
    report_nouns: Words
    report_by_nouns: Words  # "a report by TrendForce"
    maker_nouns: Words  # "PitchBook data", "estimates from TrendForce": the source is the maker
    hedges: Phrases  # longest first
    future_markers: Phrases
    negation_markers: Phrases  # phrases before a verb that negate it ("failed to")
    negation_verbs: Words  # verbs whose complement they negate ("failed to meet")
    rhetorical_words: Words  # a modal in a clause they open is no plan ("why anyone would need")
    future_auxiliaries: Words
    reported_future_auxiliaries: Words  # future only in reported speech ("said it would"), else conditional
    intention_verbs: Words
    forecast_verbs: Words  # a figure they govern is a forecast ("expects revenue of $18bn")
    results_words: Words  # a headline or lede with one of these and a period is a results story's frame
    not_frame_words: Words  # a sentence with one of these is no figure of the frame (analysts', share prices)
    frame_references: IRegex  # "in the quarter": the frame's period named again
    frame_full_year: IRegex  # "for the full year": the year of a quarterly frame
    frame_same_period: IRegex  # "the same quarter of 2023" (group "year")
    frame_moments: IRegex  # "the end of last year": a moment, no frame
    object_preps: Words
    recipient_verbs: Words  # 'give Rapidus up to 802.5 billion yen': the first object is the recipient
    comparison_object_preps: Words
    investment_object_preps: Words  # 'invest ... in X': X is the object when it is a company or product
    acquisition_price_preps: Words  # 'bought Arm for $32 billion': the price's prep; what is bought is the object
    company_pronouns: Words
    company_nouns: Words  # heads of descriptions that refer back to a company
    government_nouns: Words  # 'India's cabinet': the place only qualifies the actor
    speech_kinds: dict[str, SourceKind]
    pronouns_person: Words  # written in lower case; both cases match
    company_anaphora: Words  # written in lower case; both cases match
    product_anaphora: Words
    comparison_adjectives: dict[str, str]
    event_thing_subject: Words
    event_needs_object: Words
    event_generic_objects: Words  # 'mass production of X': the thing is X
    coordination: MacroRegex

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        """Expand the macros inside the regexes; what cannot be expanded is refused by :data:`MacroRegex`."""
        if not isinstance(data, dict) or not isinstance(data.get("macros"), dict):
            return data
        macros = dict(data["macros"])
        hedges = data.get("hedges")
        if isinstance(hedges, list) and all(isinstance(h, str) for h in hedges):
            macros["HEDGE"] = hedge_macro(hedges)
        if not all(isinstance(v, str) for v in macros.values()):
            return data
        out = dict(data)
        for section in ("comparisons", "rankings"):
            if isinstance(out.get(section), list):
                out[section] = [{**row, "regex": expand_macros(row["regex"], macros)}
                                if isinstance(row, dict) and isinstance(row.get("regex"), str) else row
                                for row in out[section]]
        if isinstance(out.get("coordination"), str):
            out["coordination"] = expand_macros(out["coordination"], macros)
        return out

    @field_validator("hedges")
    @classmethod
    def _longest_first(cls, hedges: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(hedges, key=len, reverse=True))

    @field_validator("pronouns_person", "company_anaphora")
    @classmethod
    def _both_cases(cls, phrases: frozenset[str]) -> frozenset[str]:
        return both_cases(phrases)


def _check_unique_ids(relative: str, sections: dict[str, tuple[Any, ...]]) -> None:
    for section, rows in sections.items():
        unique((relative, named(f"{section}[{i}]", "id", row.id), row.id) for i, row in enumerate(rows))


@lru_cache(maxsize=1)
def load_linking() -> LinkingData:
    data = load_json(LINKING_FILE, LinkingData)
    _check_unique_ids(LINKING_FILE, {"comparisons": data.comparisons, "rankings": data.rankings})
    return data


class DependencyPattern(DataModel):
    """A DependencyMatcher pattern; :attr:`nodes` names its nodes in the order the matcher reports tokens."""

    kind: ClassVar[str]
    needed_nodes: ClassVar[frozenset[str]]

    id: str
    example: str
    pattern: Annotated[tuple[dict[str, Any], ...], Strict(False)]
    relation: str | None = None

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(node["RIGHT_ID"] for node in self.pattern)

    @field_validator("pattern")
    @classmethod
    def _names_its_nodes(cls, pattern: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        if not all(isinstance(node.get("RIGHT_ID"), str) for node in pattern):
            raise ValueError("every node needs a RIGHT_ID")
        missing = cls.needed_nodes - {node["RIGHT_ID"] for node in pattern}
        if missing:
            raise ValueError(f"no node(s) {sorted(missing)}")
        return pattern


class RankingPattern(DependencyPattern):
    kind = "ranking"
    needed_nodes = frozenset({"category", "superlative", "subject"})


class ComparisonPattern(DependencyPattern):
    kind = "comparison"
    needed_nodes = frozenset({"trigger", "object"})


class DependencyData(DataFile):
    """``dependency.json``: parse patterns, checked for the nodes the linker reads, and their word lists."""

    rankings: Annotated[tuple[RankingPattern, ...], Strict(False)]
    comparisons: Annotated[tuple[ComparisonPattern, ...], Strict(False)]
    comparison_verbs: dict[str, str]
    not_rankings: Words
    rank_adjectives: Words
    superlative_adverbs: Words
    generic_superlatives: Words
    phrase_owner_words: Words


@lru_cache(maxsize=1)
def load_dependency() -> DependencyData:
    data = load_json(DEPENDENCY_FILE, DependencyData)
    _check_unique_ids(DEPENDENCY_FILE, {"rankings": data.rankings, "comparisons": data.comparisons})
    return data


#: every file this module reads, with its model (tests/test_datafiles.py loads each one)
DATA_FILES: dict[str, type[DataModel]] = {LINKING_FILE: LinkingData, DEPENDENCY_FILE: DependencyData}
