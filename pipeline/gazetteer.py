"""The entity gazetteer: canonical names and aliases read from ``models/gazetteers/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, Strict

from pipeline.datafiles import DataModel, fail, load_jsonl, named, unique

GAZETTEER_FILES = (
    "companies.jsonl", "agencies.jsonl", "products.jsonl", "ai_models.jsonl", "places.jsonl", "people.jsonl",
)
NOT_ENTITIES_FILE = "gazetteers/not_entities.jsonl"
Label = Literal["ORG", "PRODUCT", "GPE", "LOC", "PERSON", "NORP"]
Kind = Literal["company", "agency", "university", "chip", "device", "ai_model", "software", "place", "person", "group"]
Alias = Annotated[str, Field(min_length=1)]


class Entry(DataModel):
    """One line of a gazetteer file: a canonical name, its label and kind, and the aliases that match it."""

    id: str
    canonical: str
    label: Label
    kind: Kind
    aliases: Annotated[tuple[Alias, ...], Strict(False), Field(min_length=1)]
    maker: str | None = None  # the id of the company that makes a product


class NotEntity(DataModel):
    """A text the statistical model wrongly tags with one of ``labels``: such entities are dropped."""

    text: str
    labels: list[Label]
    why: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: dict[str, Entry]
    not_entities: dict[str, frozenset[str]]  # text -> labels to drop


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Every gazetteer file, checked: unknown keys, bad labels, duplicate ids and aliases, unknown makers."""
    rows = [(f"gazetteers/{name}", number, entry) for name in GAZETTEER_FILES
            for number, entry in load_jsonl(f"gazetteers/{name}", Entry)]
    unique((r, named(f"line {n}", "id", e.id), e.id) for r, n, e in rows)
    unique(((r, named(f"line {n}", "id", e.id), a) for r, n, e in rows for a in e.aliases), field="aliases")
    entries = {entry.id: entry for _, _, entry in rows}
    for relative, number, entry in rows:
        if entry.maker and entry.maker not in entries:
            raise fail(relative, named(f"line {number}", "id", entry.id), "maker",
                       f"{entry.maker!r} is not a gazetteer id")
    not_entities = {row.text: frozenset(map(str, row.labels)) for _, row in load_jsonl(NOT_ENTITIES_FILE, NotEntity)}
    return Gazetteer(entries, not_entities)


#: every file this module reads, with its model (tests/test_datafiles.py loads each one)
DATA_FILES: dict[str, type[DataModel]] = {
    **{f"gazetteers/{name}": Entry for name in GAZETTEER_FILES}, NOT_ENTITIES_FILE: NotEntity,
}
