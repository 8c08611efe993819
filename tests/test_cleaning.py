from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.cleaning import clean, parse_rules
from pipeline.errors import DataFileError

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


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Main image credit: Getty Images", "image_credit"),
        ("A driver displays the Uber app on a phone in a car in Manhattan, New York.Reuters", "caption_credit_tail"),
        ("The TSMC facility under construction in Phoenix, Arizona, in 2023.Photographer: Caitlin O'Hara/Meridian",
         "photo_credit"),
        ("A smartphone with a displayed Nvidia logo is placed on a computer motherboard in this illustration taken "
         "March 6, 2023. Ledger Wire/Dado Ruvic/Illustration/File Photo", "caption_credit_tail"),
        ("A Samsung Electronics logo at its headquarters in Seoul. Photograph: Kim Hong-Ji/Reuters", "photo_credit"),
        ("Battery modules on a production line in Hefei, China. Getty Images | Kevin Frayer", "caption_credit_tail"),
        ("(Graphic: Nvidia's data-centre revenue by quarter - here)", "graphic_link"),
        ("An error has occurred, please try again later.", "error_message"),
        ("SOURCE Northwind Cloud Inc.", "press_release_source"),
        ("SOURCE: Ledgerly, Inc.", "press_release_source"),
        ("Investor contact: ir@northwindcloud.com, +1 206 555 0134", "press_contact"),
        ("More: Is Amazon Prime still worth $139 a year?", "more_link"),
        ("Email Kelly Braddock at kbraddock@usadaily.com and follow her on X @kbraddock.", "author_contact"),
        ("Follow us on Twitter @usadailytech.", "follow_us"),
        ("Follow AP's coverage of the tech industry at https://alliedpress.org/hub/technology", "follow_coverage"),
        ("___", "rule_line"),
        ("Reporting by Arsheeya Bal in Bengaluru; Editing by Peter Lowe", "sign_off"),
        ("Our Standards: The Ledger Wire Trust Principles.", "standards"),
        ("Save 40% on an annual plan: get Proton VPN Plus for $4.99 a month, billed at $59.88 for the first year.",
         "subscription_offer"),
        ("Try unlimited access. Only $1 for 4 weeks, then $75 per month. Cancel anytime during your trial.",
         "subscription_offer"),
        ("Every product on Gearwire is independently selected by our editors. When you buy something through one "
         "of these links, we may earn an affiliate commission.", "affiliate_disclosure"),
        ("Business Intel's newsroom has won 14 awards this year. Read our best stories of 2024 in one place.",
         "self_promo"),
        ("Before it's here, it's on the Meridian Terminal. LEARN MORE", "call_to_action"),
        ("VIDEO 3:12", "video_marker"),
        ("Key Points", "key_points"),
        ("Read next", "read_next"),
        ("Order Reprints", "reprints"),
        ("Print Article", "reprints"),
        ("For reprint and licensing requests for this article, call 1-800-843-0008 or visit www.msjreprints.com.",
         "reprints"),
    ],
    ids=["main-image-credit", "caption-runs-into-reuters", "photographer-credit", "caption-file-photo",
         "photograph-credit", "getty-pipe-credit", "graphic-here", "error-message", "source-release",
         "source-colon", "investor-contact", "more-line", "email-author", "follow-us-twitter", "follow-coverage",
         "underscores", "reporting-editing", "trust-principles", "save-40-annual-plan", "try-unlimited-access",
         "affiliate-disclosure", "read-our-best", "learn-more", "video-length", "key-points", "read-next",
         "order-reprints", "print-article", "reprint-phone"],
)
def test_clean_rules_drop_real_boilerplate_lines(line: str, rule: str) -> None:
    result = clean(f"Shares of the company rose 3% in early trading on Tuesday.\n\n{line}\n")
    assert result.text == "Shares of the company rose 3% in early trading on Tuesday."
    assert result.removed == [(rule, line)]


@pytest.mark.parametrize(
    "line",
    [
        "Source code for the model was released on Tuesday, the company said.",
        "Sources said the deal could be worth $2 billion.",
        "More than 3 million people had reserved the Mate XT on Huawei's online store by Monday.",
        "Reporting by the Financial Times in March showed the company had lost $2 billion.",
        "Reuters reported the talks first, citing three people familiar with the matter.",
        "Getty Images shares rose 3% after the merger with Shutterstock was approved.",
        "The plan gives subscribers unlimited access to 100 million songs for $10.99 a month.",
        "Investors who follow Tesla on X were surprised by the announcement.",
        "Editing software maker Adobe said revenue rose 11% to $5.41 billion.",
        "“We love working with AP/Reuters,” said Jane Doe, chief executive of Acme.",
        "Most of the job cuts would be completed by the end of 2024.",
        "Why it matters: Investors are watching whether huge AI investments will pay off.",
    ],
    ids=["source-code", "sources-said", "more-than", "reporting-by-ft", "reuters-reported", "getty-shares",
         "unlimited-access-story", "follow-on-x-story", "editing-software", "quote-with-slash", "most-of",
         "why-it-matters"],
)
def test_clean_new_rules_keep_story_lines(line: str) -> None:
    assert clean(line + "\n").text == line


BODY = [
    "Mistral AI has raised €600 million in a funding round that values the company at about $6 billion.",
    "The round was led by General Catalyst and includes €468 million in equity and €132 million in debt.",
    "A bigger cluster",
    "Microsoft invested €15 million in the company in February as part of a partnership on Azure.",
]


@pytest.mark.parametrize("copies", [2, 3], ids=["twice", "three-times"])
def test_clean_keeps_a_repeated_body_once(copies: int) -> None:
    raw = "\n".join(BODY * copies) + "\n"
    result = clean(raw)
    assert result.text == "\n".join(BODY)
    assert [rule for rule, _ in result.removed] == ["repeated_paragraph"] * (len(BODY) * (copies - 1))


@pytest.mark.parametrize(
    "raw",
    [
        "Revenue rose 9% to $9.44 billion.\nRevenue rose 9% to $9.44 billion.\n",
        "Shares rose 10%.\nShares rose 10%.\n",
    ],
    ids=["short-paragraph-twice-kept-once", "very-short-line-twice"],
)
def test_clean_repeats_below_paragraph_length_follow_the_caption_rule(raw: str) -> None:
    """A short sentence seen twice is not a repeated body: it ends like a sentence, so both stay."""
    assert clean(raw).text == raw.rstrip()


def test_clean_newsletter_block_is_dropped_whole() -> None:
    raw = ("Samsung shares rose 2.2% in Seoul, taking their gain this year to more than 12%.\n"
           "skip past newsletter promotion\nSign up to TechScape\nA weekly dive in to how technology is shaping "
           "our lives\nPrivacy Notice: Newsletters may contain info about charities.\nafter newsletter promotion\n"
           "Prices of DRAM chips rose by 13% to 18% in the quarter, according to TrendForce.\n")
    result = clean(raw)
    assert result.text.splitlines() == [raw.splitlines()[0], raw.splitlines()[-1]]
    assert {rule for rule, _ in result.removed} == {"newsletter_box"}


def test_clean_rules_file_loads_every_row() -> None:
    from pipeline.resources import read_text

    data = json.loads(read_text("cleaning/boilerplate.json"))
    rules = parse_rules(data)
    assert len(rules.rules) == len(data["rules"]) and len(rules.blocks) == len(data["blocks"])
    assert all(rule.why for rule in rules.rules + rules.blocks)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"].append(dict(d["rules"][0])), "field 'id': duplicate 'advertisement'"),
        (lambda d: d["rules"][0].update(flags="i"), "field 'flags': unknown key"),
        (lambda d: d["rules"][0].update(regex="(unclosed"), "field 'regex': regex does not compile"),
        (lambda d: d.update(extra=1), "top level: field 'extra': unknown key"),
        (lambda d: d["blocks"][0].pop("end"), "field 'end': missing"),
    ],
    ids=["duplicate-id", "unknown-rule-key", "bad-regex", "unknown-top-key", "block-without-end"],
)
def test_clean_rules_file_refuses_malformed_rows(change: Callable[[dict[str, Any]], object], message: str) -> None:
    from pipeline.resources import read_text

    data = json.loads(read_text("cleaning/boilerplate.json"))
    change(data)
    with pytest.raises(DataFileError, match=message):
        parse_rules(data)


PAGES = Path(__file__).resolve().parent.parent / "evals" / "cleaning" / "dev"
#: pages whose boilerplate carries figures: a subscription offer, deals, captions, a tripled body, ...
EVIDENCE_PAGES = ["vpn-deal-annual", "arm-ipo-pinkpaper", "samsung-profit-broadsheet", "amazon-prime-day-usatoday",
                  "acme-cloud-results-release", "startup-funding-triple", "nvidia-q3-datacenter",
                  "switch-sales-gadgethub"]
#: the boilerplate kinds real pages leaked into records
BOILERPLATE = re.compile(
    r"save \d+% on an annual plan|unlimited access|cancel anytime|coupon|use code|\bat (?:amazon|best buy|walmart)\b"
    r"|image credit|photograph:|photographer:|getty|file photo|/illustration|order reprints|print article|reprint"
    r"|error has occurred|\(graphic:|editors' recommendations|read next|follow (?:us|her|him) on|^email |^source\b"
    r"|^more:|affiliate commission|newsletter", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def page_results(extractor):  # type: ignore[no-untyped-def]
    from pipeline.articles import Article, iter_articles

    articles = [a for a in iter_articles([PAGES / f"{name}.html" for name in EVIDENCE_PAGES])]
    assert all(isinstance(a, Article) for a in articles), articles
    return list(extractor.extract_many(articles))


def test_clean_no_record_evidence_from_page_boilerplate(page_results) -> None:  # type: ignore[no-untyped-def]
    assert len(page_results) == len(EVIDENCE_PAGES)
    for result in page_results:
        body = _squash((PAGES / f"{Path(result.article.source_path).stem}.body").read_text(encoding="utf-8"))
        assert result.claims, result.article.id
        for claim in result.claims:
            sentence = claim.evidence.sentence
            assert result.article.text[claim.evidence.start:claim.evidence.end] == sentence
            assert _squash(sentence) in body, (result.article.id, sentence)
            assert not BOILERPLATE.search(sentence), (result.article.id, sentence)


def test_clean_tripled_body_gives_each_claim_once(page_results) -> None:  # type: ignore[no-untyped-def]
    (result,) = [r for r in page_results if r.article.id == "startup-funding-triple"]
    keys = [(c.type, c.evidence.sentence, c.value_span) for c in result.claims]
    assert keys and len(keys) == len(set(keys))
    first = "Mistral AI, the Paris-based developer of open-weight language models"
    assert result.article.text.count(first) == 1
