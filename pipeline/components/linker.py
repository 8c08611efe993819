"""Claim linking: who claims what about whom, compared with what, according to whom.

Runs on the dependency parse and on the spans the earlier stages left on the Doc (entities,
values, dates).  Comparison and ranking frames are regexes over a masked sentence in which
entities and values are placeholders (``models/patterns/linking.json``); rankings the frames miss
come from spaCy DependencyMatcher patterns (``models/patterns/dependency.json``: "Britain is the
world's third-largest AI market", "making it OpenAI's largest backer"); quantitative claims
take their subject from the parse.  The result is ``doc._.claims``: a list of
:class:`DraftClaim`, turned into records by :mod:`pipeline.extractor`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import Any, cast

from pydantic import Field
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.parts_of_speech import VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline import extensions
from pipeline.errors import DataFileError
from pipeline.extensions import spans_within
from pipeline.gazetteer import load_gazetteer
from pipeline.linking import DependencyPattern, LinkingData, Pattern, load_dependency, load_linking
from pipeline.records import ClaimFields, ClaimType, DateRef, EntityRef, Modality, Source, SourceKind, Value
from pipeline.roles import (
    NO_ENTITY,
    OBJECT_MODEL,
    Candidate,
    RoleModel,
    describe,
    load_role_model,
    possessors_of,
    sentence_features,
    unique,
)

_PLACEHOLDER = re.compile(r"\[\[([EV])(\d+)\]\]")
_AMOD = get_string_id("amod")
_DETERMINERS = ("a ", "an ", "the ", "A ", "An ", "The ")
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})  # names that place or describe a subject rather than being it
VALUE_CLAIM_TYPES: dict[str, ClaimType] = {"money": "money", "quantity": "quantity", "count": "count",
                                           "percent": "percent"}


class DraftClaim(ClaimFields):
    """A claim before it becomes a record: the shared claim fields, grounded by character offsets."""

    sent_start: int
    sent_end: int
    anchor: tuple[int, int]
    confidence: float = 0.8
    warnings: list[str] = Field(default_factory=list)
    pattern: str | None = None
    rules: list[str] = Field(default_factory=list)  # how each role was chosen, for the record's provenance
    candidates: list[Any] = Field(default_factory=list, exclude=True)  # the subject's, for training
    object_candidates: list[Any] = Field(default_factory=list, exclude=True)


#: what the subject search's answers mean, in the words of the record's provenance
_SUBJECT_RULES = {"parse": "parse subject or possessor", "anaphora": "antecedent of a pronoun or description",
                  "nearest": "nearest entity before the figure"}


@dataclass(frozen=True, slots=True)
class _SentenceDate:
    """A resolved date of the current sentence, with the verb of its clause (read once, used per claim)."""

    start_char: int
    date: DateRef
    streak: int | None
    verb: Token | None


@dataclass(slots=True)
class _Context:
    """What carries over from sentence to sentence: the last person, speaker and topic."""

    last_person: Span | None = None
    last_org: Span | None = None
    last_product: Span | None = None
    speakers: list[Span] | None = None  # of the current sentence, computed once
    cues: list[Token] | None = None  # its tokens that attribution and events look at (see Linker.cue_tokens)
    last_speaker: Source | None = None
    last_subject: EntityRef | None = None


def entity_ref(span: Span) -> EntityRef:
    canonical = span._.canonical or span.text
    return EntityRef(text=span.text, canonical=canonical, label=span.label_,
                     start=span.start_char, end=span.end_char)


def _cue_tokens_of(sent: Span, ctx: _Context) -> Sequence[Token] | Span:
    """The sentence's tokens that attribution and events test: the cue tokens when the component has
    picked them out (see Linker.cue_tokens), else every token (a sentence linked on its own)."""
    return ctx.cues if ctx.cues is not None else sent


def _coordinated_ref(head: Token, found: Span, ents: list[Span]) -> EntityRef:
    """'Samsung Electronics and SK Hynix have pledged': the coordinated names as one subject, their
    canonical names joined with 'and'; a single name otherwise."""
    if not found.start <= head.i < found.end:
        return entity_ref(found)
    members = [found]
    for conj in head.conjuncts:
        other = _entity_at(conj, ents)
        if other is not None and other.label_ == found.label_ and other not in members:
            members.append(other)
    if len(members) == 1:
        return entity_ref(found)
    members.sort(key=lambda e: e.start)
    doc = found.doc
    text = extensions.doc_text(doc)[members[0].start_char: members[-1].end_char]
    canonical = " and ".join(e._.canonical or e.text for e in members)
    return EntityRef(text=text, canonical=canonical, label=found.label_, start=members[0].start_char,
                     end=members[-1].end_char)


def _strip_det(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            return text[len(det):]
    return text


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


#: a DependencyMatcher hit: the pattern and its tokens by node name
ParseMatch = tuple[DependencyPattern, dict[str, Token]]


class Linker:
    def __init__(self, nlp: Language, name: str, min_confidence: float, low_confidence: float,
                 entities_key: str, values_key: str, dates_key: str, subject_model: bool,
                 object_model: bool) -> None:
        self.name = name
        self.subject_model: RoleModel | None = load_role_model() if subject_model else None
        self.object_model: RoleModel | None = load_role_model(OBJECT_MODEL) if object_model else None
        self.collect_candidates = False  # set by the training of the role models (pipeline.train_roles)
        self.min_confidence = min_confidence
        self.low_confidence = low_confidence
        self.entities_key, self.values_key, self.dates_key = entities_key, values_key, dates_key
        self.data: LinkingData = load_linking()
        self.dependency = load_dependency()
        self.gazetteer = load_gazetteer()
        self._cue_lowers = frozenset(get_string_id(w) for w in ("according", *self.data.report_by_nouns))
        self._cue_lemmas = frozenset(get_string_id(w) for w in (*self.data.speech_verbs, *self.data.event_triggers))
        self._future_phrases = tuple(m for m in self.data.future_markers if " " in m)
        # one matcher per pattern, run only on Docs that hold the words the pattern needs: the
        # DependencyMatcher costs about 0.2 ms a pattern on every Doc, even where nothing matches
        self.parse_matchers: list[tuple[DependencyPattern, DependencyMatcher, tuple[frozenset[int], ...]]] = []
        for p in (*self.dependency.rankings, *self.dependency.comparisons):
            matcher = DependencyMatcher(nlp.vocab)
            try:
                matcher.add(p.id, [list(p.pattern)])
            except ValueError as exc:
                raise DataFileError(f"patterns/dependency.json {p.kind}s/{p.id}: {exc}") from None
            self.parse_matchers.append((p, matcher, tuple(frozenset(get_string_id(w) for w in options)
                                                           for options in _required_words(p))))

    # ---- the component -------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ents, values, dates = (sorted(doc.spans[key] if key in doc.spans else [], key=lambda s: s.start)
                               for key in (self.entities_key, self.values_key, self.dates_key))
        ctx = _Context()
        claims: list[DraftClaim] = []
        parse_matches = sorted(((min(t.i for t in m[1].values()), m) for m in self.parse_matches(doc)),
                               key=lambda fm: fm[0])
        parse_firsts = [first for first, _ in parse_matches]
        cue_ids = self.cue_tokens(doc)
        for sent in doc.sents:
            ctx.cues = [doc[i] for i in cue_ids[bisect_left(cue_ids, sent.start): bisect_left(cue_ids, sent.end)]]
            s_ents = spans_within(ents, sent)
            s_vals = spans_within(values, sent)
            s_dates = spans_within(dates, sent)
            s_parse = [m for _, m in
                       parse_matches[bisect_left(parse_firsts, sent.start): bisect_left(parse_firsts, sent.end)]]
            claims.extend(self.link_sentence(sent, s_ents, s_vals, s_dates, ctx, s_parse))
        for claim in claims:
            if claim.confidence < self.low_confidence:
                claim.warnings.append(f"low confidence {claim.confidence:.2f}: kept so a threshold can trade "
                                      "precision for recall")
        doc._.claims = [c for c in claims if c.confidence >= self.min_confidence]
        return doc

    def cue_tokens(self, doc: Doc) -> list[int]:
        """Indices of the tokens attribution and event finding test ('according', 'report', speech and
        event verbs), read from the Doc's arrays: testing every token's strings in Python is slow."""
        lowers, lemmas = self._cue_lowers, self._cue_lemmas
        return [i for i, (low, lemma, pos) in enumerate(doc.to_array([LOWER, LEMMA, POS]).tolist())
                if low in lowers or (pos == VERB and lemma in lemmas)]

    def parse_matches(self, doc: Doc) -> list[ParseMatch]:
        """Every DependencyMatcher hit of the Doc, once per Doc."""
        out: list[ParseMatch] = []
        columns = doc.to_array([LOWER, LEMMA, DEP])  # string ids: no Token objects for the whole Doc
        words = set(columns.ravel().tolist())
        superlatives: bool | None = None
        for pattern, matcher, required in self.parse_matchers:
            if not all(options & words for options in required):
                continue
            if pattern.kind == "ranking":
                if superlatives is None:
                    amods = (columns[:, 2] == _AMOD).nonzero()[0].tolist()
                    superlatives = any(self._superlative_rank(doc[i]) is not None for i in amods)
                if not superlatives:
                    continue
            for _, token_ids in matcher(doc):
                out.append((pattern, {node: doc[i] for node, i in zip(pattern.nodes, token_ids, strict=True)}))
        return out

    def link_sentence(self, sent: Span, ents: list[Span], values: list[Span], dates: list[Span],
                      ctx: _Context, parse_matches: list[ParseMatch] | None = None) -> list[DraftClaim]:
        ctx.speakers = None
        orgs = [e for e in ents if e.label_ == "ORG"]
        if orgs and ctx.last_org is None:
            ctx.last_org = orgs[0]
        source = self.attribution(sent, ents, ctx)
        masked = Masked(sent, ents, values)
        claims: list[DraftClaim] = []
        used_values: set[int] = set()
        parse_matches = parse_matches or []
        claims += self.comparisons(masked, used_values, ctx)
        claims += self.parse_comparisons(sent, [m for m in parse_matches if m[0].kind == "comparison"], ents,
                                         values, claims, ctx)
        claims += self.rankings(masked, ctx)
        claims += self.parse_rankings(sent, [m for m in parse_matches if m[0].kind == "ranking"], ents, claims, ctx)
        for span in values:
            if span.start in used_values:
                continue
            claim = self.value_claim(sent, span, ents, ctx)
            if claim is not None:
                claims.append(claim)
        claims += self.events(sent, ents, values, ctx)
        claims += self.shared_rankings(masked, claims)
        resolved = [_SentenceDate(d.start_char, date, d._.streak, _governing_verb(d.root))
                    for d in dates if (date := d._.date) is not None] if claims else []
        for claim in claims:
            if claim.source is None and source is not None:
                claim.source = source
                claim.rules.append(f"source:the sentence's attribution ({source.kind})")
            if claim.date is None:
                claim.date, claim.streak = self.date_for(sent, claim, resolved, claim.streak)
            if claim.date is not None and claim.date.future and claim.modality == "asserted":
                claim.modality = "future"
                claim.rules.append("modality:future from its date")
        for e in ents:
            if e.label_ == "PERSON":
                ctx.last_person = e
            elif e.label_ == "ORG" and ctx.last_org is None:
                ctx.last_org = e
            elif e.label_ == "PRODUCT":
                ctx.last_product = e
        subjects = [c.subject for c in claims if c.subject is not None and c.subject.label != "NP"]
        if subjects:
            ctx.last_subject = subjects[0]
        return claims

    # ---- comparisons and rankings: frames over the masked sentence -----------------------
    def comparisons(self, masked: Masked, used_values: set[int], ctx: _Context) -> list[DraftClaim]:
        out: list[DraftClaim] = []
        taken: list[tuple[int, int]] = []
        if len(masked.ents) < 2:
            return out
        for pattern in self.data.comparisons:
            if not pattern.may_match(masked.lowered):
                continue
            for m in pattern.regex.finditer(masked.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                subject = self._frame_subject(masked, m, ctx)
                obj = masked.head_entity(m.group("object"))
                if subject is None or obj is None or subject.start == obj.start_char:
                    continue
                value_span = masked.value(_group(m, "value"))
                claim = self._frame_claim("comparison", masked, subject, pattern, m)
                claim.object = entity_ref(obj)
                claim.relation = self._relation(pattern, m)
                claim.metric = _clean_phrase(masked.plain(_group(m, "metric")))
                claim.scope = _clean_phrase(masked.plain(_group(m, "scope")))
                if value_span is not None:
                    used_values.add(value_span.start)
                    claim.value, claim.hedge = self._comparison_value(value_span, m, claim.relation)
                    claim.anchor = (value_span.start_char, value_span.end_char)
                claim.predicate = claim.relation.replace("_", " ") if claim.relation else None
                out.append(claim)
                coordinated, end = self._coordinated_objects(masked, m, claim)
                out.extend(coordinated)
                taken.append((m.start(), max(m.end(), end)))
                second = masked.value(_group(m, "value2"))
                if second is not None:
                    used_values.add(second.start)
                    extra = self._frame_claim("comparison", masked, subject, pattern, m)
                    extra.object, extra.relation, extra.predicate = claim.object, claim.relation, claim.predicate
                    extra.metric = _clean_phrase(masked.plain(_group(m, "metric2")))
                    extra.value, extra.hedge = self._comparison_value(second, m, claim.relation)
                    extra.anchor = (second.start_char, second.end_char)
                    out.append(extra)
        return out

    def _coordinated_objects(self, masked: Masked, m: re.Match[str], claim: DraftClaim
                             ) -> tuple[list[DraftClaim], int]:
        """'outperformed Meta's Llama 3.1 405B and Alibaba's Qwen2.5-72B': one claim per object."""
        out: list[DraftClaim] = []
        pos = m.end("object")
        while (more := self.data.coordination.match(masked.text, pos)) is not None:
            obj = masked.head_entity(more.group("object"))
            if obj is None:
                break
            out.append(claim.model_copy(update={"object": entity_ref(obj), "warnings": list(claim.warnings),
                                                "anchor": (obj.start_char, obj.end_char)}))
            pos = more.end()
        return out, pos

    def _relation(self, pattern: Pattern, m: re.Match[str]) -> str | None:
        relation = pattern.relation
        if relation and "{rel}" in relation:
            rel = (_group(m, "rel") or "").replace(" ", "_")
            relation = relation.replace("{rel}", rel)
        return relation

    def _comparison_value(self, span: Span, m: re.Match[str], relation: str | None) -> tuple[Value, str | None]:
        """'60 per cent of' and '1.8 times the ... of' are ratios; 'three times faster' stays a multiple."""
        mention = span._.value
        value: Value = mention.value
        if relation == "ratio_of" and value.unit in (None, "percent", "multiple"):
            value = value.model_copy(update={"unit": "ratio", "kind": "share"})
        hedge = mention.hedge or _hedge_in(m.group(0)[: m.start("value") - m.start()], self.data.hedges)
        return value, hedge

    def rankings(self, masked: Masked, ctx: _Context) -> list[DraftClaim]:
        out: list[DraftClaim] = []
        if not masked.ents:
            return out
        for pattern in self.data.rankings:
            if "subject" not in pattern.regex.groupindex or not pattern.may_match(masked.lowered):
                continue
            for m in pattern.regex.finditer(masked.text):
                subject = self._frame_subject(masked, m, ctx)
                if subject is None:
                    continue
                claim = self._frame_claim("ranking", masked, subject, pattern, m)
                rankword = (_group(m, "rankword") or "").lower()
                claim.rank = self._rank(rankword)
                category = _clean_phrase(masked.plain(_group(m, "category")))
                if category and not any(word in rankword for word in self.dependency.generic_superlatives) \
                        and not rankword.startswith("no"):
                    category = f"{rankword} {category}"  # the measure is part of the rank: 'fastest supercomputer'
                by = _clean_phrase(masked.plain(_group(m, "by")))
                claim.category = f"{category} by {by}" if category and by else category
                claim.scope = _clean_phrase(masked.plain(_group(m, "scope") or _group(m, "scope_pre")))
                streak = _group(m, "streak")
                if streak:
                    claim.streak = self.data.ordinals.get(streak.lower())
                claim.predicate = f"ranked {rankword}".strip()
                out.append(claim)
        return out

    def parse_rankings(self, sent: Span, matches: list[ParseMatch], ents: list[Span], found: list[DraftClaim],
                       ctx: _Context) -> list[DraftClaim]:
        """Rankings from the parse ('Britain is the world's third-largest AI market'), where no frame
        of the masked sentence already gave one for the same words."""
        out: list[DraftClaim] = []
        taken = [c.anchor for c in found if c.type == "ranking"]
        for pattern, nodes in matches:
            category, superlative = nodes["category"], nodes["superlative"]
            rank = self._superlative_rank(superlative) if category.pos_ in ("NOUN", "PROPN") else None
            if rank is None:
                continue
            start = min(t.idx for t in nodes.values())
            end = max(t.idx + len(t) for t in nodes.values())
            if any(a < end and start < b for a, b in taken):
                continue
            subject, confidence = self._parse_subject(nodes["subject"], nodes.get("verb"), ents, ctx)
            if subject is None:
                continue
            claim = DraftClaim(
                type="ranking", sent_start=sent.start_char, sent_end=sent.end_char, anchor=(start, end),
                subject=subject, rank=rank, category=self._ranked_category(category, superlative),
                scope=_possessor(category, ents), predicate=f"ranked {superlative.lower_}",
                confidence=confidence, pattern=f"ranking:{pattern.id}",
            )
            out.append(claim)
            taken.append((start, end))
        return out

    def parse_comparisons(self, sent: Span, matches: list[ParseMatch], ents: list[Span], values: list[Span],
                          found: list[DraftClaim], ctx: _Context) -> list[DraftClaim]:
        """Comparisons without a figure from the parse ('the model outperformed X and Y', 'on par with X',
        'well behind X'), for objects no frame of the masked sentence already compared."""
        out: list[DraftClaim] = []
        if not matches:
            return out
        compared = {c.object.canonical for c in found if c.type == "comparison" and c.object is not None}
        value_tokens = {i for v in values for i in range(v.start, v.end)}
        for pattern, nodes in matches:
            trigger = nodes["trigger"]
            relation = pattern.relation
            if relation == "{verb}":
                relation = self.dependency.comparison_verbs.get(trigger.lemma_.lower())
            heads = [nodes["object"], *nodes["object"].conjuncts]
            objects = [o for o in heads if o.pos_ != "PRON" and (
                _entity_at(o, ents) is not None or (o.i not in value_tokens and not o.like_num))]
            if not objects:
                continue
            subject, confidence = self._comparison_subject(trigger, objects, ents, ctx)
            if subject is None:
                continue
            for tok in objects:
                obj = self._object_ref(tok, ents)
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

    def _comparison_subject(self, trigger: Token, objects: list[Token], ents: list[Span], ctx: _Context
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
                found = _entity_at(child, ents)
                if found is not None:
                    return entity_ref(found), 0.7
        subj = _subject_token(verb)
        if subj is None:
            return None, 0.0
        found = _entity_in(subj, ents)
        if found is not None and not any(found.start <= i < found.end for i in object_ids):
            return entity_ref(found), 0.75
        named = _name_before(subj, ents, ("ORG", "PRODUCT")) if subj.pos_ == "PRON" else None
        if named is not None:
            return entity_ref(named), 0.6
        return self._anaphor(subj, ctx), 0.6

    def _object_ref(self, tok: Token, ents: list[Span]) -> EntityRef:
        """The entity a phrase names, else the phrase itself without its determiner or owner ('leading US
        systems', 'GPT-4.1' in "OpenAI's GPT-4.1")."""
        found = _thing_in(tok, ents)
        if found is not None and tok.dep_ != "poss" and any(t.dep_ == "poss" and found.start <= t.i < found.end
                                                            for t in tok.children):
            found = None  # only the owner is named
        if found is not None:
            return entity_ref(found)
        owners = self.dependency.phrase_owner_words
        return _phrase_ref(tok, lambda t: t.dep_ in ("det", "case", "poss") or t.lower_ in owners
                           or t.head.dep_ == "poss")

    def _superlative_rank(self, word: Token) -> int | None:
        """1 for 'largest', 'top' and 'most valuable', 3 for 'third-largest'; None for 'latest' or 'key'."""
        low = word.lower_
        if word.tag_ == "JJS":
            if low in self.dependency.not_rankings:
                return None
        elif low not in self.dependency.rank_adjectives and not any(
                c.lower_ in self.dependency.superlative_adverbs for c in word.children):
            return None
        for child in word.children:
            if child.dep_ in ("advmod", "amod", "npadvmod") and child.lower_ in self.data.ordinals:
                return self.data.ordinals[child.lower_]
        return 1

    def _ranked_category(self, noun: Token, superlative: Token) -> str:
        """What is ranked: the noun with its modifiers after the superlative, and the superlative itself
        when it names the measure ('fastest supercomputer', 'most valuable AI company')."""
        doc = noun.doc
        first = superlative.i + 1
        if superlative.lower_ not in self.dependency.generic_superlatives:
            first = min([superlative.i] + [c.i for c in superlative.children
                                           if c.lower_ in self.dependency.superlative_adverbs])
        text = doc[first: noun.i + 1].text if first <= noun.i else noun.text
        after = [*noun.children, *(noun.head.children if noun.dep_ in ("attr", "oprd") else ())]
        by = next((c for c in after if c.i > noun.i and c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None and by.right_edge.i > by.i:
            text += " " + doc[by.i: by.right_edge.i + 1].text
        return text

    def _parse_subject(self, tok: Token, verb: Token | None, ents: list[Span], ctx: _Context
                       ) -> tuple[EntityRef | None, float]:
        """Who holds the rank: a named entity, what a pronoun or 'the company' refers to, or a plain noun."""
        own = _entity_at(tok, ents)
        if own is not None:
            return entity_ref(own), 0.8
        if tok.pos_ == "PRON" and verb is not None and verb.dep_ in ("advcl", "xcomp", "conj"):
            # 'ASML put in EUR1.3bn, making it Mistral's largest shareholder': the main clause's subject,
            # else the nearest name before the pronoun
            head_subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = _entity_at(head_subject, ents) if head_subject is not None else None
            found = found or _name_before(tok, ents, ("PERSON", "GPE"), but=True)
            if found is not None:
                return entity_ref(found), 0.7
        referent = self._anaphor(tok, ctx)
        if referent is not None:
            return referent, 0.65
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "dative":
            return _phrase_ref(tok, lambda t: t.dep_ in ("det", "poss", "case")), 0.55
        return None, 0.0

    def shared_rankings(self, masked: Masked, claims: list[DraftClaim]) -> list[DraftClaim]:
        """'..., both the highest totals in the country': one ranking per figure before it."""
        out: list[DraftClaim] = []
        for pattern in self.data.rankings:
            if "subject" in pattern.regex.groupindex or not pattern.may_match(masked.lowered):
                continue
            for m in pattern.regex.finditer(masked.text):
                start = _masked_to_char(masked, m.start())
                figures = [c for c in claims if c.value is not None and c.anchor[1] <= start
                           and c.type in ("count", "money", "quantity") and c.subject is not None]
                for figure in figures:
                    rankword = (_group(m, "rankword") or "").lower()
                    assert figure.value is not None
                    out.append(DraftClaim(
                        type="ranking", sent_start=figure.sent_start, sent_end=figure.sent_end,
                        anchor=(figure.anchor[0], start + len(m.group(0))), subject=figure.subject,
                        rank=self._rank(rankword), predicate=f"ranked {rankword}",
                        category=figure.value.counted or _clean_phrase(masked.plain(_group(m, "category"))),
                        scope=_clean_phrase(masked.plain(_group(m, "scope"))),
                        confidence=0.7, pattern=f"ranking:{pattern.id}",
                    ))
        return out

    def _rank(self, word: str) -> int | None:
        word = word.replace("no. ", "no.").strip()
        if word.startswith("no."):
            digits = word[3:].strip()
            return int(digits) if digits.isdigit() else None
        return self.data.rank_words.get(word)

    def _frame_subject(self, masked: Masked, m: re.Match[str], ctx: _Context) -> EntityRef | None:
        """The frame's subject entity, or what 'the company' / 'it' refers to."""
        span = masked.head_entity(m.group("subject"))
        if span is not None:
            return entity_ref(span)
        words = set(m.group("subject").lower().split())
        if words & self.data.product_anaphora and ctx.last_product is not None:
            return entity_ref(ctx.last_product)
        if ctx.last_subject is not None:
            return ctx.last_subject
        return entity_ref(ctx.last_org) if ctx.last_org is not None else None

    def _frame_claim(self, claim_type: ClaimType, masked: Masked, subject: EntityRef, pattern: Pattern,
                     m: re.Match[str]) -> DraftClaim:
        sent = masked.sent
        start = _masked_to_char(masked, m.start())
        end = _masked_to_char(masked, max(m.end() - 1, m.start())) + 1
        return DraftClaim(
            type=claim_type, sent_start=sent.start_char, sent_end=sent.end_char,
            anchor=(start, max(end, start + 1)), subject=subject, confidence=0.85,
            pattern=f"{claim_type}:{pattern.id}",
        )

    # ---- quantitative claims from the parse ----------------------------------------------
    def value_claim(self, sent: Span, span: Span, ents: list[Span], ctx: _Context) -> DraftClaim | None:
        mention = span._.value
        if mention is None:
            return None
        claim_type = VALUE_CLAIM_TYPES.get(mention.kind)
        if claim_type is None:
            return None
        if mention.value.unit == "multiple":
            claim_type = "comparison"
        verb = _governing_verb(span.root)
        subject_ref, subject_span, how = self._subject(sent, span, verb, ents, ctx, claim_type)
        if subject_ref is None and ctx.last_subject is not None:
            subject_ref, how = ctx.last_subject, "last subject"
        elif subject_ref is None and ctx.last_org is not None:
            subject_ref, how = entity_ref(ctx.last_org), "first company"
        claim = DraftClaim(
            type=claim_type, sent_start=sent.start_char, sent_end=sent.end_char,
            anchor=(span.start_char, span.end_char), value=mention.value,
            hedge=mention.hedge or self._hedge_before(span, sent), pattern=f"value:{mention.pattern}",
        )
        # described only where the model runs; its training asks for them through the same call
        if self.subject_model is not None or self.collect_candidates:
            claim.candidates = self._subject_candidates(sent, span, verb, ents, ctx, claim_type, subject_ref, how)
        if self.subject_model is not None and claim.candidates:
            best, note = self.subject_model.choose(claim.candidates, "subject")
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
        obj = self._object(verb, ents, exclude=subject_span, value_root=span.root)
        if obj is not None:
            claim.object = entity_ref(obj)
            claim.rules.append("object:parse object of the governing verb")
        if self.object_model is not None or self.collect_candidates:
            claim.object_candidates = self._object_candidates(sent, span, verb, ents, ctx, claim)
        if self.object_model is not None and claim.object_candidates:
            best, note = self.object_model.choose(claim.object_candidates, "object")
            chosen = None if best.source == "none" else best.ref
            if (chosen.canonical if chosen else None) != (claim.object.canonical if claim.object else None):
                claim.object = chosen
                claim.rules = [r for r in claim.rules if not r.startswith("object:")]
                claim.rules.append("object:model" if chosen is not None else "object:none (model)")
            claim.rules.append(note)
        claim.predicate = self._predicate(verb, span, obj)
        claim.modality = self._modality(verb, sent)
        if claim_type == "comparison":
            self._multiple_comparison(claim, span, ents, exclude=subject_span)
        return claim

    def _subject_candidates(self, sent: Span, span: Span, verb: Token | None, ents: list[Span], ctx: _Context,
                            claim_type: str, rule_pick: EntityRef | None, rule_how: str) -> list[Candidate]:
        """Every plausible subject of the figure: the sentence's entities, the rules' pick, and what the
        discourse remembers (the last subject, the article's first company, the last product)."""
        subject_tok = _subject_token(verb) if verb is not None else None
        speakers = ctx.speakers or []
        own = [e for e in ents if e.end <= span.start or e.start >= span.end]
        first = own[0] if own else None
        possessors = possessors_of(span)
        found = [Candidate(entity_ref(e), "sentence", e, sentence_features(e, span, verb, subject_tok, speakers, first,
                                                                          possessors, sent.start)) for e in own]
        phrase = _subject_phrase(subject_tok, own, span)
        if phrase is not None:
            # a description the rules resolved ('the Beijing-based chip designer'): as written, and by the
            # canonical name of what it refers back to
            resolved = rule_pick if rule_how == "anaphora" else None
            ref = _phrase_ref(phrase.root, lambda _: False) if resolved is None else EntityRef(
                text=phrase.text, canonical=resolved.canonical, label=resolved.label, start=phrase.start_char,
                end=phrase.end_char)
            found.append(Candidate(ref, "noun phrase", phrase,
                                   {**sentence_features(phrase, span, verb, subject_tok, speakers, first,
                                                        possessors, sent.start),
                                    f"np_head={phrase.root.lemma_.lower()}": 1.0,
                                    **({"np_company_noun": 1.0} if phrase.root.lemma_.lower() in self.data.company_nouns
                                       else {})}))
        if rule_pick is not None:
            found.append(Candidate(rule_pick, "rule", None, {"not_in_sentence": 1.0}))
        remembered = ((ctx.last_subject, "last subject"),
                      (entity_ref(ctx.last_org) if ctx.last_org is not None else None, "first company"),
                      (entity_ref(ctx.last_product) if ctx.last_product is not None else None, "last product"))
        found += [Candidate(ref, source, None, {"not_in_sentence": 1.0, "no_sentence_entities": float(not own)})
                  for ref, source in remembered if ref is not None]
        return [describe(c, claim_type, rule_pick, rule_how, ctx.last_subject) for c in unique(found)]

    def _object_candidates(self, sent: Span, span: Span, verb: Token | None, ents: list[Span], ctx: _Context,
                           claim: DraftClaim) -> list[Candidate]:
        """Every plausible object of the figure (a recipient, what it buys or funds): the sentence's
        entities other than the subject, and none at all, which most figures have."""
        subject_tok = _subject_token(verb) if verb is not None else None
        speakers = ctx.speakers or []
        subject = claim.subject.canonical.casefold() if claim.subject is not None else None
        own = [e for e in ents if (e.end <= span.start or e.start >= span.end)
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

    def _multiple_comparison(self, claim: DraftClaim, span: Span, ents: list[Span], exclude: Span | None) -> None:
        """'three times faster than V2', 'doubled', 'twice the amount used for Qwen2.5'."""
        doc = span.doc
        after = doc[span.end: min(span.end + 2, span.sent.end)]
        adjective = next((t.lower_ for t in after if t.lower_ in self.data.comparison_adjectives), None)
        shrinks = claim.value is not None and claim.value.amount is not None and claim.value.amount < 1
        claim.relation = self.data.comparison_adjectives.get(adjective or "", "smaller_than" if shrinks
                                                             else "larger_than")
        claim.object = None
        for tok in doc[span.end: span.sent.end]:
            if tok.lower_ in self.data.comparison_object_preps and tok.i > span.end - 1:
                found = next((e for e in ents if e.start > tok.i and e != exclude), None)
                if found is not None:
                    claim.object = entity_ref(found)
                break

    def _subject(self, sent: Span, span: Span, verb: Token | None, ents: list[Span], ctx: _Context,
                 claim_type: str) -> tuple[EntityRef | None, Span | None, str]:
        """Who the figure is about: the verb's subject, an anaphor's referent, a possessor, or a guess."""
        speakers = ctx.speakers if ctx.speakers is not None else self._speaker_entities(sent, ents, ctx)
        ctx.speakers = speakers
        pool = [e for e in ents if e not in speakers]
        prefer_product = claim_type == "quantity"
        subj = _subject_token(verb) if verb is not None else None
        if subj is not None:
            found = _best_entity_in(subj, pool, prefer_product)
            if found is not None and not self._describes_company(subj, found):
                return _coordinated_ref(subj, found, pool), found, "parse"
            referent = self._anaphor(subj, ctx)
            if referent is not None:
                return referent, None, "anaphora"
        for tok in span.root.ancestors:  # a possessor on the value's noun phrase: "Nvidia's revenue of $35.1bn"
            for child in tok.children:
                if child.dep_ == "poss":
                    found = _best_entity_in(child, pool, prefer_product)
                    if found is not None:
                        return entity_ref(found), found, "parse"
                    referent = self._anaphor(child, ctx)  # "its operating profit", "the company's revenue"
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

    def _speaker_entities(self, sent: Span, ents: list[Span], ctx: _Context) -> list[Span]:
        """Entities that only say something ('CNBC reported'): never the subject of a figure."""
        out = []
        for tok in _cue_tokens_of(sent, ctx):
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.data.speech_verbs:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    found = _entity_in(subj, ents)
                    if found is not None:
                        out.append(found)
            if tok.lower_ == "according":
                out.extend(e for e in ents if e.start > tok.i and e.start <= tok.i + 6)
        return out

    def _company_description(self, subj: Token) -> bool:
        """'The Beijing-based chip designer', 'the Dutch chip-equipment maker': a definite singular
        description that refers back to a company ('the nine companies' does not)."""
        return (subj.tag_ == "NN" and subj.lemma_.lower() in self.data.company_nouns
                and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children))

    def _describes_company(self, subj: Token, found: Span) -> bool:
        """The entity in the subject only places the company it describes ('the Dutch ... maker')."""
        return found.label_ in _PLACE_LABELS and found.end <= subj.i and self._company_description(subj)

    def _anaphor(self, subj: Token, ctx: _Context) -> EntityRef | None:
        """What 'it', 'the chip', 'the company' or 'the Beijing-based chip designer' refers back to."""
        pronoun = subj.lower_ in self.data.company_pronouns
        if not self._company_description(subj):
            phrase = subj.doc[subj.left_edge.i: subj.i + 1].text
            if set(phrase.lower().split()) & self.data.product_anaphora and ctx.last_product is not None:
                return entity_ref(ctx.last_product)
            if not pronoun and phrase not in self.data.company_anaphora:
                return None
        # a company: the last subject, unless a company word follows a product's figures (then its maker)
        if ctx.last_subject is not None and (pronoun or ctx.last_subject.label != "PRODUCT"):
            return ctx.last_subject
        if ctx.last_org is not None:
            return entity_ref(ctx.last_org)
        return ctx.last_subject

    def _object(self, verb: Token | None, ents: list[Span], exclude: Span | None,
                value_root: Token | None = None) -> Span | None:
        """The recipient or counterparty: 'to X' on the verb or on the value's noun phrase."""
        if verb is None:
            return None
        preps = [c for c in verb.children
                 if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in self.data.object_preps)]
        if value_root is not None:
            preps += [t for t in value_root.subtree if t.dep_ == "prep" and t.lower_ == "to"]
        for prep in preps:
            for tok in prep.subtree:
                found = _entity_at(tok, ents)
                if found is not None and found != exclude:
                    return found
        if self.data.event_triggers.get(verb.lemma_.lower()) == "investment":
            # 'invest up to $100bn in OpenAI': what is funded, when it is named ('in Germany' is a place);
            # the parser hangs the 'in' on the verb or on the figure
            for prep in [*verb.children, *(value_root.children if value_root is not None else ())]:
                if prep.dep_ == "prep" and prep.lower_ in self.data.investment_object_preps:
                    found = next((e for e in (_entity_at(t, ents) for t in prep.subtree)
                                  if e is not None and e != exclude and e.label_ in ("ORG", "PRODUCT")), None)
                    if found is not None:
                        return found
        return None

    def _predicate(self, verb: Token | None, span: Span, obj: Span | None) -> str | None:
        if verb is None:
            head = span.root.head
            return head.lemma_ if head.i != span.root.i else None
        words = [verb.lemma_ if verb.tag_ not in ("VBN", "VBD", "VBZ", "VBG") else verb.text]
        words += [c.text for c in verb.children if c.dep_ == "prt"]
        noun = _funded_noun(span)
        if noun:
            words.append(noun)
        if obj is not None:
            preps = [c for c in verb.subtree if c.dep_ in ("prep", "dative") and c.i < obj.start
                     and any(obj.start <= t.i < obj.end for t in c.subtree)]
            prep = max(preps, key=lambda c: c.i).text if preps else None
            if prep:
                words.append(prep)
        return " ".join(words)

    def _modality(self, verb: Token | None, sent: Span) -> Modality:
        if verb is None:
            return "asserted"
        for child in verb.children:
            if child.dep_ == "neg":
                return "negated"
        text = extensions.doc_text(sent.doc)
        window = " " + text[max(sent.start_char, verb.idx - 31): verb.idx].lower()  # the 30 characters before
        if any(c.dep_ == "aux" and c.lower_ in self.data.future_auxiliaries for c in verb.children):
            return "future"
        if any(marker in window for marker in self._future_phrases):
            return "future"
        if verb.head.lemma_ in self.data.intention_verbs and verb.dep_ == "xcomp":
            return "future"
        if any(marker in window for marker in self.data.negation_markers):
            return "negated"
        return "asserted"

    def _hedge_before(self, span: Span, sent: Span) -> str | None:
        doc = span.doc
        start = max(span.start - 3, sent.start)
        before = extensions.doc_text(doc)[doc[start].idx: span.start_char].rstrip().lower()
        for hedge in self.data.hedges:
            if before.endswith(hedge):
                return hedge
        return None

    # ---- events ---------------------------------------------------------------------------
    def _maker_in_context(self, thing: Span, ents: list[Span], ctx: _Context) -> Span | None:
        """The company that makes a product, when the text names it nearby: 'Huawei ... the 950PR would arrive'."""
        entry = self.gazetteer.entries.get(thing.id_) if thing.id_ else None
        if entry is None or entry.maker is None:
            return None
        maker = self.gazetteer.entries[entry.maker].canonical
        for e in ents:
            if e._.canonical == maker:
                return e
        if ctx.last_org is not None and ctx.last_org._.canonical == maker:
            return ctx.last_org
        return None

    def events(self, sent: Span, ents: list[Span], values: list[Span], ctx: _Context) -> list[DraftClaim]:
        out: list[DraftClaim] = []
        for tok in _cue_tokens_of(sent, ctx):
            kind = self.data.event_triggers.get(tok.lemma_.lower())
            if kind is None or tok.pos_ not in ("VERB",):
                continue
            particle = self.data.event_particles.get(tok.lemma_.lower())
            if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
                continue
            if tok.lemma_.lower() in self.data.event_needs_money and not any(
                v._.value is not None and v._.value.kind == "money" and tok in v.root.ancestors or
                (v._.value is not None and v._.value.kind == "money" and v.root.head == tok)
                for v in values
            ):
                continue
            lemma = tok.lemma_.lower()
            actor_ref: EntityRef | None = None
            if lemma in self.data.event_thing_subject and not any(c.dep_ == "dobj" for c in tok.children):
                subj = _subject_token(tok)  # 'the plant opened', not 'TSMC opened a plant'
                thing = _entity_in(subj, ents) if subj is not None else None
                actor = self._maker_in_context(thing, ents, ctx) if thing is not None else None
            else:
                actor, thing = self._event_roles(tok, ents)
                if actor is None:
                    actor_ref = self._event_actor(tok, ents, ctx)
            if actor is not None:
                actor_ref = _coordinated_ref(actor.root, actor, ents)
            thing_ref = entity_ref(thing) if thing is not None else _noun_phrase_object(tok)
            if actor_ref is None and thing_ref is None:
                continue
            if lemma in self.data.event_needs_object and thing_ref is None:
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
            claim.modality = self._modality(tok, sent)
            out.append(claim)
        return out

    def _event_actor(self, verb: Token, ents: list[Span], ctx: _Context) -> EntityRef | None:
        """The actor when the verb has no named subject of its own: 'JASM plans to begin', 'Google said it
        would invest ... and opened', 'the company released'."""
        subj = _subject_token(verb)
        if subj is None:
            return None
        found = _entity_in(subj, ents)
        if found is not None and found.label_ != "PRODUCT":
            return entity_ref(found)
        named = _name_before(subj, ents, ("ORG",)) if subj.pos_ == "PRON" else None
        if named is not None:
            return entity_ref(named)
        return self._anaphor(subj, ctx)

    def _event_roles(self, verb: Token, ents: list[Span]) -> tuple[Span | None, Span | None]:
        actor = thing = None
        if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            # "Huawei's Ascend 910C chips, rolled out earlier this year" / "tools launched by X"
            thing = _entity_in(verb.head, ents)
            for tok in verb.head.subtree:
                if tok.dep_ == "poss":
                    actor = _entity_in(tok, ents)
        for child in verb.children:
            if child.dep_ in ("nsubj",):
                actor = actor or _entity_in(child, ents)
            elif child.dep_ in ("nsubjpass",):
                thing = thing or _entity_in(child, ents)
            elif child.dep_ in ("dobj", "attr"):
                thing = thing or _thing_in(child, ents)
            elif child.dep_ == "agent":
                actor = actor or _entity_in(child, ents)
        if thing is None:
            # the small parser sometimes hangs a product name off the verb as advmod or npadvmod
            for child in verb.children:
                if child.dep_ not in ("nsubj", "agent", "prep") and child.i > verb.i:
                    found = _entity_at(child, ents)
                    if found is not None and found.label_ == "PRODUCT":
                        thing = found
                        break
        if actor is not None and thing is None and actor.label_ == "PRODUCT":
            actor, thing = None, actor  # "Huawei's Ascend 910C chips, rolled out ...": the product is the thing
        if thing is not None and actor is None:
            for tok in thing.root.head.subtree:
                if tok.dep_ == "poss":
                    actor = _entity_at(tok, ents)
                    break
        if actor is not None and thing is not None and actor == thing:
            thing = None
        return actor, thing

    # ---- dates and attribution -------------------------------------------------------------
    def date_for(self, sent: Span, claim: DraftClaim, dates: list[_SentenceDate], streak: int | None
                 ) -> tuple[DateRef | None, int | None]:
        """The date of the claim's own clause where there is one, else the nearest in the sentence."""
        if not dates:
            return None, streak
        doc = sent.doc
        anchor_tok = doc.char_span(claim.anchor[0], claim.anchor[1], alignment_mode="expand")
        verb = _governing_verb(anchor_tok.root) if anchor_tok is not None else None

        def rank(d: _SentenceDate) -> tuple[int, int]:
            dverb = d.verb
            if verb is None or dverb is None:
                clause = 1
            elif dverb == verb:
                clause = 0
            elif dverb in verb.ancestors or verb in dverb.ancestors:
                clause = 1
            else:
                clause = 2
            return clause, abs(d.start_char - claim.anchor[0])

        best = min(dates, key=rank)
        claim.rules.append("date:" + ("its own clause", "a clause above or below it", "elsewhere in the sentence",
                                      )[rank(best)[0]])
        return best.date, streak or best.streak

    def attribution(self, sent: Span, ents: list[Span], ctx: _Context) -> Source | None:
        source = self._according_to(sent, ents, ctx) or self._speech(sent, ents, ctx)
        if source is not None:
            ctx.last_speaker = source
            return source
        text = _sentence_text(sent).lstrip()
        if text[:1] in ("“", '"') and ctx.last_speaker is not None:
            return ctx.last_speaker.model_copy(update={"kind": "quote"})
        return None

    def _according_to(self, sent: Span, ents: list[Span], ctx: _Context) -> Source | None:
        for tok in _cue_tokens_of(sent, ctx):
            if tok.lower_ == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                nxt = tok.nbor(1) if tok.i + 1 < sent.end else None
                prep = to or (nxt if nxt is not None and nxt.lower_ == "to" else None)
                if prep is None:
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                return self._report_source(pobj, ents)
            if tok.lower_ in self.data.report_by_nouns and tok.dep_ in ("nsubj", "pobj"):
                by = next((c for c in tok.children if c.lower_ == "by"), None)
                if by is not None:
                    found = next((_entity_in(c, ents) for c in by.children if c.dep_ == "pobj"), None)
                    if found is not None:
                        return Source(text=found._.canonical or found.text, kind="report")
        return None

    def _report_source(self, pobj: Token, ents: list[Span]) -> Source:
        """'a DeepSeek study' -> 'DeepSeek study'; 'research by DeepSeek published ...' -> 'DeepSeek'."""
        if pobj.lemma_.lower() in self.data.report_nouns:
            for prep in pobj.children:
                if prep.lower_ == "by":
                    found = next((_entity_in(c, ents) for c in prep.children if c.dep_ == "pobj"), None)
                    if found is not None:
                        return Source(text=found._.canonical or found.text, kind="according_to")
        skip: set[int] = set()
        for child in pobj.children:
            if child.dep_ in ("acl", "relcl", "punct", "appos") and child.i > pobj.i:
                skip.update(t.i for t in child.subtree)
        words = [t for t in pobj.subtree if t.i not in skip]
        phrase = pobj.doc[words[0].i: words[-1].i + 1].text if words else pobj.text
        return Source(text=_strip_det(_strip_possessive_phrase(phrase)).strip(" ,"), kind="according_to")

    def _speech(self, sent: Span, ents: list[Span], ctx: _Context) -> Source | None:
        for tok in _cue_tokens_of(sent, ctx):
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.data.speech_verbs:
                continue
            subj = _subject_token(tok)
            if subj is None:
                continue
            if subj.text in self.data.pronouns_person:
                if ctx.last_person is not None:
                    return self._person_source(ctx.last_person, ents, kind="said")
                continue
            found = _entity_in(subj, ents)
            if self._company_description(subj) and (found is None or found.label_ in _PLACE_LABELS):
                # '..., the Beijing-based company said': the company named before, not Beijing
                company = _name_before(subj, ents, ("ORG",))
                referent = entity_ref(company) if company is not None else self._anaphor(subj, ctx)
                if referent is not None:
                    return Source(text=referent.canonical or referent.text, kind=self._speech_kind(tok))
            if found is not None and found.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                if found.label_ == "PERSON":
                    return self._person_source(found, ents, kind=self._speech_kind(tok), appos_of=subj)
                return Source(text=found._.canonical or found.text, kind=self._speech_kind(tok))
            if subj.pos_ in ("NOUN", "PROPN") and subj.dep_ != "expl":
                phrase = sent.doc[subj.left_edge.i: subj.i + 1].text
                if phrase in self.data.company_anaphora and ctx.last_org is not None:
                    org = ctx.last_org
                    return Source(text=org._.canonical or org.text, kind=self._speech_kind(tok))
                return Source(text=_strip_det(phrase), kind=self._speech_kind(tok))
        return None

    def _speech_kind(self, verb: Token) -> SourceKind:
        kind = self.data.speech_kinds.get(verb.lemma_.lower(), "said")
        return cast(SourceKind, kind)

    def _person_source(self, person: Span, ents: list[Span], kind: SourceKind, appos_of: Token | None = None
                       ) -> Source:
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


# ---- small parse helpers ---------------------------------------------------------------------
def _sentence_text(sent: Span) -> str:
    """The sentence's text, sliced from the Doc's text (Span.text walks the tokens)."""
    return extensions.doc_text(sent.doc)[sent.start_char: sent.end_char]



def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _masked_to_char(masked: Masked, pos: int) -> int:
    best = masked.offsets[0]
    for entry in masked.offsets:
        if entry[0] <= pos:
            best = entry
        else:
            break
    return best[1] + (pos - best[0])


def _clean_phrase(text: str | None) -> str | None:
    if not text:
        return None
    text = _strip_possessive_phrase(text).strip(" ,;.")
    return text or None


def _hedge_in(text: str, hedges: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for hedge in hedges:
        if re.search(rf"\b{re.escape(hedge)}\b", lowered):
            return hedge
    return None


def _strip_possessive_phrase(text: str) -> str:
    return re.sub(r"(?:'s|’s)\b", "", text)


def _governing_verb(tok: Token) -> Token | None:
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            return t
    return None


def _subject_token(verb: Token) -> Token | None:
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if current.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _subject_phrase(subject_tok: Token | None, ents: list[Span], value: Span) -> Span | None:
    """The verb's subject as a noun phrase where it is no entity ('The ministry', 'India's semiconductor
    market', 'the base model'): from its left edge to its head, so relative clauses stay out."""
    if subject_tok is None or subject_tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    phrase = subject_tok.doc[subject_tok.left_edge.i: subject_tok.i + 1]
    if any(e.start == phrase.start and e.end == phrase.end for e in ents):
        return None  # the entity itself is a candidate already
    if phrase.start < value.end and value.start < phrase.end:
        return None
    return phrase


def _entity_at(tok: Token, ents: list[Span]) -> Span | None:
    for e in ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def _best_entity_in(tok: Token, ents: list[Span], prefer_product: bool) -> Span | None:
    """Like :func:`_entity_in`, but a place that only modifies the phrase ('Shenzhen-based Huawei')
    loses to an organisation or product, and a spec prefers the product."""
    own = _entity_at(tok, ents)
    # a clause on the phrase names other things: 'its unit, which sells the SU7, brought in ...'
    inside = _entities_inside(tok, ents, without_clauses=True)
    if prefer_product:
        products = [e for e in inside if e.label_ == "PRODUCT"]
        if products:
            return own if own in products else products[-1]
    if own is not None and own.label_ not in _PLACE_LABELS:
        return own
    named = [e for e in inside if e.label_ not in _PLACE_LABELS]
    if named:
        return min(named, key=lambda e: abs(e.end - 1 - tok.i))
    return own or _entity_in(tok, ents)


def _entities_inside(tok: Token, ents: list[Span], *, without_clauses: bool = False) -> list[Span]:
    """The entities in the phrase headed by ``tok``; ``without_clauses`` leaves out those in a relative
    or adjectival clause on it."""
    left, right = tok.left_edge.i, tok.right_edge.i
    clauses = [(c.left_edge.i, c.right_edge.i) for c in tok.children
               if c.dep_ in ("relcl", "acl")] if without_clauses else []
    return [e for e in ents if e.start >= left and e.end <= right + 1
            and not any(lo <= e.start <= hi for lo, hi in clauses)]


def _entity_in(tok: Token, ents: list[Span]) -> Span | None:
    """The entity that best names the phrase headed by ``tok``: the head's own, else the nearest."""
    own = _entity_at(tok, ents)
    if own is not None:
        return own
    inside = _entities_inside(tok, ents)
    if not inside:
        return None
    before_head = [e for e in inside if e.end <= tok.i]
    pool = before_head or inside
    return min(pool, key=lambda e: abs(e.end - 1 - tok.i))


def _required_words(pattern: DependencyPattern) -> tuple[frozenset[str], ...]:
    """For each node of a pattern that names its words (LOWER, LEMMA) or its dependency label, the
    values it accepts: a Doc without one of them cannot match."""
    out = []
    for node in pattern.pattern:
        for key in ("LOWER", "LEMMA", "DEP"):
            spec = node["RIGHT_ATTRS"].get(key)
            if isinstance(spec, str):
                out.append(frozenset([spec]))
            elif isinstance(spec, dict) and "IN" in spec:
                out.append(frozenset(spec["IN"]))
    return tuple(out)


def _name_before(tok: Token, ents: list[Span], labels: Container[str], *, but: bool = False) -> Span | None:
    """The last named entity before ``tok`` in the sentence with a label in ``labels`` (``but``: any label
    except those): what 'it' most likely means."""
    before = [e for e in ents if e.end <= tok.i and (e.label_ in labels) != but]
    return before[-1] if before else None


def _phrase_ref(head: Token, skip: Callable[[Token], bool]) -> EntityRef:
    """A noun phrase that names no entity, as a reference: its head's left edge to the head, without
    the leading tokens ``skip`` accepts (determiners, owners)."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and skip(doc[start]):
        start += 1
    phrase = doc[start: head.i + 1]
    return EntityRef(text=phrase.text, canonical=phrase.text, label="NP", start=phrase.start_char,
                     end=phrase.end_char)


def _thing_in(tok: Token, ents: list[Span]) -> Span | None:
    """What an event acts on: like :func:`_entity_in`, but a place deep in the phrase is no thing
    ('opened its first factory in Japan' is about the factory)."""
    found = _entity_in(tok, ents)
    if found is not None and found.label_ in _PLACE_LABELS and not found.start <= tok.i < found.end:
        return None
    return found


def _possessor(noun: Token, ents: list[Span]) -> str | None:
    """The scope of a ranking from its possessor: "the world's", "China's" -> 'the world', 'China'."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
    if poss is None:
        return None
    own = _entity_at(poss, ents)
    if own is not None:
        return str(own._.canonical or own.text)
    start = poss.left_edge.i
    while start < poss.i and _entity_at(poss.doc[start], ents) is not None:  # 'makes Mistral Europe's'
        start += 1
    return poss.doc[start: poss.i + 1].text


def _noun_phrase_object(verb: Token) -> EntityRef | None:
    """The thing of an event when it is no named entity: 'two EDA tools were launched'."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            doc = child.doc
            start = child.left_edge.i
            while start < child.i and doc[start].dep_ in ("det", "nummod", "poss", "case", "quantmod"):
                start += 1
            span = doc[child.left_edge.i: child.i + 1]
            canonical = doc[start: child.i + 1].text
            return EntityRef(text=span.text, canonical=canonical, label="NP", start=span.start_char,
                             end=span.end_char)
    return None


def _funded_noun(span: Span) -> str | None:
    """'600 million yuan of research funding' -> 'research funding'."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return span.doc[pobj.left_edge.i: pobj.i + 1].text
    return None


@Language.factory(
    "newsclaims_linker",
    default_config={"min_confidence": 0.0, "low_confidence": 0.6, "entities_key": extensions.ENTITIES,
                    "values_key": extensions.VALUES, "dates_key": extensions.DATES, "subject_model": True,
                    "object_model": False},
    assigns=["doc._.claims"],
    requires=["doc.spans", "token.dep", "doc.sents"],
)
def make_linker(nlp: Language, name: str, min_confidence: float, low_confidence: float, entities_key: str,
                values_key: str, dates_key: str, subject_model: bool, object_model: bool) -> Linker:
    """``min_confidence`` drops weaker links; those under ``low_confidence`` are kept with a warning.
    The ``*_key`` settings name the span groups the earlier stages write (:func:`pipeline.nlp.load`
    passes their ``spans_key`` on). ``subject_model`` and ``object_model`` rank a figure's subject and
    object candidates with the trained models in ``models/linking/`` (:mod:`pipeline.roles`); False keeps
    the rules' choice. The object model is off by default: it gained under a point on dev and test but
    drops recipients the rules find ("shipped ... servers to Saudi Arabia")."""
    return Linker(nlp, name, min_confidence, low_confidence, entities_key, values_key, dates_key, subject_model,
                  object_model)

