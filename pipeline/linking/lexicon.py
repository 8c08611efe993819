"""What the linker knows before it reads a word: the data files, the gazetteer, the trained role
models and the word sets derived from them, built once per component and passed to every step."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.strings import get_string_id

from pipeline.gazetteer import Gazetteer, load_gazetteer
from pipeline.linking.data import DependencyData, LinkingData, load_dependency, load_linking
from pipeline.roles import OBJECT_MODEL, RoleModel, load_role_model


@dataclass(slots=True)
class Lexicon:
    data: LinkingData
    dependency: DependencyData
    gazetteer: Gazetteer
    subject_model: RoleModel | None
    object_model: RoleModel | None
    collect_candidates: bool = False  # set by the training of the role models (pipeline.train_roles)
    #: string ids of the words that make a token a cue for attribution and events (see link.cue_tokens)
    cue_lowers: frozenset[int] = field(default_factory=frozenset)
    cue_lemmas: frozenset[int] = field(default_factory=frozenset)
    future_phrases: tuple[str, ...] = ()


def load_lexicon(subject_model: bool, object_model: bool) -> Lexicon:
    data = load_linking()
    return Lexicon(
        data=data, dependency=load_dependency(), gazetteer=load_gazetteer(),
        subject_model=load_role_model() if subject_model else None,
        object_model=load_role_model(OBJECT_MODEL) if object_model else None,
        cue_lowers=frozenset(get_string_id(w) for w in ("according", *data.report_by_nouns)),
        cue_lemmas=frozenset(get_string_id(w) for w in (*data.speech_verbs, *data.event_triggers)),
        future_phrases=tuple(m for m in data.future_markers if " " in m),
    )
