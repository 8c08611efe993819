"""What a frame finder is given: one sentence with its spans, the parse matches that start in it,
the discourse so far and what the linker knows."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from pipeline.linking.discourse import Discourse
from pipeline.linking.lexicon import Lexicon
from pipeline.linking.masked import Masked
from pipeline.linking.parse import ParseMatch


@dataclass(slots=True)
class Sentence:
    sent: Span
    ents: list[Span]
    values: list[Span]
    dates: list[Span]
    ctx: Discourse
    lex: Lexicon
    parse: list[ParseMatch] = field(default_factory=list)
    masked: Masked = field(init=False)
    #: values a comparison frame has already used: no claim of their own
    used_values: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.masked = Masked(self.sent, self.ents, self.values)
