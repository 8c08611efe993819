"""Event frames (pipeline.linking.event) on real sentences."""

from __future__ import annotations

import pytest
from linkkit import canon, claims_of
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "actor", "thing", "kind"),
    [
        ("Huawei's Ascend 910C chips, rolled out earlier this year, power the new cluster.", "Huawei",
         "Huawei Ascend 910C", "launch"),
        ("Two EDA tools were launched in October by SiCarrier.", "SiCarrier", "EDA tools", "launch"),
        ("Alibaba released Qwen3 in April.", "Alibaba", "Qwen", "release"),
        ("Nvidia acquired Run:ai for about $700 million.", "Nvidia", None, "acquisition"),
        ("Samsung opened its newest chip plant in Texas on Monday.", "Samsung Electronics", "newest chip plant",
         "launch"),
        ("Micron said it would open a memory packaging plant in Gujarat.", "Micron", "memory packaging plant",
         "launch"),
        ("Kioxia plans to begin mass production of its 332-layer flash in March.", "Kioxia", "332-layer flash",
         "launch"),
        ("Rapidus aims to begin volume production of 2-nanometre chips in Hokkaido in 2027.", "Rapidus",
         "2-nanometre chips", "launch"),
        ("The Dutch government will require licences for exports of the most advanced lithography machines.",
         "Dutch government", "most advanced lithography machines", "export_control"),
        ("India's cabinet on Wednesday approved a sixth semiconductor plant worth 37 billion rupees.", "India's cabinet",
         "sixth semiconductor plant", "other"),
    ],
    ids=["rolled-out", "launched-by", "released", "acquired", "opened-a-plant", "it-would-open", "plans-to-begin",
         "production-of", "government-requires", "cabinet-approved"],
)
def test_linker_events(nlp: Language, text: str, actor: str, thing: str | None, kind: str) -> None:
    events = claims_of(nlp, text, "event")
    assert [(canon(e.subject), e.event_kind) for e in events] == [(actor, kind)]
    if thing is not None:
        assert canon(events[0].object) == thing


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Micron reported higher memory sales on Tuesday. The Idaho-based chipmaker also signed a preliminary "
         "agreement with the state for a new plant.", "Micron"),
        ("Xiaomi reported strong phone sales on Monday. The Beijing-based phone maker launched a new tablet "
         "at an event in Shanghai.", "Xiaomi"),
    ],
    ids=["based-chipmaker-signed", "based-maker-launched"],
)
def test_linker_event_actor_is_the_company_a_description_names(nlp: Language, text: str, actor: str) -> None:
    """The place in 'the Idaho-based chipmaker' only describes the company named before."""
    assert [canon(e.subject) for e in claims_of(nlp, text, "event")] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        "Broadcom raised its quarterly dividend by 11% to 59 cents a share.",
        "Chief executive Lisa Su raised her outlook for data centre GPU sales to more than $5 billion.",
        "Microsoft spent $22.6 billion on capital expenditure in the October-to-December quarter.",
        "The company spent 179.7 billion yuan on research and development last year.",
    ],
    ids=["raised-dividend", "raised-outlook", "spent-on-capex", "spent-on-research"],
)
def test_linker_figures_that_are_no_event(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text, "event") == []
