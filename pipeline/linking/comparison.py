"""Comparison frames: 'the MI300X matches the H100', '60 per cent of Nvidia's revenue', 'three
times faster than V2', 'outperformed X and Y'. From the regex frames over the masked sentence,
the parse patterns in ``models/patterns/dependency.json`` and a figure that is a multiple."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.linking.discourse import Discourse, anaphor
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.masked import Masked, clean_phrase, frame_claim, frame_subject, group
from pipeline.linking.modality import hedge_in
from pipeline.linking.parse import (
    entity_at,
    entity_in,
    entity_ref,
    name_before,
    phrase_ref,
    subject_token,
    thing_in,
)
from pipeline.linking.sentence import Sentence
from pipeline.numbers.values import value_of
from pipeline.records import EntityRef, Value


def masked_comparisons(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """Comparisons of the regex frames; the figures they use get no value claim of their own."""
    out: list[DraftClaim] = []
    masked, data, used_values = s.masked, s.lex.data, s.used_values
    taken: list[tuple[int, int]] = []
    if len(masked.ents) < 2:
        return out
    for pattern in data.comparisons:
        if not pattern.may_match(masked.lowered):
            continue
        for m in pattern.regex.finditer(masked.text):
            if any(m.start() < e and s_ < m.end() for s_, e in taken):
                continue
            subject = frame_subject(masked, m, s.ctx, data)
            obj = masked.head_entity(m.group("object"))
            if subject is None or obj is None or subject.start == obj.start_char:
                continue
            value_span = masked.value(group(m, "value"))
            claim = frame_claim("comparison", masked, subject, pattern, m)
            claim.object = entity_ref(obj)
            claim.relation = _relation(pattern.relation, m)
            claim.metric = clean_phrase(masked.plain(group(m, "metric")))
            claim.scope = clean_phrase(masked.plain(group(m, "scope")))
            if value_span is not None:
                used_values.add(value_span.start)
                claim.value, claim.hedge = _comparison_value(value_span, m, claim.relation, s.lex)
                claim.anchor = (value_span.start_char, value_span.end_char)
            claim.predicate = claim.relation.replace("_", " ") if claim.relation else None
            out.append(claim)
            coordinated, end = _coordinated_objects(masked, m, claim, s.lex)
            out.extend(coordinated)
            taken.append((m.start(), max(m.end(), end)))
            second = masked.value(group(m, "value2"))
            if second is not None:
                used_values.add(second.start)
                extra = frame_claim("comparison", masked, subject, pattern, m)
                extra.object, extra.relation, extra.predicate = claim.object, claim.relation, claim.predicate
                extra.metric = clean_phrase(masked.plain(group(m, "metric2")))
                extra.value, extra.hedge = _comparison_value(second, m, claim.relation, s.lex)
                extra.anchor = (second.start_char, second.end_char)
                out.append(extra)
    return out


def _coordinated_objects(masked: Masked, m: re.Match[str], claim: DraftClaim, lex: Lexicon
                         ) -> tuple[list[DraftClaim], int]:
    """'outperformed Meta's Llama 3.1 405B and Alibaba's Qwen2.5-72B': one claim per object."""
    out: list[DraftClaim] = []
    pos = m.end("object")
    while (more := lex.data.coordination.match(masked.text, pos)) is not None:
        obj = masked.head_entity(more.group("object"))
        if obj is None:
            break
        out.append(claim.model_copy(update={"object": entity_ref(obj), "warnings": list(claim.warnings),
                                            "anchor": (obj.start_char, obj.end_char)}))
        pos = more.end()
    return out, pos


def _relation(relation: str | None, m: re.Match[str]) -> str | None:
    if relation and "{rel}" in relation:
        rel = (group(m, "rel") or "").replace(" ", "_")
        relation = relation.replace("{rel}", rel)
    return relation


def _comparison_value(span: Span, m: re.Match[str], relation: str | None, lex: Lexicon
                      ) -> tuple[Value, str | None]:
    """'60 per cent of' and '1.8 times the ... of' are ratios; 'three times faster' stays a multiple."""
    mention = span._.value
    value: Value = mention.value
    if relation == "ratio_of" and value.unit in (None, "percent", "multiple"):
        value = value_of({**value.model_dump(), "unit": "ratio", "kind": "share"})  # validated, as every value
    hedge = mention.hedge or hedge_in(m.group(0)[: m.start("value") - m.start()], lex.data.hedges)
    return value, hedge


def parse_comparisons(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """Comparisons without a figure from the parse ('the model outperformed X and Y', 'on par with X',
    'well behind X'), for objects no frame of the masked sentence already compared."""
    out: list[DraftClaim] = []
    matches = [m for m in s.parse if m[0].kind == "comparison"]
    if not matches:
        return out
    sent, ents = s.sent, s.ents
    compared = {c.object.canonical for c in found if c.type == "comparison" and c.object is not None}
    value_tokens = {i for v in s.values for i in range(v.start, v.end)}
    for pattern, nodes in matches:
        trigger = nodes["trigger"]
        relation = pattern.relation
        if relation == "{verb}":
            relation = s.lex.dependency.comparison_verbs.get(trigger.lemma_.lower())
        heads = [nodes["object"], *nodes["object"].conjuncts]
        objects = [o for o in heads if o.pos_ != "PRON" and (
            entity_at(o, ents) is not None or (o.i not in value_tokens and not o.like_num))]
        if not objects:
            continue
        subject, confidence = _comparison_subject(trigger, objects, ents, s.ctx, s.lex)
        if subject is None:
            continue
        for tok in objects:
            obj = _object_ref(tok, ents, s.lex)
            if obj.canonical in compared or obj.canonical == subject.canonical:
                continue
            compared.add(obj.canonical)
            out.append(DraftClaim(
                type="comparison", sent_start=sent.start_char, sent_end=sent.end_char,
                anchor=(trigger.idx, tok.idx + len(tok)), subject=subject, object=obj, relation=relation,
                predicate=relation.replace("_", " ") if relation else None,
                confidence=confidence if obj.label != "NP" else min(confidence, 0.55),
                pattern=f"comparison:{pattern.id}",
            ))
    return out


def _comparison_subject(trigger: Token, objects: list[Token], ents: list[Span], ctx: Discourse, lex: Lexicon
                        ) -> tuple[EntityRef | None, float]:
    """What is compared: an entity the verb acts on before the trigger ('leaves Anthropic behind'), else
    the clause subject, a pronoun's or 'the model''s referent."""
    verb: Token | None = trigger
    while verb is not None and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head if verb.head.i != verb.i else None  # Token objects are new on each access: compare indices
    if verb is None:
        return None, 0.0
    object_ids = {o.i for o in objects}
    for child in verb.children:
        if child.dep_ == "dobj" and child.i < trigger.i and child.i not in object_ids:
            found = entity_at(child, ents)
            if found is not None:
                return entity_ref(found), 0.7
    subj = subject_token(verb)
    if subj is None:
        return None, 0.0
    found = entity_in(subj, ents)
    if found is not None and not any(found.start <= i < found.end for i in object_ids):
        return entity_ref(found), 0.75
    named = name_before(subj, ents, ("ORG", "PRODUCT")) if subj.pos_ == "PRON" else None
    if named is not None:
        return entity_ref(named), 0.6
    return anaphor(subj, ctx, lex.data), 0.6


def _object_ref(tok: Token, ents: list[Span], lex: Lexicon) -> EntityRef:
    """The entity a phrase names, else the phrase itself without its determiner or owner ('leading US
    systems', 'GPT-4.1' in "OpenAI's GPT-4.1")."""
    found = thing_in(tok, ents)
    if found is not None and tok.dep_ != "poss" and any(t.dep_ == "poss" and found.start <= t.i < found.end
                                                        for t in tok.children):
        found = None  # only the owner is named
    if found is not None:
        return entity_ref(found)
    owners = lex.dependency.phrase_owner_words
    return phrase_ref(tok, lambda t: t.dep_ in ("det", "case", "poss") or t.lower_ in owners
                      or t.head.dep_ == "poss")

