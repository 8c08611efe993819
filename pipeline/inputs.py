"""Where inputs come from: local paths and fsspec URLs (``file://`` always, ``s3://`` and others where
fsspec and the protocol's extra are installed). :func:`expand_inputs` lists the files,
:func:`read_location` reads one the way :func:`pipeline.articles.read_file` reads a local file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from pipeline.archives import WHOLE, ReadRange, split_name
from pipeline.articles import (
    DEFAULT_MAX_BYTES,
    STREAMED_SUFFIXES,
    Article,
    ReadError,
    discover,
    iter_articles,
    read_file,
    read_stream,
)

#: a Dask run cuts an uncompressed JSON Lines file larger than this into byte ranges of this size
DEFAULT_PARTITION_BYTES = 64 * 1024 * 1024


def is_url(location: str) -> bool:
    """True for ``scheme://...`` locations (Windows drive letters are not schemes)."""
    scheme = urlparse(location).scheme
    return len(scheme) > 1 and "://" in location


def local_path(location: str | Path) -> Path | None:
    """The local path of a plain path or a ``file://`` URL; None for other URLs."""
    if isinstance(location, Path):
        return location
    if not is_url(location):
        return Path(location)
    parsed = urlparse(location)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    return None


def expand_inputs(locations: Iterable[str | Path], *, exclude: Iterable[Path] = (),
                  on_skip: Callable[[Path], None] | None = None) -> Iterator[str | ReadError]:
    """Every input file, in the order :func:`pipeline.articles.discover` gives local files.

    ``exclude`` names what the run itself writes (outputs, their ``.done`` logs and other
    ``NAME.*`` companions, the ``--emit-text`` folder): a run whose output sits in its input folder
    must not read its own records as articles. ``on_skip`` hears of unsupported files left out of
    local folders.
    """
    own = {path.resolve() for path in exclude}

    def is_own(file: Path) -> bool:
        file = file.resolve()
        return any(file == p or p in file.parents or (file.parent == p.parent and file.name.startswith(p.name + "."))
                   for p in own)

    for location in locations:
        path = local_path(location)
        if path is not None:
            for item in discover([path], on_skip=on_skip):
                if isinstance(item, ReadError):
                    yield item
                elif not (own and is_own(item)):
                    yield str(item)
            continue
        import fsspec

        url = str(location)
        try:
            fs, root = fsspec.core.url_to_fs(url)
            if fs.isdir(root):
                names = sorted(p for p in fs.find(root) if not _hidden(p))
                yield from (fs.unstrip_protocol(p) for p in names)
            elif fs.exists(root):
                yield url
            else:
                yield ReadError(url, "no such file or folder")
        except (OSError, ValueError, ImportError) as exc:
            yield ReadError(url, f"cannot list: {exc}")


def _hidden(path: str) -> bool:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith(".meta.json") or name.startswith(".")


def read_location(location: str, *, published: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  on_warning: Callable[[str], None] | None = None, span: ReadRange = WHOLE
                  ) -> Generator[Article | ReadError, None, None]:
    """Articles of one input file, local or remote (of a JSON Lines file or web archive, those in
    ``span``); a remote file is read as a local copy would be (copied to disk as a stream, so a large
    JSON Lines dump is never held in memory), and a range of one is read in place."""
    path = local_path(location)
    if path is not None:
        if path.is_file():
            yield from read_file(path, published=published, max_bytes=max_bytes, on_warning=on_warning, span=span)
        else:
            yield from iter_articles([path], published=published, max_bytes=max_bytes, on_warning=on_warning)
        return
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(location)
        name = root.rstrip("/").rsplit("/", 1)[-1]
        stem, fmt, compression = split_name(name)
        size = fs.size(root)
        if size is not None and size > max_bytes and compression is None and fmt not in STREAMED_SUFFIXES:
            yield ReadError(location, f"file too large: {size} bytes, the limit is {max_bytes}")
            return
        if not span.whole:
            with fs.open(root, "rb") as handle:
                yield from read_stream(handle, location, published=published, max_bytes=max_bytes,
                                       on_warning=on_warning, span=span)
            return
        with tempfile.TemporaryDirectory(prefix="newsclaims-") as tmp:
            local = Path(tmp) / name
            fs.get_file(root, str(local))
            sidecar = root.rsplit("/", 1)[0] + f"/{stem}.meta.json" if "/" in root else f"{stem}.meta.json"
            if fs.exists(sidecar):
                (Path(tmp) / f"{stem}.meta.json").write_bytes(fs.cat_file(sidecar))
            for item in read_file(local, published=published, max_bytes=max_bytes, span=span,
                                  on_warning=None if on_warning is None else
                                  (lambda line: on_warning(line.replace(str(local), location)))):
                if isinstance(item, ReadError):
                    yield ReadError(item.path.replace(str(local), location), item.cause, item.line)
                else:
                    source = (item.source_path or "").replace(str(local), location)
                    yield item.model_copy(update={"source_path": source})
    except (OSError, ValueError, ImportError) as exc:
        yield ReadError(location, f"cannot read: {exc}")


def iter_inputs(locations: Iterable[str | Path], *, published: dt.date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, exclude: Iterable[Path] = (),
                on_skip: Callable[[Path], None] | None = None, on_warning: Callable[[str], None] | None = None
                ) -> Iterator[Article | ReadError]:
    """Stream articles (or errors) from local paths and URLs alike (``exclude``, ``on_skip``: see
    :func:`expand_inputs`; ``on_warning``: see :func:`pipeline.articles.iter_articles`)."""
    for item in expand_inputs(locations, exclude=exclude, on_skip=on_skip):
        if isinstance(item, ReadError):
            yield item
        else:
            yield from read_location(item, published=published, max_bytes=max_bytes, on_warning=on_warning)
