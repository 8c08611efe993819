"""The library API: articles in, validated claim records out.

Records are built here and only here, from what the pipeline left on each Doc, so every
record is grounded (``text[evidence.start:evidence.end] == evidence.sentence``) and validated.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.context import BaseContext
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions, fx
from pipeline.articles import Article, article_from_mapping
from pipeline.components.linker import DraftClaim
from pipeline.errors import DataFileError
from pipeline.records import CLAIM_FIELDS, Claim, EntityRef, Evidence, Mention, Provenance, claim_id

ArticleLike = Article | Mapping[str, Any]


@dataclass(slots=True)
class ArticleResult:
    """One article's records: its claims and the normalised mentions below them."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: why the pipeline could not process this article (a bug, reported per article): no records then
    error: str | None = None


def _evidence(text: str, start: int, end: int) -> Evidence:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw) - len(raw.rstrip())
    start, end = start + lead, end - trail
    return Evidence(sentence=text[start:end], start=start, end=end)


def claim_record(draft: DraftClaim, text: str, article_id: str, component: str = "newsclaims_linker", *,
                 published: dt.date | None = None, url: str | None = None) -> Claim:
    """Turn a linker draft into a validated record."""
    evidence = _evidence(text, draft.sent_start, draft.sent_end)
    return Claim(
        **{name: getattr(draft, name) for name in CLAIM_FIELDS},
        id=claim_id(article_id, draft.type, *draft.anchor), article_id=article_id, published=published, url=url,
        evidence=evidence, value_span=draft.anchor, confidence=round(draft.confidence, 3),
        warnings=[*draft.warnings, *_subject_elsewhere(draft, evidence)],
        provenance=Provenance(component=component, pattern=draft.pattern, rules=list(draft.rules)),
    )


def _subject_elsewhere(draft: DraftClaim, evidence: Evidence) -> list[str]:
    """A subject read outside the claim's sentence (an antecedent, the article's first company) says so,
    with how far back it was: a reader checks those first (issue 14: 122 of 661 such records said nothing)."""
    subject = draft.subject
    if subject is None or evidence.start <= subject.start < evidence.end:
        return []
    if any(w.startswith("subject carried over") for w in draft.warnings):
        return []
    how = next((r.removeprefix("subject:") for r in draft.rules if r.startswith("subject:")), "the discourse")
    where = (f"{evidence.start - subject.start} characters before" if subject.start < evidence.start
             else f"{subject.start - evidence.end} characters after")
    return [f"subject from outside the sentence, {where} it ({how})"]


@dataclass(frozen=True, slots=True)
class SpanGroups:
    """The span groups the stages write, as the pipeline was configured (``spans_key`` settings)."""

    entities: str = extensions.ENTITIES
    values: str = extensions.VALUES
    dates: str = extensions.DATES

    @classmethod
    def of(cls, nlp: Language) -> SpanGroups:
        """The groups the pipeline's linker reads; without a linker, each stage's own ``spans_key``."""
        if "newsclaims_linker" in nlp.pipe_names:
            linker: Any = nlp.get_pipe("newsclaims_linker")
            return cls(linker.entities_key, linker.values_key, linker.dates_key)
        keys = {name: getattr(nlp.get_pipe(name), "spans_key", None) if name in nlp.pipe_names else None
                for name in ("newsclaims_entities", "newsclaims_numbers", "newsclaims_dates")}
        return cls(keys["newsclaims_entities"] or extensions.ENTITIES, keys["newsclaims_numbers"] or extensions.VALUES,
                   keys["newsclaims_dates"] or extensions.DATES)


def mentions_of(doc: Doc, article_id: str, groups: SpanGroups | None = None) -> list[Mention]:
    """The layer below the claims: every entity, value and date mention, normalised."""
    groups = groups or SpanGroups()
    out: list[Mention] = []
    if groups.entities in doc.spans:
        for span in doc.spans[groups.entities]:
            out.append(Mention(article_id=article_id, kind="entity", text=span.text, start=span.start_char,
                               end=span.end_char, label=span.label_, canonical=span._.canonical))
    if groups.values in doc.spans:
        for span in doc.spans[groups.values]:
            m = span._.value
            if m is None:
                continue
            out.append(Mention(article_id=article_id, kind=m.kind, text=m.text, start=m.start, end=m.end,
                               label=m.value.kind, value=m.value))
    if groups.dates in doc.spans:
        for span in doc.spans[groups.dates]:
            if span._.date is None:
                continue
            out.append(Mention(article_id=article_id, kind="date", text=span.text, start=span.start_char,
                               end=span.end_char, label=span._.date.granularity, date=span._.date))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _usd_warning(article: Article, basis: str) -> str | None:
    """A US-dollar figure from the rate table whose month is a guess: the article is undated, or its
    month lies outside the table."""
    if article.published is None:
        return f"usd: the article has no publication date; converted at the table's last month ({basis})"
    table = fx.load_rates()
    month = f"{article.published.year:04d}-{article.published.month:02d}"
    if table.first_month <= month <= table.last_month:
        return None
    return (f"usd: publication month {month} is outside the rate table ({table.first_month} to "
            f"{table.last_month}); converted at {basis}")


def doc_result(doc: Doc, article: Article, mentions: bool = True, groups: SpanGroups | None = None
               ) -> ArticleResult:
    """Records for one processed Doc; ids are made unique within the article. ``mentions=False``
    leaves the mention records out (about half of the record-building time)."""
    return pieces_result([(doc, 0)], article, mentions, groups)


def pieces_result(docs: list[tuple[Doc, int]], article: Article, mentions: bool = True,
                  groups: SpanGroups | None = None) -> ArticleResult:
    """Records for an article processed as one or more pieces, each Doc with its offset in the text."""
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    warnings: list[str] = []
    found: list[Mention] = []
    # what a record cannot know for sure because of its article, worked out once per article
    article_notes = [f"article: {w}" for w in article.warnings]
    usd_notes: dict[str, str | None] = {}
    for doc, offset in docs:
        for draft in doc._.claims or []:
            if offset:
                draft = _shifted(draft, offset)
            record = claim_record(draft, article.text, article.id, published=article.published, url=article.url)
            record.warnings.extend(article_notes)
            basis = record.value.usd_basis if record.value is not None else None
            if basis is not None and basis.startswith("fx:"):
                if basis not in usd_notes:
                    usd_notes[basis] = _usd_warning(article, basis)
                note = usd_notes[basis]
                if note is not None:
                    record.warnings.append(note)
            if record.id in seen:
                seen[record.id] += 1
                record = record.model_copy(update={"id": f"{record.id}-{seen[record.id]}"})
            else:
                seen[record.id] = 0
            claims.append(record)
        if mentions:
            found.extend(_shifted_mention(m, offset) for m in mentions_of(doc, article.id, groups))
        warnings.extend(doc._.warnings or [])
    return ArticleResult(article=article, claims=claims, mentions=found, warnings=warnings)


def _shifted_ref(ref: EntityRef | None, offset: int) -> EntityRef | None:
    if ref is None:
        return None
    return ref.model_copy(update={"start": ref.start + offset, "end": ref.end + offset})


def _shifted(draft: DraftClaim, offset: int) -> DraftClaim:
    """A piece's draft with its offsets moved into the whole article's text."""
    return draft.model_copy(update={
        "sent_start": draft.sent_start + offset, "sent_end": draft.sent_end + offset,
        "anchor": (draft.anchor[0] + offset, draft.anchor[1] + offset),
        "subject": _shifted_ref(draft.subject, offset), "object": _shifted_ref(draft.object, offset)})


def _shifted_mention(mention: Mention, offset: int) -> Mention:
    if not offset:
        return mention
    return mention.model_copy(update={"start": mention.start + offset, "end": mention.end + offset})


#: articles longer than this are processed in pieces cut at paragraph (else sentence, else word)
#: boundaries: spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters), and the parser's
#: memory grows with the Doc, so a 10 MB article runs as a hundred ordinary-sized Docs
PIECE_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+(?=\S)"), re.compile(r"\s+"))


def split_text(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``text`` as pieces of at most ``limit`` characters, each with its offset; cut at the last
    paragraph break before the limit, else the last line, sentence or word break, else at the limit."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _prepare(nlp: Language, article: Article, text: str | None = None) -> Doc:
    text = article.text if text is None else text
    doc = nlp.make_doc(text)
    extensions.seed_text(doc, text)
    doc._.article_id = article.id
    doc._.published = article.published
    doc._.title = article.title
    doc._.warnings = []
    return doc


def _piece_limit(nlp: Language) -> int:
    return max(1, min(PIECE_CHARS, nlp.max_length - 1))


def _run_batch(nlp: Language, articles: list[Article], batch_size: int, mentions: bool = True
               ) -> list[ArticleResult]:
    """Results in input order; an article the pipeline fails on gets an ``error`` result instead of
    taking its batch down with it."""
    try:
        return _run_pieces(nlp, articles, batch_size, mentions)
    except DataFileError:
        raise  # a broken data file under models/ fails every article: the run stops with one message
    except Exception as exc:  # find the article that failed, keep the others
        if len(articles) == 1:
            cause = f"{type(exc).__name__}: {exc}".splitlines()[0][:240]
            return [ArticleResult(article=articles[0], error=f"extraction failed ({cause})")]
        return [r for a in articles for r in _run_batch(nlp, [a], batch_size, mentions)]


def _run_pieces(nlp: Language, articles: list[Article], batch_size: int, mentions: bool) -> list[ArticleResult]:
    limit = _piece_limit(nlp)
    plan = [(a, split_text(a.text, limit) if len(a.text) > limit else [(0, a.text)]) for a in articles]
    docs = (_prepare(nlp, a, piece) for a, pieces in plan for _, piece in pieces)
    processed = nlp.pipe(docs, batch_size=batch_size)
    groups = SpanGroups.of(nlp)
    out: list[ArticleResult] = []
    for article, pieces in plan:
        done = [(next(processed), offset) for offset, _ in pieces]
        out.append(pieces_result(done, article, mentions, groups))
    return out


_WORKER_NLP: Language | None = None


def _worker_init(config: dict[str, dict[str, Any]] | None) -> None:
    """Load the pipeline once per worker process, unless it was inherited through ``fork``."""
    global _WORKER_NLP
    if _WORKER_NLP is not None:
        return
    from pipeline.nlp import load

    _WORKER_NLP = load(config)


def _worker_batch(articles: list[Article], batch_size: int, mentions: bool) -> list[ArticleResult]:
    assert _WORKER_NLP is not None
    return _run_batch(_WORKER_NLP, articles, batch_size, mentions)


def _submit(pool: ProcessPoolExecutor, nlp: Language | None, chunk: list[Article], batch_size: int,
            mentions: bool) -> Future[list[ArticleResult]]:
    # the first submit forks the workers: with ``nlp`` set they inherit it instead of loading one
    global _WORKER_NLP
    before = _WORKER_NLP
    if nlp is not None:
        _WORKER_NLP = nlp
    try:
        return pool.submit(_worker_batch, chunk, batch_size, mentions)
    finally:
        _WORKER_NLP = before


def _pool_context() -> BaseContext:
    # fork lets the workers share the parent's loaded pipeline instead of each loading it again
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


class Extractor:
    """newsclaims as a library: ``Extractor().extract(text, published=..., article_id=...)``."""

    def __init__(self, nlp: Language | None = None, config: dict[str, dict[str, Any]] | None = None) -> None:
        self._nlp = nlp
        self._config = config

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from pipeline.nlp import load

            self._nlp = load(self._config)
        return self._nlp

    def process(self, article: ArticleLike) -> ArticleResult:
        """Claims and mentions of one article (an :class:`Article` or a dict of its JSON fields)."""
        art = article_from_mapping(article)
        return _run_batch(self.nlp, [art], batch_size=1)[0]

    def extract(self, text: str, *, published: dt.date | str | None = None, article_id: str = "article"
                ) -> list[Claim]:
        """The claim records of one text; ``published`` resolves its relative dates."""
        return self.process({"id": article_id, "text": text, "published": published}).claims

    def extract_many(self, articles: Iterable[ArticleLike], *, batch_size: int = 32, n_process: int = 1,
                     mentions: bool = True) -> Iterator[ArticleResult]:
        """Stream results in input order; never holds more than a few batches in memory.

        With ``n_process > 1`` the batches go to worker processes, at most two per worker in flight;
        where ``fork`` exists the workers inherit this extractor's pipeline, else each loads its own
        from the config once. ``mentions=False`` skips the mention records (``result.mentions`` is
        empty) for callers that only write claims.
        """
        stream = (article_from_mapping(a, default_id=f"article-{i}") for i, a in enumerate(articles, 1))
        if n_process <= 1:
            while chunk := list(islice(stream, batch_size)):
                yield from _run_batch(self.nlp, chunk, batch_size, mentions)
            return
        context = _pool_context()
        fork = context.get_start_method() == "fork"
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_worker_init,
                                 initargs=(self._config,)) as pool:
            pending: deque[Future[list[ArticleResult]]] = deque()
            window = n_process * 2
            try:
                while True:
                    while len(pending) < window and (chunk := list(islice(stream, batch_size))):
                        pending.append(_submit(pool, self.nlp if fork else None, chunk, batch_size, mentions))
                    if not pending:
                        break
                    yield from pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()
