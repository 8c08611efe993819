"""Confidence that means something: the chance that a claim is right in every field, learned on dev.

The linker gives each claim a confidence from a handful of fixed numbers (0.8 for a parse subject,
0.6 for the nearest entity...), and on real pages claims at low confidence were right as often as
those at high. Here a logistic regression turns what the record itself says of how it was made
(its type, the linker's number, how its subject was chosen and the subject model's probability and
margin, whether it has an object, a source and a date, its warnings) into the probability that the
evaluation finds it exactly right. It is fitted on the dev set (``make calibrate``,
:mod:`pipeline.train_calibration`), whose claims the linker's rules and models never learn from, and
its weights ship as ``models/calibration/confidence.json``, scored with the dot product of
:class:`pipeline.roles.RoleModel`. The evaluation report's reliability table says whether it holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.datafiles import DataFile, DataModel, load_json
from pipeline.records import ClaimFields
from pipeline.roles import RoleModel

CALIBRATION = "calibration/confidence.json"
_MODEL_LINE = re.compile(r"^subject model: p=(?P<p>[\d.]+), margin (?P<margin>[\d.]+) over the runner-up "
                         r"\((?P<source>[^)]*)\)")
_CLAIM_LINE = re.compile(r"^claim model: p=(?P<p>[\d.]+)")


class FittedOn(DataModel):
    corpus: str
    gold: str
    articles: int
    claims: int
    exactly_right: int


class CalibrationFile(DataFile):
    """``models/calibration/confidence.json``, as ``make calibrate`` writes it."""

    fitted_on: FittedOn
    seed: int
    C: float
    sklearn: str
    bias: float
    weights: dict[str, float]


#: the data files of this module, by path under models/, for the test that loads every file
DATA_FILES: dict[str, type[DataModel]] = {CALIBRATION: CalibrationFile}


def _rule(rules: Sequence[str], role: str) -> str | None:
    prefix = role + ":"
    return next((r[len(prefix):] for r in rules if r.startswith(prefix)), None)


def features(claim: ClaimFields, raw: float, rules: Sequence[str], warnings: Sequence[str]) -> dict[str, float]:
    """Named features of a linked claim: what its record says of how it was made."""
    f: dict[str, float] = {f"type={claim.type}": 1.0, "raw": raw, f"raw={raw:.2f}": 1.0}
    subject_rule = _rule(rules, "subject")
    f[f"subject={(subject_rule or 'none').split(' (')[0]}" if claim.subject is not None else "subject=none"] = 1.0
    for line in rules:
        if m := _MODEL_LINE.match(line):
            f["subject_model_p"] = float(m["p"])
            f["subject_model_margin"] = float(m["margin"])
            f[f"subject_model_source={m['source']}"] = 1.0
        elif m := _CLAIM_LINE.match(line):
            f["claim_model_p"] = float(m["p"])
    f["object" if claim.object is not None else "object=none"] = 1.0
    f["source" if claim.source is not None else "source=none"] = 1.0
    f[f"date={(_rule(rules, 'date') or 'none')}" if claim.date is not None else "date=none"] = 1.0
    f[f"modality={claim.modality}"] = 1.0
    if claim.hedge:
        f["hedged"] = 1.0
    for warning in warnings:
        f[f"warning={warning.split(':')[0].split(' ')[0]}"] = 1.0
    return f


@lru_cache(maxsize=2)
def load_calibration(relative: str = CALIBRATION) -> RoleModel | None:
    """The shipped calibration, or None when there is none (confidences stay the linker's)."""
    try:
        raw = load_json(relative, CalibrationFile)
    except FileNotFoundError:
        return None
    return RoleModel(weights=dict(raw.weights), bias=raw.bias)
