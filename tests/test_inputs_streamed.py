"""Large and packed inputs: JSON Lines read as a stream, compressed files, web archives (issue 17)."""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import io
import json
import logging
import lzma
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from pipeline.articles import Article, ReadError, iter_articles
from pipeline.cli import app
from pipeline.streamed import url_id

STORY = "Nvidia reported revenue of $35.1bn for the third quarter, up 94% from a year earlier.\n"
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor(write_checksum=True).compress(data),  # as the zstd tool writes
}


def _read(paths: list[Path], **kw: object) -> tuple[list[Article], list[ReadError]]:
    items = list(iter_articles(paths, **kw))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)])


def _feed(count: int) -> bytes:
    return b"".join(json.dumps({"id": f"a{i}", "text": f"Nvidia sold {i} chips in the quarter, the company said."}
                               ).encode() + b"\n" for i in range(count))


def _peak_while_reading(path: Path, **kw: object) -> tuple[int, list[ReadError]]:
    tracemalloc.start()
    try:
        errors = [item for item in iter_articles([path], **kw) if isinstance(item, ReadError)]  # type: ignore[arg-type]
        return tracemalloc.get_traced_memory()[1], list(errors)
    finally:
        tracemalloc.stop()


def test_streamed_jsonl_reads_twenty_thousand_articles_in_flat_memory(tmp_path: Path) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_bytes(_feed(2_000))
    big.write_bytes(_feed(20_000))
    list(iter_articles([small]))  # caches and lazy imports filled before measuring
    small_peak, small_errors = _peak_while_reading(small)
    big_peak, big_errors = _peak_while_reading(big)
    assert small_errors == big_errors == []
    assert big_peak <= 1.1 * small_peak, (small_peak, big_peak)
    assert sum(isinstance(i, Article) for i in iter_articles([big])) == 20_000


@pytest.mark.parametrize("suffix", list(COMPRESSORS), ids=[s.lstrip(".") for s in COMPRESSORS])
def test_streamed_compressed_jsonl_gives_the_plain_files_articles(tmp_path: Path, suffix: str) -> None:
    data = _feed(300) + b"{broken\n"
    plain = tmp_path / "plain" / "feed.jsonl"
    packed = tmp_path / "packed" / f"feed.jsonl{suffix}"
    for path, content in ((plain, data), (packed, COMPRESSORS[suffix](data))):
        path.parent.mkdir()
        path.write_bytes(content)
    want, want_errors = _read([plain.parent])
    got, got_errors = _read([packed.parent])
    assert [(a.id, a.text) for a in got] == [(a.id, a.text) for a in want] and len(got) == 300
    assert [(e.line, e.cause) for e in got_errors] == [(e.line, e.cause) for e in want_errors] == [
        (301, "malformed JSON: Expecting property name enclosed in double quotes (column 2)")]


@pytest.mark.parametrize("suffix", list(COMPRESSORS), ids=[s.lstrip(".") for s in COMPRESSORS])
def test_streamed_compressed_single_article_files_and_their_sidecar(tmp_path: Path, suffix: str) -> None:
    compress = COMPRESSORS[suffix]
    (tmp_path / f"story.txt{suffix}").write_bytes(compress(STORY.encode()))
    (tmp_path / "story.meta.json").write_text(json.dumps({"id": "nv-q3", "published": "2024-11-20"}))
    (tmp_path / f"one.json{suffix}").write_bytes(compress(json.dumps({"id": "j1", "body": STORY}).encode()))
    page = f"<html><head><title>Chips</title></head><body><article><p>{STORY}</p></article></body></html>"
    (tmp_path / f"page.html{suffix}").write_bytes(compress(page.encode()))
    articles, errors = _read([tmp_path])
    assert errors == []
    assert sorted((a.id, a.published) for a in articles) == [
        ("j1", None), ("nv-q3", dt.date(2024, 11, 20)), ("page", None)]
    assert all("$35.1bn" in a.text for a in articles)


def test_streamed_folders_take_compressed_names_and_skip_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "site.tar.gz").write_bytes(gzip.compress(b"not an article"))
    (tmp_path / "logo.png.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    (tmp_path / "notes.gz").write_bytes(gzip.compress(STORY.encode()))
    skipped: list[str] = []
    articles, errors = _read([tmp_path], on_skip=lambda p: skipped.append(p.name))
    assert [a.id for a in articles] == ["a"] and errors == []
    assert sorted(skipped) == ["logo.png.zst", "notes.gz", "site.tar.gz"]
    _, (error,) = _read([tmp_path / "site.tar.gz"])
    assert "unsupported file type" in error.cause


def test_streamed_truncated_gzip_keeps_the_articles_before_the_damage(tmp_path: Path) -> None:
    packed = gzip.compress(_feed(5_000))
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 6 // 10])
    articles, errors = _read([path])
    (error,) = errors
    assert 0 < len(articles) < 5_000
    assert [a.id for a in articles] == [f"a{i}" for i in range(len(articles))]
    assert error.path == str(path) and error.line == len(articles) + 1
    assert error.cause.startswith("damaged gzip archive: truncated")
    assert f"the {len(articles)} lines before it were read" in error.cause


@pytest.mark.parametrize("suffix", [".gz", ".zst"], ids=["gzip", "zstd"])
def test_streamed_corrupt_archive_is_one_error_naming_the_file(tmp_path: Path, suffix: str) -> None:
    packed = bytearray(COMPRESSORS[suffix](_feed(5_000)))
    packed[len(packed) // 2: len(packed) // 2 + 64] = bytes(64)
    path = tmp_path / f"feed.jsonl{suffix}"
    path.write_bytes(bytes(packed))
    articles, errors = _read([path])
    (error,) = [e for e in errors if "damaged" in e.cause]
    assert error.path == str(path) and error.line is not None and len(articles) < 5_000


def test_streamed_truncated_zstd_is_one_error(tmp_path: Path) -> None:
    packed = COMPRESSORS[".zst"](_feed(50_000))
    path = tmp_path / "feed.jsonl.zst"
    path.write_bytes(packed[: len(packed) * 6 // 10])
    articles, errors = _read([path])
    (error,) = errors
    assert 0 < len(articles) < 50_000 and error.line == len(articles) + 1
    assert error.cause.startswith("damaged zstd archive: truncated")


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz"])
def test_streamed_gzip_bomb_is_refused_in_flat_memory(tmp_path: Path, name: str) -> None:
    limit = 100_000
    path = tmp_path / name
    with gzip.open(path, "wb") as bomb:
        for _ in range(20):
            bomb.write(b"a" * (1 << 20))  # 20 MB of one letter: 20 kB packed, 200 times the limit
    assert path.stat().st_size < 40_000
    list(iter_articles([tmp_path / "none"]))
    peak, items = _peak_while_reading(path, max_bytes=limit)
    (error,) = items
    assert isinstance(error, ReadError) and error.path == str(path)
    assert "decompressed" in error.cause or "decompression bomb" in error.cause, error.cause
    assert peak < 10 * limit, peak


def test_streamed_jsonl_line_over_the_limit_is_one_error_the_rest_is_read(tmp_path: Path) -> None:
    limit = 2_000
    lines = [json.dumps({"id": "first", "text": STORY}), json.dumps({"id": "huge", "text": "x " * 1_000_000}),
             json.dumps({"id": "last", "text": STORY})]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > limit * 10  # the file is over the limit: only its articles count
    peak, errors = _peak_while_reading(path, max_bytes=limit)
    articles, _ = _read([path], max_bytes=limit)
    assert [a.id for a in articles] == ["first", "last"]
    (error,) = errors
    assert isinstance(error, ReadError) and error.line == 2 and error.cause.startswith("article too large")
    assert peak < 500_000, peak  # the 2 MB line was read past, never held


PAGE = """<!doctype html><html><head><title>Chip story</title>{meta}</head>
<body><nav><a href="/">Home</a></nav><article><h1>Chip story</h1><p>{story}</p>
<p>Huawei's Ascend 910C accelerator delivers around 60 per cent of the performance of Nvidia's H100.</p>
</article></body></html>"""


def _warc(path: Path, records: list[tuple[str, str, str, bytes]], *, gzipped: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, status, content_type, body in records:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-12-11T09:30:00Z"}))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_streamed_warc_one_article_per_html_200_record_others_counted(tmp_path: Path, name: str) -> None:
    url = "https://news.example.com/tech/2025/12/chip-story?ref=home"
    page = PAGE.format(meta='<meta property="article:published_time" content="2025-12-10T08:00:00+00:00">',
                       story=STORY).encode()
    path = tmp_path / name
    _warc(path, [(url, "200 OK", "text/html; charset=utf-8", page),
                 ("https://news.example.com/report.pdf", "200 OK", "application/pdf", b"%PDF-1.7 ..."),
                 ("https://news.example.com/gone", "404 Not Found", "text/html", page)], gzipped=name.endswith(".gz"))
    warnings: list[str] = []
    articles, errors = _read([tmp_path], on_warning=warnings.append)
    assert errors == []
    (article,) = articles
    assert article.url == url and article.published == dt.date(2025, 12, 10)
    assert article.id == url_id(url) == "news.example.com-tech-2025-12-chip-story-" + article.id[-8:]
    assert "Ascend 910C" in article.text and "Home" not in article.text
    assert article.source_path == f"{path}:record 2"
    assert warnings == [f"warning: {path}: skipped 2 of 3 page records (not HTML with status 200): "
                        "1 application/pdf, 1 status 404"]


def test_streamed_warc_fetch_date_is_the_last_resort_and_page_id_wins(tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    dated = PAGE.format(meta='<meta name="newsclaims:id" content="own-id">', story=STORY).encode()
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("https://example.com/a", "200 OK", "text/html", dated),
                 ("https://example.com/b.png", "200 OK", "image/png", b"\x89PNG")], gzipped=True)
    with caplog.at_level(logging.WARNING, logger="newsclaims"):
        (article,), errors = _read([path])
    assert errors == [] and article.id == "own-id"
    assert article.published == dt.date(2025, 12, 11)
    assert any("used the date it was fetched, 2025-12-11" in w for w in article.warnings), article.warnings
    assert [r.getMessage() for r in caplog.records] == [
        f"warning: {path}: skipped 1 of 2 page records (not HTML with status 200): 1 image/png"]
    (given,), _ = _read([path], published=dt.date(2025, 1, 2), on_warning=lambda line: None)
    assert given.published == dt.date(2025, 1, 2)


def test_streamed_warc_truncated_keeps_the_pages_before(tmp_path: Path) -> None:
    page = PAGE.format(meta="", story=STORY).encode()
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [(f"https://example.com/{i}", "200 OK", "text/html", page) for i in range(6)], gzipped=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    articles, errors = _read([path], on_warning=lambda line: None)
    (error,) = errors
    assert 0 < len(articles) < 6 and error.path == str(path) and "damaged" in error.cause, error.cause


def test_streamed_cli_compressed_jsonl_beside_a_plain_article(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text(STORY, encoding="utf-8")
    feed = "".join(json.dumps({"id": f"f{i}", "published": "2025-12-10", "text": STORY}) + "\n" for i in range(3))
    (src / "feed.jsonl.zst").write_bytes(COMPRESSORS[".zst"](feed.encode()))
    (src / "style.css.gz").write_bytes(gzip.compress(b"body {}"))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--published", "2025-12-10"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["article_id"] for r in records} == {"f0", "f1", "f2", "story"}
    assert "unsupported files skipped" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_streamed_jsonl_in_utf16_or_with_a_bom_is_still_read(tmp_path: Path, encoding: str) -> None:
    lines = [json.dumps({"id": f"u{i}", "text": "SAP said cloud revenue rose to €1.2bn."}, ensure_ascii=False)
             for i in range(3)]
    (tmp_path / "feed.jsonl").write_bytes("\r\n".join(lines).encode(encoding))
    articles, errors = _read([tmp_path])
    assert errors == [] and [a.id for a in articles] == ["u0", "u1", "u2"]
    assert all("€1.2bn" in a.text for a in articles)
