"""Ranking frames: 'the world's third-largest AI market', 'ranked No. 2 by revenue', and 'both the
highest totals in the country' shared by the figures before it. From the regex frames over the
masked sentence and from the parse patterns in ``models/patterns/dependency.json``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.linking.discourse import Discourse, anaphor
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.masked import clean_phrase, frame_claim, frame_subject, group, masked_to_char
from pipeline.linking.parse import entity_at, entity_ref, name_before, phrase_ref, possessor
from pipeline.linking.sentence import Sentence
from pipeline.records import EntityRef


def masked_rankings(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """Rankings of the regex frames that name their subject."""
    out: list[DraftClaim] = []
    masked, data = s.masked, s.lex.data
    if not masked.ents:
        return out
    for pattern in data.rankings:
        if "subject" not in pattern.regex.groupindex or not pattern.may_match(masked.lowered):
            continue
        for m in pattern.regex.finditer(masked.text):
            subject = frame_subject(masked, m, s.ctx, data)
            if subject is None:
                continue
            claim = frame_claim("ranking", masked, subject, pattern, m)
            rankword = (group(m, "rankword") or "").lower()
            claim.rank = rank_of(rankword, s.lex)
            category = clean_phrase(masked.plain(group(m, "category")))
            if category and not any(word in rankword for word in s.lex.dependency.generic_superlatives) \
                    and not rankword.startswith("no"):
                category = f"{rankword} {category}"  # the measure is part of the rank: 'fastest supercomputer'
            by = clean_phrase(masked.plain(group(m, "by")))
            claim.category = f"{category} by {by}" if category and by else category
            claim.scope = clean_phrase(masked.plain(group(m, "scope") or group(m, "scope_pre")))
            streak = group(m, "streak")
            if streak:
                claim.streak = data.ordinals.get(streak.lower())
            claim.predicate = f"ranked {rankword}".strip()
            out.append(claim)
    return out


def parse_rankings(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """Rankings from the parse ('Britain is the world's third-largest AI market'), where no frame
    of the masked sentence already gave one for the same words."""
    out: list[DraftClaim] = []
    sent, ents = s.sent, s.ents
    taken = [c.anchor for c in found if c.type == "ranking"]
    for pattern, nodes in (m for m in s.parse if m[0].kind == "ranking"):
        category, superlative = nodes["category"], nodes["superlative"]
        rank = superlative_rank(superlative, s.lex) if category.pos_ in ("NOUN", "PROPN") else None
        if rank is None:
            continue
        start = min(t.idx for t in nodes.values())
        end = max(t.idx + len(t) for t in nodes.values())
        if any(a < end and start < b for a, b in taken):
            continue
        subject, confidence = _parse_subject(nodes["subject"], nodes.get("verb"), ents, s.ctx, s.lex)
        if subject is None:
            continue
        claim = DraftClaim(
            type="ranking", sent_start=sent.start_char, sent_end=sent.end_char, anchor=(start, end),
            subject=subject, rank=rank, category=_ranked_category(category, superlative, s.lex),
            scope=possessor(category, ents), predicate=f"ranked {superlative.lower_}",
            confidence=confidence, pattern=f"ranking:{pattern.id}",
        )
        out.append(claim)
        taken.append((start, end))
    return out


def shared_rankings(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    """'..., both the highest totals in the country': one ranking per figure before it."""
    out: list[DraftClaim] = []
    masked = s.masked
    for pattern in s.lex.data.rankings:
        if "subject" in pattern.regex.groupindex or not pattern.may_match(masked.lowered):
            continue
        for m in pattern.regex.finditer(masked.text):
            start = masked_to_char(masked, m.start())
            figures = [c for c in found if c.value is not None and c.anchor[1] <= start
                       and c.type in ("count", "money", "quantity") and c.subject is not None]
            for figure in figures:
                rankword = (group(m, "rankword") or "").lower()
                assert figure.value is not None
                out.append(DraftClaim(
                    type="ranking", sent_start=figure.sent_start, sent_end=figure.sent_end,
                    anchor=(figure.anchor[0], start + len(m.group(0))), subject=figure.subject,
                    rank=rank_of(rankword, s.lex), predicate=f"ranked {rankword}",
                    category=figure.value.counted or clean_phrase(masked.plain(group(m, "category"))),
                    scope=clean_phrase(masked.plain(group(m, "scope"))),
                    confidence=0.7, pattern=f"ranking:{pattern.id}",
                ))
    return out


def superlative_rank(word: Token, lex: Lexicon) -> int | None:
    """1 for 'largest', 'top' and 'most valuable', 3 for 'third-largest'; None for 'latest' or 'key'."""
    low = word.lower_
    dependency = lex.dependency
    if word.tag_ == "JJS":
        if low in dependency.not_rankings:
            return None
    elif low not in dependency.rank_adjectives and not any(
            c.lower_ in dependency.superlative_adverbs for c in word.children):
        return None
    for child in word.children:
        if child.dep_ in ("advmod", "amod", "npadvmod") and child.lower_ in lex.data.ordinals:
            return lex.data.ordinals[child.lower_]
    return 1


def rank_of(word: str, lex: Lexicon) -> int | None:
    word = word.replace("no. ", "no.").strip()
    if word.startswith("no."):
        digits = word[3:].strip()
        return int(digits) if digits.isdigit() else None
    return lex.data.rank_words.get(word)


def _ranked_category(noun: Token, superlative: Token, lex: Lexicon) -> str:
    """What is ranked: the noun with its modifiers after the superlative, and the superlative itself
    when it names the measure ('fastest supercomputer', 'most valuable AI company')."""
    doc = noun.doc
    dependency = lex.dependency
    first = superlative.i + 1
    if superlative.lower_ not in dependency.generic_superlatives:
        first = min([superlative.i] + [c.i for c in superlative.children
                                       if c.lower_ in dependency.superlative_adverbs])
    text = doc[first: noun.i + 1].text if first <= noun.i else noun.text
    after = [*noun.children, *(noun.head.children if noun.dep_ in ("attr", "oprd") else ())]
    by = next((c for c in after if c.i > noun.i and c.dep_ == "prep" and c.lower_ == "by"), None)
    if by is not None and by.right_edge.i > by.i:
        text += " " + doc[by.i: by.right_edge.i + 1].text
    return text


def _parse_subject(tok: Token, verb: Token | None, ents: list[Span], ctx: Discourse, lex: Lexicon
                   ) -> tuple[EntityRef | None, float]:
    """Who holds the rank: a named entity, what a pronoun or 'the company' refers to, or a plain noun."""
    own = entity_at(tok, ents)
    if own is not None:
        return entity_ref(own), 0.8
    if tok.pos_ == "PRON" and verb is not None and verb.dep_ in ("advcl", "xcomp", "conj"):
        # 'ASML put in EUR1.3bn, making it Mistral's largest shareholder': the main clause's subject,
        # else the nearest name before the pronoun
        head_subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = entity_at(head_subject, ents) if head_subject is not None else None
        found = found or name_before(tok, ents, ("PERSON", "GPE"), but=True)
        if found is not None:
            return entity_ref(found), 0.7
    referent = anaphor(tok, ctx, lex.data)
    if referent is not None:
        return referent, 0.65
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "dative":
        return phrase_ref(tok, lambda t: t.dep_ in ("det", "poss", "case")), 0.55
    return None, 0.0
