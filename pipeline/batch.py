"""Batch runs that survive being killed: append-only output with a commit log beside it.

The output stays plain JSONL of claim records. Beside it, ``OUTPUT.done`` lists the articles whose
records are complete, one ``article_id<TAB>content_hash<TAB>records_end<TAB>mentions_end<TAB>digest``
line each, where the ends are byte offsets into the output (and mentions) file just after that
article's lines and the digest is a hash of those lines. A line is appended only after the records it
covers are flushed and fsync'ed, so after a kill at any point the log names a prefix of the output that
is whole; ``resume`` checks the log against the output (order, line boundaries, digests), cuts the
output back to that prefix (dropping a broken last line and the records of unfinished articles) and
skips the logged articles. Articles without claims are logged too, so they are not run again.

The output is locked (an OS file lock) while a run writes it, so a second run on the same file is
refused instead of interleaving its records. Special files (``/dev/null``, pipes) get no log, no lock
and no fsync, and cannot be resumed.

A JSON Lines file or web archive is one input of many articles: the log also records where each of
its articles starts, so :func:`read_resumed` reads such a file from its last committed article on
instead of parsing again the articles before it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from pipeline.archives import ReadRange
from pipeline.articles import DEFAULT_MAX_BYTES, Article, ReadError
from pipeline.errors import NewsclaimsError
from pipeline.inputs import read_location

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: outputs are not locked there
    fcntl = None  # type: ignore[assignment]

DONE_SUFFIX = ".done"
_COMPACT = ".compact"
_COMMIT = ".commit"
_START_OVER = "run without --resume to start over (the output is then rewritten)"


class ResumeError(NewsclaimsError):
    """An output cannot be resumed: its commit log is missing or does not match it."""


class OutputError(NewsclaimsError):
    """An output cannot be written: not writable, or locked by another run."""


def done_path(output: Path) -> Path:
    """The commit log that sits beside an output file."""
    return output.with_name(output.name + DONE_SUFFIX)


def is_special(path: Path) -> bool:
    """True for an existing output that is not a regular file: a device such as /dev/null, a pipe."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def digest(records: bytes, mentions: bytes = b"") -> str:
    """What the log keeps of one article's lines, so a resume can tell they are still the same."""
    return hashlib.sha1(records + b"\0" + mentions).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class DoneEntry:
    """One committed article, where its lines end in the output (and mentions) file, and their digest;
    for an article of a JSON Lines file or web archive, also that input and where the article starts
    in it, so a resumed run can start reading there."""

    article_id: str
    content_hash: str
    records_end: int
    mentions_end: int | None
    digest: str = ""
    source: str = ""
    position: tuple[int, int] | None = None

    def line(self) -> str:
        mentions = "-" if self.mentions_end is None else str(self.mentions_end)
        base = f"{_escape(self.article_id)}\t{self.content_hash}\t{self.records_end}\t{mentions}\t{self.digest}"
        if self.position is None:
            return base + "\n"
        return f"{base}\t{_escape(self.source)}\t{self.position[0]}:{self.position[1]}\n"

    @classmethod
    def parse(cls, line: str) -> DoneEntry | None:
        parts = line.rstrip("\n").split("\t")
        if len(parts) not in (5, 7) or not line.endswith("\n"):
            return None
        try:
            mentions = None if parts[3] == "-" else int(parts[3])
            position = None
            if len(parts) == 7:
                offset, number = parts[6].split(":")
                position = (int(offset), int(number))
            return cls(_unescape(parts[0]), parts[1], int(parts[2]), mentions, parts[4],
                       _unescape(parts[5]) if position else "", position)
        except ValueError:
            return None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, chars = [], iter(text)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n"}.get(nxt, nxt))
        else:
            out.append(c)
    return "".join(out)


def _fsync(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(size)
        handle.flush()
        os.fsync(handle.fileno())


def _finish_compaction(output: Path, mentions: Path | None) -> None:
    """Roll a compaction that was interrupted forward (past its commit point) or back."""
    done = done_path(output)
    commit = done.with_name(done.name + _COMMIT)
    parts = [output] + ([mentions] if mentions else [])
    if commit.exists():
        for part in parts:
            staged = part.with_name(part.name + _COMPACT)
            if staged.exists():
                os.replace(staged, part)
        os.replace(commit, done)
    for path in [*parts, done]:
        path.with_name(path.name + _COMPACT).unlink(missing_ok=True)


def _discard_compaction(output: Path, mentions: Path | None) -> None:
    done = done_path(output)
    done.with_name(done.name + _COMMIT).unlink(missing_ok=True)
    for path in [output, done] + ([mentions] if mentions else []):
        path.with_name(path.name + _COMPACT).unlink(missing_ok=True)


def _parse_log(done: Path) -> tuple[list[DoneEntry], int]:
    """The log's entries and the length of its whole lines; only an unfinished last line (a kill in
    the middle of writing it) is left out: any other line that is not an entry refuses the log."""
    raw = done.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResumeError(f"{done} is not a commit log (invalid UTF-8 at byte {exc.start}): {_START_OVER}") from None
    entries: list[DoneEntry] = []
    good = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if not line.endswith("\n"):
            break  # the one line a kill may leave half-written
        entry = DoneEntry.parse(line)
        if entry is None:
            raise ResumeError(f"{done} line {number} is not a commit-log entry of this newsclaims version: "
                              f"{_START_OVER}")
        entries.append(entry)
        good += len(line.encode("utf-8"))
    return entries, good


def _check_against(entries: list[DoneEntry], output: Path, mentions: Path | None, done: Path) -> None:
    """Each entry must end after the one before, on a line boundary, and its lines must hash to its digest."""
    prev_r, prev_m = 0, 0
    for number, entry in enumerate(entries, start=1):
        m_end = entry.mentions_end if entry.mentions_end is not None else 0
        if entry.records_end < prev_r or m_end < prev_m:
            raise ResumeError(f"{done} line {number} ({entry.article_id!r}): offsets go backwards, the log is "
                              f"out of order: {_START_OVER}")
        prev_r, prev_m = entry.records_end, m_end
    with output.open("rb") as out, (mentions.open("rb") if mentions is not None else open(os.devnull, "rb")) as ment:
        prev_r, prev_m = 0, 0
        for number, entry in enumerate(entries, start=1):
            m_end = entry.mentions_end if entry.mentions_end is not None else 0
            where = f"{done} line {number} ({entry.article_id!r})"
            records = out.read(entry.records_end - prev_r)
            ment_bytes = ment.read(m_end - prev_m) if mentions is not None else b""
            if len(records) != entry.records_end - prev_r or len(ment_bytes) != m_end - prev_m:
                raise ResumeError(f"{where}: the output is shorter than the log says: {_START_OVER}")
            if (records and not records.endswith(b"\n")) or (ment_bytes and not ment_bytes.endswith(b"\n")):
                raise ResumeError(f"{where}: an offset falls inside a line of the output: {_START_OVER}")
            if digest(records, ment_bytes) != entry.digest:
                raise ResumeError(f"{where}: the output's lines for this article differ from what was logged "
                                  f"(changed by hand or by another run): {_START_OVER}")
            prev_r, prev_m = entry.records_end, m_end


def read_done(output: Path, mentions: Path | None) -> list[DoneEntry]:
    """The committed entries of an output, checked against it, after repairing a log cut short by a kill."""
    done = done_path(output)
    if not done.exists():
        return []
    entries, good = _parse_log(done)
    if good < done.stat().st_size:
        _truncate(done, good)
    if entries:
        wants_mentions = mentions is not None
        if any((e.mentions_end is not None) != wants_mentions for e in entries):
            raise ResumeError(f"{output}: the run being resumed was started "
                              f"{'without' if wants_mentions else 'with'} --mentions; resume it the same way")
        last = entries[-1]
        if not output.exists() or output.stat().st_size < last.records_end:
            raise ResumeError(f"{output} is shorter than its commit log {done.name} says: cannot resume; "
                              f"{_START_OVER}")
        if mentions is not None and last.mentions_end is not None and (
                not mentions.exists() or mentions.stat().st_size < last.mentions_end):
            raise ResumeError(f"{mentions} is shorter than the commit log {done.name} says: cannot resume; "
                              f"{_START_OVER}")
        _check_against(entries, output, mentions, done)
    return entries


def _open_locked(path: Path) -> IO[str]:
    """Open ``path`` for appending without truncating it, and hold an exclusive lock on it for the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise OutputError(f"{path} is being written by another newsclaims run: wait for it to finish, "
                              "or choose another --output") from None
    return handle


def _cut(handle: IO[str], size: int) -> None:
    """Cut an appending handle back to ``size`` bytes; its position (what ``tell`` reports) follows."""
    handle.truncate(size)
    handle.seek(0, os.SEEK_END)


def _open_output(path: Path) -> tuple[IO[str], bool]:
    """A regular file opened for appending under the run's lock, or a special file as a stream; and
    whether it is special (no cutting back, no log)."""
    special = is_special(path)
    return (_open_special(path) if special else _open_locked(path)), special


def _open_special(path: Path) -> IO[str]:
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


class BatchWriter:
    """Append records article by article and commit them, so a killed run can be resumed.

    ``add`` writes an article's lines; every ``commit_every`` articles (and on ``close``) the files
    are fsync'ed and the articles logged as done. With ``resume=True`` an existing output is first
    checked against its log and cut back to its last committed article, and :meth:`skip` says which
    input articles are done. A special file as output (``/dev/null``, a pipe) is written as a stream.
    """

    def __init__(self, output: Path, mentions: Path | None = None, *, resume: bool = False,
                 commit_every: int = 32) -> None:
        self.output = output
        self.mentions = mentions
        self.commit_every = max(1, commit_every)
        self.skipped = 0
        self.special = is_special(output)
        self._done_path = done_path(output)
        self._prior: list[DoneEntry] = []
        self._staged: list[DoneEntry] = []
        self._seen_ids: set[str] = set()
        self._by_source: dict[str, list[DoneEntry]] = {}  # of JSON Lines files and web archives
        self._done: IO[str] | None = None
        self._ment: IO[str] | None = None
        if self.special:
            if resume:
                raise ResumeError(f"{output} is not a regular file: a run writing to it cannot be resumed")
            self._out = _open_special(output)
            if mentions is not None:
                self._ment, ment_special = _open_output(mentions)
                if not ment_special:
                    _cut(self._ment, 0)
            self._remaining: Counter[tuple[str, str]] = Counter()
            return
        self._out = _open_locked(output)  # locked before anything is read or cut
        ment_special = True
        try:
            if mentions is not None:
                self._ment, ment_special = _open_output(mentions)
            if resume:
                _finish_compaction(output, mentions)
                if output.stat().st_size and not self._done_path.exists():
                    raise ResumeError(f"{output} has no commit log {self._done_path.name}: cannot tell which "
                                      "articles are complete; run without --resume to start over")
                self._prior = read_done(output, mentions)
            else:
                _discard_compaction(output, mentions)
            records_end = self._prior[-1].records_end if self._prior else 0
            mentions_end = (self._prior[-1].mentions_end or 0) if self._prior else 0
            _cut(self._out, records_end)
            if self._ment is not None and not ment_special:
                _cut(self._ment, mentions_end)
            self._done = self._done_path.open("a" if self._prior else "w", encoding="utf-8", newline="")
        except OSError as exc:
            self._close_handles()
            raise OutputError(f"{getattr(exc, 'filename', None) or output}: cannot write: "
                              f"{exc.strerror or exc}") from None
        except NewsclaimsError:
            self._close_handles()
            raise
        self._remaining = Counter((e.article_id, e.content_hash) for e in self._prior)
        for entry in self._prior:
            if entry.position is not None:
                self._by_source.setdefault(entry.source, []).append(entry)

    def resume_range(self, location: str) -> tuple[ReadRange, DoneEntry] | None:
        """Where to read ``location`` from again: its last committed article (read once more, to tell
        that the file is still the one logged) and that entry; None when it is read from the start."""
        entries = self._by_source.get(location)
        if not entries or entries[-1].position is None:
            return None
        offset, number = entries[-1].position
        return ReadRange(offset, number), entries[-1]

    def skip_before(self, location: str) -> int:
        """Count the committed articles of ``location`` before its last one as skipped, without reading
        them; how many there were."""
        count = 0
        for entry in self._by_source.get(location, [])[:-1]:
            key = (entry.article_id, entry.content_hash)
            if self._remaining[key] > 0:
                self._remaining[key] -= 1
                count += 1
        self.skipped += count
        return count

    def skip(self, article: Article) -> bool:
        """True when this article's records are already in the output (each logged copy is used once)."""
        key = (article.id, article.content_hash)
        self._seen_ids.add(article.id)
        if self._remaining[key] > 0:
            self._remaining[key] -= 1
            self.skipped += 1
            return True
        return False

    def add(self, article_id: str, content_hash: str, records: Iterable[str],
            mentions: Iterable[str] = (), *, source: str = "", position: tuple[int, int] | None = None) -> None:
        """Write one article's record lines (JSON without the newline) and stage it for the log, with
        where it starts in its input ``source`` when that is a JSON Lines file or web archive."""
        self._seen_ids.add(article_id)
        record_bytes = "".join(line + "\n" for line in records)
        self._out.write(record_bytes)
        self._out.flush()
        mention_bytes = ""
        mentions_end: int | None = None
        if self._ment is not None:
            mention_bytes = "".join(line + "\n" for line in mentions)
            self._ment.write(mention_bytes)
            self._ment.flush()
            mentions_end = self._ment.tell() if not self.special else None
        if self._done is None:
            return
        self._staged.append(DoneEntry(article_id, content_hash, self._out.tell(), mentions_end,
                                      digest(record_bytes.encode("utf-8"), mention_bytes.encode("utf-8")),
                                      source if position is not None else "", position))
        if len(self._staged) >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        """Make the staged articles durable: records first, then the log lines that point at them."""
        if not self._staged or self._done is None:
            return
        _fsync(self._out)
        if self._ment is not None:
            _fsync(self._ment)
        self._done.write("".join(e.line() for e in self._staged))
        _fsync(self._done)
        self._staged.clear()

    def _close_handles(self) -> None:
        for handle in (self._out, self._ment, self._done):
            if handle is not None:
                handle.close()  # closing releases the lock

    def close(self) -> None:
        """Commit what is left, then drop the records of logged articles whose text has changed."""
        self.commit()
        if self.special:
            for handle in (self._out, self._ment):
                if handle is not None:
                    handle.flush()
            self._close_handles()
            return
        stale = {i for i, e in enumerate(self._prior)
                 if self._remaining[(e.article_id, e.content_hash)] > 0 and e.article_id in self._seen_ids}
        if stale:
            self._out.flush()
            _compact(self.output, self.mentions, stale)  # still under the lock
        self._close_handles()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StreamWriter:
    """The :class:`BatchWriter` interface over open streams (stdout): no commit log, no resume."""

    def __init__(self, out: IO[str], mentions: IO[str] | None = None) -> None:
        self._out = out
        self._ment = mentions
        self.skipped = 0

    def skip(self, article: Article) -> bool:
        return False

    def resume_range(self, location: str) -> tuple[ReadRange, DoneEntry] | None:
        return None

    def skip_before(self, location: str) -> int:
        return 0

    def add(self, article_id: str, content_hash: str, records: Iterable[str],
            mentions: Iterable[str] = (), *, source: str = "", position: tuple[int, int] | None = None) -> None:
        for line in records:
            self._out.write(line + "\n")
        self._out.flush()
        if self._ment is not None:
            for line in mentions:
                self._ment.write(line + "\n")
            self._ment.flush()

    def close(self) -> None:
        self._out.flush()
        if self._ment is not None:
            self._ment.flush()


Writer = BatchWriter | StreamWriter


def _compact(output: Path, mentions: Path | None, drop: set[int]) -> None:
    """Rewrite output, mentions and log without the entries in ``drop``; crash-safe in two phases."""
    entries = read_done(output, mentions)
    done = done_path(output)
    staged_out = output.with_name(output.name + _COMPACT)
    staged_ment = mentions.with_name(mentions.name + _COMPACT) if mentions else None
    staged_done = done.with_name(done.name + _COMPACT)
    kept: list[DoneEntry] = []
    with output.open("rb") as src, staged_out.open("wb") as dst:
        ment_src = mentions.open("rb") if mentions else None
        ment_dst = staged_ment.open("wb") if staged_ment else None
        try:
            prev_r, prev_m = 0, 0
            for i, entry in enumerate(entries):
                src.seek(prev_r)
                chunk = src.read(entry.records_end - prev_r)
                m_chunk = b""
                if ment_src is not None and entry.mentions_end is not None:
                    ment_src.seek(prev_m)
                    m_chunk = ment_src.read(entry.mentions_end - prev_m)
                prev_r, prev_m = entry.records_end, entry.mentions_end or 0
                if i in drop:
                    continue
                dst.write(chunk)
                if ment_dst is not None:
                    ment_dst.write(m_chunk)
                kept.append(replace(entry, records_end=dst.tell(),
                                    mentions_end=ment_dst.tell() if ment_dst is not None else None))
            dst.flush()
            os.fsync(dst.fileno())
            if ment_dst is not None:
                ment_dst.flush()
                os.fsync(ment_dst.fileno())
        finally:
            for handle in (ment_src, ment_dst):
                if handle is not None:
                    handle.close()
    with staged_done.open("w", encoding="utf-8", newline="") as log:
        log.write("".join(e.line() for e in kept))
        _fsync(log)
    os.replace(staged_done, done.with_name(done.name + _COMMIT))  # the commit point
    _finish_compaction(output, mentions)


def read_resumed(location: str, writer: Writer, *, published: dt.date | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, on_warning: Callable[[str], None] | None = None,
                 on_skipped: Callable[[int], None] | None = None) -> Iterator[Article | ReadError]:
    """:func:`read_location` for a run that resumes into ``writer``: a JSON Lines file or web archive
    whose articles are partly committed is read from its last committed article on, the ones before
    it counted (``on_skipped``) but not parsed again. When that article is no longer where the log says
    (the file was changed), the file is read from its start and its done articles skipped by content."""
    resume = writer.resume_range(location)
    if resume is not None:
        span, last = resume
        items = read_location(location, published=published, max_bytes=max_bytes, on_warning=on_warning, span=span)
        first = next(items, None)
        if isinstance(first, Article) and (first.id, first.content_hash, first.position) == (
                last.article_id, last.content_hash, last.position):
            skipped = writer.skip_before(location)
            if on_skipped is not None:
                on_skipped(skipped)
            yield first
            yield from items
            return
        items.close()
        if on_warning is not None:
            on_warning(f"warning: {location}: not where the run being resumed left it (changed since?): "
                       "read again from its start, its done articles skipped by their text")
    yield from read_location(location, published=published, max_bytes=max_bytes, on_warning=on_warning)
