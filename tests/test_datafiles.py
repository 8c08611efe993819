"""Every data file under models/ is read through a pydantic model; each failure names file, entry and field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import pytest

from pipeline import calibration, claim_model, cleaning, datafiles, fx, gazetteer, linking, resources, roles
from pipeline.dates import data as dates_data
from pipeline.errors import DataFileError
from pipeline.numbers import data as numbers_data
from pipeline.numbers import units

DATA_FILES: dict[str, type[datafiles.DataModel]] = {
    **linking.DATA_FILES, **gazetteer.DATA_FILES, **cleaning.DATA_FILES, **dates_data.DATA_FILES,
    **numbers_data.DATA_FILES, **roles.DATA_FILES, **calibration.DATA_FILES,
    **claim_model.DATA_FILES,
}
LOADERS: list[Callable[[], object]] = [
    linking.load_linking, linking.load_dependency, gazetteer.load_gazetteer, cleaning.load_rules,
    dates_data.load_dates, numbers_data.load, fx.load_rates, units.registry, roles.load_role_model,
    calibration.load_calibration, claim_model.load_claim_model,
]


def _files(node: Traversable | Path, prefix: str = "") -> Iterator[str]:
    for child in node.iterdir():
        if child.is_dir():
            yield from _files(child, f"{prefix}{child.name}/")
        elif child.name.endswith((".json", ".jsonl")):
            yield prefix + child.name


def _load(relative: str, text: str | None = None) -> object:
    text = resources.read_text(relative) if text is None else text
    parse = datafiles.parse_jsonl if relative.endswith(".jsonl") else datafiles.parse_json
    return parse(relative, text, DATA_FILES[relative])


def test_datafiles_every_file_under_models_has_a_model() -> None:
    """Found by listing the folder: a new data file without a model fails here."""
    assert sorted(_files(resources.models_path())) == sorted(DATA_FILES)


@pytest.mark.parametrize("relative", sorted(DATA_FILES))
def test_datafiles_every_file_loads_through_its_model(relative: str) -> None:
    assert _load(relative)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_datafiles_every_loader_accepts_the_shipped_data(loader: Callable[[], object]) -> None:
    assert loader() is not None


def test_datafiles_every_date_pattern_compiles() -> None:
    dates_data.check_compiles(dates_data.load_dates())


def _row(relative: str, section: str, index: int, key: str = "id") -> str:
    """The label a message gives the shipped file's entry: ``holidays[0] (id 'new_years_day')``."""
    row = json.loads(resources.read_text(relative))[section][index]
    return f"{section}[{index}] ({key} {row[key]!r})"


def _line(relative: str) -> str:
    row = json.loads(resources.read_text(relative).splitlines()[0])
    return f"line 1 (id {row['id']!r})"


# (file, change to the parsed JSON (or to the first line of a JSON Lines file), entry, field)
Change = Callable[[Any], object]
SHAPE: list[tuple[str, str, Change, str, str]] = [
    ("claims/claim_model.json", "unknown", lambda d: d.update(threshold=0.5), "top level", "threshold"),
    ("claims/claim_model.json", "missing", lambda d: d.pop("thresholds"), "top level", "thresholds"),
    ("claims/claim_model.json", "wrong-type", lambda d: d["thresholds"].update(value="high"), "top level",
     "thresholds.value"),
    ("calibration/confidence.json", "unknown", lambda d: d.update(temperature=1.5), "top level", "temperature"),
    ("calibration/confidence.json", "missing", lambda d: d["fitted_on"].pop("claims"), "top level",
     "fitted_on.claims"),
    ("calibration/confidence.json", "wrong-type", lambda d: d["weights"].update(raw="high"), "top level",
     "weights.raw"),
    ("linking/subject_model.json", "unknown", lambda d: d.update(intercept=0.1), "top level", "intercept"),
    ("linking/subject_model.json", "missing", lambda d: d.pop("bias"), "top level", "bias"),
    ("linking/subject_model.json", "wrong-type", lambda d: d["weights"].update(rule_pick="high"), "top level",
     "weights.rule_pick"),
    ("patterns/linking.json", "unknown", lambda d: d["comparisons"][0].update(flags="i"),
     "comparisons[0] (id 'two_ratios_of')", "flags"),
    ("patterns/linking.json", "missing", lambda d: d.pop("hedges"), "top level", "hedges"),
    ("patterns/linking.json", "wrong-type", lambda d: d["rankings"][1].update(keywords="ranked"),
     "rankings[1] (id 'ranked_ordinal')", "keywords"),
    ("patterns/dependency.json", "unknown", lambda d: d["rankings"][0].update(examples=[]),
     "rankings[0] (id 'dep_copula_superlative')", "examples"),
    ("patterns/dependency.json", "missing", lambda d: d["comparisons"][0].pop("example"),
     "comparisons[0] (id 'dep_verb_compares')", "example"),
    ("patterns/dependency.json", "wrong-type", lambda d: d.update(not_rankings="latest"), "top level", "not_rankings"),
    ("cleaning/boilerplate.json", "unknown", lambda d: d["rules"][0].update(flags="i"),
     "rules[0] (id 'advertisement')", "flags"),
    ("cleaning/boilerplate.json", "missing", lambda d: d["blocks"][0].pop("end"),
     "blocks[0] (id 'newsletter_box')", "end"),
    ("cleaning/boilerplate.json", "wrong-type", lambda d: d.update(repeated_line_max_words="30"),
     "top level", "repeated_line_max_words"),
    ("dates/vocabulary.json", "unknown", lambda d: d.update(seasons=[]), "top level", "seasons"),
    ("dates/vocabulary.json", "missing", lambda d: d.pop("months"), "top level", "months"),
    ("dates/vocabulary.json", "wrong-type", lambda d: d["months"].update(jan="1"), "top level", "months.jan"),
    ("dates/patterns.json", "unknown", lambda d: d["patterns"][0].update(flags="i"),
     _row("dates/patterns.json", "patterns", 0), "flags"),
    ("dates/patterns.json", "missing", lambda d: d.pop("cue_classes"), "top level", "cue_classes"),
    ("dates/patterns.json", "wrong-type", lambda d: d["patterns"][1].update(level=3),
     _row("dates/patterns.json", "patterns", 1), "level"),
    ("dates/holidays.json", "unknown", lambda d: d["holidays"][0].update(date="12-25"),
     _row("dates/holidays.json", "holidays", 0), "date"),
    ("dates/holidays.json", "missing", lambda d: d["holidays"][0].pop("names"),
     _row("dates/holidays.json", "holidays", 0), "names"),
    ("dates/holidays.json", "wrong-type", lambda d: d["holidays"][0].update(month="may"),
     _row("dates/holidays.json", "holidays", 0), "month"),
    ("dates/fiscal_years.json", "unknown", lambda d: d["organisations"][0].update(country="US"),
     _row("dates/fiscal_years.json", "organisations", 0),
     "country"),
    ("dates/fiscal_years.json", "missing", lambda d: d.pop("_format"), "top level", "_format"),
    ("dates/fiscal_years.json", "wrong-type", lambda d: d["organisations"][0].update(end_month=13),
     _row("dates/fiscal_years.json", "organisations", 0),
     "end_month"),
    ("numbers/numbers.json", "unknown", lambda d: d.update(time_markers=["am"]), "top level", "time_markers"),
    ("numbers/numbers.json", "missing", lambda d: d["multiples"].pop("verbs"), "top level", "multiples.verbs"),
    ("numbers/numbers.json", "wrong-type", lambda d: d["multiples"]["words"].update(twice="2"),
     "top level", "multiples.words.twice"),
    ("numbers/currencies.json", "unknown", lambda d: d["currencies"][0].update(sign="$"),
     "currencies[0] (code 'USD')", "sign"),
    ("numbers/currencies.json", "missing", lambda d: d["currencies"][0].pop("names"), "currencies[0] (code 'USD')", "names"),
    ("numbers/currencies.json", "wrong-type", lambda d: d["currencies"][0].update(code="usd"), "currencies[0] (code 'usd')", "code"),
    ("numbers/units.json", "unknown", lambda d: d["units"][0].update(colour="red"), _row("numbers/units.json", "units", 0, "pint"), "colour"),
    ("numbers/units.json", "missing", lambda d: d["units"][0].pop("pint"), "units[0]", "pint"),
    ("numbers/units.json", "wrong-type", lambda d: d["units"][0].update(aliases="nm"), _row("numbers/units.json", "units", 0, "pint"), "aliases"),
    ("gazetteers/companies.jsonl", "unknown", lambda d: d.update(ticker="NVDA"),
     _line("gazetteers/companies.jsonl"),
     "ticker"),
    ("gazetteers/products.jsonl", "missing", lambda d: d.pop("canonical"),
     _line("gazetteers/products.jsonl"),
     "canonical"),
    ("gazetteers/people.jsonl", "wrong-type", lambda d: d.update(label="HUMAN"),
     _line("gazetteers/people.jsonl"), "label"),
    ("gazetteers/not_entities.jsonl", "unknown", lambda d: d.update(label="GPE"), "line 1 (text 'AI')", "label"),
    ("gazetteers/not_entities.jsonl", "missing", lambda d: d.pop("why"), "line 1 (text 'AI')", "why"),
    ("gazetteers/not_entities.jsonl", "wrong-type", lambda d: d.update(labels="GPE"), "line 1 (text 'AI')", "labels"),
]


def _json(change: Change) -> Callable[[str], str]:
    def apply(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)

    return apply


def _first_line(change: Change) -> Callable[[str], str]:
    def apply(text: str) -> str:
        first, *rest = text.splitlines()
        return "\n".join([_json(change)(first), *rest])

    return apply


def _changed(relative: str, change: Change) -> str:
    return (_first_line if relative.endswith(".jsonl") else _json)(change)(resources.read_text(relative))


def test_datafiles_shape_table_covers_every_kind_of_file() -> None:
    kinds = {DATA_FILES[relative] for relative, *_ in SHAPE}
    assert kinds == set(DATA_FILES.values())
    assert {(DATA_FILES[r], k) for r, k, *_ in SHAPE} == {(m, k) for m in kinds
                                                          for k in ("unknown", "missing", "wrong-type")}


@pytest.mark.parametrize(("relative", "kind", "change", "entry", "field"), SHAPE,
                         ids=[f"{r.split('/')[-1]}-{k}" for r, k, *_ in SHAPE])
def test_datafiles_a_bad_row_names_file_entry_and_field(relative: str, kind: str, change: Change, entry: str,
                                                        field: str) -> None:
    with pytest.raises(DataFileError) as caught:
        _load(relative, _changed(relative, change))
    assert str(caught.value).startswith(f"models/{relative}: {entry}: field {field!r}: "), str(caught.value)
    cause = {"unknown": "unknown key", "missing": "missing"}.get(kind)
    assert cause is None or str(caught.value).split(": ")[3].startswith(cause)


@pytest.fixture()
def patched(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any, str, Callable[[str], str]], None]]:
    """Serve a changed copy of one data file to its loader, whose cache is cleared around the test."""
    original = resources.read_text
    cleared: list[Any] = []

    def patch(loader: Any, relative: str, change: Callable[[str], str]) -> None:
        def read_text(path: str) -> str:
            return change(original(path)) if path == relative else original(path)

        monkeypatch.setattr(resources, "read_text", read_text)
        monkeypatch.setattr(fx, "read_text", read_text)  # fx imports the function itself
        loader.cache_clear()
        cleared.append(loader)

    yield patch
    monkeypatch.undo()
    for loader in cleared:
        loader.cache_clear()


def _second_line_copies_first(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0], lines[0], *lines[1:]])


def _holiday_after_unknown(d: dict[str, Any]) -> None:
    d["holidays"].append({"id": "boxing_week", "names": ["boxing week"], "after": "no_such_day", "days": 1})


# checks beyond shape: (loader, file, change to its text, what the message starts with, cause)
BEYOND: list[tuple[Callable[[], object], str, Callable[[str], str], str, str]] = [
    (linking.load_linking, "patterns/linking.json",
     _json(lambda d: d["comparisons"].append(dict(d["comparisons"][0]))),
     "models/patterns/linking.json: comparisons[9] (id 'two_ratios_of'): field 'id'", "duplicate 'two_ratios_of'"),
    (linking.load_linking, "patterns/linking.json",
     _json(lambda d: d["rankings"][0].update(regex="(?P<subject>{ENTS}")),
     "models/patterns/linking.json: rankings[0] (id 'superlative'): field 'regex'", "regex does not compile"),
    (linking.load_linking, "patterns/linking.json",
     _json(lambda d: d["rankings"][0].update(regex="{SUBJ}{NO_SUCH_MACRO}")),
     "models/patterns/linking.json: rankings[0] (id 'superlative'): field 'regex'", "unknown or too deeply nested"),
    (linking.load_linking, "patterns/linking.json", _json(lambda d: d["speech_kinds"].update(say="shout")),
     "models/patterns/linking.json: top level: field 'speech_kinds.say'", "Input should be"),
    (linking.load_dependency, "patterns/dependency.json", _json(lambda d: d["rankings"][0]["pattern"].pop()),
     "models/patterns/dependency.json: rankings[0] (id 'dep_copula_superlative'): field 'pattern'", "no node(s)"),
    (cleaning.load_rules, "cleaning/boilerplate.json", _json(lambda d: d["rules"].append(dict(d["rules"][0]))),
     "models/cleaning/boilerplate.json: rules[33] (id 'advertisement'): field 'id'", "duplicate 'advertisement'"),
    (cleaning.load_rules, "cleaning/boilerplate.json", _json(lambda d: d["rules"][0].update(regex="(unclosed")),
     "models/cleaning/boilerplate.json: rules[0] (id 'advertisement'): field 'regex'", "regex does not compile"),
    (dates_data.load_dates, "dates/holidays.json", _json(_holiday_after_unknown),
     "models/dates/holidays.json: holidays[27] (id 'boxing_week'): field 'after'", "'no_such_day' is not a holiday"),
    (dates_data.load_dates, "dates/holidays.json", _json(lambda d: d["holidays"][0].pop("month")),
     "models/dates/holidays.json: holidays[0]", "needs month+day"),
    (dates_data.load_dates, "dates/patterns.json", _json(lambda d: d["patterns"][0].update(cues=["no_such_cue"])),
     "models/dates/patterns.json: patterns[0]", "unknown cue class(es) ['no_such_cue']"),
    (dates_data.load_dates, "dates/patterns.json", _json(lambda d: d["patterns"][0].update(regex="{NO_SUCH}")),
     "models/dates/patterns.json: patterns[0]", "unknown or too deeply nested macro(s) ['NO_SUCH']"),
    (dates_data.load_dates, "dates/patterns.json", _json(lambda d: d["patterns"].append(dict(d["patterns"][0]))),
     "models/dates/patterns.json: patterns[88]", "duplicate"),
    (numbers_data.load, "numbers/currencies.json",
     _json(lambda d: d["currencies"].append(dict(d["currencies"][0]))),
     "models/numbers/currencies.json: currencies[39] (code 'USD'): field 'code'", "duplicate 'USD'"),
    (numbers_data.load, "numbers/currencies.json", _json(lambda d: d["currencies"][1]["symbols"].append("$")),
     "models/numbers/currencies.json: currencies[1] (code 'EUR'): field 'symbols'", "'$' is listed twice"),
    (numbers_data.load, "numbers/currencies.json", _json(lambda d: d["code_aliases"].update(RMB="XYZ")),
     "models/numbers/currencies.json: top level: field 'codes'", "RMB maps to XYZ"),
    (numbers_data.load, "numbers/numbers.json", _json(lambda d: d["hedges"].append("about")),
     "models/numbers/numbers.json: hedges[", "field 'hedges': duplicate 'about' (first at"),
    (numbers_data.load, "numbers/units.json", _json(lambda d: d["units"][1]["aliases"].append(d["units"][0]["aliases"][0])),
     "models/numbers/units.json: units[1] (pint 'micrometer'): field 'aliases'", "is already an alias of"),
    (gazetteer.load_gazetteer, "gazetteers/agencies.jsonl", _second_line_copies_first,
     "models/gazetteers/agencies.jsonl: line 2", "duplicate"),
    (gazetteer.load_gazetteer, "gazetteers/places.jsonl", _first_line(lambda d: d.update(aliases=["Nvidia"])),
     "models/gazetteers/places.jsonl: line 1", "duplicate 'Nvidia' (first at models/gazetteers/companies.jsonl"),
    (gazetteer.load_gazetteer, "gazetteers/companies.jsonl", _first_line(lambda d: d.update(maker="nobody")),
     "models/gazetteers/companies.jsonl: line 1", "'nobody' is not a gazetteer id"),
    (gazetteer.load_gazetteer, "gazetteers/people.jsonl", lambda text: text + "\n{not json",
     "models/gazetteers/people.jsonl: line", "malformed JSON"),
    (units.registry, "units/newsclaims_units.txt", lambda text: text + "\nfoo = 3 [[m\n",
     "models/units/newsclaims_units.txt: ", "foo"),
    (fx.load_rates, "fx/monthly_usd.csv", lambda text: text + "\n2025-13,EUR,1.1\n",
     "fx/monthly_usd.csv:", "is not YYYY-MM"),
]


@pytest.mark.parametrize(("loader", "relative", "change", "start", "cause"), BEYOND,
                         ids=[f"{r.split('/')[-1]}-{c[:24]}" for _, r, _, _, c in BEYOND])
def test_datafiles_checks_beyond_shape_name_the_place(patched: Callable[..., None], loader: Callable[[], object],
                                                      relative: str, change: Callable[[str], str], start: str,
                                                      cause: str) -> None:
    patched(loader, relative, change)
    with pytest.raises(DataFileError) as caught:
        loader()
    assert str(caught.value).startswith(start) and cause in str(caught.value), str(caught.value)
