from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.articles import Article, iter_articles
from pipeline.html import drop_page_header, parse_page_date

BODY = """<body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article><h1>Chipmaker lifts its forecast</h1>
<p>The chipmaker said on Tuesday that quarterly revenue rose 62% to $35.1 billion, ahead of the
$33.2 billion analysts had expected, as data-centre sales climbed for a sixth quarter.</p>
<p>It forecast revenue of $37.5 billion for the current quarter, plus or minus 2%.</p>
{time}</article><footer>Copyright 2025 Example Media</footer></body></html>"""

LD_GRAPH = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
{"@type": "WebSite", "name": "Example"}, {"@type": "NewsArticle", "headline": "Chipmaker lifts its forecast",
"datePublished": "2024-03-05T09:00:00-05:00", "dateModified": "2024-03-07T11:00:00-05:00"}]}</script>"""
LD_ARRAY = """<script type="application/ld+json">[{"@type": "BreadcrumbList", "itemListElement": []},
{"@type": "ReportageNewsArticle", "datePublished": "Mar 5, 2024 9:00 AM ET"}]</script>"""


def _read(tmp_path: Path, head: str, time: str = "") -> Article:
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><head><title>Chipmaker lifts its forecast</title>{head}</head>"
                    + BODY.format(time=time), encoding="utf-8")
    (article,) = iter_articles([page])
    assert isinstance(article, Article), article
    return article


@pytest.mark.parametrize(
    ("head", "time", "expected", "warned"),
    [
        ('<meta property="article:published_time" content="November 19, 2019, 07:47 PM EST">', "",
         dt.date(2019, 11, 19), False),
        ('<meta property="og:published_time" content="Tuesday, 3 June 2025 10:04 BST">'
         '<meta name="date" content="2025-05-30">', "", dt.date(2025, 6, 3), False),
        ('<meta name="article:published_time" content="Nov. 19, 2019 at 7:47 p.m. ET">', "",
         dt.date(2019, 11, 19), False),
        (LD_GRAPH + '<meta name="date" content="2024-01-01">', "", dt.date(2024, 3, 5), False),
        ('<meta property="article:modified_time" content="2024-03-07T11:00:00Z">' + LD_ARRAY, "",
         dt.date(2024, 3, 5), False),
        ('<meta property="article:published_time" content="Updated 2 hours ago">' + LD_GRAPH, "",
         dt.date(2024, 3, 5), True),
        ('<meta property="article:published_time" content="2019-13-45T07:47:00Z">'
         '<meta name="sailthru.date" content="Wed, 20 Nov 2019 00:47:00 -0000">', "", dt.date(2019, 11, 20), True),
        ('<meta property="article:published_time" content="yesterday">',
         '<p class="byline"><time datetime="2024-03-05T09:00:00Z">March 5</time></p>', dt.date(2024, 3, 5), True),
    ],
    ids=["human-readable-est", "og-before-meta-date", "name-attribute-pm-et", "jsonld-graph-before-meta-date",
         "jsonld-array-before-modified", "relative-falls-back-to-jsonld", "bad-iso-falls-back-to-sailthru",
         "relative-falls-back-to-time-element"],
)
def test_html_publication_date_from_page_metadata(
    tmp_path: Path, head: str, time: str, expected: dt.date, warned: bool
) -> None:
    article = _read(tmp_path, head, time)
    assert article.published == expected
    assert any("unreadable publication date" in w for w in article.warnings) == warned


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:modified_time" content="2024-03-07T11:00:00Z">'
         '<meta name="parsely-pub-date" content="March 5, 2024">', dt.date(2024, 3, 5)),
        ('<meta name="DC.date.issued" content="14 July 2023">', dt.date(2023, 7, 14)),
    ],
    ids=["parsely-before-modified", "dc-date-issued"],
)
def test_html_publication_date_from_other_meta_names(tmp_path: Path, head: str, expected: dt.date) -> None:
    """Trafilatura's own date search found these before; the page's named tags must still win."""
    article = _read(tmp_path, head)
    assert (article.published, [w for w in article.warnings if "publication date" in w]) == (expected, [])


@pytest.mark.parametrize(
    "content", ["2 hours ago", "November 2019", "Updated: 12:30 ET", "not a date"],
    ids=["relative", "no-day", "time-only", "garbage"],
)
def test_html_unreadable_date_keeps_the_article_with_a_warning(tmp_path: Path, content: str) -> None:
    article = _read(tmp_path, f'<meta property="article:published_time" content="{content}">')
    assert article.published is None
    assert (f"unreadable publication date {content!r} in <meta article:published_time>: "
            "no other date in the page") in article.warnings
    assert "$35.1 billion" in article.text


def test_html_modified_date_is_used_only_without_a_published_one(tmp_path: Path) -> None:
    article = _read(tmp_path, '<meta property="article:modified_time" content="2024-03-07T11:00:00Z">')
    assert article.published == dt.date(2024, 3, 7)
    assert article.warnings == ["no publication date in the page: used 2024-03-07 from "
                                "<meta article:modified_time> (a modified date)"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-19T19:47:00-05:00", dt.date(2019, 11, 19)),
        ("November 19, 2019, 11:47 PM EST", dt.date(2019, 11, 19)),
        ("19 Nov 2019 23:50 +0900", dt.date(2019, 11, 19)),
        ("2 hours ago", None),
        ("yesterday", None),
        ("November 2019", None),
        ("2019-02-30", None),
        ("", None),
    ],
    ids=["iso", "pm-est-stays-in-its-zone", "offset", "relative", "yesterday", "no-day", "bad-iso", "empty"],
)
def test_html_parse_page_date_never_uses_the_clock(value: str, expected: dt.date | None) -> None:
    assert parse_page_date(value) == expected


STORY = ("Netflix added 5.07 million paid subscribers in the third quarter, beating analysts' estimates of about "
         "4.5 million, as its cheaper ad-supported plan kept drawing in viewers.")
TITLE = "Netflix added 5.1 million subscribers, blowing past expectations"
DEK = "The streaming giant now has 282.7 million paid memberships."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{TITLE}\n{STORY}", STORY),
        (f"{TITLE}\n- {DEK}\n{STORY}", STORY),
        (f"Key Points\n- {DEK}\n{STORY}", f"Key Points\n{STORY}"),
        (f"{STORY}\n{TITLE}", f"{STORY}\n{TITLE}"),
        (f"{TITLE.upper()}\n\n{STORY}", f"\n{STORY}"),
    ],
    ids=["headline", "headline-and-standfirst-bullet", "standfirst-under-a-box-heading", "title-repeated-in-body",
         "case-and-blank-lines"],
)
def test_html_drop_page_header_keeps_the_story(text: str, expected: str) -> None:
    assert drop_page_header(text, {TITLE, DEK}) == expected


def test_html_headline_inside_the_article_is_not_story_text(tmp_path: Path) -> None:
    article = _read(tmp_path, '<meta property="article:published_time" content="2024-03-05">')
    assert article.text.startswith("The chipmaker said on Tuesday that quarterly revenue rose 62%")
