"""Inputs at the byte level: compressed files, lines read with bounded memory, web-archive records.

Nothing here builds an article: :mod:`pipeline.articles` turns what these streams give into
articles. Every failure of a decompressor or of the WARC parser becomes a :class:`StreamError`
whose message says what broke, so one damaged archive is one error line and the articles read
before the damage keep their records.
"""

from __future__ import annotations

import io
import lzma
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

#: file-name endings of compressed inputs, and the name of their compression in error lines
COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
#: a line past the limit is read past (and reported); in a compressed file, one this many times the
#: limit without a line break ends the file: a few kilobytes that inflate for ever are a bomb
RUNAWAY_FACTOR = 100
_CHUNK = 1 << 16
HTML_TYPES = ("text/html", "application/xhtml+xml")


class StreamError(Exception):
    """A stream that cannot be read further: a damaged archive, or a line that never ends."""


@dataclass(frozen=True, slots=True)
class ReadRange:
    """The part of a streamed input to read: from byte ``start`` of its content (decompressed), where
    line or record ``number`` begins, up to byte ``end`` (None: to the end). A resumed run starts at
    its last committed article; a Dask partition reads one range of a large JSON Lines file."""

    start: int = 0
    number: int = 1
    end: int | None = None

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None


WHOLE = ReadRange()


def skip_content(stream: io.BufferedIOBase | IO[bytes], count: int, *, seekable: bool) -> None:
    """Move ``count`` bytes into the content: a seek where the file is plain, else decompressed and
    dropped (never held); a file shorter than that is simply at its end."""
    if seekable:
        stream.seek(count)
        return
    while count > 0 and (chunk := stream.read(min(count, 1 << 20))):
        count -= len(chunk)


def split_name(name: str) -> tuple[str, str, str | None]:
    """(stem, format suffix, compression) of a file name: ``a.jsonl.gz`` -> ``("a", ".jsonl", "gzip")``."""
    base = name.rsplit("/", 1)[-1]
    compression = None
    head, dot, ext = base.rpartition(".")
    if dot and head and f".{ext.lower()}" in COMPRESSIONS:
        compression = COMPRESSIONS[f".{ext.lower()}"]
        base = head
    head, dot, ext = base.rpartition(".")
    if not dot or not head:
        return base, "", compression
    return head, f".{ext.lower()}", compression


class _ZstdFrames:
    """A zstd file's bytes as they are read, following its frame and block headers, so that the end of
    the input can be told from a truncation: python-zstandard's reader just stops in both cases."""

    _MAGIC, _SKIPPABLE = 0xFD2FB528, 0x184D2A50

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._state, self._want, self._header, self._skip = "magic", 4, b"", 0
        self._checksum = self._lost = False

    @property
    def at_frame_end(self) -> bool:
        return self._lost or (self._state == "magic" and not self._header and not self._skip)

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        pos = 0
        while pos < len(data) and not self._lost:
            if self._skip:
                step = min(self._skip, len(data) - pos)
                self._skip -= step
                pos += step
                continue
            take = min(self._want - len(self._header), len(data) - pos)
            self._header += data[pos:pos + take]
            pos += take
            if len(self._header) == self._want:
                self._advance(int.from_bytes(self._header, "little"))
                self._header = b""
        return data

    def _advance(self, value: int) -> None:
        state, self._state, self._want = self._state, "magic", 4
        if state == "magic" and value == self._MAGIC:
            self._state, self._want = "descriptor", 1
        elif state == "magic" and value & 0xFFFFFFF0 == self._SKIPPABLE:
            self._state = "skippable"
        elif state == "magic":
            self._lost = True  # not zstd: the decompressor says so itself
        elif state == "skippable":
            self._skip = value
        elif state == "descriptor":
            single = (value >> 5) & 1
            self._checksum = bool(value & 4)
            self._skip = (1 - single) + (0, 1, 2, 4)[value & 3] + (single, 2, 4, 8)[value >> 6]
            self._state, self._want = "block", 3
        elif state == "block":
            self._skip = 1 if (value >> 1) & 3 == 1 else value >> 3
            if not value & 1:
                self._state, self._want = "block", 3
            elif self._checksum:
                self._state = "checksum"


class _Guarded(io.RawIOBase):
    """A decompressor's output as a raw stream whose every failure is a :class:`StreamError`."""

    def __init__(self, inner: Any, compression: str, frames: _ZstdFrames | None = None) -> None:
        self._inner = inner
        self._compression = compression
        self._frames = frames
        # one decompression step at a time, so the output before a damage is given out before it is hit
        self._read = inner.readinto if frames is not None else inner.readinto1
        self.produced = 0

    def readable(self) -> bool:
        return True

    def _truncated(self) -> StreamError:
        return StreamError(f"damaged {self._compression} archive: truncated (the compressed data ends "
                           f"before its end marker), after {self.produced} bytes of content")

    def readinto(self, buffer: Any) -> int:
        try:
            count: int = self._read(buffer)
        except EOFError:
            raise self._truncated() from None
        except (OSError, zlib.error, lzma.LZMAError, ValueError) as exc:
            raise StreamError(f"damaged {self._compression} archive: {exc or type(exc).__name__}, after "
                              f"{self.produced} bytes of content") from None
        except Exception as exc:  # zstandard.ZstdError and other decompressors' own errors
            if type(exc).__module__.split(".")[0] != "zstandard":
                raise
            raise StreamError(f"damaged {self._compression} archive: {exc}, after {self.produced} bytes of "
                              "content") from None
        if not count and len(buffer) and self._frames is not None and not self._frames.at_frame_end:
            raise self._truncated()
        self.produced += count
        return count

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_decompressed(handle: IO[bytes], compression: str | None) -> io.BufferedIOBase:
    """A buffered binary stream of a file's content, decompressed on the fly as it is read."""
    if compression is None:
        raw: Any = handle
        return raw if isinstance(raw, io.BufferedIOBase) else io.BufferedReader(raw, _CHUNK)
    inner: Any
    if compression == "gzip":
        import gzip

        inner = gzip.GzipFile(fileobj=handle, mode="rb")
    elif compression == "bzip2":
        import bz2

        inner = bz2.BZ2File(handle, "rb")
    elif compression == "xz":
        inner = lzma.LZMAFile(handle, "rb")
    else:
        import zstandard

        frames = _ZstdFrames(handle)
        source: Any = frames
        inner = zstandard.ZstdDecompressor().stream_reader(source, read_across_frames=True, closefd=False)
        return io.BufferedReader(_Guarded(inner, compression, frames), _CHUNK)
    return io.BufferedReader(_Guarded(inner, compression), _CHUNK)


def read_at_most(stream: io.BufferedIOBase | IO[bytes], limit: int) -> bytes | None:
    """The whole content, or None as soon as it passes ``limit`` bytes (a bomb is never inflated)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def iter_lines(stream: io.BufferedIOBase, max_bytes: int, *, compressed: bool = False, span: ReadRange = WHOLE
               ) -> Iterator[tuple[int, int, bytes | int]]:
    """(line number, byte offset where it starts, line without its newline) for each line of ``span``
    (``stream`` is already at its start); for a line over ``max_bytes``, its length instead of the
    line, found by reading past it without holding it."""
    number, offset = span.number - 1, span.start
    while span.end is None or offset < span.end:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        start, offset = offset, offset + len(line)
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, start, line.removesuffix(b"\n")
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
            length += len(line)
            if compressed and length > RUNAWAY_FACTOR * max_bytes:
                raise StreamError(f"line {number} runs past {RUNAWAY_FACTOR} times the limit of {max_bytes} "
                                  "bytes once decompressed (a decompression bomb?): the rest of the file is not read")
        offset = start + length
        yield number, start, length - line.endswith(b"\n")


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response of a web archive: its place among the records, where and when it was fetched."""

    number: int
    url: str
    fetched: str | None
    payload: bytes | None  # None when it is larger than the limit
    offset: int  # where the record starts in the archive's content (decompressed)


def iter_warc(stream: io.BufferedIOBase, max_bytes: int, skipped: Counter[str], span: ReadRange = WHOLE
              ) -> Iterator[WarcPage]:
    """The HTML pages fetched with status 200 (from ``span``'s record on: ``stream`` is at its start);
    the other responses are counted in ``skipped`` by why (``status 404``, ``application/pdf``,
    ``revisit``). Requests, metadata and warcinfo are no pages."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class OneStep:  # warcio reads blocks: one decompression step each, so none is lost to a damage after it
        read = stream.read1

    number = span.number - 1
    try:
        records = ArchiveIterator(OneStep())
        for number, record in enumerate(records, start=span.number):  # noqa: B007 - read after the loop
            if record.rec_type == "revisit":
                skipped["revisit"] += 1
                continue
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if status != "200":
                skipped[f"status {status}"] += 1
                continue
            if kind not in HTML_TYPES:
                skipped[kind or "no content type"] += 1
                continue
            payload = read_at_most(record.content_stream(), max_bytes)
            offset = span.start + records.get_record_offset()  # reads the rest of the record
            yield WarcPage(number, record.rec_headers.get_header("WARC-Target-URI") or "",
                           record.rec_headers.get_header("WARC-Date"), payload, offset)
    except StreamError as exc:
        raise StreamError(f"{exc} (in record {number + 1})") from None
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        raise StreamError(f"damaged web archive: {exc or type(exc).__name__} (in record {number + 1}, after "
                          f"{number} whole records)") from None
