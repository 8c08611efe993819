"""Packaging that installs quietly: setuptools warns about a license table and about data folders it
is not told about, a wall of text in front of ``make run``'s summary."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_cli_build_license_is_an_spdx_string_and_the_backend_reads_it() -> None:
    config = _config()
    assert config["project"]["license"] == "MIT"  # type: ignore[index]
    requires = config["build-system"]["requires"]  # type: ignore[index]
    assert any(r.replace(" ", "") in ("setuptools>=77", "setuptools>=77.0") for r in requires)


def test_cli_build_every_importable_data_folder_is_a_listed_package() -> None:
    """A folder of the wheel's packages without its own entry makes setuptools warn (and one day drop it)."""
    setuptools = _config()["tool"]["setuptools"]  # type: ignore[index]
    listed = set(setuptools["packages"])
    dirs = {name: ROOT / path for name, path in setuptools["package-dir"].items()}
    found = set()
    for package, folder in dirs.items():
        for sub in folder.rglob("*"):
            importable = sub.is_dir() and sub.name.isidentifier() and sub.name != "__pycache__"
            if importable and any(p.is_file() for p in sub.iterdir()):
                found.add(".".join([package, *sub.relative_to(folder).parts]))
    assert found - listed == set()
