"""Train the subject model of :mod:`pipeline.roles` from ``corpora/train`` and its gold claims.

    python -m pipeline.train_roles            # make train: writes models/linking/subject_model.json

Every choice is a constant here (seed, regularisation, inputs); the articles are read in sorted
order and the weights rounded, so the same data gives the same file on every machine. Examples come
from running the pipeline with the rules alone: each figure claim the evaluation pairs with a gold
claim contributes its subject candidates, labelled by whether each names the gold subject. Needs the
``train`` extra (scikit-learn); the run-time scorer does not. The report (``evals/TRAINING.md``)
gives the data counts, the dev figures of the model written, and its largest weights.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TRAIN_CORPUS = ROOT / "corpora" / "train"
TRAIN_GOLD = sorted((ROOT / "evals" / "gold").glob("train-*.jsonl"))
DEV_CORPUS, DEV_GOLD = ROOT / "corpora" / "dev", ROOT / "evals" / "gold" / "dev.jsonl"
OUTPUTS = {"subject": ROOT / "models" / "linking" / "subject_model.json",
           "object": ROOT / "models" / "linking" / "object_model.json"}
OUTPUT = OUTPUTS["subject"]
REPORT = ROOT / "evals" / "TRAINING.md"
SEED = 13
C = 0.5  # inverse regularisation, chosen on dev: 0.1 -> 72.7%, 0.5 -> 73.7%, 2 -> 73.7%, 8 -> 72.4% subjects
ROUND = 5  # decimals kept of each weight
VALUE_TYPES = ("money", "quantity", "count", "percent")


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate of one paired claim: its features and whether it names the gold subject."""

    group: str
    features: dict[str, float]
    positive: bool


def _gold_paths(paths: Sequence[Path]) -> list[Path]:
    return [p for p in paths if not p.name.endswith(".entities.jsonl")]


def _run(corpus: Path, models: bool) -> Iterator[tuple[Any, list[Any], list[Any]]]:
    """(article, drafts, records) for every article of ``corpus``, in id order."""
    from pipeline.articles import Article, iter_articles
    from pipeline.extractor import _prepare, claim_record
    from pipeline.nlp import load

    # the confidence stage (claim model, calibration) learns from what these models give: not run here
    nlp = load({"newsclaims_linker": {"subject_model": models, "object_model": models}},
               stages=("newsclaims_entities", "newsclaims_dates", "newsclaims_numbers", "newsclaims_linker"))
    nlp.get_pipe("newsclaims_linker").collect_candidates = True  # type: ignore[attr-defined]
    articles = sorted((a for a in iter_articles([corpus]) if isinstance(a, Article)), key=lambda a: a.id)
    for article, doc in zip(articles, nlp.pipe(_prepare(nlp, a) for a in articles), strict=True):
        drafts = list(doc._.claims or [])
        records = [claim_record(d, article.text, article.id) for d in drafts]
        yield article, drafts, records


def _candidates(draft: Any, role: str) -> list[Any]:
    return list(draft.candidates if role == "subject" else draft.object_candidates)


def _label(gold: Any, candidate: Any, role: str) -> bool:
    """Whether a candidate names the gold filler; for the object, "none" is right where gold has none."""
    from pipeline.evaluate.scorer import name_match

    filler = getattr(gold, role)
    if candidate.source == "none":
        return filler is None
    return filler is not None and name_match(filler, candidate.ref) == "exact"


def examples(corpus: Path, gold_paths: Sequence[Path], role: str = "subject"
             ) -> tuple[list[Example], dict[str, int]]:
    """Labelled candidates from the rules-only pipeline's figure claims paired with gold."""
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.scorer import _gold_item, _pred_item, match

    gold = [line.item for line in load_gold(_gold_paths(gold_paths))]
    by_article: dict[str, list[Any]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    out: list[Example] = []
    counts = {"articles": 0, "gold claims": len(gold), "paired figure claims": 0, "with the gold filler": 0}
    for article, drafts, records in _run(corpus, models=False):
        counts["articles"] += 1
        g_items = [_gold_item(i, g, article.text, None) for i, g in enumerate(by_article.get(article.id, []))]
        p_items = [_pred_item(i, r) for i, r in enumerate(records)]
        for pair in match(g_items, p_items):
            g, draft = pair.gold.claim, drafts[pair.pred.index]
            candidates = _candidates(draft, role)
            if draft.type not in VALUE_TYPES or (role == "subject" and g.subject is None) or not candidates:
                continue
            counts["paired figure claims"] += 1
            labels = [_label(g, c, role) for c in candidates]
            if not any(labels):
                continue  # the gold filler is no candidate: nothing to learn from the ranking
            counts["with the gold filler"] += 1
            group = f"{article.id}:{pair.pred.index}"
            out += [Example(group, dict(c.features), label) for c, label in zip(candidates, labels, strict=True)]
    return out, counts


def fit(data: Sequence[Example], c: float = C) -> dict[str, Any]:
    """A logistic regression over the candidates; the weights as name -> number."""
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True, sparse=False)  # a few hundred columns: dense is simplest
    x = vectorizer.fit_transform([e.features for e in data])
    y = [int(e.positive) for e in data]
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(x, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), ROUND) for n, w in zip(names, model.coef_[0], strict=True)
               if round(float(w), ROUND) != 0.0}
    return {"bias": round(float(model.intercept_[0]), ROUND), "weights": dict(sorted(weights.items())),
            "sklearn": sklearn.__version__}


def role_accuracy(corpus: Path, gold_path: Path, models: bool, role: str = "subject") -> tuple[float, int]:
    """Of the figure claims paired with gold, the share whose role is right (the object also where both
    say none), and how many were scored."""
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.scorer import _gold_item, _pred_item, match, name_match

    gold = [line.item for line in load_gold([gold_path])]
    right = total = 0
    for article, _drafts, records in _run(corpus, models):
        g_items = [_gold_item(i, g, article.text, None) for i, g in enumerate(gold) if g.article_id == article.id]
        for pair in match(g_items, [_pred_item(i, r) for i, r in enumerate(records)]):
            g, p = getattr(pair.gold.claim, role), getattr(pair.pred.claim, role)
            if pair.pred.claim.type not in VALUE_TYPES or (g is None and (role == "subject" or p is None)):
                continue
            total += 1
            right += g is not None and p is not None and name_match(g, p) == "exact"
    return (right / total if total else 0.0), total


def subject_accuracy(corpus: Path, gold_path: Path, subject_model: bool) -> tuple[float, int]:
    return role_accuracy(corpus, gold_path, subject_model, "subject")


def _digest(paths: Sequence[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.relative_to(ROOT).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def model_file(trained: dict[str, Any], counts: dict[str, int], role: str = "subject") -> str:
    data = sorted(p for p in TRAIN_CORPUS.rglob("*") if p.is_file()) + _gold_paths(TRAIN_GOLD)
    body = {
        "_format": f"{role.capitalize()} model of pipeline/roles.py: p = sigmoid(bias + sum of the weights of a "
                   "candidate's features). Written by `make train` (python -m pipeline.train_roles); do not edit "
                   "by hand.",
        "trained_on": {"role": role, "corpus": "corpora/train", "gold": [p.name for p in _gold_paths(TRAIN_GOLD)],
                       "data_sha256": _digest(data), **counts},
        "settings": {"seed": SEED, "C": C, "solver": "liblinear"},
        "sklearn": trained["sklearn"], "bias": trained["bias"], "weights": trained["weights"],
    }
    return json.dumps(body, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] = ()) -> int:
    from pipeline.roles import load_role_model

    lines = ["# Training report: the role models", "",
             "Written by `make train` (`python -m pipeline.train_roles`). Dev figures: of the figure claims "
             "(money, quantity, count, percent) paired with gold, the share whose role names the gold filler "
             "(for the object, counted where gold or the prediction has one).", ""]
    trained_all = {}
    for role in ("subject", "object"):
        data, counts = examples(TRAIN_CORPUS, TRAIN_GOLD, role)
        trained = fit(data)
        trained_all[role] = (trained, counts, len(data))
        OUTPUTS[role].parent.mkdir(parents=True, exist_ok=True)
        OUTPUTS[role].write_text(model_file(trained, counts, role), encoding="utf-8")
    if "--no-report" in argv:
        return 0
    load_role_model.cache_clear()
    for role, (trained, counts, n_examples) in trained_all.items():
        rules, n = role_accuracy(DEV_CORPUS, DEV_GOLD, False, role)
        learned, _ = role_accuracy(DEV_CORPUS, DEV_GOLD, True, role)
        top = sorted(trained["weights"].items(), key=lambda kv: -abs(kv[1]))[:15]
        lines += [
            f"## {role} (`{OUTPUTS[role].relative_to(ROOT)}`)", "",
            "| data | count |", "| --- | ---: |", *(f"| {k} | {v} |" for k, v in counts.items()),
            f"| candidates (examples) | {n_examples} |", "",
            f"Dev, {n} claims: rules alone {rules:.1%}, with the models {learned:.1%}.", "",
            "| feature | weight |", "| --- | ---: |", *(f"| `{name}` | {w:+.3f} |" for name, w in top), "",
        ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
