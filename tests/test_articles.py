from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.articles import Article, ReadError, iter_articles

STORY = "Nvidia reported revenue of $35.1bn for the third quarter, up 94% from a year earlier.\n"


def _read(paths: list[Path], **kw: object) -> tuple[list[Article], list[ReadError]]:
    items = list(iter_articles(paths, **kw))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)])


def test_read_txt_with_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"id": "nv-q3", "title": "Nvidia results", "url": "https://example.com/nv", "published": "2024-11-20"}))
    articles, errors = _read([tmp_path])
    assert errors == []
    assert [(a.id, a.published, a.title) for a in articles] == [("nv-q3", dt.date(2024, 11, 20), "Nvidia results")]
    assert articles[0].text == STORY.strip()


def test_read_json_and_jsonl_text_fields(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "published": "2025-01-02", "body": STORY}))
    lines = [json.dumps({"id": "l1", "content": STORY}), json.dumps({"id": "l2", "text": STORY})]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    articles, errors = _read([tmp_path], published=dt.date(2025, 3, 4))
    assert errors == []
    assert {(a.id, a.published) for a in articles} == {
        ("j1", dt.date(2025, 1, 2)), ("l1", dt.date(2025, 3, 4)), ("l2", dt.date(2025, 3, 4))}


def test_read_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = f"""<!doctype html><html><head><title>Chip story</title>
<meta property="article:published_time" content="2025-06-01T08:00:00+00:00">
<meta name="newsclaims:id" content="html-1"></head>
<body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article><h1>Chip story</h1><p>{STORY}</p>
<p>Huawei's Ascend 910C accelerator delivers around 60 per cent of the performance of Nvidia's H100.</p>
</article><footer>Copyright 2025 Example Media</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    articles, errors = _read([tmp_path])
    assert errors == []
    (article,) = articles
    assert article.id == "html-1"
    assert article.published == dt.date(2025, 6, 1)
    assert "Ascend 910C" in article.text and "Home" not in article.text


def test_bad_inputs_each_give_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("Café owner Zoë said the Zürich chip plant cost £2bn.\n".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"a" * (20 * 1024 * 1024))
    (tmp_path / "lines.jsonl").write_text(json.dumps({"id": "ok", "text": STORY}) + "\n{not json\n")
    (tmp_path / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>")
    articles, errors = _read([tmp_path])
    assert sorted(a.id for a in articles) == ["good", "latin1", "ok"]
    latin = next(a for a in articles if a.id == "latin1")
    assert "Zürich" in latin.text and "£2bn" in latin.text
    by_file = {Path(e.path).name: e for e in errors}
    assert sorted(by_file) == ["binary.txt", "empty.txt", "huge.txt", "lines.jsonl", "nothing.html"]
    assert by_file["lines.jsonl"].line == 2
    assert "too large" in by_file["huge.txt"].cause


def test_text_is_nfc_and_keeps_curly_quotes(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 “chips”\u00a0sold.\n"
    (tmp_path / "q.txt").write_text(decomposed, encoding="utf-8")
    (article,), _ = _read([tmp_path])
    assert article.text == "Café “chips”\u00a0sold."


EURO_STORY = "SAP said on Monday that cloud revenue rose to €1.2bn in the quarter, up 27 per cent.\n"


@pytest.mark.parametrize(
    ("data", "expected", "warning"),
    [
        (EURO_STORY.encode("utf-8")[:40] + b"\xff\xfe\xc3\x28" + EURO_STORY.encode("utf-8")[40:],
         "€1.2bn", "invalid byte sequence"),
        (b"\xff\xfe" + EURO_STORY.encode("utf-16-le"), "€1.2bn", "utf-16-le (byte-order mark)"),
        (EURO_STORY.encode("utf-16-le"), "€1.2bn", "utf-16-le (no byte-order mark"),
        (EURO_STORY.encode("utf-16-be"), "€1.2bn", "utf-16-be (no byte-order mark"),
        ("Сбербанк вложит 5 млрд рублей в центр обработки данных в Москве, сообщила компания.\n".encode("cp1251"),
         "5 млрд рублей", "decoded as"),
    ],
    ids=["utf8-with-four-bad-bytes", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "real-cp1251"],
)
def test_read_decodes_what_the_file_really_is(tmp_path: Path, data: bytes, expected: str, warning: str) -> None:
    """A few broken bytes in UTF-8 must not turn the whole file into cp125x mojibake; UTF-16 is text."""
    (tmp_path / "story.txt").write_bytes(data)
    (article,), errors = _read([tmp_path])
    assert errors == []
    assert expected in article.text
    assert any(warning in w for w in article.warnings), article.warnings


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [("deep.json", "[" * 100_000, None),
     ("deep.jsonl", json.dumps({"id": "ok", "text": STORY}) + "\n" + "[" * 100_000 + "\n", 2)],
    ids=["json-file", "jsonl-line"],
)
def test_read_deeply_nested_json_is_one_malformed_json_error(tmp_path: Path, name: str, content: str,
                                                             line: int | None) -> None:
    (tmp_path / name).write_text(content)
    articles, errors = _read([tmp_path])
    (error,) = errors
    assert "malformed JSON" in error.cause and error.line == line
    assert [a.id for a in articles] == (["ok"] if line else [])


@pytest.mark.parametrize(
    ("published", "expected", "warning"),
    [
        ("November 19, 2019, 07:47 PM EST", dt.date(2019, 11, 19), None),
        ("2019-11-19T19:47:00-05:00", dt.date(2019, 11, 19), None),
        ("2 hours ago", None, "not understood"),
        ("1574207220", None, "not understood"),  # a Unix time: dateparser reads it in the machine's zone
        ("9999-12-31", dt.date(9999, 12, 31), "implausible"),
        ("1800-01-01", dt.date(1800, 1, 1), "implausible"),
        (None, None, "no publication date"),
    ],
    ids=["written-with-time-zone", "iso", "relative", "unix-time", "year-9999", "year-1800", "missing"],
)
def test_read_publication_dates_are_parsed_or_warned_never_refused(
        tmp_path: Path, published: str | None, expected: dt.date | None, warning: str | None) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "published": published, "text": STORY}))
    (article,), errors = _read([tmp_path])
    assert errors == [] and article.published == expected
    if warning is None:
        assert article.warnings == []
    else:
        assert any(warning in w for w in article.warnings), article.warnings
