"""Vague magnitudes: "hundreds of millions of dollars", "dozens of engineers", "tens of thousands of staff".

Such a phrase states no figure but bounds one, so it becomes a range: the least and the most the
words can mean as whole numbers (``vague_magnitudes`` in ``models/numbers/numbers.json``), times the
plural scale after "of" ("hundreds of millions": 200 to 999 million). Money when "of" names a currency,
else a count of the noun phrase that follows; none when no plural noun follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.numbers.drafts import Core, Draft

if TYPE_CHECKING:
    from pipeline.numbers.engine import Scanner

#: the pattern prefix of every vague magnitude ("vague:hundreds")
VAGUE = "vague:"


def vague_at(sc: Scanner, i: int) -> Draft | None:
    """The vague magnitude whose word is token i ("Thousands of workers"), or None when no "of" follows."""
    d = sc.d
    t = sc.toks[i]
    low, high = d.vague_words[t.low]
    j = i + 1
    after = sc.tok(j)
    nxt = sc.tok(j + 1)
    if after is not None and after.low == "of" and nxt is not None and nxt.low in d.vague_of_scales:
        scale = d.vague_of_scales[nxt.low]
        low, high = low * scale, high * scale
        j += 2
    of = sc.tok(j)
    noun = sc.tok(j + 1)
    if of is None or of.low != "of" or noun is None or noun.kind != "w":
        return None
    core = Core(t.start, sc.toks[j - 1].end, low, j, is_int=True, words=True)
    draft = Draft(start=t.start, end=core.end, kind="count", amount=None, core=core, low=low, high=high,
                  value_kind="count", pattern=VAGUE + t.low, end_tok=j)
    currency = d.names.get(noun.low)
    if currency is not None:
        draft.kind, draft.currency, draft.value_kind = "money", currency, "amount"
        draft.end, draft.end_tok = noun.end, j + 2
        sc.convert(draft)
    else:
        # the counted noun phrase starts after "of" and its determiner ("tens of thousands of the processors")
        draft.end = noun.end if noun.low in d.million_m_of else of.end
        sc.count_after(draft)
        if draft.counted is None:
            return None  # "thousands of small, friendly deals": no noun to count, no figure worth reporting
        draft.kind, draft.value_kind, draft.pattern = "count", "count", VAGUE + t.low
        draft.end = core.end
    sc.hedge_before(draft)
    return draft
