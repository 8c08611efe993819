"""Reports: the Markdown and the HTML say what the result says, and the HTML is safe and self-contained."""

from __future__ import annotations

import re
from pathlib import Path

from evalkit import ARTICLES, NVIDIA, gold_claim, good_gold, pred_claim
from rich.console import Console

from pipeline.evaluate.report import html_report, markdown, print_summary, write_html, write_markdown
from pipeline.evaluate.scorer import EvalResult, compare, score

HOSTILE = 'Acme said <script>alert("x")</script> & "quotes" revenue rose 5% to $2 billion.'


def tiny_result() -> tuple[EvalResult, dict[str, str]]:
    """Gold and predictions with an exact match, a mismatch, a miss and a false positive."""
    texts = {**ARTICLES, "t3": HOSTILE}
    gold = [*good_gold()[:3],
            {"article_id": "t3", "type": "money", "subject": {"text": "Acme", "canonical": "Acme <Corp>"},
             "value": {"amount": 2e9, "currency": "USD", "text": "$2 billion"}, "evidence": {"sentence": HOSTILE}}]
    pred = [
        pred_claim("t1", "money", "$57 billion", "$57 billion", subject=dict(NVIDIA),
                   value={"amount": 57e9, "currency": "USD", "usd": 57e9, "usd_basis": "stated"}),
        pred_claim("t1", "money", "$65 billion", "$65 billion", subject=dict(NVIDIA),
                   value={"amount": 66e9, "currency": "USD"}),
        pred_claim("t1", "count", "192GB", "208 billion", value={"amount": 208e9, "counted": "transistors"}),
    ]
    result = score(gold, pred, texts, articles=texts.keys())
    return result, texts


def test_report_markdown_lists_scores_and_errors(tmp_path: Path) -> None:
    result, _ = tiny_result()
    path = write_markdown(result, tmp_path / "report.md")
    text = path.read_text(encoding="utf-8")
    assert "| money | 3 | 2 |" in text
    assert "## Misses (gold claims not found) (2)" in text
    assert "value 66,000,000,000 USD vs gold 65,000,000,000 USD" in text
    assert "no gold count claim in this sentence" in text
    assert "<script>" not in text


def test_report_html_is_escaped_and_self_contained() -> None:
    result, texts = tiny_result()
    page = html_report(result, texts)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Acme &lt;Corp&gt;" in page
    assert page.count("<script>") == 1, "only the report's own inline script"
    assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?(https?:)?//""", page), "no external resources"
    assert "Content-Security-Policy" in page


def test_report_html_highlights_gold_and_predicted_spans(tmp_path: Path) -> None:
    result, texts = tiny_result()
    page = write_html(result, tmp_path / "report.html", texts).read_text(encoding="utf-8")
    assert '<mark style="background:#b8e0a8" title="gold exact' in page
    assert 'class="tag g st-miss"' in page
    assert 'class="tag p st-false_positive"' in page
    assert "<svg" in page and "F1 by claim type" in page


def test_report_html_shows_the_baseline_difference() -> None:
    result, texts = tiny_result()
    before = score(good_gold()[:3], [], ARTICLES)
    result.diff = compare(result, before, "last week")
    page = html_report(result, texts)
    assert "Change from last week" in page
    assert '<span class="up">+' in page
    md = markdown(result)
    assert "## Change from last week" in md and "Improved:" in md


def test_report_prints_a_summary_table() -> None:
    result, _ = tiny_result()
    console = Console(record=True, width=120)
    print_summary(result, console)
    out = console.export_text()
    assert "claims by type" in out and "money" in out and "micro" in out
    assert "misses: 2   false positives: 1" in out


def test_report_missing_evidence_still_renders() -> None:
    """A gold sentence that is not in the text (a stale gold file) must not break the page."""
    gold = [gold_claim("t1", "money", "$57 billion", value={"amount": 57e9, "currency": "USD"})]
    gold[0]["evidence"]["sentence"] = "A sentence that the article does not hold."
    result = score(gold, [], ARTICLES)
    assert result.info.warnings == ["1 gold evidence sentence(s) not found in their article text"]
    assert "A sentence that the article does not hold." in html_report(result, ARTICLES)
