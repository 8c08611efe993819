"""Fit the confidence calibration of :mod:`pipeline.calibration` on ``corpora/dev`` and its gold claims.

    python -m pipeline.train_calibration      # make calibrate: writes models/calibration/confidence.json

Every predicted claim of the dev set is one example: its features (what the record says of how it
was made, with the linker's own confidence) and whether the evaluation finds it exactly right (paired
with a gold claim whose value, subject and object it gets right). The articles are read in id order,
the seed and regularisation fixed and the weights rounded, so the same pipeline gives the same file
on every machine. Refit after a change to the linker: the reliability table of ``make eval`` shows
when the calibration no longer holds. Needs the ``train`` extra (scikit-learn).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS, DEV_GOLD = ROOT / "corpora" / "dev", ROOT / "evals" / "gold" / "dev.jsonl"
OUTPUT = ROOT / "models" / "calibration" / "confidence.json"
SEED = 13
C = 0.3  # inverse regularisation: ~500 examples and ~40 features
ROUND = 5


def examples(corpus: Path = DEV_CORPUS, gold_path: Path = DEV_GOLD) -> tuple[list[dict[str, float]], list[bool], int]:
    """(features, exactly right) of every claim the uncalibrated pipeline finds in ``corpus``, and the
    number of articles."""
    from pipeline.articles import Article, iter_articles
    from pipeline.calibration import features
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.scorer import _gold_item, _pred_item, match
    from pipeline.extractor import _prepare, claim_record
    from pipeline.nlp import load

    gold = [line.item for line in load_gold([gold_path])]
    nlp = load({"newsclaims_confidence": {"calibrated": False}})
    articles = sorted((a for a in iter_articles([corpus]) if isinstance(a, Article)), key=lambda a: a.id)
    xs: list[dict[str, float]] = []
    ys: list[bool] = []
    for article, doc in zip(articles, nlp.pipe(_prepare(nlp, a) for a in articles), strict=True):
        drafts = list(doc._.claims or [])
        records = [claim_record(d, article.text, article.id, published=article.published) for d in drafts]
        g_items = [_gold_item(i, g, article.text, None) for i, g in enumerate(gold) if g.article_id == article.id]
        exact = {pair.pred.index for pair in match(g_items, [_pred_item(i, r) for i, r in enumerate(records)])
                 if pair.exact}
        for index, draft in enumerate(drafts):
            xs.append(features(draft, draft.confidence, draft.rules, draft.warnings))
            ys.append(index in exact)
    return xs, ys, len(articles)


def fit(xs: Sequence[dict[str, float]], ys: Sequence[bool], c: float = C, seed: int = SEED) -> dict[str, Any]:
    """A logistic regression over named features (the claim model's fit too): bias, weights by name
    (rounded, zeros left out, sorted) and the scikit-learn version."""
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True, sparse=False)  # at most a few thousand columns
    x = vectorizer.fit_transform(list(xs))
    model = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
    model.fit(x, [int(y) for y in ys])
    weights = {str(n): round(float(w), ROUND) for n, w in zip(vectorizer.get_feature_names_out(), model.coef_[0],
                                                               strict=True) if round(float(w), ROUND) != 0.0}
    return {"bias": round(float(model.intercept_[0]), ROUND), "weights": dict(sorted(weights.items())),
            "sklearn": sklearn.__version__}


def calibration_file(fitted: dict[str, Any], articles: int, ys: Sequence[bool]) -> str:
    body = {
        "_format": "Confidence calibration of pipeline/calibration.py: p = sigmoid(bias + sum of weight x value "
                   "of a claim's features) is the chance the claim is exactly right. Written by `make calibrate` "
                   "(python -m pipeline.train_calibration); do not edit by hand.",
        "fitted_on": {"corpus": "corpora/dev", "gold": "evals/gold/dev.jsonl", "articles": articles,
                      "claims": len(ys), "exactly_right": sum(ys)},
        "seed": SEED, "C": C, "sklearn": fitted["sklearn"], "bias": fitted["bias"], "weights": fitted["weights"],
    }
    return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] = ()) -> int:
    xs, ys, articles = examples()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(calibration_file(fit(xs, ys), articles, ys), encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: fitted on {len(ys)} dev claims of {articles} articles, "
          f"{sum(ys)} exactly right")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
