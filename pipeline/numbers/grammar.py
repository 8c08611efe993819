"""The scale and grouping grammar: digits and number words read as one numeral.

"two hundred and five", "4 thousand", "1.2 million", "three-quarters", "a dozen": :meth:`Grammar.chain`
walks the tokens once, and what it may read next depends on what it read last, a :class:`Last` state.
"""

from __future__ import annotations

import math
from enum import Enum

from pipeline.numbers.drafts import Core, Skip
from pipeline.numbers.numerals import Numerals
from pipeline.numbers.tokens import DASHES


class Last(Enum):
    """What the numeral read last, which decides what may follow it."""

    DIGIT = "digit"  # digits: "4" in "4 thousand"
    DIGIT_SCALED = "digit_scaled"  # digits with a glued scale: "1.2bn"
    UNIT = "unit"  # a unit word: "five"
    TEEN = "teen"  # "twelve"
    TENS = "tens"  # "twenty", which a unit word may follow ("twenty-five")
    HUNDRED = "hundred"
    AND_H = "and_h"  # "and" after "hundred": "two hundred and five"
    SCALE = "scale"  # "thousand", "million"
    AND = "and"  # "and" after a scale: "two million and five"
    A = "a"  # the article: "a third", "a dozen", "a hundred"
    DOZEN = "dozen"
    POINT = "point"  # "two point five"


class Grammar(Numerals):
    """Numerals from digits, number words and scale words."""

    def chain(self, i: int, money: bool = False, fraction_only: bool = False,
              after_dash_ok: bool = False) -> Core | Skip | None:
        """Digits and number words as one numeral: "two hundred and five", "4 thousand", "1.2 million"."""
        d = self.d
        toks, n = self.toks, self.n
        total = 0.0
        group: float | None = None
        last: Last | None = None
        last_scale = math.inf
        k = i
        end_k = i
        first: Core | None = None
        negative = False
        words = False
        scaled = False
        numerator_a = False
        items = 0
        single: str | None = None
        if toks[k].kind == "w" and toks[k].low in d.negative_words and self.tok(k + 1) is not None:
            negative = True
            k += 1
            if self.is_sym(k, DASHES) and self.glued(k) and self.glued(k + 1) and toks[k + 1].kind == "n":
                k += 1  # "minus-40 degrees"
                after_dash_ok = True
        start_char = toks[i].start
        while k < n:
            t = toks[k]
            lw = t.low
            if t.kind == "n" or t.text in d.vulgar or (t.text == "." and k == i and self.glued(k + 1)):
                if items and not (last in (Last.AND, Last.AND_H) or last is Last.SCALE and self.next_is_multiplier(k)):
                    break
                if items and last is Last.SCALE and group is not None:
                    break
                item = self.digit_item(k, after_dash_ok=after_dash_ok and items == 0)
                if isinstance(item, Skip) or item is None:
                    if items == 0:
                        return item
                    break
                if items == 0:
                    first = item
                    start_char = item.start if not negative else start_char
                group = item.value if group is None else group + item.value
                last = Last.DIGIT
                scaled = scaled or item.scaled
                if item.scaled:
                    last = Last.DIGIT_SCALED
                k = item.end_tok
                end_k = k
                items += 1
                continue
            if t.kind == "w":
                if lw in self.number_words:
                    v = float(self.number_words[lw])
                    typ = Last.UNIT if lw in d.units else Last.TEEN if lw in d.teens else Last.TENS
                    if group is None and last in (None, Last.SCALE, Last.AND, Last.A):
                        if last is Last.A and typ is not Last.TENS:
                            break
                        group = v
                    elif last is Last.TENS and typ is Last.UNIT and v > 0:
                        assert group is not None
                        group += v
                    elif last in (Last.HUNDRED, Last.AND_H) and group is not None and v < 100:
                        group += v
                    else:
                        break
                    last = typ
                    words = True
                    k += 1
                    end_k = k
                    items += 1
                    single = lw if items == 1 else None
                    if self.is_sym(k, "-") and k + 1 < n and toks[k + 1].low in self.number_words and \
                            typ is Last.TENS and toks[k + 1].low in d.units:
                        k += 1  # twenty-one
                    continue
                if lw in d.hundred:
                    if last in (Last.UNIT, Last.TEEN, Last.DIGIT, Last.TENS) and group is not None and group < 1000:
                        group *= 100
                    elif last is Last.A:
                        group = 100.0
                    else:
                        break
                    last = Last.HUNDRED
                    words = True
                    k += 1
                    end_k = k
                    items += 1
                    continue
                scale = d.scales.get(lw)
                if scale is None and last in (Last.DIGIT,) and t.text in d.scale_abbr:
                    scale = self.spaced_scale(k, money)
                if scale is None and last in (Last.DIGIT,) and money and t.text.lower() in d.scale_money_only:
                    scale = d.scale_money_only[t.text.lower()]
                if scale is not None:
                    if group is None and last is Last.SCALE and scale > last_scale:
                        total *= scale  # "three lakh crore"
                        last_scale = scale
                        k += 1
                        end_k = k
                        items += 1
                        continue
                    if group is None:
                        if last is Last.A:
                            group = 1.0
                        else:
                            break
                    if scale > last_scale or (total and scale >= last_scale):
                        total = (total + group) * scale
                    else:
                        total += group * scale
                    group = None
                    last = Last.SCALE
                    last_scale = scale
                    scaled = True
                    k += 1
                    end_k = k
                    items += 1
                    if self.is_sym(k, "-") and self.glued(k) and k + 1 < n and toks[k + 1].low in d.scales:
                        k += 1
                    continue
                if lw in d.dozens and (group is not None or last is Last.A):
                    group = (group if group is not None else 1.0) * 12
                    last = Last.DOZEN
                    k += 1
                    end_k = k
                    items += 1
                    continue
                if lw in ("a", "an") and items == 0:
                    nxt = self.tok(k + 1)
                    if nxt is None or nxt.kind != "w":
                        break
                    if nxt.low in d.hundred or nxt.low in d.scales or nxt.low in d.dozens or \
                            nxt.low in d.denominators or nxt.low in d.tens:
                        last = Last.A
                        numerator_a = True
                        k += 1
                        continue
                    break
                if lw in ("half", "quarter") and (items == 0 or last is Last.A):
                    frac = 0.5 if lw == "half" else 0.25
                    j = k + 1
                    if self.tok(j) is not None and toks[j].low in ("a", "an"):
                        j += 1
                    nxt = self.tok(j)
                    if nxt is not None and (nxt.low in d.scales or nxt.low in d.dozens):
                        group = frac
                        last = Last.A
                        words = True
                        k = j
                        items += 1
                        continue
                if lw in d.denominators and (group is not None or last is Last.A) and last is not Last.SCALE:
                    num = (total + (group or 0.0)) if group is not None or total else 1.0
                    if last is Last.A and group is None:
                        num = 1.0
                    plural = lw.endswith("s") and lw not in ("thirds",) or lw in ("thirds", "halves")
                    if not plural and num != 1:
                        break
                    if last in (Last.DIGIT, Last.DIGIT_SCALED) and not fraction_only:
                        break
                    if lw in ("quarter", "quarters") and not fraction_only and \
                            not self.quarter_is_fraction(k, numerator_a):
                        break
                    if not plural and lw in ("second", "first"):
                        break
                    value = num / d.denominators[lw]
                    k += 1
                    end_k = k
                    # "three quarters billion", "two thirds of a million"
                    frac_scaled = False
                    if self.tok(k) is not None and toks[k].low in d.scales and toks[k].space and not fraction_only:
                        value *= d.scales[toks[k].low]
                        k += 1
                        end_k = k
                        frac_scaled = True
                    elif self.tok(k + 2) is not None and toks[k].low == "of" and toks[k + 1].low in ("a", "an") \
                            and toks[k + 2].low in d.scales:
                        value *= d.scales[toks[k + 2].low]
                        k += 3
                        end_k = k
                    return Core(start_char, toks[end_k - 1].end, -value if negative else value, end_k,
                                is_int=False, words=True, fraction=not frac_scaled, negative=negative,
                                scaled=frac_scaled)
                if lw == d.decimal_word and last in (Last.UNIT, Last.TEEN, Last.TENS, Last.HUNDRED) and words:
                    dec = self.decimal_words(k + 1)
                    if dec is not None:
                        digits, k = dec
                        group = (group or 0.0) + float("0." + digits)
                        end_k = k
                        last = Last.POINT
                        continue
                    break
                if lw in ("and",) and last in (Last.HUNDRED, Last.SCALE, Last.UNIT, Last.TENS, Last.TEEN, Last.DIGIT):
                    and_frac = self.and_fraction(k + 1)
                    if and_frac is not None:
                        fvalue, fscale, fend = and_frac
                        if last is Last.SCALE:
                            value = total + fvalue * (fscale or last_scale)
                        elif fscale and not scaled:
                            value = (total + (group or 0.0) + fvalue) * fscale
                        else:
                            value = total + (group or 0.0) + fvalue
                            if fscale:
                                fend -= 1
                        return Core(start_char, toks[fend - 1].end, -value if negative else value, fend,
                                    is_int=False, words=True, scaled=True, negative=negative)
                    nxt = self.tok(k + 1)
                    after = self.tok(k + 2)
                    if after is not None and nxt is not None and nxt.kind == "n" and \
                            self.glued(k + 2) and after.text in ".,":
                        after = self.tok(k + 4)
                    if after is not None and last is Last.HUNDRED and after.low in d.hundred:
                        break  # "3 hundred and 2 hundred": two numbers
                    if last in (Last.HUNDRED, Last.SCALE) and nxt is not None and (
                            nxt.low in self.number_words or nxt.kind == "n" and last is Last.HUNDRED or
                            nxt.kind == "n" and last is Last.SCALE):
                        last = Last.AND_H if last is Last.HUNDRED else Last.AND
                        k += 1
                        continue
                    break
                if lw in ("&",):
                    break
                break
            if t.text == "," and last is Last.SCALE and self.tok(k + 1) is not None and \
                    toks[k + 1].low in self.number_words and words:
                last = Last.AND
                k += 1
                continue
            if t.text == "&" and last in (Last.HUNDRED, Last.SCALE):
                last = Last.AND_H if last is Last.HUNDRED else Last.AND
                k += 1
                continue
            if t.text in DASHES and last in (Last.TENS, Last.UNIT, Last.TEEN, Last.HUNDRED) and \
                    self.tok(k + 1) is not None and \
                    (toks[k + 1].low in self.number_words or toks[k + 1].low in d.denominators or
                     toks[k + 1].low in d.hundred) and words:
                k += 1
                continue
            if t.text in DASHES and last is Last.DIGIT and self.glued(k) and self.glued(k + 1) and \
                    toks[k + 1].low in d.scales:
                k += 1
                continue
            break
        if items == 0 or (group is None and total == 0 and last not in (Last.SCALE,)):
            return None
        value = total + (group or 0.0)
        if not math.isfinite(value):  # '$' and 400 nines: beyond a float, so no figure at all
            return None
        if negative:
            value = -value
        end_tok = end_k
        if first is not None and items == 1:
            first.value = value
            first.negative = negative
            first.start = start_char
            first.end_tok = end_tok
            return first
        return Core(start_char, toks[end_tok - 1].end, value, end_tok, is_int=value == int(value),
                    words=words, scaled=scaled, negative=negative, single_word=single if items == 1 else None,
                    plain_digits=None)

    def next_is_multiplier(self, k: int) -> bool:
        """After a scale, digits continue the numeral only before hundred/thousand ("4 thousand 3 hundred")."""
        j = k + 1
        t = self.tok(j)
        return t is not None and t.space and (t.low in self.d.hundred or t.low in self.d.scales)

    def spaced_scale(self, k: int, money: bool) -> float | None:
        t = self.toks[k]
        d = self.d
        factor = d.scale_abbr.get(t.text)
        if factor is None:
            return None
        if len(t.text) > 1 and t.text not in ("MM",):
            return factor
        nxt = self.tok(k + 1)
        if money:
            return factor
        if nxt is None or nxt.kind == "s" and nxt.text not in "-/":
            return factor
        if nxt.kind == "w" and (self.p.unit_suffix.match(self.text, nxt.start) or
                                self.p.currency_suffix.match(self.text, nxt.start)):
            return factor
        return None

    def quarter_is_fraction(self, k: int, numerator_a: bool) -> bool:
        """"a quarter of the market" but not "the third quarter" or "three quarters in a row"."""
        nxt = self.tok(k + 1)
        if nxt is None:
            return not numerator_a
        if nxt.low in self.d.scales:
            return True
        if nxt.low == "of":
            after = self.tok(k + 2)
            return after is not None and after.kind == "w" and after.low not in (
                "the", "this", "last", "next", "fiscal")
        if self.is_sym(k - 1, "-") and self.glued(k):
            return True
        return nxt.kind == "s" and not numerator_a

    def decimal_words(self, k: int) -> tuple[str, int] | None:
        d = self.d
        digits = ""
        j = k
        while j < self.n and self.toks[j].low in d.units:
            digits += str(d.units[self.toks[j].low])
            j += 1
        if digits:
            return digits, j
        t = self.tok(j)
        if t is not None and (t.low in d.teens or t.low in d.tens):
            v = self.number_words[t.low]
            j += 1
            if t.low in d.tens and self.is_sym(j, "-") and self.tok(j + 1) is not None and \
                    self.toks[j + 1].low in d.units:
                v += d.units[self.toks[j + 1].low]
                j += 2
            elif t.low in d.tens and self.tok(j) is not None and self.toks[j].low in d.units:
                v += d.units[self.toks[j].low]
                j += 1
            return str(v), j
        return None

    def and_fraction(self, k: int) -> tuple[float, float | None, int] | None:
        """The fraction after "and" ("one and a half", "five billion and three quarters"), its scale, its end."""
        d = self.d
        t = self.tok(k)
        if t is None or t.kind != "w":
            return None
        if t.low in ("a", "an"):
            num, j = 1.0, k + 1
        elif t.low in self.number_words:
            num, j = float(self.number_words[t.low]), k + 1
            if t.low in d.tens and self.tok(j + 1) is not None and self.toks[j].text in DASHES and \
                    self.toks[j + 1].low in d.units:
                num += d.units[self.toks[j + 1].low]
                j += 2
        else:
            return None
        den = self.tok(j)
        if den is None or den.low not in d.denominators:
            return None
        plural = den.low.endswith("s") or den.low == "halves"
        if plural == (num == 1) and den.low != "half":
            return None
        value = num / d.denominators[den.low]
        j += 1
        nxt = self.tok(j)
        if nxt is not None and nxt.low in d.scales:
            return value, d.scales[nxt.low], j + 1
        return value, None, j


def scale_of(core: Core) -> float:
    """The scale factor a scaled numeral carries (1.2 billion -> 1e9)."""
    v = abs(core.value)
    if v == 0:
        return 1.0
    for factor in (1e12, 1e9, 1e6, 1e3):
        if v >= factor:
            return factor
    return 1.0
