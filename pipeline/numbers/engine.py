"""The scanner behind :func:`pipeline.numbers.find_values`.

The text is cut into tokens once (digit runs, letter runs, single symbols); a numeral is read
from the tokens (digits with separators, number words, scale words, fractions), then its
context is read from bounded windows around it: a currency before or after, a percent sign,
a unit, a hedge, a range partner, a stated equivalent in brackets.  Every step moves forward or
looks at most a fixed distance away, so the whole scan is linear in the length of the text.

The scanner is built in layers, one module each, every one reading only what the layers below it
provide: :mod:`.tokens` (the tokens and cheap questions about them), :mod:`.numerals` (numerals in
digits), :mod:`.grammar` (digits and number words as one numeral, a state machine over
:class:`~pipeline.numbers.grammar.Last`), :mod:`.attach` (currencies, units, signs, rates, hedges),
:mod:`.ranges` (ranges, changes and stated equivalents), then this module: the main loop, what a numeral
is in its context, and what is no number to report. The finished drafts become values in :mod:`.values`.
"""

from __future__ import annotations

import re

from pipeline.numbers.context import carry_units, index_points
from pipeline.numbers.drafts import Core, Draft, Skip, Tok
from pipeline.numbers.patterns import normalise_symbol
from pipeline.numbers.ranges import Ranges
from pipeline.numbers.tokens import DASHES, plural
from pipeline.numbers.vague import vague_at

__all__ = ["Scanner"]


class Scanner(Ranges):
    """One pass over one text: each numeral, what it is, and whether it is a number to report at all."""

    def run(self) -> list[Draft]:
        out: list[Draft] = []
        i = 0
        vulgar = self.d.vulgar
        while i < self.n:
            t = self.toks[i]
            start = False
            if t.kind == "w" and t.low in self.d.vague_words:
                found = vague_at(self, i)
                if found is not None and not (out and found.start < out[-1].end):
                    out.append(found)
                    self.last_end = found.end
                    i = max(found.end_tok, i + 1)
                    continue
            if t.kind == "n" or t.text in vulgar:
                start = True
            elif t.kind == "w" and t.low in self.word_starts:
                start = True
            elif t.text == "." and self.glued(i + 1) and self.toks[i + 1].kind == "n" and (
                    t.space or i == 0 or self.toks[i - 1].kind == "s" and self.toks[i - 1].text not in ".,"):
                start = True
            elif t.kind == "w" and t.low in ("percent", "percents", "per"):
                found = self.reversed_percent(i)
                if found is not None:
                    out.append(found)
                    i = max(found.end_tok, i + 1)
                    continue
            if not start:
                i += 1
                continue
            draft, nxt = self.mention_at(i, nested=False)
            if draft is not None:
                if out and draft.start < out[-1].end:
                    draft = None
                else:
                    out.append(draft)
                    self.last_end = draft.end
            i = max(nxt, i + 1)
        self.mark_changes(out)
        index_points(self, out)
        carry_units(self, out)
        return out

    def mention_at(self, i: int, nested: bool) -> tuple[Draft | None, int]:
        """The mention whose numeral starts at token i, and the token to continue from."""
        d = self.d
        t = self.toks[i]
        # multiples and halves written as words
        if t.kind == "w" and (t.low in d.multiple_verbs or t.low in d.multiple_words):
            return self.word_multiple(i), i + 1
        cur_prefix = self.prefix_before(t.start)
        if cur_prefix is None and self.is_sym(i - 1, DASHES) and self.glued(i):
            cur_prefix = self.prefix_before(t.start - 1)
        if cur_prefix is not None and cur_prefix.start() < self.last_end and not nested:
            cur_prefix = None  # "10 rmb 20 usd": the code belongs to the amount before
        money_prefix = cur_prefix is not None
        core = self.chain(i, money=money_prefix, after_dash_ok=nested)
        if isinstance(core, Skip):
            return None, core.end_tok
        if core is None:
            if t.low == "half":
                return self.half(i), i + 1
            if t.low in ("a", "an"):
                found = self.article_unit(i)
                if found is not None:
                    return found, found.end_tok
            return None, i + 1
        draft = self.contextualise(core, cur_prefix, nested)
        if draft is None:
            return None, core.end_tok
        return draft, draft.end_tok

    def contextualise(self, core: Core, cur_prefix: object, nested: bool) -> Draft | None:
        """Read what the numeral is: money, percent, quantity, multiple, count, or not a number at all."""
        d, p, text = self.d, self.p, self.text
        start, end = core.start, core.end
        k = core.end_tok
        draft = Draft(start=start, end=end, kind="number", amount=core.value, core=core, end_tok=k)
        # sign written before a currency symbol: -$5m, or before the digits: -5
        start = self.apply_sign(core, draft)
        # ---- currency before
        m_cur = cur_prefix if isinstance(cur_prefix, re.Match) else None
        if m_cur is not None:
            surface = m_cur.group("cur")
            code = self.resolve_symbol(surface, core.start)
            if code is not None:
                draft.kind, draft.currency = "money", code
                draft.start = m_cur.start("cur")
                draft.pattern = "money:symbol"
                if normalise_symbol(surface).startswith(d.million_prefix) and \
                        normalise_symbol(surface)[len(d.million_prefix):] in d.codes and len(surface) == 4:
                    draft.amount = (draft.amount or 0) * d.million_scale
                # "$ 10 dollars": the name repeats the symbol
                ms = p.currency_suffix.match(text, draft.end)
                if ms and ms.group("name") and d.names.get(ms.group("name").lower()) == code:
                    draft.end = ms.end()
                    k = self.tok_at_char(draft.end)
                self.fix_sign_before_symbol(draft)
        if draft.kind == "number":
            # ---- percent
            mp = p.percent_suffix.match(text, end)
            if mp:
                unit = d.percent_words.get(mp.group("p").lower().replace("\u00a0", " "),
                                           d.percent_words.get(" ".join(mp.group("p").lower().split()), "percent"))
                draft.kind = "percent"
                draft.end = mp.end()
                k = self.tok_at_char(draft.end)
                factor = 1e-4 if unit == "basis_point" else 0.01
                draft.amount = (draft.amount or 0) * factor
                draft.unit = "percentage_point" if unit in ("percentage_point", "basis_point") else "percent"
                draft.pattern = "percent:" + unit
                self.percent_kind(draft)
        if draft.kind == "number":
            # ---- time of day: 6pm, 2 p.m.
            mt = p.time_suffix.match(text, end)
            if mt and self.clock_like(core):
                return None
            # ---- currency after: 600 million yuan, 50 cents, 115USD
            ms = p.currency_suffix.match(text, end)
            if ms and ms.group("sym") and self.symbol_belongs_to_next(ms.end()):
                ms = None  # "1 $ 10 dollars": the symbol is the next amount's
            if ms:
                code, minor = self.resolve_suffix(ms, core)
                if code is not None:
                    draft.kind, draft.currency = "money", code
                    draft.end = ms.end()
                    k = self.tok_at_char(draft.end)
                    draft.pattern = "money:name" if ms.group("name") else "money:code"
                    if ms.group("code") and ms.group("code").startswith(d.million_prefix) and \
                            ms.group("code")[len(d.million_prefix):] in d.codes:
                        draft.amount = (draft.amount or 0) * d.million_scale
                    if minor is not None:
                        draft.amount = (draft.amount or 0) * minor
                        draft.minor_factor = minor
                        draft.pattern = "money:minor"
                    else:
                        self.scale_after_code(draft)
                        self.minor_after_major(draft)
        if draft.kind == "number":
            glued = self.glued_minor(core)
            if glued is not None:
                minor_unit, draft.end = glued
                draft.kind, draft.currency, draft.pattern = "money", minor_unit.currency, "money:minor"
                draft.amount = (draft.amount or 0) * minor_unit.factor
                draft.minor_factor = minor_unit.factor
                k = self.tok_at_char(draft.end)
        if draft.kind == "number":
            mult = self.multiple_after(core, end)
            if mult is not None:
                draft.kind, draft.unit, draft.value_kind = "percent", "multiple", "multiple"
                draft.end = mult
                k = self.tok_at_char(mult)
                draft.pattern = "multiple:times"
        if draft.kind == "number":
            found_unit = self.unit_after(core, end) or self.modified_unit(core, end)
            if found_unit is not None:
                canonical, uend, pattern = found_unit
                draft.kind, draft.unit, draft.value_kind = "quantity", canonical, "measure"
                draft.end = uend
                k = self.tok_at_char(uend)
                draft.pattern = pattern
                if canonical == "foot":
                    self.feet_and_inches(draft)
                    uend = draft.end
                ma = p.age_suffix.match(text, uend)
                if ma and canonical in ("year", "month", "week", "day"):
                    draft.end = ma.end()
                    k = self.tok_at_char(draft.end)
                    draft.pattern = "quantity:age"
        if draft.kind == "number" and core.fraction and core.words and abs(core.value) <= 1:
            draft.kind, draft.unit, draft.value_kind = "percent", "ratio", "share"
            draft.pattern = "ratio:fraction"
        # ---- money: per-unit rates
        if draft.kind == "money":
            draft.value_kind = "amount"
            rate = self.money_rate(draft.end)
            if rate is not None:
                draft.unit, draft.end = rate
                draft.value_kind = "rate"
                k = self.tok_at_char(draft.end)
        draft.end_tok = max(k, self.tok_at_char(draft.end))
        if draft.kind == "number" and not nested:
            self.ratio_after(draft)
        # ---- not numbers: years, codes, list markers, dates
        if draft.kind in ("number",):
            if self.not_a_number(core, draft):
                return None
        if draft.kind == "money" and draft.start > 0 and text[draft.start - 1] == "(" and \
                text[draft.end:draft.end + 1] == ")":
            self.accounting_negative(draft)
        # ---- ranges: $1bn-$2bn, between 5 and 6 billion yuan, 10-15 exabytes
        if not nested:
            self.range_after(draft)
            if draft.kind == "number" and self.aged_before(draft.start):
                draft.kind, draft.unit, draft.value_kind, draft.pattern = "quantity", "year", "measure", "quantity:age"
            if draft.kind == "number" and draft.low is None:
                self.coordinated_unit(draft)
        # ---- stated equivalents: 600 million yuan (US$84.5 million)
        if not nested and draft.kind == "money":
            self.equivalent_after(draft)
        if draft.kind == "number":
            self.count_after(draft)
        self.hedge_before(draft)
        if draft.kind == "money":
            self.convert(draft)
        return draft

    def not_a_number(self, core: Core, draft: Draft, bare_one: bool = True, years: bool = True) -> bool:
        """Years, model and part numbers, versions, list markers, dates, ordinals: not reported."""
        d, toks, text = self.d, self.toks, self.text
        i = self.tok_at_char(core.start)
        if self.toks[i].text in d.negative_words or self.toks[i].text in DASHES:
            i += 1
        k = core.end_tok
        nxt = self.tok(k)
        # glued letters that are not a known suffix: 910C, 24703L202, 1990s, 21st
        if nxt is not None and not nxt.space and nxt.kind == "w" and not core.words:
            return True
        if core.plain_digits is not None:
            digits = core.plain_digits
            if years and len(digits) == 4 and 1800 <= int(digits) <= 2100:
                return True
            if self.code_like(core, digits):
                return True
        if not core.words and not core.scaled and not core.fraction and self.model_number_before(core):
            return True
        prev = self.tok(i - 1)
        if prev is not None and prev.kind == "w" and prev.low in d.months and not core.words:
            return True
        if prev is not None and prev.text == "." and self.tok(i - 2) is not None and not core.words and \
                toks[i - 2].low in d.months:
            return True  # "Aug. 28"
        if nxt is not None and nxt.kind == "w" and nxt.low in d.months and nxt.space and not core.words and \
                core.plain_digits is not None and int(core.plain_digits) <= 31:
            return True
        if prev is not None and prev.kind == "w" and prev.low in d.code_prefixes and not core.words:
            return True
        if prev is not None and prev.text == "." and self.tok(i - 2) is not None and \
                toks[i - 2].low in d.code_prefixes and toks[i - 2].low not in ("nr", "nrs") and not core.words:
            return True  # "No. 1", "Fig. 3"
        # list markers: "1." / "2)" at the start of a line
        if core.plain_digits is not None and len(core.plain_digits) <= 2 and nxt is not None and \
                nxt.text in ".)" and not nxt.space:
            before = text[:core.start].rstrip(" \t(")
            if before == "" or before.endswith("\n"):
                return True
        if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")" and \
                core.plain_digits is not None and len(core.plain_digits) <= 2:
            return True
        # "one" as a pronoun: "the one you", "one of the largest"
        if core.single_word == "one" and not core.negative and bare_one:
            return True  # "one of the largest", "the one you": an article-like word, not a figure
        # ordinal compounds: "twenty-first century"
        if nxt is not None and nxt.text in DASHES and self.glued(k) and self.tok(k + 1) is not None and \
                toks[k + 1].low in d.ordinals and core.words:
            return True
        return False

    def code_like(self, core: Core, digits: str) -> bool:
        """"0630 GMT" (a time of day), "Calif. 94043", "the 90210 ZIP code", "350 Fifth Avenue"."""
        p, text = self.p, self.text
        if len(digits) == 4 and int(digits[:2]) <= 23 and int(digits[2:]) <= 59 and \
                p.time_zone_after.match(text, core.end):
            return True
        if len(digits) == 5 and (p.zip_before.search(text, max(0, core.start - 12), core.start) or
                                 p.zip_after.match(text, core.end)):
            return True
        return len(digits) <= 5 and p.street_after.match(text, core.end) is not None

    def model_number_before(self, core: Core) -> bool:
        """"RTX 4090", "Gaudi 3", "iOS 18.2": a capitalised name right before the number."""
        i = self.tok_at_char(core.start)
        prev = self.tok(i - 1)
        if prev is None or prev.kind != "w" or not self.toks[i].space:
            return False
        if "\n" in self.text[prev.end:self.toks[i].start]:
            return False
        if not (prev.text[:1].isupper() or any(ch.isupper() for ch in prev.text[1:])):
            return False
        if prev.text in self.d.capitalised_ok or prev.low in self.d.months:
            return False
        if normalise_symbol(prev.text) in self.p.prefix_codes:
            return False
        if prev.text.isupper() and len(prev.text) == 1 and prev.text in "AI":
            return False
        if self.sentence_initial(i - 1) and prev.text[1:].islower() and not any(
                ch.isupper() for ch in prev.text[1:]):
            # "Over 300 firms": a capitalised sentence opener, not a product name
            return prev.low in self.d.code_prefixes
        return True

    def count_after(self, draft: Draft) -> None:
        """"635,800 invention patents": the counted noun phrase, guessed from the words that follow."""
        d = self.d
        k = self.tok_at_char(draft.end)
        words: list[Tok] = []
        j = k
        while j < self.n and len(words) < 4:
            t = self.toks[j]
            if t.kind == "w" and t.space and t.low not in d.counted_stop and t.low not in d.months:
                words.append(t)
                j += 1
                if self.is_sym(j, "-") and self.glued(j) and self.glued(j + 1) and self.toks[j + 1].kind == "w":
                    j += 1  # AI-powered, GPU-hours
                    words[-1] = Tok("w", t.start, self.toks[j].end, self.text[t.start:self.toks[j].end],
                                    self.text[t.start:self.toks[j].end].lower(), True)
                    j += 1
                continue
            break
        if not words:
            return
        cut = 0
        one = draft.amount == 1
        for n_, w in enumerate(words):
            if one and n_ == 0 and w.low.isalpha():
                cut = 1
            if plural(w.low, d):
                cut = n_ + 1
                if not one:
                    break
        if cut == 0:
            return
        chosen = words[:cut]
        draft.kind = "count"
        draft.value_kind = "count"
        draft.counted = self.text[chosen[0].start:chosen[-1].end]
        draft.pattern = "count:text"

    def ratio_after(self, draft: Draft) -> None:
        """"one in five", "two out of five hundred", "1 over 3": a ratio."""
        k = self.tok_at_char(draft.end)
        t = self.tok(k)
        if t is None or t.kind != "w" or t.low not in ("over", "in", "out"):
            return
        j = k + 1
        if t.low == "out":
            if self.tok(j) is None or self.toks[j].low != "of":
                return
            j += 1
        y = self.tok(j)
        if y is None or not (y.kind == "n" or y.low in self.number_words):
            return
        core = self.chain(j)
        if not isinstance(core, Core) or core.value == 0 or core.fraction:
            return
        nxt = self.tok(core.end_tok)
        if nxt is not None and not nxt.space and nxt.kind in "nw" or \
                self.not_a_number(draft.core, draft, bare_one=False, years=t.low == "in"):
            return  # "No. 1 in 5G"
        x = draft.amount or 0.0
        after = self.tok(core.end_tok)
        followed_by_word = after is not None and after.kind == "w"
        if core.plain_digits is not None and len(core.plain_digits) == 4:
            return
        if t.low == "over" and (followed_by_word or draft.core.scaled):
            return
        if t.low == "in" and not (0 < abs(x) < core.value and draft.core.is_int and core.is_int):
            return
        if t.low == "out" and not abs(x) <= core.value:
            return
        draft.amount = x / core.value
        draft.kind, draft.unit, draft.value_kind = "percent", "ratio", "share"
        draft.end = core.end
        draft.end_tok = core.end_tok
        draft.pattern = "ratio:" + ("out_of" if t.low == "out" else t.low)

    def word_multiple(self, i: int) -> Draft | None:
        t = self.toks[i]
        d = self.d
        value = d.multiple_verbs.get(t.low) or d.multiple_words.get(t.low)
        if value is None:
            return None
        if t.low in d.multiple_verb_words:  # 'double the amount', 'to double', not 'double-digit'
            nxt = self.tok(i + 1)
            if (nxt is None or nxt.kind != "w" or nxt.low not in d.multiple_verb_word_objects) \
                    and not self.verb_after_modal(i):
                return None
        core = Core(t.start, t.end, value, i + 1, is_int=False, words=True)
        draft = Draft(start=t.start, end=t.end, kind="percent", amount=value, core=core, unit="multiple",
                      value_kind="multiple", pattern="multiple:word", end_tok=i + 1)
        self.hedge_before(draft)
        return draft

    def verb_after_modal(self, i: int) -> bool:
        """'double' as a verb: 'on track to double', 'is set to more than double', 'will roughly triple'."""
        nxt = self.tok(i + 1)
        if nxt is not None and nxt.text in DASHES and self.glued(i + 1):  # 'double-digit growth'
            return False
        j = i - 1
        while (prev := self.tok(j)) is not None and prev.low in self.d.multiple_verb_hedges:
            j -= 1
        prev = self.tok(j)
        return prev is not None and prev.low in self.d.multiple_verb_modals

    def half(self, i: int) -> Draft | None:
        """"more than half of", "half of the chips": a share of 0.5."""
        prev = self.tok(i - 1)
        nxt = self.tok(i + 1)
        if prev is not None and prev.low in self.d.ordinals or prev is not None and prev.low in ("the", "a", "one"):
            return None
        if nxt is not None and (nxt.text in DASHES and self.glued(i + 1) or nxt.low in ("an", "a", "the", "time",
                                                                                         "hour", "year", "way")):
            return None
        t = self.toks[i]
        core = Core(t.start, t.end, 0.5, i + 1, is_int=False, words=True, fraction=True, single_word="half")
        draft = Draft(start=t.start, end=t.end, kind="percent", amount=0.5, core=core, unit="ratio",
                      value_kind="share", pattern="ratio:half", end_tok=i + 1)
        self.hedge_before(draft)
        return draft

    def reversed_percent(self, i: int) -> Draft | None:
        """"percent of 10", "per cent of twenty-two": the number comes after."""
        t = self.toks[i]
        j = i + 1
        if t.low == "per":
            if self.tok(j) is None or self.toks[j].low not in ("cent", "cents"):
                return None
            j += 1
        prev = self.tok(i - 1)
        if prev is not None and (prev.kind == "n" or prev.low in self.number_words or prev.text == "%"):
            return None
        if self.tok(j) is None or self.toks[j].low != "of" or self.tok(j + 1) is None:
            return None
        core = self.chain(j + 1)
        if not isinstance(core, Core):
            return None
        nxt = self.tok(core.end_tok)
        if nxt is not None and nxt.kind == "w":
            return None
        draft = Draft(start=t.start, end=core.end, kind="percent", amount=core.value / 100, core=core,
                      unit="percent", value_kind="share", pattern="percent:reversed", end_tok=core.end_tok)
        return draft
