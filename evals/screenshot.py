"""Take a PNG screenshot of an HTML evaluation report with headless Chromium.

    python -m evals.screenshot evals/reports/dev/report.html evals/report-dev.png [--width 1280] [--height 2400]

Also checks the page on the way: it exits 1 if Chromium logs a console message (a script error
or a blocked external resource), so a screenshot is never taken of a broken report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.evaluate.browser import find_chromium, render, screenshot


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="report.html")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400, help="pixels from the top of the page")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("error: headless Chromium not found (Debian: apt-get install -y chromium)", file=sys.stderr)
        return 2
    if not args.report.is_file():
        print(f"error: {args.report}: no such file", file=sys.stderr)
        return 2
    rendered = render(args.report)
    for message in rendered.console:
        print(f"console: {message}", file=sys.stderr)
    if rendered.console or not rendered.ready:
        print("error: the report does not render cleanly; no screenshot taken", file=sys.stderr)
        return 1
    screenshot(args.report, args.png, width=args.width, height=args.height)
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
