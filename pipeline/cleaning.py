"""Remove what is not the story from scraped text.

Extraction runs on the cleaned text and every offset in a record points into it (``--emit-text``
writes it out). Whole lines are dropped, never parts of one, so every kept line is a verbatim copy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated

from pydantic import Strict

from pipeline.datafiles import DataFile, DataModel, IRegex, load_json, named, unique, validate

_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
RULES_FILE = "cleaning/boilerplate.json"
REPEATED_PARAGRAPH = "repeated_paragraph"


class LineRule(DataModel):
    """One boilerplate line shape: ``regex`` must match the whole stripped line."""

    id: str
    regex: IRegex
    why: str


class BlockRule(DataModel):
    """A promo box that spans lines: from a ``start`` line to an ``end`` line at most ``max_lines`` on."""

    id: str
    start: IRegex
    end: IRegex
    max_lines: int
    why: str


class CleaningRules(DataFile):
    """``boilerplate.json``: line rules, block rules and the two thresholds."""

    repeated_line_max_words: int
    repeated_paragraph_min_words: int
    rules: Annotated[tuple[LineRule, ...], Strict(False)]
    blocks: Annotated[tuple[BlockRule, ...], Strict(False)]


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus the lines removed from it, with the rule that removed each."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule id, line)


def parse_rules(data: object) -> CleaningRules:
    """Rules from the JSON of boilerplate.json; unknown keys, duplicate ids and bad regexes are refused."""
    return _ids_unique(validate(RULES_FILE, data, CleaningRules))


def _ids_unique(rules: CleaningRules) -> CleaningRules:
    unique([(RULES_FILE, named(f"rules[{i}]", "id", r.id), r.id) for i, r in enumerate(rules.rules)]
           + [(RULES_FILE, named(f"blocks[{i}]", "id", b.id), b.id) for i, b in enumerate(rules.blocks)])
    return rules


@lru_cache(maxsize=1)
def load_rules() -> CleaningRules:
    """Read models/cleaning/boilerplate.json once per process."""
    return _ids_unique(load_json(RULES_FILE, CleaningRules))


def _matching_rule(line: str, rules: CleaningRules) -> str | None:
    for rule in rules.rules:
        if rule.regex.fullmatch(line):
            return rule.id
    return None


def _is_caption_like(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def _mark_blocks(stripped: list[str], reasons: list[str | None], blocks: tuple[BlockRule, ...]) -> None:
    i = 0
    while i < len(stripped):
        for block in blocks:
            if stripped[i] and block.start.fullmatch(stripped[i]):
                end = next((j for j in range(i + 1, min(i + 1 + block.max_lines, len(stripped)))
                            if block.end.fullmatch(stripped[j])), i)
                reasons[i:end + 1] = [block.id] * (end + 1 - i)
                i = end
                break
        i += 1


def _mark_repeats(stripped: list[str], reasons: list[str | None], min_words: int) -> None:
    """A paragraph seen before is a second copy of the body (amp, print and main renderings).

    Long lines are compared one by one; short lines (subheads) inside a run of repeated paragraphs go
    with the run when they were seen before, so the first copy keeps them and the others lose them.
    """
    seen: set[str] = set()
    for i, s in enumerate(stripped):
        if not s or reasons[i] is not None:
            continue
        if len(s.split()) >= min_words:
            if s in seen:
                reasons[i] = REPEATED_PARAGRAPH
        seen.add(s)
    repeated = [i for i, r in enumerate(reasons) if r == REPEATED_PARAGRAPH]
    earlier: set[str] = set()
    first_repeat = repeated[0] if repeated else len(stripped)
    earlier.update(s for s in stripped[:first_repeat] if s)
    for a, b in zip(repeated, repeated[1:], strict=False):
        between = [k for k in range(a + 1, b) if stripped[k] and reasons[k] is None]
        if all(len(stripped[k].split()) < min_words and stripped[k] in earlier for k in between):
            for k in between:
                reasons[k] = REPEATED_PARAGRAPH


def clean(raw: str, rules: CleaningRules | None = None) -> CleanText:
    """Drop boilerplate lines (ads, breadcrumbs, captions, promos, copyright, repeated copies) from ``raw``."""
    rules = rules or load_rules()
    lines = raw.splitlines(keepends=True)
    stripped = [ln.strip() for ln in lines]
    reasons: list[str | None] = [None] * len(lines)
    _mark_blocks(stripped, reasons, rules.blocks)
    _mark_repeats(stripped, reasons, rules.repeated_paragraph_min_words)
    counts = Counter(s for s, r in zip(stripped, reasons, strict=True) if s and r is None)
    for i, s in enumerate(stripped):
        if s and reasons[i] is None:
            reasons[i] = _matching_rule(s, rules)
            if reasons[i] is None and counts[s] > 1 and _is_caption_like(s, rules.repeated_line_max_words):
                reasons[i] = "repeated_caption"
    out: list[str] = []
    result = CleanText("")
    previous_blank = True
    for line, s, reason in zip(lines, stripped, reasons, strict=True):
        blank = not s
        if reason is not None:
            if s:
                result.removed.append((reason, s))
        elif blank and previous_blank:
            pass
        else:
            out.append(line)
            previous_blank = blank
    text = "".join(out)
    result.text = text.rstrip()
    return result


#: every file this module reads, with its model (tests/test_datafiles.py loads each one)
DATA_FILES: dict[str, type[DataModel]] = {RULES_FILE: CleaningRules}
