from __future__ import annotations

import re

from pipeline.gazetteer import load_gazetteer
from pipeline.linking import load_linking
from pipeline.resources import models_path


def test_every_gazetteer_row_loads_with_unique_ids_and_aliases() -> None:
    gaz = load_gazetteer()
    assert len(gaz.entries) > 100
    aliases = [alias for e in gaz.entries.values() for alias in e.aliases]
    duplicates = {a for a in aliases if aliases.count(a) > 1}
    assert duplicates == set()


def test_linking_patterns_compile_and_are_unique() -> None:
    data = load_linking()
    ids = [p.id for p in data.comparisons + data.rankings]
    assert len(ids) == len(set(ids))
    assert all(isinstance(p.regex, re.Pattern) for p in data.comparisons + data.rankings)


def test_models_folder_has_readmes() -> None:
    root = models_path()
    assert root.joinpath("gazetteers").joinpath("README.md").is_file()
