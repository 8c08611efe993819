"""The linking data files: bad rows are refused with the file and the cause named."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import spacy
from spacy.language import Language

from pipeline import resources
from pipeline.components.linker import Linker
from pipeline.errors import DataFileError
from pipeline.extensions import DATES, ENTITIES, VALUES
from pipeline.linking import data as linking
from pipeline.resources import read_text


@pytest.fixture()
def patched_dependency(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[dict[str, Any]], None]], None]]:
    original = resources.read_text

    def patch(mutate: Callable[[dict[str, Any]], None]) -> None:
        def read_text(path: str) -> str:
            text = original(path)
            if path != "patterns/dependency.json":
                return text
            raw = json.loads(text)
            mutate(raw)
            return json.dumps(raw)

        monkeypatch.setattr(resources, "read_text", read_text)
        linking.load_dependency.cache_clear()

    yield patch
    monkeypatch.undo()
    linking.load_dependency.cache_clear()


def _examples() -> list[tuple[str, str]]:
    raw = json.loads(read_text("patterns/dependency.json"))
    return [(row["id"], row["example"]) for section in ("rankings", "comparisons") for row in raw[section]]


@pytest.mark.parametrize(("pattern_id", "example"), _examples(), ids=[i for i, _ in _examples()])
def test_each_dependency_pattern_matches_its_own_example(nlp: Language, pattern_id: str, example: str) -> None:
    """The example a pattern documents is parsed so that the pattern fires on it."""
    linker = nlp.get_pipe("newsclaims_linker")
    assert pattern_id in {pattern.id for pattern, _ in linker.parse_matches(nlp(example))}


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda raw: raw.update({"comparisions": []}), "top level: field 'comparisions': unknown key"),
    (lambda raw: raw["rankings"][0]["pattern"].pop(), "field 'pattern': no node"),
], ids=["unknown-section", "missing-node"])
def test_dependency_data_rejects_bad_rows(patched_dependency: Callable[..., None],
                                          mutate: Callable[[dict[str, Any]], None], message: str) -> None:
    patched_dependency(mutate)
    with pytest.raises(DataFileError, match=f"dependency.json.*{message}"):
        linking.load_dependency()


def test_a_pattern_spacy_refuses_names_its_file_and_id(patched_dependency: Callable[..., None]) -> None:
    def bad_operator(raw: dict[str, Any]) -> None:
        raw["rankings"][0]["pattern"][1]["REL_OP"] = "<<<"

    patched_dependency(bad_operator)
    with pytest.raises(DataFileError, match="dependency.json rankings/dep_copula_superlative"):
        Linker(spacy.blank("en"), "newsclaims_linker", 0.0, 0.6, ENTITIES, VALUES, DATES, False, False)
