"""The linking data files: bad rows are refused with the file and the cause named."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import spacy

from pipeline import linking
from pipeline.components.linker import Linker
from pipeline.errors import DataFileError


@pytest.fixture()
def patched_dependency(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[dict[str, Any]], None]], None]]:
    original = linking.read_text

    def patch(mutate: Callable[[dict[str, Any]], None]) -> None:
        def read_text(path: str) -> str:
            text = original(path)
            if path != "patterns/dependency.json":
                return text
            raw = json.loads(text)
            mutate(raw)
            return json.dumps(raw)

        monkeypatch.setattr(linking, "read_text", read_text)
        linking.load_dependency.cache_clear()

    yield patch
    monkeypatch.undo()
    linking.load_dependency.cache_clear()


def test_dependency_patterns_name_the_nodes_the_linker_reads() -> None:
    data = linking.load_dependency()
    assert data.rankings, "no ranking patterns"
    for pattern in data.rankings:
        assert {"category", "superlative", "subject"} <= set(pattern.nodes), pattern.id


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda raw: raw.update({"comparisions": []}), "unknown keys"),
    (lambda raw: raw["rankings"][0]["pattern"].pop(), "no node"),
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
        Linker(spacy.blank("en"), "newsclaims_linker", 0.0, 0.6)
