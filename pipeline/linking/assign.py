"""Role assignment for a figure: its subject and object, by the rules (the verb's subject, an
anaphor's referent, a possessor, the nearest name) and, where the trained models run, by ranking
every plausible candidate (:mod:`pipeline.roles`)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.linking.attribution import speaker_entities
from pipeline.linking.discourse import anaphor, company_description, describes_company
from pipeline.linking.draft import DraftClaim
from pipeline.linking.parse import (
    best_entity_in,
    coordinated_ref,
    entities_inside,
    entity_at,
    entity_ref,
    headed_ref,
    phrase_ref,
    subject_phrase,
    subject_token,
    thing_in,
)
from pipeline.linking.sentence import Sentence
from pipeline.records import EntityRef
from pipeline.roles import NO_ENTITY, Candidate, describe, possessors_of, sentence_features, unique

#: labels of figures and times, never a recipient ('rose 16.5% to NT$592.64 billion')
_FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "DATE", "TIME"})

#: the claim types a giving verb's first object receives ('hands CoreWeave control of 1.3 gigawatts' is no gift)
_GIVEN_TYPES = frozenset({"money", "percent", "count"})

#: what the subject search's answers mean, in the words of the record's provenance
_SUBJECT_RULES = {"parse": "parse subject or possessor", "anaphora": "antecedent of a pronoun or description",
                  "nearest": "nearest entity before the figure"}


def assign_subject(claim: DraftClaim, s: Sentence, span: Span, verb: Token | None) -> Span | None:
    """Set the figure's subject, confidence and provenance; the subject's span when it is in the sentence."""
    ctx, lex = s.ctx, s.lex
    subject_ref, subject_span, how = _subject(s, span, verb, claim.type)
    if subject_ref is None and ctx.last_subject is not None:
        subject_ref, how = ctx.last_subject, "last subject"
    elif subject_ref is None and ctx.last_org is not None:
        subject_ref, how = entity_ref(ctx.last_org), "first company"
    # described only where the model runs; its training asks for them through the same call
    if lex.subject_model is not None or lex.collect_candidates:
        claim.candidates = _subject_candidates(s, span, verb, claim.type, subject_ref, how)
    if lex.subject_model is not None and claim.candidates:
        best, note = lex.subject_model.choose(claim.candidates, "subject")
        if best.ref.canonical.casefold() != (subject_ref.canonical.casefold() if subject_ref else ""):
            subject_ref, subject_span = best.ref, best.span
            how = best.source if best.source in ("last subject", "first company") else "model"
        claim.rules.append(note)
    if subject_ref is not None and how not in ("last subject", "first company"):
        claim.subject = subject_ref
        claim.confidence = {"parse": 0.8, "anaphora": 0.7}.get(how, 0.6)
        claim.rules.append(f"subject:{_SUBJECT_RULES.get(how, how)}")
    elif subject_ref is not None and how == "last subject":
        claim.subject = subject_ref
        claim.confidence = 0.5
        claim.warnings.append("subject carried over from an earlier sentence")
        claim.rules.append("subject:carried over from an earlier sentence")
    elif subject_ref is not None:
        claim.subject = subject_ref
        claim.confidence = 0.45
        claim.warnings.append("subject: the first company the article names")
        claim.rules.append("subject:the article's first company")
    else:
        claim.confidence = 0.4
        claim.warnings.append("no subject found")
        claim.rules.append("subject:none found")
    return subject_span


def assign_object(claim: DraftClaim, s: Sentence, span: Span, verb: Token | None, subject_span: Span | None
                  ) -> Span | None:
    """Set the figure's object (a recipient, what it buys or funds); the rules' span, for the predicate."""
    lex = s.lex
    recipient = _recipient(verb, s, span, exclude=subject_span) if claim.type in _GIVEN_TYPES else None
    obj = None if recipient is not None else _object(verb, s, exclude=subject_span, value_root=span.root,
                                                     money=claim.type == "money")
    if recipient is not None:
        claim.object = recipient
        claim.rules.append("object:first object of a giving verb")
    elif obj is not None:
        claim.object = entity_ref(obj)
        claim.rules.append("object:parse object of the governing verb")
    elif (described := _described_object(verb, s, span)) is not None:
        claim.object = described
        claim.rules.append("object:what a description before the figure refers to")
    if lex.object_model is not None or lex.collect_candidates:
        claim.object_candidates = _object_candidates(s, span, verb, claim)
    if lex.object_model is not None and claim.object_candidates:
        best, note = lex.object_model.choose(claim.object_candidates, "object")
        chosen = None if best.source == "none" else best.ref
        if (chosen.canonical if chosen else None) != (claim.object.canonical if claim.object else None):
            claim.object = chosen
            claim.rules = [r for r in claim.rules if not r.startswith("object:")]
            claim.rules.append("object:model" if chosen is not None else "object:none (model)")
        claim.rules.append(note)
    return obj


def _subject(s: Sentence, span: Span, verb: Token | None, claim_type: str
             ) -> tuple[EntityRef | None, Span | None, str]:
    """Who the figure is about: the verb's subject, an anaphor's referent, a possessor, or a guess."""
    sent, ents, ctx, data = s.sent, s.ents, s.ctx, s.lex.data
    speakers = ctx.speakers if ctx.speakers is not None else speaker_entities(sent, ents, ctx, data)
    ctx.speakers = speakers
    pool = [e for e in ents if e not in speakers]
    prefer_product = claim_type == "quantity"
    subj = subject_token(verb) if verb is not None else None
    if subj is not None:
        found = best_entity_in(subj, pool, prefer_product)
        if found is not None and not describes_company(subj, found, data):
            return coordinated_ref(subj, found, pool), found, "parse"
        referent = anaphor(subj, ctx, data)
        if referent is not None:
            return referent, None, "anaphora"
    for tok in span.root.ancestors:  # a possessor on the value's noun phrase: "Nvidia's revenue of $35.1bn"
        for child in tok.children:
            if child.dep_ == "poss":
                found = best_entity_in(child, pool, prefer_product)
                if found is not None:
                    return entity_ref(found), found, "parse"
                referent = anaphor(child, ctx, data)  # "its operating profit", "the company's revenue"
                if referent is not None:
                    return referent, None, "anaphora"
    if prefer_product:
        products = [e for e in pool if e.label_ == "PRODUCT"]
        if products:
            return entity_ref(products[0]), products[0], "nearest"
        if ctx.last_product is not None:
            return entity_ref(ctx.last_product), None, "anaphora"
    before = [e for e in pool if e.end <= span.start]
    for labels in (("ORG", "PRODUCT"), ("GPE", "NORP", "LOC")):
        ranked = [e for e in before if e.label_ in labels]
        if ranked:
            return entity_ref(ranked[0]), ranked[0], "nearest"
    # "Revenue rose 66 per cent, Nvidia said": the speaker is also who the figure is about
    own = [e for e in speakers if e.label_ in ("ORG", "PRODUCT")]
    if own:
        return entity_ref(own[0]), own[0], "nearest"
    return None, None, "none"


def _object(verb: Token | None, s: Sentence, exclude: Span | None, value_root: Token | None = None,
            money: bool = False) -> Span | None:
    """The recipient or counterparty: 'to X' on the verb or on the value's noun phrase."""
    if verb is None:
        return None
    ents, data = s.ents, s.lex.data
    preps = [c for c in verb.children
             if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in data.object_preps)]
    if value_root is not None:
        preps += [t for t in value_root.subtree if t.dep_ == "prep" and t.lower_ == "to"]
        # 'up to $1.6 billion for Texas Instruments': a company right after the figure, not one deeper in
        # a clause ('twice the amount used for Qwen2.5') or a phrase ('for AI projects in France'); only
        # money goes to someone ('34 per cent for Samsung' is Samsung's share)
        after = value_root.doc[value_root.i + 1] if money and value_root.i + 1 < len(value_root.doc) else None
        if after is not None and after.dep_ == "prep" and after.lower_ in data.object_preps:
            named = [entity_at(c, ents) for c in after.children if c.dep_ == "pobj"]
            if named and named[0] is not None and named[0].label_ in ("ORG", "PRODUCT") and named[0] != exclude:
                return named[0]
    for prep in preps:
        for tok in prep.subtree:
            found = entity_at(tok, ents)
            if found is not None and found != exclude and not _is_figure(found, s):
                return found
    if data.event_triggers.get(verb.lemma_.lower()) == "investment":
        # 'invest up to $100bn in OpenAI': what is funded, when it is named ('in Germany' is a place);
        # the parser hangs the 'in' on the verb or on the figure
        for prep in [*verb.children, *(value_root.children if value_root is not None else ())]:
            if prep.dep_ == "prep" and prep.lower_ in data.investment_object_preps:
                found = next((e for e in (entity_at(t, ents) for t in prep.subtree)
                              if e is not None and e != exclude and e.label_ in ("ORG", "PRODUCT")), None)
                if found is not None:
                    return found
    if value_root is not None and data.event_triggers.get(verb.lemma_.lower()) == "acquisition" and any(
            c.dep_ == "prep" and c.lower_ in data.acquisition_price_preps
            and c.left_edge.i <= value_root.i <= c.right_edge.i for c in verb.children):
        # 'bought Arm for $32 billion', 'VMware, which Broadcom acquired for $69 billion'
        bought = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if bought is not None and bought.tag_ == "WDT" and verb.dep_ == "relcl":
            bought = verb.head
        found = thing_in(bought, ents) if bought is not None else None
        if found is not None and found != exclude and found.label_ in ("ORG", "PRODUCT"):
            return found
    return None


def _recipient(verb: Token | None, s: Sentence, span: Span, exclude: Span | None) -> EntityRef | None:
    """Who a giving verb's figure goes to: its first object, before the figure ('give Rapidus up to 802.5
    billion yen', 'fined Apple €500 million and Meta €200 million', 'handed the company 46.5 billion yen')."""
    if verb is None or not {verb.lemma_.lower(), verb.lower_} & s.lex.data.recipient_verbs:
        return None
    ents = s.ents
    before = next((e for e in ents if e.end == span.start and e.root.head.i in range(span.start, span.end)), None)
    if before is not None and before != exclude and not _is_figure(before, s):
        return entity_ref(before)  # the parser reads 'Apple €500 million' as one noun phrase
    for child in verb.children:
        if child.dep_ not in ("dobj", "dative") or child.i >= span.start or span.start <= child.i < span.end:
            continue
        found = entity_at(child, ents)
        if found is not None and found != exclude and not _is_figure(found, s):
            return entity_ref(found)
        inside = [e for e in entities_inside(child, ents) if e.end <= child.i and not _is_figure(e, s)]
        if inside:
            return headed_ref(inside[-1], child)
        # a description, not a pronoun: 'giving it a 24.1 per cent share' is the subject's own share
        return _company_referent(child, s) if company_description(child, s.lex.data) else None
    return None


def _is_figure(ent: Span, s: Sentence) -> bool:
    """A figure or a time, never a recipient ('rose 16.5% to NT$592.64 billion', even where the tagger
    calls the amount an event)."""
    return ent.label_ in _FIGURE_LABELS or any(v.start < ent.end and ent.start < v.end for v in s.values)


def _described_object(verb: Token | None, s: Sentence, span: Span) -> EntityRef | None:
    """A recipient written as a description: 'the total the government has committed to the chipmaker'."""
    if verb is None:
        return None
    data = s.lex.data
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in data.object_preps and prep.i < span.start:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and company_description(pobj, data):
                return _company_referent(pobj, s)
    return None


def _company_referent(tok: Token, s: Sentence) -> EntityRef | None:
    """The company a description or pronoun in object position means: the last subject when that is a
    company (an object is seldom the country or ministry that gives), else the last company named."""
    ctx = s.ctx
    ref = anaphor(tok, ctx, s.lex.data)
    if ref is not None and ref.label not in ("ORG", "PRODUCT") and ctx.last_org is not None:
        return entity_ref(ctx.last_org)
    return ref


def _subject_candidates(s: Sentence, span: Span, verb: Token | None, claim_type: str,
                        rule_pick: EntityRef | None, rule_how: str) -> list[Candidate]:
    """Every plausible subject of the figure: the sentence's entities, the rules' pick, and what the
    discourse remembers (the last subject, the article's first company, the last product)."""
    sent, ctx = s.sent, s.ctx
    subject_tok = subject_token(verb) if verb is not None else None
    speakers = ctx.speakers or []
    own = [e for e in s.ents if e.end <= span.start or e.start >= span.end]
    first = own[0] if own else None
    possessors = possessors_of(span)
    found = [Candidate(entity_ref(e), "sentence", e, sentence_features(e, span, verb, subject_tok, speakers, first,
                                                                      possessors, sent.start)) for e in own]
    phrase = subject_phrase(subject_tok, own, span)
    if phrase is not None:
        # a description the rules resolved ('the Beijing-based chip designer'): as written, and by the
        # canonical name of what it refers back to
        resolved = rule_pick if rule_how == "anaphora" else None
        ref = phrase_ref(phrase.root, lambda _: False) if resolved is None else EntityRef(
            text=phrase.text, canonical=resolved.canonical, label=resolved.label, start=phrase.start_char,
            end=phrase.end_char)
        found.append(Candidate(ref, "noun phrase", phrase,
                               {**sentence_features(phrase, span, verb, subject_tok, speakers, first,
                                                    possessors, sent.start),
                                f"np_head={phrase.root.lemma_.lower()}": 1.0,
                                **({"np_company_noun": 1.0} if phrase.root.lemma_.lower() in s.lex.data.company_nouns
                                   else {})}))
    if rule_pick is not None:
        found.append(Candidate(rule_pick, "rule", None, {"not_in_sentence": 1.0}))
    remembered = ((ctx.last_subject, "last subject"),
                  (entity_ref(ctx.last_org) if ctx.last_org is not None else None, "first company"),
                  (entity_ref(ctx.last_product) if ctx.last_product is not None else None, "last product"))
    found += [Candidate(ref, source, None, {"not_in_sentence": 1.0, "no_sentence_entities": float(not own)})
              for ref, source in remembered if ref is not None]
    return [describe(c, claim_type, rule_pick, rule_how, ctx.last_subject) for c in unique(found)]


def _object_candidates(s: Sentence, span: Span, verb: Token | None, claim: DraftClaim) -> list[Candidate]:
    """Every plausible object of the figure (a recipient, what it buys or funds): the sentence's
    entities other than the subject, and none at all, which most figures have."""
    sent = s.sent
    subject_tok = subject_token(verb) if verb is not None else None
    speakers = s.ctx.speakers or []
    subject = claim.subject.canonical.casefold() if claim.subject is not None else None
    own = [e for e in s.ents if (e.end <= span.start or e.start >= span.end)
           and (e._.canonical or e.text).casefold() != subject]
    first = own[0] if own else None
    possessors = possessors_of(span)
    found = [Candidate(entity_ref(e), "sentence", e, sentence_features(e, span, verb, subject_tok, speakers, first,
                                                                      possessors, sent.start)) for e in own]
    rule = claim.object
    found.append(Candidate(NO_ENTITY, "none", None, {"none": 1.0, f"none_type={claim.type}": 1.0,
                                                      "none_rules_none": float(rule is None),
                                                      "none_no_entities": float(not own)}))
    return [describe(c, claim.type, rule, "parse", None) for c in unique(found)]
