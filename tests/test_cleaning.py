from __future__ import annotations

import pytest

from pipeline.cleaning import clean

SCRAPED = """1. Tech 2. AI

Advertisement

Huawei unveils a new AI cluster

Huawei's Ascend 910C chips, rolled out earlier this year, power the system.

Advertisement

A worker inspects a server rack in Shenzhen. Photo: Handout

A worker inspects a server rack in Shenzhen. Photo: Handout

The company said it shipped 300 systems in October.

Do you have questions about the biggest topics and trends from around the world? Get the answers with Orbit Knowledge, our new platform of explainers.

This article originally appeared in the South Coast Ledger.

Copyright © 2025 South Coast Ledger. All rights reserved.
"""


def test_clean_removes_boilerplate_and_keeps_story() -> None:
    result = clean(SCRAPED)
    assert "Advertisement" not in result.text
    assert "1. Tech" not in result.text
    assert "Photo: Handout" not in result.text
    assert "Do you have questions" not in result.text
    assert "originally appeared" not in result.text
    assert "Copyright" not in result.text
    assert "Huawei's Ascend 910C chips, rolled out earlier this year, power the system." in result.text
    assert "The company said it shipped 300 systems in October." in result.text
    assert {rule for rule, _ in result.removed} >= {"advertisement", "breadcrumb", "promo_questions",
                                                   "originally_appeared", "copyright"}


def test_clean_offsets_map_back_to_raw_text() -> None:
    result = clean(SCRAPED)
    needle = "The company said it shipped 300 systems in October."
    start = result.text.index(needle)
    raw_start = result.to_raw(start)
    assert SCRAPED[raw_start:raw_start + len(needle)] == needle


@pytest.mark.parametrize(
    "line",
    [
        "Shares of Nvidia rose 5% after the results.",
        "Advertising revenue at Baidu fell 6 per cent in the quarter.",
        "Related chips from AMD, the MI300X and MI325X, sold well.",
        "Copying Nvidia's CUDA is hard, engineers said.",
    ],
    ids=["shares", "advertising", "related-word", "copying"],
)
def test_clean_keeps_story_lines_that_look_like_boilerplate(line: str) -> None:
    assert clean(line + "\n").text == line


def test_clean_keeps_curly_quotes_and_nbsp() -> None:
    text = "“It is 60\u00a0per cent,” she said.\n"
    assert clean(text).text == text.rstrip()
