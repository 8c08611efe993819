"""Cost of the date stage beside the bare en_core_web_sm, on the same texts in one run (a script, not a test).

    python benchmarks/bench_dates.py [--articles 300] [--repeat 3]

Texts: the throughput benchmark's generated tech-news articles plus the dev corpus, each with a
publication date.  Printed: seconds for the bare model, for the model plus ``newsclaims_dates``, the
stage alone over the already-parsed Docs, and the stage's cost as a share of the bare model
(the issue's budget is under 10%).  The date caches are cleared before every timed pass, so
repeated passes do not measure cache hits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from benchmarks.bench_throughput import make_texts  # noqa: E402
from pipeline import dates, extensions  # noqa: E402
from pipeline.articles import Article, iter_articles  # noqa: E402
from pipeline.components import dates as _dates_component  # noqa: E402,F401
from pipeline.nlp import BASE_MODEL  # noqa: E402

PUBLISHED = dt.date(2025, 12, 10)


def corpus(n_generated: int) -> list[tuple[str, dt.date | None]]:
    """(text, publication date) pairs: generated articles and the dev corpus."""
    out: list[tuple[str, dt.date | None]] = [(text, PUBLISHED) for text in make_texts(n_generated)]
    for item in iter_articles([ROOT / "corpora" / "dev"]):
        if isinstance(item, Article):
            out.append((item.text, item.published))
    return out


def docs_of(nlp: Language, items: list[tuple[str, dt.date | None]]) -> list[Doc]:
    docs = []
    for text, published in items:
        doc = nlp.make_doc(text)
        doc._.published = published
        docs.append(doc)
    return docs


def timed_pipe(nlp: Language, items: list[tuple[str, dt.date | None]]) -> tuple[float, list[Doc]]:
    dates.clear_caches()
    docs = docs_of(nlp, items)
    started = time.perf_counter()
    out = list(nlp.pipe(docs, batch_size=64))
    return time.perf_counter() - started, out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles (plus the dev corpus)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    extensions.register()
    items = corpus(args.articles)
    words = sum(len(text.split()) for text, _ in items)
    bare = spacy.load(BASE_MODEL)
    full = spacy.load(BASE_MODEL)
    full.add_pipe("newsclaims_dates")
    stage = full.get_pipe("newsclaims_dates")
    dates.find_dates("warm-up: the third quarter of 2025", PUBLISHED)
    list(bare.pipe([text for text, _ in items[:20]]))
    list(full.pipe(docs_of(full, items[:20])))

    bare_times, full_times, stage_times = [], [], []
    mentions = 0
    for _ in range(args.repeat):
        seconds, parsed = timed_pipe(bare, items)
        bare_times.append(seconds)
        seconds, _done = timed_pipe(full, items)
        full_times.append(seconds)
        dates.clear_caches()
        started = time.perf_counter()
        for doc in parsed:
            stage(doc)
        stage_times.append(time.perf_counter() - started)
        mentions = sum(len(doc.spans[extensions.DATES]) for doc in parsed)
    b, f, s = (statistics.median(t) for t in (bare_times, full_times, stage_times))
    print(f"texts: {len(items)} articles, {words:,} words; {mentions} date mentions; median of {args.repeat} passes")
    print(f"bare {BASE_MODEL}: {b:.3f} s ({words / b:,.0f} words/s)")
    print(f"{BASE_MODEL} + newsclaims_dates: {f:.3f} s (difference {(f - b) / b:+.1%})")
    print(f"newsclaims_dates alone on the parsed Docs: {s:.3f} s = {s / b:.1%} of the bare model (budget < 10%)")


if __name__ == "__main__":
    main()
