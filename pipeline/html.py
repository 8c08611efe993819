"""HTML pages: the main text and the metadata of a news page (trafilatura, lxml)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.articles import Article, Unreadable, make_article, parse_date_string

MIN_HTML_WORDS = 8  # fewer words than this in the main text means trafilatura found a menu, not a story
STORY_LINE_WORDS = 15  # the page header (headline, standfirst) ends at the first line this long

#: meta keys (property or name, lower-cased) in the order they are trusted for the publication date
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "og:article:published_time")
OTHER_DATE_KEYS = ("date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date",
                   "parsely-pub-date")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "og:modified_time", "datemodified")
#: htmldate without its guesses from the page text ("Copyright 2025" became 2025-01-01) and with no upper
#: bound taken from today's date
TRAFILATURA_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True,
                                           "max_date": "2099-12-31"}
_MAX_DATE_CHARS = 80
_JSONLD_MAX_DEPTH = 8


def parse_page_date(value: str) -> dt.date | None:
    """The calendar date a page's metadata states, in the page's own time zone; None if it states none.

    The reader's own parser (ISO directly, else dateparser with absolute dates only); a value longer
    than any date is text put in the wrong tag and is not parsed.
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    return parse_date_string(value)


def _jsonld_dates(tree: Any, key: str) -> Iterator[str]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        stack: list[tuple[Any, int]] = [(data, 0)]
        while stack:
            node, depth = stack.pop(0)
            if depth > _JSONLD_MAX_DEPTH:
                continue
            if isinstance(node, list):
                stack[:0] = [(item, depth + 1) for item in node]
            elif isinstance(node, dict):
                if isinstance(node.get(key), str):
                    yield node[key]
                stack[:0] = [(item, depth + 1) for item in node.values() if isinstance(item, dict | list)]


def date_candidates(tree: Any, trafilatura_date: str | None) -> Iterator[tuple[str, str]]:
    """(where, raw value) for every publication date the page states, most trusted first.

    A modified date comes last: it is the publication date only when the page gives no other.
    """
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and content:
                metas.setdefault(key, []).append(content)
    for key in PUBLISHED_KEYS:
        for value in metas.get(key, []):
            yield f"<meta {key}>", value
    for value in _jsonld_dates(tree, "datePublished"):
        yield "JSON-LD datePublished", value
    for key in (*OTHER_DATE_KEYS, "datepublished"):
        for value in metas.get(key, []):
            yield f"<meta {key}>", value
    for time in tree.xpath("(//article//time[@datetime] | //main//time[@datetime])[1]"):
        yield "<time datetime> in the article", time.get("datetime")
    modified = [(f"<meta {key}> (a modified date)", value) for key in MODIFIED_KEYS for value in metas.get(key, [])]
    modified += [("JSON-LD dateModified (a modified date)", value) for value in _jsonld_dates(tree, "dateModified")]
    # trafilatura falls back on the modified date itself: then it is one, and waits its turn
    if trafilatura_date and parse_page_date(trafilatura_date) not in {parse_page_date(v) for _, v in modified}:
        yield "trafilatura's date", trafilatura_date
    yield from modified


def published_date(tree: Any, trafilatura_date: str | None) -> tuple[dt.date | None, list[str]]:
    """The page's publication date and a warning for each stated date that could not be read.

    An unreadable date never refuses the article: the next source is used, or none.
    """
    unreadable: list[tuple[str, str]] = []
    chosen: tuple[str, dt.date] | None = None
    for where, raw in date_candidates(tree, trafilatura_date):
        date = parse_page_date(raw)
        if date is not None:
            chosen = (where, date)
            break
        unreadable.append((where, raw))
    used = f"used {chosen[1].isoformat()} from {chosen[0]}" if chosen else "no other date in the page"
    warnings = [f"unreadable publication date {raw[:_MAX_DATE_CHARS]!r} in {where}: {used}"
                for where, raw in unreadable]
    if chosen and "modified date" in chosen[0] and not unreadable:
        warnings.append(f"no publication date in the page: {used}")
    return (chosen[1] if chosen else None), warnings


def _norm(line: str) -> str:
    return " ".join(line.removeprefix("- ").split()).casefold()


def drop_page_header(body: str, header: set[str]) -> str:
    """The main text without the headline and standfirst it opens with.

    Trafilatura keeps the ``<h1>`` and a summary bullet when they sit inside the article; they repeat
    the page's title and description, and a claim from them would duplicate (or garble) the story's own.
    Only lines before the story's first long line go: a site that repeats its title further down keeps it.
    """
    wanted = {_norm(h) for h in header if h and h.strip()}
    lines = body.split("\n")
    story = next((i for i, ln in enumerate(lines)
                  if len(ln.split()) >= STORY_LINE_WORDS and _norm(ln) not in wanted), len(lines))
    kept = [ln for i, ln in enumerate(lines) if i >= story or _norm(ln) not in wanted]
    return "\n".join(kept) if any(ln.strip() for ln in kept) else body


def html_article(text: str, path: Path, published: dt.date | None) -> Article:
    """The article of one news page: trafilatura's main text, then the same cleaning as plain text."""
    return page_article(text, default_id=path.stem, source=str(path), published=published)


def page_article(text: str, *, default_id: str, source: str, published: dt.date | None, url: str | None = None,
                 fetched: dt.date | None = None) -> Article:
    """:func:`html_article` for a page that is no file of its own (a web-archive record): ``url`` is where
    it was fetched, and ``fetched`` when, the publication date of last resort (with a warning)."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=TRAFILATURA_DATE_PARAMS,
    )
    doc: dict[str, Any] = {}
    if extracted is not None:
        doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = doc.get("text")
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise Unreadable("HTML page with no article text (no main content found)")
    fields: dict[str, Any] = {"title": doc.get("title"), "url": url or doc.get("url")}
    warnings: list[str] = []
    try:
        tree = lxml_html.fromstring(text)
    except (ValueError, etree.ParserError):
        tree = None
    header = {doc.get("title") or "", doc.get("description") or ""}
    if tree is not None:
        for meta in tree.iter("meta"):
            if (meta.get("name") or meta.get("property")) == "newsclaims:id":
                fields["id"] = meta.get("content")
        fields["published"], warnings = published_date(tree, doc.get("date"))
        header.update(h1.text_content() for h1 in tree.iter("h1"))
    elif doc.get("date"):
        fields["published"] = parse_page_date(doc["date"])
    if fields.get("published") is None and published is None and fetched is not None:
        fields["published"] = fetched
        warnings.append(f"no publication date in the page: used the date it was fetched, {fetched.isoformat()}")
    body = drop_page_header(body, header)
    article = make_article(fields, body, default_id=default_id, source=source, default_published=published)
    if warnings:
        article = article.model_copy(update={"warnings": [*article.warnings, *warnings]})
    return article
