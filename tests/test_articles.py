from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

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
