"""A claim as the linker builds it, before :mod:`pipeline.extractor` turns it into a record."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pipeline.records import ClaimFields, ClaimType

VALUE_CLAIM_TYPES: dict[str, ClaimType] = {"money": "money", "quantity": "quantity", "count": "count",
                                           "percent": "percent"}


class DraftClaim(ClaimFields):
    """A claim before it becomes a record: the shared claim fields, grounded by character offsets."""

    sent_start: int
    sent_end: int
    anchor: tuple[int, int]
    confidence: float = 0.8
    warnings: list[str] = Field(default_factory=list)
    pattern: str | None = None
    rules: list[str] = Field(default_factory=list)  # how each role was chosen, for the record's provenance
    candidates: list[Any] = Field(default_factory=list, exclude=True)  # the subject's, for training
    object_candidates: list[Any] = Field(default_factory=list, exclude=True)
