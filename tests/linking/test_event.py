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
        ("Kioxia plans to begin mass production of its 332-layer flash in March.", "Kioxia", "mass production",
         "launch"),
    ],
    ids=["rolled-out", "launched-by", "released", "acquired", "opened-a-plant", "it-would-open", "plans-to-begin"],
)
def test_linker_events(nlp: Language, text: str, actor: str, thing: str | None, kind: str) -> None:
    events = claims_of(nlp, text, "event")
    assert [(canon(e.subject), e.event_kind) for e in events] == [(actor, kind)]
    if thing is not None:
        assert canon(events[0].object) == thing
