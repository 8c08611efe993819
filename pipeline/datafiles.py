"""One way to read the language data under ``models/``: each file through a pydantic model.

A model rejects unknown and missing keys and wrong types; every failure is a
:class:`~pipeline.errors.DataFileError` whose message names the file, the entry and the field
(``models/dates/holidays.json: holidays[3] (id 'labour_day'): field 'month': Input should be a valid
integer``), so a bad edit fails at start-up with the place to fix. Checks beyond shape (duplicate
ids, cross-references) live in the loaders and raise through :func:`fail`, in the same form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, Strict, ValidationError

from pipeline import resources
from pipeline.errors import DataFileError

M = TypeVar("M", bound=BaseModel)
TOP = "top level"
ID_KEYS = ("id", "code", "pint", "text")  # what names an entry in a message, first found
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class DataModel(BaseModel):
    """The base of every data-file model: no unknown keys, no coercion between types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DataFile(DataModel):
    """A whole JSON data file: its ``_format`` header says what the file holds."""

    format: str = Field(alias="_format")


#: JSON arrays read as frozensets and tuples (strict mode takes only lists for lists)
Words = Annotated[frozenset[str], Strict(False)]
Phrases = Annotated[tuple[str, ...], Strict(False)]


def _regex(flags: int = 0, expanded: bool = False) -> PlainValidator:
    def compile_(value: Any) -> re.Pattern[str]:
        if not isinstance(value, str):
            raise ValueError("a regex must be a string")
        missing = unknown_macros(value) if expanded else []
        if missing:
            raise ValueError(f"unknown or too deeply nested macro(s) {missing}")
        try:
            return re.compile(value, flags)
        except re.error as exc:
            raise ValueError(f"regex does not compile: {exc}") from None

    return PlainValidator(compile_)


#: a regex, compiled case-insensitively
IRegex = Annotated[re.Pattern[str], _regex(re.IGNORECASE)]
#: a regex whose ``{MACRO}``s its model expanded before validation: a name still there is unknown
MacroRegex = Annotated[re.Pattern[str], _regex(expanded=True)]


def where(relative: str, entry: str, field: str) -> str:
    """The place a message names: ``models/FILE: ENTRY: field 'FIELD'``."""
    return f"models/{relative}: {entry}: field {field!r}"


def fail(relative: str, entry: str, field: str, cause: str) -> DataFileError:
    """The error for a check beyond shape, in the form a validation error takes."""
    return DataFileError(f"{where(relative, entry, field)}: {cause}")


def named(label: str, key: str, value: str) -> str:
    """``holidays[3] (id 'labour_day')``: an entry's place and what identifies it."""
    return f"{label} ({key} {value!r})"


def entry_name(label: str, row: object) -> str:
    """The entry's place, and its id (or code, pint name, text) when it has one."""
    if isinstance(row, dict):
        for key in ID_KEYS:
            if isinstance(row.get(key), str):
                return named(label, key, row[key])
    return label


def _path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _cause(error: Any) -> str:
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] in ("tuple_type", "frozen_set_type"):  # read from JSON arrays
        return "Input should be a valid list"
    return str(error["msg"]).removeprefix("Value error, ")


def describe(relative: str, exc: ValidationError, data: object, entry: str | None = None) -> str:
    """The message for a pydantic error: file, entry (the first list index on the error's path, or
    ``entry`` for a JSON Lines row) and field; one line, for the first error, counting the others.
    Missing and unknown keys come first: a missing section can make other fields fail."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] not in ("missing", "extra_forbidden"))
    loc = list(errors[0]["loc"])
    label, row = (entry, data) if entry is not None else (TOP, data)
    if entry is None:
        node: Any = data
        for i, part in enumerate(loc):
            node = _child(node, part)
            if isinstance(part, int):
                label, row, loc = _path(loc[: i + 1]), node, loc[i + 1:]
                break
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where(relative, entry_name(label, row), _path(loc) or '(the entry)')}: {_cause(errors[0])}{more}"


def _child(node: Any, part: int | str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def validate(relative: str, data: object, model: type[M], entry: str | None = None) -> M:
    """``data`` (parsed JSON) as ``model``, or DataFileError naming the file, the entry and the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(describe(relative, exc, data, entry)) from None


def parse_json(relative: str, text: str, model: type[M]) -> M:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"models/{relative}: line {exc.lineno}: malformed JSON: {exc.msg}") from None
    return validate(relative, data, model)


def parse_jsonl(relative: str, text: str, model: type[M]) -> list[tuple[int, M]]:
    """Each non-blank line as ``model``, with its line number."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"models/{relative}: line {number}: malformed JSON: {exc.msg}") from None
        rows.append((number, validate(relative, data, model, entry=f"line {number}")))
    return rows


def load_json(relative: str, model: type[M]) -> M:
    """``models/RELATIVE`` (a JSON file) read through ``model``."""
    return parse_json(relative, resources.read_text(relative), model)


def load_jsonl(relative: str, model: type[M]) -> list[tuple[int, M]]:
    """``models/RELATIVE`` (JSON Lines) read through ``model``: (line number, row) pairs."""
    return parse_jsonl(relative, resources.read_text(relative), model)


def expand_macros(template: str, macros: dict[str, str]) -> str:
    """Replace each ``{NAME}`` by its macro until none is left (macros may use macros); an unknown
    name, or one nested over ten deep, stays as written for :func:`unknown_macros` to find."""
    for _ in range(10):
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), template)
        if expanded == template:
            break
        template = expanded
    return template


def unknown_macros(text: str) -> list[str]:
    """The ``{NAME}``s left in an expanded template."""
    return sorted(set(_MACRO.findall(text)))


def unique(values: Iterable[tuple[str, str, str]], field: str = "id") -> None:
    """Refuse a value seen twice: ``values`` are (file, entry, value); the error names both places."""
    seen: dict[str, tuple[str, str]] = {}
    for relative, entry, value in values:
        if value in seen:
            first = seen[value]
            raise fail(relative, entry, field, f"duplicate {value!r} (first at models/{first[0]}: {first[1]})")
        seen[value] = (relative, entry)
