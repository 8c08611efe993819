"""Discourse state, in one place: what carries over from sentence to sentence (the last person,
product, speaker and subject, the article's main company) and how an anaphor is read against it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.linking.data import LinkingData
from pipeline.linking.draft import DraftClaim
from pipeline.linking.frame import StoryFrame
from pipeline.linking.parse import PLACE_LABELS, entity_ref
from pipeline.records import DateRef, EntityRef, Source

PERIOD_GRANULARITIES = ("quarter", "half", "month")


@dataclass(slots=True)
class Discourse:
    """What carries over from sentence to sentence: the last person, speaker and topic."""

    last_person: Span | None = None
    last_org: Span | None = None  # the article's main company: the first organisation it names
    last_product: Span | None = None
    speakers: list[Span] | None = None  # of the current sentence, computed once
    cues: list[Token] | None = None  # its tokens that attribution and events look at (see link.cue_tokens)
    last_speaker: Source | None = None
    full_names: dict[str, str] = field(default_factory=dict)  # 'Huang' -> 'Jensen Huang', from earlier mentions
    last_subject: EntityRef | None = None
    frame: StoryFrame | None = None  # the period a results story is about (see linking.frame)
    last_period: DateRef | None = None  # the last quarter, half or month a claim was dated to

    @property
    def story_period(self) -> DateRef | None:
        """The period the story is about: its frame's when that is a quarter, half or month, else the
        last such period a claim was dated to."""
        if self.frame is not None and self.frame.date.granularity in PERIOD_GRANULARITIES:
            return self.frame.date
        return self.last_period

    def begin(self, ents: list[Span]) -> None:
        """A new sentence: its speakers are not known yet, and its first organisation may be the article's."""
        self.speakers = None
        orgs = [e for e in ents if e.label_ == "ORG"]
        if orgs and self.last_org is None:
            self.last_org = orgs[0]

    def end(self, ents: list[Span], claims: list[DraftClaim]) -> None:
        """The sentence is linked: remember its last person and product and its first subject."""
        for e in ents:
            if e.label_ == "PERSON":
                self.last_person = e
                words = (e._.canonical or e.text).split()
                if len(words) > 1:
                    self.full_names.update({words[0]: " ".join(words), words[-1]: " ".join(words)})
            elif e.label_ == "ORG" and self.last_org is None:
                self.last_org = e
            elif e.label_ == "PRODUCT":
                self.last_product = e
        periods = [c.date for c in claims if c.date is not None and c.date.granularity in PERIOD_GRANULARITIES]
        if periods:
            self.last_period = periods[0]
        subjects = [c.subject for c in claims if c.subject is not None and c.subject.label != "NP"]
        if subjects:
            self.last_subject = subjects[0]


def full_name(name: str, ctx: Discourse) -> str:
    """'Huang' after 'Jensen Huang' (and 'Tan' after 'Tan Wei Ling'): the name as the article first gave it."""
    return name if " " in name else ctx.full_names.get(name, name)


def cue_tokens_of(sent: Span, ctx: Discourse) -> Sequence[Token] | Span:
    """The sentence's tokens that attribution and events test: the cue tokens when the component has
    picked them out (see link.cue_tokens), else every token (a sentence linked on its own)."""
    return ctx.cues if ctx.cues is not None else sent


def company_description(subj: Token, data: LinkingData) -> bool:
    """'The Beijing-based chip designer', 'the Dutch chip-equipment maker': a definite singular
    description that refers back to a company ('the nine companies' does not)."""
    return (subj.tag_ == "NN" and subj.lemma_.lower() in data.company_nouns
            and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children))


def describes_company(subj: Token, found: Span, data: LinkingData) -> bool:
    """The entity in the subject only places the company it describes ('the Dutch ... maker')."""
    return found.label_ in PLACE_LABELS and found.end <= subj.i and company_description(subj, data)


def anaphor(subj: Token, ctx: Discourse, data: LinkingData) -> EntityRef | None:
    """What 'it', 'the chip', 'the company' or 'the Beijing-based chip designer' refers back to."""
    pronoun = subj.lower_ in data.company_pronouns
    if not company_description(subj, data):
        phrase = subj.doc[subj.left_edge.i: subj.i + 1].text
        if set(phrase.lower().split()) & data.product_anaphora and ctx.last_product is not None:
            return entity_ref(ctx.last_product)
        if not pronoun and phrase not in data.company_anaphora:
            return None
    # a company: the last subject, unless a company word follows a product's figures (then its maker)
    if ctx.last_subject is not None and (pronoun or ctx.last_subject.label != "PRODUCT"):
        return ctx.last_subject
    if ctx.last_org is not None:
        return entity_ref(ctx.last_org)
    return ctx.last_subject
