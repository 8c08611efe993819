"""Word lists as regular expressions that fail fast.

Python's ``re`` tries the alternatives of ``a|b|c`` one after the other at every position it scans,
so a list of a hundred number and month words costs a hundred checks per position. The same list
as a trie (``t(?:en|w(?:elve|enty))``) costs one check per letter that can still lead to a word.
Both match the same strings and both prefer the longest word at a position.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

_END = ""  # trie key of "a word ends here"
_END_DOTTED = "."  # "a word ends here, optionally followed by a full stop" (abbreviations)
_Node = dict[str, "_Node"]


def word_alternation(words: Iterable[str], *, space: str = r"\s+", dotted: Iterable[str] = ()) -> str:
    """One regex group matching any of ``words``, longest first.

    Blanks inside a word match ``space``; the words in ``dotted`` (abbreviations) may be followed by a
    full stop. An empty list gives a group that never matches.
    """
    abbreviations = frozenset(dotted)
    root: _Node = {}
    for word in words:
        node = root
        pieces = word.split()
        for i, piece in enumerate(pieces):
            if i:
                node = node.setdefault(space, {})
            for char in piece:
                node = node.setdefault(re.escape(char), {})
        if pieces:
            node[_END_DOTTED if word in abbreviations else _END] = {}
    if not root:
        return "(?!)"
    return "(?:" + _render(root) + ")"


def _render(node: _Node) -> str:
    """The regex of the words below ``node``: longer continuations first, then the word ending here."""
    branches = [atom + _render(child) for atom, child in node.items() if atom not in (_END, _END_DOTTED)]
    if _END_DOTTED in node:
        branches.append(r"\.")
    if not branches:
        return ""
    optional = _END in node or _END_DOTTED in node
    if len(branches) == 1 and not optional:
        return branches[0]
    if len(branches) == 1 and _single_atom(branches[0]):
        return branches[0] + "?"
    return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")


def _single_atom(regex: str) -> bool:
    """Whether ``regex`` is one character (possibly escaped), so that a ``?`` after it applies to all of it."""
    return len(regex) == 1 or (len(regex) == 2 and regex[0] == "\\")


class LazyRegex:
    """A regex compiled on its first use: the dates grammar holds hundreds of large patterns and a
    short article needs few of them, so compiling all at load time would dominate a cold start.
    ``compile()`` forces it (the data tests do, for every pattern)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compile().search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compile().finditer(text, pos, endpos)
