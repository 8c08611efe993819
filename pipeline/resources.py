"""Access to the language data under ``models/``.

In a wheel, ``models/`` is installed as the package ``pipeline.models``; in a checkout it is
the folder next to ``pipeline/``.  Everything reads data through here.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


@lru_cache(maxsize=1)
def models_path() -> Traversable | Path:
    """The root of the language data, installed or in a checkout."""
    try:
        root = resources.files("pipeline.models")
        if root.joinpath("cleaning").is_dir():
            return root
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "models"


def read_text(relative: str) -> str:
    """The text of one data file, by its path relative to ``models/``."""
    node: Traversable | Path = models_path()
    for part in relative.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")
