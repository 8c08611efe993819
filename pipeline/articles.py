"""Read articles from files and folders, in every format newsclaims accepts.

Each input yields an :class:`Article` or a :class:`ReadError`; a bad file never stops the batch,
and every file that was read is accounted for in one or the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.archives import (
    COMPRESSIONS,
    WHOLE,
    ReadRange,
    StreamError,
    open_decompressed,
    read_at_most,
    skip_content,
    split_name,
)
from pipeline.cleaning import CleanText, clean

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
WARC_SUFFIXES = {".warc"}
#: the formats, each also read compressed (``.jsonl.gz``, ``.html.zst``, ``.warc.gz``: see COMPRESSED_SUFFIXES)
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES
COMPRESSED_SUFFIXES = set(COMPRESSIONS)
#: formats read as a stream of articles, not whole: ``max_bytes`` limits each article, not the file
STREAMED_SUFFIXES = JSONL_SUFFIXES | WARC_SUFFIXES
TEXT_FIELDS = ("text", "body", "content")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class Article(BaseModel):
    """One news article: metadata plus its cleaned text, which every offset points into."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source_path: str | None = Field(default=None, description="file (and line) it was read from")
    position: tuple[int, int] | None = Field(
        default=None, description="in a JSON Lines file or web archive: the byte offset of its content where the "
        "article starts, and its line or record number (where a resumed run can start reading)")
    removed_lines: int = 0
    warnings: list[str] = Field(default_factory=list, description="what reading had to guess or repair")

    @field_validator("published", mode="before")
    @classmethod
    def _parse_published(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            return dt.date.fromisoformat(value[:10])
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    @property
    def content_hash(self) -> str:
        """A hash of the text, so a resumed run can tell a changed article from a done one."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read: the file, the line where it applies, and why."""

    path: str
    cause: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.cause}"


#: Latin-script single-byte code pages that short texts fit interchangeably (not cp1251 Cyrillic,
#: cp1253 Greek, cp1255 Hebrew...: those are kept as detected)
_SINGLE_BYTE_LATIN = ("iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10",
                      "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1250", "cp1252", "cp1254",
                      "cp1257", "latin_1", "mac_roman", "mac_iceland", "mac_latin2", "cp850", "cp852", "cp775")


class Unreadable(Exception):
    """Raised inside the readers for an input that cannot become an article; the batch reports it."""


def normalise_text(text: str) -> str:
    """Unicode NFC; curly quotes and non-breaking spaces stay as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and what decoding it had to guess or repair."""

    text: str
    warnings: tuple[str, ...] = ()


BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
#: invalid UTF-8 sequences tolerated (replaced, with a warning) in a file that is otherwise UTF-8
_MAX_INVALID_UTF8 = 8
_INVALID_UTF8_PER_BYTE = 1 / 500


def decode(data: bytes) -> Decoded:
    """UTF-8 (or UTF-16/32 by BOM or NUL pattern) first, else the encoding charset-normalizer detects.

    A file that is UTF-8 but for a few broken bytes keeps its UTF-8 text, with U+FFFD for the broken
    bytes and a warning: decoding all of it as a legacy code page would turn every euro sign and
    curly quote into mojibake. Binary data is refused.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(_decode_unicode(data[len(bom):], encoding, "byte-order mark"))
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _checked(_decode_unicode(data, utf16, "no byte-order mark, detected from its NUL bytes"))
    try:
        return _checked(Decoded(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file (NUL bytes), not text")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return _checked(mostly)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("cannot decode: not UTF-8 and no text encoding detected")
    text, encoding = str(best), best.encoding
    if encoding in _SINGLE_BYTE_LATIN:
        # short texts fit several Latin code pages; Western news is most often Windows-1252
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return _checked(Decoded(text, (f"not UTF-8: decoded as {encoding}",)))


def _decode_unicode(data: bytes, encoding: str, how: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), () if encoding == "utf-8" else (f"decoded as {encoding} ({how})",))
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return Decoded(text, (f"decoded as {encoding} ({how}); {text.count(chr(0xFFFD))} invalid "
                              "sequences replaced with U+FFFD",))


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of a Latin-script language has a NUL in every other byte: LE at odd, BE at even ones."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    odd = sample[1::2].count(0) / pairs
    even = sample[0::2].count(0) / pairs
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with replacement characters when the few invalid bytes sit among valid multi-byte text."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    valid_multibyte = sum(1 for c in text if c > "\x7f") - invalid
    if valid_multibyte < 1 or invalid > max(_MAX_INVALID_UTF8, len(data) * _INVALID_UTF8_PER_BYTE):
        return None
    return Decoded(text, (f"UTF-8 with {invalid} invalid byte sequence{'s' if invalid != 1 else ''}, "
                          "replaced with U+FFFD",))


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if "\x00" in text[:8192] or _control_ratio(text) > 0.05:
        raise Unreadable("binary file (control characters), not text")
    return Decoded(normalise_text(text), decoded.warnings)


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t\r\f")
    return bad / len(sample)


#: publication dates outside these years are kept, with a warning: they are typos or placeholders
PLAUSIBLE_YEARS = (1990, 2100)
_DATEPARSER_SETTINGS = {
    # absolute dates only, every part written: nothing is filled in from the machine's clock; no Unix
    # timestamps either, which dateparser reads in the machine's local time zone
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date_string(value: str) -> dt.date | None:
    """An ISO date (or datetime) as is; else a written one ('November 19, 2019, 07:47 PM EST') by
    dateparser, with the date as written in its own time zone. None for anything relative or partial."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)  # type: ignore[arg-type]
    return parsed.date() if parsed is not None else None


def publication_date(value: Any, default: dt.date | None) -> tuple[dt.date | None, list[str]]:
    """The article's date from a metadata value, the batch's default, or none, with what was doubtful."""
    warnings: list[str] = []
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str) and value.strip():
        date = parse_date_string(value)
        if date is None:
            warnings.append(f"publication date {value.strip()[:80]!r} not understood: ignored")
    elif value not in (None, ""):
        warnings.append(f"publication date {str(value)[:80]!r} is not a date: ignored")
    if date is None:
        date = default
    if date is None:
        warnings.append("no publication date: relative dates stay unresolved, rates are the table's latest")
    elif not PLAUSIBLE_YEARS[0] <= date.year <= PLAUSIBLE_YEARS[1]:
        warnings.append(f"publication date {date.isoformat()} is implausible (outside "
                        f"{PLAUSIBLE_YEARS[0]}-{PLAUSIBLE_YEARS[1]}): dates and rates resolved against it")
    return date, warnings


def make_article(
    fields: Mapping[str, Any], raw_text: str, *, default_id: str, source: str,
    default_published: dt.date | None,
) -> Article:
    """Clean the text and build the article; metadata fields win over defaults."""
    cleaned: CleanText = clean(normalise_text(raw_text))
    if not cleaned.text.strip():
        raise Unreadable("no text left after removing boilerplate")
    published, warnings = publication_date(fields.get("published") or fields.get("date"), default_published)
    try:
        return Article(
            id=str(fields.get("id") or default_id),
            title=fields.get("title"),
            url=fields.get("url"),
            published=published,
            text=cleaned.text,
            source_path=source,
            removed_lines=len(cleaned.removed),
            warnings=warnings,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Unreadable(f"bad metadata field {first['loc'][0]!r}: {first['msg']}") from None


def text_field(obj: Mapping[str, Any]) -> str:
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value
    raise Unreadable(f"no text: none of the fields {', '.join(TEXT_FIELDS)} holds a non-empty string")


def input_format(name: str) -> str | None:
    """The format suffix of a file newsclaims reads (``.jsonl`` for ``a.jsonl.gz``), else None."""
    fmt = split_name(name)[1]
    return fmt if fmt in SUFFIXES else None


def _sidecar(path: Path, stem: str) -> dict[str, Any]:
    meta = path.with_name(stem + ".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable(f"sidecar {meta.name} unreadable: {exc}") from None
    if not isinstance(data, dict):
        raise Unreadable(f"sidecar {meta.name} is not a JSON object")
    return data


Warn = Callable[[str], None]
_log = logging.getLogger("newsclaims")


def warn_about(on_warning: Warn | None, line: str) -> None:
    """A warning line about an input as a whole; without a listener it goes to the ``newsclaims`` logger
    (on stderr when logging is not set up)."""
    if on_warning is not None:
        on_warning(line)
    else:
        _log.warning(line)


def read_file(path: Path, *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              on_warning: Warn | None = None, span: ReadRange = WHOLE) -> Iterator[Article | ReadError]:
    """The articles of one file: all of them, or for JSON Lines and web archives those in ``span``."""
    where = str(path)
    stem, fmt, compression = split_name(path.name)
    if input_format(path.name) is None:
        yield ReadError(where, f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield ReadError(where, "empty file")
            return
        if size > max_bytes and compression is None and fmt not in STREAMED_SUFFIXES:
            yield ReadError(where, f"file too large: {size} bytes, the limit is {max_bytes}")
            return
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(where, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from read_stream(handle, where, published=published, max_bytes=max_bytes,
                               sidecar=lambda: _sidecar(path, stem), on_warning=on_warning, span=span)


def read_stream(handle: IO[bytes], where: str, *, published: dt.date | None, max_bytes: int,
                sidecar: Callable[[], Mapping[str, Any]] = dict, on_warning: Warn | None = None,
                span: ReadRange = WHOLE) -> Iterator[Article | ReadError]:
    """The articles of one open input, its format and compression told by the name ``where``.

    JSON Lines and web archives are read as streams, one article in memory at a time, and only the
    part ``span`` of them; the other formats hold one article, refused (while decompressing) once it
    passes ``max_bytes``.
    """
    stem, fmt, compression = split_name(where)
    stream = open_decompressed(handle, compression)
    if fmt in STREAMED_SUFFIXES:
        from pipeline.streamed import read_jsonl, read_warc

        if span.start:
            skip_content(stream, span.start, seekable=compression is None)
        if fmt in JSONL_SUFFIXES:
            yield from read_jsonl(stream, where, stem, published, max_bytes, compressed=compression is not None,
                                  span=span)
        else:
            yield from read_warc(stream, where, published, max_bytes, on_warning, span=span)
        return
    try:
        data = read_at_most(stream, max_bytes)
    except StreamError as exc:
        yield ReadError(where, str(exc))
        return
    if data is None:
        yield ReadError(where, f"file too large: over {max_bytes} bytes once decompressed, the limit is {max_bytes}")
        return
    if not data:
        yield ReadError(where, "empty file")
        return
    try:
        decoded = decode(data)
        text = decoded.text
        if not text.strip():
            raise Unreadable("empty file (whitespace only)")
        if fmt in TEXT_SUFFIXES:
            article = make_article(sidecar(), text, default_id=stem, source=where, default_published=published)
        elif fmt in HTML_SUFFIXES:
            from pipeline.html import page_article

            article = page_article(text, default_id=stem, source=where, published=published)
        else:
            obj = parse_json(text)
            if not isinstance(obj, dict):
                raise Unreadable("JSON file does not hold one article object")
            article = make_article(obj, text_field(obj), default_id=stem, source=where,
                                   default_published=published)
        article.warnings[:0] = decoded.warnings
        yield article
    except Unreadable as exc:
        yield ReadError(where, str(exc))


def parse_json(text: str) -> Any:
    """``json.loads`` whose every failure is one "malformed JSON" cause, nesting too deep included."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        raise Unreadable(f"malformed JSON: {exc.msg} ({where})") from None
    except RecursionError:
        raise Unreadable("malformed JSON: nested too deeply to be an article") from None


def discover(paths: Iterable[Path | str], *, on_skip: Callable[[Path], None] | None = None
             ) -> Iterator[Path | ReadError]:
    """Files to read, in a stable order: folders recursively, sidecars skipped.

    Inside a folder, files of a type newsclaims does not read (a scraped site's ``.css``, ``.png``)
    are not failures: they are passed to ``on_skip`` and left out. A file named on its own is
    always yielded, so asking for an unsupported one is still an error.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(".meta.json") or child.name.startswith("."):
                    continue
                if input_format(child.name) is None:
                    if on_skip is not None:
                        on_skip(child)
                    continue
                yield child
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def iter_articles(
    paths: Iterable[Path | str], *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Path], None] | None = None, on_warning: Warn | None = None,
) -> Iterator[Article | ReadError]:
    """Stream articles (or errors) from files and folders, one article in memory at a time.

    ``on_skip`` hears of the unsupported files left out of folders (see :func:`discover`);
    ``on_warning`` gets a line about a file as a whole (the records of a web archive that are no
    pages), else the ``newsclaims`` logger does.
    """
    for item in discover(paths, on_skip=on_skip):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_file(item, published=published, max_bytes=max_bytes, on_warning=on_warning)


def article_from_mapping(obj: Mapping[str, Any] | Article, *, default_id: str = "article") -> Article:
    """An :class:`Article` from a library caller's dict (the JSON fields) or an Article."""
    if isinstance(obj, Article):
        return obj
    try:
        return make_article(obj, text_field(obj), default_id=default_id, source="<memory>",
                            default_published=None)
    except Unreadable as exc:
        from pipeline.errors import InputError

        raise InputError(str(obj.get("id", default_id)), str(exc)) from None
