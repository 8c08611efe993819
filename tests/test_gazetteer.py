from __future__ import annotations

import json
import re

import pytest

from pipeline.gazetteer import GAZETTEER_FILES, load_gazetteer
from pipeline.linking import load_linking
from pipeline.resources import models_path, read_text


def test_every_gazetteer_row_loads_with_unique_ids_and_aliases() -> None:
    gaz = load_gazetteer()
    assert len(gaz.entries) > 100
    aliases = [alias for e in gaz.entries.values() for alias in e.aliases]
    duplicates = {a for a in aliases if aliases.count(a) > 1}
    assert duplicates == set()


@pytest.mark.parametrize("name", GAZETTEER_FILES)
def test_gazetteer_files_have_only_known_keys(name: str) -> None:
    allowed = {"id", "canonical", "label", "kind", "aliases", "maker"}
    for line in read_text(f"gazetteers/{name}").splitlines():
        assert set(json.loads(line)) <= allowed


def test_linking_patterns_compile_and_are_unique() -> None:
    data = load_linking()
    ids = [p.id for p in data.comparisons + data.rankings]
    assert len(ids) == len(set(ids))
    assert all(isinstance(p.regex, re.Pattern) for p in data.comparisons + data.rankings)


def test_models_folder_has_readmes() -> None:
    root = models_path()
    assert root.joinpath("gazetteers").joinpath("README.md").is_file()
