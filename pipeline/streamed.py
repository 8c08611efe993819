"""The formats that hold many articles, read as streams: JSON Lines (one article per line) and web
archives (one per HTML page fetched with status 200).

One article is in memory at a time, and a bad line or record is one error while the rest goes on.
Every article records where it starts (``Article.position``: the byte offset of the content and the
line or record number), and a reader can be given a :class:`~pipeline.archives.ReadRange` to read
only part of a file: a resumed run starts at its last committed article instead of parsing again
what is done, and a Dask partition reads one byte range of a large dump.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from pipeline.archives import WHOLE, ReadRange, StreamError, iter_lines, iter_warc
from pipeline.articles import (
    BOMS,
    Article,
    Decoded,
    ReadError,
    Unreadable,
    Warn,
    decode,
    make_article,
    parse_json,
    text_field,
    utf16_without_bom,
    warn_about,
)


def _wide_lines(stream: io.BufferedIOBase, encoding: str, max_bytes: int
                ) -> Iterator[tuple[int, int | None, str | int]]:
    """``iter_lines`` for a UTF-16 or UTF-32 file, whose line breaks are not single bytes (and whose
    lines have no byte offsets: such a file is read whole, never from a position)."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace")  # type: ignore[type-var]
    limit = max(1, max_bytes // 2)
    number = 0
    while line := text.readline(limit + 1):
        number += 1
        if len(line) <= limit or line.endswith("\n"):
            yield number, None, line.removesuffix("\n")
            continue
        length = len(line)
        while line and not line.endswith("\n"):
            line = text.readline(1 << 16)
            length += len(line)
        yield number, None, 2 * length


def _jsonl_lines(stream: io.BufferedIOBase, max_bytes: int, compressed: bool, span: ReadRange
                 ) -> Iterator[tuple[int, int | None, bytes | str | int]]:
    if span.start:  # a position is only ever recorded in a file of single-byte line breaks
        return iter_lines(stream, max_bytes, compressed=compressed, span=span)
    head = stream.peek(8192)[:8192]  # type: ignore[attr-defined]
    for bom, encoding in BOMS:
        if head.startswith(bom) and encoding != "utf-8":
            return _wide_lines(stream, encoding.replace("-le", "").replace("-be", ""), max_bytes)
    wide = utf16_without_bom(head)
    if wide is not None:
        return _wide_lines(stream, wide, max_bytes)
    if b"\x00" in head:
        raise Unreadable("binary file (NUL bytes), not text")
    return iter_lines(stream, max_bytes, compressed=compressed, span=span)


def _line_text(line: bytes | str, first: bool) -> Decoded:
    if isinstance(line, str):
        return Decoded(line.removeprefix("\ufeff").removesuffix("\r"), ("decoded as UTF-16/32",)
                       if "\ufffd" not in line else ("UTF-16/32 with invalid sequences replaced with U+FFFD",))
    if first:
        line = line.removeprefix(b"\xef\xbb\xbf")
    line = line.removesuffix(b"\r")
    try:
        return Decoded(line.decode("utf-8"))
    except UnicodeDecodeError:
        return decode(line)


def read_jsonl(stream: io.BufferedIOBase, where: str, stem: str, published: dt.date | None, max_bytes: int,
               *, compressed: bool, span: ReadRange = WHOLE) -> Iterator[Article | ReadError]:
    """One article per line, read line by line: a bad line is one error and the next line goes on."""
    number, seen = span.number - 1, False
    try:
        for number, start, line in _jsonl_lines(stream, max_bytes, compressed, span):
            if isinstance(line, int):
                seen = True
                yield ReadError(where, f"article too large: a line of {line} bytes, the limit is {max_bytes}", number)
                continue
            try:
                decoded = _line_text(line, number == 1)
                if not decoded.text.strip():
                    continue
                seen = True
                obj = parse_json(decoded.text)
                if not isinstance(obj, dict):
                    raise Unreadable("line does not hold an article object")
                article = make_article(obj, text_field(obj), default_id=f"{stem}-{number}",
                                       source=f"{where}:{number}", default_published=published)
                article.warnings[:0] = decoded.warnings
                article.position = None if start is None else (start, number)
                yield article
            except Unreadable as exc:
                yield ReadError(where, str(exc), number)
    except StreamError as exc:
        done = number - span.number + 1
        yield ReadError(where, f"{exc} (at line {number + 1}; the {done} lines before it were read)", number + 1)
        return
    except Unreadable as exc:
        yield ReadError(where, str(exc))
        return
    if not seen and span.whole:
        yield ReadError(where, "empty file (whitespace only)")


_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


def url_id(url: str) -> str:
    """A stable, file-name-safe article id for a page known by its URL: host and path, and a hash of
    the whole URL, so two pages never share one."""
    parts = urlsplit(url)
    readable = _UNSAFE_ID.sub("-", f"{parts.netloc}{parts.path}").strip("-.")[:80].rstrip("-.")
    return f"{readable or 'page'}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


def _warc_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_warc(stream: io.BufferedIOBase, where: str, published: dt.date | None, max_bytes: int,
              on_warning: Warn | None, *, span: ReadRange = WHOLE) -> Iterator[Article | ReadError]:
    """Every HTML page fetched with status 200 is one article, through the same path as an .html file."""
    from pipeline.html import page_article

    skipped: Counter[str] = Counter()
    pages, damaged = 0, False
    try:
        for page in iter_warc(stream, max_bytes, skipped, span):
            pages += 1
            record = f"[record {page.number}, {page.url}]"
            if page.payload is None:
                yield ReadError(where, f"article too large: over {max_bytes} bytes, the limit is {max_bytes} {record}")
                continue
            try:
                decoded = decode(page.payload)
                article = page_article(decoded.text, default_id=url_id(page.url), published=published,
                                       source=f"{where}:record {page.number}", url=page.url or None,
                                       fetched=_warc_date(page.fetched))
                article.warnings[:0] = decoded.warnings
                article.position = (page.offset, page.number)
                yield article
            except Unreadable as exc:
                yield ReadError(where, f"{exc} {record}")
    except StreamError as exc:
        damaged = True
        yield ReadError(where, str(exc))
    if skipped:
        total = sum(skipped.values())
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        warn_about(on_warning, f"warning: {where}: skipped {total} of {total + pages} page records (not HTML "
                          f"with status 200): {kinds}")
    elif not pages and not damaged and span.whole:
        yield ReadError(where, "web archive with no page records (no HTTP responses)")
