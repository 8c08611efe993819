"""Ranges and changes: two figures that make one ("$1bn-$2bn", "between 5 and 6 billion yuan") or two
sides of one change ("slid from $1,980 to $1,905"), coordinated units ("45 and 50 mg") and stated
equivalents ("600 million yuan (US$84.5 million)").
"""

from __future__ import annotations

from pipeline.numbers.attach import Attachments
from pipeline.numbers.drafts import Draft
from pipeline.numbers.grammar import scale_of
from pipeline.numbers.tokens import DASHES


class Ranges(Attachments):
    """Figures read together with the figure after them."""

    def mention_at(self, i: int, nested: bool) -> tuple[Draft | None, int]:
        """The mention whose numeral starts at token i: the scanner's (:class:`pipeline.numbers.engine.Scanner`),
        which a range or an equivalent uses to read its second figure."""
        raise NotImplementedError

    def mark_changes(self, drafts: list[Draft]) -> None:
        """"slid from $1,980 to $1,905", "narrowed to 96,410 contracts from 143,220": the old and the new
        figure of one change, marked so that the linker can make one claim of them; a bare number takes
        the kind and unit of its partner."""
        text = self.text
        for a, b in zip(drafts, drafts[1:], strict=False):
            between = " ".join(text[a.end:b.start].lower().split())
            if a.counted and between.startswith(a.counted.lower() + " "):
                between = between[len(a.counted) + 1:]  # "to 96,410 contracts from 143,220"
            if between not in ("to", "from") or a.role or b.role:
                continue
            lead = "from" if between == "to" else "to"
            at = self.word_before(a.start, lead)
            if at is None or not self.change_just_before(at):
                continue
            if b.kind == "number" and a.kind != "number" and b.low is None:
                b.kind, b.unit, b.currency, b.value_kind, b.counted = a.kind, a.unit, a.currency, a.value_kind, \
                    a.counted
            _share_rate(a, b)
            if a.kind != b.kind or a.unit != b.unit or a.currency != b.currency:
                continue
            a.role, b.role = ("old", "new") if between == "to" else ("new", "old")

    def range_after(self, draft: Draft) -> None:
        p = self.p
        text = self.text
        mc = p.range_connector.match(text, draft.end)
        if mc is None:
            return
        conn = mc.group().strip().lower()
        if conn == "and":
            before = text[max(0, draft.start - 12):draft.start].lower().rstrip()
            if not before.endswith("between"):
                return
        if conn == "to" and draft.kind != "number" and self.change_just_before(draft.start):
            return  # "fell 41p to 380p", "rose 27 cents to $14.10": the change, then the new level
        if conn in ("to", "- to", "through"):
            at = self.word_before(draft.start, "from", words=3)
            if at is not None and self.change_just_before(at):
                return  # "rose from $1bn to $2bn": two figures, not a range ("range from 3 to 6%" is one)
        if draft.core.plain_digits and len(draft.core.plain_digits) == 4 and draft.kind == "number":
            return
        at_tok = self.tok_at_char(mc.end())
        if at_tok >= self.n or mc.end() != self.toks[at_tok].start:
            return
        j = self.numeral_start(at_tok)
        if j is None:
            return
        other, _nxt = self.mention_at(j, nested=True)
        if other is None or other.amount is None or draft.amount is None:
            return
        low, high = draft.amount, other.amount
        if draft.kind == "number" and other.kind != "number":
            # the first number inherits the second's scale, unit and currency: "5 and 6 billion yuan"
            if other.core.scaled and not draft.core.scaled and abs(other.core.value) >= 1000 * abs(
                    draft.core.value or 1):
                scale = scale_of(other.core)
                low = low * scale
            if other.kind == "percent":
                low = low * (0.01 if other.unit in ("percent", "percentage_point") else 1)
                if other.amount < 0 < low:
                    low = -low
            if other.kind == "money" and other.minor_factor:
                low = low * other.minor_factor
            draft.kind, draft.unit, draft.currency = other.kind, other.unit, other.currency
            draft.value_kind = other.value_kind
            draft.pattern = other.pattern
        elif draft.kind == "number" and other.kind == "number" and other.core.scaled and not draft.core.scaled:
            low = low * scale_of(other.core)
        elif draft.kind == "money" and other.kind == "number" and other.core.scaled and not draft.core.scaled \
                and conn not in ("and",):
            low = low * scale_of(other.core)  # "$5-6 billion"
            other.kind, other.currency, other.unit = draft.kind, draft.currency, draft.unit
        _share_rate(draft, other)
        if draft.kind != other.kind or draft.unit != other.unit or draft.currency != other.currency:
            return
        if conn in ("-", "–", "—", "~") and not (low < high):
            return
        if conn in ("-", "–", "—") and draft.core.words and text[draft.end:draft.end + 1] in DASHES:
            return  # "three-nought-four"
        if draft.kind == "number" and conn in ("-", "–", "—") and (
                draft.core.plain_digits and other.core.plain_digits and len(other.core.plain_digits) >= 4):
            return
        draft.low, draft.high = low, high
        draft.amount = None
        draft.end = other.end
        draft.end_tok = other.end_tok
        draft.pattern = draft.pattern + "+range"

    def word_before(self, start: int, word: str, words: int = 1) -> int | None:
        """Where ``word`` starts when it is one of the last ``words`` words before ``start``."""
        lo = max(0, start - 40)
        found = self.text[lo:start].lower().replace(",", " ").split()[-words:]
        if word not in found:
            return None
        window = self.text[lo:start].lower()
        at = window.rfind(" " + word + " ")
        return lo + at + 1 if at >= 0 else (lo if window.startswith(word + " ") else None)

    def change_just_before(self, start: int) -> bool:
        """A verb of change right before ``start`` ("fell", "rose by", "slid sharply", "added about")."""
        words = self.text[max(0, start - 40):start].lower().replace(",", " ").split()[-3:]
        while words and (words[-1] == "by" or words[-1] in self.d.hedges or words[-1].endswith("ly")):
            words.pop()
        d = self.d
        return bool(words) and (words[-1] in d.up_words or words[-1] in d.down_words or words[-1] in d.change_verbs)

    def numeral_start(self, j: int) -> int | None:
        """The first numeral token at or just after j, past a currency symbol ("US$84.5", "HK $ 10")."""
        if j >= self.n:
            return None
        first = self.toks[j].start
        for k in range(j, min(self.n, j + 4)):
            t = self.toks[k]
            if t.kind == "w" and k > j and not t.space and t.text.isupper() and self.toks[k - 1].kind == "s":
                continue  # a letter of the prefix: "($A63,904,110)"
            if t.kind == "n" or t.text in self.d.vulgar or t.kind == "w" and t.low in self.word_starts:
                if k == j or k == j + 1 and self.toks[j].text in DASHES and self.glued(k):
                    return k
                m = self.p.currency_prefix.search(self.text, first, t.start)
                return k if m is not None and m.start() == first else None
            if t.start - first > 8:
                return None
        return None

    def equivalent_after(self, draft: Draft) -> None:
        p, text = self.p, self.text
        mo = p.equivalent_open.match(text, draft.end)
        if mo is None:
            return
        j = self.numeral_start(self.tok_at_char(mo.end()))
        if j is None:
            return
        other, _ = self.mention_at(j, nested=True)
        if other is None or other.kind != "money" or other.currency == draft.currency:
            return
        end = other.end
        opened = mo.group().strip()[:1]
        if opened in "([":
            k = self.tok_at_char(end)
            close = self.tok(k)
            if close is None or close.text not in ")]":
                return
            end = close.end
        elif "USD" not in (draft.currency, other.currency):
            return
        if other.currency == "USD" and draft.currency != "USD":
            primary, stated = draft, other
        elif draft.currency == "USD" and other.currency != "USD":
            primary, stated = other, draft
        else:
            primary, stated = draft, None
        usd = None if stated is None else stated.amount  # taken before the primary's figures replace the draft's
        if stated is not None and usd is None and stated.low is not None and stated.high is not None:
            usd = (stated.low + stated.high) / 2
        if primary is other:
            draft.amount, draft.low, draft.high = other.amount, other.low, other.high
            draft.currency, draft.unit, draft.value_kind = other.currency, other.unit or draft.unit, \
                other.value_kind
        draft.end = end
        draft.end_tok = self.tok_at_char(end)
        draft.pattern = draft.pattern + "+stated_usd" if stated is not None else draft.pattern + "+equivalent"
        if usd is not None:
            self.convert(draft, stated_usd=usd)

    def coordinated_unit(self, draft: Draft) -> None:
        """"45 and 50 mg": the first number takes the unit of the second."""
        text = self.text
        k = self.tok_at_char(draft.end)
        conj = self.tok(k)
        if conj is None or conj.low not in ("and", "or") or text[draft.end:conj.start] != " ":
            return
        j = self.numeral_start(k + 1)
        if j is None or self.toks[j].kind != "n" or text[conj.end:self.toks[j].start] != " ":
            return
        other, _ = self.mention_at(j, nested=True)
        if other is None or other.kind not in ("quantity", "percent") or other.core.scaled or \
                other.unit in ("ratio", "multiple"):
            return
        factor = 0.01 if other.kind == "percent" else 1.0
        draft.kind, draft.unit, draft.value_kind = other.kind, other.unit, other.value_kind
        draft.amount = (draft.amount or 0) * factor
        draft.pattern = other.pattern + "+coordinated"


def _share_rate(first: Draft, second: Draft) -> None:
    """"between $41 and $47 a share": the rate written after the second price is the first's too."""
    if first.kind == second.kind == "money" and first.currency == second.currency and first.unit is None and \
            second.value_kind == "rate":
        first.unit, first.value_kind = second.unit, second.value_kind
