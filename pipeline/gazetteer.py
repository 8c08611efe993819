"""The entity gazetteer: canonical names and aliases read from ``models/gazetteers/``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import DataFileError
from pipeline.resources import read_text

GAZETTEER_FILES = (
    "companies.jsonl", "agencies.jsonl", "products.jsonl", "ai_models.jsonl", "places.jsonl", "people.jsonl",
)
_ENTRY_KEYS = {"id", "canonical", "label", "kind", "aliases", "maker"}
LABELS = {"ORG", "PRODUCT", "GPE", "LOC", "PERSON", "NORP"}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    canonical: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    maker: str | None = None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, Entry]
    not_entities: dict[str, frozenset[str]]  # text -> labels to drop


def _jsonl(relative: str) -> list[tuple[int, dict[str, object]]]:
    rows = []
    for number, line in enumerate(read_text(relative).splitlines(), start=1):
        if line.strip():
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{relative}:{number}: {exc.msg}") from None
    return rows


def _entry(relative: str, number: int, row: dict[str, object]) -> Entry:
    where = f"gazetteers/{relative}:{number}"
    unknown = set(row) - _ENTRY_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown keys {sorted(unknown)}")
    aliases = row.get("aliases")
    if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a for a in aliases):
        raise DataFileError(f"{where}: aliases must be a non-empty list of strings")
    if row.get("label") not in LABELS:
        raise DataFileError(f"{where}: label {row.get('label')!r} is not one of {sorted(LABELS)}")
    maker = row.get("maker")
    return Entry(
        id=str(row["id"]), canonical=str(row["canonical"]), label=str(row["label"]),
        kind=str(row["kind"]), aliases=tuple(aliases), maker=str(maker) if maker else None,
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Every gazetteer file, checked: unknown keys, duplicate ids and bad labels are errors."""
    entries: dict[str, Entry] = {}
    for name in GAZETTEER_FILES:
        for number, row in _jsonl(f"gazetteers/{name}"):
            entry = _entry(name, number, row)
            if entry.id in entries:
                raise DataFileError(f"gazetteers/{name}:{number}: duplicate id {entry.id!r}")
            entries[entry.id] = entry
    for entry in entries.values():
        if entry.maker and entry.maker not in entries:
            raise DataFileError(f"{entry.id}: maker {entry.maker!r} is not a gazetteer id")
    not_entities: dict[str, frozenset[str]] = {}
    for _, row in _jsonl("gazetteers/not_entities.jsonl"):
        labels = row["labels"]
        if not isinstance(labels, list):
            raise DataFileError(f"gazetteers/not_entities.jsonl: labels of {row['text']!r} must be a list")
        not_entities[str(row["text"])] = frozenset(str(label) for label in labels)
    return Gazetteer(entries, not_entities)
