"""Remove what is not the story from scraped text, keeping a map back to the raw text.

Extraction runs on the cleaned text and every offset in a record points into it; the
:class:`CleanText` map turns a cleaned offset back into an offset of the text as read.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.resources import read_text

_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CleaningRules:
    rules: tuple[LineRule, ...]
    repeated_line_max_words: int


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus the segments it was copied from: (clean_start, raw_start, length)."""

    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule id, line)

    def to_raw(self, offset: int) -> int:
        """Map an offset of the cleaned text to the raw text."""
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = max(bisect_right(starts, offset) - 1, 0)
        clean_start, raw_start, _ = self.segments[i]
        return raw_start + (offset - clean_start)


@lru_cache(maxsize=1)
def load_rules() -> CleaningRules:
    """Read models/cleaning/boilerplate.json once per process."""
    data = json.loads(read_text("cleaning/boilerplate.json"))
    rules = tuple(
        LineRule(r["id"], re.compile(r["regex"], re.IGNORECASE)) for r in data["rules"]
    )
    return CleaningRules(rules, int(data["repeated_line_max_words"]))


def _matching_rule(line: str, rules: CleaningRules) -> str | None:
    for rule in rules.rules:
        if rule.pattern.fullmatch(line):
            return rule.id
    return None


def _is_caption_like(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and not _SENTENCE_END.search(line)


def clean(raw: str, rules: CleaningRules | None = None) -> CleanText:
    """Drop boilerplate lines (ads, breadcrumbs, captions, promos, copyright) from ``raw``."""
    rules = rules or load_rules()
    lines = raw.splitlines(keepends=True)
    stripped = [ln.strip() for ln in lines]
    counts = Counter(s for s in stripped if s)
    out: list[str] = []
    result = CleanText("")
    raw_pos = 0
    clean_pos = 0
    previous_blank = True
    for line, s in zip(lines, stripped, strict=True):
        reason: str | None = None
        if s:
            reason = _matching_rule(s, rules)
            if reason is None and counts[s] > 1 and _is_caption_like(s, rules.repeated_line_max_words):
                reason = "repeated_caption"
        blank = not s
        if reason is not None:
            result.removed.append((reason, s))
        elif blank and previous_blank:
            pass
        else:
            out.append(line)
            result.segments.append((clean_pos, raw_pos, len(line)))
            clean_pos += len(line)
            previous_blank = blank
        raw_pos += len(line)
    text = "".join(out)
    result.text = text.rstrip()
    return result
