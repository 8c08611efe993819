"""Score the date finder on the peers' English date-time cases (``recognizers_datetime.jsonl``).

The rule is the one in ``../shared/conformance/BASELINES.md`` (section "Dates"): each case runs with
its reference date as the publication date; only expected ``date``/``date_range`` items that resolve
to a calendar date or range are scored; a case is correct when every scored item is matched by a
distinct date mention with the same ISO start and end (inclusive end or the spec's exclusive end;
only the start for an open range with no end, only the end for one with no start), and a negative
case is correct when no date mention is produced.  An ambiguous item (past and future readings in
``values``) is matched by any of its readings.

    python -m evals.conformance_dates ../shared/conformance [--failures 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import time
from pathlib import Path
from typing import Any

from pipeline.dates import DateMention, find_dates

FILE = "recognizers_datetime.jsonl"
#: peer figures from BASELINES.md, for the table row
PEERS = {"dateparser 1.5.0 search_dates": (144, 635), "no output (negative cases only)": (67, 635)}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Reading = tuple[str | None, str | None]


def _readings(item: dict[str, Any]) -> list[Reading]:
    """The (start, end) readings of a scored item; empty when the item is not scored."""
    if item["kind"] not in ("date", "date_range"):
        return []
    out: list[Reading] = []
    for value in item.get("values") or []:
        if value.get("type") == "date" and _ISO.match(str(value.get("value", ""))):
            out.append((value["value"], value["value"]))
        elif value.get("type") == "daterange":
            start = value.get("start") if _ISO.match(str(value.get("start", ""))) else None
            end = value.get("end") if _ISO.match(str(value.get("end", ""))) else None
            if start or end:
                out.append((start, end))
    return out


def _fits(reading: Reading, mention: DateMention) -> bool:
    start, end = reading
    got_start = mention.date.start.isoformat() if mention.date.start else None
    got_end = mention.date.end.isoformat() if mention.date.end else None
    if start is not None and start != got_start:
        return False
    if end is not None:
        inclusive = (dt.date.fromisoformat(end) - dt.timedelta(days=1)).isoformat()
        if got_end not in (end, inclusive):
            return False
    return True


def _reference(case: dict[str, Any]) -> dt.date | None:
    ref = (case.get("context") or {}).get("reference_datetime")
    return dt.datetime.fromisoformat(ref).date() if ref else None


def _correct(items: list[list[Reading]], mentions: list[DateMention]) -> bool:
    dated = [m for m in mentions if m.date.start is not None or m.date.end is not None]
    if not items:
        return not dated
    used: set[int] = set()
    for readings in items:
        for i, mention in enumerate(dated):
            if i not in used and any(_fits(r, mention) for r in readings):
                used.add(i)
                break
        else:
            return False
    return True


def _scored_cases(path: Path) -> list[tuple[dict[str, Any], list[list[Reading]]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        items = [r for r in (_readings(item) for item in case["expected"]) if r]
        if case["expected"] and not items:
            continue  # only times, sets, durations or unresolved items
        out.append((case, items))
    return out


def score_dates(conformance_dir: str | Path, *, passes: int = 3) -> dict[str, Any]:
    """The BASELINES.md date figure for :func:`pipeline.dates.find_dates`, with every failure listed."""
    cases = _scored_cases(Path(conformance_dir) / FILE)
    find_dates("warm-up on 5 October 2025", dt.date(2025, 12, 10))
    timings = []
    results: list[bool] = []
    failures: list[dict[str, Any]] = []
    for run in range(passes):
        find_cache_clear()
        started = time.perf_counter()
        outputs = [find_dates(case["text"], _reference(case)) for case, _ in cases]
        timings.append(time.perf_counter() - started)
        if run == 0:
            for (case, items), mentions in zip(cases, outputs, strict=True):
                ok = _correct(items, mentions)
                results.append(ok)
                if not ok:
                    failures.append({
                        "id": case["id"], "text": case["text"], "reference": str(_reference(case)),
                        "expected": [{"text": e["text"], "readings": _readings(e)} for e in case["expected"]
                                     if _readings(e)],
                        "got": [{"text": m.text, "start": str(m.date.start), "end": str(m.date.end),
                                 "pattern": m.pattern} for m in mentions],
                    })
    python_ok = [ok for (case, _), ok in zip(cases, results, strict=True)
                 if "python" not in case["not_supported"] + case["not_supported_by_design"]]
    negatives = [ok for (_, items), ok in zip(cases, results, strict=True) if not items]
    return {
        "file": FILE,
        "scored_cases": len(cases),
        "correct": sum(results),
        "rate": sum(results) / len(cases),
        "python_supported": (sum(python_ok), len(python_ok)),
        "negatives": (sum(negatives), len(negatives)),
        "s_per_1000_cases": statistics.median(timings) / len(cases) * 1000,
        "peers": PEERS,
        "failures": failures,
    }


def find_cache_clear() -> None:
    """Time the finder, not its cache."""
    from pipeline import dates

    dates._find_all.cache_clear()


def table_row(result: dict[str, Any]) -> str:
    """The dates row for the conformance table (same columns as the peers' figures)."""
    ok, n = result["python_supported"]
    peers = "; ".join(f"{name}: {c} ({c / total:.1%})" for name, (c, total) in result["peers"].items())
    return (f"| {result['file']} | {result['scored_cases']} | newsclaims find_dates | {result['correct']} "
            f"({result['rate']:.1%}) | {ok}/{n} ({ok / n:.1%}) | {result['s_per_1000_cases']:.2f} | {peers} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("conformance_dir", type=Path)
    parser.add_argument("--failures", type=int, default=0, help="print this many failures")
    args = parser.parse_args()
    result = score_dates(args.conformance_dir)
    for failure in result["failures"][: args.failures]:
        print(json.dumps(failure, ensure_ascii=False))
    print(f"dates: {result['correct']}/{result['scored_cases']} correct ({result['rate']:.1%}); "
          f"Python-supported subset {result['python_supported'][0]}/{result['python_supported'][1]}; "
          f"negatives {result['negatives'][0]}/{result['negatives'][1]}; "
          f"{result['s_per_1000_cases']:.2f} s per 1,000 cases; dateparser 144/635 (22.7%)")
    print(table_row(result))


if __name__ == "__main__":
    main()
