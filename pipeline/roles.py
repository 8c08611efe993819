"""Learned role choice: every plausible subject of a figure as a candidate, ranked by a linear model.

The linker's rules pick one subject; on text nobody tuned them on they are right less than half the
time. Here the rules' pick is one candidate among the entities of the sentence and the discourse
(the last subject, the article's first company, the last product), each described by named features
of the parse and the discourse (``path=nsubj``, ``label=ORG``, ``dist=3-5``...). A logistic
regression trained on ``corpora/train`` (``make train``, :mod:`pipeline.train_roles`) weighs them;
its weights ship as a readable JSON file, ``models/linking/subject_model.json``, scored here with a
dot product, so the run needs no training library.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import Field
from spacy.tokens import Span, Token

from pipeline.datafiles import DataFile, DataModel, load_json
from pipeline.records import EntityRef

SUBJECT_MODEL = "linking/subject_model.json"
OBJECT_MODEL = "linking/object_model.json"
_DISTANCES = ((2, "0-2"), (5, "3-5"), (10, "6-10"), (20, "11-20"))


@dataclass(slots=True)
class Candidate:
    """One possible filler of a role, where it came from, and what the model sees of it."""

    ref: EntityRef
    source: str  # "sentence", "rule", "last subject", "first company", "last product"
    span: Span | None = None
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RoleModel:
    """A linear model over named features: ``p = sigmoid(bias + sum of the weights of the features``)."""

    weights: dict[str, float]
    bias: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rank(self, candidates: Sequence[Candidate]) -> list[tuple[float, Candidate]]:
        """Candidates by probability, best first (ties keep the candidates' order)."""
        scored = [(self.probability(c.features), i, c) for i, c in enumerate(candidates)]
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [(p, c) for p, _, c in scored]

    def choose(self, candidates: Sequence[Candidate], role: str) -> tuple[Candidate, str]:
        """The best candidate and the provenance line that says how sure the model was of it."""
        ranked = self.rank(candidates)
        p, best = ranked[0]
        margin = p - ranked[1][0] if len(ranked) > 1 else p
        return best, f"{role} model: p={p:.2f}, margin {margin:.2f} over the runner-up ({best.source})"


class TrainedOn(DataModel):
    role: str
    corpus: str
    gold: list[str]
    data_sha256: str
    articles: int
    gold_claims: int = Field(alias="gold claims")
    paired: int = Field(alias="paired figure claims")
    with_gold_filler: int = Field(alias="with the gold filler")


class Settings(DataModel):
    seed: int
    C: float
    solver: str


class RoleModelFile(DataFile):
    """``models/linking/{subject,object}_model.json``, as ``make train`` writes them."""

    trained_on: TrainedOn
    settings: Settings
    sklearn: str
    bias: float
    weights: dict[str, float]


#: the data files of this module, by path under models/, for the test that loads every file
DATA_FILES: dict[str, type[DataModel]] = {SUBJECT_MODEL: RoleModelFile, OBJECT_MODEL: RoleModelFile}

#: the "no filler" candidate: a figure with no object at all is the most common answer
NO_ENTITY = EntityRef(text="", canonical="", label="NONE", start=0, end=0)


@lru_cache(maxsize=4)
def load_role_model(relative: str = SUBJECT_MODEL) -> RoleModel | None:
    """The shipped model, or None when there is none (the linker then keeps its rules' choice)."""
    try:
        raw = load_json(relative, RoleModelFile)
    except FileNotFoundError:
        return None
    return RoleModel(weights=dict(raw.weights), bias=raw.bias)


def _distance(a: int, b: int) -> str:
    gap = abs(a - b)
    return next((name for limit, name in _DISTANCES if gap <= limit), "21+")


def _within(span: Span, tok: Token | None) -> bool:
    return tok is not None and tok.left_edge.i <= span.start and span.end - 1 <= tok.right_edge.i


def possessors_of(value: Span) -> frozenset[int]:
    """The tokens that possess a phrase above the figure ("Nvidia's revenue of $35.1bn"), once per figure."""
    return frozenset(child.i for anc in value.root.ancestors for child in anc.children if child.dep_ == "poss")


def sentence_features(span: Span, value: Span, verb: Token | None, subject_tok: Token | None,
                      speakers: Iterable[Span], first: Span | None, possessors: frozenset[int] | None = None,
                      sent_start: int | None = None) -> dict[str, float]:
    """What the parse says of an entity of the figure's own sentence (``possessors`` and ``sent_start``
    may be given when the same figure's candidates are described one after the other)."""
    root = span.root
    possessors = possessors_of(value) if possessors is None else possessors
    sent_start = span.sent.start if sent_start is None else sent_start
    f: dict[str, float] = {
        f"dep={root.dep_}": 1.0,
        f"head_pos={root.head.pos_}": 1.0,
        ("before" if span.end <= value.start else "after"): 1.0,
        f"dist={_distance(span.end if span.end <= value.start else span.start, value.start)}": 1.0,
    }
    if _within(span, subject_tok):
        f["in_verb_subject"] = 1.0
    if any(span.start <= i < span.end for i in possessors):
        f["possessor_of_value_phrase"] = 1.0
    if value.root.left_edge.i <= span.start and span.end - 1 <= value.root.right_edge.i:
        f["inside_value_phrase"] = 1.0
    if verb is not None and root.head.i == verb.i and root.dep_ in ("dobj", "attr", "dative"):
        f["object_of_verb"] = 1.0
    if root.head.pos_ == "ADP":
        f[f"after_prep={root.head.lower_}"] = 1.0
    if any(s.start == span.start for s in speakers):
        f["speaker"] = 1.0
    if span.start == sent_start:
        f["sentence_start"] = 1.0
    if first is not None and first.start == span.start:
        f["first_entity"] = 1.0
    return f


def describe(candidate: Candidate, claim_type: str, rule_pick: EntityRef | None, rule_how: str,
             last_subject: EntityRef | None) -> Candidate:
    """Add the features every candidate has (its source, label, agreement with the rules) in place."""
    f = candidate.features
    label = candidate.ref.label
    f[f"source={candidate.source}"] = 1.0
    f[f"label={label}"] = 1.0
    f[f"type_label={claim_type}|{label}"] = 1.0
    same = _same(candidate.ref, rule_pick)
    if same:
        f["rule_pick"] = 1.0
        f[f"rule_pick_how={rule_how}"] = 1.0
    if _same(candidate.ref, last_subject):
        f["is_last_subject"] = 1.0
    return candidate


def _same(a: EntityRef | None, b: EntityRef | None) -> bool:
    return a is not None and b is not None and a.canonical.casefold() == b.canonical.casefold()


def unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per name as written and canonical: the first (a sentence span before a remembered
    one); a description resolved to a company stays beside the company's own mention."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in candidates:
        key = (c.ref.canonical.casefold(), c.ref.text.casefold())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
