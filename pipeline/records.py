"""The claim record: the one contract newsclaims promises its users.

Everything the pipeline finds is turned into these pydantic models in one place
(:mod:`pipeline.extractor`), and the JSON Schema in ``pipeline/schema/claim.schema.json``
is generated from them.  Change a field, bump :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.3"

ClaimType = Literal["money", "quantity", "count", "percent", "comparison", "ranking", "event"]
MentionKind = Literal["entity", "money", "quantity", "percent", "count", "number", "date"]
Granularity = Literal["day", "week", "month", "quarter", "half", "year", "decade", "range"]
Modality = Literal["asserted", "future", "negated"]
SourceKind = Literal["said", "according_to", "report", "estimate", "quote", "other"]
#: "stated": the claim's own clause or sentence names the period; "context": the story's frame does (a
#: results story names its quarter once, in the headline or the lede, and its later figures belong to it)
DateBasis = Literal["stated", "context"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityName(_Strict):
    """Who or what a claim is about, as written and by canonical name (gold claims carry no offsets)."""

    text: str
    canonical: str
    label: str | None = None


class EntityRef(EntityName):
    """A span of the cleaned text naming who or what a claim is about."""

    label: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Value(_Strict):
    """A normalised number: money in currency units, ratios and percentages as fractions."""

    amount: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = Field(default=None, description="ISO 4217 code of the stated amount")
    usd: float | None = None
    usd_basis: str | None = Field(default=None, description='"stated" or "fx:YYYY-MM"')
    kind: str | None = Field(
        default=None, description="share, change, points, multiple, rate, count, measure or amount"
    )
    counted: str | None = Field(default=None, description="the noun phrase a count counts")
    text: str


class DateRef(_Strict):
    """A time expression resolved to an inclusive ISO period."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity | None = None
    future: bool = False
    #: the calendar the period was read in: "gregorian", or "fiscal:<organisation>" for a fiscal year,
    #: quarter or half ("fiscal:Nvidia": its third quarter of fiscal 2026 ran 2025-07-28..2025-10-26)
    calendar: str = Field(default="gregorian", pattern=r"^(?:gregorian|fiscal:.+)$")
    basis: DateBasis = "stated"
    #: for basis "context": the sentence the period was read from, as written
    context: str | None = None


class Source(_Strict):
    """Who the text attributes a claim to."""

    text: str
    kind: SourceKind = "other"
    role: str | None = None
    organisation: str | None = None


class Evidence(_Strict):
    """The sentence a claim rests on, verbatim, with its offsets in the cleaned text."""

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Provenance(_Strict):
    """Which component and pattern produced a claim, and how each of its roles was chosen, so an
    error can be explained (``rules``: ``"subject:parse subject"``, ``"date:same clause"``...)."""

    component: str
    pattern: str | None = None
    rules: list[str] = Field(default_factory=list)


class ClaimFields(_Strict):
    """What a claim says, written once: the record (:class:`Claim`), the linker's draft and the gold
    claim are built on these fields, the gold one with looser nested types where annotation needs them."""

    type: ClaimType
    subject: EntityRef | None = None
    object: EntityRef | None = None
    predicate: str | None = None
    value: Value | None = None
    date: DateRef | None = None
    hedge: str | None = None
    source: Source | None = None
    relation: str | None = Field(default=None, description="comparison relation, e.g. ratio_of")
    metric: str | None = None
    scope: str | None = None
    rank: int | None = None
    category: str | None = None
    streak: int | None = None
    event_kind: str | None = None
    modality: Modality = "asserted"


#: the names of the fields every claim shape shares
CLAIM_FIELDS: tuple[str, ...] = tuple(ClaimFields.model_fields)


class Claim(ClaimFields):
    """One claim stated by one article: what it says, where it stands and how it was made."""

    schema_version: str = SCHEMA_VERSION
    id: str
    article_id: str
    published: dt.date | None = Field(
        default=None, description="the article's publication date, as used to resolve dates and rates"
    )
    url: str | None = Field(default=None, description="the article's URL, where the input gave one")
    evidence: Evidence
    value_span: tuple[int, int] | None = Field(
        default=None, description="offsets of the value or trigger inside the cleaned text"
    )
    confidence: float = Field(ge=0.0, le=1.0)
    warnings: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None


class Mention(_Strict):
    """One normalised mention, the layer below the claims (``--mentions``)."""

    article_id: str
    kind: MentionKind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str | None = None
    canonical: str | None = None
    value: Value | None = None
    date: DateRef | None = None


def claim_id(article_id: str, claim_type: str, start: int, end: int) -> str:
    """A stable id: the same article, type and grounded span give the same id on every run."""
    digest = hashlib.sha1(f"{article_id}|{claim_type}|{start}|{end}".encode()).hexdigest()
    return f"{article_id}:{claim_type}:{digest[:12]}"
