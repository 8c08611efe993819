"""Throughput, scaling and memory of newsclaims batch runs (a script, not a test).

    python benchmarks/bench_throughput.py                       # everything, report on stdout
    python benchmarks/bench_throughput.py --out benchmarks/RESULTS.md
    python benchmarks/bench_throughput.py --only speed,scale     # parts: speed, scale, memory, dask

It prints, on one generated corpus: articles/s and words/s of the bare en_core_web_sm and of the full
newsclaims pipeline, and their ratio; the speed-up of two worker processes over one; peak memory of
``newsclaims extract`` over 500 and 10,000 articles, each in a fresh process; and a Dask LocalCluster
run beside the local ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRMS = ["Apple", "Microsoft", "Meta", "Samsung", "Nvidia", "Intel", "Alphabet", "Amazon", "Xiaomi", "Lenovo",
         "TSMC", "AMD", "Qualcomm", "Huawei", "Dell", "Sony", "Oracle", "Salesforce"]
PRODUCTS = ["iPhone 16", "Surface Pro 11", "Quest 3S", "Galaxy S25", "Pixel 9", "Kindle Scribe", "ThinkPad X1",
            "MI300X", "Snapdragon X Elite", "Xperia 1 VI", "Gaudi 3", "Blackwell B200"]
REGIONS = ["Guangdong", "Bavaria", "Ontario", "Catalonia", "Gyeonggi", "Karnataka", "Jalisco", "Flanders"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "ninth", "tenth"]
ANALYSTS = ["Canalys", "IDC", "Counterpoint Research", "Gartner", "TrendForce", "Omdia"]
TEMPLATES: list[Callable[[random.Random], str]] = [
    lambda r: f"{r.choice(FIRMS)} launched the {r.choice(PRODUCTS)} on {r.choice(MONTHS)} {r.randint(1, 28)}, "
              f"{r.randint(2023, 2025)}.",
    lambda r: f"{r.choice(REGIONS)} was China's top innovation hub for the {r.choice(ORDINALS)} consecutive year, "
              "the official said.",
    lambda r: f"{r.choice(FIRMS)} acquired a cloud security start-up for ${r.randint(2, 900)} million in "
              f"{r.choice(MONTHS)}.",
    lambda r: f"The new {r.choice(PRODUCTS)} delivers around {r.randint(40, 95)} per cent of the performance of the "
              f"{r.choice(PRODUCTS)} at half the price, according to {r.choice(ANALYSTS)}.",
    lambda r: f"{r.choice(FIRMS)} shipped {r.randint(2, 80)}.{r.randint(1, 9)} million smartphones in the "
              f"{r.choice(['first', 'second', 'third', 'fourth'])} quarter, up {r.randint(2, 40)}% from a year "
              f"earlier, {r.choice(ANALYSTS)} said.",
    lambda r: f"Revenue at {r.choice(FIRMS)} rose {r.randint(2, 60)} per cent to ${r.randint(2, 90)}.{r.randint(1, 9)} "
              f"billion in the three months to {r.choice(MONTHS)}.",
    lambda r: f"{r.choice(FIRMS)} will invest ${r.randint(1, 80)} billion in data centres in {r.choice(REGIONS)} "
              "over the next five years, the company said on Tuesday.",
    lambda r: f"Its {r.choice(PRODUCTS)} is {r.choice(['twice', 'three times', '1.5 times'])} as fast as the "
              f"{r.choice(PRODUCTS)} on inference workloads, {r.choice(FIRMS)} claimed.",
    lambda r: f"Analysts at {r.choice(ANALYSTS)} expect the market to reach {r.randint(100, 900)} million units by "
              f"{r.randint(2026, 2030)}.",
    lambda r: f"The chief executive told reporters in {r.choice(REGIONS)} that demand remained strong.",
]


def make_texts(n: int, sentences: tuple[int, int] = (4, 8), seed: int = 2024) -> list[str]:
    """``n`` short tech-news articles of a few paragraphs, with varied companies, products and figures."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        picked = [rng.choice(TEMPLATES)(rng) for _ in range(rng.randint(*sentences))]
        half = len(picked) // 2
        texts.append(" ".join(picked[:half]) + "\n\n" + " ".join(picked[half:]) + "\n")
    return texts


def write_folder(folder: Path, texts: Iterable[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"story-{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def articles_of(texts: list[str]) -> list[dict[str, Any]]:
    return [{"id": f"b{i:05d}", "text": t, "published": "2025-06-30"} for i, t in enumerate(texts)]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def drain(results: Iterable[Any]) -> int:
    """Consume extraction results as the CLI does: every record serialised to JSON."""
    claims = 0
    for result in results:
        for claim in result.claims:
            claim.model_dump_json()
            claims += 1
    return claims


def rate(n_articles: int, words: int, seconds: float) -> str:
    return f"{n_articles / seconds:8.1f} articles/s {words / seconds:9.0f} words/s ({seconds:6.1f} s)"


# ---- parts ---------------------------------------------------------------------------------

def best_of(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The fastest of ``repeat`` alternating runs of each: this machine's neighbours make single runs noisy."""
    best = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            best[name] = min(best[name], timed(run))
    return best


def interleaved(repeat: int, chunks: list[list[str]], runs: dict[str, Callable[[list[str]], object]]
                ) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each run over all chunks, the runs taking turns chunk by chunk (in a
    rotating order) so that the machine's drift (a shared VM's neighbours) falls on all of them alike;
    the best of ``repeat`` passes, the date caches emptied before each turn (the full pipeline's runs
    share them, and a run must not find the chunk's sentences cached by another). A collection ends
    each turn, inside its timing: Docs and their spans are reference cycles, and left to the collector
    they would be freed during the next run's turn and counted against it."""
    from pipeline.dates import clear_caches

    best = {name: (float("inf"), float("inf")) for name in runs}
    names = list(runs)
    for turn in range(repeat):
        total = {name: [0.0, 0.0] for name in runs}
        for i, chunk in enumerate(chunks):
            # whose turn comes first rotates: the run after another pays for the caches that one left
            order = names[i % len(names):] + names[:i % len(names)]
            for name in order if turn % 2 == 0 else order[::-1]:
                run = runs[name]
                clear_caches()  # each run meets the chunk afresh, never the sentences another run cached
                wall, cpu = time.perf_counter(), time.process_time()
                run(chunk)
                gc.collect()  # each run pays for its own garbage (Docs and their spans form cycles)
                total[name][0] += time.perf_counter() - wall
                total[name][1] += time.process_time() - cpu
        best = {name: (min(best[name][0], total[name][0]), min(best[name][1], total[name][1])) for name in runs}
    return best


def bench_speed(texts: list[str], batch_size: int, repeat: int, report: list[str]) -> None:
    import spacy

    from pipeline.extractor import Extractor
    from pipeline.nlp import BASE_MODEL, STAGES, load

    words = sum(len(t.split()) for t in texts)
    bare, full = spacy.load(BASE_MODEL), load()  # load() caps the process's BLAS threads: both runs share it
    stock = load(indexed_attribute_ruler=False)  # the same stages behind the model's own attribute_ruler
    extractor = Extractor(full)
    for nlp in (bare, full, stock):
        list(nlp.pipe(texts[:16], batch_size=batch_size))
    counted: list[int] = []
    chunks = [texts[i:i + 4 * batch_size] for i in range(0, len(texts), 4 * batch_size)]
    best = interleaved(repeat, chunks, {
        "bare": lambda chunk: list(bare.pipe(chunk, batch_size=batch_size)),
        "pipe": lambda chunk: list(full.pipe(chunk, batch_size=batch_size)),
        "full": lambda chunk: counted.append(drain(extractor.extract_many(articles_of(chunk), batch_size=batch_size,
                                                                          mentions=False))),
        "stock": lambda chunk: list(stock.pipe(chunk, batch_size=batch_size)),
    })
    claims = sum(counted) // repeat
    (t_bare, c_bare), (t_full_pipe, c_full_pipe), (t_full, c_full) = best["bare"], best["pipe"], best["full"]
    t_stock, c_stock = best["stock"]
    bare_parts, full_parts = component_times(bare, texts, batch_size), component_times(full, texts, batch_size)
    stage_names = {"newsclaims_paragraphs", *(name for name, _ in STAGES)}  # not the model's swapped ruler
    stages = sum(sec for name, sec in full_parts.items() if name in stage_names)
    report += [
        "## Bare en_core_web_sm against the full pipeline",
        f"corpus: {len(texts)} articles, {words} words, batch size {batch_size}, one process, BLAS 1 thread; "
        f"the four runs take turns every {4 * batch_size} articles, best of {repeat} passes",
        "```",
        f"bare en_core_web_sm (nlp.pipe)        {rate(len(texts), words, t_bare)}  CPU {c_bare:6.1f} s",
        f"full pipeline (nlp.pipe)              {rate(len(texts), words, t_full_pipe)}  CPU {c_full_pipe:6.1f} s",
        f"full pipeline + records (extract_many){rate(len(texts), words, t_full)}  CPU {c_full:6.1f} s"
        f"  {claims} claims serialised, no mention records (as `newsclaims extract` without --mentions)",
        f"full pipeline, model's own ruler      {rate(len(texts), words, t_stock)}  CPU {c_stock:6.1f} s"
        "  (load(indexed_attribute_ruler=False))",
        f"ratio full/bare, wall clock: {t_bare / t_full_pipe:.2f} (nlp.pipe), {t_bare / t_full:.2f} (with records), "
        f"{t_bare / t_stock:.2f} (model's own ruler)   target >= 0.80",
        f"ratio full/bare, CPU time:   {c_bare / c_full_pipe:.2f} (nlp.pipe), {c_bare / c_full:.2f} (with records), "
        f"{c_bare / c_stock:.2f} (model's own ruler)",
        "```",
        "time per component, one pass over the corpus (bare model | full pipeline):",
        "```",
        *side_by_side(bare_parts, full_parts),
        f"newsclaims stages (paragraphs, entities, dates, numbers, linker): {stages:.2f} s = "
        f"{100 * stages / sum(bare_parts.values()):.1f} % of the bare model's components",
        "```",
    ]


def component_times(nlp: Any, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds per component, each run over the whole corpus in turn."""
    from pipeline.dates import clear_caches

    clear_caches()
    docs = [nlp.make_doc(t) for t in texts]
    total: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        total[name] = time.perf_counter() - start
    return total


def side_by_side(bare: dict[str, float], full: dict[str, float]) -> list[str]:
    """The two pipelines' component times as one table; a component only one of them has shows '-'."""
    lines = [f"{'component':28s} {'bare':>8s} {'full':>8s}"]
    names = list(full) + [n for n in bare if n not in full]
    for name in names:
        b = f"{bare[name]:7.2f}s" if name in bare else "       -"
        f = f"{full[name]:7.2f}s" if name in full else "       -"
        lines.append(f"{name:28s} {b:>8s} {f:>8s}")
    lines.append(f"{'total':28s} {sum(bare.values()):7.2f}s {sum(full.values()):7.2f}s")
    return lines


def bench_scale(texts: list[str], batch_size: int, repeat: int, report: list[str]) -> dict[int, float]:
    from pipeline.extractor import Extractor

    words = sum(len(t.split()) for t in texts)
    extractor = Extractor()
    drain(extractor.extract_many(articles_of(texts[:16]), batch_size=batch_size))
    best = best_of(repeat, {str(n): lambda n=n: drain(extractor.extract_many(  # type: ignore[misc]
        articles_of(texts), batch_size=batch_size, n_process=n)) for n in (1, 2)})
    seconds = {int(n): sec for n, sec in best.items()}
    report += [
        "## Worker processes (Extractor.extract_many, as `newsclaims extract --n-process N`)",
        f"corpus: {len(texts)} articles, batch size {batch_size}; {os.cpu_count()} CPUs; best of {repeat} "
        "alternating runs; times include starting the pool (fork: the workers inherit the loaded pipeline)",
        "```",
        *(f"n_process {n}  {rate(len(texts), words, s)}" for n, s in seconds.items()),
        f"speed-up 2 over 1: {seconds[1] / seconds[2]:.2f}x   target >= 1.70x",
        "```",
    ]
    return {n: len(texts) / s for n, s in seconds.items()}


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def peak_memory(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(largest single process peak RSS, sampled peak RSS of the process tree, seconds) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{shlex.join(command)} exited with {proc.returncode}")
    return usage.ru_maxrss / 1024, peak / 2**20, time.perf_counter() - start


def bench_memory(sizes: list[int], n_process: int, batch_size: int, report: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    rows = []
    with tempfile.TemporaryDirectory(prefix="nc-bench-") as tmp:
        folder = write_folder(Path(tmp) / "corpus", make_texts(max(sizes), seed=99))
        for size in sizes:
            subset = Path(tmp) / f"first-{size}"
            subset.mkdir()
            for path in sorted(folder.iterdir())[:size]:
                os.symlink(path, subset / path.name)
            command = [sys.executable, "-c", "from pipeline.cli import app; app()", "extract", str(subset),
                       "-o", str(Path(tmp) / f"out-{size}.jsonl"), "--published", "2025-06-30",
                       "--batch-size", str(batch_size), "--n-process", str(n_process), "--no-summary"]
            rows.append((size, *peak_memory(command, env)))
    base = rows[0]
    report += [
        "## Peak memory of `newsclaims extract` (a fresh process per size)",
        f"n_process {n_process}, batch size {batch_size}; 'process' is ru_maxrss of the largest process, "
        "'tree' the sampled sum over the process and its workers",
        "```",
        *(f"{size:6d} articles  process {proc:7.1f} MiB  tree {tree:7.1f} MiB  ({sec:6.1f} s, "
          f"{size / sec:5.1f} articles/s incl. start-up)" for size, proc, tree, sec in rows),
        *(f"{size} vs {base[0]}: process {100 * (proc / base[1] - 1):+.1f} %, tree {100 * (tree / base[2] - 1):+.1f} %"
          "   target within 10 %" for size, proc, tree, _ in rows[1:]),
        "```",
    ]


def bench_dask(texts: list[str], batch_size: int, workers: int, repeat: int, local: dict[int, float],
               report: list[str]) -> None:
    from pipeline import distributed as nc_dask

    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory(prefix="nc-bench-dask-") as tmp:
        folder = write_folder(Path(tmp) / "corpus", texts)
        warm = write_folder(Path(tmp) / "warm", texts[:4 * workers])
        start = time.perf_counter()
        client = nc_dask.local_client(workers)
        client.register_plugin(nc_dask.PipelinePlugin(None))
        startup = time.perf_counter() - start
        try:
            nc_dask.extract_with_dask(client, [warm], output=Path(tmp) / "warm.jsonl", partition_size=1)
            seconds = best_of(repeat, {"dask": lambda: nc_dask.extract_with_dask(
                client, [folder], output=Path(tmp) / "out.jsonl", partition_size=16, batch_size=batch_size)})["dask"]
        finally:
            nc_dask.close_client(client)
    report += [
        "## Dask LocalCluster beside the local run",
        f"corpus: {len(texts)} article files, partitions of 16 files, {workers} workers x 1 thread, best of "
        f"{repeat}; cluster start "
        f"and pipeline load on the workers: {startup:.1f} s (not counted)",
        "```",
        f"dask, {workers} workers   {rate(len(texts), words, seconds)}",
        *(f"local n_process {n}   {r:8.1f} articles/s" for n, r in local.items()),
        "```",
    ]


def cpu_times() -> tuple[int, int]:
    """(all, stolen) jiffies from /proc/stat: steal is time the hypervisor gave our CPUs to others."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return sum(fields), fields[7] if len(fields) > 7 else 0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="corpus size for speed, scale and dask")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--memory-sizes", default="500,10000", help="comma-separated corpus sizes")
    parser.add_argument("--memory-n-process", type=int, default=1)
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs per timing; the best counts")
    parser.add_argument("--only", default="speed,scale,memory,dask", help="parts to run")
    parser.add_argument("--out", type=Path, help="also write the report (markdown) here")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    texts = make_texts(args.articles)
    command = "python benchmarks/bench_throughput.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    report = [
        "# newsclaims throughput benchmark",
        "",
        f"- command: `{command.strip()}`",
        f"- run: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}, commit {commit()}",
        f"- machine: {machine()}",
        "",
    ]
    started, (all0, steal0) = time.perf_counter(), cpu_times()
    local: dict[int, float] = {}
    if "speed" in parts:
        bench_speed(texts, args.batch_size, args.repeat, report)
    if "scale" in parts:
        local = bench_scale(texts, args.batch_size, args.repeat, report)
    if "memory" in parts:
        bench_memory([int(s) for s in args.memory_sizes.split(",")], args.memory_n_process, args.batch_size, report)
    if "dask" in parts:
        bench_dask(texts, args.batch_size, args.dask_workers, args.repeat, local, report)
    all1, steal1 = cpu_times()
    steal = 100 * (steal1 - steal0) / max(1, all1 - all0)
    report.append(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s; CPU time stolen by the "
                  f"hypervisor {steal:.1f} %; load average at the end {os.getloadavg()[0]:.2f}; benchmark process "
                  f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    text = "\n".join(report) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
