"""Event frames: a trigger verb from ``models/patterns/linking.json`` ('launched', 'acquired',
'invested', 'opened'), its actor and the thing it acts on."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span, Token

from pipeline.linking.data import LinkingData
from pipeline.linking.discourse import Discourse, anaphor, cue_tokens_of, describes_company
from pipeline.linking.draft import DraftClaim
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.modality import modality
from pipeline.linking.parse import (
    PLACE_LABELS,
    coordinated_ref,
    entity_at,
    entity_in,
    entity_ref,
    name_before,
    noun_phrase_object,
    phrase_ref,
    subject_token,
    thing_in,
)
from pipeline.linking.sentence import Sentence
from pipeline.records import EntityRef


def events(s: Sentence, found: list[DraftClaim]) -> list[DraftClaim]:
    out: list[DraftClaim] = []
    sent, ents, values, ctx, data = s.sent, s.ents, s.values, s.ctx, s.lex.data
    for tok in cue_tokens_of(sent, ctx):
        kind = data.event_triggers.get(tok.lemma_.lower())
        if kind is None or tok.pos_ not in ("VERB",):
            continue
        particle = data.event_particles.get(tok.lemma_.lower())
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
            continue
        if tok.lemma_.lower() in data.event_needs_money and not any(
            v._.value is not None and v._.value.kind == "money" and tok in v.root.ancestors or
            (v._.value is not None and v._.value.kind == "money" and v.root.head == tok)
            for v in values
        ):
            continue
        lemma = tok.lemma_.lower()
        if _acts_on(tok, data.event_not_objects):
            continue
        actor_ref: EntityRef | None = None
        if lemma in data.event_thing_subject and not any(c.dep_ == "dobj" for c in tok.children):
            subj = subject_token(tok)  # 'the plant opened', not 'TSMC opened a plant'
            thing = entity_in(subj, ents) if subj is not None else None
            actor = _maker_in_context(thing, ents, ctx, s.lex) if thing is not None else None
        else:
            actor, thing = _event_roles(tok, ents)
            if actor is None:
                actor_ref = _event_actor(tok, ents, ctx, s.lex)
        subj = subject_token(tok)
        if actor is not None and subj is not None and _qualifies(subj, actor, data):
            actor_ref, actor = _qualified_actor(subj, ctx, data), None
        if actor is not None:
            actor_ref = coordinated_ref(actor.root, actor, ents)
        thing_ref = entity_ref(thing) if thing is not None else noun_phrase_object(tok, data.event_generic_objects)
        if actor_ref is None and thing_ref is None:
            continue
        if lemma in data.event_needs_object and thing_ref is None:
            continue
        claim = DraftClaim(
            type="event", sent_start=sent.start_char, sent_end=sent.end_char,
            anchor=(tok.idx, tok.idx + len(tok.text)), event_kind=kind,
            predicate=" ".join([tok.text] + [c.text for c in tok.children if c.dep_ == "prt"]),
            confidence=0.75 if actor_ref is not None and thing_ref is not None else 0.55,
            pattern=f"event:{tok.lemma_.lower()}",
        )
        claim.subject = actor_ref
        claim.object = thing_ref
        claim.rules += [f"subject:event actor ({'parse' if actor is not None else 'context'})"] if actor_ref else []
        claim.rules += ["object:event thing"] if thing_ref is not None else []
        claim.modality = modality(tok, sent, s.lex)
        out.append(claim)
    return out


def _acts_on(verb: Token, words: Container[str]) -> bool:
    """'raised its dividend', 'spent $22.6 billion on capital expenditure': a figure, not an event."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in words:
            return True
        if child.dep_ == "prep" and child.lower_ == "on" and any(
                g.dep_ == "pobj" and g.lemma_.lower() in words for g in child.children):
            return True
    return False


def _qualifies(subj: Token, found: Span, data: LinkingData) -> bool:
    """The place in the subject only qualifies its head: 'the Idaho-based chipmaker', 'India's cabinet'."""
    if found.label_ not in PLACE_LABELS or found.start < subj.left_edge.i or found.end > subj.i:
        return False
    return describes_company(subj, found, data) or subj.lemma_.lower() in data.government_nouns


def _qualified_actor(subj: Token, ctx: Discourse, data: LinkingData) -> EntityRef | None:
    """The company a description refers back to; a government body as written ('the Dutch government')."""
    if subj.lemma_.lower() in data.government_nouns:
        return phrase_ref(subj, lambda t: t.dep_ == "det")
    return anaphor(subj, ctx, data)


def _maker_in_context(thing: Span, ents: list[Span], ctx: Discourse, lex: Lexicon) -> Span | None:
    """The company that makes a product, when the text names it nearby: 'Huawei ... the 950PR would arrive'."""
    gazetteer = lex.gazetteer
    entry = gazetteer.entries.get(thing.id_) if thing.id_ else None
    if entry is None or entry.maker is None:
        return None
    maker = gazetteer.entries[entry.maker].canonical
    for e in ents:
        if e._.canonical == maker:
            return e
    if ctx.last_org is not None and ctx.last_org._.canonical == maker:
        return ctx.last_org
    return None


def _event_actor(verb: Token, ents: list[Span], ctx: Discourse, lex: Lexicon) -> EntityRef | None:
    """The actor when the verb has no named subject of its own: 'JASM plans to begin', 'Google said it
    would invest ... and opened', 'the company released'."""
    subj = subject_token(verb)
    if subj is None:
        return None
    found = entity_in(subj, ents)
    if found is not None and _qualifies(subj, found, lex.data):
        return _qualified_actor(subj, ctx, lex.data)
    if found is not None and found.label_ != "PRODUCT":
        return entity_ref(found)
    named = name_before(subj, ents, ("ORG",)) if subj.pos_ == "PRON" else None
    if named is not None:
        return entity_ref(named)
    return anaphor(subj, ctx, lex.data)


def _event_roles(verb: Token, ents: list[Span]) -> tuple[Span | None, Span | None]:
    actor = thing = None
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        # "Huawei's Ascend 910C chips, rolled out earlier this year" / "tools launched by X"
        thing = entity_in(verb.head, ents)
        for tok in verb.head.subtree:
            if tok.dep_ == "poss":
                actor = entity_in(tok, ents)
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            actor = actor or entity_in(child, ents)
        elif child.dep_ in ("nsubjpass",):
            thing = thing or entity_in(child, ents)
        elif child.dep_ in ("dobj", "attr"):
            thing = thing or thing_in(child, ents)
        elif child.dep_ == "agent":
            actor = actor or entity_in(child, ents)
    if thing is None:
        # the small parser sometimes hangs a product name off the verb as advmod or npadvmod
        for child in verb.children:
            if child.dep_ not in ("nsubj", "agent", "prep") and child.i > verb.i:
                found = entity_at(child, ents)
                if found is not None and found.label_ == "PRODUCT":
                    thing = found
                    break
    if actor is not None and thing is None and actor.label_ == "PRODUCT":
        actor, thing = None, actor  # "Huawei's Ascend 910C chips, rolled out ...": the product is the thing
    if thing is not None and actor is None:
        for tok in thing.root.head.subtree:
            if tok.dep_ == "poss":
                actor = entity_at(tok, ents)
                break
    if actor is not None and thing is not None and actor == thing:
        thing = None
    return actor, thing
