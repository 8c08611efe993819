"""What ``newsclaims extract`` tells its user: error lines, progress, the summary, output checks."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from pipeline.articles import Article
from pipeline.errors import NewsclaimsError
from pipeline.records import Claim

LOW_CONFIDENCE = 0.6  # the linker's low_confidence: links under it carry a warning
CLAIM_KINDS = ("money", "quantity", "count", "percent", "comparison", "ranking", "event")


class OutputUnwritable(NewsclaimsError):
    """An output the run could not write; found before any article is read."""


@dataclass
class Tally:
    """What the run did, for the summary and the exit code."""

    read: int = 0
    failed: int = 0
    skipped: int = 0
    finished: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    unsupported: Counter[str] = field(default_factory=Counter)
    with_warnings: int = 0
    low_confidence: int = 0

    def count_claims(self, claims: list[Claim]) -> None:
        self.claims.update(claim.type for claim in claims)
        self.with_warnings += sum(1 for claim in claims if claim.warnings)
        self.low_confidence += sum(1 for claim in claims if claim.confidence < LOW_CONFIDENCE)

    def fail(self, cause: str) -> None:
        self.failed += 1
        self.failures[cause_kind(cause)] += 1

    def skip_unsupported(self, path: Path) -> None:
        self.unsupported[path.suffix.lower() or "(none)"] += 1


def cause_kind(cause: str) -> str:
    """The kind of a read error without its particulars: "malformed JSON at line 3: ..." -> "malformed JSON"."""
    kind = re.split(r": | \(| at line ", cause, maxsplit=1)[0]
    return re.sub(r"^sidecar \S+", "sidecar", kind).strip() or cause


class ErrorLines:
    """One line per problem, to a file or to stderr; on stderr above the live progress display, which
    would otherwise run into the line (``stream`` None means stderr, looked up at each write)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.console: Console | None = None

    def write(self, line: str) -> None:
        if self.stream is None and self.console is not None:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)
            return
        stream = self.stream or sys.stderr
        stream.write(line + "\n")
        stream.flush()


@contextmanager
def progress_display(enabled: bool, total: int | None, errors: ErrorLines) -> Iterator[Progress | None]:
    """A live bar on stderr for a person watching a terminal; with ``total`` it shows an ETA."""
    if not enabled:
        yield None
        return
    counts = TextColumn("{task.fields[articles]} articles, {task.fields[claims]} claims")
    columns: tuple[ProgressColumn, ...] = (SpinnerColumn(), counts, TimeElapsedColumn())
    if total:
        columns = (SpinnerColumn(), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.completed}/{task.total} files"), counts, TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        errors.console = progress.console
        try:
            yield progress
        finally:
            errors.console = None


_UNSAFE = re.compile(r"[^\w.,+=@-]")
_MAX_NAME_BYTES = 120


def text_file_stem(article_id: str) -> str:
    """A readable file name for an article id: unsafe characters (slashes, NUL, controls, spaces) become
    ``_`` and long ids are cut; a name that is not the id itself gets a short hash of it, so two ids never
    share one."""
    name = _UNSAFE.sub("_", article_id).lstrip(".")
    cut = name.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore")
    if cut == article_id and cut:
        return cut
    return f"{cut or 'article'}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:8]}"


class TextFiles:
    """File names under ``--emit-text``, one per article in input order, never two for one file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._used: set[str] = set()
        self._first: dict[str, str] = {}

    def assign(self, article: Article) -> tuple[Path, str | None]:
        """The article's text file, and a warning when its id was seen before."""
        stem = text_file_stem(article.id)
        name, k = f"{stem}.txt", 1
        while name in self._used:
            k += 1
            name = f"{stem}-{k}.txt"
        self._used.add(name)
        where = article.source_path or "?"
        if article.id not in self._first:
            self._first[article.id] = where
            return self.folder / name, None
        return self.folder / name, (f"warning: {where}: duplicate article id {article.id!r} (first in "
                                    f"{self._first[article.id]}); its text goes to {name}, its records keep the id")


def check_writable(path: Path, what: str, *, folder: bool = False) -> None:
    """Refuse an output the run could not write, before the model loads and any article is read."""
    if path.exists():
        if path.is_dir() != folder:
            raise OutputUnwritable(f"{what} {path}: " + ("not a folder" if folder else "is a folder"))
        if not os.access(path, os.W_OK | (os.X_OK if folder else 0)):
            raise OutputUnwritable(f"{what} {path}: permission denied")
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            try:
                path.open("a").close()  # access() says yes to root; an immutable file still refuses
            except OSError as exc:
                raise OutputUnwritable(f"{what} {path}: {exc.strerror or exc}") from None
        return
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputUnwritable(f"{what} {path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputUnwritable(f"{what} {path}: cannot create it, {parent} is not writable")


def print_summary(tally: Tally, console: Console, elapsed: float, outputs: dict[str, str]) -> None:
    table = Table(title="newsclaims extract")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(tally.read))
    if tally.skipped:
        table.add_row("articles already done", str(tally.skipped))
    table.add_row("inputs failed", str(tally.failed))
    for kind, n in sorted(tally.failures.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  {kind}", str(n))
    if tally.unsupported:
        table.add_row("unsupported files skipped", str(sum(tally.unsupported.values())))
        for suffix, n in sorted(tally.unsupported.items()):
            table.add_row(f"  {suffix}", str(n))
    for kind in CLAIM_KINDS:
        table.add_row(f"claims: {kind}", str(tally.claims.get(kind, 0)))
    table.add_row("claims: all", str(sum(tally.claims.values())))
    table.add_row("records with warnings", str(tally.with_warnings))
    table.add_row(f"records below confidence {LOW_CONFIDENCE}", str(tally.low_confidence))
    table.add_row("elapsed", f"{elapsed:.1f} s")
    console.print(table)
    for what, where in outputs.items():  # below the table, whole, to be copied
        if where:
            console.print(f"{what}: {where}", markup=False, highlight=False, soft_wrap=True)
