"""The masked sentence the regex frames run over: entities and values replaced by placeholders
(``[[E0]]``, ``[[V1]]``), with the way back to the Doc's spans and character offsets."""

from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline import extensions
from pipeline.linking.data import LinkingData, Pattern
from pipeline.linking.discourse import Discourse
from pipeline.linking.draft import DraftClaim
from pipeline.linking.parse import entity_ref
from pipeline.records import ClaimType, EntityRef

_PLACEHOLDER = re.compile(r"\[\[([EV])(\d+)\]\]")


class Masked:
    """A sentence with entities and values replaced by placeholders, and a way back."""

    def __init__(self, sent: Span, ents: list[Span], values: list[Span]) -> None:
        self.sent = sent
        self.ents = ents
        self.values = values
        doc = sent.doc
        text = extensions.doc_text(doc)
        starts: dict[int, tuple[str, int, Span]] = {}
        for i, s in enumerate(ents):
            starts[s.start] = ("E", i, s)
        for i, s in enumerate(values):
            starts.setdefault(s.start, ("V", i, s))
        # sliced from the Doc's text, never token by token: the sentence with its trailing blank
        sent_end = doc[sent.end].idx if sent.end < len(doc) else len(text)
        parts: list[str] = []
        # masked offset -> sentence char offset, where each plain stretch or placeholder begins
        self.offsets: list[tuple[int, int]] = []
        pos = 0
        char = sent.start_char
        next_token = sent.start
        for first in sorted(k for k in starts if sent.start <= k < sent.end):
            if first < next_token:  # inside the placeholder before
                continue
            kind, n, span = starts[first]
            if span.start_char > char:
                self.offsets.append((pos, char))
                parts.append(text[char: span.start_char])
                pos += span.start_char - char
            if span.end <= sent.end:
                blank = " " if text[span.end_char: span.end_char + 1] == " " else ""
                char = span.end_char + len(blank)
                next_token = span.end
            else:  # runs past the sentence
                blank, char, next_token = " ", sent_end, sent.end
            piece = f"[[{kind}{n}]]" + blank
            self.offsets.append((pos, span.start_char))
            parts.append(piece)
            pos += len(piece)
        if char < sent_end:
            self.offsets.append((pos, char))
            parts.append(text[char: sent_end])
        self.text = "".join(parts)
        self.lowered = self.text.lower()

    def spans_in(self, group: str) -> list[tuple[str, Span]]:
        out = []
        for m in _PLACEHOLDER.finditer(group):
            kind, n = m.group(1), int(m.group(2))
            out.append((kind, self.ents[n] if kind == "E" else self.values[n]))
        return out

    def head_entity(self, group: str | None) -> Span | None:
        if not group:
            return None
        ents = [s for k, s in self.spans_in(group) if k == "E"]
        return ents[-1] if ents else None

    def value(self, group: str | None) -> Span | None:
        if not group:
            return None
        vals = [s for k, s in self.spans_in(group) if k == "V"]
        return vals[0] if vals else None

    def plain(self, group: str | None) -> str | None:
        if not group:
            return None
        text = _PLACEHOLDER.sub(lambda m: self._surface(m), group).strip(" ,;")
        return text or None

    def _surface(self, m: re.Match[str]) -> str:
        kind, n = m.group(1), int(m.group(2))
        span = self.ents[n] if kind == "E" else self.values[n]
        return str(span._.canonical or span.text) if kind == "E" else span.text


def group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def masked_to_char(masked: Masked, pos: int) -> int:
    best = masked.offsets[0]
    for entry in masked.offsets:
        if entry[0] <= pos:
            best = entry
        else:
            break
    return best[1] + (pos - best[0])


def clean_phrase(text: str | None) -> str | None:
    if not text:
        return None
    text = strip_possessive_phrase(text).strip(" ,;.")
    return text or None


def strip_possessive_phrase(text: str) -> str:
    return re.sub(r"(?:'s|’s)\b", "", text)


def frame_subject(masked: Masked, m: re.Match[str], ctx: Discourse, data: LinkingData) -> EntityRef | None:
    """The frame's subject entity, or what 'the company' / 'it' refers to."""
    span = masked.head_entity(m.group("subject"))
    if span is not None:
        return entity_ref(span)
    words = set(m.group("subject").lower().split())
    if words & data.product_anaphora and ctx.last_product is not None:
        return entity_ref(ctx.last_product)
    if ctx.last_subject is not None:
        return ctx.last_subject
    return entity_ref(ctx.last_org) if ctx.last_org is not None else None


def frame_claim(claim_type: ClaimType, masked: Masked, subject: EntityRef, pattern: Pattern,
                m: re.Match[str]) -> DraftClaim:
    sent = masked.sent
    start = masked_to_char(masked, m.start())
    end = masked_to_char(masked, max(m.end() - 1, m.start())) + 1
    return DraftClaim(
        type=claim_type, sent_start=sent.start_char, sent_end=sent.end_char,
        anchor=(start, max(end, start + 1)), subject=subject, confidence=0.85,
        pattern=f"{claim_type}:{pattern.id}",
    )
