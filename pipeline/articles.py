"""Read articles from files and folders, in every format newsclaims accepts.

Each input yields an :class:`Article` or a :class:`ReadError`; a bad file never stops the batch,
and every file that was read is accounted for in one or the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline.cleaning import CleanText, clean

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
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
    removed_lines: int = 0

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


_SINGLE_BYTE_LATIN = ("iso8859", "cp125", "latin", "mac_")


class Unreadable(Exception):
    """Raised inside the readers for an input that cannot become an article; the batch reports it."""


def normalise_text(text: str) -> str:
    """Unicode NFC; curly quotes and non-breaking spaces stay as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes) -> str:
    """UTF-8 first, else the encoding charset-normalizer detects; binary data is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data[:8192]:
            raise Unreadable("binary file (NUL bytes), not text") from None
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise Unreadable("cannot decode: not UTF-8 and no text encoding detected") from None
        text = str(best)
        if best.encoding.startswith(_SINGLE_BYTE_LATIN):
            # short texts fit several Latin code pages; Western news is most often Windows-1252
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                pass
    if "\x00" in text[:8192] or _control_ratio(text) > 0.05:
        raise Unreadable("binary file (control characters), not text")
    return normalise_text(text)


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t\r\f")
    return bad / len(sample)


def make_article(
    fields: Mapping[str, Any], raw_text: str, *, default_id: str, source: str,
    default_published: dt.date | None,
) -> Article:
    """Clean the text and build the article; metadata fields win over defaults."""
    cleaned: CleanText = clean(normalise_text(raw_text))
    if not cleaned.text.strip():
        raise Unreadable("no text left after removing boilerplate")
    try:
        return Article(
            id=str(fields.get("id") or default_id),
            title=fields.get("title"),
            url=fields.get("url"),
            published=fields.get("published") or fields.get("date") or default_published,
            text=cleaned.text,
            source_path=source,
            removed_lines=len(cleaned.removed),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Unreadable(f"bad metadata field {first['loc'][0]!r}: {first['msg']}") from None


def _text_field(obj: Mapping[str, Any]) -> str:
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value
    raise Unreadable(f"no text: none of the fields {', '.join(TEXT_FIELDS)} holds a non-empty string")


def _sidecar(path: Path) -> dict[str, Any]:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable(f"sidecar {meta.name} unreadable: {exc}") from None
    if not isinstance(data, dict):
        raise Unreadable(f"sidecar {meta.name} is not a JSON object")
    return data


def _read_file(path: Path, published: dt.date | None, max_bytes: int) -> Iterator[Article | ReadError]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield ReadError(where, "empty file")
            return
        if size > max_bytes:
            yield ReadError(where, f"file too large: {size} bytes, the limit is {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(where, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    try:
        text = decode(data)
        if not text.strip():
            raise Unreadable("empty file (whitespace only)")
        if suffix in TEXT_SUFFIXES:
            yield make_article(
                _sidecar(path), text, default_id=path.stem, source=where, default_published=published
            )
        elif suffix in HTML_SUFFIXES:
            from pipeline.html import html_article

            yield html_article(text, path, published)
        elif suffix in JSON_SUFFIXES:
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise Unreadable(f"malformed JSON at line {exc.lineno}: {exc.msg}") from None
            if not isinstance(obj, dict):
                raise Unreadable("JSON file does not hold one article object")
            yield make_article(
                obj, _text_field(obj), default_id=path.stem, source=where, default_published=published
            )
        else:
            yield from _read_jsonl(text, path, published)
    except Unreadable as exc:
        yield ReadError(where, str(exc))


def _read_jsonl(text: str, path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise Unreadable("line does not hold an article object")
            yield make_article(
                obj, _text_field(obj), default_id=f"{path.stem}-{number}",
                source=f"{path}:{number}", default_published=published,
            )
        except json.JSONDecodeError as exc:
            yield ReadError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", number)
        except Unreadable as exc:
            yield ReadError(str(path), str(exc), number)


def discover(paths: Iterable[Path | str]) -> Iterator[Path | ReadError]:
    """Files to read, in a stable order: folders recursively, sidecars skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.endswith(".meta.json") or child.name.startswith("."):
                    continue
                yield child
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def iter_articles(
    paths: Iterable[Path | str], *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadError]:
    """Stream articles (or errors) from files and folders, one file in memory at a time."""
    for item in discover(paths):
        if isinstance(item, ReadError):
            yield item
        elif item.suffix.lower() not in SUFFIXES:
            yield ReadError(str(item), f"unsupported file type {item.suffix or '(none)'!r}")
        else:
            yield from _read_file(item, published, max_bytes)


def article_from_mapping(obj: Mapping[str, Any] | Article, *, default_id: str = "article") -> Article:
    """An :class:`Article` from a library caller's dict (the JSON fields) or an Article."""
    if isinstance(obj, Article):
        return obj
    try:
        return make_article(obj, _text_field(obj), default_id=default_id, source="<memory>",
                            default_published=None)
    except Unreadable as exc:
        from pipeline.errors import InputError

        raise InputError(str(obj.get("id", default_id)), str(exc)) from None
