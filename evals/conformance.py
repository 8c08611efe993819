"""Score the number normaliser on other projects' own test cases, beside the peers' figures.

    python -m evals.conformance ../shared/conformance --out evals/CONFORMANCE.md

The folder is read in place (nothing is copied into this repository).  The scoring rule is the one
``BASELINES.md`` in that folder states; the peers' figures are read from the same file.  newsclaims
output is reduced to the same ``(kind, value, unit, currency)`` items as the peers' (see
:func:`reduce_mention`), and cases that fall outside English tech news, or whose expected answer
contradicts this project's documented policy, are listed with the reason (:data:`OUT_OF_SCOPE`);
the in-scope rate counts the rest.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.numbers import ValueMention, find_values
from pipeline.numbers.data import load as load_data

FILES = (
    "recognizers_number.jsonl", "recognizers_percent.jsonl", "recognizers_currency.jsonl",
    "recognizers_dimension.jsonl", "recognizers_temperature.jsonl", "recognizers_age.jsonl",
    "quantulum3_quantities.jsonl",
)
#: the kind each file tests: the scoped run keeps only these items ("all" = no filter, as for the peers)
SCOPE_FILTER: dict[str, str] = {
    "recognizers_number.jsonl": "number-view",
    "recognizers_percent.jsonl": "percent",
    "recognizers_currency.jsonl": "money",
    "recognizers_dimension.jsonl": "dimension",
    "recognizers_temperature.jsonl": "temperature",
    "recognizers_age.jsonl": "duration",
    "quantulum3_quantities.jsonl": "all",
}
#: Recognizers has one model per family: durations and temperatures are not "dimensions"
_TIME_UNITS = {"second", "millisecond", "microsecond", "nanosecond", "minute", "hour", "day", "week", "month",
               "year"}
_TEMPERATURE_UNITS = {"degree celsius", "degree fahrenheit", "kelvin", "degree"}

Item = tuple[str, float, str | None, str | None]

# ---------------------------------------------------------------------------------------------------
# Out-of-scope cases: (category, reason, case ids).  Every id is checked to exist when the runner starts.
OUT_OF_SCOPE: list[tuple[str, str, list[str]]] = [
    ("dates, phone numbers and IP addresses",
     "newsclaims does not report the digits inside dates, phone numbers or IP addresses (issue 4, point 1); "
     "the upstream expects each digit group as a number",
     ["recognizers-text/NumberModel/0001", "recognizers-text/NumberModel/0143",
      "recognizers-text/NumberModel/0144"]),
    ("model numbers and years",
     "model and part numbers (Voyager 2, English 101, Core i7 860, SCP-173, South 32) and years used as "
     "dates (1979, 2013, the 1960s) are not numbers to report (issue 4, point 1); the upstream expects them",
     ["recognizers-text/NumberModel/0189", "quantulum3/quantities/0003", "quantulum3/quantities/0004",
      "quantulum3/quantities/0047", "quantulum3/quantities/0061", "quantulum3/ambiguity/0005",
      "quantulum3/quantities/0025", "quantulum3/quantities/0055", "quantulum3/quantities/0063"]),
    ("numbers glued to a unit",
     "the Recognizers number model ignores a number written against a unit (180ml, 29km, 1m); newsclaims "
     "reads it as a quantity by design, so its number view has an item the number spec does not",
     ["recognizers-text/NumberModel/0002", "recognizers-text/NumberModel/0003",
      "recognizers-text/NumberModel/0004", "recognizers-text/NumberModel/0146"]),
    ("spoken-form fractions and counts",
     "fractions with compound ordinal denominators read the upstream's way ('one hundred thirty fifths' = "
     "100/35 but 'one hundred and thirty fifths' = 130/5, 'a twenty-first', 'one one hundred fifth'), "
     "'three hundred and two dozens', a bare 'hundred thousand': dictation forms never written in news, "
     "where fractions are 'a third', 'two-thirds' or '3/4'",
     ["recognizers-text/NumberModel/0020", "recognizers-text/NumberModel/0025",
      "recognizers-text/NumberModel/0070", "recognizers-text/NumberModel/0090",
      "recognizers-text/NumberModel/0096", "recognizers-text/NumberModel/0097",
      "recognizers-text/NumberModel/0098", "recognizers-text/NumberModel/0099",
      "recognizers-text/NumberModel/0100", "recognizers-text/NumberModel/0101",
      "recognizers-text/NumberModel/0102", "recognizers-text/NumberModel/0105",
      "recognizers-text/NumberModel/0107", "recognizers-text/NumberModel/0108",
      "recognizers-text/NumberModel/0109", "recognizers-text/NumberModel/0110",
      "recognizers-text/NumberModel/0126"]),
    ("a bare 'one'",
     "'one' on its own ('one of the largest', 'the one you', 'one last time') is an article-like word in news, "
     "not a figure; newsclaims reports it only with a unit, a currency or a sign",
     ["recognizers-text/NumberModel/0216"]),
    ("obsolete and colloquial currencies",
     "currencies withdrawn long before the 2015+ news this project reads (Finnish markka, peseta, Dutch "
     "guilder), Malaysian sen written before the amount, and spoken Chinese units (kuai, mao)",
     ["recognizers-text/CurrencyModel/0001", "recognizers-text/CurrencyModel/0063",
      "recognizers-text/CurrencyModel/0065", "recognizers-text/CurrencyModel/0102",
      "recognizers-text/CurrencyModel/0110"]),
    ("upstream unit names that contradict the unit",
     "'25 lakh tonnes' and '100t' are expected as (short) Ton, '2 pm' as a picometre where the same file "
     "expects '2:00 pm' to be a time, 'age 87' in a unit called Age; newsclaims keeps tonne = metric ton, "
     "'pm' after a whole number = a time, and an age in years",
     ["recognizers-text/DimensionModel/0059", "recognizers-text/DimensionModel/0052",
      "recognizers-text/DimensionModel/0095", "recognizers-text/AgeModel/0018"]),
    ("upstream reads part of a range or of a compound unit",
     "'eight to 10 feet', '75 -300mm', '40 - 50 years old' are expected as the upper figure alone and "
     "'37.8 microgrammes per gramme' as microgrammes alone; newsclaims reports the range (low/high) and the "
     "compound unit",
     ["recognizers-text/DimensionModel/0010", "recognizers-text/DimensionModel/0039",
      "recognizers-text/AgeModel/0015", "recognizers-text/DimensionModel/0087"]),
    ("physics and lab notation",
     "units and notations outside tech news: inverse seconds, femtobarns, joule-seconds, candela-seconds, "
     "J/m^2 per year, gigaannum and Ma, arc minutes, barns, absolute zero, ± uncertainties, 'K' glued to a "
     "number read as kelvin or kibibytes (a thousand in news: '32K context'), 'times per week' as a unit",
     ["quantulum3/quantities/0013", "quantulum3/quantities/0014", "quantulum3/quantities/0022",
      "quantulum3/quantities/0050", "quantulum3/quantities/0053", "quantulum3/quantities/0054",
      "quantulum3/quantities/0059", "quantulum3/quantities/0060", "quantulum3/quantities/0068",
      "quantulum3/ambiguity/0002", "quantulum3/ambiguity/0009", "quantulum3/ambiguity/0010",
      "quantulum3/ambiguity/0013", "quantulum3/ambiguity/0015", "quantulum3/ambiguity/0019"]),
    ("cooking, counting and archaic units",
     "a dozen or a baker's dozen as a unit, a gross, cups and spoons in recipes, the drachma",
     ["quantulum3/quantities/0051", "quantulum3/quantities/0052", "recognizers-text/DimensionModel/0065",
      "recognizers-text/DimensionModel/0066", "recognizers-text/DimensionModel/0068"]),
    ("policy: a change from X to Y is two figures; a unit price is money",
     "in news 'rose from $350 per kg to $680 per kg' and 'reduced from 44 mg to 50 mg' state a change between "
     "two figures, not one range; '$15.4/hour' is money with a rate (value.unit 'per hour'), not a quantity",
     ["quantulum3/quantities/0021", "quantulum3/quantities/0024", "quantulum3/quantities/0094"]),
    ("malformed input",
     "'245 23 yen' (two digit groups that are neither one number nor a list)",
     ["quantulum3/quantities/0058"]),
]

# ---------------------------------------------------------------------------------------------------
_UNIT_SYNONYMS = {
    "pound-mass": "pound", "lb": "pound", "c": "celsius", "f": "fahrenheit", "tonne": "metric ton",
    "metric tonne": "metric ton", "short ton": "ton", "us liquid gallon": "gallon", "us gallon": "gallon",
    "cubic feet": "cubic foot", "square feet": "square foot", "feet": "foot", "inches": "inch",
    "degree angle": "degree", "degree of arc": "degree", "degree (angle)": "degree", "cup (us)": "cup",
    "us cup": "cup", "tablespoon (us)": "tablespoon", "teaspoon (us)": "teaspoon", "dram (mass)": "dram",
    "turn (angle)": "turn", "revolution": "turn", "cubic centimeter": "milliliter",
    "pound sterling": "pound", "british pound": "pound", "united states dollar": "dollar",
}
#: pint spellings whose English name differs by more than underscores (the adapter's naming only)
_PINT_NAMES = {"electron_volt": "electronvolt", "teraelectron_volt": "teraelectronvolt",
               "gigaelectron_volt": "gigaelectronvolt", "metric_ton": "metric ton"}


def unit_key(name: str | None) -> str | None:
    """The BASELINES.md unit-compatibility normal form."""
    if name is None:
        return None
    key = " ".join(name.lower().split())
    key = key.replace("metre", "meter").replace("litre", "liter").replace("gramme", "gram")
    for lead in ("degrees ", "degree "):
        for scale in ("celsius", "fahrenheit", "kelvin"):
            if key == lead + scale:
                key = scale
    return _UNIT_SYNONYMS.get(key, key)


def english_unit(pint_name: str) -> str:
    """pint's canonical name as words: ``kilometer ** 2`` -> ``square kilometer``, ``a / b`` -> ``a per b``."""
    def one(part: str) -> str:
        part = part.strip()
        power = ""
        if part.endswith(" ** 2"):
            part, power = part[:-5], "square "
        elif part.endswith(" ** 3"):
            part, power = part[:-5], "cubic "
        return power + _PINT_NAMES.get(part, part.replace("_", " "))
    return " per ".join(one(p) for p in pint_name.split(" / "))


def _minor_factor(mention: ValueMention) -> float:
    words = mention.text.lower().replace("-", " ").split()
    minor = load_data().minor_units
    for word in reversed(words):
        if word in minor:
            return minor[word].factor
    return 1.0


def _signed(mention: ValueMention, amount: float) -> float:
    """The figure as stated: a fall we record as -3% is written "3%"."""
    if amount >= 0 or "accounting" in mention.pattern:
        return amount
    stated = mention.text.lower()
    head = re.split(r"[0-9]", stated, maxsplit=1)[0]
    if "-" in head or "−" in head or stated.startswith(("minus", "negative")):
        return amount
    return -amount


def reduce_mention(mention: ValueMention) -> Item | None:
    """One newsclaims mention as a peer-style item ``(kind, value, unit, currency)``.

    money -> money in the stated currency (a range by its midpoint, like quantulum3; cents and pence
    in the minor unit, as the Recognizers spec writes them); percent -> percent x 100; ratios and
    multiples -> number; quantity -> quantity with pint's unit name in words; count -> number.
    """
    v = mention.value
    amount = v.amount
    if amount is None and v.low is not None and v.high is not None:
        amount = (v.low + v.high) / 2
    if amount is None:
        return None
    amount = _signed(mention, amount)
    if mention.kind == "money":
        if mention.pattern.startswith("money:minor"):
            amount = amount / _minor_factor(mention)
        return ("money", amount, None, v.currency)
    if mention.kind == "percent":
        if v.unit in ("percent", "percentage_point"):
            return ("percent", amount * 100, "%", None)
        return ("number", amount, None, None)
    if mention.kind == "quantity":
        return ("quantity", amount, english_unit(v.unit or ""), None)
    return ("number", amount, None, None)


def _number_view(mention: ValueMention) -> Item | None:
    """The number-model view: every figure as the number it states (money 20 from "$20", 3 from "3 years")."""
    item = reduce_mention(mention)
    if item is None:
        return None
    kind, amount, _unit, _cur = item
    return ("number", amount, None, None)


def items_for(mentions: Iterable[ValueMention], scope: str) -> list[Item]:
    out: list[Item] = []
    for m in mentions:
        item = _number_view(m) if scope == "number-view" else reduce_mention(m)
        if item is None:
            continue
        kind, _amount, unit, _cur = item
        if scope in ("all", "number-view") or kind == scope:
            out.append(item)
        elif kind == "quantity" and unit is not None:
            low = unit.lower()
            family = ("duration" if low in _TIME_UNITS else
                      "temperature" if low in _TEMPERATURE_UNITS else "dimension")
            if unit == "degree":  # a bare "degrees": the engine says angle or temperature when it can tell
                family = ("dimension" if m.pattern.endswith("degree_angle") else
                          "temperature" if m.pattern.endswith("degree_temperature") else scope)
            if scope == family:
                out.append(item)
    return out


def _fits(expected: dict[str, Any], got: Item) -> bool:
    kind, value, unit, currency = got
    want = float(expected["value"])
    if want == 0:
        if value != 0:
            return False
    elif abs(value - want) > 0.005 * abs(want):
        return False
    if expected["kind"] != kind:
        return False
    if kind == "money" and expected.get("currency") and expected["currency"] != currency:
        return False
    if kind == "quantity" and unit_key(expected.get("unit")) != unit_key(unit):
        return False
    return True


def correct(case: dict[str, Any], got: list[Item]) -> bool:
    """The BASELINES.md rule: every numeric expected item matched greedily, no numeric item left over."""
    unused = list(range(len(got)))
    for expected in case["expected"]:
        if not isinstance(expected.get("value"), int | float):
            continue
        for idx in unused:
            if _fits(expected, got[idx]):
                unused.remove(idx)
                break
        else:
            return False
    return not unused


# ---------------------------------------------------------------------------------------------------
@dataclass
class FileResult:
    file: str
    cases: int
    scoped: int
    strict: int
    python_ok: int
    python_n: int
    in_scope_ok: int
    in_scope_n: int
    seconds_per_1000: float
    failures: list[dict[str, Any]]
    out_of_scope: list[tuple[str, str, bool]]  # (id, category, passed anyway)


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _scope_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for category, _reason, ids in OUT_OF_SCOPE:
        for case_id in ids:
            if case_id in index:
                raise ValueError(f"{case_id} listed twice in OUT_OF_SCOPE")
            index[case_id] = category
    return index


def score_file(path: Path, *, passes: int = 3) -> FileResult:
    cases = _load(path)
    scope = SCOPE_FILTER[path.name]
    find_values("warm-up: $5bn, 3nm, 27%")
    timings = []
    outputs: list[list[ValueMention]] = []
    for run in range(passes):
        started = time.perf_counter()
        got = [find_values(case["text"]) for case in cases]
        timings.append(time.perf_counter() - started)
        if run == 0:
            outputs = got
    index = _scope_index()
    scoped = strict = python_ok = python_n = in_ok = in_n = 0
    failures: list[dict[str, Any]] = []
    oos: list[tuple[str, str, bool]] = []
    for case, mentions in zip(cases, outputs, strict=True):
        ok_scoped = correct(case, items_for(mentions, scope))
        ok_strict = correct(case, items_for(mentions, "all" if scope != "number-view" else "number-view")
                            if scope == "number-view" else [i for i in (reduce_mention(m) for m in mentions)
                                                            if i is not None])
        scoped += ok_scoped
        strict += ok_strict
        if "python" not in case["not_supported"] + case["not_supported_by_design"]:
            python_n += 1
            python_ok += ok_scoped
        if case["id"] in index:
            oos.append((case["id"], index[case["id"]], ok_scoped))
            continue
        in_n += 1
        in_ok += ok_scoped
        if not ok_scoped:
            failures.append({
                "id": case["id"],
                "expected": [(e["text"], e["kind"], e["value"], e["unit"], e["currency"]) for e in case["expected"]],
                "got": [(m.text, *(reduce_mention(m) or ())) for m in mentions],
            })
    return FileResult(path.name, len(cases), scoped, strict, python_ok, python_n, in_ok, in_n,
                      statistics.median(timings) / max(1, len(cases)) * 1000, failures, oos)


# ---------------------------------------------------------------------------------------------------
_ROW = re.compile(r"^\|\s*(?P<file>[a-z0-9_]+\.jsonl)\s*\|\s*(?P<cases>\d+)\s*\|\s*(?P<peer>[^|]+?)\s*\|"
                  r"\s*(?P<scoped>\d+) \((?P<scoped_rate>[\d.]+)%\)\s*\|\s*(?P<py>\d+)/(?P<py_n>\d+) \([\d.]+%\)\s*\|"
                  r"\s*(?P<strict>\d+) \((?P<strict_rate>[\d.]+)%\)\s*\|")


def peer_figures(baselines: Path) -> dict[str, list[dict[str, Any]]]:
    """The peers' rows of BASELINES.md, by data file."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not baselines.exists():
        return out
    for line in baselines.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            out.setdefault(m["file"], []).append({
                "peer": m["peer"], "scoped": int(m["scoped"]), "py": int(m["py"]), "py_n": int(m["py_n"]),
                "strict": int(m["strict"]), "cases": int(m["cases"]),
            })
    return out


def _pct(ok: int, n: int) -> str:
    return f"{ok}/{n} ({ok / n:.1%})" if n else "–"


def dates_in_scope(dates: dict[str, Any]) -> tuple[int, int]:
    from evals.conformance_dates import in_scope

    return in_scope(dates)


def dates_result(folder: Path) -> dict[str, Any] | None:
    """The date finder's figure, when ``pipeline.dates.find_dates`` exists (scored by evals.conformance_dates)."""
    try:
        from pipeline import dates
    except ImportError:
        return None
    if not hasattr(dates, "find_dates") or not (folder / "recognizers_datetime.jsonl").exists():
        return None
    try:
        from evals.conformance_dates import score_dates
    except ImportError:
        return None
    return score_dates(folder)


def render(results: list[FileResult], peers: dict[str, list[dict[str, Any]]], dates: dict[str, Any] | None,
           command: str) -> str:
    lines = [
        "# Conformance: the number normaliser on the peers' own test cases",
        "",
        f"Produced by `{command}` (the folder is read in place; nothing from it is copied here). "
        "Scoring rule and peer figures: `BASELINES.md` in that folder. newsclaims mentions are reduced to "
        "`(kind, value, unit, currency)` items by `evals/conformance.py:reduce_mention` (percent x 100; "
        "ratios, multiples and counts are numbers; ranges by their midpoint; cents in the minor unit; "
        "pint unit names in words, e.g. `kilometer / hour` -> `kilometer per hour`).",
        "",
        "**Scoped run**: only what the file tests is kept, as BASELINES.md does for the peers (currency: money; "
        "percent: percent; dimension: quantities other than durations and temperatures, since Recognizers has "
        "separate models for those; temperature: temperatures; age: durations; a bare 'degrees' goes to "
        "temperature or dimension by the engine's cue words, to both when it cannot tell; number: every "
        "figure read as the number it states, the Recognizers number model's view); quantulum3 file: full "
        "output, as for the peers. **Strict run**: full output, no filter (number file: the number view). "
        "**In scope**: the scoped run without the cases listed below; the peers' figures are on all cases "
        "(BASELINES.md does not split them), so compare the in-scope rate with the peers' scoped and "
        "Python-subset rates. Peers were measured on three files only; on the others no peer figure exists.",
        "",
        "| data file | cases | newsclaims scoped | Python-supported subset | strict | **in scope** | s / 1,000 cases "
        "| peers (scoped; Python subset; strict) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        rows = peers.get(r.file, [])
        peer_text = "<br>".join(
            f"{p['peer']}: {_pct(p['scoped'], p['cases'])}; {_pct(p['py'], p['py_n'])}; "
            f"{_pct(p['strict'], p['cases'])}" for p in rows) or "not measured in BASELINES.md"
        lines.append(
            f"| {r.file} | {r.cases} | {_pct(r.scoped, r.cases)} | {_pct(r.python_ok, r.python_n)} | "
            f"{_pct(r.strict, r.cases)} | **{_pct(r.in_scope_ok, r.in_scope_n)}** | {r.seconds_per_1000:.2f} | "
            f"{peer_text} |")
    if dates is not None:
        ok, n = dates["python_supported"]
        peer_text = "<br>".join(f"{name}: {_pct(c, total)}" for name, (c, total) in dates["peers"].items())
        scope_ok, scope_n = dates_in_scope(dates)
        lines.append(
            f"| recognizers_datetime.jsonl (dates rule) | {dates['scored_cases']} scored | "
            f"{_pct(dates['correct'], dates['scored_cases'])} | {_pct(ok, n)} | – | **{_pct(scope_ok, scope_n)}** | "
            f"{dates['s_per_1000_cases']:.2f} | {peer_text} |")
    else:
        lines.append("| recognizers_datetime.jsonl | – | skipped: `pipeline.dates.find_dates` not available "
                     "| | | | | |")
    lines += ["", "## Out-of-scope cases", "",
              "Listed by category, with the reason. \"passes anyway\" counts those the normaliser gets right "
              "regardless (they still count in the scoped and strict columns above).", ""]
    by_cat: dict[str, list[tuple[str, bool]]] = {}
    for r in results:
        for case_id, category, ok in r.out_of_scope:
            by_cat.setdefault(category, []).append((case_id, ok))
    for category, reason, _ids in OUT_OF_SCOPE:
        found = by_cat.get(category, [])
        passed = sum(ok for _, ok in found)
        lines.append(f"- **{category}** ({len(found)} cases, {passed} pass anyway): {reason}.  ")
        lines.append("  " + ", ".join(f"`{cid.split('/', 1)[1]}`" for cid, _ in found))
    lines += ["", "## In-scope failures", "",
              "Case id, expected items `(text, kind, value, unit, currency)` and newsclaims' items.", ""]
    for r in results:
        if not r.failures:
            continue
        lines.append(f"### {r.file} ({len(r.failures)})")
        lines.append("")
        for f in r.failures:
            exp = "; ".join(f"{e[0]!r} {e[1]} {e[2]} {e[3] or ''} {e[4] or ''}".strip()
                            for e in f["expected"]) or "nothing"
            got = "; ".join(f"{g[0]!r} " + " ".join(str(x) for x in g[1:] if x is not None)
                            for g in f["got"]) or "nothing"
            lines.append(f"- `{f['id'].split('/', 1)[1]}`: expected {exp}; got {got}")
        lines.append("")
    if dates is not None:
        lines += _date_failures(dates)
    return "\n".join(lines).rstrip() + "\n"


def _date_failures(dates: dict[str, Any]) -> list[str]:
    """The date cases still failing, by kind (evals/conformance_dates.py:KINDS)."""
    from evals.conformance_dates import by_kind

    lines = ["", f"## Dates: failing cases by kind ({len(dates['failures'])})", "",
             "The dates rule of BASELINES.md, scored on all cases (the dates row above). **By design**: news "
             "reads it otherwise (guidelines, `models/dates/README.md`); the in-scope figure leaves those cases "
             "out. The others are not supported yet. Case numbers of `DateTimeModel`.", ""]
    for kind, design, why, ids in by_kind(dates):
        if ids:
            label = "by design" if design else "not supported yet"
            lines.append(f"- **{kind}** ({len(ids)}, {label}): {why}.  ")
            lines.append("  " + ", ".join(f"`{cid.rsplit('/', 1)[1]}`" for cid in ids))
    return lines


def run(folder: Path, files: Iterable[str] = FILES, progress: Callable[[str], None] | None = None
        ) -> tuple[list[FileResult], dict[str, list[dict[str, Any]]]]:
    known = {json.loads(line)["id"] for name in files for line in (folder / name).read_text(
        encoding="utf-8").splitlines() if line.strip()}
    missing = [cid for cid in _scope_index() if cid not in known]
    if missing:
        raise SystemExit(f"OUT_OF_SCOPE names unknown case ids: {missing}")
    results = []
    for name in files:
        results.append(score_file(folder / name))
        if progress:
            r = results[-1]
            progress(f"{name}: scoped {r.scoped}/{r.cases}, strict {r.strict}/{r.cases}, "
                     f"in scope {r.in_scope_ok}/{r.in_scope_n}")
    return results, peer_figures(folder / "BASELINES.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the shared conformance folder (read in place)")
    parser.add_argument("--out", type=Path, help="write the Markdown report here")
    parser.add_argument("--no-dates", action="store_true", help="skip the date row")
    args = parser.parse_args()
    results, peers = run(args.folder, progress=print)
    dates = None if args.no_dates else dates_result(args.folder)
    report = render(results, peers, dates, "python -m evals.conformance ../shared/conformance --out "
                    "evals/CONFORMANCE.md")
    if args.out:
        args.out.write_text(report, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(report)


if __name__ == "__main__":
    main()
