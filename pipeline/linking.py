"""Language data for claim linking, read from ``models/patterns/linking.json`` once per process."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, get_args

from pipeline.errors import DataFileError
from pipeline.records import SourceKind
from pipeline.resources import read_text

_KEYS = {
    "_format", "macros", "comparisons", "rankings", "rank_words", "ordinals", "event_triggers",
    "event_particles", "event_needs_money", "speech_verbs", "report_nouns", "report_by_nouns", "hedges",
    "future_markers", "negation_markers", "object_preps", "pronouns_person", "company_anaphora", "product_anaphora",
    "comparison_adjectives", "coordination", "event_thing_subject", "event_needs_object", "future_auxiliaries",
    "intention_verbs", "comparison_object_preps", "investment_object_preps", "company_pronouns", "company_nouns",
    "speech_kinds",
}
_PATTERN_KEYS = {"id", "relation", "regex", "keywords", "requires"}


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    regex: re.Pattern[str]
    relation: str | None = None
    keywords: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()

    def may_match(self, lowered: str) -> bool:
        """Cheap pre-filter: skip the regex unless every required string and one keyword occur."""
        if not all(r in lowered for r in self.requires):
            return False
        return not self.keywords or any(k in lowered for k in self.keywords)


@dataclass(frozen=True, slots=True)
class LinkingData:
    comparisons: tuple[Pattern, ...]
    rankings: tuple[Pattern, ...]
    rank_words: dict[str, int]
    ordinals: dict[str, int]
    event_triggers: dict[str, str]
    event_particles: dict[str, str]
    event_needs_money: frozenset[str]
    speech_verbs: frozenset[str]
    report_nouns: frozenset[str]
    report_by_nouns: frozenset[str]  # "a report by TrendForce"
    hedges: tuple[str, ...]
    future_markers: tuple[str, ...]
    negation_markers: tuple[str, ...]  # phrases before a verb that negate it ("failed to")
    future_auxiliaries: frozenset[str]
    intention_verbs: frozenset[str]
    object_preps: frozenset[str]
    comparison_object_preps: frozenset[str]
    investment_object_preps: frozenset[str]  # 'invest ... in X': X is the object when it is a company or product
    company_pronouns: frozenset[str]
    company_nouns: frozenset[str]  # heads of descriptions that refer back to a company
    speech_kinds: dict[str, str]
    pronouns_person: frozenset[str]
    company_anaphora: frozenset[str]
    product_anaphora: frozenset[str]
    comparison_adjectives: dict[str, str]
    event_thing_subject: frozenset[str]
    event_needs_object: frozenset[str]
    coordination: re.Pattern[str]


def _expand(template: str, macros: dict[str, str]) -> str:
    """Replace {MACRO} names until none is left (macros may use other macros)."""
    for _ in range(5):
        before = template
        for name, body in macros.items():
            template = template.replace("{" + name + "}", body)
        if template == before:
            break
    return template


def _patterns(rows: list[dict[str, Any]], macros: dict[str, str], section: str) -> tuple[Pattern, ...]:
    seen: set[str] = set()
    out = []
    for row in rows:
        unknown = set(row) - _PATTERN_KEYS
        if unknown:
            raise DataFileError(f"patterns/linking.json {section}: unknown keys {sorted(unknown)}")
        if row["id"] in seen:
            raise DataFileError(f"patterns/linking.json {section}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        try:
            regex = re.compile(_expand(row["regex"], macros))
        except re.error as exc:
            raise DataFileError(f"patterns/linking.json {section}/{row['id']}: {exc}") from None
        out.append(Pattern(row["id"], regex, row.get("relation"), tuple(row.get("keywords", ())),
                           tuple(row.get("requires", ()))))
    return tuple(out)


def _speech_kinds(table: dict[str, str]) -> dict[str, str]:
    """Lemma -> source kind; refused when a kind is not one a record can carry."""
    unknown = set(table.values()) - set(get_args(SourceKind))
    if unknown:
        raise DataFileError(f"patterns/linking.json speech_kinds: unknown kinds {sorted(unknown)}")
    return dict(table)


def _read_checked(name: str, keys: set[str]) -> dict[str, Any]:
    """A data file under ``models/``, refused when it has a section the code does not know."""
    data: dict[str, Any] = json.loads(read_text(name))
    unknown = set(data) - keys
    if unknown:
        raise DataFileError(f"{name}: unknown keys {sorted(unknown)}")
    return data


@lru_cache(maxsize=1)
def load_linking() -> LinkingData:
    data = _read_checked("patterns/linking.json", _KEYS)
    macros = data["macros"]
    return LinkingData(
        comparisons=_patterns(data["comparisons"], macros, "comparisons"),
        rankings=_patterns(data["rankings"], macros, "rankings"),
        rank_words=dict(data["rank_words"]),
        ordinals=dict(data["ordinals"]),
        event_triggers=dict(data["event_triggers"]),
        event_particles=dict(data["event_particles"]),
        event_needs_money=frozenset(data["event_needs_money"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        report_nouns=frozenset(data["report_nouns"]),
        report_by_nouns=frozenset(data["report_by_nouns"]),
        hedges=tuple(sorted(data["hedges"], key=len, reverse=True)),
        future_markers=tuple(data["future_markers"]),
        negation_markers=tuple(data["negation_markers"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
        intention_verbs=frozenset(data["intention_verbs"]),
        object_preps=frozenset(data["object_preps"]),
        comparison_object_preps=frozenset(data["comparison_object_preps"]),
        investment_object_preps=frozenset(data["investment_object_preps"]),
        company_pronouns=frozenset(data["company_pronouns"]),
        company_nouns=frozenset(data["company_nouns"]),
        speech_kinds=_speech_kinds(data["speech_kinds"]),
        pronouns_person=frozenset(data["pronouns_person"]),
        company_anaphora=frozenset(data["company_anaphora"]),
        product_anaphora=frozenset(data["product_anaphora"]),
        comparison_adjectives=dict(data["comparison_adjectives"]),
        event_thing_subject=frozenset(data["event_thing_subject"]),
        event_needs_object=frozenset(data["event_needs_object"]),
        coordination=re.compile(_expand(data["coordination"], macros)),
    )


@dataclass(frozen=True, slots=True)
class DependencyPattern:
    """A DependencyMatcher pattern and the names of its nodes, in the order the matcher reports tokens."""

    id: str
    pattern: tuple[dict[str, Any], ...]
    nodes: tuple[str, ...]
    kind: str = "ranking"  # or "comparison"
    relation: str | None = None


@dataclass(frozen=True, slots=True)
class DependencyData:
    rankings: tuple[DependencyPattern, ...]
    comparisons: tuple[DependencyPattern, ...]
    comparison_verbs: dict[str, str]
    not_rankings: frozenset[str]
    rank_adjectives: frozenset[str]
    superlative_adverbs: frozenset[str]
    generic_superlatives: frozenset[str]
    phrase_owner_words: frozenset[str]


_DEPENDENCY_KEYS = {"_format", "rankings", "not_rankings", "rank_adjectives", "superlative_adverbs",
                    "generic_superlatives", "comparisons", "comparison_verbs", "phrase_owner_words"}
_NODES = {"ranking": {"category", "superlative", "subject"}, "comparison": {"trigger", "object"}}


def _dependency_patterns(rows: list[dict[str, Any]], kind: str) -> tuple[DependencyPattern, ...]:
    out = []
    for row in rows:
        nodes = tuple(node["RIGHT_ID"] for node in row["pattern"])
        missing = _NODES[kind] - set(nodes)
        if missing:
            raise DataFileError(f"patterns/dependency.json {kind}s/{row['id']}: no node(s) {sorted(missing)}")
        out.append(DependencyPattern(row["id"], tuple(row["pattern"]), nodes, kind, row.get("relation")))
    return tuple(out)


@lru_cache(maxsize=1)
def load_dependency() -> DependencyData:
    """``models/patterns/dependency.json``: parse patterns, checked for the nodes the linker reads."""
    data = _read_checked("patterns/dependency.json", _DEPENDENCY_KEYS)
    return DependencyData(
        rankings=_dependency_patterns(data["rankings"], "ranking"),
        comparisons=_dependency_patterns(data["comparisons"], "comparison"),
        comparison_verbs=dict(data["comparison_verbs"]),
        not_rankings=frozenset(data["not_rankings"]),
        rank_adjectives=frozenset(data["rank_adjectives"]),
        superlative_adverbs=frozenset(data["superlative_adverbs"]),
        generic_superlatives=frozenset(data["generic_superlatives"]),
        phrase_owner_words=frozenset(data["phrase_owner_words"]),
    )
