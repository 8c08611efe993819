import json
import re

import pytest

from pipeline.resources import read_text
from pipeline.wordregex import word_alternation

VOCAB = json.loads(read_text("dates/vocabulary.json"))


def naive(words: list[str], dotted: frozenset[str] = frozenset()) -> str:
    """The plain alternation the trie replaces: longest word first."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        body = r"\s+".join(re.escape(piece) for piece in word.split())
        parts.append(body + r"\.?" if word in dotted else body)
    return "(?:" + "|".join(parts) + ")"


@pytest.mark.parametrize("key", ["months", "weekdays", "numbers", "ordinals", "count_words", "part_words"])
def test_every_word_of_a_vocabulary_list_matches_whole(key: str) -> None:
    words = list(VOCAB[key])
    regex = re.compile(word_alternation(words), re.IGNORECASE)
    for word in words:
        assert regex.fullmatch(word), word
        assert regex.fullmatch(" \t ".join(word.split())), word  # inner blanks are any whitespace


@pytest.mark.parametrize("sentence", [
    "Shipments rose for the twenty-seventh straight month in September, twenty seven analysts said.",
    "The firm sold thirty-three million units in its second quarter, up from twenty one million.",
    "On Sept. 4 and again on Sep 30 the regulator met; by Sept the deal was done.",
    "Twelve of the twenty suppliers said it was the eleventh delay since the first of March.",
])
def test_same_matches_as_the_plain_alternation(sentence: str) -> None:
    words = [*VOCAB["numbers"], *VOCAB["ordinals"], *VOCAB["months"]]
    dotted = frozenset({"sep", "sept"})
    bounded = r"(?<![\w])(?:{})(?![\w])"
    trie = re.compile(bounded.format(word_alternation(words, dotted=dotted)), re.IGNORECASE)
    plain = re.compile(bounded.format(naive(words, dotted)), re.IGNORECASE)
    found = [m.span() for m in trie.finditer(sentence)]
    assert found == [m.span() for m in plain.finditer(sentence)]
    assert found  # every sentence here has such words


def test_longest_word_wins_and_abbreviations_take_their_full_stop() -> None:
    regex = re.compile(word_alternation(["sep", "sept", "september", "ten", "tenth"], dotted=["sep", "sept"]))
    assert regex.match("september 4").group(0) == "september"
    assert regex.match("sept. 4").group(0) == "sept."
    assert regex.match("tenth time").group(0) == "tenth"
    assert regex.match("ten times").group(0) == "ten"
    assert regex.match("tent").group(0) == "ten"  # a word boundary is the caller's business


def test_custom_space_and_empty_list() -> None:
    regex = re.compile(word_alternation(["per cent"], space=r"[ \t]{1,2}"))
    assert regex.fullmatch("per  cent") and not regex.fullmatch("per\ncent")
    assert re.compile(word_alternation([])).search("anything") is None
