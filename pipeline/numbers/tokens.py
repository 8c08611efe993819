"""The tokens of one text, and the cheap questions every part of the scanner asks about them.

The text is cut into tokens once (digit runs, letter runs, single symbols); :class:`Tokens` keeps them
with the language data and says what stands at or next to a position: a blank, a symbol, a currency
prefix, the start of a sentence. The scanner's other parts are built on it, one layer each
(:mod:`.numerals`, :mod:`.grammar`, :mod:`.attach`, :mod:`.ranges`, :mod:`.engine`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from pipeline.numbers.data import NumbersData, load
from pipeline.numbers.drafts import Tok
from pipeline.numbers.patterns import TOKEN, Patterns, patterns

DASHES = frozenset("-−–")


def tokenize(text: str) -> list[Tok]:
    """Digit runs, letter runs and single symbols, each knowing whether a blank precedes it."""
    out: list[Tok] = []
    first = True
    pos = 0
    # the matches tile the text (blanks, then one token), so offsets are running sums; findall's
    # tuples cost far less than match objects
    for blank, digits, word, symbol in TOKEN.findall(text):
        pos += len(blank)
        if digits:
            kind, tok_text = "n", digits
        elif word:
            kind, tok_text = "w", word
        elif symbol:
            kind, tok_text = "s", symbol
        else:  # trailing blanks
            break
        end = pos + len(tok_text)
        out.append(Tok(kind, pos, end, tok_text, tok_text.lower(), first or bool(blank)))
        first = False
        pos = end
    return out


class Tokens:
    """One text's tokens with the data and patterns they are read by."""

    def __init__(self, text: str, published: dt.date | None, data: NumbersData | None = None,
                 pats: Patterns | None = None) -> None:
        self.text = text
        self.published = published
        self.d = data or load()
        self.p = pats or patterns()
        self.toks = [t for t in tokenize(text) if not self.in_url(t.start)] if self.has_urls(text) \
            else tokenize(text)
        self.last_end = 0
        self.n = len(self.toks)
        self.starts = [t.start for t in self.toks]
        self.number_words, self.word_starts = _word_sets(self.d)

    def has_urls(self, text: str) -> bool:
        self.url_spans = [(m.start(), m.end()) for m in self.p.url.finditer(text)]
        self.url_starts = [a for a, _ in self.url_spans]
        return bool(self.url_spans)

    def in_url(self, pos: int) -> bool:
        k = bisect_left(self.url_starts, pos + 1) - 1
        return k >= 0 and self.url_spans[k][0] <= pos < self.url_spans[k][1]

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def glued(self, i: int) -> bool:
        """Token i exists and follows the previous token with no blank."""
        return 0 < i < self.n and not self.toks[i].space

    def is_sym(self, i: int, chars: str | frozenset[str]) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "s" and t.text in chars

    def tok_at_char(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def sentence_initial(self, i: int) -> bool:
        """Token i starts a sentence (or the text)."""
        j = i - 1
        while j >= 0 and self.toks[j].kind == "s" and self.toks[j].text in "\"'“‘(*•-–—":
            j -= 1
        if j < 0:
            return True
        prev = self.toks[j]
        if prev.kind == "s" and prev.text in ".!?:;":
            return True
        return "\n" in self.text[prev.end:self.toks[i].start]

    def sentence_end(self, k: int) -> bool:
        t = self.toks[k]
        return t.kind == "s" and t.text in ".!?;" and (k + 1 >= self.n or self.toks[k + 1].space)

    def prefix_before(self, pos: int) -> re.Match[str] | None:
        """A currency symbol or code ending right before ``pos`` (checked cheaply first)."""
        j = pos - 1
        text = self.text
        while j >= 0 and pos - j <= 3 and text[j] in " \t\u00a0":
            j -= 1
        if j < 0 or text[j] not in self.p.prefix_last_chars:
            return None
        m = self.p.currency_prefix.search(text, max(0, pos - 14), pos)
        if m is not None and m.group("cur") in self.p.wire_symbols and not self.wire_amount(m.end("cur"), pos):
            return None
        return m

    def wire_amount(self, symbol_end: int, pos: int) -> bool:
        """Wire copy's "PS18,400" or "Y=31,450": glued, and more than one digit ("PS5" is a console)."""
        return symbol_end == pos and self.p.wire_digits.match(self.text, pos) is not None

    def plus_sign(self, i: int) -> bool:
        """"+0.4%", "DAX +0.4%": a plus sign glued to a percentage, after a blank or a bracket, is its sign."""
        plus = self.toks[i - 1]
        before = self.tok(i - 2)
        return (before is None or plus.space or before.kind == "s" and before.text in "([{:=,;") and \
            self.p.signed_percent.match(self.text, self.toks[i].start) is not None


_WORD_SETS: dict[int, tuple[dict[str, int], frozenset[str]]] = {}


def _word_sets(d: NumbersData) -> tuple[dict[str, int], frozenset[str]]:
    """Number words, and the words a numeral can start with, built once per data object."""
    found = _WORD_SETS.get(id(d))
    if found is None:
        words = d.number_words
        starts = frozenset(set(words) | set(d.hundred) | {"a", "an", "half", "quarter"} | set(d.negative_words)
                           | set(d.multiple_words) | set(d.multiple_verbs))
        found = _WORD_SETS[id(d)] = (words, starts)
    return found


def plural(word: str, d: NumbersData) -> bool:
    """A plural noun, by its ending (the text-level guess the counted noun uses too)."""
    return word in d.irregular_plurals or (len(word) > 3 and word.endswith("s") and
                                           not word.endswith(("ss", "us", "is", "ous")))
