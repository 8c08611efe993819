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


#: the failing cases by kind: (kind, by design, why, case numbers of DateTimeModel).  "By design" kinds
#: are readings the guidelines or models/dates/README.md fix otherwise for news; the in-scope figure
#: leaves their cases out, as evals/CONFORMANCE.md's out-of-scope list does for the numbers.
KINDS: list[tuple[str, bool, str, str]] = [
    ("a range ends where its last period ends", True,
     "Recognizers ends 'from 2014 to 2018' and 'from March to May' where the last period begins (its exclusive "
     "end is 2018-01-01, i.e. up to 2017-12-31); newsclaims includes the last period, as the guidelines' "
     "'between 2021 and 2025' does", "0188 0204 0205 0206 0207 0208 0209 0210 0211 0212 0213 0214 0215 0216 0217 "
     "0278 0285 0286 0288 0289 0290 0302 0303 0308 0309 0329 0431 0432 0433 0463 0464 0465 0627 0691 0693 0694 "
     "0695 0803 0804 0895"),
    ("parts of a period", True,
     "the end of a year or decade is its last month (guidelines: 'by the end of the decade is December 2029'), "
     "'later this year' runs from publication, 'earlier this month' to it; Recognizers reads the end of a year "
     "as July or September to December and 'later this week' as Thursday to Sunday",
     "0140 0142 0145 0146 0345 0347 0359 0449 0596 0598 0599 0600 0665 0692"),
    ("rolling windows and decades", True,
     "'the next decade' is the ten years from publication and 'the past five years' count the publication day "
     "once (the gold's reading); Recognizers: calendar decades, windows from the day after",
     "0260 0265 0787 0892 0893"),
    ("'in two months', 'two months ago'", True,
     "a month or a year, not the day (models/dates/README.md: 'N years ago' is that calendar year); 'in N years' "
     "only in a future clause, since news uses it as a duration", "0200 0202 0293 0537 0710"),
    ("'after' a day", True, "starts the day after it; Recognizers starts on it (but 'later than 2020' in 2021)",
     "0669 0671 0704"),
    ("the period is named elsewhere", True,
     "bare 'the year', 'the month', 'the same week', 'the day before' refer in news to a period told elsewhere "
     "(the fiscal year reported, the event's month), not to the publication's",
     "0120 0121 0123 0124 0125 0129 0130 0131 0132 0192 0193 0229 0330 0331 0725 0786"),
    ("direction of a yearless holiday, weekend or dated weekday", True,
     "a past or tenseless clause takes the latest one before publication; a weekday that contradicts its date "
     "picks the year where they agree; Recognizers takes the coming one", "0098 0122 0682 0683 0726 0727"),
    ("a date composed with a weekday or an offset", False,
     "'Monday two weeks from now', 'in 3 days on Friday', '1st week of Oct. on Friday', 'this Friday 7.6'",
     "0434 0443 0615 0863 0864 0865 0866 0867 0868"),
    ("durations from an event or in several units", False,
     "'2 weeks and 2 days ago', '2 years 1 month 21 days later', '3 weeks later', 'a fortnight later', 'in two "
     "years since 2011', 'less than 3 days after tomorrow', an imperative 'for 1 week, from 20th dec'",
     "0170 0409 0410 0784 0805 0808 0811 0812 0888"),
    ("numeric and glued forms that collide with figures", False,
     "'5.12', a lone '2/29' or '11/20', 'mar3', '2016 10 16', '2020/23/Sep', 'January first 12', '90 s', "
     "'from 4-23 in next month'", "0013 0344 0435 0447 0467 0535 0740 0755 0756 0759 0854"),
    ("lists and ranges of days", False,
     "'18 and 19 June' (two days, the first without its month), 'from april twenty-seventh to the third', "
     "'May to March'", "0259 0287 0927 0928"),
    ("other phrases", False, "'EOY', 'otd', 'the next day'", "0343 0748 0776"),
    ("weeks counted from a year's first Monday", False, "'the first 2 weeks of 2021'", "0859 0860"),
]


def _kind_of() -> dict[str, str]:
    return {f"recognizers-text/DateTimeModel/{n}": kind for kind, _design, _why, ids in KINDS for n in ids.split()}


def by_kind(result: dict[str, Any]) -> list[tuple[str, bool, str, list[str]]]:
    """The failures grouped by KINDS (in its order); those no kind names go to a last group."""
    kind_of = _kind_of()
    groups: dict[str, list[str]] = {kind: [] for kind, *_ in KINDS}
    unnamed = [f["id"] for f in result["failures"] if f["id"] not in kind_of]
    for f in result["failures"]:
        if f["id"] in kind_of:
            groups[kind_of[f["id"]]].append(f["id"])
    out = [(kind, design, why, groups[kind]) for kind, design, why, _ in KINDS]
    if unnamed:
        out.append(("not yet sorted", False, "failing cases no kind above names", unnamed))
    return out


def in_scope(result: dict[str, Any]) -> tuple[int, int]:
    """(correct, cases) without the cases of the by-design kinds."""
    design = {f"recognizers-text/DateTimeModel/{n}" for _k, d, _w, ids in KINDS if d for n in ids.split()}
    failed = {f["id"] for f in result["failures"]}
    kept = [cid for cid in result["case_ids"] if cid not in design]
    return sum(cid not in failed for cid in kept), len(kept)


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
        "case_ids": [case["id"] for case, _ in cases],
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
    ok, n = in_scope(result)
    print(f"in scope (without the by-design kinds): {ok}/{n} ({ok / n:.1%})")
    print(table_row(result))


if __name__ == "__main__":
    main()
