"""One exception root, so callers can catch everything newsclaims raises on purpose."""

from __future__ import annotations


class NewsclaimsError(Exception):
    """Root of every error newsclaims raises on purpose."""


class InputError(NewsclaimsError):
    """An input that cannot be read as an article: names the file, the line and the cause."""

    def __init__(self, path: str, cause: str, line: int | None = None) -> None:
        self.path = path
        self.cause = cause
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {cause}")


class DataFileError(NewsclaimsError):
    """A language-data file under models/ is malformed."""
