"""Open a report in headless Chromium: check that it renders cleanly, or take a screenshot.

The report's own script logs nothing, and its Content-Security-Policy blocks every external
load, so any console message Chromium reports (an uncaught error, a blocked resource) is a fault.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio",
)
_CONSOLE = re.compile(r":CONSOLE[:(]\d+\)?\] (?P<msg>.*)$")


@dataclass(frozen=True, slots=True)
class Rendered:
    """What Chromium made of a page: the DOM after scripts ran, and every console message."""

    dom: str
    console: list[str]
    returncode: int

    @property
    def ready(self) -> bool:
        """The report's script ran to its end (it sets ``data-ready`` on the body)."""
        return 'data-ready="1"' in self.dom


def find_chromium() -> str | None:
    """The path of a Chromium-like browser, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="newsclaims-chromium-") as profile:
        return subprocess.run([*args[:1], *FLAGS, f"--user-data-dir={profile}", *args[1:]], capture_output=True,
                              text=True, timeout=timeout, check=False)


def render(page: Path, *, chromium: str | None = None, timeout: float = 90.0) -> Rendered:
    """Load ``page`` headless and return its DOM and console messages."""
    browser = chromium or find_chromium()
    if browser is None:
        raise FileNotFoundError("no Chromium found (install Debian's chromium package)")
    proc = _run([browser, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom",
                 page.resolve().as_uri()], timeout)
    console = [m.group("msg") for line in proc.stderr.splitlines() if (m := _CONSOLE.search(line))]
    return Rendered(dom=proc.stdout, console=console, returncode=proc.returncode)


def screenshot(page: Path, png: Path, *, width: int = 1280, height: int = 2000, chromium: str | None = None,
               timeout: float = 90.0) -> Path:
    """A PNG of the top ``height`` pixels of ``page``."""
    browser = chromium or find_chromium()
    if browser is None:
        raise FileNotFoundError("no Chromium found (install Debian's chromium package)")
    png.parent.mkdir(parents=True, exist_ok=True)
    proc = _run([browser, f"--window-size={width},{height}", f"--screenshot={png.resolve()}",
                 "--run-all-compositor-stages-before-draw",
                 "--virtual-time-budget=5000", page.resolve().as_uri()], timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-500:]}")
    return png
