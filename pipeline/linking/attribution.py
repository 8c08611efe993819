"""The source role: who a sentence's figures are according to ('according to X', 'X said', a report
by X), and the last speaker carried into a quote that follows."""

from __future__ import annotations

from typing import cast

from spacy.tokens import Span, Token

from pipeline.linking.data import LinkingData
from pipeline.linking.discourse import Discourse, anaphor, company_description, cue_tokens_of
from pipeline.linking.masked import strip_possessive_phrase
from pipeline.linking.parse import (
    PLACE_LABELS,
    entity_in,
    entity_ref,
    name_before,
    sentence_text,
    strip_det,
    subject_token,
)
from pipeline.records import Source, SourceKind


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
            return _report_source(pobj, ents, data)
        if tok.lower_ in data.report_by_nouns and tok.dep_ in ("nsubj", "pobj"):
            by = next((c for c in tok.children if c.lower_ == "by"), None)
            if by is not None:
                found = next((entity_in(c, ents) for c in by.children if c.dep_ == "pobj"), None)
                if found is not None:
                    return Source(text=found._.canonical or found.text, kind="report")
    return None


def _report_source(pobj: Token, ents: list[Span], data: LinkingData) -> Source:
    """'a DeepSeek study' -> 'DeepSeek study'; 'research by DeepSeek published ...' -> 'DeepSeek'."""
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


def _speech(sent: Span, ents: list[Span], ctx: Discourse, data: LinkingData) -> Source | None:
    for tok in cue_tokens_of(sent, ctx):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in data.speech_verbs:
            continue
        subj = subject_token(tok)
        if subj is None:
            continue
        if subj.text in data.pronouns_person:
            if ctx.last_person is not None:
                return _person_source(ctx.last_person, ents, kind="said")
            continue
        found = entity_in(subj, ents)
        if company_description(subj, data) and (found is None or found.label_ in PLACE_LABELS):
            # '..., the Beijing-based company said': the company named before, not Beijing
            company = name_before(subj, ents, ("ORG",))
            referent = entity_ref(company) if company is not None else anaphor(subj, ctx, data)
            if referent is not None:
                return Source(text=referent.canonical or referent.text, kind=_speech_kind(tok, data))
        if found is not None and found.label_ in ("PERSON", "ORG", "GPE", "NORP"):
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


def _person_source(person: Span, ents: list[Span], kind: SourceKind, appos_of: Token | None = None) -> Source:
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
    return Source(text=person._.canonical or person.text, kind=kind, role=role,
                  organisation=organisation)
