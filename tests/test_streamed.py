"""Dumps read from a position: every article of a JSON Lines file or web archive knows where it starts,
and reading from there, or one byte range, gives exactly the articles a whole read gives there."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
import zstandard

from pipeline.archives import ReadRange
from pipeline.articles import Article, ReadError, read_file

LINES = [
    {"id": "tsmc-1", "text": "TSMC said revenue rose 39% to NT$868.5 billion in the third quarter."},
    {"text": "Samsung will invest 450 trillion won in chip plants by 2030, the company said."},
    None,  # a blank line
    "{not json",
    {"id": "asml-1", "text": "ASML booked orders worth 2.6 billion euros in the quarter."},
    {"text": "Intel plans to cut about 15,000 jobs, roughly 15 per cent of its staff."},
    {"id": "arm-1", "text": "Arm's royalty revenue climbed 23% to $514 million, the company reported."},
]


def _jsonl_bytes() -> bytes:
    out = []
    for line in LINES:
        out.append(b"" if line is None else (line if isinstance(line, str) else json.dumps(line)).encode())
    return b"\n".join(out) + b"\n"


def _write(tmp_path: Path, suffix: str) -> Path:
    data = _jsonl_bytes()
    path = tmp_path / f"feed.jsonl{suffix}"
    if suffix == ".gz":
        data = gzip.compress(data)
    elif suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def _summary(items: list[Article | ReadError]) -> list[tuple[str, str | None, tuple[int, int] | None]]:
    return [(i.id, i.source_path, i.position) if isinstance(i, Article) else (f"error: {i.cause}", f"{i.path}:{i.line}",
            None) for i in items]


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
def test_streamed_each_article_knows_where_it_starts(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path, suffix)
    items = list(read_file(path))
    content = _jsonl_bytes()
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles] == ["tsmc-1", "feed-2", "asml-1", "feed-6", "arm-1"]
    assert [str(e) for e in items if isinstance(e, ReadError)] == [
        f"{path}:4: malformed JSON: Expecting property name enclosed in double quotes (column 2)"]
    for article in articles:
        offset, number = article.position or (-1, -1)
        assert content.splitlines()[number - 1] == content[offset:].split(b"\n", 1)[0]
        assert article.source_path == f"{path}:{number}"


@pytest.mark.parametrize("suffix", ["", ".gz", ".zst"])
@pytest.mark.parametrize("from_line", [2, 4, 6, 7])
def test_streamed_reading_from_a_position_gives_the_rest_of_a_whole_read(tmp_path: Path, suffix: str,
                                                                          from_line: int) -> None:
    """Line numbers, default ids and errors are those of a whole read: a resumed run writes the same."""
    path = _write(tmp_path, suffix)
    whole = _summary(list(read_file(path)))
    offset = sum(len(line) + 1 for line in _jsonl_bytes().split(b"\n")[:from_line - 1])
    rest = _summary(list(read_file(path, span=ReadRange(offset, from_line))))
    first = next(k for k, (_, source, _) in enumerate(whole) if int(str(source).rsplit(":", 1)[1]) >= from_line)
    if from_line == 4:  # the malformed line: its error comes first
        assert rest[0][0].startswith("error: malformed JSON")
    assert rest == whole[first:]


def test_streamed_byte_ranges_cut_at_line_starts_give_the_whole_file_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "")
    content = _jsonl_bytes()
    starts = [0] + [k + 1 for k, byte in enumerate(content) if byte == ord("\n")][:-1]
    cuts = [(starts[0], 1), (starts[3], 4), (starts[5], 6)]
    parts: list[tuple[str, str | None, tuple[int, int] | None]] = []
    for k, (start, number) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else None
        parts += _summary(list(read_file(path, span=ReadRange(start, number, end))))
    assert parts == _summary(list(read_file(path)))


def test_streamed_an_empty_range_is_no_empty_file_error(tmp_path: Path) -> None:
    """A range holding only a blank line says nothing; the whole file would be an error."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "Nvidia sold 3 million chips."}\n\n')
    assert list(read_file(path, span=ReadRange(len(path.read_bytes()) - 1, 2))) == []


PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{title} said revenue "
        "rose 12% to $4.1 billion in the quarter, beating forecasts.</p></article></body></html>")


@pytest.mark.parametrize("gzipped", [False, True])
def test_streamed_warc_read_from_a_page_gives_the_pages_from_there(tmp_path: Path, gzipped: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for k, (firm, status) in enumerate([("Nokia", "200 OK"), ("Ericsson", "404 Not Found"),
                                            ("Siemens", "200 OK"), ("Philips", "200 OK")]):
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.com/{k}", "response", http_headers=http,
                payload=io.BytesIO(PAGE.format(title=firm).encode())))
    whole = [a for a in read_file(path, on_warning=lambda line: None) if isinstance(a, Article)]
    assert [a.title for a in whole] == ["Nokia", "Siemens", "Philips"]
    offset, number = whole[1].position or (0, 0)
    rest = [a for a in read_file(path, span=ReadRange(offset, number), on_warning=lambda line: None)
            if isinstance(a, Article)]
    assert [(a.id, a.source_path, a.position, a.text) for a in rest] == [
        (a.id, a.source_path, a.position, a.text) for a in whole[1:]]
