"""HTML pages: the main text and the metadata of a news page (trafilatura, lxml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.articles import Article, Unreadable, make_article

MIN_HTML_WORDS = 8  # fewer words than this in the main text means trafilatura found a menu, not a story


def html_article(text: str, path: Path, published: dt.date | None) -> Article:
    """The article of one news page: trafilatura's main text, then the same cleaning as plain text."""
    import trafilatura
    from lxml import html as lxml_html

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    doc: dict[str, Any] = {}
    if extracted is not None:
        doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = doc.get("text")
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise Unreadable("HTML page with no article text (no main content found)")
    fields: dict[str, Any] = {"title": doc.get("title"), "url": doc.get("url")}
    try:
        tree = lxml_html.fromstring(text)
        for meta in tree.iter("meta"):
            key = meta.get("name") or meta.get("property") or ""
            if key == "newsclaims:id":
                fields["id"] = meta.get("content")
            elif key in ("article:published_time", "date", "pubdate") and not fields.get("published"):
                fields["published"] = (meta.get("content") or "")[:10] or None
    except (ValueError, lxml_html.etree.ParserError):
        pass
    if not fields.get("published") and doc.get("date"):
        fields["published"] = doc["date"]
    return make_article(fields, body, default_id=path.stem, source=str(path), default_published=published)
