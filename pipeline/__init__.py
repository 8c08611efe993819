"""newsclaims: tech-news articles in, validated and grounded claim records out.

>>> from pipeline import Extractor
>>> claims = Extractor().extract(text, published="2025-12-10", article_id="a1")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.articles import Article, ReadError, iter_articles
from pipeline.errors import InputError, NewsclaimsError
from pipeline.records import SCHEMA_VERSION, Claim, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.extractor import ArticleResult, Extractor

__all__ = [
    "SCHEMA_VERSION", "Article", "ArticleResult", "Claim", "Extractor", "InputError", "Mention",
    "NewsclaimsError", "ReadError", "iter_articles", "load",
]
__version__ = "0.1.0"


def load(config: dict[str, dict[str, Any]] | None = None) -> Language:
    """The newsclaims spaCy pipeline: en_core_web_sm plus one component per stage."""
    from pipeline.nlp import load as _load

    return _load(config)


def __getattr__(name: str) -> Any:
    # spaCy is imported only when the pipeline is used, so reading articles and records stays light
    if name in ("Extractor", "ArticleResult"):
        from pipeline import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
