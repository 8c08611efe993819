"""The HTML report in a real browser: headless Chromium renders it with no console error.

The report's script logs nothing and its Content-Security-Policy blocks every external load, so
any console message (an uncaught error, a blocked resource) fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report import tiny_result

from pipeline.evaluate.browser import find_chromium, render, screenshot
from pipeline.evaluate.report import write_html
from pipeline.evaluate.scorer import compare, score

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install -y chromium)")


@needs_chromium
@pytest.mark.slow
def test_html_render_report_has_no_console_errors(tmp_path: Path) -> None:
    result, texts = tiny_result()
    result.diff = compare(result, score([], [], texts), "empty run")
    page = write_html(result, tmp_path / "report.html", texts)
    rendered = render(page)
    assert rendered.console == []
    assert rendered.ready, "the report's script did not run to its end"
    assert "<script>alert" not in rendered.dom
    assert 'id="nshown">3<' in rendered.dom, "the filter script counted the articles"


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<script>undefinedFunction();</script>", "Uncaught ReferenceError"),
        ('<img src="https://example.com/logo.png">', "Content Security Policy"),
    ],
    ids=["script-error", "external-resource"],
)
def test_html_render_check_catches_a_broken_page(tmp_path: Path, body: str, message: str) -> None:
    """The check itself works: a page with an error or an external load is caught."""
    from pipeline.evaluate.report import CSP

    page = tmp_path / "broken.html"
    page.write_text(f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
                    f"</head><body><p>x</p>{body}</body></html>", encoding="utf-8")
    rendered = render(page)
    assert any(message in m for m in rendered.console), rendered.console


@needs_chromium
@pytest.mark.slow
def test_html_render_screenshot_writes_a_png(tmp_path: Path) -> None:
    result, texts = tiny_result()
    page = write_html(result, tmp_path / "report.html", texts)
    png = screenshot(page, tmp_path / "report.png", width=800, height=600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
