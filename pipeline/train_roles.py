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
OUTPUT = ROOT / "models" / "linking" / "subject_model.json"
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


def _run(corpus: Path, subject_model: bool) -> Iterator[tuple[Any, list[Any], list[Any]]]:
    """(article, drafts, records) for every article of ``corpus``, in id order."""
    from pipeline.articles import Article, iter_articles
    from pipeline.extractor import _prepare, claim_record
    from pipeline.nlp import load

    nlp = load({"newsclaims_linker": {"subject_model": subject_model}})
    articles = sorted((a for a in iter_articles([corpus]) if isinstance(a, Article)), key=lambda a: a.id)
    for article, doc in zip(articles, nlp.pipe(_prepare(nlp, a) for a in articles), strict=True):
        drafts = list(doc._.claims or [])
        records = [claim_record(d, article.text, article.id) for d in drafts]
        yield article, drafts, records


def examples(corpus: Path, gold_paths: Sequence[Path]) -> tuple[list[Example], dict[str, int]]:
    """Labelled candidates from the rules-only pipeline's figure claims paired with gold."""
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.scorer import _gold_item, _pred_item, match, name_match

    gold = [line.item for line in load_gold(_gold_paths(gold_paths))]
    by_article: dict[str, list[Any]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    out: list[Example] = []
    counts = {"articles": 0, "gold claims": len(gold), "paired figure claims": 0, "with the gold subject": 0}
    for article, drafts, records in _run(corpus, subject_model=False):
        counts["articles"] += 1
        g_items = [_gold_item(i, g, article.text, None) for i, g in enumerate(by_article.get(article.id, []))]
        p_items = [_pred_item(i, r) for i, r in enumerate(records)]
        for pair in match(g_items, p_items):
            g, draft = pair.gold.claim, drafts[pair.pred.index]
            if draft.type not in VALUE_TYPES or g.subject is None or not draft.candidates:
                continue
            counts["paired figure claims"] += 1
            labels = [name_match(g.subject, c.ref) == "exact" for c in draft.candidates]
            if not any(labels):
                continue  # the gold subject is no candidate: nothing to learn from the ranking
            counts["with the gold subject"] += 1
            group = f"{article.id}:{pair.pred.index}"
            out += [Example(group, dict(c.features), label) for c, label in zip(draft.candidates, labels, strict=True)]
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


def subject_accuracy(corpus: Path, gold_path: Path, subject_model: bool) -> tuple[float, int]:
    """The share of paired figure claims whose subject names the gold subject, and how many pairs."""
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.scorer import _gold_item, _pred_item, match, name_match

    gold = [line.item for line in load_gold([gold_path])]
    right = total = 0
    for article, _drafts, records in _run(corpus, subject_model):
        g_items = [_gold_item(i, g, article.text, None) for i, g in enumerate(gold) if g.article_id == article.id]
        for pair in match(g_items, [_pred_item(i, r) for i, r in enumerate(records)]):
            g, p = pair.gold.claim, pair.pred.claim
            if p.type in VALUE_TYPES and g.subject is not None:
                total += 1
                right += p.subject is not None and name_match(g.subject, p.subject) == "exact"
    return (right / total if total else 0.0), total


def _digest(paths: Sequence[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.relative_to(ROOT).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def model_file(trained: dict[str, Any], counts: dict[str, int]) -> str:
    data = sorted(p for p in TRAIN_CORPUS.rglob("*") if p.is_file()) + _gold_paths(TRAIN_GOLD)
    body = {
        "_format": "Subject model of pipeline/roles.py: p = sigmoid(bias + sum of the weights of a candidate's "
                   "features). Written by `make train` (python -m pipeline.train_roles); do not edit by hand.",
        "trained_on": {"corpus": "corpora/train", "gold": [p.name for p in _gold_paths(TRAIN_GOLD)],
                       "data_sha256": _digest(data), **counts},
        "settings": {"seed": SEED, "C": C, "solver": "liblinear"},
        "sklearn": trained["sklearn"], "bias": trained["bias"], "weights": trained["weights"],
    }
    return json.dumps(body, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] = ()) -> int:
    data, counts = examples(TRAIN_CORPUS, TRAIN_GOLD)
    trained = fit(data)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(model_file(trained, counts), encoding="utf-8")
    if "--no-report" in argv:
        return 0
    from pipeline.roles import load_role_model

    load_role_model.cache_clear()
    rules, n = subject_accuracy(DEV_CORPUS, DEV_GOLD, subject_model=False)
    learned, _ = subject_accuracy(DEV_CORPUS, DEV_GOLD, subject_model=True)
    top = sorted(trained["weights"].items(), key=lambda kv: -abs(kv[1]))[:20]
    lines = [
        "# Training report: the subject model", "",
        f"Written by `make train` (`python -m pipeline.train_roles`) into `{OUTPUT.relative_to(ROOT)}`.", "",
        "| data | count |", "| --- | ---: |", *(f"| {k} | {v} |" for k, v in counts.items()),
        f"| candidates (examples) | {len(data)} |", "",
        f"Dev: subject accuracy on the {n} figure claims (money, quantity, count, percent) paired with gold:",
        f"rules alone {rules:.1%}, with the model {learned:.1%}.", "",
        "Largest weights:", "", "| feature | weight |", "| --- | ---: |",
        *(f"| `{name}` | {w:+.3f} |" for name, w in top), "",
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
