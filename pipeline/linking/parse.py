"""Small questions put to the dependency parse: the governing verb, the subject, the entity a phrase
names. Shared by every frame finder and role; none of them remembers anything between calls."""

from __future__ import annotations

from collections.abc import Callable, Container

from spacy.tokens import Span, Token

from pipeline import extensions
from pipeline.linking.data import DependencyPattern
from pipeline.records import EntityRef

#: a DependencyMatcher hit: the pattern and its tokens by node name
ParseMatch = tuple[DependencyPattern, dict[str, Token]]

_DETERMINERS = ("a ", "an ", "the ", "A ", "An ", "The ")
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})  # names that place or describe a subject rather than being it


def entity_ref(span: Span) -> EntityRef:
    canonical = span._.canonical or span.text
    return EntityRef(text=span.text, canonical=canonical, label=span.label_,
                     start=span.start_char, end=span.end_char)


def coordinated_ref(head: Token, found: Span, ents: list[Span]) -> EntityRef:
    """'Samsung Electronics and SK Hynix have pledged': the coordinated names as one subject, their
    canonical names joined with 'and'; a single name otherwise."""
    if not found.start <= head.i < found.end:
        return entity_ref(found)
    members = [found]
    for conj in head.conjuncts:
        other = entity_at(conj, ents)
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


def headed_ref(name: Span, head: Token) -> EntityRef:
    """A name that only modifies its phrase's head, with that head: 'the US government' -> 'United States
    government' (the name's canonical form, then the words after it up to the head)."""
    doc = name.doc
    rest = doc[name.end: head.i + 1]
    text = extensions.doc_text(doc)[name.start_char: rest.end_char]
    canonical = f"{name._.canonical or name.text} {rest.text}".strip()
    return EntityRef(text=text, canonical=canonical, label=name.label_, start=name.start_char, end=rest.end_char)


def strip_det(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            return text[len(det):]
    return text


def sentence_text(sent: Span) -> str:
    """The sentence's text, sliced from the Doc's text (Span.text walks the tokens)."""
    return extensions.doc_text(sent.doc)[sent.start_char: sent.end_char]


def governing_verb(tok: Token) -> Token | None:
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":
            return t
    return None


def subject_token(verb: Token) -> Token | None:
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


def subject_phrase(subject_tok: Token | None, ents: list[Span], value: Span) -> Span | None:
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


def entity_at(tok: Token, ents: list[Span]) -> Span | None:
    for e in ents:
        if e.start <= tok.i < e.end:
            return e
    return None


def best_entity_in(tok: Token, ents: list[Span], prefer_product: bool) -> Span | None:
    """Like :func:`entity_in`, but a place that only modifies the phrase ('Shenzhen-based Huawei')
    loses to an organisation or product, and a spec prefers the product."""
    own = entity_at(tok, ents)
    # a clause on the phrase names other things: 'its unit, which sells the SU7, brought in ...'
    inside = entities_inside(tok, ents, without_clauses=True)
    if prefer_product:
        products = [e for e in inside if e.label_ == "PRODUCT"]
        if products:
            return own if own in products else products[-1]
    if own is not None and own.label_ not in PLACE_LABELS:
        return own
    named = [e for e in inside if e.label_ not in PLACE_LABELS]
    if named:
        return min(named, key=lambda e: abs(e.end - 1 - tok.i))
    return own or entity_in(tok, ents)


def entities_inside(tok: Token, ents: list[Span], *, without_clauses: bool = False) -> list[Span]:
    """The entities in the phrase headed by ``tok``; ``without_clauses`` leaves out those in a relative
    or adjectival clause on it."""
    left, right = tok.left_edge.i, tok.right_edge.i
    clauses = [(c.left_edge.i, c.right_edge.i) for c in tok.children
               if c.dep_ in ("relcl", "acl")] if without_clauses else []
    return [e for e in ents if e.start >= left and e.end <= right + 1
            and not any(lo <= e.start <= hi for lo, hi in clauses)]


def entity_in(tok: Token, ents: list[Span]) -> Span | None:
    """The entity that best names the phrase headed by ``tok``: the head's own, else the nearest."""
    own = entity_at(tok, ents)
    if own is not None:
        return own
    inside = entities_inside(tok, ents)
    if not inside:
        return None
    before_head = [e for e in inside if e.end <= tok.i]
    pool = before_head or inside
    return min(pool, key=lambda e: abs(e.end - 1 - tok.i))


def name_before(tok: Token, ents: list[Span], labels: Container[str], *, but: bool = False) -> Span | None:
    """The last named entity before ``tok`` in the sentence with a label in ``labels`` (``but``: any label
    except those): what 'it' most likely means."""
    before = [e for e in ents if e.end <= tok.i and (e.label_ in labels) != but]
    return before[-1] if before else None


def phrase_ref(head: Token, skip: Callable[[Token], bool]) -> EntityRef:
    """A noun phrase that names no entity, as a reference: its head's left edge to the head, without
    the leading tokens ``skip`` accepts (determiners, owners)."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and skip(doc[start]):
        start += 1
    phrase = doc[start: head.i + 1]
    return EntityRef(text=phrase.text, canonical=phrase.text, label="NP", start=phrase.start_char,
                     end=phrase.end_char)


def past_generic(noun: Token, generic: Container[str]) -> Token:
    """The noun a generic head is of or for: 'licences for shipments of the H20' is about the H20."""
    while noun.lemma_.lower() in generic:
        after = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "on")
                      for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
        if after is None:
            break
        noun = after
    return noun


def thing_in(tok: Token, ents: list[Span]) -> Span | None:
    """What an event acts on: like :func:`entity_in`, but a place deep in the phrase is no thing
    ('opened its first factory in Japan' is about the factory)."""
    found = entity_in(tok, ents)
    if found is not None and found.label_ in PLACE_LABELS and not found.start <= tok.i < found.end:
        return None
    return found


def possessor(noun: Token, ents: list[Span]) -> str | None:
    """The scope of a ranking from its possessor: "the world's", "China's" -> 'the world', 'China'."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
    if poss is None:
        return None
    own = entity_at(poss, ents)
    if own is not None:
        return str(own._.canonical or own.text)
    start = poss.left_edge.i
    while start < poss.i and entity_at(poss.doc[start], ents) is not None:  # 'makes Mistral Europe's'
        start += 1
    return poss.doc[start: poss.i + 1].text


def noun_phrase_object(verb: Token, generic: Container[str] = ()) -> EntityRef | None:
    """The thing of an event when it is no named entity: 'two EDA tools were launched'; past a
    ``generic`` head to what it is of ('mass production of 2-nanometre chips')."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            child = past_generic(child, generic)
            doc = child.doc
            start = child.left_edge.i
            while start < child.i and doc[start].dep_ in ("det", "nummod", "poss", "case", "quantmod") \
                    and (doc[start].whitespace_ or doc[start].dep_ != "nummod"):  # '332-layer flash' keeps it
                start += 1
            span = doc[child.left_edge.i: child.i + 1]
            canonical = doc[start: child.i + 1].text
            return EntityRef(text=span.text, canonical=canonical, label="NP", start=span.start_char,
                             end=span.end_char)
    return None


def funded_noun(span: Span) -> str | None:
    """'600 million yuan of research funding' -> 'research funding'."""
    root = span.root
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return span.doc[pobj.left_edge.i: pobj.i + 1].text
    return None
