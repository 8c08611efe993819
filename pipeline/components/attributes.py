"""The model's attribute rules (tag to part of speech, morphology, lemma exceptions), found by table lookup.

en_core_web_sm maps its fine tags to coarse parts of speech with an ``attribute_ruler`` of 179 token
patterns. spaCy's ruler runs them through a ``Matcher``, which tests every pattern at every token, and
then writes each match through a ``Span``: about an eighth of the bare model's time on news text, more
than any newsclaims stage. This component applies the same patterns to the same tokens with the same
precedence (a later pattern wins), but finds the candidates for a token by looking up its tag or word
in a table, and writes each token once. ``pipeline.nlp.load`` swaps it in for the model's ruler when
every pattern is of a kind it can index; otherwise the model's own ruler stays. The test
``tests/components/test_attributes.py`` checks that the two give the same annotations on real text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.attrs import IDS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

#: token attributes held as string hashes, which the lookup can compare as integers
_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE"})
#: the attributes a token is looked up by, most selective first
_LOOKUP_RANK = {name: i for i, name in enumerate(("ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "SHAPE",
                                                   "ENT_TYPE"))}


#: the attributes a rule may set, as the public Token properties that take their ids
_SETTABLE = {"POS": "pos", "TAG": "tag", "LEMMA": "lemma", "DEP": "dep", "MORPH": "morph"}


def _settable(vocab: Vocab, attrs: dict[str, Any]) -> dict[str, int]:
    """A rule's attributes as Token property -> id (a part-of-speech id, else a string or morph hash);
    UnsupportedPattern for any other attribute."""
    out = {}
    for name, value in attrs.items():
        prop = _SETTABLE.get(name.upper())
        if prop is None or not isinstance(value, str):
            raise UnsupportedPattern(f"the attribute {name!r} = {value!r} is not one this ruler sets")
        if prop == "pos":
            if value not in POS_IDS:
                raise UnsupportedPattern(f"unknown part of speech {value!r}")
            out[prop] = POS_IDS[value]
        elif prop == "morph":
            out[prop] = vocab.morphology.add(value)
        else:
            out[prop] = vocab.strings.add(value)
    return out


def _apply(token: Token, attrs: dict[str, int]) -> None:
    for prop, value in attrs.items():
        if prop == "morph":
            token.set_morph(value)  # type: ignore[attr-defined]  # public since spaCy 3.0, not in its stubs
        else:
            setattr(token, prop, value)


class UnsupportedPattern(ValueError):
    """A pattern this component cannot index (an operator, a numeric comparison, an unknown attribute)."""


@dataclass(frozen=True, slots=True)
class _Test:
    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    value: Any  # an int, a frozenset of ints, or a compiled regex
    memo: dict[int, bool] = field(default_factory=dict, compare=False)  # regex results by string hash


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the pattern's position: later patterns take precedence
    tokens: tuple[tuple[_Test, ...], ...]


class IndexedAttributeRuler:
    """spaCy's ``AttributeRuler`` for patterns of single-token tests, matched through lookup tables."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.columns: list[int | str] = []  # attribute ids, in the Doc.to_array sense
        self.column_names: list[str] = []
        self.attrs: list[dict[str, int]] = []
        self.indices: list[int] = []
        self.tables: dict[int, dict[int, list[_Rule]]] = {}  # column -> value -> rules whose first token needs it
        self.scan: list[_Rule] = []  # rules with no lookup key, tried at every token

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add patterns in the format of ``AttributeRuler.patterns``; raises UnsupportedPattern."""
        for row in patterns:
            order = len(self.attrs)
            for alternative in row["patterns"]:
                tokens = tuple(self._tests(spec) for spec in alternative)
                if not tokens:
                    raise UnsupportedPattern("an empty pattern")
                self._index(_Rule(order, tokens))
            self.attrs.append(_settable(self.vocab, row["attrs"]))
            self.indices.append(row.get("index", 0))

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(self.columns).tolist() if self.columns and len(doc) else []
        if rows and len(self.columns) == 1:
            rows = [[value] for value in rows]
        matches = sorted(self._matches(rows, doc.vocab.strings))
        merged: dict[int, dict[str, int]] = {}
        for order, start, end in matches:
            index = self.indices[order]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {order}: index {index} outside its match of {end - start} tokens")
            merged.setdefault(target, {}).update(self.attrs[order])
        for i, attrs in merged.items():
            _apply(doc[i], attrs)
        return doc

    # ---- compiling ---------------------------------------------------------------------------
    def _column(self, name: str) -> int:
        if name not in self.column_names:
            self.column_names.append(name)
            self.columns.append(IDS["ORTH" if name == "TEXT" else name])
        return self.column_names.index(name)

    def _hash(self, value: Any, name: str) -> int:
        if name in _STRING_ATTRS and isinstance(value, str):
            return int(self.vocab.strings.add(value))
        if _is_flag(name) and isinstance(value, bool):
            return int(value)
        raise UnsupportedPattern(f"{name}: {value!r}")

    def _tests(self, spec: dict[str, Any]) -> tuple[_Test, ...]:
        tests = []
        for name, value in spec.items():
            if name not in _STRING_ATTRS and not _is_flag(name):
                raise UnsupportedPattern(f"attribute {name!r}")
            column = self._column(name)
            if not isinstance(value, dict):
                tests.append(_Test(column, "eq", self._hash(value, name)))
                continue
            for predicate, argument in value.items():
                if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
                    hashes = frozenset(self._hash(v, name) for v in argument)
                    tests.append(_Test(column, predicate.lower(), hashes))
                elif predicate == "REGEX" and isinstance(argument, str) and name in _STRING_ATTRS:
                    tests.append(_Test(column, "regex", re.compile(argument)))
                else:
                    raise UnsupportedPattern(f"{name}: {predicate}")
        return tuple(tests)

    def _index(self, rule: _Rule) -> None:
        """File the rule under the most selective equality or set test of its first token, which
        the lookup then has already passed: only the rule's other tests are left to run."""
        keyed = [t for t in rule.tokens[0] if t.kind in ("eq", "in")]
        if not keyed:
            self.scan.append(rule)
            return
        key = min(keyed, key=lambda t: (_LOOKUP_RANK.get(self.column_names[t.column], len(_LOOKUP_RANK)),
                                        t.kind != "eq"))
        rest = _Rule(rule.order, (tuple(t for t in rule.tokens[0] if t is not key), *rule.tokens[1:]))
        table = self.tables.setdefault(key.column, {})
        for value in (key.value,) if key.kind == "eq" else key.value:
            table.setdefault(value, []).append(rest)

    # ---- matching ----------------------------------------------------------------------------
    def _matches(self, rows: list[list[int]], strings: StringStore) -> Iterator[tuple[int, int, int]]:
        """(pattern order, start, end) of every match, as the Matcher finds them."""
        n = len(rows)
        tables = list(self.tables.items())
        for start, row in enumerate(rows):
            candidates = list(self.scan)
            for column, table in tables:
                found = table.get(row[column])
                if found:
                    candidates.extend(found)
            for rule in candidates:
                tokens = rule.tokens
                if len(tokens) == 1:
                    if not tokens[0] or _passes(row, tokens[0], strings):
                        yield rule.order, start, start + 1
                elif start + len(tokens) <= n and all(_passes(rows[start + k], tests, strings)
                                                      for k, tests in enumerate(tokens)):
                    yield rule.order, start, start + len(tokens)


def _passes(row: list[int], tests: tuple[_Test, ...], strings: StringStore) -> bool:
    for test in tests:
        value = row[test.column]
        if test.kind == "eq":
            ok = value == test.value
        elif test.kind == "in":
            ok = value in test.value
        elif test.kind == "not_in":
            ok = value not in test.value
        else:
            ok = test.memo.get(value)
            if ok is None:  # the same words come back: each is tested once
                ok = test.memo[value] = test.value.search(strings[value]) is not None
        if not ok:
            return False
    return True


def _is_flag(name: str) -> bool:
    return (name.startswith("IS_") or name.startswith("LIKE_")) and name in IDS


@Language.factory("newsclaims_attribute_ruler", assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def make_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab)


def index_model_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the model's attribute ruler with the indexed one, if every pattern can be indexed."""
    ruler = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return False
    indexed = cast(IndexedAttributeRuler, nlp.add_pipe("newsclaims_attribute_ruler", before=name))
    try:
        indexed.add_patterns(ruler.patterns)
    except UnsupportedPattern:
        nlp.remove_pipe("newsclaims_attribute_ruler")  # half-filled: the model's own ruler stays
        return False
    nlp.remove_pipe(name)
    return True
