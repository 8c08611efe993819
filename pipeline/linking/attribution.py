"""The source role: who a sentence's figures are according to ('according to X', 'X said', a report
by X), and the last speaker carried into a quote that follows."""

from __future__ import annotations

from typing import cast

from spacy.tokens import Span, Token

from pipeline.linking.data import LinkingData
from pipeline.linking.discourse import Discourse, anaphor, company_description, cue_tokens_of, full_name
from pipeline.linking.masked import strip_possessive_phrase
from pipeline.linking.parse import (
    PLACE_LABELS,
    entities_inside,
    entity_at,
    entity_in,
    entity_ref,
    name_before,
    sentence_text,
    strip_det,
    subject_token,
)
from pipeline.records import Source, SourceKind

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def attribution(sent: Span, ents: list[Span], ctx: Discourse, data: LinkingData) -> Source | None:
    source = _according_to(sent, ents, ctx, data) or _speech(sent, ents, ctx, data)
    if source is not None:
        ctx.last_speaker = source
        return source
    text = sentence_text(sent).lstrip()
    if text[:1] in ("“", '"') and ctx.last_speaker is not None:
        return ctx.last_speaker.model_copy(update={"kind": "quote"})
    return None


def speaker_entities(sent: Span, ents: list[Span], ctx: Discourse, data: LinkingData) -> list[Span]:
    """Entities that only say something ('CNBC reported'): never the subject of a figure."""
    out = []
    for tok in cue_tokens_of(sent, ctx):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in data.speech_verbs:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                found = entity_in(subj, ents)
                if found is not None:
                    out.append(found)
        if tok.lower_ == "according":
            out.extend(e for e in ents if e.start > tok.i and e.start <= tok.i + 6)
    return out


def _according_to(sent: Span, ents: list[Span], ctx: Discourse, data: LinkingData) -> Source | None:
    for tok in cue_tokens_of(sent, ctx):
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            nxt = tok.nbor(1) if tok.i + 1 < sent.end else None
            prep = to or (nxt if nxt is not None and nxt.lower_ == "to" else None)
            if prep is None:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            return _report_source(pobj, ents, ctx, data)
        if tok.lower_ in data.report_by_nouns and tok.dep_ in ("nsubj", "pobj"):
            by = next((c for c in tok.children if c.lower_ == "by"), None)
            if by is not None:
                found = next((entity_in(c, ents) for c in by.children if c.dep_ == "pobj"), None)
                if found is not None:
                    return Source(text=found._.canonical or found.text, kind="report")
    return None


def _report_source(pobj: Token, ents: list[Span], ctx: Discourse, data: LinkingData) -> Source:
    """'a DeepSeek study' -> 'DeepSeek study'; 'research by DeepSeek published ...' -> 'DeepSeek';
    'chief financial officer Wendell Huang' -> 'Wendell Huang'; 'the company' -> the company meant."""
    person = entity_at(pobj, ents)
    if person is not None and person.label_ == "PERSON":
        return _person_source(person, ents, kind="according_to")
    maker = _maker(pobj, ents, ctx, data)
    if maker is not None:
        return Source(text=maker, kind="according_to")
    company = _company_referent(pobj, ctx, data) if _company_phrase(pobj, data) else None
    if company is not None:
        return Source(text=company, kind="according_to")
    if pobj.lemma_.lower() in data.report_nouns:
        for prep in pobj.children:
            if prep.lower_ == "by":
                found = next((entity_in(c, ents) for c in prep.children if c.dep_ == "pobj"), None)
                if found is not None:
                    return Source(text=found._.canonical or found.text, kind="according_to")
    skip: set[int] = set()
    for child in pobj.children:
        if child.dep_ in ("acl", "relcl", "punct", "appos") and child.i > pobj.i:
            skip.update(t.i for t in child.subtree)
    words = [t for t in pobj.subtree if t.i not in skip]
    phrase = pobj.doc[words[0].i: words[-1].i + 1].text if words else pobj.text
    return Source(text=strip_det(strip_possessive_phrase(phrase)).strip(" ,"), kind="according_to")


def _maker(head: Token, ents: list[Span], ctx: Discourse, data: LinkingData) -> str | None:
    """Who made the figures of 'PitchBook data', 'estimates from TrendForce', 'results published by the
    company', 'the company's own figures': the gold names the maker, not the figures."""
    if head.lower_ not in data.maker_nouns:
        return None
    found = entity_in(head, ents)
    if found is not None and found.label_ in SPEAKER_LABELS:
        return str(found._.canonical or found.text)
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners += [t for c in head.children if c.dep_ in ("acl", "prep") for t in c.subtree
               if t.dep_ == "pobj" and t.head.lower_ in ("by", "from")]
    for owner in owners:
        if _company_phrase(owner, data):
            return _company_referent(owner, ctx, data)
    return None


def _company_referent(tok: Token, ctx: Discourse, data: LinkingData) -> str | None:
    """The company 'it' or 'the company' means as a source: a speaker is no product."""
    referent = anaphor(tok, ctx, data)
    if referent is not None and referent.label == "ORG":
        return referent.canonical or referent.text
    return str(ctx.last_org._.canonical or ctx.last_org.text) if ctx.last_org is not None else None


def _company_phrase(tok: Token, data: LinkingData) -> bool:
    """'it', 'the company', 'the research firm': a phrase that refers back to a company."""
    phrase = tok.doc[tok.left_edge.i: tok.i + 1].text
    return (tok.lower_ in data.company_pronouns or phrase in data.company_anaphora
            or company_description(tok, data))


def _reports_a_clause(verb: Token) -> bool:
    """'X said (that) revenue rose', 'revenue rose, X said': speech that reports a clause. 'TSMC expects
    revenue of $33bn', 'Apple reported a 6% rise', 'the node added 34%' report no one's words."""
    if verb.dep_ in ("parataxis", "advcl") and not any(c.dep_ == "dobj" for c in verb.children):
        return True  # '..., a person familiar with the arrangement said on Monday.' parsed as a clause
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _speech(sent: Span, ents: list[Span], ctx: Discourse, data: LinkingData) -> Source | None:
    for tok in cue_tokens_of(sent, ctx):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in data.speech_verbs or not _reports_a_clause(tok):
            continue
        subj = subject_token(tok)
        if subj is None:
            continue
        if subj.text in data.pronouns_person:
            if ctx.last_person is not None:
                return _person_source(ctx.last_person, ents, kind="said", ctx=ctx)
            continue
        if subj.lower_ in data.company_pronouns:  # 'a model it says outperforms ...', '..., it said'
            referred = _company_referent(subj, ctx, data)
            if referred is not None:
                return Source(text=referred, kind=_speech_kind(tok, data))
            continue
        maker = _maker(subj, ents, ctx, data)
        if maker is not None:
            return Source(text=maker, kind=_speech_kind(tok, data))
        found = entity_in(subj, ents)
        person = next((e for e in entities_inside(subj, ents) if e.label_ == "PERSON"), None)
        if found is not None and found.label_ == "ORG" and person is not None:
            found = person  # 'Founder and chief executive Lei Jun', 'Meta's chief ... officer, Joel Kaplan'
        if company_description(subj, data) and (found is None or found.label_ in PLACE_LABELS):
            # '..., the Beijing-based company said': the company named before, not Beijing
            company = name_before(subj, ents, ("ORG",))
            referent = entity_ref(company) if company is not None else anaphor(subj, ctx, data)
            if referent is not None:
                return Source(text=referent.canonical or referent.text, kind=_speech_kind(tok, data))
        if found is not None and found.label_ in SPEAKER_LABELS:
            if found.label_ == "PERSON":
                return _person_source(found, ents, kind=_speech_kind(tok, data), appos_of=subj)
            return Source(text=found._.canonical or found.text, kind=_speech_kind(tok, data))
        if subj.pos_ in ("NOUN", "PROPN") and subj.dep_ != "expl":
            phrase = sent.doc[subj.left_edge.i: subj.i + 1].text
            if phrase in data.company_anaphora and ctx.last_org is not None:
                org = ctx.last_org
                return Source(text=org._.canonical or org.text, kind=_speech_kind(tok, data))
            return Source(text=strip_det(phrase), kind=_speech_kind(tok, data))
    return None


def _speech_kind(verb: Token, data: LinkingData) -> SourceKind:
    kind = data.speech_kinds.get(verb.lemma_.lower(), "said")
    return cast(SourceKind, kind)


def _person_source(person: Span, ents: list[Span], kind: SourceKind, appos_of: Token | None = None,
                   ctx: Discourse | None = None) -> Source:
    """The person as the sentence names them; a pronoun's referent (``ctx`` given) by their full name."""
    role = organisation = None
    head = appos_of if appos_of is not None else person.root
    for child in head.children:
        if child.dep_ == "appos":
            role_tokens = [t for t in child.subtree if t.dep_ not in ("punct",)]
            org = next((e for e in ents if e.label_ in ("ORG", "GPE") and any(
                e.start <= t.i < e.end for t in role_tokens)), None)
            role = child.text if child.pos_ == "NOUN" else None
            if org is not None:
                organisation = org._.canonical or org.text
    name = person._.canonical or person.text
    return Source(text=full_name(name, ctx) if ctx is not None else name, kind=kind, role=role,
                  organisation=organisation)
