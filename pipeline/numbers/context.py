"""A bare figure's unit read from the figures and names before it, once the whole text is scanned.

"shipments of 4.2 million headsets, up from 3.6 million": the second figure counts headsets too;
"the Nikkei rose to 38,210.5": a level of a market index is in points ("fell 312.4 points" is a
change in points). The cue words and index names are data (``models/numbers/numbers.json``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.numbers.drafts import Draft

if TYPE_CHECKING:
    from pipeline.numbers.engine import Scanner

_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")
_INDEX_REACH = 60  # characters from an index name to its level: "the Nikkei share average rose 1.2% to"
_CARRY_WORDS = 6  # words between a figure and the bare one that takes its unit


def carry_units(sc: Scanner, drafts: list[Draft]) -> None:
    """A bare number after a cue ("up from", "versus") takes the kind and unit of the figure before it."""
    text, d = sc.text, sc.d
    for a, b in zip(drafts, drafts[1:], strict=False):
        if b.kind != "number" or b.role or a.kind not in ("count", "quantity", "money") or a.core.scaled != \
                b.core.scaled or _SENTENCE_END.search(text, a.end, b.start):
            continue
        between = " ".join(text[a.end:b.start].lower().replace(",", " ").split())
        if a.counted and between.startswith(a.counted.lower()):
            between = between[len(a.counted):].strip()
        cue = next((c for c in d.carry_cues if between == c or between.endswith(" " + c)), None)
        if cue is None or len(between.split()) > _CARRY_WORDS or between != cue and cue in d.alone_cues or \
                not _bare_after(sc, b):
            continue
        b.kind, b.unit, b.currency, b.value_kind, b.counted = a.kind, a.unit, a.currency, a.value_kind, a.counted
        if a.minor_factor:
            b.minor_factor = a.minor_factor
            b.amount = None if b.amount is None else b.amount * a.minor_factor
        b.pattern += "+carried"
        if b.kind == "money":
            sc.convert(b)
        if cue in d.change_cues and not a.role:
            a.role, b.role = "new", "old"


def _bare_after(sc: Scanner, draft: Draft) -> bool:
    """Nothing after the figure that could be its own noun or partner ("8,000 Hopper GPUs", "six or seven")."""
    nxt = sc.tok(sc.tok_at_char(draft.end))
    if nxt is None or nxt.kind != "w":
        return True
    return not nxt.text[:1].isupper() and nxt.low not in ("or", "and", "to")


def index_points(sc: Scanner, drafts: list[Draft]) -> None:
    """A bare figure or a count of points just after a market index's name is in points."""
    text, d = sc.text, sc.d
    for k, draft in enumerate(drafts):
        points = draft.kind == "count" and (draft.counted or "").lower() in d.index_point_words
        if draft.kind != "number" and not points or not _index_before(sc, drafts, k):
            continue
        counted = draft.counted or ""
        draft.kind, draft.unit, draft.value_kind, draft.counted = "quantity", "point", "measure", None
        draft.pattern = "quantity:index_points"
        if points:
            draft.end = text.index(counted, draft.end) + len(counted)  # "312.4 points": the unit in the span
            direction = _direction(sc, draft.start)
            if direction:
                draft.value_kind = "change"
                if direction < 0 and draft.amount is not None and draft.amount > 0:
                    draft.amount = -draft.amount


def _index_before(sc: Scanner, drafts: list[Draft], k: int) -> bool:
    """An index is named before drafts[k] in its sentence, with only percentages or points between."""
    text, start = sc.text, drafts[k].start
    lo = max(0, start - _INDEX_REACH)
    for end in _SENTENCE_END.finditer(text, lo, start):
        lo = end.end()
    name_end = None
    for m in sc.p.index_name.finditer(text, lo, start):
        name_end = m.end()
    if name_end is None:
        return False
    j = k - 1
    while j >= 0 and drafts[j].end > name_end:
        if drafts[j].kind != "percent" and drafts[j].unit != "point":
            return False
        j -= 1
    return True


def _direction(sc: Scanner, start: int) -> int:
    """+1 or -1 when a verb of rise or fall stands right before ``start`` ("fell 312.4 points"), else 0."""
    words = sc.text[max(0, start - 40):start].lower().replace(",", " ").split()[-3:]
    while words and (words[-1] == "by" or words[-1] in sc.d.hedges or words[-1].endswith("ly")):
        words.pop()
    if words and words[-1] in sc.d.up_words:
        return 1
    if words and words[-1] in sc.d.down_words:
        return -1
    return 0
